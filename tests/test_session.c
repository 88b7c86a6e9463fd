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
    ck_assert_double_eq(ss.x, 1.6);
    ck_assert_double_eq(ss.y, 1.2);
    ck_assert_double_eq(ss.eta, 0.1);
    ck_assert(!ss.ascend);
    ck_assert_uint_eq(ss.step, 0);
    ck_assert_uint_eq(ss.trail_len, 1);
    ck_assert_double_eq_tol(ss.loss, 4.0, 1e-15);
    ck_assert_double_eq_tol(ss.gnorm, 4.0, 1e-15);
    ck_assert_int_eq(ss.status, SESSION_RUNNING);
}
END_TEST

START_TEST(test_bowl_step_closed_form)
{
    /* θ1 = θ0 - η ∇L = (1 - 2η) θ0, L1 = (1 - 2η)² L0. */
    ck_assert_int_eq(session_step(&ss), SESSION_RUNNING);
    ck_assert_double_eq_tol(ss.x, 0.8 * 1.6, 1e-15);
    ck_assert_double_eq_tol(ss.y, 0.8 * 1.2, 1e-15);
    ck_assert_double_eq_tol(ss.loss, 0.64 * 4.0, 1e-14);
    ck_assert_double_eq_tol(ss.last_delta, 0.64 * 4.0 - 4.0, 1e-14);
    ck_assert_double_eq_tol(ss.last_predicted, -0.1 * 16.0, 1e-14);
    ck_assert_uint_eq(ss.step, 1);
    ck_assert_uint_eq(ss.trail_len, 2);
    ck_assert_double_eq(ss.trail[1].x, ss.x);
    ck_assert_double_eq(ss.trail[1].loss, ss.loss);
}
END_TEST

START_TEST(test_ascend_raises_loss)
{
    static const char *const names[] = {"bowl",   "valley",   "rosenbrock", "himmelblau",
                                        "neuron", "logistic", "camel6",     "beale"};
    session_set_surface(&ss, surface_find(names[_i]));
    session_set_eta(&ss, 1e-6);
    session_set_ascend(&ss, true);
    double before = ss.loss;
    session_step(&ss);
    ck_assert_msg(ss.loss > before, "%s: ascend took L from %g to %g", names[_i], before, ss.loss);
    ck_assert_double_gt(ss.last_predicted, 0);
}
END_TEST

/* On a quadratic with λmax = 20, η < 2/λmax converges and η > 2/λmax diverges. */
START_TEST(test_stability_bound)
{
    session_set_surface(&ss, surface_find("valley"));
    ck_assert(session_set_eta(&ss, 0.99 * 0.1));
    for (int i = 0; i < 5000 && ss.status == SESSION_RUNNING; i++)
        session_step(&ss);
    ck_assert_int_eq(ss.status, SESSION_CONVERGED);
    ck_assert_double_lt(ss.loss, 1e-10);

    session_reset(&ss);
    ck_assert(session_set_eta(&ss, 1.01 * 0.1));
    for (int i = 0; i < 5000 && ss.status == SESSION_RUNNING; i++)
        session_step(&ss);
    ck_assert_int_eq(ss.status, SESSION_DIVERGED);
    ck_assert(isfinite(ss.x) && isfinite(ss.y) && isfinite(ss.loss));
}
END_TEST

START_TEST(test_divergence_never_stores_nan)
{
    ck_assert(session_set_eta(&ss, 1e300));
    double x = ss.x, y = ss.y;
    ck_assert_int_eq(session_step(&ss), SESSION_DIVERGED);
    ck_assert_double_eq(ss.x, x);
    ck_assert_double_eq(ss.y, y);
    ck_assert_uint_eq(ss.step, 0);
    ck_assert_uint_eq(ss.trail_len, 1);
    ck_assert(!isfinite(ss.attempt.loss) || fabs(ss.attempt.x) > 1e6);
    /* A refused step stays refused... */
    ck_assert_int_eq(session_step(&ss), SESSION_DIVERGED);
    ck_assert_double_eq(ss.x, x);
    /* ...until reset, which clears the status. */
    session_reset(&ss);
    ck_assert_int_eq(ss.status, SESSION_RUNNING);
    /* A smaller η clears it too, and the walk goes on from the last good θ. */
    session_step(&ss);
    ck_assert_int_eq(ss.status, SESSION_DIVERGED);
    ck_assert(session_set_eta(&ss, 0.1));
    ck_assert_int_eq(session_step(&ss), SESSION_RUNNING);
    ck_assert_double_eq_tol(ss.x, 0.8 * 1.6, 1e-15);
}
END_TEST

START_TEST(test_eta_validation)
{
    ck_assert(!session_set_eta(&ss, 0));
    ck_assert(!session_set_eta(&ss, -1));
    ck_assert(!session_set_eta(&ss, NAN));
    ck_assert(!session_set_eta(&ss, INFINITY));
    ck_assert_double_eq(ss.eta, 0.1);
    ck_assert(session_set_eta(&ss, 0.25));
    ck_assert_double_eq(ss.eta, 0.25);
    ck_assert(!session_set_start(&ss, NAN, 0));
    ck_assert(!session_set_theta(&ss, 0, INFINITY));
    ck_assert_double_eq(ss.x, 1.6);
}
END_TEST

START_TEST(test_converges_on_bowl)
{
    int n = 0;
    while (ss.status == SESSION_RUNNING && n < 1000) {
        session_step(&ss);
        n++;
    }
    ck_assert_int_eq(ss.status, SESSION_CONVERGED);
    ck_assert_double_lt(ss.gnorm, SESSION_GRAD_TOL);
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
        session_set_eta(&ss, 1e-4 * (k ? 0.5 : 1) / fmax(1, ss.gnorm));
        session_step(&ss);
        err[k] = fabs(ss.last_delta - ss.last_predicted);
    }
    double ratio = err[0] / err[1];
    ck_assert_msg(ratio > 3.6 && ratio < 4.4, "%s: error ratio %g", names[_i], ratio);
}
END_TEST

START_TEST(test_step_along_direction)
{
    /* Along the level circle's tangent the first-order change is zero. */
    double ux = -ss.gy / ss.gnorm, uy = ss.gx / ss.gnorm;
    session_step_along(&ss, ux, uy);
    ck_assert_double_eq_tol(ss.last_predicted, 0, 1e-15);
    ck_assert_double_eq_tol(ss.x, 1.6 + 0.1 * ux, 1e-15);
    ck_assert_double_eq_tol(ss.y, 1.2 + 0.1 * uy, 1e-15);
    ck_assert_uint_eq(ss.step, 1);
}
END_TEST

START_TEST(test_surface_switch_and_theta)
{
    session_step(&ss);
    session_set_surface(&ss, surface_find("neuron"));
    ck_assert_double_eq(ss.x, -2);
    ck_assert_double_eq(ss.eta, 1);
    ck_assert_uint_eq(ss.step, 0);
    ck_assert_uint_eq(ss.trail_len, 1);
    ck_assert(session_set_theta(&ss, 1, 1));
    ck_assert_double_eq(ss.loss, surface_loss(ss.surf, 1, 1));
    /* The trail keeps the start and begins a new segment at the moved θ. */
    ck_assert_uint_eq(ss.trail_len, 2);
    ck_assert(!ss.trail[0].jump);
    ck_assert(ss.trail[1].jump);
    ck_assert_double_eq(ss.trail[1].x, 1);
    session_reset(&ss);
    ck_assert_double_eq(ss.x, -2);
    ck_assert(session_set_start(&ss, 0.5, -0.5));
    ck_assert_double_eq(ss.x, 0.5);
    session_reset(&ss);
    ck_assert_double_eq(ss.y, -0.5);
}
END_TEST

START_TEST(test_trail_is_bounded)
{
    session_set_eta(&ss, 1e-9); /* tiny steps: never converges in this loop */
    for (int i = 0; i < SESSION_TRAIL_MAX + 10; i++)
        session_step(&ss);
    ck_assert_uint_le(ss.trail_len, SESSION_TRAIL_MAX);
    ck_assert_uint_eq(ss.trail_first_step + ss.trail_len - 1, ss.step);
    ck_assert_double_eq(ss.trail[ss.trail_len - 1].x, ss.x);
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
    suite_add_tcase(s, tc);
    return run_suite(s);
}
