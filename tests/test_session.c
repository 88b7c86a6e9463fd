// SPDX-License-Identifier: MIT
/* The stepping core: exact steps, the stability bound, ascent, and the first-order error. */
#include <math.h>
#include <stdlib.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>

#include "steepest/session.h"

static session ss;

static void setup(void)
{
    ck_assert(session_init(&ss, surface_find("bowl")));
}

static void teardown(void)
{
    session_free(&ss);
}

START_TEST(test_defaults)
{
    ck_assert_str_eq(ss.surf->name, "bowl");
    ck_assert_double_eq(session_walker(&ss)->x, 1.6);
    ck_assert_double_eq(session_walker(&ss)->y, 1.2);
    ck_assert_double_eq(session_walker(&ss)->eta, 0.1);
    ck_assert(!session_walker(&ss)->ascend);
    ck_assert_uint_eq(session_walker(&ss)->step, 0);
    ck_assert_uint_eq(session_walker(&ss)->trail_len, 1);
    ck_assert_double_eq_tol(session_walker(&ss)->loss, 4.0, 1e-15);
    ck_assert_double_eq_tol(session_walker(&ss)->gnorm, 4.0, 1e-15);
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_RUNNING);
}
END_TEST

START_TEST(test_bowl_step_closed_form)
{
    /* θ1 = θ0 - η ∇L = (1 - 2η) θ0, L1 = (1 - 2η)² L0. */
    ck_assert_int_eq(session_step(&ss), WALKER_RUNNING);
    ck_assert_double_eq_tol(session_walker(&ss)->x, 0.8 * 1.6, 1e-15);
    ck_assert_double_eq_tol(session_walker(&ss)->y, 0.8 * 1.2, 1e-15);
    ck_assert_double_eq_tol(session_walker(&ss)->loss, 0.64 * 4.0, 1e-14);
    ck_assert_double_eq_tol(session_walker(&ss)->last_delta, 0.64 * 4.0 - 4.0, 1e-14);
    ck_assert_double_eq_tol(session_walker(&ss)->last_predicted, -0.1 * 16.0, 1e-14);
    ck_assert_uint_eq(session_walker(&ss)->step, 1);
    ck_assert_uint_eq(session_walker(&ss)->trail_len, 2);
    ck_assert_double_eq(session_walker(&ss)->trail[1].x, session_walker(&ss)->x);
    ck_assert_double_eq(session_walker(&ss)->trail[1].loss, session_walker(&ss)->loss);
}
END_TEST

START_TEST(test_ascend_raises_loss)
{
    static const char *const names[] = {"bowl",   "valley",   "rosenbrock", "himmelblau",
                                        "neuron", "logistic", "camel6",     "beale"};
    session_set_surface(&ss, surface_find(names[_i]));
    session_set_eta(&ss, 1e-6);
    session_set_ascend(&ss, true);
    double before = session_walker(&ss)->loss;
    session_step(&ss);
    ck_assert_msg(session_walker(&ss)->loss > before, "%s: ascend took L from %g to %g", names[_i],
                  before, session_walker(&ss)->loss);
    ck_assert_double_gt(session_walker(&ss)->last_predicted, 0);
}
END_TEST

/* On a quadratic with λmax = 20, η < 2/λmax converges and η > 2/λmax diverges. */
START_TEST(test_stability_bound)
{
    session_set_surface(&ss, surface_find("valley"));
    ck_assert(session_set_eta(&ss, 0.99 * 0.1));
    for (int i = 0; i < 5000 && session_walker(&ss)->status == WALKER_RUNNING; i++)
        session_step(&ss);
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_CONVERGED);
    ck_assert_double_lt(session_walker(&ss)->loss, 1e-10);

    session_reset(&ss);
    ck_assert(session_set_eta(&ss, 1.01 * 0.1));
    for (int i = 0; i < 5000 && session_walker(&ss)->status == WALKER_RUNNING; i++)
        session_step(&ss);
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_DIVERGED);
    ck_assert(isfinite(session_walker(&ss)->x) && isfinite(session_walker(&ss)->y) &&
              isfinite(session_walker(&ss)->loss));
}
END_TEST

START_TEST(test_divergence_never_stores_nan)
{
    ck_assert(session_set_eta(&ss, 1e300));
    double x = session_walker(&ss)->x, y = session_walker(&ss)->y;
    ck_assert_int_eq(session_step(&ss), WALKER_DIVERGED);
    ck_assert_double_eq(session_walker(&ss)->x, x);
    ck_assert_double_eq(session_walker(&ss)->y, y);
    ck_assert_uint_eq(session_walker(&ss)->step, 0);
    ck_assert_uint_eq(session_walker(&ss)->trail_len, 1);
    ck_assert(!isfinite(session_walker(&ss)->attempt.loss) ||
              fabs(session_walker(&ss)->attempt.x) > 1e6);
    /* A refused step stays refused... */
    ck_assert_int_eq(session_step(&ss), WALKER_DIVERGED);
    ck_assert_double_eq(session_walker(&ss)->x, x);
    /* ...until reset, which clears the status. */
    session_reset(&ss);
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_RUNNING);
    /* A smaller η clears it too, and the walk goes on from the last good θ. */
    session_step(&ss);
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_DIVERGED);
    ck_assert(session_set_eta(&ss, 0.1));
    ck_assert_int_eq(session_step(&ss), WALKER_RUNNING);
    ck_assert_double_eq_tol(session_walker(&ss)->x, 0.8 * 1.6, 1e-15);
}
END_TEST

START_TEST(test_eta_validation)
{
    ck_assert(!session_set_eta(&ss, 0));
    ck_assert(!session_set_eta(&ss, -1));
    ck_assert(!session_set_eta(&ss, NAN));
    ck_assert(!session_set_eta(&ss, INFINITY));
    ck_assert_double_eq(session_walker(&ss)->eta, 0.1);
    ck_assert(session_set_eta(&ss, 0.25));
    ck_assert_double_eq(session_walker(&ss)->eta, 0.25);
    ck_assert(!session_set_start(&ss, NAN, 0));
    ck_assert(!session_set_theta(&ss, 0, INFINITY));
    ck_assert_double_eq(session_walker(&ss)->x, 1.6);
}
END_TEST

START_TEST(test_converges_on_bowl)
{
    int n = 0;
    while (session_walker(&ss)->status == WALKER_RUNNING && n < 1000) {
        session_step(&ss);
        n++;
    }
    ck_assert_int_eq(session_walker(&ss)->status, WALKER_CONVERGED);
    ck_assert_double_lt(session_walker(&ss)->gnorm, WALKER_GRAD_TOL);
    /* |∇L| shrinks by 0.8 per step from 4: the first n with 4 * 0.8^n < 1e-6 is 69. */
    ck_assert_int_eq(n, 69);
}
END_TEST

/* |actual ΔL - predicted ΔL| is the ignored second-order term: halving η quarters it. */
START_TEST(test_first_order_error_is_quadratic)
{
    static const char *const names[] = {"rosenbrock", "himmelblau", "neuron", "logistic",
                                        "camel6",     "valley",     "beale",  "rastrigin"};
    session_set_surface(&ss, surface_find(names[_i]));
    double err[2];
    for (int k = 0; k < 2; k++) {
        session_reset(&ss);
        session_set_eta(&ss, 1e-4 * (k ? 0.5 : 1) / fmax(1, session_walker(&ss)->gnorm));
        session_step(&ss);
        err[k] = fabs(session_walker(&ss)->last_delta - session_walker(&ss)->last_predicted);
    }
    double ratio = err[0] / err[1];
    ck_assert_msg(ratio > 3.6 && ratio < 4.4, "%s: error ratio %g", names[_i], ratio);
}
END_TEST

START_TEST(test_step_along_direction)
{
    /* Along the level circle's tangent the first-order change is zero. */
    double ux = -session_walker(&ss)->gy / session_walker(&ss)->gnorm,
           uy = session_walker(&ss)->gx / session_walker(&ss)->gnorm;
    session_step_along(&ss, ux, uy);
    ck_assert_double_eq_tol(session_walker(&ss)->last_predicted, 0, 1e-15);
    ck_assert_double_eq_tol(session_walker(&ss)->x, 1.6 + 0.1 * ux, 1e-15);
    ck_assert_double_eq_tol(session_walker(&ss)->y, 1.2 + 0.1 * uy, 1e-15);
    ck_assert_uint_eq(session_walker(&ss)->step, 1);
}
END_TEST

START_TEST(test_surface_switch_and_theta)
{
    session_step(&ss);
    session_set_surface(&ss, surface_find("neuron"));
    ck_assert_double_eq(session_walker(&ss)->x, -2);
    ck_assert_double_eq(session_walker(&ss)->eta, 1);
    ck_assert_uint_eq(session_walker(&ss)->step, 0);
    ck_assert_uint_eq(session_walker(&ss)->trail_len, 1);
    ck_assert(session_set_theta(&ss, 1, 1));
    ck_assert_double_eq(session_walker(&ss)->loss, surface_loss(ss.surf, 1, 1));
    /* The trail keeps the start and begins a new segment at the moved θ. */
    ck_assert_uint_eq(session_walker(&ss)->trail_len, 2);
    ck_assert(!session_walker(&ss)->trail[0].jump);
    ck_assert(session_walker(&ss)->trail[1].jump);
    ck_assert_double_eq(session_walker(&ss)->trail[1].x, 1);
    session_reset(&ss);
    ck_assert_double_eq(session_walker(&ss)->x, -2);
    ck_assert(session_set_start(&ss, 0.5, -0.5));
    ck_assert_double_eq(session_walker(&ss)->x, 0.5);
    session_reset(&ss);
    ck_assert_double_eq(session_walker(&ss)->y, -0.5);
}
END_TEST

START_TEST(test_trail_is_bounded)
{
    session_set_eta(&ss, 1e-9); /* tiny steps: never converges in this loop */
    for (int i = 0; i < SESSION_TRAIL_BUDGET + 10; i++)
        session_step(&ss);
    ck_assert_uint_le(session_walker(&ss)->trail_len, SESSION_TRAIL_BUDGET);
    ck_assert_uint_eq(session_walker(&ss)->trail_first_step + session_walker(&ss)->trail_len - 1,
                      session_walker(&ss)->step);
    ck_assert_double_eq(session_walker(&ss)->trail[session_walker(&ss)->trail_len - 1].x,
                        session_walker(&ss)->x);
}
END_TEST

START_TEST(test_eight_walkers_closed_form)
{
    /* Eight gradient-descent walkers on bowl with different η: each follows its own closed
     * form θk = (1 - 2η)^k θ0, and together they keep no more trail than one walker alone. */
    static const double etas[8] = {0.001, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.49};
    session_set_eta(&ss, etas[0]);
    for (int k = 1; k < 8; k++) {
        ck_assert_int_eq(session_add_walker(&ss, optimizer_gd), k);
        ck_assert_uint_eq(ss.focus, (size_t)k);
        ck_assert(session_set_eta(&ss, etas[k]));
    }
    ck_assert_int_eq((int)ss.n_walkers, 8);
    size_t kept = 0;
    for (int step = 0; step < 3000; step++)
        session_step(&ss);
    for (int k = 0; k < 8; k++) {
        const walker *w = &ss.walkers[k];
        double f = pow(1 - 2 * etas[k], (double)w->step);
        ck_assert_double_eq_tol(w->x, f * 1.6, 1e-12);
        ck_assert_double_eq_tol(w->y, f * 1.2, 1e-12);
        ck_assert_uint_le(w->trail_cap, SESSION_TRAIL_BUDGET / 8);
        kept += w->trail_cap;
    }
    ck_assert_uint_le(kept, SESSION_TRAIL_BUDGET);
    /* The slowest never converges in 3000 steps; the fastest stops stepping once converged. */
    ck_assert_uint_eq(ss.walkers[0].step, 3000);
    ck_assert_int_eq(ss.walkers[0].status, WALKER_RUNNING);
    ck_assert_uint_lt(ss.walkers[4].step, 3000);
    ck_assert_int_eq(ss.walkers[4].status, WALKER_CONVERGED);
    /* Removing a walker keeps the others and their order. */
    double x5 = ss.walkers[5].x;
    ck_assert(session_remove_walker(&ss, 2));
    ck_assert_double_eq(ss.walkers[4].x, x5);
    ck_assert_uint_eq(ss.n_walkers, 7);
    ck_assert_int_eq(session_add_walker(&ss, optimizer_gd), 7);
    while (ss.n_walkers < SESSION_MAX_WALKERS)
        ck_assert_int_ge(session_add_walker(&ss, optimizer_gd), 0);
    ck_assert_int_eq(session_add_walker(&ss, optimizer_gd), -1);
}
END_TEST

START_TEST(test_preview_is_the_step)
{
    /* What the landing mark shows is where the step goes, bit for bit. */
    static const char *const names[] = {"valley", "rosenbrock", "neuron", "himmelblau"};
    session_set_surface(&ss, surface_find(names[_i]));
    for (int k = 0; k < 50; k++) {
        const walker *w = session_walker(&ss);
        optimizer_move m;
        ck_assert(walker_preview(w, &m));
        double x = w->x + m.dx, y = w->y + m.dy, predicted = m.predicted;
        ck_assert_int_ne(session_step(&ss), WALKER_DIVERGED);
        ck_assert_double_eq(w->x, x);
        ck_assert_double_eq(w->y, y);
        ck_assert_double_eq(w->last_predicted, predicted);
    }
}
END_TEST

/* Divergence is seen early (theta outward for five steps with |L| growing, beyond three box
 * sizes) and never where a walk only settles slowly. */
START_TEST(test_early_divergence)
{
    static const struct {
        const char *name;
        double eta;
        bool ascend;
        unsigned long by; /* diverged at or before this step; 0: must not diverge */
        bool unbounded;
    } cases[] = {
        {"valley", 0.11, false, 30, false},    {"bowl", 0.1, true, 20, true},
        {"saddle", 0.1, false, 60, true},      {"rosenbrock", 0.0015, false, 0, false},
        {"neuron", 1, false, 0, false},        {"rastrigin", 0.002, false, 0, false},
        {"himmelblau", 0.01, false, 0, false}, {"camel6", 0.02, false, 0, false},
    };
    session_set_surface(&ss, surface_find(cases[_i].name));
    session_set_eta(&ss, cases[_i].eta);
    session_set_ascend(&ss, cases[_i].ascend);
    const walker *w = session_walker(&ss);
    for (int k = 0; k < 30000 && w->status == WALKER_RUNNING; k++)
        session_step(&ss);
    if (cases[_i].by) {
        ck_assert_int_eq(w->status, WALKER_DIVERGED);
        ck_assert_uint_le(w->step, cases[_i].by);
        ck_assert(!w->refused); /* seen before any step had to be refused */
        ck_assert_int_eq(w->unbounded, cases[_i].unbounded);
    } else {
        ck_assert_msg(w->status != WALKER_DIVERGED, "%s diverged at step %lu", cases[_i].name,
                      w->step);
    }
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("step");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_bowl_step_closed_form);
    tcase_add_loop_test(tc, test_ascend_raises_loss, 0, 8);
    tcase_add_test(tc, test_stability_bound);
    tcase_add_test(tc, test_divergence_never_stores_nan);
    tcase_add_test(tc, test_eta_validation);
    tcase_add_test(tc, test_converges_on_bowl);
    tcase_add_loop_test(tc, test_first_order_error_is_quadratic, 0, 8);
    tcase_add_test(tc, test_step_along_direction);
    tcase_add_test(tc, test_surface_switch_and_theta);
    tcase_add_test(tc, test_trail_is_bounded);
    tcase_add_test(tc, test_eight_walkers_closed_form);
    tcase_add_loop_test(tc, test_early_divergence, 0, 8);
    tcase_add_loop_test(tc, test_preview_is_the_step, 0, 4);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
