// SPDX-License-Identifier: MIT
/* The optimizer types: every update rule against an implementation written here from the
 * formulas, closed forms on quadratics, Newton's one-step landing and its notes, preview ==
 * step bit for bit, the GSL types against GSL called directly (iterations and evaluations),
 * ascent, restarts, and the --optimizer spec parser's results and messages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "steepest/optimizer.h"
#include "steepest/optspec.h"
#include "steepest/session.h"
#include "steepest/walker.h"

#include "rows.h"

/* ---- Helpers ------------------------------------------------------------------------------ */

/* Two moves are the same move: every field (not the padding between them). */
static bool same_move(const optimizer_move *a, const optimizer_move *b)
{
    return a->dx == b->dx && a->dy == b->dy && a->predicted == b->predicted &&
           a->evals == b->evals && a->note == b->note;
}

static optimizer_input input_at(const surface *s, double x, double y, double eta, bool ascend,
                                const double *params, unsigned long t)
{
    double f, g[2];
    surface_eval(s, x, y, &f, g, NULL);
    optimizer_input in = {s, x, y, f, g[0], g[1], hypot(g[0], g[1]), eta, ascend, t, params};
    return in;
}

/* Runs type t directly, as a walker would, for n steps from s's start; θ after each step in
 * xs, ys. params goes through the input (NULL: the type's defaults). */
static void drive(const optimizer_type *t, const surface *s, double eta, const double *params,
                  bool ascend, int n, double *xs, double *ys)
{
    void *state = t->state_size ? calloc(1, t->state_size) : NULL;
    double x = s->start_x, y = s->start_y;
    optimizer_input in = input_at(s, x, y, eta, ascend, params, 0);
    ck_assert(t->init(state, &in));
    for (int k = 0; k < n; k++) {
        in = input_at(s, x, y, eta, ascend, params, (unsigned long)k);
        optimizer_move m;
        ck_assert_msg(t->step(state, &in, &m), "%s: no step %d", t->name, k);
        x += m.dx;
        y += m.dy;
        xs[k] = x;
        ys[k] = y;
    }
    t->free(state);
    free(state);
}

/* The update rules as the table writes them, one coordinate at a time, each step
 * θ ← θ − η·(direction), rounding in the same order as optimizer.c so that the two agree
 * bit for bit (rmsprop and adam, dividing by the gradient's own size, would otherwise
 * amplify one rounding to 1e-9 within a hundred steps near the optimum). */
typedef struct {
    double v[2], G[2], s[2], m[2], a[2];
    unsigned long t;
} reference;

static void reference_step(const char *name, const double *p, reference *r, const double grad[2],
                           double eta, bool ascend, double step[2])
{
    r->t++;
    for (int i = 0; i < 2; i++) {
        double g = ascend ? -grad[i] : grad[i];
        if (strcmp(name, "gd") == 0) {
            step[i] = -eta * g;
        } else if (strcmp(name, "momentum") == 0) {
            r->v[i] = p[0] * r->v[i] + g;
            step[i] = -eta * r->v[i];
        } else if (strcmp(name, "nesterov") == 0) {
            r->v[i] = p[0] * r->v[i] + g;
            step[i] = -eta * (g + p[0] * r->v[i]);
        } else if (strcmp(name, "adagrad") == 0) {
            r->G[i] += g * g;
            step[i] = -eta * (g / (sqrt(r->G[i]) + p[0]));
        } else if (strcmp(name, "rmsprop") == 0) {
            r->s[i] = p[0] * r->s[i] + (1 - p[0]) * g * g;
            step[i] = -eta * (g / (sqrt(r->s[i]) + p[1]));
        } else if (strcmp(name, "adam") == 0) {
            r->m[i] = p[0] * r->m[i] + (1 - p[0]) * g;
            r->a[i] = p[1] * r->a[i] + (1 - p[1]) * g * g;
            double mhat = r->m[i] / (1 - pow(p[0], (double)r->t));
            double vhat = r->a[i] / (1 - pow(p[1], (double)r->t));
            step[i] = -eta * (mhat / (sqrt(vhat) + p[2]));
        } else {
            ck_abort_msg("no reference for %s", name);
        }
    }
}

static const char *const first_order[] = {"gd",      "momentum", "nesterov",
                                          "adagrad", "rmsprop",  "adam"};
#define N_FIRST_ORDER 6
static const char *const gsl_names[] = {"gsl-sd", "gsl-cg-fr", "gsl-cg-pr", "gsl-bfgs2"};

/* Steps w until it stops running, cannot move, or max steps. */
static void run(walker *w, unsigned long max)
{
    while (w->status == WALKER_RUNNING && w->step < max) {
        unsigned long before = w->step;
        walker_step(w);
        if (w->step == before)
            break;
    }
}

/* ---- The catalog -------------------------------------------------------------------------- */

START_TEST(test_catalog)
{
    static const char *const names[] = {"gd",        "momentum",  "nesterov",  "adagrad",
                                        "rmsprop",   "adam",      "newton",    "gsl-sd",
                                        "gsl-cg-fr", "gsl-cg-pr", "gsl-bfgs2", "sgd"};
    const optimizer_type *const ptrs[] = {
        optimizer_gd,        optimizer_momentum,  optimizer_nesterov,  optimizer_adagrad,
        optimizer_rmsprop,   optimizer_adam,      optimizer_newton,    optimizer_gsl_sd,
        optimizer_gsl_cg_fr, optimizer_gsl_cg_pr, optimizer_gsl_bfgs2, optimizer_sgd};
    ck_assert_uint_eq(optimizer_count(), 12);
    for (size_t i = 0; i < optimizer_count(); i++) {
        ck_assert_str_eq(optimizer_at(i)->name, names[i]);
        ck_assert_ptr_eq(optimizer_at(i), ptrs[i]);
        ck_assert_ptr_eq(optimizer_find(names[i]), ptrs[i]);
        ck_assert_uint_le(optimizer_at(i)->n_params, OPTIMIZER_MAX_PARAMS);
        ck_assert_int_eq(optimizer_at(i)->can_ascend, i < 6 || i == 11);
    }
    ck_assert_ptr_null(optimizer_at(12));
    ck_assert_ptr_null(optimizer_find("sgd2"));
    ck_assert_ptr_null(optimizer_find(NULL));

    /* The defaults of the table. */
    ck_assert_uint_eq(optimizer_gd->n_params, 0);
    ck_assert_double_eq(optimizer_gd->eta, 0);
    ck_assert_double_eq(optimizer_newton->eta, 1);
    ck_assert_int_eq(optimizer_param_index(optimizer_momentum, "mu"), 0);
    ck_assert_double_eq(optimizer_momentum->param_defaults[0], 0.9);
    ck_assert_double_eq(optimizer_nesterov->param_defaults[0], 0.9);
    ck_assert_int_eq(optimizer_param_index(optimizer_adagrad, "eps"), 0);
    ck_assert_double_eq(optimizer_adagrad->param_defaults[0], 1e-10);
    ck_assert_int_eq(optimizer_param_index(optimizer_rmsprop, "alpha"), 0);
    ck_assert_int_eq(optimizer_param_index(optimizer_rmsprop, "eps"), 1);
    ck_assert_double_eq(optimizer_rmsprop->param_defaults[0], 0.99);
    ck_assert_double_eq(optimizer_rmsprop->param_defaults[1], 1e-8);
    ck_assert_int_eq(optimizer_param_index(optimizer_adam, "beta1"), 0);
    ck_assert_int_eq(optimizer_param_index(optimizer_adam, "beta2"), 1);
    ck_assert_int_eq(optimizer_param_index(optimizer_adam, "eps"), 2);
    ck_assert_double_eq(optimizer_adam->param_defaults[0], 0.9);
    ck_assert_double_eq(optimizer_adam->param_defaults[1], 0.999);
    ck_assert_double_eq(optimizer_adam->param_defaults[2], 1e-8);
    ck_assert_int_eq(optimizer_param_index(optimizer_adam, "mu"), -1);
    ck_assert_int_eq(optimizer_param_index(optimizer_gd, "eta"), -1);
}
END_TEST

/* ---- The first-order rules ---------------------------------------------------------------- */

/* Each rule, with default and with other hyper-parameters, descending and ascending, against
 * the reference above on four surfaces. */
START_TEST(test_rules_match_reference)
{
    static const char *const surfaces[] = {"bowl", "valley", "booth", "rosenbrock"};
    static const double custom[N_FIRST_ORDER][3] = {{0},    {0.5},       {0.7},
                                                    {1e-3}, {0.9, 1e-6}, {0.8, 0.99, 1e-6}};
    const char *name = first_order[_i];
    const optimizer_type *t = optimizer_find(name);
    enum { N = 100 };
    for (int si = 0; si < 4; si++)
        for (int variant = 0; variant < 4; variant++) {
            const surface *s = surface_find(surfaces[si]);
            bool ascend = variant & 1, own = variant & 2;
            if (ascend && si == 3)
                continue; /* uphill on rosenbrock overflows within 100 steps */
            const double *p = own ? custom[_i] : t->param_defaults;
            double xs[N], ys[N], x = s->start_x, y = s->start_y;
            drive(t, s, s->eta, own ? custom[_i] : NULL, ascend, N, xs, ys);
            reference r = {0};
            for (int k = 0; k < N; k++) {
                double g[2], d[2];
                surface_eval(s, x, y, NULL, g, NULL);
                reference_step(name, p, &r, g, s->eta, ascend, d);
                x += d[0];
                y += d[1];
                ck_assert_msg(xs[k] == x && ys[k] == y,
                              "%s on %s (ascend %d, own params %d) step %d: (%.17g, %.17g), "
                              "reference (%.17g, %.17g)",
                              name, s->name, ascend, own, k + 1, xs[k], ys[k], x, y);
            }
        }
}
END_TEST

/* Momentum on the bowl: θₖ = (1 + μ − 2η)θₖ₋₁ − μθₖ₋₂ with θ₁ = (1 − 2η)θ₀; for η = 0.1 and
 * μ = 0.9 the roots are complex, ρe^{±iφ} with ρ = √μ, so θₖ = ρᵏ(A cos kφ + B sin kφ). */
START_TEST(test_momentum_bowl_closed_form)
{
    walker w;
    ck_assert(walker_init(&w, optimizer_momentum, surface_find("bowl"), 1024));
    ck_assert(walker_set_eta(&w, 0.1));
    double eta = 0.1, mu = 0.9, rho = sqrt(mu);
    double phi = acos((1 + mu - 2 * eta) / (2 * rho));
    for (int k = 1; k <= 100; k++) {
        ck_assert_int_eq(walker_step(&w), WALKER_RUNNING);
        for (int c = 0; c < 2; c++) {
            double t0 = c ? 1.2 : 1.6, t1 = (1 - 2 * eta) * t0;
            double b = (t1 / rho - t0 * cos(phi)) / sin(phi);
            double want = pow(rho, k) * (t0 * cos(k * phi) + b * sin(k * phi));
            ck_assert_double_eq_tol(c ? w.y : w.x, want, 1e-13);
        }
    }
    ck_assert_uint_eq(w.evals, 100);
    walker_free(&w);
}
END_TEST

/* The first step of the adaptive rules has a closed form on any surface: adagrad and adam
 * move each coordinate by −η·g/(|g| + ε), about η against the sign of g whatever |g| is;
 * rmsprop by −η·g/(√(1 − α)|g| + ε), ten times that. */
START_TEST(test_adaptive_first_step)
{
    static const char *const surfaces[] = {"bowl", "valley", "rosenbrock", "himmelblau"};
    const optimizer_type *ts[] = {optimizer_adagrad, optimizer_rmsprop, optimizer_adam};
    for (int si = 0; si < 4; si++) {
        const surface *s = surface_find(surfaces[si]);
        double g[2];
        surface_eval(s, s->start_x, s->start_y, NULL, g, NULL);
        for (int ti = 0; ti < 3; ti++) {
            const optimizer_type *t = ts[ti];
            double eps = t->param_defaults[t->n_params - 1];
            double scale = t == optimizer_rmsprop ? sqrt(1 - 0.99) : 1;
            double xs[1], ys[1];
            drive(t, s, 0.01, NULL, false, 1, xs, ys);
            double dx = xs[0] - s->start_x, dy = ys[0] - s->start_y;
            ck_assert_double_eq_tol(dx, -0.01 * g[0] / (scale * fabs(g[0]) + eps), 1e-14);
            ck_assert_double_eq_tol(dy, -0.01 * g[1] / (scale * fabs(g[1]) + eps), 1e-14);
            ck_assert_double_eq_tol(fabs(dx), 0.01 / scale, 1e-6);
        }
    }
}
END_TEST

/* Each evaluation convention: 1 per first-order step, 2 per Newton step. */
START_TEST(test_evaluation_counts)
{
    for (size_t i = 0; i < 7; i++) {
        walker w;
        ck_assert(walker_init(&w, optimizer_at(i), surface_find("himmelblau"), 1024));
        ck_assert(walker_set_eta(&w, optimizer_at(i) == optimizer_newton ? 1 : 0.001));
        for (int k = 0; k < 5; k++)
            walker_step(&w);
        ck_assert_uint_eq(w.step, 5);
        ck_assert_uint_eq(w.evals, optimizer_at(i) == optimizer_newton ? 10 : 5);
        walker_reset(&w);
        ck_assert_uint_eq(w.evals, 0);
        walker_free(&w);
    }
}
END_TEST

/* ---- sgd ------------------------------------------------------------------------------------ */

#include "steepest/dataset.h"
#include "steepest/fit.h"

/* Walks n steps of sgd with batch B and seed on the built-in logistic surface (a model on
 * data), writing θ after each step. */
static void sgd_walk(double batch, double seed, int n, double *xs, double *ys)
{
    walker w;
    ck_assert(walker_init(&w, optimizer_sgd, surface_find("logistic"), 1024));
    ck_assert(walker_set_param(&w, "batch", batch));
    ck_assert(walker_set_param(&w, "seed", seed));
    for (int k = 0; k < n; k++) {
        walker_step(&w);
        xs[k] = w.x;
        ys[k] = w.y;
    }
    walker_free(&w);
}

/* B = N is full-batch gd, bit for bit; the same seed gives the same walk, another seed
 * another walk. */
START_TEST(test_sgd_full_batch_and_seed)
{
    const fit_data *d = fit_data_of(surface_find("logistic"));
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_ge(d->n, 8);
    double a[40], b[40], c[40], e[40], gx[40], gy[40];
    sgd_walk((double)d->n, 7, 40, a, b);
    walker w;
    ck_assert(walker_init(&w, optimizer_gd, surface_find("logistic"), 1024));
    for (int k = 0; k < 40; k++) {
        walker_step(&w);
        ck_assert(a[k] == w.x && b[k] == w.y);
    }
    walker_free(&w);
    sgd_walk(2, 7, 40, a, b);
    sgd_walk(2, 7, 40, c, e);
    for (int k = 0; k < 40; k++)
        ck_assert(a[k] == c[k] && b[k] == e[k]);
    sgd_walk(2, 8, 40, gx, gy);
    int differ = 0;
    for (int k = 0; k < 40; k++)
        differ += gx[k] != a[k] || gy[k] != b[k];
    ck_assert_int_gt(differ, 0);
}
END_TEST

/* Each step moves by -η times the gradient over exactly the batch it announced; an epoch
 * visits every row once; the batch count and the epoch number advance. */
START_TEST(test_sgd_batches)
{
    const surface *s = surface_find("logistic");
    const fit_data *d = fit_data_of(s);
    size_t n = d->n, batch = 3, seen_total = 0;
    unsigned char *seen = calloc(n, 1);
    walker w;
    ck_assert(walker_init(&w, optimizer_sgd, s, 1024));
    ck_assert(walker_set_param(&w, "batch", (double)batch));
    ck_assert(walker_set_eta(&w, 0.5));
    optimizer_batch ob;
    ck_assert(optimizer_batch_of(w.type, w.state, &ob));
    ck_assert_uint_eq(ob.epoch, 1);
    ck_assert_uint_eq(ob.batches, (n + batch - 1) / batch);
    for (size_t k = 0; k < ob.batches; k++) {
        ck_assert(optimizer_batch_of(w.type, w.state, &ob));
        ck_assert_uint_eq(ob.index, k + 1);
        ck_assert_uint_eq(ob.next_n, k + 1 < ob.batches ? batch : n - k * batch);
        /* The batch gradient, summed here row by row from the model's own terms. */
        double g[2] = {0, 0};
        for (size_t r = 0; r < ob.next_n; r++) {
            double gr[2];
            ck_assert(fit_eval_rows(s, &ob.next[r], 1, w.x, w.y, NULL, gr, NULL));
            g[0] += gr[0] / (double)ob.next_n;
            g[1] += gr[1] / (double)ob.next_n;
            ck_assert(!seen[ob.next[r]]);
            seen[ob.next[r]] = 1;
            seen_total++;
        }
        double x0 = w.x, y0 = w.y, lb;
        ck_assert(fit_eval_rows(s, ob.next, ob.next_n, w.x, w.y, &lb, NULL, NULL));
        walker_step(&w);
        /* The trail keeps the loss over the batch the step used, at the θ it left. */
        ck_assert(w.trail[w.trail_len - 1].batch_loss == lb);
        ck_assert(isnan(w.trail[0].batch_loss));
        ck_assert_double_eq_tol(w.x - x0, -0.5 * g[0], 1e-12);
        ck_assert_double_eq_tol(w.y - y0, -0.5 * g[1], 1e-12);
    }
    ck_assert_uint_eq(seen_total, n);
    ck_assert(optimizer_batch_of(w.type, w.state, &ob));
    ck_assert_uint_eq(ob.epoch, 2);
    ck_assert_uint_eq(ob.index, 1);
    /* Not a model on data: sgd is gd, and has no batch to show. */
    walker v, g;
    ck_assert(walker_init(&v, optimizer_sgd, surface_find("bowl"), 1024));
    ck_assert(walker_init(&g, optimizer_gd, surface_find("bowl"), 1024));
    ck_assert(!optimizer_batch_of(v.type, v.state, &ob));
    walker_step(&v);
    walker_step(&g);
    ck_assert(v.x == g.x && v.y == g.y);
    ck_assert(isnan(v.trail[v.trail_len - 1].batch_loss));
    walker_free(&v);
    walker_free(&g);
    walker_free(&w);
    free(seen);
}
END_TEST

/* On more than WALKER_FULL_ROWS rows a minibatch step skips the full L and ∇L except at the
 * end of an epoch; when it is looked at (walker_sync) never changes the walk; synced numbers
 * are those computed here at θ and at the θ the step left. */
START_TEST(test_sgd_full_loss_once_per_epoch)
{
    size_t n = 2000, batch = 16, epoch = (n + batch - 1) / batch; /* 125 steps */
    surface *s = rows_surface(n, FIT_LOGISTIC, FIT_XENT);
    walker seen, unseen;
    ck_assert(walker_init(&seen, optimizer_sgd, s, 4096));
    ck_assert(walker_init(&unseen, optimizer_sgd, s, 4096));
    ck_assert(walker_set_param(&seen, "batch", (double)batch));
    ck_assert(walker_set_param(&unseen, "batch", (double)batch));
    for (size_t k = 1; k <= 3 * epoch + 7; k++) {
        walker_step(&seen);
        walker_sync(&seen);
        ck_assert(!seen.stale && !seen.last_pending);
        walker_step(&unseen);
        ck_assert(seen.x == unseen.x && seen.y == unseen.y && seen.status == unseen.status);
        ck_assert_uint_eq(unseen.step, k);
        /* The trail's full loss: at every step when watched, at epoch ends otherwise. */
        double full = unseen.trail[k].loss;
        ck_assert_msg(isfinite(full) == (k % epoch == 0), "step %zu", k);
        ck_assert(unseen.stale == (k % epoch != 0));
        double here, gh[2];
        surface_eval(s, seen.x, seen.y, &here, gh, NULL);
        ck_assert(seen.trail[k].loss == here);
        if (k % epoch == 0)
            ck_assert(full == here);
    }
    /* Synced: L and ∇L at θ, ΔL from the θ the step left, ∇Lᵀd there. */
    const walker_point *prev = &unseen.trail[unseen.trail_len - 2];
    walker_sync(&unseen);
    double f, g[2], f0, g0[2];
    surface_eval(s, unseen.x, unseen.y, &f, g, NULL);
    surface_eval(s, prev->x, prev->y, &f0, g0, NULL);
    ck_assert(unseen.loss == f && unseen.gx == g[0] && unseen.gy == g[1]);
    ck_assert(unseen.gnorm == hypot(g[0], g[1]));
    ck_assert(unseen.trail[unseen.trail_len - 1].loss == f);
    ck_assert(unseen.last_delta == f - f0);
    double pred = g0[0] * (unseen.x - prev->x) + g0[1] * (unseen.y - prev->y);
    ck_assert_double_eq_tol(unseen.last_predicted, pred, 1e-12 * fabs(pred));
    ck_assert(unseen.last_delta == seen.last_delta);
    ck_assert(unseen.last_predicted == seen.last_predicted);
    walker_free(&seen);
    walker_free(&unseen);

    surface_destroy(s);

    /* A walk that blows up (mse, η far above 2/λ) is still stopped early, from finite
     * numbers: out beyond WALKER_AWAY_BOXES every step is a full one. */
    s = rows_surface(n, FIT_LINEAR, FIT_MSE);
    walker w;
    ck_assert(walker_init(&w, optimizer_sgd, s, 1024));
    ck_assert(walker_set_eta(&w, 5));
    int taken = 0;
    for (; taken < 200 && w.status != WALKER_DIVERGED; taken++)
        walker_step(&w);
    ck_assert_int_eq(w.status, WALKER_DIVERGED);
    ck_assert_int_lt(taken, 40);
    walker_sync(&w);
    ck_assert(isfinite(w.x) && isfinite(w.y) && isfinite(w.loss) && !w.refused);
    walker_free(&w);
    surface_destroy(s);

    /* On few rows (the shipped data) the full loss is there at every step. */
    ck_assert(walker_init(&w, optimizer_sgd, surface_find("logistic"), 1024));
    ck_assert(walker_set_param(&w, "batch", 2));
    for (int k = 0; k < 30; k++) {
        walker_step(&w);
        ck_assert(!w.stale && isfinite(w.trail[w.trail_len - 1].loss));
    }
    walker_free(&w);
}
END_TEST

/* ---- Newton ------------------------------------------------------------------------------- */

/* On a quadratic the local model is the surface: one step of η = 1 lands on the stationary
 * point, a minimum or (flagged) the saddle. */
START_TEST(test_newton_one_step_on_quadratics)
{
    static const char *const names[] = {"bowl", "valley", "saddle", "booth", "matyas"};
    const surface *s = surface_find(names[_i]);
    walker w;
    ck_assert(walker_init(&w, optimizer_newton, s, 1024));
    ck_assert(walker_set_eta(&w, 1));
    optimizer_move m;
    ck_assert(walker_preview(&w, &m));
    ck_assert_uint_eq(m.evals, 2);
    if (s->points[0].kind == POINT_SADDLE)
        ck_assert_str_eq(m.note, OPTIMIZER_NOTE_SADDLE);
    else
        ck_assert_ptr_null(m.note);
    ck_assert_int_eq(walker_step(&w), WALKER_CONVERGED);
    ck_assert_uint_eq(w.step, 1);
    ck_assert_double_eq_tol(w.x, s->points[0].x, 1e-12);
    ck_assert_double_eq_tol(w.y, s->points[0].y, 1e-12);
    ck_assert_double_lt(w.gnorm, 1e-10);
    walker_free(&w);
}
END_TEST

/* Near Himmelblau's maximum the Hessian is negative definite: Newton climbs to it, saying so
 * at every step. */
START_TEST(test_newton_heads_for_maximum)
{
    const surface *s = surface_find("himmelblau");
    const surface_point *top = &s->points[3];
    ck_assert_int_eq(top->kind, POINT_MAXIMUM);
    walker w;
    ck_assert(walker_init(&w, optimizer_newton, s, 1024));
    ck_assert(walker_set_eta(&w, 1));
    ck_assert(walker_set_start(&w, top->x + 0.3, top->y - 0.2));
    for (int k = 0; k < 10 && w.status == WALKER_RUNNING; k++) {
        optimizer_move m;
        ck_assert(walker_preview(&w, &m));
        ck_assert_str_eq(m.note, OPTIMIZER_NOTE_MAXIMUM);
        ck_assert_double_gt(m.predicted, 0); /* uphill, though "descending" */
        walker_step(&w);
    }
    ck_assert_int_eq(w.status, WALKER_CONVERGED);
    ck_assert_double_eq_tol(w.x, top->x, 1e-9);
    ck_assert_double_eq_tol(w.y, top->y, 1e-9);
    walker_free(&w);
}
END_TEST

/* L = x² + y: ∇²L is singular everywhere, so there is no Newton step (and no divergence). */
static void trough_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = x * x + y;
    if (g) {
        g[0] = 2 * x;
        g[1] = 1;
    }
    if (h) {
        h[0] = 2;
        h[1] = 0;
        h[2] = 0;
    }
}

static const surface trough = {
    .name = "trough",
    .eval = trough_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -2,
    .ymax = 2,
    .start_x = 1,
    .start_y = 1,
    .eta = 0.1,
};

START_TEST(test_newton_singular_hessian)
{
    walker w;
    ck_assert(walker_init(&w, optimizer_newton, &trough, 1024));
    optimizer_move m;
    ck_assert(!walker_preview(&w, &m));
    ck_assert_int_eq(walker_step(&w), WALKER_RUNNING);
    ck_assert_uint_eq(w.step, 0);
    ck_assert_double_eq(w.x, 1);
    walker_free(&w);
}
END_TEST

/* ---- Preview is the step ------------------------------------------------------------------ */

/* For every type on rosenbrock: the preview (asked three times, and at another η between)
 * is the step that follows, bit for bit, and a walker that never previews walks the same
 * path, so previewing has no side effect. */
START_TEST(test_preview_is_the_step)
{
    const optimizer_type *t = optimizer_at((size_t)_i);
    const surface *s = surface_find("rosenbrock");
    walker a, b;
    ck_assert(walker_init(&a, t, s, 1024));
    ck_assert(walker_init(&b, t, s, 1024));
    if (t == optimizer_newton) {
        ck_assert(walker_set_eta(&a, 0.5));
        ck_assert(walker_set_eta(&b, 0.5));
    }
    int moved = 0;
    for (int k = 0; k < 50; k++) {
        optimizer_move m, again, other;
        bool ok = walker_preview(&a, &m);
        (void)walker_preview_eta(&a, 2 * a.eta, &other); /* must change nothing */
        ck_assert_int_eq(walker_preview(&a, &again), ok);
        if (ok) {
            ck_assert(same_move(&m, &again));
            ck_assert_int_eq(walker_preview(&a, &again), 1);
            ck_assert(same_move(&m, &again));
        }
        double x = a.x + m.dx, y = a.y + m.dy;
        unsigned long evals = a.evals + (ok ? m.evals : 0);
        walker_step(&a);
        walker_step(&b);
        ck_assert_int_ne(a.status, WALKER_DIVERGED);
        if (ok) {
            moved++;
            ck_assert_double_eq(a.x, x);
            ck_assert_double_eq(a.y, y);
            ck_assert_double_eq(a.last_predicted, m.predicted);
        }
        ck_assert_uint_eq(a.evals, evals);
        ck_assert_double_eq(a.x, b.x);
        ck_assert_double_eq(a.y, b.y);
        ck_assert_uint_eq(a.step, b.step);
        ck_assert_uint_eq(a.evals, b.evals);
    }
    /* Every type moves until it converges (bfgs2 needs about 20 steps). */
    ck_assert_msg(moved == 50 || a.status == WALKER_CONVERGED, "%s moved %d times", t->name, moved);
    walker_free(&a);
    walker_free(&b);
}
END_TEST

/* Moving θ (or resetting) forgets what the optimizer learnt: afterwards a walker walks as one
 * started there. */
START_TEST(test_restart_forgets)
{
    const optimizer_type *t = optimizer_at((size_t)_i);
    const surface *s = surface_find("himmelblau");
    walker a, b;
    ck_assert(walker_init(&a, t, s, 1024));
    ck_assert(walker_init(&b, t, s, 1024));
    ck_assert(walker_set_eta(&a, t == optimizer_newton ? 1 : 0.005));
    ck_assert(walker_set_eta(&b, t == optimizer_newton ? 1 : 0.005));
    for (int k = 0; k < 7; k++)
        walker_step(&a);
    ck_assert(walker_set_theta(&a, 1.5, -0.5));
    ck_assert(walker_set_start(&b, 1.5, -0.5));
    for (int k = 0; k < 30; k++) {
        walker_step(&a);
        walker_step(&b);
        ck_assert_double_eq(a.x, b.x);
        ck_assert_double_eq(a.y, b.y);
    }
    walker_free(&a);
    walker_free(&b);
}
END_TEST

/* ---- The GSL types against GSL itself ----------------------------------------------------- */

typedef struct {
    const surface *s;
    unsigned long calls;
} direct_fn;

static double direct_f(const gsl_vector *v, void *p)
{
    direct_fn *c = p;
    double f;
    c->calls++;
    surface_eval(c->s, gsl_vector_get(v, 0), gsl_vector_get(v, 1), &f, NULL, NULL);
    return f;
}

static void direct_df(const gsl_vector *v, void *p, gsl_vector *out)
{
    direct_fn *c = p;
    double g[2];
    c->calls++;
    surface_eval(c->s, gsl_vector_get(v, 0), gsl_vector_get(v, 1), NULL, g, NULL);
    gsl_vector_set(out, 0, g[0]);
    gsl_vector_set(out, 1, g[1]);
}

static void direct_fdf(const gsl_vector *v, void *p, double *f, gsl_vector *out)
{
    direct_fn *c = p;
    double g[2];
    c->calls++;
    surface_eval(c->s, gsl_vector_get(v, 0), gsl_vector_get(v, 1), f, g, NULL);
    gsl_vector_set(out, 0, g[0]);
    gsl_vector_set(out, 1, g[1]);
}

static const gsl_multimin_fdfminimizer_type *gsl_type(int i)
{
    switch (i) {
    case 0:
        return gsl_multimin_fdfminimizer_steepest_descent;
    case 1:
        return gsl_multimin_fdfminimizer_conjugate_fr;
    case 2:
        return gsl_multimin_fdfminimizer_conjugate_pr;
    default:
        return gsl_multimin_fdfminimizer_vector_bfgs2;
    }
}

/* GSL run by hand with the settings optimizer.h states: first step η|∇L(θ0)|, tolerance 0.1,
 * iterated until |∇L| < WALKER_GRAD_TOL. The walker must take as many steps, count as many
 * evaluations (those after the start) and end on the same θ. */
START_TEST(test_gsl_matches_direct)
{
    static const char *const surfaces[] = {"rosenbrock", "valley", "himmelblau"};
    int ti = _i / 3;
    const surface *s = surface_find(surfaces[_i % 3]);
    enum { LIMIT = 20000 };

    direct_fn c = {s, 0};
    gsl_multimin_function_fdf fdf = {direct_f, direct_df, direct_fdf, 2, &c};
    gsl_multimin_fdfminimizer *m = gsl_multimin_fdfminimizer_alloc(gsl_type(ti), 2);
    ck_assert_ptr_nonnull(m);
    double x0[2] = {s->start_x, s->start_y}, g[2];
    gsl_vector_view v = gsl_vector_view_array(x0, 2);
    surface_eval(s, x0[0], x0[1], NULL, g, NULL);
    ck_assert_int_eq(
        gsl_multimin_fdfminimizer_set(m, &fdf, &v.vector, s->eta * hypot(g[0], g[1]), 0.1),
        GSL_SUCCESS);
    c.calls = 0;
    unsigned long iters = 0;
    for (; iters < LIMIT; iters++) {
        const gsl_vector *x = gsl_multimin_fdfminimizer_x(m);
        surface_eval(s, gsl_vector_get(x, 0), gsl_vector_get(x, 1), NULL, g, NULL);
        if (hypot(g[0], g[1]) < WALKER_GRAD_TOL ||
            gsl_multimin_fdfminimizer_iterate(m) != GSL_SUCCESS)
            break;
    }
    double gx = gsl_vector_get(gsl_multimin_fdfminimizer_x(m), 0);
    double gy = gsl_vector_get(gsl_multimin_fdfminimizer_x(m), 1);
    gsl_multimin_fdfminimizer_free(m);
    ck_assert_double_lt(hypot(g[0], g[1]), WALKER_GRAD_TOL);

    walker w;
    ck_assert(walker_init(&w, optimizer_find(gsl_names[ti]), s, 1024));
    run(&w, LIMIT);
    ck_assert_int_eq(w.status, WALKER_CONVERGED);
    ck_assert_uint_eq(w.step, iters);
    ck_assert_uint_eq(w.evals, c.calls);
    ck_assert_double_eq(w.x, gx);
    ck_assert_double_eq(w.y, gy);
    walker_free(&w);
}
END_TEST

/* At a minimum GSL reports no progress: the walker takes no step and stays converged. */
START_TEST(test_gsl_at_optimum)
{
    walker w;
    ck_assert(walker_init(&w, optimizer_find(gsl_names[_i]), surface_find("bowl"), 1024));
    ck_assert(walker_set_start(&w, 0, 0));
    ck_assert_int_eq(w.status, WALKER_CONVERGED);
    optimizer_move m;
    ck_assert(!walker_preview(&w, &m));
    ck_assert_int_eq(walker_step(&w), WALKER_CONVERGED);
    ck_assert_uint_eq(w.step, 0);
    ck_assert_uint_eq(w.evals, 0);
    walker_free(&w);
}
END_TEST

/* η only starts GSL; a new η starts it afresh from θ. A preview at another η shows that
 * fresh start, and the walk that follows is that of a walker started there with that η. */
START_TEST(test_gsl_eta_restarts)
{
    const optimizer_type *t = optimizer_find(gsl_names[_i]);
    const surface *s = surface_find("rosenbrock");
    walker a, b;
    ck_assert(walker_init(&a, t, s, 1024));
    ck_assert(walker_init(&b, t, s, 1024));
    for (int k = 0; k < 5; k++)
        walker_step(&a);
    ck_assert(walker_set_eta(&b, 0.01));
    ck_assert(walker_set_start(&b, a.x, a.y));
    optimizer_move other, fresh;
    ck_assert(walker_preview_eta(&a, 0.01, &other));
    ck_assert(walker_preview(&b, &fresh));
    /* Field by field: the struct's padding bytes are not part of the move. */
    ck_assert(other.dx == fresh.dx && other.dy == fresh.dy && other.predicted == fresh.predicted &&
              other.evals == fresh.evals && other.note == fresh.note);
    ck_assert(walker_set_eta(&a, 0.01));
    unsigned long before = a.evals;
    for (int k = 0; k < 20; k++) {
        walker_step(&a);
        walker_step(&b);
        ck_assert_double_eq(a.x, b.x);
        ck_assert_double_eq(a.y, b.y);
    }
    ck_assert_uint_eq(a.evals - before, b.evals);
    walker_free(&a);
    walker_free(&b);
}
END_TEST

/* L = (x − 1)² + y², undefined (NaN) for x > 3. */
static void cliff_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    bool off = x > 3;
    if (f)
        *f = off ? NAN : (x - 1) * (x - 1) + y * y;
    if (g) {
        g[0] = off ? NAN : 2 * (x - 1);
        g[1] = off ? NAN : 2 * y;
    }
    if (h) {
        h[0] = h[2] = off ? NAN : 2;
        h[1] = 0;
    }
}

static const surface cliff = {
    .name = "cliff",
    .eval = cliff_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -2,
    .ymax = 2,
    .start_x = -1,
    .start_y = 0.5,
    .eta = 10,
};

/* A first trial step of η|∇L| ≈ 41 lands where L is NaN. Seen as +∞ it is too far: steepest
 * descent and BFGS shorten the step and converge. Conjugate gradient's first line search
 * interpolates with f = +∞ to a step of zero and GSL reports no progress: the walker waits
 * (never diverged, never NaN), and restarted with a smaller η it converges. */
START_TEST(test_gsl_nan_is_too_far)
{
    const optimizer_type *t = optimizer_find(gsl_names[_i]);
    bool conjugate = t == optimizer_gsl_cg_fr || t == optimizer_gsl_cg_pr;
    walker w;
    ck_assert(walker_init(&w, t, &cliff, 1024));
    run(&w, 1000);
    if (conjugate) {
        optimizer_move m;
        ck_assert_int_eq(w.status, WALKER_RUNNING);
        ck_assert(!walker_preview(&w, &m));
        ck_assert_uint_eq(w.step, 0);
        ck_assert(walker_set_eta(&w, 0.1));
        walker_reset(&w);
        run(&w, 1000);
    }
    ck_assert_int_eq(w.status, WALKER_CONVERGED);
    ck_assert_double_eq_tol(w.x, 1, 1e-6);
    ck_assert_double_eq_tol(w.y, 0, 1e-6);
    walker_free(&w);
}
END_TEST

/* ---- Ascent ------------------------------------------------------------------------------- */

/* The first-order types climb; Newton and GSL refuse, and the walker stands still. */
START_TEST(test_ascend)
{
    const optimizer_type *t = optimizer_at((size_t)_i);
    static const char *const surfaces[] = {"bowl", "valley", "rosenbrock", "himmelblau"};
    for (int si = 0; si < 4; si++) {
        walker w;
        ck_assert(walker_init(&w, t, surface_find(surfaces[si]), 1024));
        ck_assert(walker_set_eta(&w, 1e-4));
        walker_set_ascend(&w, true);
        double before = w.loss, x = w.x, y = w.y;
        for (int k = 0; k < 5; k++)
            walker_step(&w);
        if (t->can_ascend) {
            ck_assert_uint_eq(w.step, 5);
            ck_assert_msg(w.loss > before, "%s on %s: L from %g to %g", t->name, surfaces[si],
                          before, w.loss);
            ck_assert_double_gt(w.last_predicted, 0);
        } else {
            optimizer_move m;
            ck_assert(!walker_preview(&w, &m));
            ck_assert_uint_eq(w.step, 0);
            ck_assert_double_eq(w.x, x);
            ck_assert_double_eq(w.y, y);
            /* Descending again, the type steps as if ascent had never been asked for. */
            walker_set_ascend(&w, false);
            ck_assert(walker_preview(&w, &m));
        }
        walker_free(&w);
    }
}
END_TEST

/* ---- Several types in one session --------------------------------------------------------- */

START_TEST(test_session_race)
{
    session ss;
    ck_assert(session_init(&ss, surface_find("rosenbrock")));
    for (size_t i = 1; i < optimizer_count(); i++)
        ck_assert_int_eq(session_add_walker(&ss, optimizer_at(i)), (int)i);
    for (size_t i = 0; i < optimizer_count(); i++) {
        session_set_focus(&ss, i);
        ck_assert(session_set_eta(&ss, optimizer_at(i) == optimizer_newton ? 1 : 0.0015));
    }
    for (int k = 0; k < 25000 && session_running(&ss); k++)
        session_step(&ss);
    for (size_t i = 0; i < optimizer_count(); i++) {
        const walker *w = &ss.walkers[i];
        ck_assert_int_ne(w->status, WALKER_DIVERGED);
        ck_assert_uint_ge(w->evals, w->step);
    }
    /* Newton and BFGS use curvature and beat plain descent by orders of magnitude. */
    ck_assert_int_eq(ss.walkers[6].status, WALKER_CONVERGED);
    ck_assert_uint_lt(ss.walkers[6].step, 10);
    ck_assert_int_eq(ss.walkers[10].status, WALKER_CONVERGED);
    ck_assert_uint_lt(ss.walkers[10].step, 40);
    ck_assert_int_eq(ss.walkers[0].status, WALKER_CONVERGED);
    ck_assert_uint_gt(ss.walkers[0].step, 1000 * ss.walkers[6].step);
    session_free(&ss);
}
END_TEST

/* ---- What the walker passes on (needs the walker.c change) --------------------------------- */

/* walker_set_param reaches the type: the walker walks as the type run directly with those
 * values. */
START_TEST(test_walker_params)
{
    const surface *s = surface_find("valley");
    walker w;
    ck_assert(walker_init(&w, optimizer_adam, s, 1024));
    ck_assert(walker_set_param(&w, "beta1", 0.8));
    ck_assert(walker_set_param(&w, "eps", 1e-6));
    ck_assert(!walker_set_param(&w, "mu", 0.5));
    ck_assert(!walker_set_param(&w, "beta2", NAN));
    const double p[] = {0.8, 0.999, 1e-6};
    enum { N = 40 };
    double xs[N], ys[N];
    drive(optimizer_adam, s, s->eta, p, false, N, xs, ys);
    for (int k = 0; k < N; k++) {
        walker_step(&w);
        ck_assert_double_eq(w.x, xs[k]);
        ck_assert_double_eq(w.y, ys[k]);
    }
    walker_free(&w);
}
END_TEST

/* Newton starts at η = 1 on any surface (and lands on booth's minimum in one step); the
 * others start at the surface's η. */
START_TEST(test_type_eta)
{
    walker w;
    ck_assert(walker_init(&w, optimizer_newton, surface_find("booth"), 1024));
    ck_assert_double_eq(w.eta, 1);
    ck_assert_int_eq(walker_step(&w), WALKER_CONVERGED);
    ck_assert_double_eq_tol(w.x, 1, 1e-12);
    ck_assert_double_eq_tol(w.y, 3, 1e-12);
    walker_set_surface(&w, surface_find("bowl"));
    ck_assert_double_eq(w.eta, 1);
    walker_free(&w);
    ck_assert(walker_init(&w, optimizer_adam, surface_find("booth"), 1024));
    ck_assert_double_eq(w.eta, 0.05);
    ck_assert_ptr_null(walker_move_along(&w, 1, 0).note);
    walker_free(&w);
}
END_TEST

/* ---- The spec parser ---------------------------------------------------------------------- */

START_TEST(test_spec_good)
{
    optspec o[SESSION_MAX_WALKERS];
    char err[256] = "";
    ck_assert_int_eq(optspec_parse("gd:eta=0.05,gd:eta=0.095,momentum:mu=0.5,adam", o,
                                   SESSION_MAX_WALKERS, err, sizeof err),
                     4);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_eq(o[0].type, optimizer_gd);
    ck_assert(o[0].eta_given);
    ck_assert_double_eq(o[0].eta, 0.05);
    ck_assert(!o[0].start_given);
    ck_assert_double_eq(o[1].eta, 0.095);
    ck_assert_ptr_eq(o[2].type, optimizer_momentum);
    ck_assert(o[2].param_given[0]);
    ck_assert_double_eq(o[2].params[0], 0.5);
    ck_assert(!o[2].eta_given);
    ck_assert_ptr_eq(o[3].type, optimizer_adam);
    for (int k = 0; k < 3; k++) {
        ck_assert(!o[3].param_given[k]);
        ck_assert_double_eq(o[3].params[k], optimizer_adam->param_defaults[k]);
    }

    ck_assert_int_eq(optspec_parse("adam:beta2=0.99:start=-1.5/2:eps=1e-6:eta=0.01:beta1=0.8", o, 1,
                                   err, sizeof err),
                     1);
    ck_assert_double_eq(o[0].params[0], 0.8);
    ck_assert_double_eq(o[0].params[1], 0.99);
    ck_assert_double_eq(o[0].params[2], 1e-6);
    ck_assert(o[0].param_given[0] && o[0].param_given[1] && o[0].param_given[2]);
    ck_assert_double_eq(o[0].eta, 0.01);
    ck_assert(o[0].start_given);
    ck_assert_double_eq(o[0].start_x, -1.5);
    ck_assert_double_eq(o[0].start_y, 2);

    /* Blanks around specs, every type by name, exactly SESSION_MAX_WALKERS of them. */
    ck_assert_int_eq(optspec_parse(" newton , gsl-bfgs2:start=0/0 ", o, 2, err, sizeof err), 2);
    ck_assert_ptr_eq(o[0].type, optimizer_newton);
    ck_assert_ptr_eq(o[1].type, optimizer_gsl_bfgs2);
    char all[512] = "";
    for (size_t i = 0; i < SESSION_MAX_WALKERS; i++) {
        strcat(all, i ? "," : "");
        strcat(all, optimizer_at(i % optimizer_count())->name);
    }
    ck_assert_int_eq(optspec_parse(all, o, SESSION_MAX_WALKERS, err, sizeof err),
                     SESSION_MAX_WALKERS);
    for (size_t i = 0; i < SESSION_MAX_WALKERS; i++)
        ck_assert_ptr_eq(o[i].type, optimizer_at(i % optimizer_count()));
}
END_TEST

static const char *const bad_specs[][2] = {
    {"", "no optimizer named; expected NAME[:key=value...][,...]"},
    {"  ", "no optimizer named; expected NAME[:key=value...][,...]"},
    {"gd,,adam", "spec 2 of 'gd,,adam' is empty; expected NAME[:key=value...]"},
    {"gd,", "spec 2 of 'gd,' is empty; expected NAME[:key=value...]"},
    {"adma:eta=0.1", "'adma:eta=0.1': unknown optimizer 'adma'; did you mean 'adam'?"},
    {"momentun", "'momentun': unknown optimizer 'momentun'; did you mean 'momentum'?"},
    {"gsl-bgfs2", "'gsl-bgfs2': unknown optimizer 'gsl-bgfs2'; did you mean 'gsl-bfgs2'?"},
    {"sgdd", "'sgdd': unknown optimizer 'sgdd'; did you mean 'sgd'?"},
    {"gd,xyz:eta=1", "'xyz:eta=1': unknown optimizer 'xyz'; valid names: gd, momentum, "
                     "nesterov, adagrad, rmsprop, adam, newton, gsl-sd, gsl-cg-fr, gsl-cg-pr, "
                     "gsl-bfgs2, sgd"},
    {"momentum:beta=0.5", "'momentum:beta=0.5': momentum has no key 'beta'; its keys are mu, "
                          "eta, start"},
    {"gd:mu=0.5", "'gd:mu=0.5': gd has no key 'mu'; its keys are eta, start"},
    {"adam:alpha=1", "'adam:alpha=1': adam has no key 'alpha'; its keys are beta1, beta2, eps, "
                     "eta, start"},
    {"momentum:mu=abc", "'momentum:mu=abc': 'abc' is not a value for mu; expected a finite "
                        "number"},
    {"rmsprop:eps=", "'rmsprop:eps=': '' is not a value for eps; expected a finite number"},
    {"gd:eta=0", "'gd:eta=0': '0' is not a value for eta; expected a finite number > 0"},
    {"gd:eta=nan", "'gd:eta=nan': 'nan' is not a value for eta; expected a finite number > 0"},
    {"gd:start=1", "'gd:start=1': '1' is not a value for start; expected X/Y, two finite "
                   "numbers (e.g. start=-1.5/2)"},
    {"gd:start=1/2/3", "'gd:start=1/2/3': '1/2/3' is not a value for start; expected X/Y, two "
                       "finite numbers (e.g. start=-1.5/2)"},
    {"momentum:mu", "'momentum:mu': 'mu' is not key=value"},
    {"gd:", "'gd:': '' is not key=value"},
    {"gd:=1", "'gd:=1': '=1' is not key=value"},
    {"gd:eta=1:eta=2", "'gd:eta=1:eta=2': eta is given twice"},
    {"adam:eps=1:eps=x", "'adam:eps=1:eps=x': eps is given twice"},
    {"gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,adam",
     "'adam' (spec 17): more than 16 walkers"},
};

START_TEST(test_spec_bad)
{
    optspec o[SESSION_MAX_WALKERS];
    char err[512];
    ck_assert_int_eq(optspec_parse(bad_specs[_i][0], o, SESSION_MAX_WALKERS, err, sizeof err), -1);
    ck_assert_str_eq(err, bad_specs[_i][1]);
}
END_TEST

START_TEST(test_spec_error_buffer)
{
    optspec o[1];
    char err[8] = "xxxxxxx";
    ck_assert_int_eq(optspec_parse("nosuch", o, 1, err, sizeof err), -1);
    ck_assert_str_eq(err, "'nosuch"); /* cut to fit, still terminated */
    ck_assert_int_eq(optspec_parse("nosuch", o, 1, NULL, 0), -1);
    ck_assert_int_eq(optspec_parse(NULL, o, 1, NULL, 0), -1);
}
END_TEST

START_TEST(test_distance)
{
    ck_assert_uint_eq(optspec_distance("adam", "adam"), 0);
    ck_assert_uint_eq(optspec_distance("adma", "adam"), 1);
    ck_assert_uint_eq(optspec_distance("", "gd"), 2);
    ck_assert_uint_eq(optspec_distance("kitten", "sitting"), 3);
    ck_assert_uint_eq(optspec_distance("sitting", "kitten"), 3);
    ck_assert_uint_eq(optspec_distance("ca", "abc"), 3); /* no edit of a swapped pair */
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("optimizer");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, test_catalog);
    tcase_add_loop_test(tc, test_rules_match_reference, 0, N_FIRST_ORDER);
    tcase_add_test(tc, test_momentum_bowl_closed_form);
    tcase_add_test(tc, test_adaptive_first_step);
    tcase_add_test(tc, test_evaluation_counts);
    tcase_add_loop_test(tc, test_newton_one_step_on_quadratics, 0, 5);
    tcase_add_test(tc, test_newton_heads_for_maximum);
    tcase_add_test(tc, test_newton_singular_hessian);
    tcase_add_loop_test(tc, test_preview_is_the_step, 0, 11);
    tcase_add_loop_test(tc, test_restart_forgets, 0, 11);
    tcase_add_loop_test(tc, test_ascend, 0, 11);
    tcase_add_test(tc, test_session_race);
    tcase_add_test(tc, test_walker_params);
    tcase_add_test(tc, test_type_eta);
    tcase_add_test(tc, test_sgd_full_batch_and_seed);
    tcase_add_test(tc, test_sgd_batches);
    tcase_add_test(tc, test_sgd_full_loss_once_per_epoch);
    suite_add_tcase(s, tc);
    TCase *gsl = tcase_create("gsl");
    tcase_add_loop_test(gsl, test_gsl_matches_direct, 0, 12);
    tcase_add_loop_test(gsl, test_gsl_at_optimum, 0, 4);
    tcase_add_loop_test(gsl, test_gsl_eta_restarts, 0, 4);
    tcase_add_loop_test(gsl, test_gsl_nan_is_too_far, 0, 4);
    suite_add_tcase(s, gsl);
    TCase *spec = tcase_create("spec");
    tcase_add_test(spec, test_spec_good);
    tcase_add_loop_test(spec, test_spec_bad, 0, (int)(sizeof bad_specs / sizeof bad_specs[0]));
    tcase_add_test(spec, test_spec_error_buffer);
    tcase_add_test(spec, test_distance);
    suite_add_tcase(s, spec);
    return run_suite(s);
}
