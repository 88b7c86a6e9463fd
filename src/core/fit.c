// SPDX-License-Identifier: MIT
/* Layer: core. Two-parameter models on data as surfaces (see fit.h). */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "fit_summary.h"
#include "steepest/derive.h"
#include "steepest/fit.h"
#include "steepest/parse.h"
#include "steepest/stationary.h"

/* ---- one row ------------------------------------------------------------------------------ */

enum { WANT_F = 1, WANT_G = 2, WANT_H = 4 };

typedef struct {
    double f, gw, gb, hww, hwb, hbb;
} sums;

/* σ(z) and σ(-z) from e = exp(-|z|), neither by subtraction: 1 - σ(z) for z >> 0 keeps only
 * the digits σ's rounding left, up to all of them (σ(40) rounds to 1). */
static inline void sigmoid_pair(double z, double e, double *s, double *sbar)
{
    if (z >= 0) {
        *s = 1 / (1 + e);
        *sbar = e / (1 + e);
    } else {
        *s = e / (1 + e);
        *sbar = 1 / (1 + e);
    }
}

/* Adds row (x, y)'s share of L, ∇L, ∇²L. Per row, L is a function of z = w x + b alone, so
 * ∂L/∂w = L'(z) x, ∂L/∂b = L'(z), and ∇²L = L''(z) [x², x; x, 1]. The products keep the
 * order the hand-written kernels used ((dz x) and (dzz x) x), so their numbers carry over. */
static inline void add_row(fit_model m, fit_loss l, double x, double y, double w, double b,
                           int want, sums *acc)
{
    double z = w * x + b, fi = 0, dz = 0, dzz = 0;
    if (m == FIT_LINEAR) {
        double r = z - y;
        fi = 0.5 * r * r;
        dz = r;
        dzz = 1;
    } else {
        double e = exp(-fabs(z)), s = 0, sb = 0;
        if (want != WANT_F || l != FIT_XENT)
            sigmoid_pair(z, e, &s, &sb);
        if (l == FIT_XENT) {
            /* log(1 + e^z) = max(z, 0) + log1p(e^-|z|): no overflow, no lost digits. */
            fi = (z > 0 ? z : 0) + log1p(e) - y * z;
            dz = s - y;
            dzz = s * sb;
        } else {
            double r = s - y, ds = s * sb; /* dσ/dz = σ(z) σ(-z) */
            fi = 0.5 * r * r;
            dz = r * ds;
            dzz = ds * ds + r * ds * (sb - s); /* d²(½r²)/dz², 1 - 2σ = σ(-z) - σ(z) */
        }
    }
    acc->f += fi;
    if (want & WANT_G) {
        acc->gw += dz * x;
        acc->gb += dz;
    }
    if (want & WANT_H) {
        acc->hww += dzz * x * x;
        acc->hwb += dzz * x;
        acc->hbb += dzz;
    }
}

/* Rows rows[0..n) in order, or 0..n-1 when rows is NULL: one loop for both, so a minibatch of
 * every row is the full kernel to the bit. */
static void sum_rows(const fit_data *d, const size_t *rows, size_t n, double w, double b, int want,
                     sums *acc)
{
    memset(acc, 0, sizeof *acc);
    for (size_t k = 0; k < n; k++) {
        size_t i = rows ? rows[k] : k;
        add_row(d->model, d->loss, d->x[i], d->y[i], w, b, want, acc);
    }
}

/* The factor from the sum of ½r² (or of the xent terms) over `used` rows to L. */
double fit_loss_scale(const fit_data *d, size_t used)
{
    switch (d->loss) {
    case FIT_MSE:
        return 2.0 / (double)used;
    case FIT_HALF_SSE: {
        size_t all = d->of_n ? d->of_n : d->n;
        return used == all ? 1.0 : (double)all / (double)used;
    }
    default:
        return 1.0 / (double)used;
    }
}

static void write_out(const sums *a, double k, double *f, double g[2], double h[3])
{
    if (f)
        *f = k * a->f;
    if (g) {
        g[0] = k * a->gw;
        g[1] = k * a->gb;
    }
    if (h) {
        h[0] = k * a->hww;
        h[1] = k * a->hwb;
        h[2] = k * a->hbb;
    }
}

/* ---- the kernel --------------------------------------------------------------------------- */

void fit_eval(const void *params, double w, double b, double *f, double g[2], double h[3])
{
    const fit_data *d = params;
    if (f && !g && !h && d->summary) {
        double bound;
        *f = fit_loss_scale(d, d->n) * fit_summary_sum(d, d->summary, w, b, &bound);
        return;
    }
    int want = (f ? WANT_F : 0) | (g ? WANT_G : 0) | (h ? WANT_H : 0);
    sums a;
    sum_rows(d, NULL, d->n, w, b, want ? want : WANT_F, &a);
    write_out(&a, fit_loss_scale(d, d->n), f, g, h);
}

const fit_data *fit_data_of(const surface *s)
{
    return s && s->eval == fit_eval ? s->params : NULL;
}

bool fit_eval_rows(const surface *s, const size_t *rows, size_t n, double w, double b, double *f,
                   double g[2], double h[3])
{
    const fit_data *d = fit_data_of(s);
    if (!d || n == 0 || !rows)
        return false;
    for (size_t k = 0; k < n; k++)
        if (rows[k] >= d->n)
            return false;
    int want = (f ? WANT_F : 0) | (g ? WANT_G : 0) | (h ? WANT_H : 0);
    sums a;
    sum_rows(d, rows, n, w, b, want ? want : WANT_F, &a);
    write_out(&a, fit_loss_scale(d, n), f, g, h);
    return true;
}

fit_data *fit_data_rows(const surface *s, const size_t *rows, size_t n)
{
    const fit_data *base = fit_data_of(s);
    if (!base || n == 0 || !rows || n > SIZE_MAX / (2 * sizeof(double)) - sizeof(fit_data))
        return NULL;
    for (size_t k = 0; k < n; k++)
        if (rows[k] >= base->n)
            return NULL;
    fit_data *d = malloc(sizeof *d + 2 * n * sizeof(double));
    if (!d)
        return NULL;
    double *x = (double *)(d + 1), *y = x + n;
    for (size_t k = 0; k < n; k++) {
        x[k] = base->x[rows[k]];
        y[k] = base->y[rows[k]];
    }
    *d = (fit_data){base->model, base->loss, n, x, y, NULL, NULL, base->n};
    if (n > FIT_EXACT_MAX) /* without a summary every value sums the rows: slower, still right */
        d->summary = d->model == FIT_LINEAR ? fit_summary_linear(d) : fit_summary_sigmoid(d);
    return d;
}

void fit_data_free(fit_data *d)
{
    if (d)
        fit_summary_free((fit_summary *)d->summary);
    free(d);
}

double fit_value_bound(const surface *s, double w, double b)
{
    const fit_data *d = fit_data_of(s);
    if (!d || !d->summary)
        return 0;
    double bound;
    (void)fit_summary_sum(d, d->summary, w, b, &bound);
    return fit_loss_scale(d, d->n) * bound;
}

/* ---- names -------------------------------------------------------------------------------- */

static const char *const model_names[] = {"linear", "neuron", "logistic"};
static const char *const loss_names[] = {"default", "mse", "half-sse", "xent"};

const char *fit_model_name(fit_model m)
{
    return (unsigned)m < 3 ? model_names[m] : "?";
}

const char *fit_loss_name(fit_loss l)
{
    return (unsigned)l < 4 ? loss_names[l] : "?";
}

bool fit_model_parse(const char *s, fit_model *m)
{
    for (int k = 0; s && k < 3; k++)
        if (strcmp(s, model_names[k]) == 0) {
            *m = (fit_model)k;
            return true;
        }
    return false;
}

bool fit_loss_parse(const char *s, fit_loss *l)
{
    for (int k = 1; s && k < 4; k++)
        if (strcmp(s, loss_names[k]) == 0) {
            *l = (fit_loss)k;
            return true;
        }
    return false;
}

fit_loss fit_default_loss(fit_model m)
{
    return m == FIT_LINEAR ? FIT_MSE : m == FIT_NEURON ? FIT_HALF_SSE : FIT_XENT;
}

/* ---- building a surface ------------------------------------------------------------------- */

typedef struct {
    fit_data data; /* first: s->params points at the whole */
    double *x, *y;
    fit_summary *summary;
    char name[64], title[160], formula[160], lesson[400], info[640];
} owner;

static void owner_release(surface *s)
{
    owner *o = (owner *)s->params;
    surface_destroy((surface *)s->heldout);
    if (o) {
        free(o->x);
        free(o->y);
        fit_summary_free(o->summary);
        free(o);
    }
}

/* No stationary point in the box, but derive_defaults must not go looking (on 10⁵ rows a
 * search would take minutes): a non-NULL empty table. */
static const surface_point no_points[1];

static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* The eigenvalues of the symmetric [h0 h1; h1 h2], smaller first. */
static void eig2(const double h[3], double lam[2])
{
    double mean = 0.5 * (h[0] + h[2]), r = hypot(0.5 * (h[0] - h[2]), h[1]);
    lam[0] = mean - r;
    lam[1] = mean + r;
    /* The smaller from the determinant, which does not cancel. */
    if (lam[1] > 0)
        lam[0] = (h[0] * h[2] - h[1] * h[1]) / lam[1];
}

/* Newton's method with a backtracking line search (a gradient step where ∇²L is not positive
 * definite), on the exact kernel. True with the minimum when it converges to a point where
 * ∇²L is positive definite; false when the walk runs off (separable data: the loss keeps
 * falling towards infinity) or stalls. */
static bool newton_min(const fit_data *d, double *pw, double *pb, double *pf)
{
    double w = *pw, b = *pb, f, g[2], h[3];
    fit_eval(d, w, b, &f, g, h);
    double g0 = fmax(hypot(g[0], g[1]), DBL_MIN);
    for (int it = 0; it < 200; it++) {
        double lam[2], dw, db;
        eig2(h, lam);
        if (lam[0] > 1e-12 * lam[1] && lam[1] > 0) {
            double det = h[0] * h[2] - h[1] * h[1];
            dw = -(h[2] * g[0] - h[1] * g[1]) / det;
            db = -(h[0] * g[1] - h[1] * g[0]) / det;
        } else {
            double k = lam[1] > 0 ? 1 / lam[1] : 1;
            dw = -k * g[0];
            db = -k * g[1];
        }
        /* -slope is twice the Newton decrement, what a full step could still gain: below
         * rounding of L, stop; small, the quadratic model is exact enough to take the whole
         * step without testing it (a line search there only sees rounding noise). */
        double slope = g[0] * dw + g[1] * db, t = 1, nf = f, ng[2], nh[3];
        if (!(slope < 0) || -slope <= 1e-30 * (fabs(f) + DBL_MIN))
            break;
        bool newton = lam[0] > 1e-12 * lam[1] && lam[1] > 0;
        int tries = 0;
        for (; tries < 60; tries++, t *= 0.5) {
            fit_eval(d, w + t * dw, b + t * db, &nf, ng, nh);
            if (isfinite(nf) &&
                (nf <= f + 1e-4 * t * slope || (newton && t == 1 && -slope <= 1e-8 * fabs(f))))
                break;
        }
        if (tries == 60)
            break;
        w += t * dw;
        b += t * db;
        double step = hypot(t * dw, t * db);
        f = nf;
        memcpy(g, ng, sizeof ng);
        memcpy(h, nh, sizeof nh);
        if (!isfinite(w) || !isfinite(b) || fabs(w) > 1e12 || fabs(b) > 1e12)
            return false;
        if (step <= 1e-15 * (1 + hypot(w, b)) || hypot(g[0], g[1]) <= 1e-14 * g0)
            break;
    }
    double lam[2];
    eig2(h, lam);
    if (!(hypot(g[0], g[1]) <= 1e-7 * g0) || !(lam[0] > 1e-9 * lam[1]) || !(lam[1] > 0))
        return false;
    *pw = w;
    *pb = b;
    *pf = f;
    return true;
}

/* 0/1 labels that a threshold on x splits (ties included): then L keeps falling as |w| grows
 * and there is no finite minimum, though Newton's method would wander far before saying so.
 * With overlapping classes (or any label strictly between 0 and 1) a minimum exists. */
static bool separable(const fit_data *d)
{
    double max0 = -INFINITY, min0 = INFINITY, max1 = -INFINITY, min1 = INFINITY;
    for (size_t i = 0; i < d->n; i++) {
        if (d->y[i] == 0) {
            max0 = fmax(max0, d->x[i]);
            min0 = fmin(min0, d->x[i]);
        } else if (d->y[i] == 1) {
            max1 = fmax(max1, d->x[i]);
            min1 = fmin(min1, d->x[i]);
        } else {
            return false;
        }
    }
    return !(max0 > min1 && max1 > min0);
}

/* The least 1, 2 or 5 times a power of ten >= v / 10: a tick step for a span v. */
static double nice_step(double v)
{
    double mag = pow(10, floor(log10(v / 10))), m = v / 10 / mag;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * mag;
}

/* The box: the bounding box of the start, the minimum and the ellipse where the quadratic
 * model at the minimum rises by L(start) - L* (so the walk's whole way fits), padded by a
 * tenth and rounded out to tick steps. Without a minimum the ellipse is the one at the start
 * with Δ = L(start); without curvature, a box from the scale of x. */
static void choose_box(surface *s, const fit_data *d, bool have_min, double mw, double mb,
                       double mf, double xbar, double sd)
{
    double cw = have_min ? mw : s->start_x, cb = have_min ? mb : s->start_y, f0, h[3];
    fit_eval(d, s->start_x, s->start_y, &f0, NULL, h);
    if (have_min)
        fit_eval(d, mw, mb, NULL, NULL, h);
    double delta = have_min ? f0 - mf : f0;
    delta = fmax(delta, 1e-3 * (fabs(f0) + fabs(mf)) + DBL_MIN);
    double det = h[0] * h[2] - h[1] * h[1], hw, hb;
    if (det > 0 && h[0] > 0 && isfinite(det)) {
        hw = sqrt(2 * delta * h[2] / det);
        hb = sqrt(2 * delta * h[0] / det);
    } else {
        hw = 3 / sd;
        hb = 3 * (1 + fabs(xbar) / sd);
    }
    if (!(hw > 0) || !isfinite(hw))
        hw = 1;
    if (!(hb > 0) || !isfinite(hb))
        hb = 1;
    double x0 = fmin(cw - hw, s->start_x), x1 = fmax(cw + hw, s->start_x);
    double y0 = fmin(cb - hb, s->start_y), y1 = fmax(cb + hb, s->start_y);
    double px = 0.1 * (x1 - x0), py = 0.1 * (y1 - y0);
    double sx = nice_step(x1 - x0 + 2 * px), sy = nice_step(y1 - y0 + 2 * py);
    s->xmin = floor((x0 - px) / sx) * sx;
    s->xmax = ceil((x1 + px) / sx) * sx;
    s->ymin = floor((y0 - py) / sy) * sy;
    s->ymax = ceil((y1 + py) / sy) * sy;
}

/* Contour levels for the walk from the start to the minimum: on a log scale above L* (as for
 * rosenbrock), from 10⁻³ to 3 times L(start) - L*, so lines close around the minimum and the
 * start sits inside the picture's range. derive_levels, which spreads lines over the 90th
 * percentile of the whole box, would put them all far above both on a stretched bowl: on raw
 * Anscombe data the first line would be at L = 113 with the start at 60 and L* = 1.25. Without a
 * minimum, derive_levels' levels stay. */
static void anchor_levels(surface *s, const fit_data *d, bool have_min, double mf)
{
    double f0, g[2];
    fit_eval(d, s->start_x, s->start_y, &f0, g, NULL);
    double delta = f0 - mf;
    if (!have_min || !(delta > 1e-9 * (fabs(mf) + fabs(f0))) || !isfinite(delta))
        return;
    s->level_scale = LEVELS_LOG;
    s->level_base = mf - 1e-6 * delta;
    s->level_lo = 1e-3 * delta;
    s->level_hi = 3 * delta;
}

/* Moves the held-out rows (Knuth's selection sampling: each row in turn with chance
 * needed/left, so exactly n_hold, in file order) into their own arrays, and the rest to the
 * front of d's. */
static bool split_rows(dataset *d, size_t n_hold, unsigned long seed, double **hx, double **hy)
{
    *hx = malloc(n_hold * sizeof **hx);
    *hy = malloc(n_hold * sizeof **hy);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!*hx || !*hy || !r) {
        gsl_rng_free(r);
        return false;
    }
    gsl_rng_set(r, seed);
    size_t need = n_hold, kept = 0, held = 0;
    for (size_t i = 0; i < d->n; i++) {
        if ((double)(d->n - i) * gsl_rng_uniform(r) < (double)need) {
            (*hx)[held] = d->x[i];
            (*hy)[held++] = d->y[i];
            need--;
        } else {
            d->x[kept] = d->x[i];
            d->y[kept++] = d->y[i];
        }
    }
    gsl_rng_free(r);
    d->n = kept;
    /* Give back the held-out rows' old places. */
    double *x = realloc(d->x, kept * sizeof *x);
    if (x)
        d->x = x;
    double *y = realloc(d->y, kept * sizeof *y);
    if (y)
        d->y = y;
    return true;
}

static void fill_strings(owner *o, const fit_options *opt, const dataset *d, bool heldout)
{
    const char *model = fit_model_name(o->data.model);
    const char *cols = d->x_name[0] ? d->x_name : "x";
    const char *ycol = d->y_name[0] ? d->y_name : "y";
    snprintf(o->name, sizeof o->name, "%s%s", opt->name ? opt->name : "data",
             heldout ? "-heldout" : "");
    if (opt->title && !heldout)
        snprintf(o->title, sizeof o->title, "%s", opt->title);
    else
        snprintf(o->title, sizeof o->title, "%s%s %s on %s -> %s (w,b)", heldout ? "held-out " : "",
                 model, fit_loss_name(o->data.loss), cols, ycol);
    const char *pred = o->data.model == FIT_LINEAR ? "w x + b" : "sigmoid(w x + b)";
    switch (o->data.loss) {
    case FIT_MSE:
        snprintf(o->formula, sizeof o->formula, "mean over %zu rows of (%s - y)^2", o->data.n,
                 pred);
        break;
    case FIT_HALF_SSE:
        snprintf(o->formula, sizeof o->formula, "sum over %zu rows of (%s - y)^2 / 2", o->data.n,
                 pred);
        break;
    default:
        snprintf(o->formula, sizeof o->formula,
                 "mean over %zu rows of log(1 + e^z) - y z,  z = w x + b", o->data.n);
    }
    if (o->data.model == FIT_LINEAR)
        snprintf(o->lesson, sizeof o->lesson,
                 "A straight line fit to your data: each point (w, b) of the picture is one "
                 "line, and its height is how badly that line fits. The loss is a quadratic "
                 "bowl, so its one minimum is the least-squares line. Raw x far from 0 makes "
                 "the bowl a narrow valley; --standardize makes it round.");
    else
        snprintf(o->lesson, sizeof o->lesson,
                 "A sigmoid fit to your data: each point (w, b) is one S-shaped curve, and its "
                 "height is how badly it fits. Where the curve is flat over every x the loss "
                 "is flat too, and steps are short. Raw x far from 0 stretches the surface "
                 "into a narrow valley; --standardize rounds it.");
}

static owner *new_owner(const fit_data *proto, double *x, double *y, size_t n)
{
    owner *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->data = *proto;
    o->data.n = n;
    o->x = x;
    o->y = y;
    o->data.x = x;
    o->data.y = y;
    if (n > FIT_EXACT_MAX) {
        bool linear_closed = o->data.model == FIT_LINEAR;
        o->summary = linear_closed ? fit_summary_linear(&o->data) : fit_summary_sigmoid(&o->data);
        if (!o->summary) {
            free(o);
            return NULL;
        }
        o->data.summary = o->summary;
    }
    o->data.info = o->info;
    return o;
}

/* Stationary points: every one in the box for small data, else the minimum found. */
static bool set_points(surface *s, const fit_data *d, bool have_min, double mw, double mb,
                       double mf, bool convex)
{
    if (d->n <= FIT_EXACT_MAX && !convex) {
        surface_point *pts = NULL;
        int n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, NULL, &pts);
        if (n > 0) {
            s->points = pts;
            s->n_points = (size_t)n;
            s->owns_points = true;
            return true;
        }
    }
    if (have_min && mw >= s->xmin && mw <= s->xmax && mb >= s->ymin && mb <= s->ymax) {
        surface_point *p = malloc(sizeof *p);
        if (!p)
            return false;
        p->x = mw;
        p->y = mb;
        p->value = mf;
        p->kind = POINT_MINIMUM;
        p->degenerate = false;
        s->points = p;
        s->n_points = 1;
        s->owns_points = true;
        return true;
    }
    s->points = no_points;
    s->n_points = 0;
    return true;
}

static surface *build(owner *o, const fit_options *opt, const dataset *d, bool heldout)
{
    surface *s = surface_create();
    if (!s)
        return NULL;
    fill_strings(o, opt, d, heldout);
    s->name = o->name;
    s->title = o->title;
    s->formula = o->formula;
    s->lesson = o->lesson;
    s->axis_x = "w";
    s->axis_y = "b";
    s->eval = fit_eval;
    s->params = o;
    s->release = owner_release;
    return s;
}

static void describe(surface *s, owner *o, const dataset *d, const fit_options *opt, double xbar,
                     double sd, bool have_min, double mw, double mb, double mf, size_t n_held)
{
    char part[5][160];
    snprintf(part[0], sizeof part[0], "%s, %s on %zu rows", fit_model_name(o->data.model),
             fit_loss_name(o->data.loss), o->data.n);
    if (n_held)
        snprintf(part[0] + strlen(part[0]), sizeof part[0] - strlen(part[0]),
                 " (+%zu held out, seed %lu)", n_held, opt->seed);
    if (opt->standardize)
        snprintf(part[1], sizeof part[1], "x = (%s - %.4g)/%.4g", d->x_name, xbar, sd);
    else
        snprintf(part[1], sizeof part[1], "x = %s", d->x_name);
    if (have_min) {
        double h[3], lam[2];
        fit_eval(&o->data, mw, mb, NULL, NULL, h);
        eig2(h, lam);
        snprintf(part[2], sizeof part[2], "min L %.5g at (%.4g, %.4g), kappa %.2g", mf, mw, mb,
                 lam[1] / lam[0]);
    } else {
        snprintf(part[2], sizeof part[2], "no finite minimum (L falls towards infinity)");
    }
    double h[3], lam[2];
    fit_eval(&o->data, s->start_x, s->start_y, NULL, NULL, h);
    eig2(h, lam);
    snprintf(part[3], sizeof part[3], "eta %g < 2/lmax %.3g at start (%g, %g)", s->eta,
             lam[1] > 0 ? 2 / lam[1] : INFINITY, s->start_x, s->start_y);
    bool closed = o->summary && fit_summary_is_linear(o->summary);
    const char *how = !o->summary ? "exact"
                      : closed    ? "exact (closed form)"
                                  : "from a tree of row summaries";
    bool lg = s->level_scale == LEVELS_LOG;
    snprintf(part[4], sizeof part[4], "contours at L = %.3g..%.3g (%s), %s",
             lg ? s->level_base + s->level_lo : s->level_lo,
             lg ? s->level_base + s->level_hi : s->level_hi, lg ? "log" : "linear", how);
    if (o->summary && !closed)
        snprintf(part[4] + strlen(part[4]), sizeof part[4] - strlen(part[4]), " (error <= %g)",
                 fit_summary_tolerance(o->summary) * fit_loss_scale(&o->data, o->data.n));
    snprintf(o->info, sizeof o->info,
             "%.80s; y = %.40s; %.80s; %.80s; box w [%g, %g] b [%g, %g]; %.80s; %.120s", part[0],
             d->y_name, part[1], part[2], s->xmin, s->xmax, s->ymin, s->ymax, part[3], part[4]);
}

surface *fit_create(dataset *d, const fit_options *opt, char *err, size_t errlen)
{
    surface *s = NULL, *t = NULL;
    owner *o = NULL, *ho = NULL;
    double *hx = NULL, *hy = NULL;
    size_t n_hold = 0;
    if (err && errlen)
        err[0] = '\0';
    if (!opt || (unsigned)opt->model > FIT_LOGISTIC || (unsigned)opt->loss > FIT_XENT) {
        set_error(err, errlen, "no model given");
        goto fail;
    }
    fit_loss loss = opt->loss == FIT_LOSS_DEFAULT ? fit_default_loss(opt->model) : opt->loss;
    if (!d || d->n < 2 || d->n >= UINT32_MAX) {
        set_error(err, errlen, "a fit needs at least 2 rows (and fewer than 2^32)");
        goto fail;
    }
    if (loss == FIT_XENT && opt->model == FIT_LINEAR) {
        set_error(err, errlen,
                  "xent is the loss of a probability: use it with neuron or "
                  "logistic, not linear");
        goto fail;
    }
    for (size_t i = 0; i < d->n; i++) {
        bool label = d->y[i] == 0 || d->y[i] == 1, unit = d->y[i] >= 0 && d->y[i] <= 1;
        if ((opt->model != FIT_LOGISTIC || label) && (loss != FIT_XENT || unit) &&
            (opt->model != FIT_NEURON || unit))
            continue; /* a good row: no number formatted for a message */
        char y[32];
        parse_shortest(y, sizeof y, d->y[i]);
        if (opt->model == FIT_LOGISTIC && d->y[i] != 0 && d->y[i] != 1) {
            set_error(err, errlen,
                      "row %zu: label %s is not 0 or 1 (logistic regression "
                      "models the chance of a 1)",
                      i + 1, y);
            goto fail;
        }
        if (loss == FIT_XENT && !(d->y[i] >= 0 && d->y[i] <= 1)) {
            set_error(err, errlen, "row %zu: y = %s; xent needs targets in [0, 1]", i + 1, y);
            goto fail;
        }
        if (opt->model == FIT_NEURON && !(d->y[i] >= 0 && d->y[i] <= 1)) {
            set_error(err, errlen, "row %zu: y = %s; %s", i + 1, y, DATASET_UNIT_Y_WHY);
            goto fail;
        }
    }
    if (!(opt->holdout >= 0 && opt->holdout < 1)) {
        set_error(err, errlen, "the held-out fraction must be in [0, 1)");
        goto fail;
    }
    if (opt->holdout > 0) {
        n_hold = (size_t)llround(opt->holdout * (double)d->n);
        if (n_hold < 2 || d->n - n_hold < 2) {
            set_error(err, errlen,
                      "holding out %g of %zu rows leaves fewer than 2 rows on one "
                      "side",
                      opt->holdout, d->n);
            goto fail;
        }
        if (!split_rows(d, n_hold, opt->seed, &hx, &hy)) {
            set_error(err, errlen, "out of memory");
            goto fail;
        }
    }
    /* Mean and sd of the training x (population sd), for --standardize and the box. */
    double xbar = 0, sd = 0;
    for (size_t i = 0; i < d->n; i++)
        xbar += d->x[i];
    xbar /= (double)d->n;
    for (size_t i = 0; i < d->n; i++)
        sd += (d->x[i] - xbar) * (d->x[i] - xbar);
    sd = sqrt(sd / (double)d->n);
    if (!(sd > 0)) {
        set_error(err, errlen, "every training row has the same x: w and b cannot be fit apart");
        goto fail;
    }
    if (opt->standardize) {
        for (size_t i = 0; i < d->n; i++)
            d->x[i] = (d->x[i] - xbar) / sd;
        for (size_t i = 0; i < n_hold; i++)
            hx[i] = (hx[i] - xbar) / sd;
    }
    fit_data proto = {opt->model, loss, 0, NULL, NULL, NULL, NULL, 0};
    o = new_owner(&proto, d->x, d->y, d->n);
    if (!o) {
        set_error(err, errlen, "out of memory");
        goto fail;
    }
    d->x = d->y = NULL; /* the owner has them now */
    if (n_hold) {
        ho = new_owner(&proto, hx, hy, n_hold);
        if (!ho) {
            set_error(err, errlen, "out of memory");
            goto fail;
        }
        hx = hy = NULL;
    }
    s = build(o, opt, d, false);
    if (!s) {
        set_error(err, errlen, "out of memory");
        goto fail;
    }
    o = NULL; /* s owns it */
    const fit_data *fd = s->params;

    /* Minimum: closed form for a line, Newton from the start otherwise. */
    double mw = 0, mb = 0, mf = 0;
    bool have_min;
    if (opt->model == FIT_LINEAR) {
        double sx = 0, sy = 0, n = (double)fd->n, sxx = 0, sxy = 0;
        for (size_t i = 0; i < fd->n; i++) {
            sx += fd->x[i];
            sy += fd->y[i];
        }
        for (size_t i = 0; i < fd->n; i++) {
            sxx += (fd->x[i] - sx / n) * (fd->x[i] - sx / n);
            sxy += (fd->x[i] - sx / n) * (fd->y[i] - sy / n);
        }
        mw = sxy / sxx;
        mb = sy / n - mw * sx / n;
        fit_eval(fd, mw, mb, &mf, (double[2]){0, 0}, NULL);
        have_min = isfinite(mf);
    } else {
        have_min = !separable(fd) && newton_min(fd, &mw, &mb, &mf);
    }
    s->start_x = 0;
    s->start_y = 0;
    double bx = opt->standardize ? 0 : xbar, bsd = opt->standardize ? 1 : sd;
    choose_box(s, fd, have_min, mw, mb, mf, bx, bsd);
    bool convex = opt->model == FIT_LINEAR || loss == FIT_XENT;
    if (!set_points(s, fd, have_min, mw, mb, mf, convex) || !derive_levels(s)) {
        set_error(err, errlen, "out of memory or no finite loss in the box");
        goto fail;
    }
    anchor_levels(s, fd, have_min, mf);
    s->eta = derive_eta(s);
    if (n_hold) {
        t = build(ho, opt, d, true);
        if (!t) {
            set_error(err, errlen, "out of memory");
            goto fail;
        }
        ho = NULL;
        const fit_data *hd = t->params;
        t->xmin = s->xmin;
        t->xmax = s->xmax;
        t->ymin = s->ymin;
        t->ymax = s->ymax;
        t->start_x = s->start_x;
        t->start_y = s->start_y;
        t->eta = s->eta;
        t->level_scale = s->level_scale;
        t->level_lo = s->level_lo;
        t->level_hi = s->level_hi;
        t->level_base = s->level_base;
        double tw = 0, tb = 0, tf = 0;
        bool tmin;
        if (opt->model == FIT_LINEAR) {
            tw = mw;
            tb = mb;
            tmin = newton_min(hd, &tw, &tb, &tf);
        } else {
            tw = have_min ? mw : 0;
            tb = have_min ? mb : 0;
            tmin = !separable(hd) && newton_min(hd, &tw, &tb, &tf);
        }
        if (!set_points(t, hd, tmin, tw, tb, tf, convex)) {
            set_error(err, errlen, "out of memory");
            goto fail;
        }
        owner *to = (owner *)t->params;
        snprintf(to->info, sizeof to->info,
                 "held-out twin: the same model scored on %zu rows the walk never sees", n_hold);
        s->heldout = t;
        t = NULL;
    }
    describe(s, (owner *)s->params, d, opt, xbar, sd, have_min, mw, mb, mf, n_hold);
    dataset_free(d);
    return s;
fail:
    if (o) {
        fit_summary_free(o->summary);
        free(o->x);
        free(o->y);
        free(o);
    }
    if (ho) {
        fit_summary_free(ho->summary);
        free(ho->x);
        free(ho->y);
        free(ho);
    }
    surface_destroy(t);
    surface_destroy(s);
    free(hx);
    free(hy);
    if (d)
        dataset_free(d);
    return NULL;
}

const char *fit_describe(const surface *s)
{
    const fit_data *d = fit_data_of(s);
    return d ? d->info : NULL;
}
