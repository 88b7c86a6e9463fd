// SPDX-License-Identifier: MIT
/* Layer: picture. The plot: contours (cached), trail, stationary marks, the arrow and landing mark,
 * θ, a demo's caption; and the axes around it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/analysis.h"

#define ARROW_COLS 8.0 /* the arrow's physical length, in column widths */

/* ---- the plot ---------------------------------------------------------------------------- */

typedef struct {
    frame *f;
    const scene *sc;
    frame_rect r;
    uint8_t *dots; /* braille bits per plot cell, for lines drawn over the contours */
} plot;

static void plot_dot(plot *p, double col, double row, int role)
{
    if (!(col >= 0 && row >= 0 && col < p->r.cols && row < p->r.rows))
        return;
    int c = (int)col, r = (int)row;
    int dx = (int)((col - c) * 2), dy = (int)((row - r) * 4);
    size_t i = (size_t)r * (size_t)p->r.cols + (size_t)c;
    p->dots[i] |= contour_braille_bit[dy > 3 ? 3 : dy][dx > 1 ? 1 : dx];
    frame_put(p->f, p->r.x + c, p->r.y + r, 0x2800u + p->dots[i], role);
}

static void plot_glyph(plot *p, double col, double row, uint32_t ch, int role)
{
    if (!(col >= 0 && row >= 0 && col < p->r.cols && row < p->r.rows))
        return;
    frame_put(p->f, p->r.x + (int)col, p->r.y + (int)row, ch, role);
}

/* Liang-Barsky: clips the segment to the plot box; false if nothing is left. */
static bool clip(const plot *p, double *x0, double *y0, double *x1, double *y1)
{
    double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
    double pq[4][2] = {
        {-dx, *x0}, {dx, p->r.cols - 1e-9 - *x0}, {-dy, *y0}, {dy, p->r.rows - 1e-9 - *y0}};
    for (int k = 0; k < 4; k++) {
        double pk = pq[k][0], qk = pq[k][1];
        if (pk == 0) {
            if (qk < 0)
                return false;
        } else {
            double t = qk / pk;
            if (pk < 0)
                t0 = t > t0 ? t : t0;
            else
                t1 = t < t1 ? t : t1;
        }
    }
    if (t0 > t1)
        return false;
    double ax = *x0, ay = *y0;
    *x0 = ax + t0 * dx;
    *y0 = ay + t0 * dy;
    *x1 = ax + t1 * dx;
    *y1 = ay + t1 * dy;
    return true;
}

/* A line between fractional cell positions: braille dots, or ASCII glyphs by angle. */
static void plot_line(plot *p, double c0, double r0, double c1, double r1, int role,
                      uint32_t ascii_override)
{
    if (!isfinite(c0) || !isfinite(r0) || !isfinite(c1) || !isfinite(r1) ||
        !clip(p, &c0, &r0, &c1, &r1))
        return;
    double dc = c1 - c0, dr = r1 - r0;
    if (p->sc->braille) {
        double n = ceil(fmax(fabs(dc) * 2, fabs(dr) * 4));
        for (double k = 0; k <= n; k++) {
            double t = n > 0 ? k / n : 0;
            plot_dot(p, c0 + t * dc, r0 + t * dr, role);
        }
    } else {
        uint32_t g = ascii_override
                         ? ascii_override
                         : (uint32_t)contour_line_glyph(atan2(-dr * VIEW_ASPECT, dc) * 180 / M_PI);
        double n = ceil(fmax(fabs(dc), fabs(dr)) * 2);
        for (double k = 0; k <= n; k++) {
            double t = n > 0 ? k / n : 0;
            plot_glyph(p, c0 + t * dc, r0 + t * dr, g, role);
        }
    }
}

static void draw_contours(plot *p)
{
    const contour_layer *c = &p->f->contours;
    int n = c->n_levels > 1 ? c->n_levels : 2;
    for (int r = 0; r < c->rows; r++)
        for (int col = 0; col < c->cols; col++) {
            size_t i = (size_t)r * (size_t)c->cols + (size_t)col;
            if (c->level[i] == CONTOUR_NONE)
                continue;
            int role = ROLE_LEVEL0 + c->level[i] * (CONTOUR_MAX_LEVELS - 1) / (n - 1);
            if (c->braille) {
                uint8_t d = c->dots[i];
                if (p->sc->theme == THEME_PROJECTOR) {
                    /* Thicker lines: each dot also lights its neighbours right and below. */
                    uint8_t across = (uint8_t)(((d & 0x07) << 3) | ((d & 0x40) << 1) |
                                               ((d & 0x38) >> 3) | ((d & 0x80) >> 1));
                    uint8_t down = (uint8_t)(((d & 0x03) << 1) | ((d & 0x04) << 4) |
                                             ((d & 0x18) << 1) | ((d & 0x20) << 2));
                    d |= across | down;
                }
                p->dots[i] = d;
                frame_put(p->f, p->r.x + col, p->r.y + r, 0x2800u + d, role);
            } else {
                frame_put(p->f, p->r.x + col, p->r.y + r, (uint32_t)c->glyph[i], role);
            }
        }
}

/* The level curve through θ, L = L(θ), over the plot: it moves with θ, and −∇L crosses it at
 * a right angle (the first-order picture: zoomed in far enough it is a straight line). */
static bool draw_here(plot *p)
{
    const contour_layer *c = &p->f->contours;
    size_t cells = (size_t)c->cols * (size_t)c->rows;
    if (cells == 0 || c->cols != p->r.cols || c->rows != p->r.rows)
        return true;
    uint8_t *dots = malloc(cells);
    char *glyph = malloc(cells);
    if (!dots || !glyph) {
        free(dots);
        free(glyph);
        return false;
    }
    contour_trace_level(c, p->sc->w->loss, dots, glyph);
    for (int r = 0; r < c->rows; r++)
        for (int col = 0; col < c->cols; col++) {
            size_t i = (size_t)r * (size_t)c->cols + (size_t)col;
            if (c->braille && dots[i]) {
                p->dots[i] = dots[i]; /* its own dots only: the other levels give way here */
                frame_put(p->f, p->r.x + col, p->r.y + r, 0x2800u + dots[i], ROLE_HERE);
            } else if (!c->braille && glyph[i]) {
                /* Its own glyphs where they exist, so it stands out without colour too. (cppcheck
                 * takes glyph for calloc's zeros: contour_trace_level wrote it.) */
                // cppcheck-suppress knownConditionTrueFalse
                char g = glyph[i] == '-' ? '=' : glyph[i] == '|' ? '!' : glyph[i];
                frame_put(p->f, p->r.x + col, p->r.y + r, (uint32_t)g, ROLE_HERE);
            }
        }
    free(dots);
    free(glyph);
    return true;
}

/* Walker k's mark when several race: its number (1-9, then a-g), readable without colour. */
static uint32_t walker_glyph(size_t k)
{
    return k < 9 ? (uint32_t)('1' + k) : (uint32_t)('a' + (k - 9));
}

static void draw_trail(plot *p, const walker *ss, int role)
{
    double pc = 0, pr = 0;
    for (size_t k = 0; k < ss->trail_len; k++) {
        double c, r;
        view_to_cell(&p->sc->v, ss->trail[k].x, ss->trail[k].y, &c, &r);
        if (k > 0 && !ss->trail[k].jump)
            plot_line(p, pc, pr, c, r, role, frame_glyph_ascii[G_TRAIL]);
        pc = c;
        pr = r;
    }
    /* Visited points on top of the segments joining them. */
    for (size_t k = 0; k + 1 < ss->trail_len; k++) {
        double c, r;
        view_to_cell(&p->sc->v, ss->trail[k].x, ss->trail[k].y, &c, &r);
        plot_glyph(p, c, r, frame_glyph(p->sc, G_TRAIL), role);
    }
}

static void draw_points(plot *p)
{
    const surface *s = p->sc->w->surf;
    static const int g[] = {G_MINIMUM, G_SADDLE, G_MAXIMUM};
    static const int role[] = {ROLE_MINIMUM, ROLE_SADDLE, ROLE_MAXIMUM};
    for (size_t k = 0; k < s->n_points; k++) {
        double c, r;
        view_to_cell(&p->sc->v, s->points[k].x, s->points[k].y, &c, &r);
        plot_glyph(p, c, r, frame_glyph(p->sc, g[s->points[k].kind]), role[s->points[k].kind]);
    }
}

/* The arrowhead nearest to a physical angle (degrees, counter-clockwise from +x). */
static uint32_t arrow_head(const scene *sc, double deg)
{
    static const uint32_t utf8[8] = {0x2192, 0x2197, 0x2191, 0x2196,
                                     0x2190, 0x2199, 0x2193, 0x2198};
    static const uint32_t ascii[4] = {'>', '^', '<', 'v'};
    double d = fmod(deg + 360, 360);
    if (sc->braille)
        return utf8[(int)floor((d + 22.5) / 45) % 8];
    return ascii[(int)floor((d + 45) / 90) % 4];
}

/* A dotted line: every other braille dot, or '.' cells in ASCII, so a second arrow reads as
 * different from the first without colour. */
static void plot_dotted(plot *p, double c0, double r0, double c1, double r1, int role)
{
    if (!isfinite(c0) || !isfinite(r0) || !isfinite(c1) || !isfinite(r1) ||
        !clip(p, &c0, &r0, &c1, &r1))
        return;
    double dc = c1 - c0, dr = r1 - r0;
    bool b = p->sc->braille;
    double n = ceil(fmax(fabs(dc) * (b ? 2 : 1), fabs(dr) * (b ? 4 : 2)));
    for (double k = 0; k <= n; k += 2) {
        double t = n > 0 ? k / n : 0;
        if (b)
            plot_dot(p, c0 + t * dc, r0 + t * dr, role);
        else
            plot_glyph(p, c0 + t * dc, r0 + t * dr, '.', role);
    }
}

/* An arrow from θ along the unit world direction (ux, uy). `head` replaces the arrowhead
 * (0: the arrowhead for the angle), so the probe's reference arrow has a mark of its own. */
static void draw_arrow_as(plot *p, double tc, double tr, double ux, double uy, int role,
                          bool record, bool dotted, uint32_t head)
{
    frame *f = p->f;
    double len = fmin(ARROW_COLS, p->r.cols / 5.0);
    double hc = tc + ux * len, hr = tr - uy * len / p->sc->v.aspect;
    if (dotted)
        plot_dotted(p, tc, tr, hc, hr, role);
    else
        plot_line(p, tc, tr, hc, hr, role, 0);
    if (hc >= 0 && hr >= 0 && hc < p->r.cols && hr < p->r.rows) {
        plot_glyph(p, hc, hr, head ? head : arrow_head(p->sc, atan2(uy, ux) * 180 / M_PI), role);
        if (record) {
            f->head_col = p->r.x + (int)hc;
            f->head_row = p->r.y + (int)hr;
        }
    }
}

static void draw_arrow(plot *p, double tc, double tr, double ux, double uy, int role, bool record)
{
    draw_arrow_as(p, tc, tr, ux, uy, role, record, false, 0);
}

static void draw_landing(plot *p, double lx, double ly)
{
    double c, r;
    view_to_cell(&p->sc->v, lx, ly, &c, &r);
    if (c >= 0 && r >= 0 && c < p->r.cols && r < p->r.rows) {
        plot_glyph(p, c, r, frame_glyph(p->sc, G_LANDING), ROLE_LANDING);
        p->f->land_col = p->r.x + (int)c;
        p->f->land_row = p->r.y + (int)r;
    }
}

/* The gradient arrow (∓∇L: the direction the argument is about) or, in the probe, u with a
 * dimmer -∇L beside it; then the landing mark where the optimizer says the step goes. */
/* The unit direction of an sgd walker's next (minibatch) step; false for any other walker. */
static bool batch_move(const walker *w, double *ux, double *uy)
{
    optimizer_batch ob;
    optimizer_move m;
    if (!optimizer_batch_of(w->type, w->state, &ob) || ob.batch >= ob.rows ||
        !walker_preview(w, &m))
        return false;
    double len = hypot(m.dx, m.dy);
    if (!(len > 0) || !isfinite(len))
        return false;
    *ux = m.dx / len;
    *uy = m.dy / len;
    return true;
}

static void draw_direction(plot *p, double tc, double tr)
{
    const scene *sc = p->sc;
    const walker *w = sc->w;
    double mx, my;
    double sign = w->ascend ? 1 : -1;
    bool grad = w->gnorm > 0 && isfinite(w->gnorm);
    if (sc->probe) {
        analysis_probe pr = analysis_probe_at(w->surf, &sc->here, w->eta, sc->beta);
        /* The reference −∇L: dotted, its head a ∇ (g in ASCII); u: solid, an arrowhead. */
        if (grad)
            draw_arrow_as(p, tc, tr, -w->gx / w->gnorm, -w->gy / w->gnorm, ROLE_DIM, false, true,
                          sc->braille ? 0x2207 : 'g');
        draw_arrow(p, tc, tr, pr.ux, pr.uy, ROLE_ARROW, true);
    } else if (grad && batch_move(w, &mx, &my)) {
        /* sgd: the full −∇L dotted with its ∇ head; the minibatch's step solid, the way the
         * walker will actually go. */
        draw_arrow_as(p, tc, tr, sign * w->gx / w->gnorm, sign * w->gy / w->gnorm, ROLE_DIM, false,
                      true, sc->braille ? 0x2207 : 'g');
        draw_arrow(p, tc, tr, mx, my, ROLE_ARROW, true);
    } else if (grad) {
        draw_arrow(p, tc, tr, sign * w->gx / w->gnorm, sign * w->gy / w->gnorm, ROLE_ARROW, true);
    }
    double lx, ly;
    if (scene_landing(sc, &lx, &ly))
        draw_landing(p, lx, ly);
}

/* The Hessian's eigenvectors through θ, both ways, dotted, each end labelled with its λ: the
 * valley's own axes, along which a step is multiplied by 1 - ηλ. */
static void draw_axes(plot *p, double tc, double tr)
{
    const scene *sc = p->sc;
    double vmin[2], vmax[2];
    analysis_hessian h = analysis_hessian_of(&sc->here);
    if (!h.ok || !analysis_eigenvectors(&sc->here, vmin, vmax))
        return;
    const double *v[2] = {vmin, vmax};
    double lam[2] = {h.lambda_min, h.lambda_max};
    double len = fmin(ARROW_COLS * 1.5, p->r.cols / 4.0);
    for (int k = 0; k < 2; k++) {
        double dc = v[k][0] * len, dr = -v[k][1] * len / sc->v.aspect;
        plot_dotted(p, tc - dc, tr - dr, tc + dc, tr + dr, ROLE_LABEL);
        char buf[24];
        snprintf(buf, sizeof buf, "%s%.3g", sc->braille ? "λ=" : "l=", lam[k]);
        double ec = tc + dc * 1.1, er = tr + dr * 1.1;
        if (ec < 0 || er < 0 || ec >= p->r.cols || er >= p->r.rows) {
            ec = tc - dc * 1.1; /* the other end, if this one is off the plot */
            er = tr - dr * 1.1;
        }
        if (ec >= 0 && er >= 0 && ec < p->r.cols && er < p->r.rows) {
            int w = frame_text_width(buf), c0 = (int)ec;
            c0 = c0 + w > p->r.cols ? p->r.cols - w : c0;
            frame_text(p->f, p->r.x + c0, p->r.y + (int)er, w, buf, ROLE_LABEL);
        }
    }
}

/* A faint dotted line from θ to the nearest listed minimum. */
static void draw_to_minimum(plot *p, double tc, double tr)
{
    const surface_point *m = analysis_nearest_minimum(p->sc->w->surf, p->sc->w->x, p->sc->w->y);
    if (!m)
        return;
    double mc, mr;
    view_to_cell(&p->sc->v, m->x, m->y, &mc, &mr);
    double c0 = tc, r0 = tr, c1 = mc, r1 = mr;
    if (!clip(p, &c0, &r0, &c1, &r1))
        return;
    double n = ceil(fmax(fabs(c1 - c0), fabs(r1 - r0) * 2));
    for (double k = 0; k <= n; k += 2) { /* every other cell: dotted, so it reads as a hint */
        double t = n > 0 ? k / n : 0;
        double c = c0 + t * (c1 - c0), r = r0 + t * (r1 - r0);
        if (p->sc->braille)
            plot_dot(p, c, r, ROLE_DIM);
        else
            plot_glyph(p, c, r, ':', ROLE_DIM);
    }
}

bool frame_draw_plot(frame *f, const scene *sc, frame_rect r)
{
    plot p = {f, sc, r, calloc((size_t)r.cols * (size_t)r.rows, 1)};
    if (!p.dots)
        return false;
    const surface *cs = sc->contour_surf;
    if (!contour_matches(&f->contours, cs, &sc->v, sc->braille)) {
        if (!contour_compute(&f->contours, cs, &sc->v, sc->braille)) {
            free(p.dots);
            return false;
        }
        f->contour_computations++;
    }
    if (sc->show_levels)
        draw_contours(&p);
    if (sc->show_trail)
        for (size_t k = 0; k < sc->ss->n_walkers; k++)
            draw_trail(&p, &sc->ss->walkers[k],
                       sc->ss->n_walkers > 1 ? ROLE_WALKER0 + (int)(k % 8) : ROLE_TRAIL);
    /* Over the trail, which always reaches θ: the curve must be seen passing through it. */
    if (cs == sc->w->surf && !draw_here(&p)) {
        free(p.dots);
        return false;
    }
    double tc, tr;
    view_to_cell(&sc->v, sc->w->x, sc->w->y, &tc, &tr);
    if (sc->show_to_min)
        draw_to_minimum(&p, tc, tr);
    if (sc->show_axes)
        draw_axes(&p, tc, tr);
    draw_points(&p);
    if (sc->show_arrow && sc->w->status != WALKER_DIVERGED)
        draw_direction(&p, tc, tr);
    /* The other walkers' marks: their numbers in their colours. */
    for (size_t k = 0; sc->ss->n_walkers > 1 && k < sc->ss->n_walkers; k++) {
        const walker *o = &sc->ss->walkers[k];
        if (o == sc->w)
            continue;
        double oc, orow;
        view_to_cell(&sc->v, o->x, o->y, &oc, &orow);
        plot_glyph(&p, oc, orow, walker_glyph(k), ROLE_WALKER0 + (int)(k % 8));
    }
    if (tc >= 0 && tr >= 0 && tc < r.cols && tr < r.rows) {
        if (sc->theme == THEME_PROJECTOR) { /* a larger mark, readable from the back row */
            plot_glyph(&p, tc - 1, tr, sc->braille ? 0x2590 : '(', ROLE_THETA);
            plot_glyph(&p, tc + 1, tr, sc->braille ? 0x258C : ')', ROLE_THETA);
        }
        plot_glyph(&p, tc, tr, frame_glyph(sc, G_THETA), ROLE_THETA);
        f->theta_col = r.x + (int)tc;
        f->theta_row = r.y + (int)tr;
    } else if (isfinite(tc) && isfinite(tr) && r.cols > 2 && r.rows > 2) {
        /* θ is off the plot (a diverging walk): an arrowhead on the edge points to it, where
         * the line from the plot's centre to θ leaves the plot. */
        double cc = 0.5 * r.cols, cr = 0.5 * r.rows, dc = tc - cc, dr = tr - cr;
        double t = fmin(fabs(dc) > 0 ? (cc - 0.5) / fabs(dc) : INFINITY,
                        fabs(dr) > 0 ? (cr - 0.5) / fabs(dr) : INFINITY);
        double ec = cc + t * dc, er = cr + t * dr;
        plot_glyph(&p, ec, er, arrow_head(sc, atan2(-dr * sc->v.aspect, dc) * 180 / M_PI),
                   ROLE_THETA);
        f->edge_col = r.x + (int)ec;
        f->edge_row = r.y + (int)er;
    }
    if (sc->caption[0]) { /* centred at the bottom of the plot, on up to three rows */
        int w = frame_text_width(sc->caption) + 2;
        w = w > r.cols ? r.cols : w;
        int need = frame_text_rows(sc->caption, w - 2), rows = need < 3 ? need : 3;
        int x = r.x + (r.cols - w) / 2, y = r.y + r.rows - rows;
        for (int k = 0; k < rows; k++)
            for (int c = 0; c < w; c++)
                frame_put(f, x + c, y + k, ' ', ROLE_TITLE);
        frame_text_wrapped(f, x + 1, y, w - 2, rows, sc->caption, ROLE_TITLE);
        // cppcheck-suppress knownConditionTrueFalse ; rows is at most 3, need may be more
        if (need > rows) /* cut: say so */
            frame_put(f, x + w - 2, y + rows - 1, sc->braille ? 0x2026 : '>', ROLE_TITLE);
    }
    free(p.dots);
    return true;
}

/* ---- axes -------------------------------------------------------------------------------- */

/* A tick value with the digits that tell it from its neighbours `step` apart, when the
 * largest value on the axis is about mag: never fewer significant digits than that needs,
 * nor than its integer part has. `sign` forces a leading + (offsets). Returns the width. */
static int tick_label(char *buf, size_t n, double v, double step, double mag, bool sign)
{
    if (fabs(v) < step * 1e-9)
        v = 0;
    double m = fmax(mag, step);
    int p = (int)ceil(log10(m / step) - 1e-9) + 1, whole = (int)floor(log10(m)) + 1;
    // cppcheck-suppress knownConditionTrueFalse ; whole exceeds 6 from 10^6 up
    p = p > whole && whole > 0 ? p : whole > p && whole <= 6 ? whole : p;
    p = p < 1 ? 1 : p > 17 ? 17 : p;
    snprintf(buf, n, sign ? "%+.*g" : "%.*g", p, v);
    frame_compact_exponent(buf);
    /* 0.0001 is longer than 1e-4: take the shorter spelling of the same digits. */
    char alt[40];
    snprintf(alt, sizeof alt, sign ? "%+.*e" : "%.*e", p - 1, v);
    frame_compact_exponent(alt);
    char *e = strchr(alt, 'e'), *z = e;
    while (z && z > alt && z[-1] == '0')
        z--;
    if (z && z > alt && z[-1] == '.')
        z--;
    if (z && z != e)
        memmove(z, e, strlen(e) + 1); /* 1.50e-4 -> 1.5e-4, 1.0e-4 -> 1e-4 */
    if (v != 0 && strlen(alt) < strlen(buf) && strlen(alt) < n)
        memcpy(buf, alt, strlen(alt) + 1);
    return frame_text_width(buf);
}

void frame_draw_axes(frame *f, const scene *sc, const frame_layout *l)
{
    const view *v = &sc->v;
    char buf[32];
    /* y: labels right-aligned in the gutter, a tick where each falls. */
    for (int r = 0; r < l->gutter.rows; r++)
        frame_put(f, l->gutter.cols - 1, r, frame_glyph(sc, G_VBAR), ROLE_AXIS);
    double ytop, ybot, x;
    view_to_world(v, 0, 0, &x, &ytop);
    view_to_world(v, 0, l->plot.rows, &x, &ybot);
    double ys = frame_nice_step(ytop - ybot, l->plot.rows / 4);
    /* Ticks by a bounded integer count, never by adding the step to a double: where the
     * step is below the rounding of the numbers (a view far from 0), y += ys stands still. */
    double k0 = ceil(ybot / ys), k1 = floor(ytop / ys);
    bool ticks = isfinite(k0) && isfinite(k1) && k1 - k0 <= l->plot.rows;
    int gw = l->gutter.cols - 1;
    double ymag = fmax(fabs(ytop), fabs(ybot)), yref = 0;
    /* Far from 0 the values need more digits than the gutter has: label the ticks by their
     * offset from a round value in the middle, shown once above them. */
    for (int k = 0; ticks && k <= k1 - k0; k++)
        if (tick_label(buf, sizeof buf, (k0 + k) * ys, ys, ymag, false) > gw) {
            yref = floor((k0 + k1) / 2) * ys;
            ymag = fmax(fabs(ytop - yref), fabs(ybot - yref));
            break;
        }
    for (int k = 0; ticks && k <= k1 - k0; k++) {
        double y = (k0 + k) * ys, c, r;
        view_to_cell(v, 0, y, &c, &r);
        int row = (int)r;
        if (row < 0 || row >= l->plot.rows || (yref != 0 && row == 0))
            continue;
        int w = tick_label(buf, sizeof buf, y - yref, ys, ymag, false);
        w = w > gw ? gw : w;
        frame_text(f, gw - w, row, w, buf, ROLE_AXIS);
        frame_put(f, gw, row, frame_glyph(sc, G_TICK_Y), ROLE_AXIS);
    }
    if (yref != 0) { /* "y=2e16+" over the offsets, in the top rows of the gutter */
        tick_label(buf, sizeof buf, yref, ys, fabs(yref), false);
        char head[48];
        snprintf(head, sizeof head, "%s=%s+", sc->w->surf->axis_y, buf);
        if (frame_text_width(head) > gw)
            snprintf(head, sizeof head, "%s+", buf);
        frame_text(f, 0, 0, gw, head, ROLE_LABEL);
    } else {
        frame_text(f, 0, 0, gw, sc->w->surf->axis_y, ROLE_LABEL);
    }

    /* x: a rule with ticks, and labels centred under them. */
    int rule = l->xaxis.y, labels = l->xaxis.y + 1;
    frame_put(f, l->gutter.cols - 1, rule, frame_glyph(sc, G_CORNER), ROLE_AXIS);
    for (int c = 0; c < l->plot.cols; c++)
        frame_put(f, l->plot.x + c, rule, frame_glyph(sc, G_HBAR), ROLE_AXIS);
    double xl, xr, y;
    view_to_world(v, 0, 0, &xl, &y);
    view_to_world(v, l->plot.cols, 0, &xr, &y);
    double xs = frame_nice_step(xr - xl, l->plot.cols / 10);
    int last_end = l->plot.x - 1;
    double j0 = ceil(xl / xs), j1 = floor(xr / xs), xmag = fmax(fabs(xl), fabs(xr));
    for (int k = 0; isfinite(j0) && isfinite(j1) && k <= j1 - j0 && k <= l->plot.cols; k++) {
        double xv = (j0 + k) * xs, c, r;
        view_to_cell(v, xv, 0, &c, &r);
        int col = (int)c;
        if (col < 0 || col >= l->plot.cols)
            continue;
        frame_put(f, l->plot.x + col, rule, frame_glyph(sc, G_TICK_X), ROLE_AXIS);
        tick_label(buf, sizeof buf, xv, xs, xmag, false);
        int w = frame_text_width(buf), start = l->plot.x + col - w / 2;
        if (start <= last_end + 1 || start + w > l->plot.x + l->plot.cols)
            continue;
        frame_text(f, start, labels, w, buf, ROLE_AXIS);
        last_end = start + w - 1;
    }
    int w = frame_text_width(sc->w->surf->axis_x);
    frame_text(f, l->plot.x + l->plot.cols - w, labels, w, sc->w->surf->axis_x, ROLE_LABEL);
}
