// SPDX-License-Identifier: MIT
/* Models on data: the model layer's derivatives against GSL's numerical ones, the built-in
 * neuron and logistic surfaces as its instances to the bit, minibatches, the value-only
 * summary against the exact sum, every shipped data set against its published summaries and
 * its CSV file, and every way a CSV file can be wrong, with its exact message. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include "harness.h"
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "steepest/dataset.h"
#include "steepest/derive.h"
#include "steepest/fit.h"
#include "steepest/surface.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

extern const surface surface_logistic_heldout;

/* ---- helpers ------------------------------------------------------------------------------ */

/* n random rows for a model: x ~ N(0.3, 1.5²); y normal (linear), uniform in [0, 1] (neuron),
 * 0/1 with chance σ(1.2 x - 0.4) (logistic). */
static void random_rows(fit_model m, size_t n, unsigned long seed, dataset *d)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    memset(d, 0, sizeof *d);
    d->x = malloc(n * sizeof *d->x);
    d->y = malloc(n * sizeof *d->y);
    ck_assert(d->x && d->y);
    d->n = n;
    for (size_t i = 0; i < n; i++) {
        double x = 0.3 + gsl_ran_gaussian(r, 1.5);
        d->x[i] = x;
        if (m == FIT_LINEAR)
            d->y[i] = 2 - 0.7 * x + gsl_ran_gaussian(r, 0.5);
        else if (m == FIT_NEURON)
            d->y[i] = gsl_rng_uniform(r);
        else
            d->y[i] = gsl_rng_uniform(r) < 1 / (1 + exp(-(1.2 * x - 0.4)));
    }
    snprintf(d->x_name, sizeof d->x_name, "x");
    snprintf(d->y_name, sizeof d->y_name, "y");
    gsl_rng_free(r);
}

static surface *make_fit(fit_model m, fit_loss l, dataset *d, bool standardize)
{
    fit_options o = {m, l, standardize, 0, 0, "t", NULL};
    char err[256];
    surface *s = fit_create(d, &o, err, sizeof err);
    ck_assert_msg(s != NULL, "fit_create: %s", err);
    return s;
}

static surface *fit_arrays(fit_model m, fit_loss l, const double *x, const double *y, size_t n)
{
    dataset d = {0};
    d.x = malloc(n * sizeof *d.x);
    d.y = malloc(n * sizeof *d.y);
    memcpy(d.x, x, n * sizeof *x);
    memcpy(d.y, y, n * sizeof *y);
    d.n = n;
    return make_fit(m, l, &d, false);
}

/* The valid model × loss pairs: xent only with a sigmoid. */
static const struct {
    fit_model m;
    fit_loss l;
} combos[] = {
    {FIT_LINEAR, FIT_MSE},        {FIT_LINEAR, FIT_HALF_SSE}, {FIT_NEURON, FIT_MSE},
    {FIT_NEURON, FIT_HALF_SSE},   {FIT_NEURON, FIT_XENT},     {FIT_LOGISTIC, FIT_MSE},
    {FIT_LOGISTIC, FIT_HALF_SSE}, {FIT_LOGISTIC, FIT_XENT},
};
#define N_COMBOS ((int)(sizeof combos / sizeof combos[0]))

typedef struct {
    const surface *s;
    double w, b;
    int axis, component; /* component -1: L; 0/1: that gradient component */
} slice;

static double slice_eval(double t, void *p)
{
    const slice *sl = p;
    double w = sl->axis == 0 ? t : sl->w, b = sl->axis == 1 ? t : sl->b, f, g[2];
    surface_eval(sl->s, w, b, &f, g, NULL);
    return sl->component < 0 ? f : g[sl->component];
}

static double numeric(const surface *s, double w, double b, int axis, int component)
{
    slice sl = {s, w, b, axis, component};
    gsl_function fn = {slice_eval, &sl};
    double result, abserr;
    gsl_deriv_central(&fn, axis == 0 ? w : b, 1e-4, &result, &abserr);
    return result;
}

/* ---- derivatives -------------------------------------------------------------------------- */

START_TEST(test_derivatives_match_gsl)
{
    fit_model m = combos[_i].m;
    fit_loss l = combos[_i].l;
    dataset d;
    random_rows(m, 37, 100 + (unsigned long)_i, &d);
    surface *s = make_fit(m, l, &d, false);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7 + (unsigned long)_i);
    for (int k = 0; k < 64; k++) {
        double w = -3 + 6 * gsl_rng_uniform(r), b = -3 + 6 * gsl_rng_uniform(r), f, g[2], h[3];
        surface_eval(s, w, b, &f, g, h);
        double scale_g = fmax(1e-3, hypot(g[0], g[1]));
        double scale_h = fmax(1e-3, fmax(fabs(h[0]), fmax(fabs(h[1]), fabs(h[2]))));
        for (int a = 0; a < 2; a++)
            ck_assert_msg(fabs(g[a] - numeric(s, w, b, a, -1)) <= 1e-6 * scale_g,
                          "%s/%s g[%d] at (%g, %g): %.12g vs %.12g", fit_model_name(m),
                          fit_loss_name(l), a, w, b, g[a], numeric(s, w, b, a, -1));
        double num[4] = {numeric(s, w, b, 0, 0), numeric(s, w, b, 1, 1), numeric(s, w, b, 1, 0),
                         numeric(s, w, b, 0, 1)};
        double ana[4] = {h[0], h[2], h[1], h[1]};
        for (int a = 0; a < 4; a++)
            ck_assert_msg(fabs(ana[a] - num[a]) <= 1e-6 * scale_h,
                          "%s/%s h%d at (%g, %g): %.12g vs %.12g", fit_model_name(m),
                          fit_loss_name(l), a, w, b, ana[a], num[a]);
    }
    gsl_rng_free(r);
    surface_destroy(s);
}
END_TEST

/* The losses are exactly what fit.h says, row by row, in long double. */
START_TEST(test_loss_definitions)
{
    static const double x[] = {-1.5, 0.2, 2.0, 3.1}, y[] = {0, 1, 1, 0};
    double w = 0.8, b = -0.3;
    long double mse = 0, half = 0, xent = 0, lin = 0;
    for (int i = 0; i < 4; i++) {
        long double z = (long double)w * x[i] + b, s = 1 / (1 + expl(-z));
        mse += (s - y[i]) * (s - y[i]) / 4;
        half += 0.5L * (s - y[i]) * (s - y[i]);
        xent += (log1pl(expl(z)) - y[i] * z) / 4;
        lin += (z - y[i]) * (z - y[i]) / 4;
    }
    surface *a = fit_arrays(FIT_LOGISTIC, FIT_MSE, x, y, 4);
    surface *c = fit_arrays(FIT_NEURON, FIT_HALF_SSE, x, y, 4);
    surface *e = fit_arrays(FIT_LOGISTIC, FIT_XENT, x, y, 4);
    surface *li = fit_arrays(FIT_LINEAR, FIT_LOSS_DEFAULT, x, y, 4);
    ck_assert_double_eq_tol(surface_loss(a, w, b), (double)mse, 1e-15);
    ck_assert_double_eq_tol(surface_loss(c, w, b), (double)half, 1e-15);
    ck_assert_double_eq_tol(surface_loss(e, w, b), (double)xent, 1e-15);
    ck_assert_double_eq_tol(surface_loss(li, w, b), (double)lin, 1e-14);
    /* No overflow where e^z does. */
    ck_assert(isfinite(surface_loss(e, 800, 0)));
    ck_assert_double_eq_tol(surface_loss(e, 800, 0), 2480 / 4.0, 1e-9);
    surface_destroy(a);
    surface_destroy(c);
    surface_destroy(e);
    surface_destroy(li);
}
END_TEST

/* σ(-z), not 1 - σ(z): at z = 40 the Hessian of half-sse is e^-40-sized, not 0. */
START_TEST(test_sigmoid_tail_keeps_digits)
{
    static const double x[] = {1, 2}, y[] = {0.5, 0.5};
    surface *s = fit_arrays(FIT_NEURON, FIT_HALF_SSE, x, y, 2);
    double h[3];
    surface_eval(s, 0, 40, NULL, NULL, h);
    /* Each row: σ' = e^-40 (to 1e-17 relative), d²L/dz² ≈ r σ'(σ̄ - σ) = -0.5 e^-40. */
    double want = -exp(-40);
    ck_assert_msg(fabs(h[2] - want) <= 1e-10 * fabs(want), "Lbb = %.17g, want %.17g", h[2], want);
    surface_destroy(s);
}
END_TEST

/* The bounds on |φ⁗| the summary's error bound uses: max and decay, on a fine grid, written
 * in p = σσ̄ and σ̄ - σ so the check itself does not cancel. */
START_TEST(test_fourth_derivative_envelopes)
{
    double max[3] = {0, 0, 0}, decay[3] = {0, 0, 0};
    for (double z = -60; z <= 60; z += 1e-4) {
        double e = exp(-fabs(z)), s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        double sb = z >= 0 ? e / (1 + e) : 1 / (1 + e), p = s * sb, d = sb - s;
        double s1 = p, s2 = p * d, s3 = p * (1 - 6 * p), s4 = p * d * (1 - 12 * p);
        double v[3] = {s3, s4, s * s4 + 4 * s1 * s3 + 3 * s2 * s2}; /* softplus, σ, ½σ² */
        for (int k = 0; k < 3; k++) {
            max[k] = fmax(max[k], fabs(v[k]));
            decay[k] = fmax(decay[k], fabs(v[k]) / e);
        }
    }
    /* fit.c's constants. */
    ck_assert_double_le(max[0], 0.125 + 1e-15);
    ck_assert_double_le(max[1], 0.128);
    ck_assert_double_le(max[2], 0.14);
    ck_assert_double_le(decay[0], 1);
    ck_assert_double_le(decay[1], 2);
    ck_assert_double_le(decay[2], 3.75);
}
END_TEST

/* ---- the built-ins are instances ---------------------------------------------------------- */

static void assert_same_bits(const surface *a, const surface *b, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int k = 0; k < 512; k++) {
        double w = a->xmin + (a->xmax - a->xmin) * gsl_rng_uniform(r);
        double y = a->ymin + (a->ymax - a->ymin) * gsl_rng_uniform(r);
        double f1[6], f2[6], v1, v2;
        surface_eval(a, w, y, &f1[0], &f1[1], &f1[3]);
        surface_eval(b, w, y, &f2[0], &f2[1], &f2[3]);
        ck_assert_msg(memcmp(f1, f2, sizeof f1) == 0, "%s differs at (%.17g, %.17g)", a->name, w,
                      y);
        v1 = surface_loss(a, w, y);
        v2 = surface_loss(b, w, y);
        ck_assert(memcmp(&v1, &v2, sizeof v1) == 0);
        ck_assert(memcmp(&v1, &f1[0], sizeof v1) == 0);
    }
    gsl_rng_free(r);
}

START_TEST(test_builtins_are_model_instances)
{
    static const double nx[] = {0.5, 2.5}, ny[] = {0.2, 0.9};
    static const double tx[] = {-2.0, -1.3, -0.8, -0.4, 0.1, 0.3, 0.7, 1.2, 1.6, 2.3};
    static const double ty[] = {0, 0, 1, 0, 0, 1, 1, 0, 1, 1};
    static const double hx[] = {-1.7, -1.0, -0.5, -0.2, 0.4, 0.9, 1.4, 2.0};
    static const double hy[] = {0, 0, 0, 1, 0, 1, 1, 1};
    const surface *n = surface_find("neuron"), *l = surface_find("logistic");
    ck_assert(n->eval == fit_eval && l->eval == fit_eval && l->heldout->eval == fit_eval);
    ck_assert_ptr_nonnull(fit_data_of(n));
    surface *n2 = fit_arrays(FIT_NEURON, FIT_LOSS_DEFAULT, nx, ny, 2);
    surface *l2 = fit_arrays(FIT_LOGISTIC, FIT_LOSS_DEFAULT, tx, ty, 10);
    surface *h2 = fit_arrays(FIT_LOGISTIC, FIT_LOSS_DEFAULT, hx, hy, 8);
    assert_same_bits(n, n2, 11);
    assert_same_bits(l, l2, 12);
    assert_same_bits(l->heldout, h2, 13);
    /* And the model layer finds the tables' minima. */
    ck_assert_uint_eq(l2->n_points, 1);
    ck_assert_double_eq_tol(l2->points[0].x, l->points[0].x, 1e-9);
    ck_assert_double_eq_tol(l2->points[0].y, l->points[0].y, 1e-9);
    ck_assert_double_eq_tol(h2->points[0].x, l->heldout->points[0].x, 1e-9);
    ck_assert_double_eq_tol(h2->points[0].y, l->heldout->points[0].y, 1e-9);
    surface_destroy(n2);
    surface_destroy(l2);
    surface_destroy(h2);
}
END_TEST

/* ---- logistic's over-fitting lesson, from its default start ------------------------------- */

/* The walk the program itself takes: its trace from the default start (400 steps asked for),
 * with the held-out loss computed at every θ. The training loss falls at every step; the held-out
 * loss falls to its lowest at step 15 and rises from step 16 by a visible margin. */
START_TEST(test_logistic_heldout_turns_up)
{
    const surface *l = surface_find("logistic");
    ck_assert_double_eq(l->start_x, 5);
    ck_assert_double_eq(l->start_y, 0);
    run_result r = run_steepest(ARGS("-s", "logistic", "--steps", "400", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    const char *p = strchr(r.out, '\n');
    ck_assert_ptr_nonnull(p);
    double prev_train = INFINITY, prev_held = INFINITY, low = INFINITY, end_held = 0;
    int steps = 0, low_at = -1, first_rise = -1;
    while (p && p[1]) {
        int step;
        double w, b, loss;
        ck_assert_int_eq(sscanf(p + 1, "%d,%lf,%lf,%lf", &step, &w, &b, &loss), 4);
        double held = surface_loss(l->heldout, w, b);
        ck_assert_double_eq_tol(loss, surface_loss(l, w, b), 1e-15);
        ck_assert_msg(loss < prev_train || step > 100, "training loss rose at step %d", step);
        if (held < low) {
            low = held;
            low_at = step;
        }
        if (first_rise < 0 && held > prev_held)
            first_rise = step;
        prev_train = loss;
        prev_held = held;
        end_held = held;
        steps = step;
        p = strchr(p + 1, '\n');
    }
    /* The batch run may stop early once converged (|∇L| < 1e-6), near step 90. */
    ck_assert_int_ge(steps, 60);
    ck_assert_int_eq(low_at, 15);
    ck_assert_int_eq(first_rise, 16);
    ck_assert_double_eq_tol(surface_loss(l->heldout, 5, 0), 0.44225, 1e-5);
    ck_assert_double_eq_tol(low, 0.33950, 1e-5);
    ck_assert_double_eq_tol(end_held, 0.41449, 1e-5);
    ck_assert_double_gt(end_held - low, 0.07); /* visible in the panel's digits */
    /* It ends below the training loss there: the held-out points overlap less. */
    ck_assert_double_lt(end_held, prev_train);
    run_free(&r);
}
END_TEST

/* ---- minibatches -------------------------------------------------------------------------- */

START_TEST(test_minibatch_of_all_rows_is_full_kernel)
{
    fit_model m = combos[_i].m;
    fit_loss l = combos[_i].l;
    size_t n = 3000;
    dataset d;
    random_rows(m, n, 300 + (unsigned long)_i, &d);
    surface *s = make_fit(m, l, &d, false);
    size_t *rows = malloc(n * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = i;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    for (int k = 0; k < 32; k++) {
        double w = -4 + 8 * gsl_rng_uniform(r), b = -4 + 8 * gsl_rng_uniform(r);
        double a[6], c[6];
        surface_eval(s, w, b, &a[0], &a[1], &a[3]);
        ck_assert(fit_eval_rows(s, rows, n, w, b, &c[0], &c[1], &c[3]));
        ck_assert_msg(memcmp(a, c, sizeof a) == 0, "batch of all rows differs at (%g, %g)", w, b);
        double g1[2], g2[2];
        surface_eval(s, w, b, NULL, g1, NULL);
        ck_assert(fit_eval_rows(s, rows, n, w, b, NULL, g2, NULL));
        ck_assert(memcmp(g1, g2, sizeof g1) == 0);
    }
    /* A batch of some rows is the same model on those rows alone (times N/B for half-sse). */
    const fit_data *fd = fit_data_of(s);
    size_t pick[3] = {17, 4, 2999};
    double px[3], py[3];
    for (int k = 0; k < 3; k++) {
        px[k] = fd->x[pick[k]];
        py[k] = fd->y[pick[k]];
    }
    surface *t = fit_arrays(m, l, px, py, 3);
    double f1, g1[2], f2, g2[2];
    ck_assert(fit_eval_rows(s, pick, 3, 0.4, -0.2, &f1, g1, NULL));
    surface_eval(t, 0.4, -0.2, &f2, g2, NULL);
    double k = l == FIT_HALF_SSE ? (double)n / 3 : 1;
    ck_assert_double_eq_tol(f1, k * f2, 1e-12 * fabs(k * f2));
    ck_assert_double_eq_tol(g1[0], k * g2[0], 1e-12 * (fabs(k * g2[0]) + 1e-300));
    /* The same rows as data of their own (the V key's surface): the same numbers, bit for bit
     * with ∇L; from a summary of its own for L alone on many rows, within the stated bound. */
    size_t many = 1500;
    for (size_t i = 0; i < many; i++)
        rows[i] = (i * 7) % n;
    fit_data *sub = fit_data_rows(s, rows, many);
    fit_data *few = fit_data_rows(s, pick, 3);
    ck_assert(sub && few && sub->summary && !few->summary);
    for (int j = 0; j < 8; j++) {
        double w = -3 + j, b = 2 - 0.5 * j, fa, fb, ga[2], gb[2], v;
        ck_assert(fit_eval_rows(s, rows, many, w, b, &fa, ga, NULL));
        fit_eval(sub, w, b, &fb, gb, NULL);
        ck_assert(fa == fb && ga[0] == gb[0] && ga[1] == gb[1]);
        fit_eval(sub, w, b, &v, NULL, NULL);
        double tol = l == FIT_HALF_SSE ? FIT_VALUE_TOL * (double)n : FIT_VALUE_TOL;
        ck_assert_msg(fabs(v - fa) <= tol, "value-only %g vs %g", v, fa);
        ck_assert(fit_eval_rows(s, pick, 3, w, b, &fa, NULL, NULL));
        fit_eval(few, w, b, &v, NULL, NULL);
        ck_assert(v == fa);
    }
    fit_data_free(sub);
    fit_data_free(few);
    /* Refusals. */
    size_t past = n;
    ck_assert(!fit_data_rows(s, &past, 1));
    ck_assert(!fit_data_rows(surface_find("bowl"), pick, 1));
    ck_assert(!fit_eval_rows(s, &past, 1, 0, 0, &f1, NULL, NULL));
    ck_assert(!fit_eval_rows(s, rows, 0, 0, 0, &f1, NULL, NULL));
    ck_assert(!fit_eval_rows(surface_find("bowl"), rows, 1, 0, 0, &f1, NULL, NULL));
    surface_destroy(t);
    gsl_rng_free(r);
    free(rows);
    surface_destroy(s);
}
END_TEST

/* ---- the value-only summary --------------------------------------------------------------- */

/* On 20,000 rows, L from the summary (what contours use) stays within its stated bound of the
 * exact sum, and the bound within FIT_VALUE_TOL, near and far from the minimum. */
START_TEST(test_value_summary_within_bound)
{
    fit_model m = combos[_i].m;
    fit_loss l = combos[_i].l;
    dataset d;
    random_rows(m, 20000, 500 + (unsigned long)_i, &d);
    surface *s = make_fit(m, l, &d, _i % 2 == 0);
    const fit_data *fd = fit_data_of(s);
    ck_assert_ptr_nonnull(fd->summary);
    double tol = l == FIT_HALF_SSE ? FIT_VALUE_TOL * (double)fd->n : FIT_VALUE_TOL;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 9);
    for (int k = 0; k < 200; k++) {
        double span = k < 100 ? 1 : 20; /* the box, then far outside it */
        double w =
            0.5 * (s->xmin + s->xmax) + span * (s->xmax - s->xmin) * (gsl_rng_uniform(r) - 0.5);
        double b =
            0.5 * (s->ymin + s->ymax) + span * (s->ymax - s->ymin) * (gsl_rng_uniform(r) - 0.5);
        double exact, g[2];
        surface_eval(s, w, b, &exact, g, NULL);
        double fast = surface_loss(s, w, b), bound = fit_value_bound(s, w, b);
        ck_assert_double_le(bound, tol * (1 + 1e-12));
        ck_assert_msg(fabs(fast - exact) <= bound + 1e-12 * fabs(exact) + 1e-300,
                      "%s/%s at (%g, %g): summary %.17g exact %.17g bound %g", fit_model_name(m),
                      fit_loss_name(l), w, b, fast, exact, bound);
    }
    gsl_rng_free(r);
    surface_destroy(s);
}
END_TEST

/* Few distinct x: runs of equal x are never split, and a rule on at most two distinct x is
 * exact, so with x in {-1, 2} the summary has no error at all (bound 0), however steep. */
START_TEST(test_value_summary_exact_on_two_values)
{
    dataset d;
    random_rows(FIT_LOGISTIC, 5000, 77, &d);
    for (size_t i = 0; i < d.n; i++)
        d.x[i] = d.x[i] < 0.3 ? -1 : 2;
    surface *s = make_fit(FIT_LOGISTIC, FIT_XENT, &d, false);
    for (double w = -40; w <= 40; w += 7.3) {
        ck_assert_double_eq(fit_value_bound(s, w, 1.5), 0);
        double exact, g[2];
        surface_eval(s, w, 1.5, &exact, g, NULL);
        ck_assert_double_eq_tol(surface_loss(s, w, 1.5), exact, 1e-12 * exact);
    }
    surface_destroy(s);
}
END_TEST

/* Integer x with heavy duplicates: within the bound everywhere, as any data. */
START_TEST(test_value_summary_duplicates)
{
    dataset d;
    random_rows(FIT_NEURON, 20000, 78, &d);
    for (size_t i = 0; i < d.n; i++)
        d.x[i] = round(d.x[i] * 3);
    surface *s = make_fit(FIT_NEURON, FIT_HALF_SSE, &d, false);
    for (double w = -40; w <= 40; w += 3.1) {
        double exact, g[2], bound = fit_value_bound(s, w, 0.5);
        surface_eval(s, w, 0.5, &exact, g, NULL);
        ck_assert_double_le(fabs(surface_loss(s, w, 0.5) - exact), bound + 1e-12 * exact);
    }
    surface_destroy(s);
}
END_TEST

/* ---- shipped data sets -------------------------------------------------------------------- */

static void mean_var(const double *v, size_t n, double *mean, double *var)
{
    double s = 0, q = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    *mean = s / (double)n;
    for (size_t i = 0; i < n; i++)
        q += (v[i] - *mean) * (v[i] - *mean);
    *var = q / (double)(n - 1);
}

/* Anscombe (1973): mean x 9, variance of x 11, mean y 7.50, variance of y 4.12 (4.13 for
 * set IV), correlation 0.816, and the line y = 3.00 + 0.500 x: the minimum of linear mse. */
START_TEST(test_anscombe_published)
{
    char name[32];
    snprintf(name, sizeof name, "anscombe-%d", _i + 1);
    const dataset_shipped *ds = dataset_find(name);
    ck_assert_ptr_nonnull(ds);
    ck_assert_uint_eq(ds->n, 11);
    double mx, vx, my, vy, sxy = 0;
    mean_var(ds->x, ds->n, &mx, &vx);
    mean_var(ds->y, ds->n, &my, &vy);
    for (size_t i = 0; i < ds->n; i++)
        sxy += (ds->x[i] - mx) * (ds->y[i] - my);
    ck_assert_double_eq_tol(mx, 9, 1e-12);
    ck_assert_double_eq_tol(vx, 11, 1e-12);
    ck_assert_double_eq_tol(my, 7.50, 0.005);
    ck_assert_double_eq_tol(vy, 4.125, 0.005);
    ck_assert_double_eq_tol(sxy / (double)(ds->n - 1) / sqrt(vx * vy), 0.816, 0.001);
    dataset d;
    ck_assert(dataset_from_shipped(ds, &d));
    surface *s = make_fit(FIT_LINEAR, FIT_MSE, &d, false);
    ck_assert_uint_eq(s->n_points, 1);
    ck_assert_int_eq(s->points[0].kind, POINT_MINIMUM);
    ck_assert_double_eq_tol(s->points[0].x, 0.500, 0.005);
    ck_assert_double_eq_tol(s->points[0].y, 3.00, 0.005);
    /* ∇L = 0 there, by the kernel itself. */
    double g[2];
    surface_eval(s, s->points[0].x, s->points[0].y, NULL, g, NULL);
    ck_assert_double_le(hypot(g[0], g[1]), 1e-12);
    surface_destroy(s);
}
END_TEST

static double kappa_at_min(const surface *s)
{
    double h[3];
    surface_eval(s, s->points[0].x, s->points[0].y, NULL, NULL, h);
    double mean = 0.5 * (h[0] + h[2]), r = hypot(0.5 * (h[0] - h[2]), h[1]);
    return (mean + r) / ((h[0] * h[2] - h[1] * h[1]) / (mean + r));
}

/* Dalal, Fowlkes & Hoadley (1989): 23 flights, 7 with O-ring distress, at 53-81 °F (mean
 * 69.57). The logistic fit of distress on temperature is the widely quoted logit(p) = 15.0429
 * - 0.2322 t. Raw, the Hessian there has κ ≈ 8·10⁵ (a
 * valley w and b can barely move along); standardized, about 2. */
START_TEST(test_challenger_published)
{
    const dataset_shipped *ds = dataset_find("challenger");
    ck_assert_ptr_nonnull(ds);
    ck_assert_uint_eq(ds->n, 23);
    double mx, vx, fails = 0, lo = INFINITY, hi = -INFINITY;
    mean_var(ds->x, ds->n, &mx, &vx);
    for (size_t i = 0; i < ds->n; i++) {
        fails += ds->y[i];
        lo = fmin(lo, ds->x[i]);
        hi = fmax(hi, ds->x[i]);
    }
    ck_assert_double_eq(fails, 7);
    ck_assert_double_eq(lo, 53);
    ck_assert_double_eq(hi, 81);
    ck_assert_double_eq_tol(mx, 69.565, 0.001);
    dataset d;
    ck_assert(dataset_from_shipped(ds, &d));
    surface *raw = make_fit(FIT_LOGISTIC, FIT_XENT, &d, false);
    ck_assert_uint_eq(raw->n_points, 1);
    ck_assert_double_eq_tol(raw->points[0].x, -0.2322, 0.00005);
    ck_assert_double_eq_tol(raw->points[0].y, 15.0429, 0.00005);
    ck_assert(dataset_from_shipped(ds, &d));
    surface *std = make_fit(FIT_LOGISTIC, FIT_XENT, &d, true);
    double k_raw = kappa_at_min(raw), k_std = kappa_at_min(std);
    fprintf(stderr, "challenger: min (%.6g, %.6g), kappa raw %.4g, standardized %.4g\n",
            raw->points[0].x, raw->points[0].y, k_raw, k_std);
    ck_assert_double_gt(k_raw, 5e5);
    ck_assert_double_lt(k_raw, 1.2e6);
    ck_assert_double_gt(k_std, 1);
    ck_assert_double_lt(k_std, 3);
    /* Standardizing moves the minimum, not the model: w_std = w sd, b_std = b + w mean. */
    double sd = sqrt(vx * (double)(ds->n - 1) / (double)ds->n);
    ck_assert_double_eq_tol(std->points[0].x, raw->points[0].x * sd, 1e-6);
    ck_assert_double_eq_tol(std->points[0].y, raw->points[0].y + raw->points[0].x * mx, 1e-6);
    ck_assert_double_eq_tol(std->points[0].value, raw->points[0].value, 1e-12);
    surface_destroy(raw);
    surface_destroy(std);
}
END_TEST

/* Fisher (1936), Table I: 50 versicolor, 50 virginica; mean petal width 1.326 and 2.026. */
START_TEST(test_iris_published)
{
    const dataset_shipped *ds = dataset_find("iris");
    ck_assert_ptr_nonnull(ds);
    ck_assert_uint_eq(ds->n, 100);
    double n1 = 0, s0 = 0, s1 = 0;
    for (size_t i = 0; i < ds->n; i++) {
        n1 += ds->y[i];
        if (ds->y[i])
            s1 += ds->x[i];
        else
            s0 += ds->x[i];
    }
    ck_assert_double_eq(n1, 50);
    ck_assert_double_eq_tol(s0 / 50, 1.326, 1e-9);
    ck_assert_double_eq_tol(s1 / 50, 2.026, 1e-9);
    dataset d;
    ck_assert(dataset_from_shipped(ds, &d));
    surface *s = make_fit(FIT_LOGISTIC, FIT_XENT, &d, false);
    ck_assert_uint_eq(s->n_points, 1); /* the classes overlap: a finite minimum */
    ck_assert_double_gt(s->points[0].x, 0);
    surface_destroy(s);
}
END_TEST

static char *source_path(const char *rel)
{
    const char *root = getenv("SOURCE_ROOT");
    ck_assert_msg(root != NULL, "SOURCE_ROOT is not set (run through meson test)");
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

/* Each shipped set is its CSV file's columns, value for value. */
START_TEST(test_csv_files_equal_embedded)
{
    const dataset_shipped *ds = dataset_shipped_at((size_t)_i);
    char rel[128], err[256];
    snprintf(rel, sizeof rel, "datasets/%s", ds->file);
    char *path = source_path(rel);
    dataset_options o = {ds->x_name, ds->y_name, strcmp(ds->model, "logistic") == 0, 0, false};
    dataset d;
    ck_assert_msg(dataset_load(path, &o, &d, err, sizeof err), "%s", err);
    ck_assert_uint_eq(d.n, ds->n);
    ck_assert_str_eq(d.x_name, ds->x_name);
    ck_assert_str_eq(d.y_name, ds->y_name);
    for (size_t i = 0; i < d.n; i++) {
        ck_assert_msg(d.x[i] == ds->x[i], "%s row %zu: x %g vs %g", ds->name, i, d.x[i], ds->x[i]);
        ck_assert_msg(d.y[i] == ds->y[i], "%s row %zu: y %g vs %g", ds->name, i, d.y[i], ds->y[i]);
    }
    dataset_free(&d);
    free(path);
}
END_TEST

/* The whole Iris file: every measurement's mean and sd per species against Fisher's Table I
 * summaries (as every statistics package reproduces them). */
START_TEST(test_iris_csv_all_columns)
{
    static const char *const cols[] = {"sepal_length", "sepal_width", "petal_length",
                                       "petal_width"};
    static const double mean[2][4] = {{5.936, 2.770, 4.260, 1.326}, {6.588, 2.974, 5.552, 2.026}};
    static const double sd[2][4] = {{0.5162, 0.3138, 0.4699, 0.1978},
                                    {0.6359, 0.3225, 0.5519, 0.2747}};
    char *path = source_path("datasets/iris.csv"), err[256];
    for (int c = 0; c < 4; c++) {
        dataset_options o = {cols[c], "virginica", true, 0, false};
        dataset d;
        ck_assert_msg(dataset_load(path, &o, &d, err, sizeof err), "%s", err);
        ck_assert_uint_eq(d.n, 100);
        for (int k = 0; k < 2; k++) {
            double m, v;
            ck_assert_double_eq(d.y[50 * k], k);
            mean_var(d.x + 50 * k, 50, &m, &v);
            ck_assert_msg(fabs(m - mean[k][c]) < 5e-4, "%s class %d mean %.4f", cols[c], k, m);
            ck_assert_msg(fabs(sqrt(v) - sd[k][c]) < 5e-5, "%s class %d sd %.5f", cols[c], k,
                          sqrt(v));
        }
        dataset_free(&d);
    }
    free(path);
}
END_TEST

START_TEST(test_shipped_lookup)
{
    ck_assert_uint_eq(dataset_shipped_count(), 6);
    ck_assert_ptr_null(dataset_find("nope"));
    ck_assert_ptr_null(dataset_find(NULL));
    ck_assert_ptr_null(dataset_shipped_at(6));
    for (size_t i = 0; i < dataset_shipped_count(); i++) {
        const dataset_shipped *ds = dataset_shipped_at(i);
        ck_assert_ptr_eq(dataset_find(ds->name), ds);
        fit_model m;
        ck_assert(fit_model_parse(ds->model, &m));
        ck_assert(ds->title && ds->source && ds->file);
    }
}
END_TEST

/* ---- the CSV reader ----------------------------------------------------------------------- */

static bool read_text(const char *text, size_t len, const dataset_options *o, dataset *d, char *err,
                      size_t errlen)
{
    /* fmemopen may refuse a size of 0. */
    FILE *f = len ? fmemopen((void *)text, len, "r") : fopen("/dev/null", "r");
    ck_assert_ptr_nonnull(f);
    bool ok = dataset_read(f, "t.csv", o, d, err, errlen);
    fclose(f);
    return ok;
}

static const struct {
    const char *text;
    size_t len; /* 0: strlen */
    const char *x, *y;
    bool binary;
    const char *message;
} bad[] = {
    {"x,y\n1,2\n3,abc\n", 0, NULL, NULL, false, "t.csv:3: column 'y': 'abc' is not a number"},
    {"x,y\n1,2\n3,inf\n", 0, NULL, NULL, false,
     "t.csv:3: column 'y': 'inf' is not a finite number"},
    {"x,y\n1,2\n1e999,4\n", 0, NULL, NULL, false,
     "t.csv:3: column 'x': '1e999' is not a finite number"},
    {"x,y\n1,2\nnan,4\n", 0, NULL, NULL, false,
     "t.csv:3: column 'x': 'nan' is not a finite number"},
    {"x,y\n1,2\n3,\n", 0, NULL, NULL, false, "t.csv:3: column 'y' is empty (a missing value)"},
    {"x,y\n1,2\n3,4,5\n", 0, NULL, NULL, false,
     "t.csv:3: 3 fields where line 1 has 2 (a ragged row)"},
    {"x,y,z\n1,2,3\n3,4\n", 0, NULL, NULL, false,
     "t.csv:3: 2 fields where line 1 has 3 (a ragged row)"},
    {"x,y\n1,2\n", 0, NULL, NULL, false, "t.csv:2: only 1 data row; a fit needs at least 2"},
    {"# only a comment\nx,y\n", 0, NULL, NULL, false,
     "t.csv:2: no data rows; a fit needs at least 2"},
    {"", 0, NULL, NULL, false, "t.csv:1: no data rows; a fit needs at least 2"},
    {"t,ok\n60,1\n70,0.5\n", 0, NULL, NULL, true,
     "t.csv:3: column 'ok': label 0.5 is not 0 or 1 (logistic regression models the chance of "
     "a 1)"},
    {"x,y\n3,1\n3,2\n3,5\n", 0, NULL, NULL, false,
     "t.csv:2: column 'x' is constant (3 in every row): w and b cannot be fit apart, since only "
     "w*3 + b is ever seen"},
    {"a,b,c\n1,2,3\n", 0, "petal", NULL, false,
     "t.csv:1: no column 'petal': the columns are: a, b, c"},
    {"a,b,c\n1,2,3\n", 0, NULL, "4", false, "t.csv:1: no column 4: the columns are: a, b, c"},
    {"1,2,3\n4,5,6\n", 0, "w", NULL, false,
     "t.csv:1: no column 'w': the file has no header row; its 3 columns are numbered 1..3"},
    {"x,y\n\"1,2\n", 0, NULL, NULL, false,
     "t.csv:2: a quoted field runs to the end of the line (unterminated quote)"},
    {"x,y\n\"1\"2,3\n", 0, NULL, NULL, false, "t.csv:2: text after a closing quote"},
    {"x,y\n1,2\n3\0,4\n", 13, NULL, NULL, false, "t.csv:3: a NUL byte (is this a binary file?)"},
};

START_TEST(test_bad_csv_messages)
{
    const char *t = bad[_i].text;
    size_t len = bad[_i].len ? bad[_i].len : strlen(t);
    dataset_options o = {bad[_i].x, bad[_i].y, bad[_i].binary, 0, false};
    dataset d;
    char err[512];
    ck_assert(!read_text(t, len, &o, &d, err, sizeof err));
    ck_assert_str_eq(err, bad[_i].message);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_ptr_null(d.x);
}
END_TEST

START_TEST(test_csv_limits)
{
    dataset d;
    char err[256];
    /* Over the stated size. */
    dataset_options o = {NULL, NULL, false, 40, false};
    const char *t = "x,y\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n17,18\n19,20\n21,22\n";
    ck_assert(!read_text(t, strlen(t), &o, &d, err, sizeof err));
    ck_assert_str_eq(err, "t.csv:9: input larger than the limit of 40 bytes");
    /* A line longer than DATASET_MAX_LINE. */
    size_t n = DATASET_MAX_LINE + 100;
    char *big = malloc(n + 20);
    ck_assert_ptr_nonnull(big);
    strcpy(big, "x,y\n1,");
    memset(big + 6, '1', n);
    strcpy(big + 6 + n, "\n");
    ck_assert(!read_text(big, strlen(big), NULL, &d, err, sizeof err));
    ck_assert_str_eq(err, "t.csv:2: line longer than 65536 bytes");
    free(big);
    /* A missing file. */
    ck_assert(!dataset_load("/nonexistent/x.csv", NULL, &d, err, sizeof err));
    ck_assert_str_eq(err, "/nonexistent/x.csv: cannot open it: No such file or directory");
    /* A directory opens, and would fail at its first read: said at once. */
    ck_assert(!dataset_load(".", NULL, &d, err, sizeof err));
    ck_assert_str_eq(err, ".: cannot open it: a directory, not a CSV file");
    /* Targets a neuron cannot reach, with the line. */
    dataset_options unit = {NULL, NULL, false, 0, true};
    const char *two = "x,y\n1,0\n2,1\n3,2\n", *quarter = "x,y\n1,0\n2,1\n3,0.25\n";
    ck_assert(!read_text(two, strlen(two), &unit, &d, err, sizeof err));
    ck_assert_str_eq(err, "t.csv:4: column 'y': y = 2; " DATASET_UNIT_Y_WHY);
    ck_assert(read_text(quarter, strlen(quarter), &unit, &d, err, sizeof err));
    dataset_free(&d);
}
END_TEST

START_TEST(test_csv_features)
{
    dataset d;
    char err[256];
    /* BOM, CRLF, comments (whole-line and trailing), blank lines, quoted header, spaces. */
    const char *t = "\xEF\xBB\xBF# made by hand\r\n\"temp\", \"fail\"\r\n\r\n 53 , 1 # cold\r\n"
                    "81,0\r\n";
    dataset_options o = {"temp", "fail", true, 0, false};
    ck_assert_msg(read_text(t, strlen(t), &o, &d, err, sizeof err), "%s", err);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_str_eq(d.x_name, "temp");
    ck_assert(d.x[0] == 53 && d.y[0] == 1 && d.x[1] == 81 && d.y[1] == 0);
    dataset_free(&d);
    /* Tabs, no header, columns by number, the last line without '\n'. */
    t = "1\t10\t100\n2\t20\t200\n3\t30\t300";
    dataset_options by_number = {"3", "1", false, 0, false};
    ck_assert_msg(read_text(t, strlen(t), &by_number, &d, err, sizeof err), "%s", err);
    ck_assert_uint_eq(d.n, 3);
    ck_assert(d.x[2] == 300 && d.y[2] == 3);
    ck_assert_str_eq(d.x_name, "3");
    dataset_free(&d);
    /* Text columns are fine when not chosen; "" inside quotes is a quote. */
    t = "name,x,y\n\"a \"\"b\"\"\",1,2\nc,3,4\n";
    dataset_options xy = {"x", "y", false, 0, false};
    ck_assert_msg(read_text(t, strlen(t), &xy, &d, err, sizeof err), "%s", err);
    ck_assert_uint_eq(d.n, 2);
    dataset_free(&d);
    /* Many rows through the block reader. */
    size_t rows = 200000, cap = rows * 24 + 16, len = 0;
    char *big = malloc(cap);
    ck_assert_ptr_nonnull(big);
    len += (size_t)sprintf(big, "x,y\n");
    for (size_t i = 0; i < rows; i++)
        len += (size_t)sprintf(big + len, "%zu.5,%zu\n", i, i % 2);
    ck_assert(read_text(big, len, NULL, &d, err, sizeof err));
    ck_assert_uint_eq(d.n, rows);
    ck_assert(d.x[rows - 1] == (double)(rows - 1) + 0.5 && d.y[rows - 1] == 1);
    dataset_free(&d);
    free(big);
}
END_TEST

/* ---- fit_create --------------------------------------------------------------------------- */

START_TEST(test_fit_defaults_for_data)
{
    const dataset_shipped *ds = dataset_find("challenger");
    dataset d;
    ck_assert(dataset_from_shipped(ds, &d));
    fit_options o = {FIT_LOGISTIC, FIT_LOSS_DEFAULT, false, 0, 0, "challenger", NULL};
    char err[256];
    surface *s = fit_create(&d, &o, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_ptr_null(d.x); /* the rows moved */
    ck_assert_str_eq(s->name, "challenger");
    ck_assert(s->xmin < s->xmax && s->ymin < s->ymax);
    ck_assert(s->start_x >= s->xmin && s->start_x <= s->xmax);
    ck_assert(s->start_y >= s->ymin && s->start_y <= s->ymax);
    ck_assert(s->points[0].x >= s->xmin && s->points[0].x <= s->xmax);
    ck_assert(s->points[0].y >= s->ymin && s->points[0].y <= s->ymax);
    ck_assert(s->level_lo < s->level_hi);
    double h[3];
    surface_eval(s, s->start_x, s->start_y, NULL, NULL, h);
    double lmax = 0.5 * (h[0] + h[2]) + hypot(0.5 * (h[0] - h[2]), h[1]);
    ck_assert(s->eta > 0 && s->eta < 2 / lmax);
    /* derive_defaults has nothing left to do. */
    ck_assert(derive_defaults(s));
    const char *info = fit_describe(s);
    ck_assert_ptr_nonnull(info);
    fprintf(stderr, "%s\n", info);
    ck_assert_ptr_null(strchr(info, '\n'));
    ck_assert_ptr_nonnull(strstr(info, "logistic, xent on 23 rows"));
    ck_assert_ptr_nonnull(strstr(info, "2/lmax"));
    ck_assert_ptr_null(fit_describe(surface_find("bowl")));
    surface_destroy(s);
}
END_TEST

START_TEST(test_holdout_split)
{
    dataset d;
    random_rows(FIT_LOGISTIC, 1000, 42, &d);
    double first_x = d.x[0];
    fit_options o = {FIT_LOGISTIC, FIT_XENT, true, 0.25, 7, "split", NULL};
    char err[256];
    surface *s = fit_create(&d, &o, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_ptr_nonnull(s->heldout);
    const fit_data *tr = fit_data_of(s), *ho = fit_data_of(s->heldout);
    ck_assert_uint_eq(tr->n, 750);
    ck_assert_uint_eq(ho->n, 250);
    ck_assert_ptr_nonnull(tr->summary); /* 750 rows: contours from bins */
    ck_assert_double_eq(s->heldout->xmin, s->xmin);
    ck_assert_double_eq(s->heldout->level_hi, s->level_hi);
    /* Training x standardized over the training rows: mean 0, sd 1. */
    double m = 0, v = 0;
    for (size_t i = 0; i < tr->n; i++)
        m += tr->x[i];
    m /= (double)tr->n;
    for (size_t i = 0; i < tr->n; i++)
        v += (tr->x[i] - m) * (tr->x[i] - m);
    ck_assert_double_eq_tol(m, 0, 1e-12);
    ck_assert_double_eq_tol(v / (double)tr->n, 1, 1e-12);
    /* The same seed gives the same split; another seed another. */
    random_rows(FIT_LOGISTIC, 1000, 42, &d);
    ck_assert_double_eq(d.x[0], first_x);
    surface *s2 = fit_create(&d, &o, err, sizeof err);
    ck_assert(memcmp(fit_data_of(s2->heldout)->x, ho->x, ho->n * sizeof *ho->x) == 0);
    random_rows(FIT_LOGISTIC, 1000, 42, &d);
    o.seed = 8;
    surface *s3 = fit_create(&d, &o, err, sizeof err);
    ck_assert(memcmp(fit_data_of(s3->heldout)->x, ho->x, ho->n * sizeof *ho->x) != 0);
    surface_destroy(s);
    surface_destroy(s2);
    surface_destroy(s3);
}
END_TEST

START_TEST(test_fit_errors)
{
    static const double x[] = {1, 2, 3, 4}, y01[] = {0, 1, 0, 1}, y2[] = {0, 1, 2, 1};
    char err[256];
    dataset d = {0};
    struct {
        fit_model m;
        fit_loss l;
        const double *y;
        double holdout;
        const char *message;
    } cases[] = {
        {FIT_LOGISTIC, FIT_LOSS_DEFAULT, y2, 0,
         "row 3: label 2 is not 0 or 1 (logistic regression models the chance of a 1)"},
        {FIT_NEURON, FIT_XENT, y2, 0, "row 3: y = 2; xent needs targets in [0, 1]"},
        {FIT_LINEAR, FIT_XENT, y01, 0,
         "xent is the loss of a probability: use it with neuron or logistic, not linear"},
        {FIT_LINEAR, FIT_MSE, y01, 0.3,
         "holding out 0.3 of 4 rows leaves fewer than 2 rows on one side"},
        {FIT_LINEAR, FIT_MSE, y01, 1, "the held-out fraction must be in [0, 1)"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        d.x = malloc(sizeof x);
        d.y = malloc(sizeof x);
        memcpy(d.x, x, sizeof x);
        memcpy(d.y, cases[k].y, sizeof x);
        d.n = 4;
        fit_options o = {cases[k].m, cases[k].l, false, cases[k].holdout, 1, NULL, NULL};
        ck_assert_ptr_null(fit_create(&d, &o, err, sizeof err));
        ck_assert_str_eq(err, cases[k].message);
        ck_assert_ptr_null(d.x); /* freed, not leaked */
    }
}
END_TEST

/* Separable classes: the loss falls towards w = ∞, so no minimum, an empty (not missing)
 * table, and a box around the start. */
START_TEST(test_separable_has_no_minimum)
{
    static const double x[] = {-2, -1, -0.5, 0.5, 1, 2}, y[] = {0, 0, 0, 1, 1, 1};
    surface *s = fit_arrays(FIT_LOGISTIC, FIT_XENT, x, y, 6);
    ck_assert_uint_eq(s->n_points, 0);
    ck_assert_ptr_nonnull(s->points);
    ck_assert(s->xmin < 0 && s->xmax > 0);
    ck_assert_ptr_nonnull(strstr(fit_describe(s), "no finite minimum"));
    surface_destroy(s);
}
END_TEST

START_TEST(test_names)
{
    fit_model m;
    fit_loss l;
    ck_assert(fit_model_parse("neuron", &m) && m == FIT_NEURON);
    ck_assert(fit_loss_parse("half-sse", &l) && l == FIT_HALF_SSE);
    ck_assert(!fit_model_parse("quadratic", &m));
    ck_assert(!fit_loss_parse("default", &l));
    ck_assert_str_eq(fit_model_name(FIT_LOGISTIC), "logistic");
    ck_assert_int_eq(fit_default_loss(FIT_LINEAR), FIT_MSE);
    ck_assert_int_eq(fit_default_loss(FIT_NEURON), FIT_HALF_SSE);
    ck_assert_int_eq(fit_default_loss(FIT_LOGISTIC), FIT_XENT);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("data");
    TCase *tm = tcase_create("model");
    tcase_set_timeout(tm, 120);
    tcase_add_loop_test(tm, test_derivatives_match_gsl, 0, N_COMBOS);
    tcase_add_test(tm, test_loss_definitions);
    tcase_add_test(tm, test_sigmoid_tail_keeps_digits);
    tcase_add_test(tm, test_fourth_derivative_envelopes);
    tcase_add_test(tm, test_builtins_are_model_instances);
    tcase_add_test(tm, test_logistic_heldout_turns_up);
    tcase_add_loop_test(tm, test_minibatch_of_all_rows_is_full_kernel, 0, N_COMBOS);
    tcase_add_loop_test(tm, test_value_summary_within_bound, 0, N_COMBOS);
    tcase_add_test(tm, test_value_summary_exact_on_two_values);
    tcase_add_test(tm, test_value_summary_duplicates);
    suite_add_tcase(s, tm);
    TCase *td = tcase_create("datasets");
    tcase_add_loop_test(td, test_anscombe_published, 0, 4);
    tcase_add_test(td, test_challenger_published);
    tcase_add_test(td, test_iris_published);
    tcase_add_loop_test(td, test_csv_files_equal_embedded, 0, (int)dataset_shipped_count());
    tcase_add_test(td, test_iris_csv_all_columns);
    tcase_add_test(td, test_shipped_lookup);
    suite_add_tcase(s, td);
    TCase *tc = tcase_create("csv");
    tcase_add_loop_test(tc, test_bad_csv_messages, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, test_csv_limits);
    tcase_add_test(tc, test_csv_features);
    suite_add_tcase(s, tc);
    TCase *tf = tcase_create("fit");
    tcase_add_test(tf, test_fit_defaults_for_data);
    tcase_add_test(tf, test_holdout_split);
    tcase_add_test(tf, test_fit_errors);
    tcase_add_test(tf, test_separable_has_no_minimum);
    tcase_add_test(tf, test_names);
    suite_add_tcase(s, tf);
    return run_suite(s);
}
