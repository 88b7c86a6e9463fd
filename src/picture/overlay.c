// SPDX-License-Identifier: MIT
/* Layer: picture. Whole-screen and boxed views over the picture: the help, the lesson, the
 * too-small notice, and the numbers-only view in words. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/analysis.h"

/* A framed, blanked box with a title in its top edge. */
static void draw_box(frame *f, const scene *sc, frame_rect b, const char *title)
{
    for (int r = 0; r < b.rows; r++)
        for (int c = 0; c < b.cols; c++) {
            bool top = r == 0, bot = r == b.rows - 1, left = c == 0, right = c == b.cols - 1;
            uint32_t ch = ' ';
            if (top || bot)
                ch = frame_glyph(sc, left    ? (top ? G_BOX_TL : G_BOX_BL)
                                     : right ? (top ? G_BOX_TR : G_BOX_BR)
                                             : G_BOX_H);
            else if (left || right)
                ch = frame_glyph(sc, G_BOX_V);
            frame_put(f, b.x + c, b.y + r, ch, ROLE_AXIS);
        }
    frame_text(f, b.x + 2, b.y, b.cols - 4, title, ROLE_TITLE);
}

void frame_help_words(const char *in, bool utf8, char *out, size_t n)
{
    if (n == 0)
        return;
    if (!utf8) {
        snprintf(out, n, "%s", in);
        return;
    }
    static const char *const from[] = {"eta", "theta", "dL", "-grad", "+grad"}, *const to[] = {
                                                                                    "η", "θ", "ΔL",
                                                                                    "−∇L", "+∇L"};
    size_t o = 0;
    for (const char *p = in; *p && o + 1 < n;) {
        bool start = p == in || !isalnum((unsigned char)p[-1]);
        size_t k = 0, len = 0;
        for (; start && k < sizeof from / sizeof from[0]; k++) {
            len = strlen(from[k]);
            if (strncmp(p, from[k], len) == 0 && !isalnum((unsigned char)p[len]))
                break;
        }
        if (start && k < sizeof from / sizeof from[0] && o + strlen(to[k]) + 1 < n) {
            memcpy(out + o, to[k], strlen(to[k]));
            o += strlen(to[k]);
            p += len;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
}

void frame_draw_help(frame *f, const scene *sc)
{
    const scene_help_line *lines = sc->help;
    int n = (int)sc->n_help, kw = 0, ww = 0;
    for (int k = 0; k < n; k++) {
        int k1 = frame_text_width(sc->braille ? lines[k].keys : lines[k].ascii_keys);
        char what[160];
        frame_help_words(lines[k].what, sc->braille, what, sizeof what);
        int w1 = frame_text_width(what);
        kw = k1 > kw ? k1 : kw;
        ww = w1 > ww ? w1 : ww;
    }
    /* One column when it fits the height, else two side by side. */
    int columns = n + 4 <= f->rows ? 1 : 2;
    /* Three spaces between the columns, fewer when the frame is narrow (ASCII key names are
     * longer): never text over the box's edge. */
    int gap = 3;
    while (gap > 1 && columns * (kw + ww + gap) + 3 > f->cols)
        gap--;
    int per = (n + columns - 1) / columns, colw = kw + ww + gap;
    int bw = columns * colw + 3, bh = per + 4;
    bw = bw > f->cols ? f->cols : bw;
    bh = bh > f->rows ? f->rows : bh;
    int x0 = (f->cols - bw) / 2, y0 = (f->rows - bh) / 2;
    draw_box(f, sc, (frame_rect){x0, y0, bw, bh}, " keys ");
    for (int k = 0; k < n; k++) {
        int col = x0 + 2 + (k / per) * colw, row = y0 + 1 + k % per;
        if (row >= y0 + bh - 2)
            continue;
        frame_text(f, col, row, kw, sc->braille ? lines[k].keys : lines[k].ascii_keys, ROLE_KEY);
        char what[160];
        frame_help_words(lines[k].what, sc->braille, what, sizeof what);
        frame_text(f, col + kw + 1, row, ww, what, ROLE_TEXT);
    }
    frame_text(f, x0 + 2, y0 + bh - 2, bw - 4, "any key closes this", ROLE_DIM);
}

/* A box over the middle of the screen: what the surface is, what it teaches, and where its
 * stationary points are. */
void frame_draw_lesson(frame *f, const scene *sc)
{
    const surface *s = sc->w->surf;
    int bw = f->cols * 3 / 4 < 76 ? f->cols * 3 / 4 : 76, bh = f->rows - 4;
    int x0 = (f->cols - bw) / 2, y0 = 2, w = bw - 4;
    draw_box(f, sc, (frame_rect){x0, y0, bw, bh}, " lesson ");
    int row = y0 + 1, last = y0 + bh - 3;
    char buf[160];
    row += frame_text_wrapped(f, x0 + 2, row, w, 1, s->title, ROLE_TITLE);
    snprintf(buf, sizeof buf, "L(%s, %s) = %s", s->axis_x, s->axis_y, s->formula);
    row += frame_text_wrapped(f, x0 + 2, row, w, 2, buf, ROLE_TEXT) + 1;
    row += frame_text_wrapped(f, x0 + 2, row, w, last - row, s->lesson, ROLE_TEXT) + 1;
    /* Minima first, then maxima, then saddles: where room runs out, saddles give way first,
     * and the last line says what was left out. */
    static const surface_point_kind order[] = {POINT_MINIMUM, POINT_MAXIMUM, POINT_SADDLE};
    size_t shown = 0;
    for (size_t o = 0; o < sizeof order / sizeof order[0]; o++)
        for (size_t k = 0; k < s->n_points && row <= last; k++) {
            const surface_point *pt = &s->points[k];
            if (pt->kind != order[o])
                continue;
            if (row == last && shown + 1 < s->n_points) {
                size_t left = s->n_points - shown, saddles = 0;
                for (size_t j = 0; j < s->n_points; j++)
                    saddles += s->points[j].kind == POINT_SADDLE;
                /* left >= 2: with one left, its own line would have taken this row. */
                snprintf(buf, sizeof buf, "... and %zu more stationary points%s", left,
                         left <= saddles ? " (saddles)" : "");
                frame_text(f, x0 + 2, row, w, buf, ROLE_DIM);
                row = last + 1;
                break;
            }
            snprintf(buf, sizeof buf, "%-8s (%.6g, %.6g)  L = %.6g%s",
                     surface_point_kind_name(pt->kind), pt->x, pt->y, pt->value,
                     pt->degenerate ? "  (degenerate)" : "");
            frame_text(f, x0 + 2, row++, w, buf, ROLE_TEXT);
            shown++;
        }
    frame_text(f, x0 + 2, y0 + bh - 2, w, "any key closes this", ROLE_DIM);
}

void frame_draw_too_small(frame *f)
{
    char buf[160];
    snprintf(buf, sizeof buf,
             "terminal too small (need %dx%d, have %dx%d): w shows the numbers view, q quits",
             FRAME_MIN_COLS, FRAME_MIN_ROWS, f->cols, f->rows);
    /* Wrapped, so even a narrow screen shows the sizes. */
    int lines = (frame_text_width(buf) + f->cols - 1) / (f->cols > 0 ? f->cols : 1);
    int top = (f->rows - lines) / 2;
    frame_text_wrapped(f, 0, top > 0 ? top : 0, f->cols, f->rows, buf, ROLE_WARN);
}

/* ---- the numbers-only view: words for screen readers and very narrow terminals -------- */

static const char *compass(double deg)
{
    static const char *const names[8] = {"right (east)", "up and right (north-east)",
                                         "up (north)",   "up and left (north-west)",
                                         "left (west)",  "down and left (south-west)",
                                         "down (south)", "down and right (south-east)"};
    double d = fmod(deg + 360, 360);
    return names[(int)floor((d + 22.5) / 45) % 8];
}

static const char *third(double t, const char *lo, const char *mid, const char *hi,
                         const char *below, const char *above)
{
    return t < 0 ? below : t < 1.0 / 3 ? lo : t <= 2.0 / 3 ? mid : t <= 1 ? hi : above;
}

/* The lesson as plain text, for the numbers view (no box: every row is for words). */
static void numbers_lesson(frame *f, const scene *sc)
{
    const surface *s = sc->w->surf;
    int w = f->cols - 2, row = 0;
    char buf[256];
    row += frame_text_wrapped(f, 1, row, w, f->rows - row, s->title, ROLE_TITLE);
    snprintf(buf, sizeof buf, "L(%s, %s) = %s", s->axis_x, s->axis_y, s->formula);
    row += frame_text_wrapped(f, 1, row, w, f->rows - row, buf, ROLE_TEXT);
    row += frame_text_wrapped(f, 1, row, w, f->rows - row, s->lesson, ROLE_TEXT);
    for (size_t k = 0; k < s->n_points && row < f->rows - 1; k++) {
        const surface_point *pt = &s->points[k];
        snprintf(buf, sizeof buf, "%s at (%.6g, %.6g), L = %.6g%s",
                 surface_point_kind_name(pt->kind), pt->x, pt->y, pt->value,
                 pt->degenerate ? " (degenerate)" : "");
        row += frame_text_wrapped(f, 1, row, w, f->rows - 1 - row, buf, ROLE_TEXT);
    }
    frame_text(f, 1, f->rows - 1, w, "any key closes the lesson", ROLE_KEY);
}

/* Most important first, so a short screen keeps the status and the keys. */
void frame_draw_numbers(frame *f, const scene *sc)
{
    if (sc->show_lesson) {
        numbers_lesson(f, sc);
        return;
    }
    const walker *ss = sc->w;
    const surface *s = ss->surf;
    bool u = sc->braille;
    int w = f->cols - 2, row = 0;
    char buf[400];
#define SAY(role, ...)                                                                             \
    do {                                                                                           \
        snprintf(buf, sizeof buf, __VA_ARGS__);                                                    \
        row += frame_text_wrapped(f, 1, row, w, f->rows - row, buf, role);                         \
    } while (0)
    if (sc->surf_index < sc->surf_count)
        SAY(ROLE_TITLE, "%s (%s, %zu of %zu)", s->title, s->name, sc->surf_index + 1,
            sc->surf_count);
    else
        SAY(ROLE_TITLE, "%s (%s)", s->title, s->name);
    switch (ss->status) {
    case WALKER_RUNNING:
        SAY(ROLE_TEXT, "status: running%s, step %lu", sc->playing ? " (playing)" : "", ss->step);
        break;
    case WALKER_CONVERGED:
        SAY(ROLE_GOOD, "status: converged at step %lu, |grad L| below 1e-6", ss->step);
        break;
    case WALKER_DIVERGED:
        SAY(ROLE_BAD, "status: DIVERGED at step %lu: %s; - lowers eta, r resets", ss->step,
            ss->unbounded ? "L has no bound this way" : "eta is too large here");
        break;
    }
    if (sc->prompt && sc->prompt_formula)
        SAY(sc->prompt_error[0] ? ROLE_BAD : ROLE_WARN, "type a formula: %s_  %s%s%s", sc->input,
            sc->prompt_error[0] ? "error: " : "(Enter draws it, Esc cancels)", sc->prompt_error,
            sc->prompt_error_col > 0 ? " (at the column shown)" : "");
    else if (sc->prompt && sc->prompt_spec)
        SAY(ROLE_WARN, "type a walker: %s_  (e.g. adam:eta=0.1 adds one; eta=0.05 tunes)",
            sc->input);
    else if (sc->prompt)
        SAY(ROLE_WARN, "type eta: %s_  (Enter sets, Esc cancels)", sc->input);
    else if (sc->message[0])
        SAY(ROLE_WARN, "%s", sc->message);
    if (sc->demo_status[0])
        SAY(ROLE_KEY, "%s; keys: p pause, space go on, Esc take over, q quit", sc->demo_status);
    else if (sc->probe)
        SAY(ROLE_KEY, "keys: left/right turn u, g -grad, c level curve, space step along u, t "
                      "leave the probe, i lesson, w drawing, q quit");
    else
        SAY(ROLE_KEY, "keys: space step, a ascend, + - eta, t probe, i lesson, w drawing, ? help, "
                      "q quit");
    if (sc->caption[0])
        SAY(ROLE_TITLE, "%s", sc->caption);
    SAY(ROLE_TEXT, u ? "θ = (%.6g, %.6g), L(θ) = %.6g" : "theta = (%.6g, %.6g), L = %.6g", ss->x,
        ss->y, ss->loss);
    if (s->heldout)
        SAY(ROLE_TEXT, "held-out loss at θ: %.6g", surface_loss(s->heldout, ss->x, ss->y));
    SAY(ROLE_TEXT, u ? "∇L = (%.6g, %.6g), |∇L| = %.6g" : "grad = (%.6g, %.6g), |grad| = %.6g",
        ss->gx, ss->gy, ss->gnorm);
    SAY(ROLE_TEXT, u ? "η = %.6g, %s" : "eta = %.6g, %s", ss->eta,
        ss->ascend ? "ascending along +grad L" : "descending along -grad L");
    if (ss->has_last)
        SAY(ROLE_TEXT, "last step: L changed by %.6g (first-order prediction %.6g)", ss->last_delta,
            ss->last_predicted);
    if (sc->probe) {
        analysis_probe pr = analysis_probe_at(s, &sc->here, ss->eta, sc->beta);
        optimizer_move m = walker_move_along(ss, pr.ux, pr.uy);
        double nx = ss->x + m.dx, ny = ss->y + m.dy;
        SAY(ROLE_WARN,
            "probe: u at beta = %.1f degrees from grad L, cos beta = %.6g; first "
            "order %.6g, second order %.6g, together %.6g; actual %.6g (%s). The step along u "
            "(length eta) goes to (%.6g, %.6g)",
            pr.beta, pr.cos_beta, pr.first, pr.second, pr.predicted, pr.actual,
            pr.actual < 0   ? "lower"
            : pr.actual > 0 ? "higher"
                            : "same",
            nx, ny);
    } else {
        optimizer_move next;
        if (ss->gnorm > 0 && ss->status != WALKER_DIVERGED && walker_preview(ss, &next)) {
            double sign = ss->ascend ? 1 : -1;
            double deg = atan2(sign * ss->gy, sign * ss->gx) * 180 / M_PI;
            double nx = ss->x + next.dx, ny = ss->y + next.dy;
            SAY(ROLE_TEXT,
                "%s points %s, %.0f degrees from the +%s axis; the next step goes to "
                "(%.6g, %.6g), where L = %.6g",
                ss->ascend ? "+grad L" : "-grad L", compass(deg), deg, s->axis_x, nx, ny,
                surface_loss(s, nx, ny));
        }
    }
    analysis_hessian h = analysis_hessian_of(&sc->here);
    if (h.ok && h.lambda_min > 0)
        SAY(ROLE_TEXT, "curvature: Hessian eigenvalues %.4g and %.4g, condition number %.4g",
            h.lambda_min, h.lambda_max, h.condition);
    else if (h.ok)
        SAY(ROLE_WARN,
            "curvature: Hessian eigenvalues %.4g and %.4g: negative curvature (no condition "
            "number)",
            h.lambda_min, h.lambda_max);
    /* The same facts as the panel: along an eigenvector a step multiplies the distance by
     * 1 - eta lambda; past 1/lambda it zig-zags, past 2/lambda each bounce grows. */
    double lam = h.ok ? (ss->ascend ? -h.lambda_min : h.lambda_max) : 0;
    if (lam > 0) {
        double bound = 2 / lam;
        const char *which = ss->ascend ? "2/|lambda_min|" : "2/lambda_max";
        const char *half = ss->ascend ? "1/|lambda_min|" : "1/lambda_max";
        switch (analysis_eta_regime_of(ss->eta, lam)) {
        case ETA_ABOVE:
            SAY(ROLE_BAD, "eta is above %s = %.4g: each bounce grows %.4g times", which, bound,
                fabs(1 - ss->eta * lam));
            break;
        case ETA_AT_BOUND:
            SAY(ROLE_WARN, "eta is %s = %.4g: the steps bounce and the bounces keep their size",
                which, bound);
            break;
        case ETA_ZIGZAG:
            SAY(ROLE_WARN, "eta is between %s and %s = %.4g: steps zig-zag but shrink", half, which,
                bound);
            break;
        case ETA_AT_HALF:
            SAY(ROLE_TEXT, "eta is %s: along that axis a step lands on the %s point (%s = %.4g)",
                half, ss->ascend ? "high" : "low", which, bound);
            break;
        case ETA_BELOW:
            SAY(ROLE_TEXT, "eta is below %s: steps do not overshoot (%s = %.4g)", half, which,
                bound);
            break;
        }
    }
    double fx = (ss->x - s->xmin) / (s->xmax - s->xmin),
           fy = (ss->y - s->ymin) / (s->ymax - s->ymin);
    SAY(ROLE_TEXT, "where: %s, %s, in the box %s from %g to %g, %s from %g to %g",
        third(fy, "low", "middle height", "high", "below the box", "above the box"),
        third(fx, "left", "centre", "right", "left of the box", "right of the box"), s->axis_x,
        s->xmin, s->xmax, s->axis_y, s->ymin, s->ymax);
    const surface_point *m = analysis_nearest_minimum(s, ss->x, ss->y);
    double ang = analysis_angle_to_minimum(s, &sc->here);
    if (m)
        SAY(ROLE_TEXT, "nearest minimum: (%.6g, %.6g), L = %.6g, %.3g away", m->x, m->y, m->value,
            hypot(m->x - ss->x, m->y - ss->y));
    if (isfinite(ang) && m && hypot(m->x - ss->x, m->y - ss->y) > 0)
        SAY(ROLE_TEXT, "the minimum lies %.1f degrees off the direction of -grad L", ang);
#undef SAY
}
