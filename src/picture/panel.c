/* Layer: picture. The side panel: θ and its numbers, the last step, curvature and the stability
 * bound, the probe's Taylor terms, a chart, the message line and key hints. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/analysis.h"

typedef struct {
    frame *f;
    const scene *sc;
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
        frame_text(p->f, x, p->row, w, p->sc->braille ? label_utf8 : label_ascii, ROLE_LABEL);
        used = LABEL_COLS;
    }
    frame_text(p->f, x + used, p->row, w - used, value, role);
    p->row++;
}

static void wrapped(panel *p, const char *msg, int role)
{
    int w = p->r.cols - 2, n = (frame_text_width(msg) + w - 1) / w;
    n = n > 3 ? 3 : n;
    if (p->row + n > p->end)
        return;
    p->row += frame_text_wrapped(p->f, p->r.x + 1, p->row, w, n, msg, role);
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
    if (frame_text_width(buf) > width)
        snprintf(buf, n, "%.6g", v);
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
    int dh = sc->braille ? 4 * r.rows : r.rows;
    uint8_t dots[CHART_MAX / 2 * 8];
    memset(dots, 0, sizeof dots);
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++) {
            double v = ser[k].y[i];
            if (!isfinite(v) || (ser[k].dotted && i % 3 != 1))
                continue;
            int row = (int)lround((hi - v) / (hi - lo) * (dh - 1));
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
static void chart_mark(frame *f, frame_rect axis, int i, int n, uint32_t ch, int role)
{
    int c = (int)((double)i / n * axis.cols);
    frame_put(f, axis.x + (c < axis.cols ? c : axis.cols - 1), axis.y, ch, role);
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
    char buf[32];
    snprintf(buf, sizeof buf, "%.2g", sc->w->eta / 100);
    frame_text(p->f, axis.x, axis.y, axis.cols, buf, ROLE_DIM);
    snprintf(buf, sizeof buf, "%.2g", sc->w->eta * 100);
    frame_text(p->f, axis.x + axis.cols - frame_text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
    chart_mark(p->f, axis, n / 2, n, sc->braille ? 0x25B2 : '^', ROLE_WARN);
    analysis_hessian h = analysis_hessian_of(&sc->here);
    if (isfinite(h.eta_bound)) {
        double t = (log10(h.eta_bound / sc->w->eta) + 2) / 4;
        if (t >= 0 && t <= 1)
            chart_mark(p->f, axis, (int)lround(t * (n - 1)), n, '!', ROLE_BAD);
    }
}

/* L against step over the whole walk kept in the trail, sampled evenly across the chart's
 * width, so a plateau and the drop after it both stay in view; log scale when L > 0 spans
 * two decades or more. */
static void chart_loss(panel *p, frame_rect r, bool *log_scale)
{
    const scene *sc = p->sc;
    const walker *ss = sc->w;
    static chart_series s[1];
    int n = chart_samples(sc, r.cols);
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
        s[0].y[i] = *log_scale ? log10(v) : v;
    }
    s[0].role = ROLE_GOOD, s[0].dotted = false, s[0].ascii = '*';
    draw_chart(p->f, sc, r, s, 1, n, false);
    frame_rect axis = {r.x, r.y + r.rows, r.cols, 1};
    char buf[40];
    snprintf(buf, sizeof buf, "step %lu", ss->trail_first_step);
    frame_text(p->f, axis.x, axis.y, axis.cols, buf, ROLE_DIM);
    snprintf(buf, sizeof buf, "%lu", ss->step);
    frame_text(p->f, axis.x + axis.cols - frame_text_width(buf), axis.y, axis.cols, buf, ROLE_DIM);
}

/* A titled chart in the rows left between p->row and p->end, if there are at least 3. */
static void panel_chart(panel *p)
{
    int rows = p->end - p->row - 2; /* title and axis rows */
    if (rows < 1)
        return;
    rows = rows > 10 ? 10 : rows;
    bool u = p->sc->braille;
    frame_rect r = {p->r.x + 1, p->row + 1, p->r.cols - 2, rows};
    const char *title;
    bool log_scale = false;
    if (p->sc->probe) {
        title = u ? "ΔL vs β ⣀actual ⠄1st order" : "dL vs beta *actual .1st";
        chart_probe(p, r);
    } else if (p->sc->show_eta_chart) {
        title = u ? "ΔL vs log η ⣀actual ⠄1st" : "dL vs log eta *actual .1st";
        chart_eta(p, r);
    } else {
        chart_loss(p, r, &log_scale);
        title = log_scale ? "L vs step (log scale)" : "L vs step";
    }
    frame_text(p->f, p->r.x + 1, p->row, p->r.cols - 2, title, ROLE_LABEL);
    p->row += rows + 2;
}

static void panel_probe(panel *p, char *buf, size_t n, int vw)
{
    const scene *sc = p->sc;
    bool u = sc->braille;
    analysis_probe pr = analysis_probe_at(sc->w->surf, &sc->here, sc->w->eta, sc->beta);
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
    const scene *sc = p->sc;
    const walker *ss = sc->w;
    bool u = sc->braille;
    analysis_hessian h = analysis_hessian_of(&sc->here);
    if (h.ok) {
        /* Fixed widths, so a changing number does not shift (and resend) what follows it. */
        snprintf(buf, n, "%-6.3g %-6.3g %s %.3g", h.lambda_min, h.lambda_max, u ? "κ" : "k",
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
    double ang = analysis_angle_to_minimum(ss->surf, &sc->here);
    if (isfinite(ang)) {
        snprintf(buf, n, u ? "%5.1f° from −∇L" : "%5.1f deg from -grad", ang);
        line(p, "to min", "to min", buf, ROLE_TEXT);
    }
}

static void panel_status(panel *p, char *buf, size_t n, int vw)
{
    const scene *sc = p->sc;
    const walker *ss = sc->w;
    bool u = sc->braille;
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
    case WALKER_RUNNING:
        line(p, "status", "status", sc->playing ? "running (playing)" : "running", ROLE_TEXT);
        break;
    case WALKER_CONVERGED:
        snprintf(buf, n, "converged%s%s", here ? ": a " : "",
                 here ? surface_point_kind_name(here->kind) : "");
        line(p, "status", "status", buf, ROLE_GOOD);
        break;
    case WALKER_DIVERGED:
        line(p, "status", "status", "DIVERGED", ROLE_BAD);
        wrapped(p, u ? "η too large: - lowers η, r resets" : "eta too large: - lowers, r resets",
                ROLE_BAD);
        break;
    }
}

void frame_draw_panel(frame *f, const scene *sc, frame_rect r)
{
    static const char *const keys_normal[] = {"space step    a ascend",
                                              "p play        +/- eta x2 /2",
                                              "r reset       n/N surface", "? all keys    q quit"};
    static const char *const keys_probe_utf8[] = {
        "←→ turn 5°  H L turn 45°", "g −∇L  G +∇L  c level curve", "space step along u  t leave"};
    static const char *const keys_probe_ascii[] = {
        "left/right 5 deg  H L 45 deg", "g -grad  G +grad  c level", "space step along u  t leave"};
    const walker *ss = sc->w;
    bool u = sc->braille;
    const char *const *keys = sc->probe ? (u ? keys_probe_utf8 : keys_probe_ascii) : keys_normal;
    int nkeys = sc->probe ? 3 : 4;
    int bottom = r.y + r.rows;
    panel p = {f, sc, r, r.y, bottom - nkeys};
    char buf[128];
    int w = r.cols - 2, vw = w - LABEL_COLS;

    for (int row = r.y; row < bottom; row++)
        frame_put(f, r.x, row, frame_glyph(sc, G_VBAR), ROLE_AXIS);
    for (int k = 0; k < nkeys; k++)
        frame_text(f, r.x + 1, bottom - nkeys + k, w, keys[k], ROLE_KEY);

    line(&p, NULL, NULL, ss->surf->title, ROLE_TITLE);
    if (sc->demo_status[0])
        line(&p, NULL, NULL, sc->demo_status, ROLE_WARN);
    else if (sc->probe)
        line(&p, NULL, NULL, "PROBE: you choose u", ROLE_WARN);
    else {
        snprintf(buf, sizeof buf, "%s  %zu/%zu%s", ss->surf->name, sc->surf_index + 1,
                 sc->surf_count, sc->show_heldout ? "  held-out" : "");
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
    if (sc->probe) {
        panel_probe(&p, buf, sizeof buf, vw);
    } else {
        if (ss->ascend)
            line(&p, NULL, NULL, u ? "ASCEND +∇L (uphill)" : "ASCEND +grad (uphill)", ROLE_WARN);
        else
            line(&p, NULL, NULL, u ? "DESCEND −∇L (downhill)" : "DESCEND -grad (downhill)",
                 ROLE_GOOD);
        panel_status(&p, buf, sizeof buf, vw);
        if (sc->theme != THEME_PROJECTOR) /* fewer lines, larger type from afar */
            panel_curvature(&p, buf, sizeof buf);
        double lx, ly, lc, lr;
        if (scene_landing(sc, &lx, &ly)) {
            view_to_cell(&sc->v, lx, ly, &lc, &lr);
            if (!(lc >= 0 && lr >= 0 && lc < sc->v.cols && lr < sc->v.rows))
                line(&p, NULL, NULL, "next step lands off screen", ROLE_WARN);
        }
    }

    /* The message or prompt takes the two rows above the keys; the chart the rest. */
    bool msg = sc->prompt || sc->message[0];
    int msg_row = p.end - 2;
    if (msg)
        p.end = msg_row;
    if (sc->theme != THEME_PROJECTOR || sc->probe)
        panel_chart(&p);
    if (sc->prompt) {
        snprintf(buf, sizeof buf, "%s = %s_", u ? "η" : "eta", sc->input);
        frame_text(f, r.x + 1, msg_row, w, buf, ROLE_WARN);
        frame_text(f, r.x + 1, msg_row + 1, w, "Enter sets, Esc cancels", ROLE_DIM);
    } else if (sc->message[0]) {
        frame_text_wrapped(f, r.x + 1, msg_row, w, 2, sc->message, ROLE_WARN);
    }
}
