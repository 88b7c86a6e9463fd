// SPDX-License-Identifier: MIT
/* The analysis module: the probe's Taylor terms on every surface, the third-order error, the
 * Hessian's eigenvalues and stability bound against closed forms, the angle to a minimum. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "steepest/analysis.h"
#include "steepest/session.h"

/* The analysis of the focused walker's θ, as the panel asks for it. */
static analysis_probe probe_here(const session *ss, double beta)
{
    analysis_point p = walker_here(session_walker(ss));
    return analysis_probe_at(ss->surf, &p, session_walker(ss)->eta, beta);
}

static double angle_here(const session *ss)
{
    analysis_point p = walker_here(session_walker(ss));
    return analysis_angle_to_minimum(ss->surf, &p);
}

/* ΔL of the optimizer's next step: actual, and its first-order prediction. */
static void step_delta(const session *ss, double *actual, double *first)
{
    const walker *w = session_walker(ss);
    optimizer_move m;
    ck_assert(walker_preview(w, &m));
    *actual = surface_loss(ss->surf, w->x + m.dx, w->y + m.dy) - w->loss;
    *first = m.predicted;
}

enum { POINTS = 24 };

/* Seeded points inside the middle of the domain, where every surface is smooth. */
static void seeded(const surface *s, unsigned long seed, double *x, double *y)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int i = 0; i < POINTS; i++) {
        x[i] = s->xmin + (s->xmax - s->xmin) * (0.15 + 0.7 * gsl_rng_uniform(r));
        y[i] = s->ymin + (s->ymax - s->ymin) * (0.15 + 0.7 * gsl_rng_uniform(r));
    }
    gsl_rng_free(r);
}

START_TEST(test_probe_terms)
{
    const surface *s = surface_at((size_t)_i);
    session ss;
    ck_assert(session_init(&ss, s));
    double xs[POINTS], ys[POINTS];
    seeded(s, 77 + (unsigned long)_i, xs, ys);
    for (int k = 0; k < POINTS; k++) {
        session_set_theta(&ss, xs[k], ys[k]);
        if (!(session_walker(&ss)->gnorm > 1e-9))
            continue;
        double best = INFINITY, best_beta = -1;
        for (int beta = 0; beta < 360; beta += 15) {
            analysis_probe p = probe_here(&ss, beta);
            /* u is a unit vector at β from ∇L. */
            ck_assert_double_eq_tol(hypot(p.ux, p.uy), 1, 1e-12);
            ck_assert_double_eq_tol(
                (p.ux * session_walker(&ss)->gx + p.uy * session_walker(&ss)->gy) /
                    session_walker(&ss)->gnorm,
                p.cos_beta, 1e-12);
            /* The actual change is exactly L(θ + ηu) - L(θ). */
            double want = surface_loss(s, session_walker(&ss)->x + session_walker(&ss)->eta * p.ux,
                                       session_walker(&ss)->y + session_walker(&ss)->eta * p.uy) -
                          session_walker(&ss)->loss;
            ck_assert_double_eq(p.actual, want);
            ck_assert_double_eq_tol(p.first,
                                    session_walker(&ss)->eta * session_walker(&ss)->gnorm *
                                        cos(beta * M_PI / 180),
                                    1e-12 * session_walker(&ss)->eta * session_walker(&ss)->gnorm);
            if (p.first < best) {
                best = p.first;
                best_beta = beta;
            }
        }
        /* The first-order change is lowest exactly against the gradient. */
        ck_assert_double_eq(best_beta, 180);
    }
    session_free(&ss);
}
END_TEST

/* |actual - (ΔL₁ + ΔL₂)| is the third-order remainder: halving η divides it by about 8. */
START_TEST(test_second_order_error_is_cubic)
{
    const surface *s = surface_at((size_t)_i);
    if (strcmp(s->name, "bowl") == 0 || strcmp(s->name, "valley") == 0 ||
        strcmp(s->name, "saddle") == 0 || strcmp(s->name, "booth") == 0 ||
        strcmp(s->name, "matyas") == 0)
        return; /* quadratics: the remainder is exactly zero */
    session ss;
    ck_assert(session_init(&ss, s));
    double xs[POINTS], ys[POINTS];
    seeded(s, 500 + (unsigned long)_i, xs, ys);
    int checked = 0;
    for (int k = 0; k < POINTS && checked < 6; k++) {
        session_set_theta(&ss, xs[k], ys[k]);
        double span = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
        double err[2];
        for (int h = 0; h < 2; h++) {
            session_set_eta(&ss, 1e-3 * span * (h ? 0.5 : 1));
            analysis_probe p = probe_here(&ss, 135);
            err[h] = fabs(p.actual - p.predicted);
        }
        if (err[0] < 1e-11 * (1 + fabs(session_walker(&ss)->loss)))
            continue; /* third derivative ~0 along u here: nothing to measure */
        double ratio = err[0] / err[1];
        ck_assert_msg(ratio > 6.5 && ratio < 9.5, "%s at (%g, %g): ratio %g", s->name,
                      session_walker(&ss)->x, session_walker(&ss)->y, ratio);
        checked++;
    }
    ck_assert_int_gt(checked, 0);
    session_free(&ss);
}
END_TEST

START_TEST(test_eigenvalues_closed_forms)
{
    static const struct {
        const char *name;
        double lo, hi, bound;
    } q[] = {
        {"bowl", 2, 2, 1},      {"valley", 1, 20, 0.1}, {"booth", 2, 18, 2.0 / 18},
        {"matyas", 0.04, 1, 2}, {"saddle", -2, 2, 1},
    };
    for (size_t k = 0; k < sizeof q / sizeof q[0]; k++) {
        const surface *s = surface_find(q[k].name);
        analysis_hessian h = analysis_hessian_at(s, 0.37, -1.21);
        ck_assert(h.ok);
        ck_assert_double_eq_tol(h.lambda_min, q[k].lo, 1e-12);
        ck_assert_double_eq_tol(h.lambda_max, q[k].hi, 1e-12);
        ck_assert_double_eq_tol(h.eta_bound, q[k].bound, 1e-12);
        ck_assert_double_eq_tol(h.condition, fabs(q[k].hi) / fabs(q[k].lo), 1e-9);
    }
    /* No bound where both eigenvalues are negative: himmelblau's maximum. */
    analysis_hessian h =
        analysis_hessian_at(surface_find("himmelblau"), -0.27084459066734756, -0.92303855647998156);
    ck_assert_double_lt(h.lambda_max, 0);
    ck_assert(isnan(h.eta_bound));
    /* Rosenbrock at its minimum: about 0.4 and 1001.6. */
    h = analysis_hessian_at(surface_find("rosenbrock"), 1, 1);
    ck_assert_double_eq_tol(h.lambda_min + h.lambda_max, 1002, 1e-9);
    ck_assert_double_eq_tol(h.lambda_min * h.lambda_max, 802 * 200 - 400 * 400, 1e-6);
}
END_TEST

START_TEST(test_angle_to_minimum)
{
    session ss;
    ck_assert(session_init(&ss, surface_find("bowl")));
    ck_assert_double_eq_tol(angle_here(&ss), 0, 1e-6);
    session_set_surface(&ss, surface_find("valley"));
    /* -∇L = (15.04, -16.22); to the origin = (2.5, 0.5). */
    double want = acos((15.04 * 2.5 - 16.22 * 0.5) / (hypot(15.04, 16.22) * hypot(2.5, 0.5)));
    ck_assert_double_eq_tol(angle_here(&ss), want * 180 / M_PI, 1e-9);
    session_set_surface(&ss, surface_find("saddle"));
    ck_assert(isnan(angle_here(&ss)));
    /* himmelblau: the nearest of four minima. */
    const surface_point *m = analysis_nearest_minimum(surface_find("himmelblau"), 3.5, -1.5);
    ck_assert_double_eq_tol(m->x, 3.5844283403304917, 1e-12);
    session_free(&ss);
}
END_TEST

START_TEST(test_probe_special_angles)
{
    session ss;
    ck_assert(session_init(&ss, surface_find("valley")));
    analysis_probe p = probe_here(&ss, 90);
    ck_assert_double_eq(p.cos_beta, 0);
    ck_assert_double_eq(p.first, 0); /* along the level curve: no first-order change */
    p = probe_here(&ss, 180);
    ck_assert_double_eq_tol(p.ux, -session_walker(&ss)->gx / session_walker(&ss)->gnorm, 1e-15);
    ck_assert_double_eq_tol(p.first, -session_walker(&ss)->eta * session_walker(&ss)->gnorm, 1e-12);
    ck_assert_double_eq(analysis_wrap_degrees(-5), 355);
    ck_assert_double_eq(analysis_wrap_degrees(725), 5);
    /* Quadratic: the second-order prediction is exact. */
    p = probe_here(&ss, 135);
    ck_assert_double_eq_tol(p.predicted, p.actual, 1e-12);
    /* The gradient-step delta helper agrees with a real step. */
    double act, first;
    step_delta(&ss, &act, &first);
    double before = session_walker(&ss)->loss;
    session_step(&ss);
    ck_assert_double_eq_tol(act, session_walker(&ss)->loss - before, 1e-12);
    ck_assert_double_eq_tol(first, session_walker(&ss)->last_predicted, 1e-12);
    session_free(&ss);
}
END_TEST

/* The eigenvectors the x key draws: H v = λ v for both, unit length, at seeded points of
 * every surface (and the axes when H is diagonal). */
START_TEST(test_eigenvectors)
{
    const surface *s = surface_at((size_t)_i);
    double xs[POINTS], ys[POINTS];
    seeded(s, 500 + (unsigned long)_i, xs, ys);
    for (int k = 0; k < POINTS; k++) {
        analysis_point p = analysis_point_at(s, xs[k], ys[k]);
        analysis_hessian h = analysis_hessian_of(&p);
        double vmin[2], vmax[2];
        if (!h.ok || !analysis_eigenvectors(&p, vmin, vmax))
            continue;
        const double *v[2] = {vmin, vmax};
        double lam[2] = {h.lambda_min, h.lambda_max};
        double scale = fmax(1, fmax(fabs(lam[0]), fabs(lam[1])));
        for (int j = 0; j < 2; j++) {
            ck_assert_double_eq_tol(hypot(v[j][0], v[j][1]), 1, 1e-12);
            double hx = p.h[0] * v[j][0] + p.h[1] * v[j][1];
            double hy = p.h[1] * v[j][0] + p.h[2] * v[j][1];
            ck_assert_double_eq_tol(hx, lam[j] * v[j][0], 1e-9 * scale);
            ck_assert_double_eq_tol(hy, lam[j] * v[j][1], 1e-9 * scale);
        }
    }
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("analysis");
    TCase *tc = tcase_create("analysis");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_probe_terms, 0, (int)surface_count());
    tcase_add_loop_test(tc, test_second_order_error_is_cubic, 0, (int)surface_count());
    tcase_add_test(tc, test_eigenvalues_closed_forms);
    tcase_add_test(tc, test_angle_to_minimum);
    tcase_add_test(tc, test_probe_special_angles);
    tcase_add_loop_test(tc, test_eigenvectors, 0, (int)surface_count());
    suite_add_tcase(s, tc);
    return run_suite(s);
}
