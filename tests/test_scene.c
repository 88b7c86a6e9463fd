// SPDX-License-Identifier: MIT
/* The picture on its own: a scene built by hand (no controller: this suite links only the
 * picture, model and core libraries), rendered and read back. θ, the landing mark and the
 * off-screen note come from the scene alone, whatever the draw order; the contour cache
 * tells a new run-time surface from a freed one at the same address. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>

#include "steepest/frame.h"

static session ss;
static frame f;
static scene sc;

static void build(const surface *s, int cols, int rows)
{
    ck_assert(session_init(&ss, s));
    memset(&sc, 0, sizeof sc);
    frame_layout l = frame_layout_for(cols, rows);
    view_fit(&sc.v, s, l.plot.cols, l.plot.rows);
    sc.ss = &ss;
    sc.contour_surf = s;
    sc.surf_index = 0;
    sc.surf_count = 1;
    sc.cols = cols;
    sc.rows = rows;
    sc.braille = true;
    sc.show_trail = sc.show_arrow = sc.show_levels = true;
    sc.input = sc.message = sc.caption = sc.demo_status = "";
    frame_init(&f);
}

static void render(void)
{
    sc.w = session_walker(&ss);
    sc.here = walker_here(sc.w);
    ck_assert(frame_render(&f, &sc));
}

static bool has(const char *needle)
{
    char *buf;
    size_t n;
    FILE *m = open_memstream(&buf, &n);
    frame_write_text(&f, m, -1, 0);
    fclose(m);
    bool yes = strstr(buf, needle) != NULL;
    free(buf);
    return yes;
}

static void done(void)
{
    frame_free(&f);
    session_free(&ss);
}

START_TEST(test_theta_and_landing_where_the_model_says)
{
    build(surface_find("bowl"), 120, 40);
    render();
    frame_layout l = frame_layout_for(120, 40);
    const walker *w = session_walker(&ss);
    double c, r;
    view_to_cell(&sc.v, w->x, w->y, &c, &r);
    ck_assert_int_eq(f.theta_col, l.plot.x + (int)c);
    ck_assert_int_eq(f.theta_row, l.plot.y + (int)r);
    /* The landing mark sits where the optimizer's preview says the step goes. */
    optimizer_move m;
    ck_assert(walker_preview(w, &m));
    view_to_cell(&sc.v, w->x + m.dx, w->y + m.dy, &c, &r);
    ck_assert_int_eq(f.land_col, l.plot.x + (int)c);
    ck_assert_int_eq(f.land_row, l.plot.y + (int)r);
    ck_assert(!has("next step lands off screen"));
    /* A step moves θ to exactly that landing. */
    double lx = w->x + m.dx, ly = w->y + m.dy;
    session_step(&ss);
    ck_assert_double_eq(session_walker(&ss)->x, lx);
    ck_assert_double_eq(session_walker(&ss)->y, ly);
    done();
}
END_TEST

START_TEST(test_off_screen_note_from_the_scene)
{
    /* Zoomed far in on θ, the landing is outside the plot: the panel says so, though no
     * landing mark was drawn for it to read. */
    build(surface_find("bowl"), 120, 40);
    const walker *w = session_walker(&ss);
    view_center(&sc.v, ss.surf, w->x, w->y);
    view_zoom(&sc.v, ss.surf, 1000);
    render();
    ck_assert_int_lt(f.land_col, 0);
    ck_assert(has("next step lands off screen"));
    /* At a stationary point there is no step to land: no note. */
    session_set_theta(&ss, 0, 0);
    render();
    ck_assert(!has("next step lands off screen"));
    done();
}
END_TEST

START_TEST(test_help_rows_come_from_the_scene)
{
    static const scene_help_line rows[] = {{"x", "x", "a made-up key"}, {"y", "y", "another"}};
    build(surface_find("valley"), 80, 24);
    sc.help = rows;
    sc.n_help = 2;
    sc.show_help = true;
    render();
    ck_assert(has("a made-up key"));
    ck_assert(has("another"));
    done();
}
END_TEST

START_TEST(test_contour_cache_knows_a_new_surface)
{
    surface *one = surface_create(), *two;
    ck_assert_ptr_nonnull(one);
    unsigned long first = one->serial;
    *one = *surface_find("bowl");
    one->serial = first;
    build(one, 80, 24);
    render();
    render();
    ck_assert_uint_eq(f.contour_computations, 1); /* cached */
    session_free(&ss);
    surface_destroy(one);
    /* Likely at the same address: a different surface all the same. */
    two = surface_create();
    ck_assert_ptr_nonnull(two);
    ck_assert_uint_ne(two->serial, first);
    unsigned long second = two->serial;
    *two = *surface_find("valley");
    two->serial = second;
    ck_assert(session_init(&ss, two));
    sc.contour_surf = two;
    render();
    ck_assert_uint_eq(f.contour_computations, 2);
    done();
    surface_destroy(two);
}
END_TEST

START_TEST(test_every_walker_leaves_a_trail)
{
    build(surface_find("bowl"), 120, 40);
    ck_assert_int_eq(session_add_walker(&ss, optimizer_gd), 1);
    session_set_eta(&ss, 0.3); /* the new walker, in focus, on a path of its own */
    walker_set_start(&ss.walkers[1], -1.5, 0.5);
    for (int k = 0; k < 3; k++)
        session_step(&ss);
    ck_assert_uint_eq(ss.walkers[0].step, 3);
    ck_assert_uint_eq(ss.walkers[1].step, 3);
    ck_assert_double_ne(ss.walkers[0].x, ss.walkers[1].x);
    render();
    /* Each walker's visited points are drawn as trail dots (·) in its own role, and each walker
     * out of focus is marked by its number. */
    frame_layout l = frame_layout_for(120, 40);
    for (size_t k = 0; k < 2; k++) {
        double c, r;
        const walker *w = &ss.walkers[k];
        view_to_cell(&sc.v, w->trail[1].x, w->trail[1].y, &c, &r);
        const frame_cell *cell = frame_at(&f, l.plot.x + (int)c, l.plot.y + (int)r);
        ck_assert_int_eq(cell->role, ROLE_WALKER0 + (int)k);
    }
    double c, r;
    view_to_cell(&sc.v, ss.walkers[0].x, ss.walkers[0].y, &c, &r);
    const frame_cell *mark = frame_at(&f, l.plot.x + (int)c, l.plot.y + (int)r);
    ck_assert_int_eq(mark->ch, '1');
    ck_assert_int_eq(mark->role, ROLE_WALKER0);
    done();
}
END_TEST

/* Text shown on screen is strict UTF-8: an overlong ESC (C0 9B), a raw ESC, a surrogate and a
 * C1 control all show as '?', so no control byte ever reaches the terminal; wide characters
 * take two cells, so a caption of them keeps every row exactly as wide as the screen. */
START_TEST(test_text_is_safe_and_wide_aware)
{
    build(surface_find("bowl"), 80, 24);
    sc.caption = "a\xC0\x9B[2J b\x1b[31m c\xED\xA0\x80 d\xC2\x9B e";
    render();
    for (int r = 0; r < 24; r++)
        for (int c = 0; c < 80; c++) {
            const frame_cell *cell = frame_at(&f, c, r);
            ck_assert_msg(cell->ch == FRAME_WIDE_TAIL || (cell->ch >= 0x20 && cell->ch != 0x7f &&
                                                          !(cell->ch >= 0x80 && cell->ch < 0xa0)),
                          "control character U+%04X at %d,%d", (unsigned)cell->ch, c, r);
        }
    char *buf;
    size_t n;
    FILE *m = open_memstream(&buf, &n);
    frame_write_text(&f, m, 256, 0);
    fclose(m);
    /* The only ESC bytes are the SGR colour codes frame_write_text itself writes. */
    for (char *e = strchr(buf, 0x1b); e; e = strchr(e + 1, 0x1b))
        ck_assert_msg(e[1] == '[' && (e[2] == '0' || e[2] == '1' || e[2] == '3'),
                      "a stray ESC in the output");
    free(buf);
    /* Wide: 日本語 is six columns, and the caption row still spans 80. */
    sc.caption = "日本語のキャプション 🙂 x";
    render();
    int row = -1;
    for (int r = 0; r < 24 && row < 0; r++)
        for (int c = 0; c < 80; c++)
            if (frame_at(&f, c, r)->ch == 0x65E5) /* 日 */
                row = r;
    ck_assert_int_ge(row, 0);
    int cols = 0;
    for (int c = 0; c < 80; c++) {
        uint32_t ch = frame_at(&f, c, row)->ch;
        if (ch == 0x65E5 || ch == 0x1F642)
            ck_assert_int_eq(frame_at(&f, c + 1, row)->ch, FRAME_WIDE_TAIL);
        cols++;
    }
    ck_assert_int_eq(cols, 80);
    done();
}
END_TEST

/* A caption too long for three rows ends in an ellipsis instead of being cut silently. */
START_TEST(test_long_caption_says_it_is_cut)
{
    build(surface_find("bowl"), 80, 24);
    sc.caption = "This caption goes on and on, far longer than three rows of the plot can "
                 "hold, because a teacher wrote a paragraph where a line was meant, and the "
                 "reader must be told that the rest of it is not on the screen at all.";
    render();
    bool ellipsis = false;
    for (int r = 0; r < 24; r++)
        for (int c = 0; c < 80; c++)
            ellipsis |= frame_at(&f, c, r)->ch == 0x2026;
    ck_assert(ellipsis);
    sc.caption = "A short one.";
    render();
    for (int r = 0; r < 24; r++)
        for (int c = 0; c < 80; c++)
            ck_assert_int_ne(frame_at(&f, c, r)->ch, 0x2026);
    done();
}
END_TEST

/* No colour role is black in the light theme, so it stays readable on a dark terminal. */
START_TEST(test_light_theme_has_no_black)
{
    for (int r = ROLE_TEXT; r < ROLE_COUNT; r++) {
        ck_assert_int_ne(frame_role_color8((frame_role)r, THEME_LIGHT), 0);
        ck_assert_int_ne(frame_role_color256((frame_role)r, THEME_LIGHT), 16);
        ck_assert_int_ne(frame_role_color8((frame_role)r, THEME_DARK), 0);
    }
    /* The lowest contour level is not blue on a dark background. */
    ck_assert_int_ne(frame_role_color8(ROLE_LEVEL0, THEME_DARK), 4);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("scene");
    TCase *tc = tcase_create("scene");
    tcase_add_test(tc, test_theta_and_landing_where_the_model_says);
    tcase_add_test(tc, test_off_screen_note_from_the_scene);
    tcase_add_test(tc, test_help_rows_come_from_the_scene);
    tcase_add_test(tc, test_contour_cache_knows_a_new_surface);
    tcase_add_test(tc, test_every_walker_leaves_a_trail);
    tcase_add_test(tc, test_text_is_safe_and_wide_aware);
    tcase_add_test(tc, test_long_caption_says_it_is_cut);
    tcase_add_test(tc, test_light_theme_has_no_black);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
