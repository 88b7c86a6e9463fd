// SPDX-License-Identifier: MIT
/* The picture and the controller, in process: equal aspect, the arrow's true angle, the
 * landing mark, the contour cache, layouts from 1x1 to 400x120, and what every key does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>

#include "steepest/app.h"
#include "rows.h"
#include "steepest/registry.h"
#include "steepest/optspec.h"
#include "steepest/fit.h"
#include "steepest/dataset.h"
#include "steepest/frame.h"

static app a;
static frame f;
static registry reg;

/* The layout the app's frame was drawn with (the fit pane included, for a surface on data). */
static frame_layout layout(int cols, int rows)
{
    scene sc;
    app_scene(&a, &sc);
    return frame_layout_fit(cols, rows, sc.show_fit);
}

/* Renders the app's scene into f, as the terminal and --snapshot do. */
static bool render(void)
{
    scene sc;
    app_scene(&a, &sc);
    return frame_render(&f, &sc);
}

static void start(const char *name, int cols, int rows, bool braille)
{
    ck_assert(app_init(&a, &reg, surface_find(name), cols, rows, braille));
    frame_init(&f);
    ck_assert(render());
}

static void stop(void)
{
    frame_free(&f);
    app_free(&a);
}

/* The frame's text, UTF-8, for searching. */
/* Not inlined: GCC then takes the memstream's buffer for a local and warns. */
__attribute__((noinline)) static char *frame_text(void)
{
    char *buf;
    size_t n;
    FILE *m = open_memstream(&buf, &n);
    frame_write_text(&f, m, -1, 0);
    fclose(m);
    return buf;
}

static bool frame_has(const char *needle)
{
    char *t = frame_text();
    bool yes = strstr(t, needle) != NULL;
    free(t);
    return yes;
}

static void key(int k)
{
    app_key(&a, k);
    ck_assert(render());
}

/* ---- geometry --------------------------------------------------------------------------- */

/* Bowl's level circle through θ spans about 2 cells across for every cell down. */
START_TEST(test_equal_aspect)
{
    static const int sizes[][2] = {{40, 20}, {73, 22}, {150, 50}};
    surface s = *surface_find("bowl");
    s.level_scale = LEVELS_LINEAR;
    s.level_lo = s.level_hi = 4; /* every level is the circle through (1.6, 1.2) */
    view v;
    view_fit(&v, &s, sizes[_i][0], sizes[_i][1]);
    for (int braille = 0; braille < 2; braille++) {
        contour_layer c;
        contour_init(&c);
        ck_assert(contour_compute(&c, &s, &v, braille));
        int c0 = c.cols, c1 = -1, r0 = c.rows, r1 = -1;
        for (int r = 0; r < c.rows; r++)
            for (int col = 0; col < c.cols; col++)
                if (c.level[r * c.cols + col] != CONTOUR_NONE) {
                    c0 = col < c0 ? col : c0;
                    c1 = col > c1 ? col : c1;
                    r0 = r < r0 ? r : r0;
                    r1 = r > r1 ? r : r1;
                }
        double across = c1 - c0 + 1, down = r1 - r0 + 1;
        /* A radius-2 circle: 4 units; the expected cell counts follow from the scale. */
        ck_assert_double_eq_tol(across, 4 / v.upc, 1.5);
        ck_assert_msg(fabs(across / down / 2 - 1) <= 0.1, "%dx%d %s: %g across, %g down",
                      sizes[_i][0], sizes[_i][1], braille ? "braille" : "ascii", across, down);
        contour_free(&c);
    }
}
END_TEST

/* θ's marker sits on the drawn level curve through θ: markers and contours share one map
 * from the plane to the screen. */
START_TEST(test_theta_on_its_level_curve)
{
    static const struct {
        const char *name;
        double x, y;
    } cases[] = {{"bowl", 0, 1.9},   {"bowl", 1.9, 0},    {"bowl", -1.2, -1.3},
                 {"valley", 0, 1.5}, {"valley", -2.5, 0}, {"himmelblau", 1, 4}};
    surface s = *surface_find(cases[_i].name);
    s.level_scale = LEVELS_LINEAR;
    s.level_lo = s.level_hi = surface_loss(&s, cases[_i].x, cases[_i].y);
    ck_assert(app_init(&a, &reg, &s, 120, 40, true));
    session_set_start(&a.ss, cases[_i].x, cases[_i].y);
    frame_init(&f);
    ck_assert(render());
    frame_layout l = layout(120, 40);
    int tc = f.theta_col - l.plot.x, tr = f.theta_row - l.plot.y, near = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++) {
            int c = tc + dc, r = tr + dr;
            if (c >= 0 && r >= 0 && c < f.contours.cols && r < f.contours.rows)
                near += f.contours.level[r * f.contours.cols + c] != CONTOUR_NONE;
        }
    ck_assert_msg(near > 0, "%s (%g, %g): no level-curve dot next to theta's cell (%d, %d)",
                  cases[_i].name, cases[_i].x, cases[_i].y, tc, tr);
    stop();
}
END_TEST

/* Decodes the arrow's braille dots (dot units are square) and fits their direction. */
static double drawn_arrow_degrees(void)
{
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    for (int r = 0; r < f.rows; r++)
        for (int c = 0; c < f.cols; c++) {
            const frame_cell *cell = frame_at(&f, c, r);
            if (cell->role != ROLE_ARROW || cell->ch < 0x2800 || cell->ch > 0x28FF)
                continue;
            static const int bit_dx[8] = {0, 0, 0, 1, 1, 1, 0, 1},
                             bit_dy[8] = {0, 1, 2, 0, 1, 2, 3, 3};
            for (int b = 0; b < 8; b++)
                if ((cell->ch - 0x2800) & (1u << b)) {
                    /* physical units: one dot across = one dot down */
                    double x = c * 2 + bit_dx[b] + 0.5, y = -(r * 4 + bit_dy[b] + 0.5);
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    syy += y * y;
                    sxy += x * y;
                    n++;
                }
        }
    ck_assert_int_ge(n, 6);
    double mx = sx / n, my = sy / n;
    double cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
    double axis = 0.5 * atan2(2 * cxy, cxx - cyy);
    /* Orient the axis from θ towards the dots' centre. */
    double tx = f.theta_col * 2 + 1, ty = -(f.theta_row * 4 + 2);
    double ux = cos(axis), uy = sin(axis);
    if ((mx - tx) * ux + (my - ty) * uy < 0)
        axis += M_PI;
    return axis * 180 / M_PI;
}

static double angle_diff(double a, double b)
{
    double d = fmod(fabs(a - b), 360);
    return d > 180 ? 360 - d : d;
}

START_TEST(test_arrow_angle)
{
    static const struct {
        const char *name;
        double x, y;
        bool ascend;
    } cases[] = {
        {"bowl", 1.6, 1.2, false}, {"bowl", -0.5, 1.5, false},     {"valley", -2.5, -0.5, false},
        {"valley", 1, 1.5, true},  {"rosenbrock", -1.2, 1, false}, {"himmelblau", 1, 1, false},
        {"neuron", -2, -2, false}, {"camel6", -1.5, 1, true},
    };
    start(cases[_i].name, 120, 40, true);
    session_set_start(&a.ss, cases[_i].x, cases[_i].y);
    session_set_ascend(&a.ss, cases[_i].ascend);
    ck_assert(render());
    double sign = cases[_i].ascend ? 1 : -1;
    double want =
        atan2(sign * session_walker(&a.ss)->gy, sign * session_walker(&a.ss)->gx) * 180 / M_PI;
    double got = drawn_arrow_degrees();
    ck_assert_msg(angle_diff(got, want) <= 10, "%s: arrow drawn at %.1f deg, -grad at %.1f",
                  cases[_i].name, got, want);
    stop();
}
END_TEST

/* The landing mark sits at θ ∓ η∇L to within one braille dot. */
START_TEST(test_landing_mark)
{
    static const char *const names[] = {"bowl", "valley", "himmelblau", "booth"};
    start(names[_i], 120, 40, true);
    double lx = session_walker(&a.ss)->x - session_walker(&a.ss)->eta * session_walker(&a.ss)->gx,
           ly = session_walker(&a.ss)->y - session_walker(&a.ss)->eta * session_walker(&a.ss)->gy,
           c, r;
    view_to_cell(&a.v, lx, ly, &c, &r);
    frame_layout l = layout(120, 40);
    c += l.plot.x;
    r += l.plot.y;
    ck_assert_int_ge(f.land_col, 0);
    ck_assert_msg(c >= f.land_col - 0.5 && c <= f.land_col + 1.5 && r >= f.land_row - 0.25 &&
                      r <= f.land_row + 1.25,
                  "%s: landing at (%.2f, %.2f), mark in cell (%d, %d)", names[_i], c, r, f.land_col,
                  f.land_row);
    if (f.land_col != f.theta_col || f.land_row != f.theta_row)
        ck_assert_int_eq(frame_at(&f, f.land_col, f.land_row)->role, ROLE_LANDING);
    /* And the step lands there. */
    session_step(&a.ss);
    ck_assert_double_eq_tol(session_walker(&a.ss)->x, lx, 1e-12);
    ck_assert_double_eq_tol(session_walker(&a.ss)->y, ly, 1e-12);
    stop();
}
END_TEST

START_TEST(test_theta_marker)
{
    start("bowl", 80, 24, false);
    ck_assert_int_ge(f.theta_col, 0);
    ck_assert_int_eq(frame_at(&f, f.theta_col, f.theta_row)->ch, '@');
    ck_assert_int_eq(frame_at(&f, f.theta_col, f.theta_row)->role, ROLE_THETA);
    stop();
    start("bowl", 80, 24, true);
    ck_assert_int_eq(frame_at(&f, f.theta_col, f.theta_row)->ch, 0x25CF);
    stop();
}
END_TEST

/* A step redraws marker, arrow, trail and panel, not the contours. */
START_TEST(test_contour_cache)
{
    start("rosenbrock", 120, 40, true);
    ck_assert_uint_eq(f.contour_computations, 1);
    key(' ');
    key(' ');
    key('+');
    key('a');
    ck_assert_uint_eq(f.contour_computations, 1);
    key('z');
    ck_assert_uint_eq(f.contour_computations, 2);
    key('n');
    ck_assert_uint_eq(f.contour_computations, 3);
    stop();
}
END_TEST

/* ---- layouts ---------------------------------------------------------------------------- */

START_TEST(test_sizes_never_crash)
{
    static const int sizes[][2] = {{1, 1},   {0, 0},   {2, 1},   {20, 5},   {79, 24},  {80, 23},
                                   {80, 24}, {81, 25}, {99, 40}, {120, 40}, {200, 60}, {400, 120}};
    for (int braille = 0; braille < 2; braille++) {
        start("valley", sizes[_i][0], sizes[_i][1], braille);
        key(' ');
        key('?');
        ck_assert_int_eq(f.cols, sizes[_i][0]);
        ck_assert_int_eq(f.rows, sizes[_i][1]);
        bool small = sizes[_i][0] < 80 || sizes[_i][1] < 24;
        if (small && sizes[_i][0] >= 45) {
            char want[64];
            snprintf(want, sizeof want, "terminal too small (need 80x24, have %dx%d)", sizes[_i][0],
                     sizes[_i][1]);
            ck_assert_msg(frame_has(want), "no too-small message at %dx%d", sizes[_i][0],
                          sizes[_i][1]);
        }
        if (!small)
            ck_assert(frame_has("step"));
        stop();
    }
}
END_TEST

START_TEST(test_resize_and_back)
{
    start("bowl", 120, 40, true);
    double upc = a.v.upc;
    app_resize(&a, 20, 5);
    ck_assert(render());
    ck_assert(frame_has("terminal too"));
    /* Only w and q act on that screen: a step or a zoom no one sees does not happen. */
    key(' ');
    key('z');
    key('a');
    ck_assert_uint_eq(session_walker(&a.ss)->step, 0);
    ck_assert_double_eq(a.v.zoom, 1);
    ck_assert(!session_walker(&a.ss)->ascend);
    key('w');
    ck_assert(a.numbers);
    key('w');
    /* A prompt open when the terminal shrank: w and q still do what the notice says. */
    app_resize(&a, 120, 40);
    key('o');
    ck_assert(a.prompt);
    app_resize(&a, 20, 5);
    key('w');
    ck_assert(a.numbers && !a.prompt);
    key('w');
    key('e');
    ck_assert(!a.prompt);
    ck_assert_int_eq(app_key(&a, 'q'), APP_QUIT);
    app_resize(&a, 120, 40);
    ck_assert(render());
    ck_assert_double_eq(a.v.upc, upc);
    ck_assert(frame_has("θ"));
    stop();
}
END_TEST

START_TEST(test_panel_below_when_tall)
{
    frame_layout l = frame_layout_for(90, 50);
    ck_assert(!l.too_small);
    ck_assert_int_gt(l.panel.y, l.plot.y + l.plot.rows);
    l = frame_layout_for(80, 24);
    ck_assert_int_eq(l.panel.x, l.plot.x + l.plot.cols);
    ck_assert_int_ge(l.plot.cols, 40);
}
END_TEST

/* ---- the panel -------------------------------------------------------------------------- */

START_TEST(test_panel_labels_and_numbers)
{
    start("valley", 80, 24, true);
    key(' ');
    char buf[64];
    ck_assert(frame_has("θ      ("));
    snprintf(buf, sizeof buf, "L(θ)   %.6g", session_walker(&a.ss)->loss);
    ck_assert(frame_has(buf));
    snprintf(buf, sizeof buf, "∇L     (%.6g, %.6g)", session_walker(&a.ss)->gx,
             session_walker(&a.ss)->gy);
    ck_assert(frame_has(buf));
    snprintf(buf, sizeof buf, "|∇L|   %.6g", session_walker(&a.ss)->gnorm);
    ck_assert(frame_has(buf));
    ck_assert(frame_has("η      0.08"));
    ck_assert(frame_has("step   1"));
    ck_assert(frame_has("DESCEND −∇L"));
    snprintf(buf, sizeof buf, "ΔL     %.6g", session_walker(&a.ss)->last_delta);
    ck_assert(frame_has(buf));
    snprintf(buf, sizeof buf, "ΔL₁    %.6g", session_walker(&a.ss)->last_predicted);
    ck_assert(frame_has(buf));
    ck_assert(frame_has("status running"));
    key('a');
    ck_assert(frame_has("ASCEND +∇L"));
    stop();

    start("valley", 80, 24, false);
    ck_assert(frame_has("theta  ("));
    ck_assert(frame_has("L      "));
    ck_assert(frame_has("grad   ("));
    ck_assert(frame_has("|grad| "));
    ck_assert(frame_has("eta    0.08"));
    ck_assert(frame_has("DESCEND -grad"));
    char *t = frame_text();
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        ck_assert_msg(*p < 0x80, "non-ASCII byte in an --ascii frame");
    free(t);
    stop();
}
END_TEST

START_TEST(test_diverged_and_converged_shown)
{
    start("valley", 80, 24, true);
    session_set_eta(&a.ss, 0.2);
    for (int i = 0; i < 200 && session_walker(&a.ss)->status == WALKER_RUNNING; i++)
        key(' ');
    ck_assert(frame_has("DIVERGED"));
    ck_assert(frame_has("DIVERGED: η too big"));
    ck_assert(frame_has("- halve eta")); /* the key hints say what to do */
    ck_assert(frame_has("L vs step"));   /* and the chart stays */
    key('-');
    ck_assert(!frame_has("DIVERGED"));
    key('r');
    ck_assert(frame_has("step   0"));
    stop();

    start("bowl", 80, 24, true);
    for (int i = 0; i < 100; i++)
        key(' ');
    ck_assert(frame_has("converged: a minimum"));
    stop();
}
END_TEST

/* ---- keys ------------------------------------------------------------------------------- */

START_TEST(test_keys)
{
    start("bowl", 120, 40, true);
    key('+');
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.2);
    key('-');
    key('-');
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.05);
    key(']');
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.05 * 1.25);
    key('[');
    ck_assert_double_eq_tol(session_walker(&a.ss)->eta, 0.05, 1e-17);
    /* Typing an exact η. */
    const char *typed = "e0.125";
    for (const char *p = typed; *p; p++)
        key(*p);
    ck_assert(frame_has("η = 0.125_"));
    key(KEYC_ENTER);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.125);
    for (const char *p = "e-1"; *p; p++)
        key(*p);
    key(KEYC_ENTER);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.125);
    ck_assert(frame_has("'-1' is not a finite number"));
    key('e');
    key('9');
    key(KEYC_ESC);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.125);
    /* Moving θ one cell. */
    double x = session_walker(&a.ss)->x, y = session_walker(&a.ss)->y;
    key(KEYC_RIGHT);
    ck_assert_double_eq_tol(session_walker(&a.ss)->x, x + a.v.upc, 1e-12);
    key('k');
    ck_assert_double_eq_tol(session_walker(&a.ss)->y, y + a.v.upc * a.v.aspect, 1e-12);
    /* Steps, reset, direction. */
    key(' ');
    ck_assert_uint_eq(session_walker(&a.ss)->step, 1);
    key('a');
    ck_assert(session_walker(&a.ss)->ascend);
    key('r');
    ck_assert_uint_eq(session_walker(&a.ss)->step, 0);
    ck_assert_double_eq(session_walker(&a.ss)->x, 1.6);
    /* Surfaces wrap both ways. */
    key('N');
    ck_assert_str_eq(a.ss.surf->name, "logistic");
    key('n');
    key('n');
    ck_assert_str_eq(a.ss.surf->name, "valley");
    /* View. */
    double upc = a.v.upc, cx = a.v.cx, cx0 = cx;
    key('z');
    ck_assert_double_eq_tol(a.v.upc, upc / 1.5, 1e-12);
    cx = a.v.cx; /* zoomed about θ, so the centre moved */
    key('L');
    ck_assert_double_gt(a.v.cx, cx);
    key('f');
    ck_assert_double_eq(a.v.upc, upc);
    ck_assert_double_eq(a.v.cx, cx0);
    /* Toggles. */
    key('T');
    key('A');
    key('C');
    ck_assert(!a.show_trail && !a.show_arrow && !a.show_levels);
    ck_assert_int_lt(f.head_col, 0);
    /* Play: ticks step until stopped. */
    key('p');
    ck_assert(a.playing);
    app_tick(&a);
    app_tick(&a);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 2);
    key('p');
    ck_assert(!a.playing);
    ck_assert_int_eq(app_tick(&a), APP_NOTHING);
    key('>');
    ck_assert_int_eq(a.play_ms, APP_PLAY_MS_DEFAULT / 2);
    ck_assert_int_eq(app_key(&a, 'q'), APP_QUIT);
    ck_assert_int_eq(app_key(&a, 0x263A), APP_NOTHING);
    stop();
}
END_TEST

START_TEST(test_help_lists_every_key)
{
    /* At the smallest full size too, in both glyph sets: the overlay goes to two columns. */
    static const int sizes[][2] = {{80, 24}, {120, 40}};
    start("bowl", sizes[_i / 2][0], sizes[_i / 2][1], _i % 2);
    key('?');
    const scene_help_line *lines = a.help;
    size_t n = a.n_help;
    ck_assert_uint_ge(n, 25);
    for (size_t k = 0; k < n; k++) {
        char what[160];
        frame_help_words(lines[k].what, a.braille, what, sizeof what);
        ck_assert_msg(frame_has(what), "%dx%d help lacks '%s'", sizes[_i / 2][0], sizes[_i / 2][1],
                      what);
        ck_assert(frame_has(a.braille ? lines[k].keys : lines[k].ascii_keys));
    }
    ck_assert(frame_has(a.braille ? "one step (−∇L or +∇L)" : "one step (-grad or +grad)"));
    ck_assert(frame_has(a.braille ? "reset θ and the trail" : "reset theta and the trail"));
    key('?');
    ck_assert(!frame_has("one step ("));
    stop();
}
END_TEST

/* The frame's text, for comparing two screens whole. */
static char *screen(void)
{
    return frame_text();
}

/* Any key closes an overlay and does nothing else, and the screen shows it closed: `?` then an
 * unbound `x` gives the screen before `?`; `?` then space closes without stepping; `?` then q
 * does not quit. The same for the lesson. */
START_TEST(test_any_key_closes_overlay)
{
    static const int keys[] = {'x', ' ', 'q', KEYC_ESC, '?', 'n', KEYC_LEFT};
    static const int open[] = {'?', 'i'};
    int k = _i % 7, o = _i / 7;
    start("valley", 80, 24, true);
    char *before = screen();
    ck_assert_int_eq(app_key(&a, open[o]), APP_REDRAW);
    ck_assert(render());
    char *shown = screen();
    ck_assert_str_ne(before, shown);
    ck_assert_int_eq(app_key(&a, keys[k]), APP_REDRAW);
    ck_assert(render());
    char *after = screen();
    ck_assert_str_eq(after, before);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 0);
    ck_assert_str_eq(a.ss.surf->name, "valley");
    free(before);
    free(shown);
    free(after);
    stop();
}
END_TEST

/* Every key the table binds acts in its mode and reaches the screen: in normal mode, every
 * listed key but q returns a redraw (nothing is silently swallowed). */
START_TEST(test_every_bound_key_redraws)
{
    size_t n;
    const binding *t = bindings_table(&n);
    int tried = 0;
    for (size_t r = 0; r < n; r++)
        for (const binding_key *k = t[r].map; k < t[r].map + BINDING_MAX_KEYS && k->key; k++) {
            if (!(t[r].modes & MODE_NORMAL))
                continue;
            start("bowl", 120, 40, true);
            app_result res = app_key(&a, k->key);
            if (k->action == ACT_QUIT)
                ck_assert_int_eq(res, APP_QUIT);
            else if (k->action == ACT_REPAINT)
                ck_assert_int_eq(res, APP_REPAINT);
            else
                ck_assert_msg(res == APP_REDRAW, "key %d (%s) did not redraw", k->key,
                              t[r].what ? t[r].what : "?");
            ck_assert(render());
            stop();
            tried++;
        }
    ck_assert_int_ge(tried, 40);
}
END_TEST

/* The eta prompt: Enter on nothing typed cancels quietly, like Esc; 1e-320 is a finite
 * number > 0 and is taken. */
START_TEST(test_eta_prompt_edges)
{
    start("valley", 80, 24, true);
    key('e');
    key(KEYC_ENTER);
    ck_assert(!a.prompt);
    ck_assert_str_eq(a.message, "");
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.08);
    key('e');
    for (const char *c = "1e-320"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 1e-320);
    stop();
}
END_TEST

/* The level curve through θ is drawn through θ's cell (no test-only level: the one drawn
 * for every frame), and -grad L crosses it at a right angle there, within 10 degrees: the
 * tangent fitted to the curve's dots around θ against the true -grad L. */
START_TEST(test_level_curve_through_theta)
{
    static const struct {
        const char *name;
        int steps;
        int zoom; /* z presses: zoomed in about θ, the curve straightens */
    } cases[] = {{"bowl", 0, 0},   {"bowl", 3, 0},       {"valley", 0, 0},
                 {"valley", 6, 4}, {"rosenbrock", 0, 0}, {"rosenbrock", 5, 4}};
    start(cases[_i].name, 120, 40, true);
    for (int k = 0; k < cases[_i].steps; k++)
        key(' ');
    for (int k = 0; k < cases[_i].zoom; k++)
        key('z');
    ck_assert_int_ge(f.theta_col, 0);
    bool near = false;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    int n = 0;
    for (int r = f.theta_row - 2; r <= f.theta_row + 2; r++)
        for (int c = f.theta_col - 4; c <= f.theta_col + 4; c++) {
            const frame_cell *cell = frame_at(&f, c, r);
            if (!cell || cell->role != ROLE_HERE)
                continue;
            if (abs(c - f.theta_col) <= 1 && abs(r - f.theta_row) <= 1)
                near = true;
            unsigned bits = cell->ch - 0x2800;
            for (int dy = 0; dy < 4; dy++)
                for (int dx = 0; dx < 2; dx++)
                    if (bits & contour_braille_bit[dy][dx]) {
                        /* physical units: a column is 1 wide, a row 2 tall */
                        double x = c + (dx + 0.5) / 2, y = -(r + (dy + 0.5) / 4) * 2;
                        sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y, n++;
                    }
        }
    ck_assert_msg(near, "%s: no level-curve cell next to theta", cases[_i].name);
    ck_assert_int_ge(n, 6);
    double mx = sx / n, my = sy / n;
    double cxx = sxx / n - mx * mx, cyy = syy / n - my * my, cxy = sxy / n - mx * my;
    double tangent = 0.5 * atan2(2 * cxy, cxx - cyy); /* the principal axis */
    const walker *w = session_walker(&a.ss);
    double normal = atan2(-w->gy, -w->gx);
    double d = fabs(remainder(tangent - normal, M_PI)) * 180 / M_PI;
    ck_assert_msg(fabs(d - 90) <= 10, "%s after %d steps: -grad L at %.1f degrees to the curve",
                  cases[_i].name, cases[_i].steps, d);
    stop();
}
END_TEST

/* Zoomed far in about θ, the contour levels come from the window: the plot is never empty,
 * and the level curve through θ is a straight line there (the first-order picture). */
START_TEST(test_zoom_in_never_empties)
{
    static const char *const names[] = {"bowl", "rosenbrock", "himmelblau"};
    start(names[_i], 120, 40, true);
    for (int k = 0; k < 20; k++)
        key('z');
    ck_assert_int_ge(f.theta_col, 0); /* still in view */
    int lines = 0;
    for (int r = 0; r < 40; r++)
        for (int c = 0; c < 120; c++) {
            const frame_cell *cell = frame_at(&f, c, r);
            lines += cell->role >= ROLE_LEVEL0;
        }
    ck_assert_int_ge(lines, 50);
    stop();
}
END_TEST

/* F runs the walk to its end: rosenbrock converges at the same step as stepping by hand
 * would; any key stops it and does nothing else. Past the shortest play tick, > takes more
 * steps per tick. */
START_TEST(test_fast_forward_and_play_speed)
{
    start("rosenbrock", 120, 40, true);
    key('F');
    ck_assert(a.fast);
    app_fast_steps(&a, 100);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 100);
    ck_assert_int_eq(app_key(&a, 'a'), APP_REDRAW); /* stops, and is not 'ascend' */
    ck_assert(!a.fast);
    ck_assert(!session_walker(&a.ss)->ascend);
    key('F');
    app_fast_steps(&a, 0);
    ck_assert(!a.fast);
    ck_assert_int_eq(session_walker(&a.ss)->status, WALKER_CONVERGED);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 21374);
    ck_assert(strstr(a.message, "converged at step 21374"));
    key('F'); /* nothing left to run: said so, no fast-forward */
    ck_assert(!a.fast);
    stop();

    /* logistic to its end at 80x24: the held-out minimum's mark sits under the chart, and the
     * axis label beside it stays whole ("0", not "step ^"). */
    start("logistic", 80, 24, false);
    key('F');
    app_fast_steps(&a, 0);
    ck_assert(render());
    ck_assert(frame_has("|0    ^"));
    ck_assert(!frame_has("step ^"));
    stop();

    start("valley", 80, 24, true);
    for (int k = 0; k < 3; k++)
        key('>');
    ck_assert_int_eq(a.play_ms, 15);
    ck_assert_int_eq(a.play_steps, 1);
    key('>');
    key('>');
    ck_assert_int_eq(a.play_steps, 4);
    ck_assert_str_eq(a.message, "play: 4 steps every 15 ms");
    key('p');
    app_tick(&a);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 4);
    key('<');
    ck_assert_int_eq(a.play_steps, 2);
    stop();
}
END_TEST

/* x draws the Hessian's axes through θ, each labelled with its eigenvalue; the panel gives
 * the best fixed η of the quadratic model, 2/(λmin + λmax). */
START_TEST(test_axes_and_best_eta)
{
    start("valley", 120, 40, true);
    ck_assert(!frame_has("λ=20"));
    key('x');
    ck_assert(frame_has("λ=20"));
    ck_assert(frame_has("λ=1"));
    ck_assert(frame_has("best η 0.09524 = 2/(λ1+λ2)"));
    key('x');
    ck_assert(!frame_has("λ=20"));
    stop();
}
END_TEST

/* o adds walkers from a spec, Tab moves the focus (the panel follows it), key=value retunes
 * the walker in focus, O drops it; a bad spec says why and changes nothing. */
START_TEST(test_walker_menu)
{
    start("valley", 120, 40, true);
    key('o');
    for (const char *c = "momentum:mu=0.5,adam"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert_uint_eq(a.ss.n_walkers, 3);
    ck_assert_str_eq(a.ss.walkers[1].type->name, "momentum");
    ck_assert_double_eq(a.ss.walkers[1].params[0], 0.5);
    ck_assert(frame_has(">3 adam")); /* the newest walker has the focus */
    key('\t');
    ck_assert(frame_has("walker 1 of 3: gd"));
    key('\t');
    ck_assert_uint_eq(a.ss.focus, 1);
    ck_assert(frame_has("walker 2 of 3: momentum"));
    key('o');
    for (const char *c = "eta=0.01"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.01);
    ck_assert_double_eq(a.ss.walkers[0].eta, 0.08);
    key(' ');
    ck_assert_uint_eq(a.ss.walkers[0].step, 1);
    ck_assert_uint_eq(a.ss.walkers[2].step, 1);
    key('o');
    for (const char *c = "adma"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert(strstr(a.message, "did you mean 'adam'?"));
    ck_assert_uint_eq(a.ss.n_walkers, 3);
    key('O');
    ck_assert_uint_eq(a.ss.n_walkers, 2);
    key('O');
    key('O');
    ck_assert_uint_eq(a.ss.n_walkers, 1);
    ck_assert(strstr(a.message, "the last walker stays"));
    stop();
}
END_TEST

/* A race of minibatch walkers on many rows, played many steps a tick: their trails know the
 * full L once per epoch only, and the race chart still draws every walker along the whole
 * walk (it once drew step 0 and the last step alone). */
START_TEST(test_race_chart_of_long_minibatch_walks)
{
    surface *s = rows_surface(1000, FIT_LOGISTIC, FIT_XENT);
    ck_assert(registry_add(&reg, s));
    ck_assert(app_init(&a, &reg, s, 140, 50, false));
    frame_init(&f);
    optspec specs[2];
    char why[128];
    ck_assert_int_eq(optspec_parse("sgd:batch=10,sgd:batch=20", specs, 2, why, sizeof why), 2);
    ck_assert(session_set_walkers(&a.ss, specs, 2));
    a.play_steps = 50;
    a.playing = true;
    for (int t = 0; t < 41; t++)
        app_tick(&a);
    ck_assert_uint_eq(a.ss.walkers[0].step, 2050);
    ck_assert(isnan(a.ss.walkers[0].trail[30].loss)); /* not known there */
    ck_assert(render());
    /* The chart: below its title, above "step 0"; count each walker's marks. */
    char *t = frame_text();
    const char *title = strstr(t, "each walker");
    ck_assert_ptr_nonnull(title);
    size_t from = (size_t)(title - t), to = (size_t)(strstr(title, "step 0") - t);
    int ones = 0, twos = 0;
    for (size_t i = from; i < to; i++) {
        char prev = t[i - 1];
        if (prev != ' ' && prev != '|' && prev != '-' && prev != '\n' && prev != '1' && prev != '2')
            continue; /* a digit inside a word or number is not a mark */
        ones += t[i] == '1';
        twos += t[i] == '2';
    }
    free(t);
    /* The two walks run close, so many marks share a cell; before, each had two. */
    ck_assert_int_ge(ones + twos, 30);
    ck_assert_int_ge(ones, 8);
    ck_assert_int_ge(twos, 8);
    stop();
}
END_TEST

/* E: a formula typed in the view becomes a new surface with theta kept; a mistake leaves the
 * old surface, keeps the prompt open and puts the error at its column; Esc cancels. */
START_TEST(test_formula_editor)
{
    start("valley", 120, 40, true);
    size_t before = registry_count(&reg);
    key('E');
    for (const char *c = "x^2 + sine(y)"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert(a.prompt);
    ck_assert_int_eq(a.prompt_error_col, 7);
    ck_assert(strstr(a.prompt_error, "did you mean 'sin'?"));
    ck_assert_str_eq(a.ss.surf->name, "valley");
    /* The caret under the column; the message whole, wrapped where the key hints were. */
    ck_assert(frame_has("\n        ^") || frame_has("│        ^"));
    ck_assert(frame_has("unknown function 'sine'"));
    ck_assert(frame_has("you mean 'sin'?)"));
    for (int k = 0; k < 7; k++) /* "sine(y)" */
        key(KEYC_BACKSPACE);
    for (const char *c = "3*y^2"; *c; c++)
        key(*c);
    key(KEYC_ENTER);
    ck_assert(!a.prompt);
    ck_assert_str_eq(a.ss.surf->formula, "x^2 + 3*y^2");
    ck_assert_uint_eq(registry_count(&reg), before + 1);
    const walker *w = session_walker(&a.ss);
    ck_assert_double_eq(w->x, -2.5); /* theta kept */
    ck_assert_double_eq(w->y, -0.5);
    ck_assert_double_eq(w->loss, 6.25 + 0.75);
    ck_assert_double_eq(w->gx, -5);
    ck_assert_double_eq(w->gy, -3);
    key('E');
    ck_assert_str_eq(a.input, "x^2 + 3*y^2"); /* back to be edited */
    key(KEYC_ESC);
    ck_assert(!a.prompt);
    ck_assert_str_eq(a.ss.surf->formula, "x^2 + 3*y^2");
    stop();
}
END_TEST

/* A surface on data shows the fit pane: the data (• training, + held out) and the model's curve
 * at θ; D hides it and gives the plot its room back. */
START_TEST(test_fit_pane)
{
    start("logistic", 120, 40, true);
    ck_assert(frame_has("fit: σ(w x + b) + held out"));
    /* The decision point's dotted line, and the whole range of x. */
    ck_assert(frame_has("┊") && frame_has("x -2.22 .. 2.52"));
    int train = 0, held = 0;
    for (int r = 0; r < 40; r++)
        for (int c = 0; c < 120; c++) {
            const frame_cell *cell = frame_at(&f, c, r);
            train += cell->ch == 0x2022;
            held += cell->ch == '+' && cell->role == ROLE_WARN;
        }
    ck_assert_int_ge(train, 6); /* ten points, two rows of labels 0 and 1: a few may share a cell */
    ck_assert_int_ge(held, 5);
    int plot_cols = a.v.cols;
    key('D');
    ck_assert(!frame_has("fit: σ"));
    ck_assert_int_gt(a.v.cols, plot_cols);
    stop();
    /* A narrow pane shortens its title and its range, never cutting a number. */
    start("logistic", 80, 24, true);
    ck_assert(frame_has(" fit ") && frame_has("┊"));
    ck_assert(frame_has(" -2.22..2.52") || frame_has(" -2.2..2.5 "));
    ck_assert(!frame_has("x -2.22 .. 2"));
    stop();
    start("valley", 120, 40, true);
    ck_assert(!frame_has("fit: "));
    key('D');
    ck_assert(strstr(a.message, "for a model on data"));
    stop();
}
END_TEST

START_TEST(test_click_places_theta)
{
    start("bowl", 120, 40, true);
    frame_layout l = layout(120, 40);
    int col = l.plot.x + l.plot.cols / 2, row = l.plot.y + l.plot.rows / 2;
    ck_assert_int_eq(app_click(&a, col, row), APP_REDRAW);
    double x, y;
    view_to_world(&a.v, col - l.plot.x + 0.5, row - l.plot.y + 0.5, &x, &y);
    ck_assert_double_eq(session_walker(&a.ss)->x, x);
    ck_assert_double_eq(session_walker(&a.ss)->y, y);
    ck_assert_int_eq(app_click(&a, l.panel.x + 2, 3), APP_NOTHING);
    stop();
}
END_TEST

START_TEST(test_huge_eta_is_a_state)
{
    start("bowl", 80, 24, true);
    for (int i = 0; i < 1100; i++)
        key('+');
    ck_assert(isfinite(session_walker(&a.ss)->eta));
    ck_assert(frame_has("eta is at its largest"));
    key(' ');
    ck_assert_int_eq(session_walker(&a.ss)->status, WALKER_DIVERGED);
    ck_assert(frame_has("DIVERGED"));
    stop();
}
END_TEST

START_TEST(test_probe_keys)
{
    start("valley", 120, 40, true);
    key('t');
    ck_assert(a.probe);
    ck_assert_double_eq(a.beta, 180);
    ck_assert(frame_has("PROBE"));
    key(KEYC_LEFT);
    ck_assert_double_eq(a.beta, 185);
    key(KEYC_RIGHT);
    key(KEYC_RIGHT);
    ck_assert_double_eq(a.beta, 175);
    key('H');
    ck_assert_double_eq(a.beta, 220);
    key(KEYC_SRIGHT);
    ck_assert_double_eq(a.beta, 175);
    key('c');
    ck_assert_double_eq(a.beta, 90);
    key('G');
    ck_assert_double_eq(a.beta, 0);
    key(KEYC_RIGHT);
    ck_assert_double_eq(a.beta, 355);
    key('g');
    ck_assert_double_eq(a.beta, 180);
    key('H'); /* 225 */
    /* The drawn u arrow points at β from ∇L. */
    double phi = atan2(session_walker(&a.ss)->gy, session_walker(&a.ss)->gx) * 180 / M_PI + 225;
    ck_assert_msg(angle_diff(drawn_arrow_degrees(), phi) <= 10, "u drawn at %.1f, want %.1f",
                  drawn_arrow_degrees(), phi);
    /* space steps along u: θ + ηu, counted like any step. */
    double x = session_walker(&a.ss)->x, y = session_walker(&a.ss)->y, ux = cos(phi * M_PI / 180),
           uy = sin(phi * M_PI / 180);
    key(' ');
    ck_assert_uint_eq(session_walker(&a.ss)->step, 1);
    ck_assert_double_eq_tol(session_walker(&a.ss)->x, x + session_walker(&a.ss)->eta * ux, 1e-12);
    ck_assert_double_eq_tol(session_walker(&a.ss)->y, y + session_walker(&a.ss)->eta * uy, 1e-12);
    ck_assert_double_lt(session_walker(&a.ss)->last_delta, 0); /* cos 225 < 0: lower */
    key('p');
    ck_assert(!a.playing);
    key(KEYC_ESC);
    ck_assert(!a.probe);
    key('t');
    key('t');
    ck_assert(!a.probe);
    stop();
}
END_TEST

START_TEST(test_caveat_keys)
{
    start("logistic", 120, 40, true);
    ck_assert(frame_has("L held "));
    unsigned long before = f.contour_computations;
    key('v');
    ck_assert_ptr_eq(app_contour_surface(&a), surface_find("logistic")->heldout);
    ck_assert_uint_eq(f.contour_computations, before + 1);
    ck_assert(frame_has("held-out"));
    key('v');
    ck_assert_ptr_eq(app_contour_surface(&a), a.ss.surf);
    key('i');
    ck_assert(frame_has("lesson"));
    ck_assert(frame_has("minimum  (1.01677, -0.177122)"));
    key('i');
    ck_assert(!frame_has(" lesson "));
    key('s');
    ck_assert(frame_has("ΔL vs log η"));
    key('s');
    ck_assert(frame_has("L vs step"));
    /* m: a dim dotted line towards the minimum appears. */
    int dim_before = 0, dim_after = 0;
    for (int i = 0; i < f.cols * f.rows; i++)
        dim_before += f.cells[i].role == ROLE_DIM;
    key('m');
    for (int i = 0; i < f.cols * f.rows; i++)
        dim_after += f.cells[i].role == ROLE_DIM;
    ck_assert_int_gt(dim_after, dim_before + 5);
    ck_assert(frame_has("to min "));
    key('n'); /* wraps to bowl, which has no held-out loss */
    key('v');
    ck_assert(frame_has("only logistic has a held-out"));
    stop();
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    if (!registry_init(&reg))
        return 1;
    Suite *s = suite_create("frame");
    TCase *g = tcase_create("geometry");
    tcase_set_timeout(g, 60);
    tcase_add_loop_test(g, test_equal_aspect, 0, 3);
    tcase_add_loop_test(g, test_arrow_angle, 0, 8);
    tcase_add_loop_test(g, test_theta_on_its_level_curve, 0, 6);
    tcase_add_loop_test(g, test_landing_mark, 0, 4);
    tcase_add_test(g, test_theta_marker);
    tcase_add_test(g, test_contour_cache);
    suite_add_tcase(s, g);
    TCase *l = tcase_create("layout");
    tcase_set_timeout(l, 60);
    tcase_add_loop_test(l, test_sizes_never_crash, 0, 12);
    tcase_add_test(l, test_resize_and_back);
    tcase_add_test(l, test_panel_below_when_tall);
    suite_add_tcase(s, l);
    TCase *p = tcase_create("panel and keys");
    tcase_set_timeout(p, 60);
    tcase_add_test(p, test_panel_labels_and_numbers);
    tcase_add_test(p, test_diverged_and_converged_shown);
    tcase_add_test(p, test_keys);
    tcase_add_loop_test(p, test_help_lists_every_key, 0, 4);
    tcase_add_test(p, test_click_places_theta);
    tcase_add_test(p, test_eta_prompt_edges);
    tcase_add_loop_test(p, test_level_curve_through_theta, 0, 6);
    tcase_add_loop_test(p, test_zoom_in_never_empties, 0, 3);
    tcase_add_test(p, test_fast_forward_and_play_speed);
    tcase_add_test(p, test_axes_and_best_eta);
    tcase_add_test(p, test_walker_menu);
    tcase_add_test(p, test_formula_editor);
    tcase_add_test(p, test_fit_pane);
    tcase_add_loop_test(p, test_any_key_closes_overlay, 0, 14);
    tcase_add_test(p, test_every_bound_key_redraws);
    tcase_add_test(p, test_huge_eta_is_a_state);
    tcase_add_test(p, test_race_chart_of_long_minibatch_walks);
    tcase_add_test(p, test_probe_keys);
    tcase_add_test(p, test_caveat_keys);
    suite_add_tcase(s, p);
    return run_suite(s);
}
