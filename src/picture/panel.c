// SPDX-License-Identifier: MIT
/* Layer: picture. The side panel: θ and its numbers, the last step, curvature and the stability
 * bound, the probe's Taylor terms, a chart, the message line and key hints. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/analysis.h"
#include "steepest/fit.h"

typedef struct {
    frame *f;
    const scene *sc;
} panel;

#define LABEL_COLS 7
#define MAX_LINES  48

/* A line of the panel before it is placed: lines are gathered first, then as many as fit are
 * drawn, least important dropped first, so a small screen keeps what a lesson needs. */
enum { MUST = 1, SHOULD = 2, MAY = 3 };

typedef struct {
    const char *label_utf8, *label_ascii; /* NULL: the text starts at the left edge */
    char text[112];
    int role;
    int prio;
} pline;

typedef struct {
    pline v[MAX_LINES];
    int n;
    bool utf8;
    int vw; /* cells for a value after its label */
} plist;

/* Never "-0": a zero is a zero. */
static double nz(double v)
{
    return v == 0 ? 0 : v;
}

__attribute__((format(printf, 6, 7))) static void
add(plist *l, int prio, const char *lu, const char *la, int role, const char *fmt, ...)
{
    if (l->n == MAX_LINES)
        return;
    pline *p = &l->v[l->n++];
    p->label_utf8 = lu;
    p->label_ascii = la;
    p->role = role;
    p->prio = prio;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->text, sizeof p->text, fmt, ap);
    va_end(ap);
}

/* A number in at most width characters, with as many significant digits (up to `digits`) as
 * fit: 2508 stays 2508 (never "2.51e" cut short), 63.7 stays 63.7. */
static void fmt_fit(char *buf, size_t n, int width, int digits, double v)
{
    for (int d = digits; d >= 1; d--) {
        snprintf(buf, n, "%.*g", d, nz(v));
        frame_compact_exponent(buf);
        if ((int)strlen(buf) <= width)
            return;
    }
}

/* "(x, y)" with as many digits as fit in width (6 significant at most, 3 at least). */
static void fmt_pair(char *buf, size_t n, int width, double a, double b)
{
    a = nz(a);
    b = nz(b);
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
    snprintf(buf, n, "%-11.6g %s", nz(v), note);
    if (frame_text_width(buf) > width)
        snprintf(buf, n, "%.6g", nz(v));
}

/* The listed stationary point θ sits on, if any. */
static const surface_point *point_here(const walker *ss)
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
    bool sparse; /* every other sample: a third style */
    char ascii;
} chart_series;

/* Plots the series over r, scaled together (with 0 included when with_zero); a dim rule
 * marks y = 0. The range is widened to whole ticks of a 1-2-5 step, so it changes only now
 * and then: a step then redraws a few dots, not the whole chart (fewer bytes over SSH). */
static void draw_chart(frame *f, const scene *sc, frame_rect r, const chart_series *ser, int ns,
                       int n, bool with_zero)
{
    double lo = with_zero ? 0 : INFINITY, hi = with_zero ? 0 : -INFINITY;
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++)
            if (isfinite(ser[k].y[i])) {
                lo = fmin(lo, ser[k].y[i]);
                hi = fmax(hi, ser[k].y[i]);
            }
    if (!isfinite(lo) || !isfinite(hi))
        return;
    double span = hi > lo ? hi - lo : fmax(fabs(hi), 1);
    double step = frame_nice_step(span, 4);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    if (!(hi > lo))
        hi = lo + step;
    /* Values near the edge of double (a walk far out) leave no finite scale: no chart. */
    if (!isfinite(lo) || !isfinite(hi) || !isfinite(hi - lo) || !(hi > lo))
        return;
    int dh = sc->braille ? 4 * r.rows : r.rows;
    uint8_t dots[CHART_MAX / 2 * 8];
    memset(dots, 0, sizeof dots);
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++) {
            double v = ser[k].y[i];
            if (!isfinite(v) || (ser[k].dotted && i % 3 != 1) || (ser[k].sparse && i % 2 != 0))
                continue;
            double at = (hi - v) / (hi - lo) * (dh - 1);
            if (!(at >= -0.5 && at < dh - 0.5)) /* outside the scale (rounding, overflow) */
                continue;
            int row = (int)lround(at);
            if (sc->braille) {
                int c = i / 2, rr = row / 4;
                if (c >= r.cols || rr >= r.rows)
                    continue;
                uint8_t *d = &dots[rr * r.cols + c];
                *d |= contour_braille_bit[row % 4][i % 2];
                frame_put(f, r.x + c, r.y + rr, 0x2800u + *d, ser[k].role);
            } else if (i < r.cols && row < r.rows) {
                frame_put(f, r.x + i, r.y + row, (uint32_t)ser[k].ascii, ser[k].role);
            }
        }
    if (lo < 0 && hi > 0) {
        int zr = (int)lround(hi / (hi - lo) * (dh - 1)) / (sc->braille ? 4 : 1);
        for (int c = 0; c < r.cols; c++) {
            const frame_cell *cell = frame_at(f, r.x + c, r.y + zr);
            if (cell && cell->ch == ' ')
                frame_put(f, r.x + c, r.y + zr, sc->braille ? 0x2508 : '-', ROLE_DIM);
        }
    }
}

/* Places a one-cell mark under a chart at sample i of n. */
/* The axis column of sample i of n. */
static int mark_col(frame_rect axis, int i, int n)
{
    int c = (int)((double)i / n * axis.cols);
    return c < axis.cols ? c : axis.cols - 1;
}

static void chart_mark(frame *f, frame_rect axis, int i, int n, uint32_t ch, int role)
{
    frame_put(f, axis.x + mark_col(axis, i, n), axis.y, ch, role);
}

/* An end label of the axis row (left or right), in its long form, else its short form, else
 * not at all, so that it never covers the mark at column `avoid` (-1: no mark): a mark drawn
 * over "step 0" made it read "step ^". */
static void axis_label(frame *f, frame_rect axis, bool right, const char *text,
                       const char *short_text, int avoid)
{
    const char *forms[2] = {text, short_text};
    for (int k = 0; k < 2; k++) {
        if (!forms[k])
            continue;
        int w = frame_text_width(forms[k]);
        int from = right ? axis.cols - w : 0, to = right ? axis.cols : w;
        if (w <= axis.cols && (avoid < 0 || avoid < from - 1 || avoid > to)) {
            frame_text(f, axis.x + from, axis.y, w, forms[k], ROLE_DIM);
            return;
        }
    }
}

static int chart_samples(const scene *sc, int cols)
{
    int n = sc->braille ? 2 * cols : cols;
    return n < CHART_MAX ? n : CHART_MAX;
}

/* ΔL against β over 0-360: actual and first order, marks at the current β and at 180. */
static void chart_probe(panel *p, frame_rect r)
{
    const scene *sc = p->sc;
    static chart_series s[2];
    int n = chart_samples(sc, r.cols);
    for (int i = 0; i < n; i++) {
        analysis_probe pr = analysis_probe_at(sc->w->surf, &sc->here, sc->w->eta, 360.0 * i / n);
        s[0].y[i] = pr.actual;
        s[1].y[i] = pr.first;
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    s[1].role = ROLE_TEXT, s[1].dotted = true, s[1].ascii = '.';
    draw_chart(p->f, sc, r, s, 2, n, true);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    frame_text(p->f, axis.x, axis.y, 1, "0", ROLE_DIM);
    frame_text(p->f, axis.x + axis.cols - 3, axis.y, 3, "360", ROLE_DIM);
    chart_mark(p->f, axis, n / 2, n, sc->braille ? 0x2534 : '+', ROLE_DIM); /* 180: ΔL₁'s low */
    chart_mark(p->f, axis, (int)lround(sc->beta / 360 * n), n, sc->braille ? 0x25B2 : '^',
               ROLE_WARN);
}

/* ΔL of the optimizer's next step if η were eta: actual, and its first-order prediction. */
static void step_delta(const walker *w, double eta, double *actual, double *first)
{
    optimizer_move m = {0, 0, 0, 0, NULL};
    walker_preview_eta(w, eta, &m);
    *actual = surface_loss(w->surf, w->x + m.dx, w->y + m.dy) - w->loss;
    *first = m.predicted;
}

/* ΔL of a gradient step against η on a log axis (η/100 to 100η): actual and first order. */
static void chart_eta(panel *p, frame_rect r)
{
    const scene *sc = p->sc;
    static chart_series s[2];
    int n = chart_samples(sc, r.cols);
    double act, first, eps;
    step_delta(sc->w, sc->w->eta / 100, &act, &first);
    eps = fabs(first) > 0 ? fabs(first) : 1e-12;
    for (int i = 0; i < n; i++) {
        double eta = sc->w->eta * pow(10, -2 + 4.0 * i / (n - 1));
        step_delta(sc->w, eta, &act, &first);
        /* symmetric log: both signs, many decades */
        s[0].y[i] = copysign(log10(1 + fabs(act) / eps), act);
        s[1].y[i] = copysign(log10(1 + fabs(first) / eps), first);
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    s[1].role = ROLE_TEXT, s[1].dotted = true, s[1].ascii = '.';
    draw_chart(p->f, sc, r, s, 2, n, true);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    /* The bound 2/λmax as '!' where it falls; the end labels make room for it. */
    analysis_hessian h = analysis_hessian_of(&sc->here);
    int bound_at = -1;
    if (isfinite(h.eta_bound)) {
        double t = (log10(h.eta_bound / sc->w->eta) + 2) / 4;
        if (t >= 0 && t <= 1)
            bound_at = (int)lround(t * (n - 1));
    }
    int avoid = bound_at >= 0 ? mark_col(axis, bound_at, n) : -1;
    char buf[32];
    snprintf(buf, sizeof buf, "%.2g", sc->w->eta / 100);
    axis_label(p->f, axis, false, buf, NULL, avoid);
    snprintf(buf, sizeof buf, "%.2g", sc->w->eta * 100);
    axis_label(p->f, axis, true, buf, NULL, avoid);
    chart_mark(p->f, axis, n / 2, n, sc->braille ? 0x25B2 : '^', ROLE_WARN);
    if (bound_at >= 0)
        chart_mark(p->f, axis, bound_at, n, '!', ROLE_BAD);
}

/* L against step over the whole walk kept in the trail, sampled evenly across the chart's
 * width, so a plateau and the drop after it both stay in view; log scale when L > 0 spans
 * two decades or more. */
/* Several walkers: one curve each, in its colour (and alternating styles without colour),
 * against a common step axis from 0 to the furthest walker's step. */
/* The full loss at trail point k, or the latest known one back to point from: a long
 * minibatch walk evaluates it once per epoch (NaN between). */
static double known_loss(const walker *w, size_t from, size_t k)
{
    double v = NAN;
    for (size_t j = k + 1; j > from && !isfinite(v); j--)
        v = w->trail[j - 1].loss;
    return v;
}

static void chart_race(panel *p, frame_rect r, bool *log_scale)
{
    const scene *sc = p->sc;
    const session *ss = sc->ss;
    static chart_series s[8];
    int n = chart_samples(sc, r.cols), ns = ss->n_walkers < 8 ? (int)ss->n_walkers : 8;
    unsigned long last = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < ns; k++)
        last = ss->walkers[k].step > last ? ss->walkers[k].step : last;
    for (int k = 0; k < ns; k++) {
        const walker *w = &ss->walkers[k];
        size_t from = 0;
        for (int i = 0; i < n; i++) {
            unsigned long step = (unsigned long)((double)i * (double)last / (n > 1 ? n - 1 : 1));
            double v = NAN;
            if (step >= w->trail_first_step && step <= w->step) {
                size_t at = (size_t)(step - w->trail_first_step);
                /* Samples may outnumber steps: then several read the same point. */
                v = at < w->trail_len ? known_loss(w, from <= at ? from : at, at) : w->loss;
                from = at + 1;
            }
            s[k].y[i] = v;
            if (isfinite(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
        s[k].role = ROLE_WALKER0 + k;
        s[k].dotted = k % 3 == 1;
        s[k].sparse = k % 3 == 2;
        s[k].ascii = (char)('1' + k);
    }
    *log_scale = lo > 0 && hi / lo >= 100;
    for (int k = 0; *log_scale && k < ns; k++)
        for (int i = 0; i < n; i++)
            s[k].y[i] = log10(s[k].y[i]);
    draw_chart(p->f, sc, r, s, ns, n, false);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    char buf[40];
    frame_text(p->f, axis.x, axis.y, axis.cols, "step 0", ROLE_DIM);
    snprintf(buf, sizeof buf, "%lu", last);
    frame_text(p->f, axis.x + axis.cols - frame_text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
}

static void chart_loss(panel *p, frame_rect r, bool *log_scale)
{
    const scene *sc = p->sc;
    if (sc->ss->n_walkers > 1) {
        chart_race(p, r, log_scale);
        return;
    }
    const walker *ss = sc->w;
    const surface *held = ss->surf->heldout;
    static chart_series s[3];
    /* sgd: the loss over each step's minibatch, noisy, beside the full loss. */
    bool batch = false;
    for (size_t k = 0; !batch && k < ss->trail_len; k++)
        batch = isfinite(ss->trail[k].batch_loss);
    int n = chart_samples(sc, r.cols);
    size_t len = ss->trail_len;
    int m = len < (size_t)n ? (int)len : n;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < len; k++) {
        lo = fmin(lo, ss->trail[k].loss);
        hi = fmax(hi, ss->trail[k].loss);
    }
    /* The held-out loss along the same samples: where it turns up while L goes on down is
     * the over-fitting the lesson is about. */
    int best = -1;
    size_t from = 0; /* the first trail point of sample i's stretch */
    for (int i = 0; i < n; i++) {
        double v = NAN, h = NAN;
        if (i < m) {
            size_t k = m > 1 ? (size_t)((double)i * (double)(len - 1) / (m - 1) + 0.5) : 0;
            v = known_loss(ss, from, k); /* the stretch's latest known full L */
            from = k + 1;
            if (held) {
                h = surface_loss(held, ss->trail[k].x, ss->trail[k].y);
                lo = fmin(lo, h);
                hi = fmax(hi, h);
                if (best < 0 || h < s[1].y[best])
                    best = i;
            }
        }
        s[0].y[i] = v;
        s[1].y[i] = h;
        s[2].y[i] = NAN;
        if (batch && i < m) {
            size_t k = m > 1 ? (size_t)((double)i * (double)(len - 1) / (m - 1) + 0.5) : 0;
            double b = ss->trail[k].batch_loss;
            if (isfinite(b)) {
                s[2].y[i] = b;
                lo = fmin(lo, b);
                hi = fmax(hi, b);
            }
        }
    }
    *log_scale = lo > 0 && hi / lo >= 100;
    for (int i = 0; *log_scale && i < n; i++) {
        s[0].y[i] = log10(s[0].y[i]);
        s[1].y[i] = log10(s[1].y[i]);
        s[2].y[i] = log10(s[2].y[i]);
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    s[1].role = ROLE_WARN, s[1].dotted = true, s[1].ascii = '+';
    s[2].role = ROLE_DIM, s[2].dotted = true, s[2].ascii = '.';
    if (batch && !held)
        s[1] = s[2];
    else if (batch)
        s[1 + 1] = s[2];
    draw_chart(p->f, sc, r, s, 1 + (held != NULL) + batch, n, false);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    char buf[40], num[24];
    /* The held-out minimum, once it lies behind; the end labels make room for it. */
    int ns = sc->braille ? 2 * r.cols : r.cols;
    int mark = held && best >= 0 && best < m - 1 ? mark_col(axis, best, ns) : -1;
    snprintf(buf, sizeof buf, "step %lu", ss->trail_first_step);
    snprintf(num, sizeof num, "%lu", ss->trail_first_step);
    axis_label(p->f, axis, false, buf, num, mark);
    snprintf(buf, sizeof buf, "%lu", ss->step);
    axis_label(p->f, axis, true, buf, NULL, mark);
    if (mark >= 0)
        chart_mark(p->f, axis, best, ns, sc->braille ? 0x25B2 : '^', ROLE_WARN);
}

/* L along the step direction d from θ, t from 0 to three step lengths: actual, and the first-
 * and second-order Taylor polynomials; the step's length and the line's lowest point marked.
 * Where the straight line leaves the curve, the first-order argument stops being true. */
static bool chart_slice(panel *p, frame_rect r)
{
    const scene *sc = p->sc;
    double dx, dy, len;
    if (!scene_step_direction(sc, &dx, &dy, &len))
        return false;
    static chart_series s[3];
    int n = chart_samples(sc, r.cols), best = 0;
    for (int i = 0; i < n; i++) {
        analysis_slice sl =
            analysis_slice_at(sc->w->surf, &sc->here, dx, dy, 3 * len * i / (n - 1));
        s[0].y[i] = sl.actual;
        s[1].y[i] = sl.first;
        s[2].y[i] = sl.second;
        if (sl.actual < s[0].y[best])
            best = i;
    }
    /* Scaled to the actual curve (and a little beyond), so a runaway straight line does not
     * flatten what matters: clip the polynomials to the actual curve's range widened 50%. */
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; i++) {
        lo = fmin(lo, s[0].y[i]);
        hi = fmax(hi, s[0].y[i]);
    }
    double pad = 0.5 * (hi - lo > 0 ? hi - lo : fabs(hi) + 1);
    for (int k = 1; k < 3; k++)
        for (int i = 0; i < n; i++)
            if (s[k].y[i] < lo - pad || s[k].y[i] > hi + pad)
                s[k].y[i] = NAN;
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].sparse = false, s[0].ascii = '*';
    s[1].role = ROLE_TEXT, s[1].dotted = true, s[1].sparse = false, s[1].ascii = '.';
    s[2].role = ROLE_WARN, s[2].dotted = false, s[2].sparse = true, s[2].ascii = ':';
    draw_chart(p->f, sc, r, s, 3, n, false);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    frame_text(p->f, axis.x, axis.y, 1, "0", ROLE_DIM);
    char buf[32];
    snprintf(buf, sizeof buf, "t %.3g", 3 * len);
    frame_text(p->f, axis.x + axis.cols - frame_text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
    chart_mark(p->f, axis, n / 3, n, sc->braille ? 0x25B2 : '^', ROLE_WARN); /* this step */
    if (best > 0 && best < n - 1)
        chart_mark(p->f, axis, best, n, sc->braille ? 0x2534 : '+', ROLE_DIM); /* lowest */
    return true;
}

/* A titled chart in r (its title row, then rows, then its axis row). */
static void panel_chart(panel *p, frame_rect area)
{
    int rows = area.rows - 2;
    if (rows < 1)
        return;
    rows = rows > 10 ? 10 : rows;
    const scene *sc = p->sc;
    bool u = sc->braille;
    frame_rect r = {area.x, area.y + 1, area.cols, rows};
    const char *title;
    bool log_scale = false;
    if (sc->show_slice) {
        title = u ? "L along step ⣀L ⠄1st ⠅2nd" : "L along step *L .1st :2nd";
        if (!chart_slice(p, r))
            title = u ? "L along step: no step here" : "L along step: no step";
    } else if (sc->probe) {
        title = u ? "ΔL vs β ⣀actual ⠄1st order" : "dL vs beta *actual .1st";
        chart_probe(p, r);
    } else if (sc->show_eta_chart) {
        title = u ? "ΔL vs log η ⣀actual ⠄1st" : "dL vs log eta *actual .1st";
        chart_eta(p, r);
    } else {
        chart_loss(p, r, &log_scale);
        optimizer_batch ob;
        bool sgd_batch = optimizer_batch_of(sc->w->type, sc->w->state, &ob) && ob.batch < ob.rows;
        if (sc->ss->n_walkers > 1)
            title = log_scale ? "L vs step, each walker (log)" : "L vs step, each walker";
        else if (sgd_batch && sc->w->surf->heldout)
            title = u ? "L ⣀train ⠄held ⠄batch" : "L *train +held .batch";
        else if (sgd_batch)
            title = log_scale ? (u ? "L ⣀all ⠄batch, log" : "L *all .batch, log")
                              : (u ? "L vs step ⣀all ⠄batch" : "L vs step *all .batch");
        else if (sc->w->surf->heldout)
            title = log_scale ? (u ? "L ⣀train ⠄held, log" : "L *train +held, log")
                              : (u ? "L vs step ⣀train ⠄held" : "L vs step *train +held");
        else
            title = log_scale ? "L vs step (log scale)" : "L vs step";
    }
    frame_text(p->f, area.x, area.y, area.cols, title, ROLE_LABEL);
}

/* The probe's lines: u's angle and the Taylor terms of a step of length η along it. */
static void lines_probe(plist *l, const scene *sc)
{
    const walker *w = sc->w;
    bool u = l->utf8;
    char buf[96];
    analysis_probe pr = analysis_probe_at(w->surf, &sc->here, w->eta, sc->beta);
    if (w->gnorm > 0)
        add(l, MUST, "β", "beta", ROLE_WARN, u ? "%.1f°" : "%.1f deg", pr.beta);
    else /* no gradient, no angle to it: β is measured from the +x axis */
        add(l, MUST, "β", "beta", ROLE_WARN, u ? "%.1f° from +x (∇L=0)" : "%.1f deg from +x",
            pr.beta);
    add(l, SHOULD, "cos β", "cos b", ROLE_TEXT, "%.6g", nz(pr.cos_beta));
    fmt_noted(buf, sizeof buf, l->vw, pr.first, u ? "η uᵀ∇L" : "1st order");
    add(l, MUST, "ΔL₁", "dL1", ROLE_TEXT, "%s", buf);
    fmt_noted(buf, sizeof buf, l->vw, pr.second, u ? "½η²uᵀ∇²Lu" : "2nd order");
    add(l, MUST, "ΔL₂", "dL2", ROLE_TEXT, "%s", buf);
    fmt_noted(buf, sizeof buf, l->vw, pr.predicted, u ? "ΔL₁+ΔL₂" : "dL1+dL2");
    add(l, SHOULD, "ΔL₁₊₂", "dL1+2", ROLE_TEXT, "%s", buf);
    fmt_noted(buf, sizeof buf, l->vw, pr.actual,
              pr.actual < 0   ? "lower"
              : pr.actual > 0 ? "higher"
                              : "same");
    add(l, MUST, "ΔL", "dL", pr.actual < 0 ? ROLE_GOOD : ROLE_WARN, "%s", buf);
    /* A probe step is η long whatever |∇L| is; a gradient step is η|∇L| long. */
    add(l, MAY, "|step|", "|step|", ROLE_DIM, u ? "%.4g, not η|∇L|" : "%.4g, not eta*|g|", w->eta);
    if (w->has_last) {
        fmt_noted(buf, sizeof buf, l->vw, w->last_delta, "just now");
        add(l, SHOULD, "ΔL was", "dL was", w->last_delta < 0 ? ROLE_GOOD : ROLE_WARN, "%s", buf);
    }
}

/* The last step, the status, and what the quadratic model says about η here. */
static void lines_walk(plist *l, const scene *sc)
{
    const walker *w = sc->w;
    bool u = l->utf8;
    char buf[96], a[16], b[16];
    /* In a race the race table needs the room: the focused walker's details give way. */
    int detail = sc->ss->n_walkers > 1 ? SHOULD : MUST;
    optimizer_batch ob;
    bool batch = optimizer_batch_of(w->type, w->state, &ob) && ob.batch < ob.rows;
    if (batch) /* sgd: the step follows a minibatch's gradient, not the full one */
        add(l, detail, NULL, NULL, w->ascend ? ROLE_WARN : ROLE_GOOD, "%s",
            w->ascend ? (u ? "ASCEND +∇L of a batch" : "ASCEND +grad of a batch")
                      : (u ? "DESCEND −∇L of a batch" : "DESCEND -grad of a batch"));
    else if (w->ascend)
        add(l, detail, NULL, NULL, ROLE_WARN, "%s",
            u ? "ASCEND +∇L (uphill)" : "ASCEND +grad (uphill)");
    else
        add(l, detail, NULL, NULL, ROLE_GOOD, "%s",
            u ? "DESCEND −∇L (downhill)" : "DESCEND -grad (downhill)");
    if (w->has_last) {
        fmt_noted(buf, sizeof buf, l->vw, w->last_delta, "actual");
        add(l, MUST, "ΔL", "dL", w->last_delta < 0 ? ROLE_GOOD : ROLE_WARN, "%s", buf);
        /* The first-order prediction of the step that was taken, under its own formula. */
        /* gd's step is ∓η∇L, whose first-order change is ∓η|∇L|²; any other optimizer's
         * step d changes L by ∇Lᵀd to first order. */
        const char *how = w->last_along             ? (u ? "η uᵀ∇L" : "1st order")
                          : w->type != optimizer_gd ? (u ? "∇Lᵀd" : "1st order")
                          : w->ascend               ? (u ? "+η|∇L|²" : "1st order")
                                                    : (u ? "−η|∇L|²" : "1st order");
        fmt_noted(buf, sizeof buf, l->vw, w->last_predicted, how);
        add(l, detail, "ΔL₁", "dL1", ROLE_TEXT, "%s", buf);
    } else {
        add(l, SHOULD, "ΔL", "dL", ROLE_DIM, "- (no step yet)");
        add(l, SHOULD, "ΔL₁", "dL1", ROLE_DIM, "-");
    }
    const surface_point *here = point_here(w);
    switch (w->status) {
    case WALKER_RUNNING:
        add(l, MUST, "status", "status", ROLE_TEXT, "%s",
            sc->playing ? "running (playing)" : "running");
        break;
    case WALKER_CONVERGED:
        add(l, MUST, "status", "status", ROLE_GOOD, "converged%s%s", here ? ": a " : "",
            here ? surface_point_kind_name(here->kind) : "");
        break;
    case WALKER_DIVERGED:
        add(l, MUST, "status", "status", ROLE_BAD, "%s",
            w->unbounded ? (w->ascend ? "DIVERGED: no maximum" : "DIVERGED: no minimum")
                         : (u ? "DIVERGED: η too big" : "DIVERGED: eta too big"));
        break;
    }

    analysis_hessian h = analysis_hessian_of(&sc->here);
    if (!h.ok)
        return;
    fmt_fit(a, sizeof a, 6, 4, h.lambda_min);
    fmt_fit(b, sizeof b, 6, 4, h.lambda_max);
    if (h.lambda_min > 0) {
        /* κ in up to 6 characters after "λmin λmax κ "; where the columns leave too little,
         * λmax loses its padding, and only then κ its digits (a cut number would lie). */
        char k[16];
        fmt_fit(k, sizeof k, 6, 4, h.condition);
        if (16 + (int)strlen(k) <= l->vw) {
            add(l, detail, "λ", "lambda", ROLE_TEXT, "%-6s %-6s %s %s", a, b, u ? "κ" : "k", k);
        } else {
            int room = l->vw - 10 - (int)strlen(b);
            fmt_fit(k, sizeof k, room < 3 ? 3 : room > 6 ? 6 : room, 4, h.condition);
            add(l, detail, "λ", "lambda", ROLE_TEXT, "%-6s %s %s %s", a, b, u ? "κ" : "k", k);
        }
        /* The fixed η that shrinks the slowest direction fastest on this quadratic model:
         * both factors |1 - ηλ| equal, at 2/(λmin + λmax). */
        /* Descending only: ascending, no fixed η is best for a walk away from a minimum. */
        fmt_fit(k, sizeof k, 7, 4, 2 / (h.lambda_min + h.lambda_max));
        if (!w->ascend)
            add(l, MAY, "best η", "best e", ROLE_DIM, u ? "%s = 2/(λ1+λ2)" : "%s = 2/(l1+l2)", k);
    } else {
        /* κ means nothing here: some direction curves down (a saddle or a maximum). */
        add(l, detail, "λ", "lambda", ROLE_WARN, "%-6s %-6s", a, b);
        add(l, SHOULD, NULL, NULL, ROLE_WARN, "%s",
            u ? "negative curvature: no κ" : "negative curvature: no k");
    }
    /* The quadratic model along an eigenvector of λ: a step multiplies the distance to the
     * stationary point by 1 - ηλ (1 + ηλ ascending, where λ < 0 matters). Past η = 1/|λ| it
     * overshoots (the zig-zag starts); past 2/|λ|, |1 - ηλ| > 1 and each bounce grows.
     * Descending, λmax sets the bound; ascending, the most negative λmin. */
    double lam = w->ascend ? -h.lambda_min : h.lambda_max;
    const char *lab_u = w->ascend ? "2/|λmin|" : "2/λmax",
               *lab_a = w->ascend ? "2/|lmin|" : "2/lmax";
    const char *eta_u = u ? "η" : "eta";
    if (lam > 0) {
        double bound = 2 / lam, growth = fabs(1 - w->eta * lam);
        fmt_fit(a, sizeof a, 7, 4, bound);
        int role = ROLE_TEXT;
        /* Ascending, the label is part of the text (it is wider than the label column). */
        int room = w->ascend ? LABEL_COLS + l->vw - frame_text_width(u ? lab_u : lab_a) - 1 : l->vw;
        const char *lam_u = w->ascend ? (u ? "|λmin|" : "|lmin|") : (u ? "λmax" : "lmax");
        switch (analysis_eta_regime_of(w->eta, lam)) {
        case ETA_ABOVE: {
            const char *times = u ? "×" : "x";
            snprintf(buf, sizeof buf, "%s < %s %s%.4g/step", a, eta_u, times, growth);
            if (frame_text_width(buf) > room)
                snprintf(buf, sizeof buf, "%s < %s %s%.4g", a, eta_u, times, growth);
            role = ROLE_BAD;
            break;
        }
        case ETA_AT_BOUND: /* |1 - ηλ| = 1: the bounce keeps its size */
            snprintf(buf, sizeof buf, "%s = %s bounces stay", a, eta_u);
            if (frame_text_width(buf) > room)
                snprintf(buf, sizeof buf, "%s = %s", a, eta_u);
            role = ROLE_WARN;
            break;
        case ETA_ZIGZAG: { /* between 1/λ and 2/λ, the two numbers */
            char half[16];
            fmt_fit(half, sizeof half, 7, 4, 0.5 * bound);
            snprintf(buf, sizeof buf, "%s > %s > %s zigzag", a, eta_u, half);
            if (frame_text_width(buf) > room)
                snprintf(buf, sizeof buf, "%s > %s > %s", a, eta_u, half);
            if (frame_text_width(buf) > room)
                snprintf(buf, sizeof buf, "%s > %s zigzag", a, eta_u);
            role = ROLE_WARN;
            break;
        }
        case ETA_AT_HALF: /* 1 - ηλ = 0: along that axis the step lands on the stationary point */
            snprintf(buf, sizeof buf, "%s > %s = 1/%s", a, eta_u, lam_u);
            if (frame_text_width(buf) > room)
                snprintf(buf, sizeof buf, "%s > %s", a, eta_u);
            break;
        case ETA_BELOW:
            snprintf(buf, sizeof buf, "%s > %s", a, eta_u);
            break;
        }
        if (w->ascend) { /* a label too long for the label column: the line is one text */
            char whole[128];
            snprintf(whole, sizeof whole, "%s %s", u ? lab_u : lab_a, buf);
            add(l, MUST, NULL, NULL, role, "%s", whole);
        } else {
            add(l, MUST, lab_u, lab_a, role, "%s", buf);
        }
    } else if (w->ascend) { /* the label is wider than the label column: one text */
        add(l, SHOULD, NULL, NULL, ROLE_TEXT, "%s",
            u ? "2/|λmin| none: no λ < 0" : "2/|lmin| none: no l < 0");
    } else {
        add(l, SHOULD, lab_u, lab_a, ROLE_TEXT, "%s", u ? "none: no λ > 0" : "none: no l > 0");
    }
    /* This step, exactly rather than on a model: it raises L (lowers it, ascending) when L at
     * the landing is worse; it passes the low point of its line when the slope there, along
     * the step, has turned (the zig-zag). */
    optimizer_move m;
    /* Not once converged: there the step is rounding-sized and its sign says nothing. */
    if (w->status == WALKER_RUNNING && !sc->probe && walker_preview(w, &m) &&
        (m.dx != 0 || m.dy != 0)) {
        double f, g[2], sign = w->ascend ? -1 : 1;
        surface_eval(w->surf, w->x + m.dx, w->y + m.dy, &f, g, NULL);
        if (isfinite(f) && sign * (f - w->loss) > 0)
            add(l, MUST, NULL, NULL, ROLE_BAD, "%s",
                w->ascend ? "next step lowers L" : "next step raises L");
        else if (isfinite(g[0]) && sign * (g[0] * m.dx + g[1] * m.dy) > 0)
            add(l, SHOULD, NULL, NULL, ROLE_WARN, "%s", "next step overshoots");
    }
    double ang = analysis_angle_to_minimum(w->surf, &sc->here);
    const surface_point *mn = analysis_nearest_minimum(w->surf, w->x, w->y);
    double span = fmax(w->surf->xmax - w->surf->xmin, w->surf->ymax - w->surf->ymin);
    if (isfinite(ang) && mn && hypot(mn->x - w->x, mn->y - w->y) > 1e-4 * span &&
        w->status == WALKER_RUNNING)
        add(l, MAY, "to min", "to min", ROLE_TEXT, u ? "%5.1f° from −∇L" : "%5.1f deg from -grad",
            ang);
    double lx, ly, lc, lr;
    if (!sc->probe && scene_landing(sc, &lx, &ly)) {
        view_to_cell(&sc->v, lx, ly, &lc, &lr);
        if (!(lc >= 0 && lr >= 0 && lc < sc->v.cols && lr < sc->v.rows))
            add(l, SHOULD, NULL, NULL, ROLE_WARN, "%s", "next step lands off screen");
    }
}

/* Several walkers: which one the numbers are for, and a row per walker (the focused one
 * marked >): its number (its mark on the plot), optimizer, steps, L, status. */
static void lines_race(plist *l, const scene *sc)
{
    const session *ss = sc->ss;
    if (ss->n_walkers < 2)
        return;
    /* One row a walker, whole in the panel's width: narrow panels get the compact form. */
    bool wide = l->vw + LABEL_COLS >= 33;
    for (size_t k = 0; k < ss->n_walkers; k++) {
        const walker *w = &ss->walkers[k];
        const char *st = w->status == WALKER_RUNNING     ? "run"
                         : w->status == WALKER_CONVERGED ? (wide ? "conv" : "ok")
                                                         : "DIV";
        if (wide)
            add(l, MUST, NULL, NULL, ROLE_WALKER0 + (int)(k % 8), "%c%zx %-9.9s %6lu %-8.3g %s",
                w == sc->w ? '>' : ' ', k + 1, w->type->name, w->step, nz(w->loss), st);
        else {
            char loss[16];
            fmt_fit(loss, sizeof loss, 6, 2, w->loss);
            add(l, MUST, NULL, NULL, ROLE_WALKER0 + (int)(k % 8), "%c%zx %-9.9s%5lu %-6s %s",
                w == sc->w ? '>' : ' ', k + 1, w->type->name, w->step, loss, st);
        }
    }
}

/* What the marks on the plot are (two lines, shown where there is room). */
static void lines_legend(plist *l)
{
    if (l->utf8) {
        add(l, MAY, NULL, NULL, ROLE_DIM, "%s", "● θ ○ next · trail → −∇L");
        add(l, MAY, NULL, NULL, ROLE_DIM, "%s", "* min  × saddle  ▲ max");
    } else {
        add(l, MAY, NULL, NULL, ROLE_DIM, "%s", "@theta o next .trail >-grad");
        add(l, MAY, NULL, NULL, ROLE_DIM, "%s", "* min  x saddle  # max");
    }
}

static void gather(plist *l, const scene *sc)
{
    const walker *w = sc->w;
    char buf[96];
    add(l, MUST, NULL, NULL, ROLE_TITLE, "%s", w->surf->title);
    /* Contours of another loss than L(θ)'s: the line that says so must show. */
    bool other = sc->show_batch || sc->show_heldout;
    if (sc->demo_status[0])
        add(l, MUST, NULL, NULL, ROLE_WARN, "%s", sc->demo_status);
    else if (sc->probe)
        add(l, MUST, NULL, NULL, ROLE_WARN, "%s", "PROBE: you choose u");
    else if (sc->surf_index < sc->surf_count)
        add(l, other ? MUST : MAY, NULL, NULL, other ? ROLE_WARN : ROLE_DIM, "%s  %zu/%zu%s",
            w->surf->name, sc->surf_index + 1, sc->surf_count,
            sc->show_batch     ? "  batch"
            : sc->show_heldout ? "  held-out"
                               : "");
    else
        add(l, other ? MUST : MAY, NULL, NULL, other ? ROLE_WARN : ROLE_DIM, "%s%s", w->surf->name,
            sc->show_batch     ? "  batch"
            : sc->show_heldout ? "  held-out"
                               : "");
    if (sc->ss->n_walkers > 1)
        add(l, MUST, NULL, NULL, ROLE_WALKER0 + (int)(sc->ss->focus % 8), "walker %zu of %zu: %s",
            sc->ss->focus + 1, sc->ss->n_walkers, w->type->name);
    fmt_pair(buf, sizeof buf, l->vw, w->x, w->y);
    add(l, MUST, "θ", "theta", ROLE_TEXT, "%s", buf);
    add(l, MUST, "L(θ)", "L", ROLE_TEXT, "%.6g", nz(w->loss));
    if (w->surf->heldout)
        add(l, MUST, "L held", "L held", ROLE_WARN, "%.6g",
            nz(surface_loss(w->surf->heldout, w->x, w->y)));
    optimizer_batch ob;
    double lb;
    if (optimizer_batch_of(w->type, w->state, &ob) && ob.batch < ob.rows) {
        /* Where sgd is in its data, and the loss over the batch the next step will use. */
        /* Narrow panels drop words before numbers: "12  b 7/40  B=4", then "12 7/40 B4". */
        snprintf(buf, sizeof buf, "%lu  batch %zu/%zu  B=%zu", ob.epoch, ob.index, ob.batches,
                 ob.batch);
        if (frame_text_width(buf) > l->vw)
            snprintf(buf, sizeof buf, "%lu  b %zu/%zu  B=%zu", ob.epoch, ob.index, ob.batches,
                     ob.batch);
        if (frame_text_width(buf) > l->vw)
            snprintf(buf, sizeof buf, "%lu %zu/%zu B%zu", ob.epoch, ob.index, ob.batches, ob.batch);
        add(l, MUST, "epoch", "epoch", ROLE_TEXT, "%s", buf);
        if (fit_eval_rows(w->surf, ob.next, ob.next_n, w->x, w->y, &lb, NULL, NULL)) {
            snprintf(buf, sizeof buf, "%.6g  next batch", nz(lb));
            if (frame_text_width(buf) > l->vw)
                snprintf(buf, sizeof buf, "%.6g", nz(lb));
            add(l, MUST, "L_B", "L_B", ROLE_TEXT, "%s", buf);
        }
    }
    fmt_pair(buf, sizeof buf, l->vw, w->gx, w->gy);
    add(l, SHOULD, "∇L", "grad", ROLE_TEXT, "%s", buf);
    add(l, MUST, "|∇L|", "|grad|", ROLE_TEXT, "%.6g", nz(w->gnorm));
    add(l, MUST, "η", "eta", ROLE_TEXT, "%.6g", w->eta);
    add(l, MUST, "step", "step", ROLE_TEXT, "%lu", w->step);
    if (sc->probe)
        lines_probe(l, sc);
    else
        lines_walk(l, sc);
    lines_race(l, sc);
    lines_legend(l);
}

void frame_draw_panel(frame *f, const scene *sc, frame_rect r)
{
    static const char *const keys_normal[] = {"space step    a ascend",
                                              "p play        +/- eta x2 /2",
                                              "r reset       n/N surface", "? all keys    q quit"};
    static const char *const keys_diverged[] = {"- halve eta   r reset", "p play        + eta x2",
                                                "n/N surface   a ascend", "? all keys    q quit"};
    static const char *const keys_demo[] = {"p pause/resume", "space go on now", "Esc take over",
                                            "q quit"};
    static const char *const keys_probe_utf8[] = {
        "←→ turn 5°  H L turn 45°", "g −∇L  G +∇L  c level curve", "space step along u  t leave"};
    static const char *const keys_probe_ascii[] = {
        "left/right 5 deg  H L 45 deg", "g -grad  G +grad  c level", "space step along u  t leave"};
    panel p = {f, sc};
    bool u = sc->braille;
    int nkeys = sc->probe ? 3 : 4;

    /* Side by side when the panel is wide (below a tall, narrow plot), else one column. */
    int columns = r.cols >= 60 ? 2 : 1;
    frame_rect col[2];
    col[0] = (frame_rect){r.x, r.y, columns == 2 ? r.cols / 2 : r.cols, r.rows};
    col[1] = (frame_rect){r.x + col[0].cols, r.y, r.cols - col[0].cols, r.rows};
    frame_rect last = col[columns - 1];
    for (int c = 0; c < columns; c++)
        for (int row = col[c].y; row < col[c].y + col[c].rows; row++)
            frame_put(f, col[c].x, row, frame_glyph(sc, G_VBAR), ROLE_AXIS);

    static plist l; /* large; the picture is single-threaded */
    memset(&l, 0, sizeof l);
    l.utf8 = u;
    l.vw = col[0].cols - 2 - LABEL_COLS;
    gather(&l, sc);

    /* The last column's foot: key hints, and above them the message or the η prompt. */
    bool msg = sc->prompt || sc->message[0];
    int foot = nkeys + (msg ? 2 : 0);
    int chart_rows = 4; /* its title, two rows of curve, its axis */
    int cap = 0;
    for (int c = 0; c < columns; c++)
        cap += col[c].rows - (c == columns - 1 ? foot : 0);
    int must = 0, should = 0, may = 0;
    for (int k = 0; k < l.n; k++)
        must += l.v[k].prio == MUST, should += l.v[k].prio == SHOULD, may += l.v[k].prio == MAY;
    /* The chart is kept when the lines a lesson needs leave room for it. */
    bool chart = cap - chart_rows >= must;
    int room = cap - (chart ? chart_rows : 0);
    /* Every MUST line; then SHOULD lines, then MAY lines, each in order while they fit. */
    bool shown[MAX_LINES] = {false};
    int used = 0;
    for (int level = MUST; level <= MAY; level++)
        for (int k = 0; k < l.n; k++)
            if (l.v[k].prio == level && (level == MUST || used < room)) {
                shown[k] = true;
                used++;
            }
    (void)should;
    (void)may;

    int c = 0, row = col[0].y;
    for (int k = 0; k < l.n; k++) {
        if (!shown[k])
            continue;
        int limit = col[c].y + col[c].rows - (c == columns - 1 ? foot : 0);
        if (row >= limit) {
            if (c + 1 >= columns)
                break;
            c++;
            row = col[c].y;
            limit = col[c].y + col[c].rows - foot;
            if (row >= limit)
                break;
        }
        int x = col[c].x + 1, w = col[c].cols - 2, label = 0;
        if (l.v[k].label_utf8) {
            frame_text(f, x, row, w, u ? l.v[k].label_utf8 : l.v[k].label_ascii, ROLE_LABEL);
            label = LABEL_COLS;
        }
        frame_text(f, x + label, row, w - label, l.v[k].text, l.v[k].role);
        if (frame_text_width(l.v[k].text) > w - label && w - label > 1) /* cut: say so */
            frame_put(f, x + w - 1, row, u ? 0x2026 : '>', ROLE_DIM);
        row++;
    }
    int bottom = last.y + last.rows - foot;
    if (c < columns - 1) /* the lines did not reach the last column: the chart starts at its top */
        row = last.y;
    frame_rect area = {last.x + 1, row, last.cols - 2, bottom - row};
    if (area.rows >= 3)
        panel_chart(&p, area);

    int kx = last.x + 1, kw = last.cols - 2, ky = last.y + last.rows - nkeys;
    /* While a prompt is open its keys are Enter and Esc: the key rows say how to answer it,
     * and hold an error whole, wrapped. */
    const char *answer = NULL;
    int answer_role = ROLE_DIM;
    if (sc->prompt && sc->prompt_formula && sc->prompt_error[0]) {
        answer = sc->prompt_error;
        answer_role = ROLE_BAD;
    } else if (sc->prompt && sc->prompt_formula) {
        answer = "Enter draws it, Esc cancels";
    } else if (sc->prompt && sc->prompt_spec) {
        answer = "adam:eta=0.1 adds a walker; eta=0.05 or mu=0.5 tunes the one in focus; Enter, "
                 "Esc cancels";
    }
    /* A message longer than its two rows (a refused walker spec) takes the key rows too. */
    bool long_msg = !sc->prompt && sc->message[0] && frame_text_rows(sc->message, kw) > 2;
    if (answer) {
        frame_text_wrapped(f, kx, ky, kw, nkeys, answer, answer_role);
    } else if (long_msg) {
        frame_text_wrapped(f, kx, ky - 2, kw, nkeys + 2, sc->message, ROLE_WARN);
    } else {
        const char *const *keys = sc->probe            ? (u ? keys_probe_utf8 : keys_probe_ascii)
                                  : sc->demo_status[0] ? keys_demo
                                  : sc->w->status == WALKER_DIVERGED ? keys_diverged
                                                                     : keys_normal;
        for (int k = 0; k < nkeys; k++)
            frame_text(f, kx, ky + k, kw, keys[k], ROLE_KEY);
    }
    char buf[128];
    if (sc->prompt && sc->prompt_formula) {
        /* The input windowed so that the error's column (or the end) is in view, the caret
         * under that column. */
        int len = (int)strlen(sc->input), win = kw - 3;
        int focus = sc->prompt_error_col > 0 ? sc->prompt_error_col - 1 : len;
        int start = focus > win - 1 ? focus - (win - 1) : 0;
        snprintf(buf, sizeof buf, "L=%.*s%s", win, sc->input + start,
                 sc->prompt_error_col > 0 ? "" : "_");
        frame_text(f, kx, ky - 2, kw, buf, ROLE_WARN);
        if (sc->prompt_error[0]) {
            int at = 2 + (sc->prompt_error_col > 0 ? sc->prompt_error_col - 1 - start : 0);
            snprintf(buf, sizeof buf, "%*s^", at, "");
            frame_text(f, kx, ky - 1, kw, buf, ROLE_BAD);
        }
    } else if (sc->prompt && sc->prompt_spec) {
        snprintf(buf, sizeof buf, "walker: %s_", sc->input);
        frame_text(f, kx, ky - 2, kw, buf, ROLE_WARN);
    } else if (sc->prompt) {
        snprintf(buf, sizeof buf, "%s = %s_", u ? "η" : "eta", sc->input);
        frame_text(f, kx, ky - 2, kw, buf, ROLE_WARN);
        frame_text(f, kx, ky - 1, kw, "Enter sets, Esc cancels", ROLE_DIM);
    } else if (sc->message[0] && !long_msg) {
        frame_text_wrapped(f, kx, ky - 2, kw, 2, sc->message, ROLE_WARN);
    }
}
