/* The picture: layout, plot composition (contours, trail, marks, arrow, θ), axes, panel,
 * help overlay. Everything is computed off-screen into cells, then written in one pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/analysis.h"
#include "steepest/frame.h"

#define GUTTER_COLS      7
#define PANEL_MIN_COLS   30
#define PANEL_MAX_COLS   40
#define PANEL_BELOW_ROWS 13
#define ARROW_COLS       8.0 /* the arrow's physical length, in column widths */

/* Glyphs: UTF-8 set first, ASCII second. */
enum {
    G_THETA,
    G_LANDING,
    G_MINIMUM,
    G_SADDLE,
    G_MAXIMUM,
    G_TRAIL,
    G_VBAR,
    G_TICK_Y,
    G_HBAR,
    G_TICK_X,
    G_CORNER,
    G_BOX_H,
    G_BOX_V,
    G_BOX_TL,
    G_BOX_TR,
    G_BOX_BL,
    G_BOX_BR,
    G_COUNT
};
static const uint32_t glyph_utf8[G_COUNT] = {0x25CF, 0x25CB, '*',    0x00D7, 0x25B2, 0x00B7,
                                             0x2502, 0x2524, 0x2500, 0x252C, 0x2514, 0x2500,
                                             0x2502, 0x250C, 0x2510, 0x2514, 0x2518};
static const uint32_t glyph_ascii[G_COUNT] = {'@', 'o', '*', 'x', '#', '.', '|', '+', '-',
                                              '+', '+', '-', '|', '+', '+', '+', '+'};

static uint32_t glyph(const app *a, int g)
{
    return a->braille ? glyph_utf8[g] : glyph_ascii[g];
}

void frame_init(frame *f)
{
    memset(f, 0, sizeof *f);
    contour_init(&f->contours);
}

void frame_free(frame *f)
{
    free(f->cells);
    contour_free(&f->contours);
    memset(f, 0, sizeof *f);
}

const frame_cell *frame_at(const frame *f, int col, int row)
{
    if (col < 0 || row < 0 || col >= f->cols || row >= f->rows)
        return NULL;
    return &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
}

static void put(frame *f, int col, int row, uint32_t ch, int role)
{
    if (col < 0 || row < 0 || col >= f->cols || row >= f->rows)
        return;
    frame_cell *c = &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
    c->ch = ch;
    c->role = (uint8_t)role;
}

/* Decodes one UTF-8 sequence; returns its length (1 for a stray byte, shown as '?'). */
static int utf8_decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int n = (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3 : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
    uint32_t v = n == 2 ? u[0] & 0x1Fu : n == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
    for (int k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            n = 0;
            break;
        }
        v = (v << 6) | (u[k] & 0x3Fu);
    }
    if (n == 0) {
        *cp = '?';
        return 1;
    }
    *cp = v;
    return n;
}

/* Writes UTF-8 text from (col, row), at most `width` cells; returns the cells used. */
static int text(frame *f, int col, int row, int width, const char *s, int role)
{
    int used = 0;
    while (*s && used < width) {
        uint32_t cp;
        s += utf8_decode(s, &cp);
        put(f, col + used++, row, cp, role);
    }
    return used;
}

static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Writes text over up to `lines` rows of `width` cells, breaking at spaces where it can.
 * Returns the rows used. */
static int text_wrapped(frame *f, int col, int row, int width, int lines, const char *s, int role)
{
    int used = 0;
    while (used < lines && *s && width > 0) {
        /* Take whole words while they fit; a word longer than the line is cut. */
        const char *end = s, *cut = NULL;
        int cells = 0;
        while (*end && cells <= width) {
            if (*end == ' ')
                cut = end;
            uint32_t cp;
            end += utf8_decode(end, &cp);
            cells++;
        }
        if (!*end && cells <= width)
            cut = end;
        if (!cut || cut == s) {
            cut = s;
            for (int k = 0; k < width && *cut; k++) {
                uint32_t cp;
                cut += utf8_decode(cut, &cp);
            }
        }
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)(cut - s), s);
        text(f, col, row + used, width, buf, role);
        used++;
        s = cut;
        while (*s == ' ')
            s++;
    }
    return used;
}

frame_layout frame_layout_for(int cols, int rows)
{
    frame_layout l;
    memset(&l, 0, sizeof l);
    if (cols < FRAME_MIN_COLS || rows < FRAME_MIN_ROWS) {
        l.too_small = true;
        return l;
    }
    /* Tall and not wide: the panel goes below and the plot keeps the full width. */
    bool below = cols < 100 && rows >= 40;
    int plot_rows, plot_cols;
    if (below) {
        plot_rows = rows - PANEL_BELOW_ROWS - 2;
        plot_cols = cols - GUTTER_COLS;
        l.panel = (frame_rect){0, plot_rows + 2, cols, PANEL_BELOW_ROWS};
    } else {
        int pw = cols / 4;
        pw = pw < PANEL_MIN_COLS ? PANEL_MIN_COLS : pw > PANEL_MAX_COLS ? PANEL_MAX_COLS : pw;
        plot_rows = rows - 2;
        plot_cols = cols - GUTTER_COLS - pw;
        l.panel = (frame_rect){GUTTER_COLS + plot_cols, 0, pw, rows};
    }
    l.gutter = (frame_rect){0, 0, GUTTER_COLS, plot_rows};
    l.plot = (frame_rect){GUTTER_COLS, 0, plot_cols, plot_rows};
    l.xaxis = (frame_rect){0, plot_rows, GUTTER_COLS + plot_cols, 2};
    return l;
}

/* ---- the plot ---------------------------------------------------------------------------- */

typedef struct {
    frame *f;
    const app *a;
    frame_rect r;
    uint8_t *dots; /* braille bits per plot cell, for lines drawn over the contours */
} plot;

static const uint8_t braille_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

static void plot_dot(plot *p, double col, double row, int role)
{
    if (!(col >= 0 && row >= 0 && col < p->r.cols && row < p->r.rows))
        return;
    int c = (int)col, r = (int)row;
    int dx = (int)((col - c) * 2), dy = (int)((row - r) * 4);
    size_t i = (size_t)r * (size_t)p->r.cols + (size_t)c;
    p->dots[i] |= braille_bit[dy > 3 ? 3 : dy][dx > 1 ? 1 : dx];
    put(p->f, p->r.x + c, p->r.y + r, 0x2800u + p->dots[i], role);
}

static void plot_glyph(plot *p, double col, double row, uint32_t ch, int role)
{
    if (!(col >= 0 && row >= 0 && col < p->r.cols && row < p->r.rows))
        return;
    put(p->f, p->r.x + (int)col, p->r.y + (int)row, ch, role);
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
    if (p->a->braille) {
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
                if (p->a->theme == THEME_PROJECTOR) {
                    /* Thicker lines: each dot also lights its neighbours right and below. */
                    uint8_t across = (uint8_t)(((d & 0x07) << 3) | ((d & 0x40) << 1) |
                                               ((d & 0x38) >> 3) | ((d & 0x80) >> 1));
                    uint8_t down = (uint8_t)(((d & 0x03) << 1) | ((d & 0x04) << 4) |
                                             ((d & 0x18) << 1) | ((d & 0x20) << 2));
                    d |= across | down;
                }
                p->dots[i] = d;
                put(p->f, p->r.x + col, p->r.y + r, 0x2800u + d, role);
            } else {
                put(p->f, p->r.x + col, p->r.y + r, (uint32_t)c->glyph[i], role);
            }
        }
}

static void draw_trail(plot *p)
{
    const session *ss = &p->a->ss;
    double pc = 0, pr = 0;
    for (size_t k = 0; k < ss->trail_len; k++) {
        double c, r;
        view_to_cell(&p->a->v, ss->trail[k].x, ss->trail[k].y, &c, &r);
        if (k > 0 && !ss->trail[k].jump)
            plot_line(p, pc, pr, c, r, ROLE_TRAIL, glyph_ascii[G_TRAIL]);
        pc = c;
        pr = r;
    }
    /* Visited points on top of the segments joining them. */
    for (size_t k = 0; k + 1 < ss->trail_len; k++) {
        double c, r;
        view_to_cell(&p->a->v, ss->trail[k].x, ss->trail[k].y, &c, &r);
        plot_glyph(p, c, r, glyph(p->a, G_TRAIL), ROLE_TRAIL);
    }
}

static void draw_points(plot *p)
{
    const surface *s = p->a->ss.surf;
    static const int g[] = {G_MINIMUM, G_SADDLE, G_MAXIMUM};
    static const int role[] = {ROLE_MINIMUM, ROLE_SADDLE, ROLE_MAXIMUM};
    for (size_t k = 0; k < s->n_points; k++) {
        double c, r;
        view_to_cell(&p->a->v, s->points[k].x, s->points[k].y, &c, &r);
        plot_glyph(p, c, r, glyph(p->a, g[s->points[k].kind]), role[s->points[k].kind]);
    }
}

/* The arrowhead nearest to a physical angle (degrees, counter-clockwise from +x). */
static uint32_t arrow_head(const app *a, double deg)
{
    static const uint32_t utf8[8] = {0x2192, 0x2197, 0x2191, 0x2196,
                                     0x2190, 0x2199, 0x2193, 0x2198};
    static const uint32_t ascii[4] = {'>', '^', '<', 'v'};
    double d = fmod(deg + 360, 360);
    if (a->braille)
        return utf8[(int)floor((d + 22.5) / 45) % 8];
    return ascii[(int)floor((d + 45) / 90) % 4];
}

/* An arrow from θ (cell tc, tr) along the world direction (ux, uy), a unit vector. */
static void draw_arrow(plot *p, double tc, double tr, double ux, double uy, int role, bool record)
{
    frame *f = p->f;
    double len = fmin(ARROW_COLS, p->r.cols / 5.0);
    double hc = tc + ux * len, hr = tr - uy * len / p->a->v.aspect;
    plot_line(p, tc, tr, hc, hr, role, 0);
    if (hc >= 0 && hr >= 0 && hc < p->r.cols && hr < p->r.rows) {
        plot_glyph(p, hc, hr, arrow_head(p->a, atan2(uy, ux) * 180 / M_PI), role);
        if (record) {
            f->head_col = p->r.x + (int)hc;
            f->head_row = p->r.y + (int)hr;
        }
    }
}

static void draw_landing(plot *p, double lx, double ly)
{
    double c, r;
    view_to_cell(&p->a->v, lx, ly, &c, &r);
    if (c >= 0 && r >= 0 && c < p->r.cols && r < p->r.rows) {
        plot_glyph(p, c, r, glyph(p->a, G_LANDING), ROLE_LANDING);
        p->f->land_col = p->r.x + (int)c;
        p->f->land_row = p->r.y + (int)r;
    }
}

/* The gradient arrow and the landing mark, or in probe mode u with a dimmer -∇L beside it. */
static void draw_direction(plot *p, double tc, double tr)
{
    const app *a = p->a;
    const session *ss = &a->ss;
    double sign = ss->ascend ? 1 : -1;
    bool grad = ss->gnorm > 0 && isfinite(ss->gnorm);
    if (a->probe) {
        analysis_probe pr = analysis_probe_at(ss, a->beta);
        if (grad)
            draw_arrow(p, tc, tr, -ss->gx / ss->gnorm, -ss->gy / ss->gnorm, ROLE_DIM, false);
        draw_arrow(p, tc, tr, pr.ux, pr.uy, ROLE_ARROW, true);
        draw_landing(p, ss->x + ss->eta * pr.ux, ss->y + ss->eta * pr.uy);
        return;
    }
    if (!grad)
        return;
    draw_arrow(p, tc, tr, sign * ss->gx / ss->gnorm, sign * ss->gy / ss->gnorm, ROLE_ARROW, true);
    draw_landing(p, ss->x + sign * ss->eta * ss->gx, ss->y + sign * ss->eta * ss->gy);
}

/* A faint dotted line from θ to the nearest listed minimum. */
static void draw_to_minimum(plot *p, double tc, double tr)
{
    const surface_point *m = analysis_nearest_minimum(p->a->ss.surf, p->a->ss.x, p->a->ss.y);
    if (!m)
        return;
    double mc, mr;
    view_to_cell(&p->a->v, m->x, m->y, &mc, &mr);
    double c0 = tc, r0 = tr, c1 = mc, r1 = mr;
    if (!clip(p, &c0, &r0, &c1, &r1))
        return;
    double n = ceil(fmax(fabs(c1 - c0), fabs(r1 - r0) * 2));
    for (double k = 0; k <= n; k += 2) { /* every other cell: dotted, so it reads as a hint */
        double t = n > 0 ? k / n : 0;
        double c = c0 + t * (c1 - c0), r = r0 + t * (r1 - r0);
        if (p->a->braille)
            plot_dot(p, c, r, ROLE_DIM);
        else
            plot_glyph(p, c, r, ':', ROLE_DIM);
    }
}

static bool draw_plot(frame *f, const app *a, frame_rect r)
{
    plot p = {f, a, r, calloc((size_t)r.cols * (size_t)r.rows, 1)};
    if (!p.dots)
        return false;
    if (a->show_levels) {
        const surface *cs = app_contour_surface(a);
        if (!contour_matches(&f->contours, cs, &a->v, a->braille)) {
            if (!contour_compute(&f->contours, cs, &a->v, a->braille)) {
                free(p.dots);
                return false;
            }
            f->contour_computations++;
        }
        draw_contours(&p);
    }
    if (a->show_trail)
        draw_trail(&p);
    double tc, tr;
    view_to_cell(&a->v, a->ss.x, a->ss.y, &tc, &tr);
    if (a->show_to_min)
        draw_to_minimum(&p, tc, tr);
    draw_points(&p);
    if (a->show_arrow && a->ss.status != SESSION_DIVERGED)
        draw_direction(&p, tc, tr);
    if (tc >= 0 && tr >= 0 && tc < r.cols && tr < r.rows) {
        if (a->theme == THEME_PROJECTOR) { /* a larger mark, readable from the back row */
            plot_glyph(&p, tc - 1, tr, a->braille ? 0x2590 : '(', ROLE_THETA);
            plot_glyph(&p, tc + 1, tr, a->braille ? 0x258C : ')', ROLE_THETA);
        }
        plot_glyph(&p, tc, tr, glyph(a, G_THETA), ROLE_THETA);
        f->theta_col = r.x + (int)tc;
        f->theta_row = r.y + (int)tr;
    }
    if (a->caption[0]) { /* centred at the bottom of the plot, on up to two rows */
        int w = text_width(a->caption) + 2;
        w = w > r.cols ? r.cols : w;
        int rows = text_width(a->caption) > w - 2 ? 2 : 1;
        int x = r.x + (r.cols - w) / 2, y = r.y + r.rows - rows;
        for (int k = 0; k < rows; k++)
            for (int c = 0; c < w; c++)
                put(f, x + c, y + k, ' ', ROLE_TITLE);
        text_wrapped(f, x + 1, y, w - 2, rows, a->caption, ROLE_TITLE);
    }
    free(p.dots);
    return true;
}

/* ---- axes -------------------------------------------------------------------------------- */

/* A 1-2-5 step giving about `want` ticks over span. */
static double nice_step(double span, int want)
{
    double raw = span / (want > 0 ? want : 1), mag = pow(10, floor(log10(raw)));
    double m = raw / mag;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * mag;
}

static void tick_label(char *buf, size_t n, double v, double step)
{
    if (fabs(v) < step * 1e-9)
        v = 0;
    snprintf(buf, n, "%.4g", v);
}

static void draw_axes(frame *f, const app *a, const frame_layout *l)
{
    const view *v = &a->v;
    char buf[32];
    /* y: labels right-aligned in the gutter, a tick where each falls. */
    for (int r = 0; r < l->gutter.rows; r++)
        put(f, l->gutter.cols - 1, r, glyph(a, G_VBAR), ROLE_AXIS);
    double ytop, ybot, x;
    view_to_world(v, 0, 0, &x, &ytop);
    view_to_world(v, 0, l->plot.rows, &x, &ybot);
    double ys = nice_step(ytop - ybot, l->plot.rows / 4);
    for (double y = ceil(ybot / ys) * ys; y <= ytop; y += ys) {
        double c, r;
        view_to_cell(v, 0, y, &c, &r);
        int row = (int)r;
        if (row < 0 || row >= l->plot.rows)
            continue;
        tick_label(buf, sizeof buf, y, ys);
        int w = text_width(buf);
        if (w > l->gutter.cols - 1)
            w = l->gutter.cols - 1;
        text(f, l->gutter.cols - 1 - w, row, w, buf, ROLE_AXIS);
        put(f, l->gutter.cols - 1, row, glyph(a, G_TICK_Y), ROLE_AXIS);
    }
    text(f, 0, 0, l->gutter.cols - 1, a->ss.surf->axis_y, ROLE_LABEL);

    /* x: a rule with ticks, and labels centred under them. */
    int rule = l->xaxis.y, labels = l->xaxis.y + 1;
    put(f, l->gutter.cols - 1, rule, glyph(a, G_CORNER), ROLE_AXIS);
    for (int c = 0; c < l->plot.cols; c++)
        put(f, l->plot.x + c, rule, glyph(a, G_HBAR), ROLE_AXIS);
    double xl, xr, y;
    view_to_world(v, 0, 0, &xl, &y);
    view_to_world(v, l->plot.cols, 0, &xr, &y);
    double xs = nice_step(xr - xl, l->plot.cols / 10);
    int last_end = l->plot.x - 1;
    for (double xv = ceil(xl / xs) * xs; xv <= xr; xv += xs) {
        double c, r;
        view_to_cell(v, xv, 0, &c, &r);
        int col = (int)c;
        if (col < 0 || col >= l->plot.cols)
            continue;
        put(f, l->plot.x + col, rule, glyph(a, G_TICK_X), ROLE_AXIS);
        tick_label(buf, sizeof buf, xv, xs);
        int w = text_width(buf), start = l->plot.x + col - w / 2;
        if (start <= last_end + 1 || start + w > l->plot.x + l->plot.cols)
            continue;
        text(f, start, labels, w, buf, ROLE_AXIS);
        last_end = start + w - 1;
    }
    int w = text_width(a->ss.surf->axis_x);
    text(f, l->plot.x + l->plot.cols - w, labels, w, a->ss.surf->axis_x, ROLE_LABEL);
}

/* ---- the panel --------------------------------------------------------------------------- */

typedef struct {
    frame *f;
    const app *a;
    frame_rect r;
    int row, end; /* next free row; first row not ours (the key hints start there) */
} panel;

#define LABEL_COLS 7

static bool room(const panel *p)
{
    return p->row < p->end;
}

static void line(panel *p, const char *label_utf8, const char *label_ascii, const char *value,
                 int role)
{
    if (!room(p))
        return;
    int x = p->r.x + 1, w = p->r.cols - 2;
    int used = 0;
    if (label_utf8) {
        text(p->f, x, p->row, w, p->a->braille ? label_utf8 : label_ascii, ROLE_LABEL);
        used = LABEL_COLS;
    }
    text(p->f, x + used, p->row, w - used, value, role);
    p->row++;
}

static void wrapped(panel *p, const char *msg, int role)
{
    int w = p->r.cols - 2, n = (text_width(msg) + w - 1) / w;
    n = n > 3 ? 3 : n;
    if (p->row + n > p->end)
        return;
    p->row += text_wrapped(p->f, p->r.x + 1, p->row, w, n, msg, role);
}

/* "(x, y)" with as many digits as fit in width (6 significant at most, 3 at least). */
static void fmt_pair(char *buf, size_t n, int width, double a, double b)
{
    for (int digits = 6; digits >= 3; digits--) {
        snprintf(buf, n, "(%.*g, %.*g)", digits, a, digits, b);
        if ((int)strlen(buf) <= width)
            return;
        snprintf(buf, n, "%.*g, %.*g", digits, a, digits, b);
        if ((int)strlen(buf) <= width)
            return;
    }
}

/* A number, then a note after it only if both fit. */
static void fmt_noted(char *buf, size_t n, int width, double v, const char *note)
{
    snprintf(buf, n, "%-11.6g %s", v, note);
    if (text_width(buf) > width)
        snprintf(buf, n, "%.6g", v);
}

/* The listed stationary point θ sits on, if any. */
static const surface_point *point_here(const session *ss)
{
    const surface *s = ss->surf;
    double span = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    for (size_t k = 0; k < s->n_points; k++)
        if (hypot(ss->x - s->points[k].x, ss->y - s->points[k].y) < 1e-3 * span)
            return &s->points[k];
    return NULL;
}

/* ---- charts: a few rows of braille (or ASCII) in the panel ------------------------------- */

#define CHART_MAX 512

typedef struct {
    double y[CHART_MAX]; /* one value per dot column (per cell column in ASCII) */
    int role;
    bool dotted; /* every third sample only, so two curves differ even without colour */
    char ascii;
} chart_series;

/* Plots the series over r, scaled together with 0 included; a dim rule marks y = 0. */
static void draw_chart(frame *f, const app *a, frame_rect r, const chart_series *ser, int ns, int n)
{
    double lo = 0, hi = 0;
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++)
            if (isfinite(ser[k].y[i])) {
                lo = fmin(lo, ser[k].y[i]);
                hi = fmax(hi, ser[k].y[i]);
            }
    if (!(hi > lo))
        hi = lo + 1;
    int dh = a->braille ? 4 * r.rows : r.rows;
    uint8_t dots[CHART_MAX / 2 * 8];
    memset(dots, 0, sizeof dots);
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++) {
            double v = ser[k].y[i];
            if (!isfinite(v) || (ser[k].dotted && i % 3 != 1))
                continue;
            int row = (int)lround((hi - v) / (hi - lo) * (dh - 1));
            if (a->braille) {
                int c = i / 2, rr = row / 4;
                if (c >= r.cols || rr >= r.rows)
                    continue;
                uint8_t *d = &dots[rr * r.cols + c];
                *d |= braille_bit[row % 4][i % 2];
                put(f, r.x + c, r.y + rr, 0x2800u + *d, ser[k].role);
            } else if (i < r.cols && row < r.rows) {
                put(f, r.x + i, r.y + row, (uint32_t)ser[k].ascii, ser[k].role);
            }
        }
    if (lo < 0 && hi > 0) {
        int zr = (int)lround(hi / (hi - lo) * (dh - 1)) / (a->braille ? 4 : 1);
        for (int c = 0; c < r.cols; c++) {
            const frame_cell *cell = frame_at(f, r.x + c, r.y + zr);
            if (cell && cell->ch == ' ')
                put(f, r.x + c, r.y + zr, a->braille ? 0x2508 : '-', ROLE_DIM);
        }
    }
}

/* Places a one-cell mark under a chart at sample i of n. */
static void chart_mark(frame *f, frame_rect axis, int i, int n, uint32_t ch, int role)
{
    int c = (int)((double)i / n * axis.cols);
    put(f, axis.x + (c < axis.cols ? c : axis.cols - 1), axis.y, ch, role);
}

static int chart_samples(const app *a, int cols)
{
    int n = a->braille ? 2 * cols : cols;
    return n < CHART_MAX ? n : CHART_MAX;
}

/* ΔL against β over 0-360: actual and first order, marks at the current β and at 180. */
static void chart_probe(panel *p, frame_rect r)
{
    const app *a = p->a;
    static chart_series s[2];
    int n = chart_samples(a, r.cols);
    for (int i = 0; i < n; i++) {
        analysis_probe pr = analysis_probe_at(&a->ss, 360.0 * i / n);
        s[0].y[i] = pr.actual;
        s[1].y[i] = pr.first;
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    s[1].role = ROLE_TEXT, s[1].dotted = true, s[1].ascii = '.';
    draw_chart(p->f, a, r, s, 2, n);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    text(p->f, axis.x, axis.y, 1, "0", ROLE_DIM);
    text(p->f, axis.x + axis.cols - 3, axis.y, 3, "360", ROLE_DIM);
    chart_mark(p->f, axis, n / 2, n, a->braille ? 0x2534 : '+', ROLE_DIM); /* 180: ΔL₁'s low */
    chart_mark(p->f, axis, (int)lround(a->beta / 360 * n), n, a->braille ? 0x25B2 : '^', ROLE_WARN);
}

/* ΔL of a gradient step against η on a log axis (η/100 to 100η): actual and first order. */
static void chart_eta(panel *p, frame_rect r)
{
    const app *a = p->a;
    static chart_series s[2];
    int n = chart_samples(a, r.cols);
    double act, first, eps;
    analysis_step_delta(&a->ss, a->ss.eta / 100, &act, &first);
    eps = fabs(first) > 0 ? fabs(first) : 1e-12;
    for (int i = 0; i < n; i++) {
        double eta = a->ss.eta * pow(10, -2 + 4.0 * i / (n - 1));
        analysis_step_delta(&a->ss, eta, &act, &first);
        /* symmetric log: both signs, many decades */
        s[0].y[i] = copysign(log10(1 + fabs(act) / eps), act);
        s[1].y[i] = copysign(log10(1 + fabs(first) / eps), first);
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    s[1].role = ROLE_TEXT, s[1].dotted = true, s[1].ascii = '.';
    draw_chart(p->f, a, r, s, 2, n);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    char buf[32];
    snprintf(buf, sizeof buf, "%.2g", a->ss.eta / 100);
    text(p->f, axis.x, axis.y, axis.cols, buf, ROLE_DIM);
    snprintf(buf, sizeof buf, "%.2g", a->ss.eta * 100);
    text(p->f, axis.x + axis.cols - text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
    chart_mark(p->f, axis, n / 2, n, a->braille ? 0x25B2 : '^', ROLE_WARN);
    analysis_hessian h = analysis_hessian_at(a->ss.surf, a->ss.x, a->ss.y);
    if (isfinite(h.eta_bound)) {
        double t = (log10(h.eta_bound / a->ss.eta) + 2) / 4;
        if (t >= 0 && t <= 1)
            chart_mark(p->f, axis, (int)lround(t * (n - 1)), n, '!', ROLE_BAD);
    }
}

/* L against step over the whole walk kept in the trail, sampled evenly across the chart's
 * width, so a plateau and the drop after it both stay in view; log scale when L > 0 spans
 * two decades or more. */
static void chart_loss(panel *p, frame_rect r, bool *log_scale)
{
    const app *a = p->a;
    const session *ss = &a->ss;
    static chart_series s[1];
    int n = chart_samples(a, r.cols);
    size_t len = ss->trail_len;
    int m = len < (size_t)n ? (int)len : n;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < len; k++) {
        lo = fmin(lo, ss->trail[k].loss);
        hi = fmax(hi, ss->trail[k].loss);
    }
    *log_scale = lo > 0 && hi / lo >= 100;
    for (int i = 0; i < n; i++) {
        double v = NAN;
        if (i < m) {
            size_t k = m > 1 ? (size_t)((double)i * (double)(len - 1) / (m - 1) + 0.5) : 0;
            v = ss->trail[k].loss;
        }
        s[0].y[i] = *log_scale ? log10(v) - log10(lo) : v - (lo < 0 ? 0 : lo);
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    draw_chart(p->f, a, r, s, 1, n);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    char buf[40];
    snprintf(buf, sizeof buf, "step %lu", ss->trail_first_step);
    text(p->f, axis.x, axis.y, axis.cols, buf, ROLE_DIM);
    snprintf(buf, sizeof buf, "%lu", ss->step);
    text(p->f, axis.x + axis.cols - text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
}

/* A titled chart in the rows left between p->row and p->end, if there are at least 3. */
static void panel_chart(panel *p)
{
    int rows = p->end - p->row - 2; /* title and axis rows */
    if (rows < 1)
        return;
    rows = rows > 10 ? 10 : rows;
    bool u = p->a->braille;
    frame_rect r = {p->r.x + 1, p->row + 1, p->r.cols - 2, rows};
    const char *title;
    bool log_scale = false;
    if (p->a->probe) {
        title = u ? "ΔL vs β ⣀actual ⠄1st order" : "dL vs beta *actual .1st";
        chart_probe(p, r);
    } else if (p->a->show_eta_chart) {
        title = u ? "ΔL vs log η ⣀actual ⠄1st" : "dL vs log eta *actual .1st";
        chart_eta(p, r);
    } else {
        chart_loss(p, r, &log_scale);
        title = log_scale ? "L vs step (log scale)" : "L vs step";
    }
    text(p->f, p->r.x + 1, p->row, p->r.cols - 2, title, ROLE_LABEL);
    p->row += rows + 2;
}

static void panel_probe(panel *p, char *buf, size_t n, int vw)
{
    const app *a = p->a;
    bool u = a->braille;
    analysis_probe pr = analysis_probe_at(&a->ss, a->beta);
    snprintf(buf, n, u ? "%.1f°" : "%.1f deg", pr.beta);
    line(p, "β", "beta", buf, ROLE_WARN);
    snprintf(buf, n, "%.6g", pr.cos_beta);
    line(p, "cos β", "cos b", buf, ROLE_TEXT);
    fmt_noted(buf, n, vw, pr.first, "1st order");
    line(p, "ΔL₁", "dL1", buf, ROLE_TEXT);
    fmt_noted(buf, n, vw, pr.second, u ? "½η²uᵀ∇²Lu" : "2nd order");
    line(p, "ΔL₂", "dL2", buf, ROLE_TEXT);
    fmt_noted(buf, n, vw, pr.predicted, u ? "ΔL₁+ΔL₂" : "dL1+dL2");
    line(p, "ΔL₁₊₂", "dL1+2", buf, ROLE_TEXT);
    fmt_noted(buf, n, vw, pr.actual, pr.actual < 0 ? "lower" : pr.actual > 0 ? "higher" : "same");
    line(p, "ΔL", "dL", buf, pr.actual < 0 ? ROLE_GOOD : ROLE_WARN);
}

static void panel_curvature(panel *p, char *buf, size_t n)
{
    const app *a = p->a;
    const session *ss = &a->ss;
    bool u = a->braille;
    analysis_hessian h = analysis_hessian_at(ss->surf, ss->x, ss->y);
    if (h.ok) {
        snprintf(buf, n, "%.3g, %.3g  %s %.3g", h.lambda_min, h.lambda_max, u ? "κ" : "k",
                 h.condition);
        line(p, "λ", "lambda", buf, ROLE_TEXT);
    }
    if (h.ok && isfinite(h.eta_bound)) {
        /* A relative margin: GSL returns 20 as 20 ± 1 ulp, and η = 2/λmax exactly does not grow. */
        if (!ss->ascend && ss->eta > h.eta_bound * (1 + 1e-12)) {
            snprintf(buf, n,
                     u ? "η > 2/λmax = %.4g: this step will overshoot"
                       : "eta > 2/lmax = %.4g: this step will overshoot",
                     h.eta_bound);
            wrapped(p, buf, ROLE_BAD);
        } else {
            snprintf(buf, n, u ? "%.3g (η is under)" : "%.3g (eta under)", h.eta_bound);
            line(p, "2/λmax", "2/lmax", buf, ROLE_TEXT);
        }
    }
    double ang = analysis_angle_to_minimum(ss);
    if (isfinite(ang)) {
        snprintf(buf, n, u ? "%.1f° from −∇L" : "%.1f deg from -grad", ang);
        line(p, "to min", "to min", buf, ROLE_TEXT);
    }
}

static void panel_status(panel *p, char *buf, size_t n, int vw)
{
    const app *a = p->a;
    const session *ss = &a->ss;
    bool u = a->braille;
    if (ss->has_last) {
        fmt_noted(buf, n, vw, ss->last_delta, "actual");
        line(p, "ΔL", "dL", buf, ss->last_delta < 0 ? ROLE_GOOD : ROLE_WARN);
        fmt_noted(buf, n, vw, ss->last_predicted, u ? "∓η|∇L|²" : "1st order");
        line(p, "ΔL₁", "dL1", buf, ROLE_TEXT);
    } else {
        line(p, "ΔL", "dL", "- (no step yet)", ROLE_DIM);
        line(p, "ΔL₁", "dL1", "-", ROLE_DIM);
    }
    const surface_point *here = point_here(ss);
    switch (ss->status) {
    case SESSION_RUNNING:
        line(p, "status", "status", a->playing ? "running (playing)" : "running", ROLE_TEXT);
        break;
    case SESSION_CONVERGED:
        snprintf(buf, n, "converged%s%s", here ? ": a " : "",
                 here ? surface_point_kind_name(here->kind) : "");
        line(p, "status", "status", buf, ROLE_GOOD);
        break;
    case SESSION_DIVERGED:
        line(p, "status", "status", "DIVERGED", ROLE_BAD);
        wrapped(p, u ? "η too large: - lowers η, r resets" : "eta too large: - lowers, r resets",
                ROLE_BAD);
        break;
    }
}

static void draw_panel(frame *f, const app *a, frame_rect r)
{
    static const char *const keys_normal[] = {"space step    a ascend",
                                              "p play        +/- eta x2 /2",
                                              "r reset       n/N surface", "? all keys    q quit"};
    static const char *const keys_probe_utf8[] = {
        "←→ turn 5°  H L turn 45°", "g −∇L  G +∇L  c level curve", "space step along u  t leave"};
    static const char *const keys_probe_ascii[] = {
        "left/right 5 deg  H L 45 deg", "g -grad  G +grad  c level", "space step along u  t leave"};
    const session *ss = &a->ss;
    bool u = a->braille;
    const char *const *keys = a->probe ? (u ? keys_probe_utf8 : keys_probe_ascii) : keys_normal;
    int nkeys = a->probe ? 3 : 4;
    int bottom = r.y + r.rows;
    panel p = {f, a, r, r.y, bottom - nkeys};
    char buf[128];
    int w = r.cols - 2, vw = w - LABEL_COLS;

    for (int row = r.y; row < bottom; row++)
        put(f, r.x, row, glyph(a, G_VBAR), ROLE_AXIS);
    for (int k = 0; k < nkeys; k++)
        text(f, r.x + 1, bottom - nkeys + k, w, keys[k], ROLE_KEY);

    line(&p, NULL, NULL, ss->surf->title, ROLE_TITLE);
    if (a->demo_status[0])
        line(&p, NULL, NULL, a->demo_status, ROLE_WARN);
    else if (a->probe)
        line(&p, NULL, NULL, "PROBE: you choose u", ROLE_WARN);
    else {
        snprintf(buf, sizeof buf, "%s  %zu/%zu%s", ss->surf->name, surface_index(ss->surf) + 1,
                 surface_count(), a->show_heldout ? "  held-out" : "");
        line(&p, NULL, NULL, buf, ROLE_DIM);
    }
    fmt_pair(buf, sizeof buf, vw, ss->x, ss->y);
    line(&p, "θ", "theta", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->loss);
    line(&p, "L(θ)", "L", buf, ROLE_TEXT);
    if (ss->surf->heldout) {
        snprintf(buf, sizeof buf, "%.6g", surface_loss(ss->surf->heldout, ss->x, ss->y));
        line(&p, "L held", "L held", buf, ROLE_TEXT);
    }
    fmt_pair(buf, sizeof buf, vw, ss->gx, ss->gy);
    line(&p, "∇L", "grad", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->gnorm);
    line(&p, "|∇L|", "|grad|", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->eta);
    line(&p, "η", "eta", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%lu", ss->step);
    line(&p, "step", "step", buf, ROLE_TEXT);
    if (a->probe) {
        panel_probe(&p, buf, sizeof buf, vw);
    } else {
        if (ss->ascend)
            line(&p, NULL, NULL, u ? "ASCEND +∇L (uphill)" : "ASCEND +grad (uphill)", ROLE_WARN);
        else
            line(&p, NULL, NULL, u ? "DESCEND −∇L (downhill)" : "DESCEND -grad (downhill)",
                 ROLE_GOOD);
        panel_status(&p, buf, sizeof buf, vw);
        if (a->theme != THEME_PROJECTOR) /* fewer lines, larger type from afar */
            panel_curvature(&p, buf, sizeof buf);
        if (a->show_arrow && ss->status != SESSION_DIVERGED && f->land_col < 0)
            line(&p, NULL, NULL, "next step lands off screen", ROLE_WARN);
    }

    /* The message or prompt takes the two rows above the keys; the chart the rest. */
    bool msg = a->prompt || a->message[0];
    int msg_row = p.end - 2;
    if (msg)
        p.end = msg_row;
    if (a->theme != THEME_PROJECTOR || a->probe)
        panel_chart(&p);
    if (a->prompt) {
        snprintf(buf, sizeof buf, "%s = %s_", u ? "η" : "eta", a->input);
        text(f, r.x + 1, msg_row, w, buf, ROLE_WARN);
        text(f, r.x + 1, msg_row + 1, w, "Enter sets, Esc cancels", ROLE_DIM);
    } else if (a->message[0]) {
        text_wrapped(f, r.x + 1, msg_row, w, 2, a->message, ROLE_WARN);
    }
}

/* ---- help overlay and the too-small screen ----------------------------------------------- */

static void draw_help(frame *f, const app *a)
{
    const app_help_line *lines;
    size_t n = app_help(&lines);
    int kw = 0, ww = 0;
    for (size_t k = 0; k < n; k++) {
        int k1 = text_width(a->braille ? lines[k].keys : lines[k].ascii_keys);
        int w1 = text_width(lines[k].what);
        kw = k1 > kw ? k1 : kw;
        ww = w1 > ww ? w1 : ww;
    }
    int bw = kw + ww + 5, bh = (int)n + 4;
    if (bw > f->cols)
        bw = f->cols;
    if (bh > f->rows)
        bh = f->rows;
    int x0 = (f->cols - bw) / 2, y0 = (f->rows - bh) / 2;
    for (int r = 0; r < bh; r++)
        for (int c = 0; c < bw; c++) {
            bool top = r == 0, bot = r == bh - 1, left = c == 0, right = c == bw - 1;
            uint32_t ch = ' ';
            if (top || bot)
                ch = glyph(a, left    ? (top ? G_BOX_TL : G_BOX_BL)
                              : right ? (top ? G_BOX_TR : G_BOX_BR)
                                      : G_BOX_H);
            else if (left || right)
                ch = glyph(a, G_BOX_V);
            put(f, x0 + c, y0 + r, ch, ROLE_AXIS);
        }
    text(f, x0 + 2, y0, bw - 4, " keys ", ROLE_TITLE);
    for (size_t k = 0; k < n && (int)k + 2 < bh - 1; k++) {
        text(f, x0 + 2, y0 + 1 + (int)k, kw, a->braille ? lines[k].keys : lines[k].ascii_keys,
             ROLE_KEY);
        text(f, x0 + 3 + kw, y0 + 1 + (int)k, bw - kw - 4, lines[k].what, ROLE_TEXT);
    }
    text(f, x0 + 2, y0 + bh - 2, bw - 4, "? or Esc closes this", ROLE_DIM);
}

/* A box over the middle of the screen: what the surface is, what it teaches, and where its
 * stationary points are. */
static void draw_lesson(frame *f, const app *a)
{
    const surface *s = a->ss.surf;
    int bw = f->cols * 3 / 4 < 76 ? f->cols * 3 / 4 : 76, bh = f->rows - 4;
    int x0 = (f->cols - bw) / 2, y0 = 2, w = bw - 4;
    for (int r = 0; r < bh; r++)
        for (int c = 0; c < bw; c++) {
            bool top = r == 0, bot = r == bh - 1, left = c == 0, right = c == bw - 1;
            uint32_t ch = ' ';
            if (top || bot)
                ch = glyph(a, left    ? (top ? G_BOX_TL : G_BOX_BL)
                              : right ? (top ? G_BOX_TR : G_BOX_BR)
                                      : G_BOX_H);
            else if (left || right)
                ch = glyph(a, G_BOX_V);
            put(f, x0 + c, y0 + r, ch, ROLE_AXIS);
        }
    int row = y0 + 1, last = y0 + bh - 3;
    char buf[160];
    text(f, x0 + 2, y0, w, " lesson ", ROLE_TITLE);
    row += text_wrapped(f, x0 + 2, row, w, 1, s->title, ROLE_TITLE);
    snprintf(buf, sizeof buf, "L(%s, %s) = %s", s->axis_x, s->axis_y, s->formula);
    row += text_wrapped(f, x0 + 2, row, w, 2, buf, ROLE_TEXT) + 1;
    row += text_wrapped(f, x0 + 2, row, w, last - row, s->lesson, ROLE_TEXT) + 1;
    for (size_t k = 0; k < s->n_points && row <= last; k++, row++) {
        if (row == last && k + 1 < s->n_points) {
            snprintf(buf, sizeof buf, "... and %zu more stationary points", s->n_points - k);
            text(f, x0 + 2, row, w, buf, ROLE_DIM);
            break;
        }
        const surface_point *pt = &s->points[k];
        snprintf(buf, sizeof buf, "%-8s (%.6g, %.6g)  L = %.6g%s",
                 surface_point_kind_name(pt->kind), pt->x, pt->y, pt->value,
                 pt->degenerate ? "  (degenerate)" : "");
        text(f, x0 + 2, row, w, buf, ROLE_TEXT);
    }
    text(f, x0 + 2, y0 + bh - 2, w, "i or Esc closes this", ROLE_DIM);
}

static void draw_too_small(frame *f)
{
    char buf[80];
    snprintf(buf, sizeof buf, "terminal too small (need %dx%d, have %dx%d)", FRAME_MIN_COLS,
             FRAME_MIN_ROWS, f->cols, f->rows);
    /* Wrapped, so even a narrow screen shows the sizes. */
    int lines = (text_width(buf) + f->cols - 1) / (f->cols > 0 ? f->cols : 1);
    int top = (f->rows - lines) / 2;
    text_wrapped(f, 0, top > 0 ? top : 0, f->cols, f->rows, buf, ROLE_WARN);
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

static void draw_numbers(frame *f, const app *a)
{
    const session *ss = &a->ss;
    const surface *s = ss->surf;
    bool u = a->braille;
    int w = f->cols - 2, row = 0;
    char buf[400];
#define SAY(role, ...)                                                                             \
    do {                                                                                           \
        snprintf(buf, sizeof buf, __VA_ARGS__);                                                    \
        row += text_wrapped(f, 1, row, w, f->rows - row, buf, role);                               \
    } while (0)
    SAY(ROLE_TITLE, "%s (%s, %zu of %zu)", s->title, s->name, surface_index(s) + 1,
        surface_count());
    if (a->demo_status[0])
        SAY(ROLE_WARN, "%s", a->demo_status);
    if (a->caption[0])
        SAY(ROLE_TITLE, "%s", a->caption);
    SAY(ROLE_TEXT, u ? "θ = (%.6g, %.6g), L(θ) = %.6g" : "theta = (%.6g, %.6g), L = %.6g", ss->x,
        ss->y, ss->loss);
    if (s->heldout)
        SAY(ROLE_TEXT, "held-out loss at θ: %.6g", surface_loss(s->heldout, ss->x, ss->y));
    SAY(ROLE_TEXT, u ? "∇L = (%.6g, %.6g), |∇L| = %.6g" : "grad = (%.6g, %.6g), |grad| = %.6g",
        ss->gx, ss->gy, ss->gnorm);
    SAY(ROLE_TEXT, u ? "η = %.6g, step %lu, %s" : "eta = %.6g, step %lu, %s", ss->eta, ss->step,
        ss->ascend ? "ascending along +grad L" : "descending along -grad L");
    if (ss->has_last)
        SAY(ROLE_TEXT, "last step: L changed by %.6g (first-order prediction %.6g)", ss->last_delta,
            ss->last_predicted);
    double fx = (ss->x - s->xmin) / (s->xmax - s->xmin),
           fy = (ss->y - s->ymin) / (s->ymax - s->ymin);
    SAY(ROLE_TEXT, "where: %s, %s, in the box %s from %g to %g, %s from %g to %g",
        third(fy, "low", "middle height", "high", "below the box", "above the box"),
        third(fx, "left", "centre", "right", "left of the box", "right of the box"), s->axis_x,
        s->xmin, s->xmax, s->axis_y, s->ymin, s->ymax);
    if (ss->gnorm > 0 && ss->status != SESSION_DIVERGED) {
        double sign = ss->ascend ? 1 : -1;
        double deg = atan2(sign * ss->gy, sign * ss->gx) * 180 / M_PI;
        double nx = ss->x + sign * ss->eta * ss->gx, ny = ss->y + sign * ss->eta * ss->gy;
        SAY(ROLE_TEXT,
            "%s points %s, %.0f degrees from the +%s axis; the next step goes to "
            "(%.6g, %.6g), where L = %.6g",
            ss->ascend ? "+grad L" : "-grad L", compass(deg), deg, s->axis_x, nx, ny,
            surface_loss(s, nx, ny));
    }
    const surface_point *m = analysis_nearest_minimum(s, ss->x, ss->y);
    double ang = analysis_angle_to_minimum(ss);
    if (m)
        SAY(ROLE_TEXT, "nearest minimum: (%.6g, %.6g), L = %.6g, %.3g away%s", m->x, m->y, m->value,
            hypot(m->x - ss->x, m->y - ss->y), "");
    if (isfinite(ang))
        SAY(ROLE_TEXT, "the minimum lies %.1f degrees off the direction of -grad L", ang);
    analysis_hessian h = analysis_hessian_at(s, ss->x, ss->y);
    if (h.ok)
        SAY(ROLE_TEXT, "curvature: Hessian eigenvalues %.4g and %.4g%s", h.lambda_min, h.lambda_max,
            "");
    if (h.ok && isfinite(h.eta_bound)) {
        if (!ss->ascend && ss->eta > h.eta_bound * (1 + 1e-12))
            SAY(ROLE_BAD, "warning: eta is above 2/lambda_max = %.4g: this step will overshoot",
                h.eta_bound);
        else
            SAY(ROLE_TEXT, "steps are stable here for eta below 2/lambda_max = %.4g", h.eta_bound);
    }
    if (a->probe) {
        analysis_probe pr = analysis_probe_at(ss, a->beta);
        SAY(ROLE_WARN,
            "probe: u at beta = %.1f degrees from grad L, cos beta = %.6g; first "
            "order %.6g, second order %.6g, together %.6g; actual %.6g (%s)",
            pr.beta, pr.cos_beta, pr.first, pr.second, pr.predicted, pr.actual,
            pr.actual < 0   ? "lower"
            : pr.actual > 0 ? "higher"
                            : "same");
    }
    switch (ss->status) {
    case SESSION_RUNNING:
        SAY(ROLE_TEXT, "status: running%s", a->playing ? " (playing)" : "");
        break;
    case SESSION_CONVERGED:
        SAY(ROLE_GOOD, "status: converged, |grad L| below 1e-6");
        break;
    case SESSION_DIVERGED:
        SAY(ROLE_BAD, "status: DIVERGED: eta is too large here; - lowers it, r resets");
        break;
    }
    if (a->prompt)
        SAY(ROLE_WARN, "type eta: %s_  (Enter sets, Esc cancels)", a->input);
    else if (a->message[0])
        SAY(ROLE_WARN, "%s", a->message);
    SAY(ROLE_KEY, "keys: space step, a ascend, + - eta, t probe, w drawing, ? help, q quit");
#undef SAY
}

bool frame_render(frame *f, const app *a)
{
    int cols = a->cols > 0 ? a->cols : 0, rows = a->rows > 0 ? a->rows : 0;
    size_t cells = (size_t)cols * (size_t)rows;
    if (cols != f->cols || rows != f->rows) {
        frame_cell *c = realloc(f->cells, (cells ? cells : 1) * sizeof *c);
        if (!c)
            return false;
        f->cells = c;
        f->cols = cols;
        f->rows = rows;
    }
    for (size_t i = 0; i < cells; i++)
        f->cells[i] = (frame_cell){' ', ROLE_BLANK};
    f->theta_col = f->theta_row = f->head_col = f->head_row = f->land_col = f->land_row = -1;

    if (a->numbers) {
        draw_numbers(f, a);
        if (a->show_help)
            draw_help(f, a);
        return true;
    }
    frame_layout l = frame_layout_for(cols, rows);
    if (l.too_small) {
        draw_too_small(f);
        return true;
    }
    if (!draw_plot(f, a, l.plot))
        return false;
    draw_axes(f, a, &l);
    draw_panel(f, a, l.panel);
    if (a->show_lesson)
        draw_lesson(f, a);
    if (a->show_help)
        draw_help(f, a);
    return true;
}

/* ---- colours and text output ------------------------------------------------------------- */

static const char *const theme_names[FRAME_THEME_COUNT] = {"dark", "light", "projector"};

const char *frame_theme_name(int theme)
{
    return theme >= 0 && theme < FRAME_THEME_COUNT ? theme_names[theme] : "dark";
}

int frame_theme_find(const char *name)
{
    for (int t = 0; t < FRAME_THEME_COUNT; t++)
        if (strcmp(theme_names[t], name) == 0)
            return t;
    return -1;
}

/* Levels, low = cool to high = warm, with lightness rising (dark background) or falling
 * (light background) along the ramp, so order reads without hue: safe for colour-blind
 * viewers and on a washed-out projector. */
static const int level256[FRAME_THEME_COUNT][CONTOUR_MAX_LEVELS] = {
    {61, 62, 68, 32, 38, 37, 36, 35, 71, 77, 113, 149, 185, 184, 220, 226},
    {17, 18, 19, 25, 24, 31, 30, 29, 65, 101, 137, 136, 130, 166, 130, 94},
    {45, 45, 51, 51, 50, 49, 48, 83, 118, 154, 190, 226, 220, 214, 208, 202},
};

/* Indexed by role, for roles below ROLE_LEVEL0. */
static const int role256[FRAME_THEME_COUNT][ROLE_LEVEL0] = {
    {-1, 252, 244, 110, 231, 244, 250, 231, 203, 213, 231, 177, 209, 114, 214, 196, 81},
    {-1, 235, 243, 25, 16, 244, 240, 16, 160, 90, 16, 90, 130, 28, 130, 160, 25},
    {-1, 231, 250, 117, 231, 250, 231, 231, 196, 201, 231, 213, 208, 118, 220, 196, 117},
};
static const int role8[FRAME_THEME_COUNT][ROLE_LEVEL0] = {
    {-1, -1, -1, 6, -1, -1, 7, 7, 1, 5, 7, 5, 1, 2, 3, 1, 6},
    {-1, -1, -1, 4, -1, -1, 0, 0, 1, 5, 0, 5, 1, 2, 1, 1, 4},
    {-1, 7, 7, 6, 7, 7, 7, 7, 1, 5, 7, 5, 3, 2, 3, 1, 6},
};

static int clamp_theme(int theme)
{
    return theme >= 0 && theme < FRAME_THEME_COUNT ? theme : THEME_DARK;
}

int frame_role_color256(frame_role r, int theme)
{
    theme = clamp_theme(theme);
    if (r >= ROLE_LEVEL0)
        return level256[theme][r - ROLE_LEVEL0];
    return role256[theme][r];
}

int frame_role_color8(frame_role r, int theme)
{
    theme = clamp_theme(theme);
    if (r >= ROLE_LEVEL0) {
        static const int ramp[FRAME_THEME_COUNT][4] = {{4, 6, 2, 3}, {4, 6, 5, 1}, {6, 2, 3, 1}};
        return ramp[theme][(r - ROLE_LEVEL0) * 4 / CONTOUR_MAX_LEVELS];
    }
    return role8[theme][r];
}

bool frame_role_bold(frame_role r, int theme)
{
    if (theme == THEME_PROJECTOR && (r >= ROLE_LEVEL0 || r == ROLE_TEXT || r == ROLE_TRAIL))
        return true;
    return r == ROLE_THETA || r == ROLE_ARROW || r == ROLE_TITLE || r == ROLE_BAD ||
           r == ROLE_MINIMUM || r == ROLE_LANDING;
}

static void put_utf8(FILE *out, uint32_t cp)
{
    char b[4];
    int n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fwrite(b, 1, (size_t)n, out);
}

void frame_write_text(const frame *f, FILE *out, int colors, int theme)
{
    bool ansi = colors >= 0;
    for (int r = 0; r < f->rows; r++) {
        int end = f->cols;
        while (end > 0 && frame_at(f, end - 1, r)->ch == ' ')
            end--;
        int role = -1;
        for (int c = 0; c < end; c++) {
            const frame_cell *cell = frame_at(f, c, r);
            if (ansi && cell->role != role && cell->ch != ' ') {
                role = cell->role;
                fputs("\x1b[0m", out);
                if (frame_role_bold((frame_role)role, theme))
                    fputs("\x1b[1m", out);
                int color = colors >= 256 ? frame_role_color256((frame_role)role, theme)
                            : colors >= 8 ? frame_role_color8((frame_role)role, theme)
                                          : -1;
                if (color >= 0 && colors >= 256)
                    fprintf(out, "\x1b[38;5;%dm", color);
                else if (color >= 0)
                    fprintf(out, "\x1b[3%dm", color);
            }
            put_utf8(out, cell->ch);
        }
        if (ansi && role >= 0)
            fputs("\x1b[0m", out);
        fputc('\n', out);
    }
}
