// SPDX-License-Identifier: MIT
/* The surface layer: analytic derivatives against GSL's numerical ones, every listed
 * stationary point re-checked, and the catalog's promises. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_rng.h>

#include "steepest/derive.h"
#include "steepest/keys.h"
#include "steepest/parse.h"
#include "steepest/registry.h"
#include "steepest/surface.h"

extern const surface surface_logistic_heldout;

enum { SAMPLES = 128 };

/* Every surface the program can show, held-out twin included. */
static const surface *all_surfaces(size_t i)
{
    return i < surface_count() ? surface_at(i) : &surface_logistic_heldout;
}
#define N_ALL (surface_count() + 1)

typedef struct {
    const surface *s;
    double x, y;
    int axis;      /* which coordinate varies */
    int component; /* -1: L itself; 0/1: that gradient component */
} slice;

static double slice_eval(double t, void *p)
{
    const slice *sl = p;
    double x = sl->axis == 0 ? t : sl->x, y = sl->axis == 1 ? t : sl->y, f, g[2];
    surface_eval(sl->s, x, y, &f, g, NULL);
    return sl->component < 0 ? f : g[sl->component];
}

/* d/d(axis) of L (component -1) or of one gradient component, by gsl_deriv_central. */
static double numeric(const surface *s, double x, double y, int axis, int component)
{
    slice sl = {s, x, y, axis, component};
    gsl_function fn = {slice_eval, &sl};
    double span = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    double result, abserr;
    gsl_deriv_central(&fn, axis == 0 ? x : y, 1e-4 * span, &result, &abserr);
    return result;
}

static void sample_points(const surface *s, unsigned long seed, double *xs, double *ys)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (int i = 0; i < SAMPLES; i++) {
        xs[i] = s->xmin + (s->xmax - s->xmin) * gsl_rng_uniform(r);
        ys[i] = s->ymin + (s->ymax - s->ymin) * gsl_rng_uniform(r);
    }
    gsl_rng_free(r);
}

/* Relative 1e-6, or absolute against the surface's typical size where the value is ~0. */
static void assert_close(const char *what, const surface *s, double x, double y, double ana,
                         double num, double scale, double rel)
{
    double tol = rel * fmax(fabs(ana), 1e-3 * scale);
    ck_assert_msg(fabs(ana - num) <= tol, "%s: %s at (%.6g, %.6g): analytic %.10g numeric %.10g",
                  s->name, what, x, y, ana, num);
}

START_TEST(test_gradient_matches_gsl_deriv)
{
    const surface *s = all_surfaces((size_t)_i);
    double xs[SAMPLES], ys[SAMPLES], g[SAMPLES][2], scale = 0;
    sample_points(s, 1000 + (unsigned long)_i, xs, ys);
    for (int k = 0; k < SAMPLES; k++) {
        surface_eval(s, xs[k], ys[k], NULL, g[k], NULL);
        scale = fmax(scale, hypot(g[k][0], g[k][1]));
    }
    for (int k = 0; k < SAMPLES; k++)
        for (int a = 0; a < 2; a++)
            assert_close(a ? "dL/dy" : "dL/dx", s, xs[k], ys[k], g[k][a],
                         numeric(s, xs[k], ys[k], a, -1), scale, 1e-6);
}
END_TEST

START_TEST(test_hessian_matches_gradient_differences)
{
    const surface *s = all_surfaces((size_t)_i);
    double xs[SAMPLES], ys[SAMPLES], h[SAMPLES][3], scale = 0;
    sample_points(s, 2000 + (unsigned long)_i, xs, ys);
    for (int k = 0; k < SAMPLES; k++) {
        surface_eval(s, xs[k], ys[k], NULL, NULL, h[k]);
        scale = fmax(scale, fmax(fabs(h[k][0]), fmax(fabs(h[k][1]), fabs(h[k][2]))));
    }
    for (int k = 0; k < SAMPLES; k++) {
        double x = xs[k], y = ys[k];
        assert_close("Lxx", s, x, y, h[k][0], numeric(s, x, y, 0, 0), scale, 1e-6);
        assert_close("Lyy", s, x, y, h[k][2], numeric(s, x, y, 1, 1), scale, 1e-6);
        /* Symmetry: both mixed partials of the analytic gradient agree with Lxy. */
        assert_close("d(dL/dx)/dy", s, x, y, h[k][1], numeric(s, x, y, 1, 0), scale, 1e-6);
        assert_close("d(dL/dy)/dx", s, x, y, h[k][1], numeric(s, x, y, 0, 1), scale, 1e-6);
    }
}
END_TEST

static void eigenvalues(const surface *s, double x, double y, double lam[2])
{
    double h[3];
    surface_eval(s, x, y, NULL, NULL, h);
    double a[4] = {h[0], h[1], h[1], h[2]};
    gsl_matrix_view m = gsl_matrix_view_array(a, 2, 2);
    gsl_vector *ev = gsl_vector_alloc(2);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(2);
    ck_assert_int_eq(gsl_eigen_symm(&m.matrix, ev, w), GSL_SUCCESS);
    lam[0] = fmin(gsl_vector_get(ev, 0), gsl_vector_get(ev, 1));
    lam[1] = fmax(gsl_vector_get(ev, 0), gsl_vector_get(ev, 1));
    gsl_eigen_symm_free(w);
    gsl_vector_free(ev);
}

START_TEST(test_stationary_points)
{
    const surface *s = all_surfaces((size_t)_i);
    ck_assert_uint_gt(s->n_points, 0);
    int minima = 0;
    for (size_t k = 0; k < s->n_points; k++) {
        const surface_point *p = &s->points[k];
        double f, g[2], lam[2];
        surface_eval(s, p->x, p->y, &f, g, NULL);
        ck_assert_msg(hypot(g[0], g[1]) <= 1e-8, "%s point %zu: |grad| = %g", s->name, k,
                      hypot(g[0], g[1]));
        ck_assert_msg(fabs(f - p->value) <= 1e-12 * (1 + fabs(p->value)),
                      "%s point %zu: L = %.17g, listed %.17g", s->name, k, f, p->value);
        ck_assert(p->x >= s->xmin && p->x <= s->xmax && p->y >= s->ymin && p->y <= s->ymax);
        eigenvalues(s, p->x, p->y, lam);
        if (p->degenerate) {
            ck_assert_msg(fabs(lam[0]) <= 1e-8 || fabs(lam[1]) <= 1e-8,
                          "%s point %zu listed degenerate, eigenvalues %g %g", s->name, k, lam[0],
                          lam[1]);
            continue;
        }
        switch (p->kind) {
        case POINT_MINIMUM:
            minima++;
            ck_assert_msg(lam[0] > 0, "%s point %zu: minimum with eigenvalue %g", s->name, k,
                          lam[0]);
            break;
        case POINT_MAXIMUM:
            ck_assert_msg(lam[1] < 0, "%s point %zu: maximum with eigenvalue %g", s->name, k,
                          lam[1]);
            break;
        case POINT_SADDLE:
            ck_assert_msg(lam[0] < 0 && lam[1] > 0, "%s point %zu: saddle with %g, %g", s->name, k,
                          lam[0], lam[1]);
            break;
        }
    }
    /* Every surface but the two saddles has a minimum to find. */
    if (strcmp(s->name, "saddle") != 0 && strcmp(s->name, "monkey") != 0)
        ck_assert_int_gt(minima, 0);
}
END_TEST

/* The listed digits are the root's digits: GSL's Newton solver, started a little away from
 * each listed non-degenerate point, returns to it within 1e-10 relative. */
START_TEST(test_stationary_points_are_gsl_roots)
{
    const surface *s = all_surfaces((size_t)_i);
    gsl_multiroot_function_fdf fn = surface_gsl_gradient(s);
    gsl_multiroot_fdfsolver *sv = gsl_multiroot_fdfsolver_alloc(gsl_multiroot_fdfsolver_newton, 2);
    gsl_vector *v = gsl_vector_alloc(2);
    double span = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    for (size_t k = 0; k < s->n_points; k++) {
        const surface_point *p = &s->points[k];
        if (p->degenerate)
            continue;
        gsl_vector_set(v, 0, p->x + 1e-4 * span);
        gsl_vector_set(v, 1, p->y - 1e-4 * span);
        gsl_multiroot_fdfsolver_set(sv, &fn, v);
        int status = GSL_CONTINUE;
        for (int it = 0; it < 100 && status == GSL_CONTINUE; it++) {
            ck_assert_int_eq(gsl_multiroot_fdfsolver_iterate(sv), GSL_SUCCESS);
            status = gsl_multiroot_test_delta(sv->dx, sv->x, 1e-15, 1e-15);
        }
        double rx = gsl_vector_get(sv->x, 0), ry = gsl_vector_get(sv->x, 1);
        ck_assert_msg(fabs(rx - p->x) <= 1e-10 * fmax(1, fabs(p->x)) &&
                          fabs(ry - p->y) <= 1e-10 * fmax(1, fabs(p->y)),
                      "%s point %zu: listed (%.17g, %.17g), root (%.17g, %.17g)", s->name, k, p->x,
                      p->y, rx, ry);
    }
    gsl_vector_free(v);
    gsl_multiroot_fdfsolver_free(sv);
}
END_TEST

START_TEST(test_catalog)
{
    ck_assert_uint_eq(surface_count(), 14);
    static const char *const names[] = {
        "bowl",  "valley", "saddle", "monkey", "rosenbrock", "himmelblau", "beale",
        "booth", "matyas", "camel3", "camel6", "rastrigin",  "neuron",     "logistic"};
    for (size_t i = 0; i < 14; i++) {
        const surface *s = surface_find(names[i]);
        ck_assert_msg(s != NULL, "missing surface %s", names[i]);
        ck_assert_str_eq(s->name, names[i]);
        ck_assert_uint_eq(surface_index(s), i);
        ck_assert(s->xmin < s->xmax && s->ymin < s->ymax);
        ck_assert(s->start_x >= s->xmin && s->start_x <= s->xmax);
        ck_assert(s->start_y >= s->ymin && s->start_y <= s->ymax);
        ck_assert(s->eta > 0 && isfinite(s->eta));
        ck_assert(isfinite(surface_loss(s, s->start_x, s->start_y)));
        ck_assert(s->level_lo < s->level_hi);
        ck_assert(s->title && s->formula && s->axis_x && s->axis_y);
        /* 2-5 sentences. */
        int sentences = 0;
        for (const char *c = s->lesson; *c; c++)
            if ((*c == '.' || *c == '!' || *c == '?') && (c[1] == ' ' || c[1] == '\0'))
                sentences++;
        ck_assert_msg(sentences >= 2 && sentences <= 5, "%s lesson has %d sentences", s->name,
                      sentences);
    }
    ck_assert_ptr_null(surface_find("nope"));
    ck_assert_ptr_null(surface_find(NULL));
    ck_assert_ptr_null(surface_at(14));
    ck_assert_uint_eq(surface_index(&surface_logistic_heldout), 14);
}
END_TEST

START_TEST(test_closed_forms)
{
    /* neuron: exact fit at w = ln 6, b = -ln 4 - ln 6 / 2. */
    const surface *n = surface_find("neuron");
    ck_assert_double_eq_tol(n->points[0].x, log(6), 1e-15);
    ck_assert_double_eq_tol(n->points[0].y, -log(4) - 0.5 * log(6), 1e-15);
    ck_assert_double_eq_tol(
        surface_loss(n, -2, -2),
        0.5 * pow(1 / (1 + exp(3)) - 0.2, 2) + 0.5 * pow(1 / (1 + exp(7)) - 0.9, 2), 1e-15);
    /* valley: Hessian eigenvalues 1 and 20 everywhere. */
    double lam[2];
    eigenvalues(surface_find("valley"), 0.3, -0.7, lam);
    ck_assert_double_eq_tol(lam[0], 1, 1e-12);
    ck_assert_double_eq_tol(lam[1], 20, 1e-12);
    /* beale's saddle (0, 1): L = 1.5² + 2.25² + 2.625². */
    ck_assert_double_eq_tol(surface_loss(surface_find("beale"), 0, 1), 14.203125, 1e-12);
    /* himmelblau: four minima, one maximum, four saddles. */
    const surface *h = surface_find("himmelblau");
    int count[3] = {0, 0, 0};
    for (size_t k = 0; k < h->n_points; k++)
        count[h->points[k].kind]++;
    ck_assert_int_eq(count[POINT_MINIMUM], 4);
    ck_assert_int_eq(count[POINT_MAXIMUM], 1);
    ck_assert_int_eq(count[POINT_SADDLE], 4);
    /* camel3 minima at x² = 2.1 + sqrt(0.91), y = -x/2. */
    const surface *c3 = surface_find("camel3");
    double xm = sqrt(2.1 + sqrt(0.91));
    ck_assert_double_eq_tol(c3->points[c3->n_points - 1].x, xm, 1e-12);
    ck_assert_double_eq_tol(c3->points[c3->n_points - 1].y, -xm / 2, 1e-12);
}
END_TEST

/* GSL's own minimizers run on the surfaces unchanged, through surface_gsl_fdf. */
START_TEST(test_gsl_minimizer_runs_on_surfaces)
{
    static const char *const convex[] = {"bowl",   "valley",   "booth",
                                         "matyas", "logistic", "rosenbrock"};
    const surface *s = surface_find(convex[_i]);
    gsl_multimin_function_fdf fn = surface_gsl_fdf(s);
    ck_assert_uint_eq(fn.n, 2);
    gsl_multimin_fdfminimizer *m =
        gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2, 2);
    gsl_vector *v = gsl_vector_alloc(2);
    gsl_vector_set(v, 0, s->start_x);
    gsl_vector_set(v, 1, s->start_y);
    gsl_multimin_fdfminimizer_set(m, &fn, v, 0.01, 0.1);
    int status = GSL_CONTINUE;
    for (int it = 0; it < 1000 && status == GSL_CONTINUE; it++) {
        if (gsl_multimin_fdfminimizer_iterate(m))
            break;
        status = gsl_multimin_test_gradient(m->gradient, 1e-9);
    }
    ck_assert_double_eq_tol(gsl_vector_get(m->x, 0), s->points[0].x, 1e-6);
    ck_assert_double_eq_tol(gsl_vector_get(m->x, 1), s->points[0].y, 1e-6);
    ck_assert_double_eq_tol(m->f, s->points[0].value, 1e-9);
    gsl_vector_free(v);
    gsl_multimin_fdfminimizer_free(m);
}
END_TEST

START_TEST(test_heldout_differs)
{
    const surface *l = surface_find("logistic");
    ck_assert_ptr_eq(l->heldout, &surface_logistic_heldout);
    /* The two minima differ: what fits the training set best does not fit held-out best. */
    ck_assert_double_gt(fabs(l->points[0].x - l->heldout->points[0].x), 0.5);
    ck_assert_double_gt(surface_loss(l->heldout, l->points[0].x, l->points[0].y),
                        l->heldout->points[0].value);
}
END_TEST

static void free_name(surface *s)
{
    free((void *)s->name);
}

/* A run-time surface that gives only its kernel and box: derive_defaults finds the same
 * stationary points the built-in table lists, levels that span its range, and an η under
 * the 2/λmax bound at the start. The registry owns it, finds it by name and frees it (ASan's
 * leak check holds the registry to that). */
START_TEST(test_runtime_surface_gets_defaults)
{
    static const char *const names[] = {"himmelblau", "valley", "rosenbrock", "camel6"};
    const surface *ref = surface_find(names[_i]);
    surface *s = surface_create();
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_gt(s->serial, 0);
    s->name = strdup("mine");
    s->release = free_name;
    s->title = s->formula = s->lesson = "";
    s->axis_x = "x";
    s->axis_y = "y";
    s->eval = ref->eval;
    s->params = ref->params;
    s->xmin = ref->xmin;
    s->xmax = ref->xmax;
    s->ymin = ref->ymin;
    s->ymax = ref->ymax;
    s->start_x = ref->start_x;
    s->start_y = ref->start_y;
    ck_assert(derive_defaults(s));
    ck_assert_uint_eq(s->n_points, ref->n_points);
    double span = fmax(ref->xmax - ref->xmin, ref->ymax - ref->ymin);
    for (size_t k = 0; k < ref->n_points; k++) {
        ck_assert_double_eq_tol(s->points[k].x, ref->points[k].x, 1e-7 * span);
        ck_assert_double_eq_tol(s->points[k].y, ref->points[k].y, 1e-7 * span);
        ck_assert_int_eq(s->points[k].kind, ref->points[k].kind);
    }
    ck_assert(s->level_hi > s->level_lo);
    double g[2], h[3];
    surface_eval(s, s->start_x, s->start_y, NULL, g, h);
    double lmax = 0.5 * (h[0] + h[2]) + hypot(0.5 * (h[0] - h[2]), h[1]);
    double bound = lmax > 0 ? 1 / lmax : 0.02 * span / hypot(g[0], g[1]);
    ck_assert(s->eta > 0 && s->eta <= bound);
    ck_assert(s->eta > 0.1 * bound); /* rounded down to 1-2-5, not far below */
    registry reg;
    ck_assert(registry_init(&reg));
    size_t n = registry_count(&reg);
    ck_assert(registry_add(&reg, s));
    ck_assert_uint_eq(registry_count(&reg), n + 1);
    ck_assert_ptr_eq(registry_find(&reg, "mine"), s);
    ck_assert_uint_eq(registry_index(&reg, s), n);
    ck_assert_ptr_eq(registry_find(&reg, "valley"), surface_find("valley"));
    /* A second surface of the same name is refused (and freed). */
    surface *dup = surface_create();
    ck_assert_ptr_nonnull(dup);
    dup->name = strdup("mine");
    dup->release = free_name;
    ck_assert(!registry_add(&reg, dup));
    ck_assert_uint_eq(registry_count(&reg), n + 1);
    registry_free(&reg);
}
END_TEST

/* The strict parsers every face shares. */
START_TEST(test_parsers)
{
    double a, b;
    unsigned long n;
    int c, r;
    ck_assert(parse_double("1e-3", &a) && a == 1e-3);
    ck_assert(!parse_double("1e999", &a));
    ck_assert(!parse_double("nan", &a));
    ck_assert(!parse_double("", &a));
    ck_assert(parse_pair("-1.5,2", &a, &b) && a == -1.5 && b == 2);
    ck_assert(!parse_pair("1,2,3", &a, &b));
    ck_assert(parse_count("100000", 100000, &n) && n == 100000);
    ck_assert(!parse_count("-1", 10, &n));
    ck_assert(parse_size("80x24", &c, &r) && c == 80 && r == 24);
    ck_assert(!parse_size("80x24x2", &c, &r));
    ck_assert(!parse_size("0x24", &c, &r));
    int keys[8];
    char bad[32];
    ck_assert_int_eq(keys_parse("a<Left><lt>\n", keys, 8, bad, sizeof bad), 4);
    ck_assert_int_eq(keys[0], 'a');
    ck_assert_int_eq(keys[1], KEYC_LEFT);
    ck_assert_int_eq(keys[2], '<');
    ck_assert_int_eq(keys[3], KEYC_ENTER);
    ck_assert_int_eq(keys_parse("<Nope>", keys, 8, bad, sizeof bad), -1);
    ck_assert_str_eq(bad, "<Nope>");
    ck_assert_str_eq(keys_name(KEYC_SLEFT), "S-Left");
    ck_assert_ptr_null(keys_name('a'));
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("surface");
    TCase *tc = tcase_create("derivatives");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_gradient_matches_gsl_deriv, 0, (int)N_ALL);
    tcase_add_loop_test(tc, test_hessian_matches_gradient_differences, 0, (int)N_ALL);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("stationary");
    tcase_add_loop_test(tp, test_stationary_points, 0, (int)N_ALL);
    tcase_add_loop_test(tp, test_stationary_points_are_gsl_roots, 0, (int)N_ALL);
    tcase_add_test(tp, test_closed_forms);
    suite_add_tcase(s, tp);
    TCase *tcat = tcase_create("catalog");
    tcase_add_test(tcat, test_catalog);
    tcase_add_loop_test(tcat, test_gsl_minimizer_runs_on_surfaces, 0, 6);
    tcase_add_test(tcat, test_heldout_differs);
    tcase_add_loop_test(tcat, test_runtime_surface_gets_defaults, 0, 4);
    tcase_add_test(tcat, test_parsers);
    suite_add_tcase(s, tcat);
    return run_suite(s);
}
