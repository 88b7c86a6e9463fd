/* The picture: layout, plot composition (contours, trail, marks, arrow, θ), axes, panel,
 * help overlay. Everything is computed off-screen into cells, then written in one pass. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Writes text over up to `lines` rows of `width`, breaking at spaces where it can. */
static void text_wrapped(frame *f, int col, int row, int width, int lines, const char *s, int role)
{
    for (int k = 0; k < lines && *s; k++) {
        size_t len = strlen(s), cut = len;
        if ((int)len > width) { /* byte counts: messages are ASCII */
            cut = (size_t)width;
            while (cut > 0 && s[cut] != ' ')
                cut--;
            if (cut == 0)
                cut = (size_t)width;
        }
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)cut, s);
        text(f, col, row + k, width, line, role);
        s += cut;
        while (*s == ' ')
            s++;
    }
}

static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
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
                p->dots[i] = c->dots[i];
                put(p->f, p->r.x + col, p->r.y + r, 0x2800u + c->dots[i], role);
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
        if (k > 0)
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

static void draw_arrow(plot *p, double tc, double tr)
{
    const session *ss = &p->a->ss;
    frame *f = p->f;
    if (!(ss->gnorm > 0) || !isfinite(ss->gnorm))
        return;
    double sign = ss->ascend ? 1 : -1;
    /* Unit direction in world units = physical units (equal aspect). */
    double ux = sign * ss->gx / ss->gnorm, uy = sign * ss->gy / ss->gnorm;
    double len = fmin(ARROW_COLS, p->r.cols / 5.0);
    double hc = tc + ux * len, hr = tr - uy * len / p->a->v.aspect;
    plot_line(p, tc, tr, hc, hr, ROLE_ARROW, 0);
    if (hc >= 0 && hr >= 0 && hc < p->r.cols && hr < p->r.rows) {
        plot_glyph(p, hc, hr, arrow_head(p->a, atan2(uy, ux) * 180 / M_PI), ROLE_ARROW);
        f->head_col = p->r.x + (int)hc;
        f->head_row = p->r.y + (int)hr;
    }
}

static void draw_landing(plot *p)
{
    const session *ss = &p->a->ss;
    double sign = ss->ascend ? 1 : -1, c, r;
    double lx = ss->x + sign * ss->eta * ss->gx, ly = ss->y + sign * ss->eta * ss->gy;
    view_to_cell(&p->a->v, lx, ly, &c, &r);
    if (c >= 0 && r >= 0 && c < p->r.cols && r < p->r.rows) {
        plot_glyph(p, c, r, glyph(p->a, G_LANDING), ROLE_LANDING);
        p->f->land_col = p->r.x + (int)c;
        p->f->land_row = p->r.y + (int)r;
    }
}

static bool draw_plot(frame *f, const app *a, frame_rect r)
{
    plot p = {f, a, r, calloc((size_t)r.cols * (size_t)r.rows, 1)};
    if (!p.dots)
        return false;
    if (a->show_levels) {
        if (!contour_matches(&f->contours, a->ss.surf, &a->v, a->braille)) {
            if (!contour_compute(&f->contours, a->ss.surf, &a->v, a->braille)) {
                free(p.dots);
                return false;
            }
            f->contour_computations++;
        }
        draw_contours(&p);
    }
    if (a->show_trail)
        draw_trail(&p);
    draw_points(&p);
    double tc, tr;
    view_to_cell(&a->v, a->ss.x, a->ss.y, &tc, &tr);
    if (a->show_arrow && a->ss.status != SESSION_DIVERGED) {
        draw_arrow(&p, tc, tr);
        draw_landing(&p);
    }
    if (tc >= 0 && tr >= 0 && tc < r.cols && tr < r.rows) {
        plot_glyph(&p, tc, tr, glyph(a, G_THETA), ROLE_THETA);
        f->theta_col = r.x + (int)tc;
        f->theta_row = r.y + (int)tr;
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
    int row;
} panel;

static void line(panel *p, const char *label_utf8, const char *label_ascii, const char *value,
                 int role)
{
    if (p->row >= p->r.y + p->r.rows)
        return;
    int x = p->r.x + 1, w = p->r.cols - 2;
    int used = 0;
    if (label_utf8) {
        text(p->f, x, p->row, w, p->a->braille ? label_utf8 : label_ascii, ROLE_LABEL);
        used = 7;
    }
    text(p->f, x + used, p->row, w - used, value, role);
    p->row++;
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

static void draw_panel(frame *f, const app *a, frame_rect r)
{
    panel p = {f, a, r, r.y};
    const session *ss = &a->ss;
    char buf[96];
    int w = r.cols - 2;
    bool u = a->braille;

    for (int row = r.y; row < r.y + r.rows; row++)
        put(f, r.x, row, glyph(a, G_VBAR), ROLE_AXIS);
    line(&p, NULL, NULL, ss->surf->title, ROLE_TITLE);
    snprintf(buf, sizeof buf, "%s  (%zu of %zu)", ss->surf->name, surface_index(ss->surf) + 1,
             surface_count());
    line(&p, NULL, NULL, buf, ROLE_DIM);
    p.row++;
    int vw = w - 7; /* value width after a label */
    fmt_pair(buf, sizeof buf, vw, ss->x, ss->y);
    line(&p, "θ", "theta", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->loss);
    line(&p, "L(θ)", "L", buf, ROLE_TEXT);
    fmt_pair(buf, sizeof buf, vw, ss->gx, ss->gy);
    line(&p, "∇L", "grad", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->gnorm);
    line(&p, "|∇L|", "|grad|", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%.6g", ss->eta);
    line(&p, "η", "eta", buf, ROLE_TEXT);
    snprintf(buf, sizeof buf, "%lu", ss->step);
    line(&p, "step", "step", buf, ROLE_TEXT);
    if (ss->ascend)
        line(&p, NULL, NULL, u ? "ASCEND +∇L (uphill)" : "ASCEND +grad (uphill)", ROLE_WARN);
    else
        line(&p, NULL, NULL, u ? "DESCEND −∇L (downhill)" : "DESCEND -grad (downhill)", ROLE_GOOD);
    p.row++;
    if (ss->has_last) {
        fmt_noted(buf, sizeof buf, vw, ss->last_delta, "actual");
        line(&p, "ΔL", "dL", buf, ss->last_delta < 0 ? ROLE_GOOD : ROLE_WARN);
        fmt_noted(buf, sizeof buf, vw, ss->last_predicted, u ? "∓η|∇L|²" : "1st order");
        line(&p, "ΔL₁", "dL1", buf, ROLE_TEXT);
    } else {
        line(&p, "ΔL", "dL", "- (no step yet)", ROLE_DIM);
        line(&p, "ΔL₁", "dL1", "-", ROLE_DIM);
    }
    const surface_point *here = point_here(ss);
    switch (ss->status) {
    case SESSION_RUNNING:
        line(&p, "status", "status", a->playing ? "running (playing)" : "running", ROLE_TEXT);
        break;
    case SESSION_CONVERGED:
        snprintf(buf, sizeof buf, "converged%s%s", here ? ": a " : "",
                 here ? surface_point_kind_name(here->kind) : "");
        line(&p, "status", "status", buf, ROLE_GOOD);
        break;
    case SESSION_DIVERGED:
        line(&p, "status", "status", "DIVERGED", ROLE_BAD);
        line(&p, NULL, NULL,
             u ? "η too large: - lowers η, r resets" : "eta too large: - lowers, r resets",
             ROLE_BAD);
        break;
    }
    if (a->show_arrow && ss->status != SESSION_DIVERGED && f->land_col < 0)
        line(&p, NULL, NULL, "next step lands off screen", ROLE_WARN);

    /* Keys at the bottom of the panel, and two rows above them for the prompt or message. */
    static const char *const keys[] = {"space step    a ascend", "p play        +/- eta x2 /2",
                                       "r reset       n/N surface", "? all keys    q quit"};
    int nkeys = (int)(sizeof keys / sizeof keys[0]);
    int bottom = r.y + r.rows - 1;
    int msg_row = bottom - nkeys - 1; /* the message's first row */
    if (msg_row - 1 > p.row) {
        for (int k = 0; k < nkeys; k++)
            text(f, r.x + 1, bottom - nkeys + 1 + k, w, keys[k], ROLE_KEY);
    } else {
        msg_row = bottom - 1;
    }
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

    frame_layout l = frame_layout_for(cols, rows);
    if (l.too_small) {
        draw_too_small(f);
        return true;
    }
    if (!draw_plot(f, a, l.plot))
        return false;
    draw_axes(f, a, &l);
    draw_panel(f, a, l.panel);
    if (a->show_help)
        draw_help(f, a);
    return true;
}

/* ---- colours and text output ------------------------------------------------------------- */

/* Levels: a blue-to-yellow ramp with rising lightness, readable by colour-blind viewers and
 * on a washed-out projector. */
static const int level256[CONTOUR_MAX_LEVELS] = {61, 62, 68,  32,  38,  37,  36,  35,
                                                 71, 77, 113, 149, 185, 184, 220, 226};

int frame_role_color256(frame_role r)
{
    if (r >= ROLE_LEVEL0)
        return level256[r - ROLE_LEVEL0];
    static const int c[ROLE_LEVEL0] = {
        [ROLE_BLANK] = -1,    [ROLE_TEXT] = 252,    [ROLE_DIM] = 244,     [ROLE_LABEL] = 110,
        [ROLE_TITLE] = 231,   [ROLE_AXIS] = 244,    [ROLE_TRAIL] = 250,   [ROLE_THETA] = 231,
        [ROLE_ARROW] = 203,   [ROLE_LANDING] = 213, [ROLE_MINIMUM] = 231, [ROLE_SADDLE] = 177,
        [ROLE_MAXIMUM] = 209, [ROLE_GOOD] = 114,    [ROLE_WARN] = 214,    [ROLE_BAD] = 196,
        [ROLE_KEY] = 81,
    };
    return c[r];
}

int frame_role_color8(frame_role r)
{
    if (r >= ROLE_LEVEL0) {
        static const int ramp[4] = {4, 6, 2, 3}; /* blue, cyan, green, yellow */
        return ramp[(r - ROLE_LEVEL0) * 4 / CONTOUR_MAX_LEVELS];
    }
    static const int c[ROLE_LEVEL0] = {
        [ROLE_BLANK] = -1,  [ROLE_TEXT] = -1,   [ROLE_DIM] = -1,    [ROLE_LABEL] = 6,
        [ROLE_TITLE] = -1,  [ROLE_AXIS] = -1,   [ROLE_TRAIL] = 7,   [ROLE_THETA] = 7,
        [ROLE_ARROW] = 1,   [ROLE_LANDING] = 5, [ROLE_MINIMUM] = 7, [ROLE_SADDLE] = 5,
        [ROLE_MAXIMUM] = 1, [ROLE_GOOD] = 2,    [ROLE_WARN] = 3,    [ROLE_BAD] = 1,
        [ROLE_KEY] = 6,
    };
    return c[r];
}

bool frame_role_bold(frame_role r)
{
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

void frame_write_text(const frame *f, FILE *out, bool ansi)
{
    for (int r = 0; r < f->rows; r++) {
        int end = f->cols;
        while (end > 0 && frame_at(f, end - 1, r)->ch == ' ')
            end--;
        int role = -1;
        for (int c = 0; c < end; c++) {
            const frame_cell *cell = frame_at(f, c, r);
            if (ansi && cell->role != role && cell->ch != ' ') {
                role = cell->role;
                int color = frame_role_color256((frame_role)role);
                fputs("\x1b[0m", out);
                if (frame_role_bold((frame_role)role))
                    fputs("\x1b[1m", out);
                if (color >= 0)
                    fprintf(out, "\x1b[38;5;%dm", color);
            }
            put_utf8(out, cell->ch);
        }
        if (ansi && role >= 0)
            fputs("\x1b[0m", out);
        fputc('\n', out);
    }
}
