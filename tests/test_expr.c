// SPDX-License-Identifier: MIT
/* Typed formulas: every function's exact derivatives against GSL's numerical ones, the 14
 * built-in surfaces typed in and held to their kernels and stationary-point tables, the
 * exact-zero rule, every error with its column and message, the defaults of a run-time
 * surface, and surface files good and bad. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "steepest/derive.h"
#include "steepest/expr.h"
#include "steepest/registry.h"
#include "steepest/surfacefile.h"

enum { SAMPLES = 64, BUILTIN_SAMPLES = 128 };

static expr *compile_ok(const char *text, const char *vx, const char *vy)
{
    expr_error err;
    expr *e = expr_compile(text, vx, vy, &err);
    ck_assert_msg(e != NULL, "'%.60s': column %d: %s", text, err.col, err.msg);
    return e;
}

static double value_at(const char *text, double x, double y)
{
    expr *e = compile_ok(text, NULL, NULL);
    double f;
    expr_eval(e, x, y, &f, NULL, NULL);
    expr_free(e);
    return f;
}

/* ---- every function and operator against gsl_deriv_central ---- */

/* The inner expressions the functions are applied to: u and v are nonlinear in both
 * variables, so every partial, mixed ones included, is exercised. */
#define U "(0.6*x - 0.3*y + 0.2*x*y)"
#define V "(1.5 + 0.3*x*y - 0.2*y)"

typedef struct {
    const char *formula;
    double lo, hi;    /* the box [lo, hi]^2 keeps the function smooth */
    const char *kink; /* NULL, or an expression whose sign changes where the formula has a kink:
                         points closer to it than the numerical step are skipped */
} fn_case;

static const fn_case fn_cases[] = {
    /* operators */
    {U " + " V, -2, 2, NULL},
    {U " - " V, -2, 2, NULL},
    {U " * " V, -2, 2, NULL},
    {U " / " V, -1, 1, NULL},
    {"(2 + " U ")^" V, -1, 1, NULL},
    {"(2 + " U ")^2.5", -1, 1, NULL},
    {U "^3", -2, 2, NULL},
    {U "^2", -2, 2, NULL},
    {"(2 + " U ")^-2", -1, 1, NULL},
    {U "^0 + " U "^1", -2, 2, NULL},
    {"2^" U, -2, 2, NULL},
    {"e^" U, -2, 2, NULL},
    {"3 / (2 + " U ")", -1, 1, NULL},
    {U " / 3", -2, 2, NULL},
    {"3 - " U, -2, 2, NULL},
    {"-" U " + 4", -2, 2, NULL},
    {"-(x^2) * y", -2, 2, NULL},
    {"x^y", 0.5, 2, NULL},
    /* one argument */
    {"sin(" U ")", -2, 2, NULL},
    {"cos(" U ")", -2, 2, NULL},
    {"tan(" U ")", -1, 1, NULL},
    {"asin(" U ")", -0.8, 0.8, NULL},
    {"acos(" U ")", -0.8, 0.8, NULL},
    {"atan(" U ")", -2, 2, NULL},
    {"sinh(" U ")", -2, 2, NULL},
    {"cosh(" U ")", -2, 2, NULL},
    {"tanh(" U ")", -2, 2, NULL},
    {"exp(" U ")", -2, 2, NULL},
    {"log(2 + " U ")", -1, 1, NULL},
    {"ln(2 + " U ")", -1, 1, NULL},
    {"log1p(0.5 + " U ")", -1, 1, NULL},
    {"log2(2 + " U ")", -1, 1, NULL},
    {"log10(2 + " U ")", -1, 1, NULL},
    {"sqrt(2 + " U ")", -1, 1, NULL},
    {"cbrt(2 + " U ")", -1, 1, NULL},
    {"cbrt(" U " - 3)", -1, 1, NULL},
    {"sq(" U ")", -2, 2, NULL},
    {"abs(" U ")", -2, 2, U},
    {"relu(" U ")", -2, 2, U},
    {"sigmoid(3*" U ")", -2, 2, NULL},
    {"softplus(3*" U ")", -2, 2, NULL},
    /* two arguments */
    {"atan2(" U ", " V ")", -2, 2, NULL},
    {"atan2(" V ", " U ")", -2, 2, U},
    {"min(" U ", " V ")", -2, 2, U " - " V},
    {"max(" U ", " V ")", -2, 2, U " - " V},
    {"hypot(" U ", " V ")", -2, 2, NULL},
    {"pow(2 + " U ", " V ")", -1, 1, NULL},
};
#define N_FN_CASES ((int)(sizeof fn_cases / sizeof fn_cases[0]))

typedef struct {
    const expr *e;
    double x, y;
    int axis;      /* which variable varies */
    int component; /* -1: L; 0/1: that gradient component */
} slice;

static double slice_eval(double t, void *params)
{
    const slice *sl = params;
    double x = sl->axis == 0 ? t : sl->x, y = sl->axis == 1 ? t : sl->y, f, g[2];
    expr_eval(sl->e, x, y, &f, g, NULL);
    return sl->component < 0 ? f : g[sl->component];
}

static double numeric(const expr *e, double x, double y, int axis, int component, double step)
{
    slice sl = {e, x, y, axis, component};
    gsl_function fn = {slice_eval, &sl};
    double result, abserr;
    gsl_deriv_central(&fn, axis == 0 ? x : y, step, &result, &abserr);
    return result;
}

static void assert_close(const char *formula, const char *what, double x, double y, double ana,
                         double num, double scale)
{
    double tol = 1e-6 * fmax(fabs(ana), 1e-3 * scale);
    ck_assert_msg(fabs(ana - num) <= tol, "%s: %s at (%.6g, %.6g): exact %.10g numeric %.10g",
                  formula, what, x, y, ana, num);
}

START_TEST(test_derivatives_match_gsl_deriv)
{
    const fn_case *c = &fn_cases[_i];
    expr *e = compile_ok(c->formula, NULL, NULL);
    expr *kink = c->kink ? compile_ok(c->kink, NULL, NULL) : NULL;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 3000 + (unsigned long)_i);
    double xs[SAMPLES], ys[SAMPLES], f[SAMPLES], g[SAMPLES][2], h[SAMPLES][3];
    double gscale = 0, hscale = 0, step = 1e-4 * (c->hi - c->lo);
    int n = 0;
    while (n < SAMPLES) {
        double x = c->lo + (c->hi - c->lo) * gsl_rng_uniform(r);
        double y = c->lo + (c->hi - c->lo) * gsl_rng_uniform(r);
        double k;
        if (kink) {
            expr_eval(kink, x, y, &k, NULL, NULL);
            if (fabs(k) < 1e-2)
                continue;
        }
        xs[n] = x;
        ys[n] = y;
        expr_eval(e, x, y, &f[n], g[n], h[n]);
        /* The value-only path runs the same program to the same bits. */
        double fv;
        expr_eval(e, x, y, &fv, NULL, NULL);
        ck_assert_msg(fv == f[n], "%s: value-only %.17g, with derivatives %.17g", c->formula, fv,
                      f[n]);
        ck_assert(isfinite(f[n]));
        gscale = fmax(gscale, hypot(g[n][0], g[n][1]));
        hscale = fmax(hscale, fmax(fabs(h[n][0]), fmax(fabs(h[n][1]), fabs(h[n][2]))));
        n++;
    }
    for (int k = 0; k < SAMPLES; k++) {
        double x = xs[k], y = ys[k];
        assert_close(c->formula, "dL/dx", x, y, g[k][0], numeric(e, x, y, 0, -1, step), gscale);
        assert_close(c->formula, "dL/dy", x, y, g[k][1], numeric(e, x, y, 1, -1, step), gscale);
        assert_close(c->formula, "Lxx", x, y, h[k][0], numeric(e, x, y, 0, 0, step), hscale);
        assert_close(c->formula, "Lyy", x, y, h[k][2], numeric(e, x, y, 1, 1, step), hscale);
        assert_close(c->formula, "d(dL/dx)/dy", x, y, h[k][1], numeric(e, x, y, 1, 0, step),
                     hscale);
        assert_close(c->formula, "d(dL/dy)/dx", x, y, h[k][1], numeric(e, x, y, 0, 1, step),
                     hscale);
    }
    gsl_rng_free(r);
    expr_free(kink);
    expr_free(e);
}
END_TEST

/* Every function the list names is tested above, and compiles with its own arity. */
START_TEST(test_function_list_is_covered)
{
    char list[512];
    snprintf(list, sizeof list, "%s", expr_function_list());
    int count = 0;
    for (char *save = NULL, *name = strtok_r(list, " ", &save); name;
         name = strtok_r(NULL, " ", &save), count++) {
        char call[64];
        bool covered = false;
        snprintf(call, sizeof call, "%s(", name);
        for (int k = 0; k < N_FN_CASES && !covered; k++)
            covered = strncmp(fn_cases[k].formula, call, strlen(call)) == 0;
        ck_assert_msg(covered, "%s has no derivative test", name);
        bool two = strcmp(name, "atan2") == 0 || strcmp(name, "min") == 0 ||
                   strcmp(name, "max") == 0 || strcmp(name, "hypot") == 0 ||
                   strcmp(name, "pow") == 0;
        snprintf(call, sizeof call, two ? "%s(x, y)" : "%s(x)", name);
        expr_free(compile_ok(call, NULL, NULL));
    }
    ck_assert_int_eq(count, 27);
}
END_TEST

/* ---- the built-in surfaces typed in ---- */

typedef struct {
    const char *name, *vars, *formula;
} typed;

static const typed builtins[] = {
    {"bowl", NULL, "x^2 + y^2"},
    {"valley", NULL, "0.5*((0.8*x + 0.6*y)^2 + 20*(-0.6*x + 0.8*y)^2)"},
    {"saddle", NULL, "x^2 - y^2"},
    {"monkey", NULL, "x^3 - 3*x*y^2"},
    {"rosenbrock", NULL, "(1 - x)^2 + 100*(y - x^2)^2"},
    {"himmelblau", NULL, "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
    {"beale", NULL, "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2"},
    {"booth", NULL, "(x + 2*y - 7)^2 + (2*x + y - 5)^2"},
    {"matyas", NULL, "0.26*(x^2 + y^2) - 0.48*x*y"},
    {"camel3", NULL, "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2"},
    {"camel6", NULL, "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2"},
    {"rastrigin", NULL, "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)"},
    /* Σ ½(σ(w x_i + b) - y_i)² over (0.5, 0.2) and (2.5, 0.9) */
    {"neuron", "w,b", "(sigmoid(0.5*w + b) - 0.2)^2/2 + (sigmoid(2.5*w + b) - 0.9)^2/2"},
    /* (1/10) Σ log(1 + e^z) - y_i z, z = w x_i + b, over the ten training points */
    {"logistic", "w, b",
     "0.1*(softplus(-2*w + b) + softplus(-1.3*w + b) + softplus(-0.8*w + b) - (-0.8*w + b)"
     " + softplus(-0.4*w + b) + softplus(0.1*w + b) + softplus(0.3*w + b) - (0.3*w + b)"
     " + softplus(0.7*w + b) - (0.7*w + b) + softplus(1.2*w + b) + softplus(1.6*w + b)"
     " - (1.6*w + b) + softplus(2.3*w + b) - (2.3*w + b))"},
};
#define N_BUILTINS ((int)(sizeof builtins / sizeof builtins[0]))

static expr *compile_builtin(const typed *t)
{
    char vx[EXPR_MAX_NAME + 1] = "x", vy[EXPR_MAX_NAME + 1] = "y";
    expr_error err;
    if (t->vars)
        ck_assert(expr_vars(t->vars, vx, vy, &err));
    return compile_ok(t->formula, vx, vy);
}

/* Same L, ∇L, ∇²L as the kernel: 1e-12 relative, or 1e-14 of the quantity's largest size
 * over the samples where it is ~0. A sum that cancels to ~0 has no relative accuracy, in the
 * kernel or here (camel3's Lxx agrees to 5e-12 relative at worst, 4e-16 of its scale), and
 * the neuron kernel's σ(1 - σ) itself loses digits as σ nears 1. */
static void assert_same(const char *name, const char *what, double x, double y, double typed_v,
                        double kernel_v, double scale)
{
    double tol = fmax(1e-12 * fabs(kernel_v), 1e-14 * scale);
    ck_assert_msg(fabs(typed_v - kernel_v) <= tol,
                  "%s: %s at (%.6g, %.6g): typed %.17g kernel %.17g", name, what, x, y, typed_v,
                  kernel_v);
}

START_TEST(test_builtins_typed_match_kernels)
{
    const typed *t = &builtins[_i];
    const surface *s = surface_find(t->name);
    ck_assert_ptr_nonnull(s);
    expr *e = compile_builtin(t);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4000 + (unsigned long)_i);
    double pts[BUILTIN_SAMPLES][2], ref[BUILTIN_SAMPLES][6], scale[6] = {0};
    for (int k = 0; k < BUILTIN_SAMPLES; k++) {
        pts[k][0] = s->xmin + (s->xmax - s->xmin) * gsl_rng_uniform(r);
        pts[k][1] = s->ymin + (s->ymax - s->ymin) * gsl_rng_uniform(r);
        surface_eval(s, pts[k][0], pts[k][1], &ref[k][0], &ref[k][1], &ref[k][3]);
        for (int q = 0; q < 6; q++)
            scale[q] = fmax(scale[q], fabs(ref[k][q]));
    }
    static const char *const what[6] = {"L", "dL/dx", "dL/dy", "Lxx", "Lxy", "Lyy"};
    for (int k = 0; k < BUILTIN_SAMPLES; k++) {
        double got[6], fv;
        expr_eval(e, pts[k][0], pts[k][1], &got[0], &got[1], &got[3]);
        expr_eval(e, pts[k][0], pts[k][1], &fv, NULL, NULL);
        ck_assert(fv == got[0]);
        for (int q = 0; q < 6; q++)
            assert_same(t->name, what[q], pts[k][0], pts[k][1], got[q], ref[k][q], scale[q]);
    }
    gsl_rng_free(r);
    expr_free(e);
}
END_TEST

/* A run-time surface on the typed formula, with the built-in's box and start, finds the
 * built-in's table of stationary points (derive_defaults → stationary_find). */
START_TEST(test_builtins_typed_find_same_points)
{
    const typed *t = &builtins[_i];
    const surface *ref = surface_find(t->name);
    expr_spec spec = {.formula = t->formula,
                      .vars = t->vars,
                      .name = t->name,
                      .has_domain = true,
                      .xmin = ref->xmin,
                      .xmax = ref->xmax,
                      .ymin = ref->ymin,
                      .ymax = ref->ymax,
                      .has_start = true,
                      .start_x = ref->start_x,
                      .start_y = ref->start_y};
    expr_error err;
    char note[256];
    surface *s = expr_surface(&spec, &err, note, sizeof note);
    ck_assert_msg(s != NULL, "%s: %s", t->name, err.msg);
    ck_assert_str_eq(note, "");
    ck_assert_uint_gt(s->serial, 0);
    ck_assert_msg(s->n_points == ref->n_points, "%s: %zu points, the table has %zu", t->name,
                  s->n_points, ref->n_points);
    double span = fmax(ref->xmax - ref->xmin, ref->ymax - ref->ymin);
    for (size_t k = 0; k < ref->n_points; k++) {
        const surface_point *p = &ref->points[k];
        size_t match = s->n_points;
        for (size_t j = 0; j < s->n_points; j++)
            if (fabs(s->points[j].x - p->x) <= 1e-7 * span &&
                fabs(s->points[j].y - p->y) <= 1e-7 * span)
                match = j;
        ck_assert_msg(match < s->n_points, "%s: table point (%.17g, %.17g) not found", t->name,
                      p->x, p->y);
        ck_assert_int_eq(s->points[match].kind, p->kind);
        ck_assert_int_eq(s->points[match].degenerate, p->degenerate);
        ck_assert_double_eq_tol(s->points[match].value, p->value, 1e-9 * fmax(1, fabs(p->value)));
    }
    ck_assert_str_eq(s->axis_x, t->vars ? "w" : "x");
    ck_assert(s->eta > 0 && s->level_hi > s->level_lo);
    surface_destroy(s);
}
END_TEST

/* ---- exact zeros, and bad points that must not crash ---- */

START_TEST(test_exact_zeros)
{
    double f, g[2], h[3];
    expr *e = compile_ok("sqrt(x) + y", NULL, NULL);
    expr_eval(e, 0, 2, &f, g, h);
    ck_assert(f == 2 && g[1] == 1 && h[1] == 0 && h[2] == 0);
    ck_assert(isinf(g[0]) && g[0] > 0);
    expr_free(e);
    /* 1/x at 0: infinite in x, and y does not reach it. */
    e = compile_ok("1/x + y", NULL, NULL);
    expr_eval(e, 0, 3, &f, g, h);
    ck_assert(g[1] == 1 && h[1] == 0 && h[2] == 0);
    expr_free(e);
    /* x sqrt(y) at y = 0: along x it is 0 everywhere. */
    e = compile_ok("x*sqrt(y)", NULL, NULL);
    expr_eval(e, 0, 0, &f, g, h);
    ck_assert(f == 0 && g[0] == 0 && h[0] == 0);
    expr_free(e);
    /* Saturated: slope and curvature exactly 0, never NaN. */
    static const char *const saturating[] = {"sigmoid(x) + y", "tanh(x) + y", "softplus(-x) + y",
                                             "sigmoid(1000*x)*y"};
    for (size_t k = 0; k < sizeof saturating / sizeof saturating[0]; k++) {
        e = compile_ok(saturating[k], NULL, NULL);
        for (int sign = -1; sign <= 1; sign += 2) {
            double x = sign * 800.0;
            if (k == 2 && sign < 0)
                continue; /* softplus(800) is the line 800, slope 1 */
            expr_eval(e, x, 1, &f, g, h);
            ck_assert_msg(isfinite(f) && g[0] == 0 && h[0] == 0 && h[1] == 0 && h[2] == 0,
                          "%s at x = %g: L %g, g %g %g, h %g %g %g", saturating[k], x, f, g[0],
                          g[1], h[0], h[1], h[2]);
        }
        expr_free(e);
    }
    /* Slopes of abs and relu at their kinks, and powers at 0. */
    e = compile_ok("abs(x) + relu(y)", NULL, NULL);
    expr_eval(e, 0, 0, &f, g, h);
    ck_assert(g[0] == 0 && g[1] == 0 && h[0] == 0 && h[2] == 0);
    expr_free(e);
    e = compile_ok("x^2 + x^1*y + y^0", NULL, NULL);
    expr_eval(e, 0, 0, &f, g, h);
    ck_assert(f == 1 && g[0] == 0 && g[1] == 0 && h[0] == 2 && h[1] == 1 && h[2] == 0);
    expr_free(e);
}
END_TEST

START_TEST(test_bad_points_give_nan_or_inf)
{
    static const struct {
        const char *formula;
        double x, y;
    } cases[] = {
        {"log(x)", -1, 0},
        {"sqrt(x) + y", -1, 0},
        {"x/y", 1, 0},
        {"asin(x)", 2, 0},
        {"x^0.5", -1, 0},
        {"exp(x)", 1e6, 0},
        {"atan2(x, y)", 0, 0},
        {"hypot(x, y)", 0, 0},
        {"min(x, log(y))", 1, -1},
        {"x^y", -2, 0.5},
        {"cbrt(x)", 0, 0},
        {"tan(x)", M_PI / 2, 0},
        {"x^60 * y^-60", 1e300, 0},
        {"0*x + x/0", 1e308, 1e308},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        expr *e = compile_ok(cases[k].formula, NULL, NULL);
        double f, g[2], h[3], fv;
        expr_eval(e, cases[k].x, cases[k].y, &f, g, h);
        expr_eval(e, cases[k].x, cases[k].y, &fv, NULL, NULL);
        ck_assert_msg((isnan(f) && isnan(fv)) || f == fv, "%s: %g vs %g", cases[k].formula, f, fv);
        bool any = !isfinite(f) || !isfinite(g[0]) || !isfinite(g[1]) || !isfinite(h[0]) ||
                   !isfinite(h[1]) || !isfinite(h[2]);
        ck_assert_msg(any || k == 11, "%s at (%g, %g) is finite", cases[k].formula, cases[k].x,
                      cases[k].y);
        expr_free(e);
    }
    ck_assert(isnan(value_at("log(x)", -1, 0)));
    ck_assert(isinf(value_at("1/x", 0, 0)));
}
END_TEST

/* ---- syntax ---- */

START_TEST(test_syntax)
{
    static const struct {
        const char *formula;
        double x, y, want;
    } cases[] = {
        {"-x^2", 3, 0, -9},
        {"(-x)^2", 3, 0, 9},
        {"2^3^2", 0, 0, 512},
        {"x^-2", 2, 0, 0.25},
        {"2*-x", 3, 0, -6},
        {"--x", 3, 0, 3},
        {"+x", 3, 0, 3},
        {"1 - -1", 0, 0, 2},
        {"x**2", 3, 0, 9},
        {"2**3**2", 0, 0, 512},
        {"1e-3 * x", 1000, 0, 1},
        {".5 + 2.5E+1 + 1.", 0, 0, 26.5},
        {"x - y - 1", 5, 2, 2},
        {"x / y / 2", 8, 2, 2},
        {"2 + 3 * 4 ^ 2 / 8", 0, 0, 8},
        {"pi", 0, 0, M_PI},
        {"e", 0, 0, M_E},
        {"ln(e^2)", 0, 0, 2},
        {"sq(x) + pow(y, 3)", 3, 2, 17},
        {"\t x *\n y ", 3, 2, 6},
        {"min(x, y) + max(x, y) + hypot(3, 4)", 1, 2, 8},
        {"atan2(1, 1)", 0, 0, M_PI / 4},
        {"x^2^0.5", 4, 0, 7.1029933013160163}, /* 4^(2^0.5): right-associative */
        {"((((x))))", 7, 0, 7},
        {"sigmoid(0) + softplus(0) + relu(-1) + abs(-2)", 0, 0, 2.5 + M_LN2},
        {"log2(8) + log10(100) + log1p(0) + cbrt(27)", 0, 0, 8},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double got = value_at(cases[k].formula, cases[k].x, cases[k].y);
        ck_assert_msg(fabs(got - cases[k].want) <= 1e-15 * fmax(1, fabs(cases[k].want)),
                      "'%s' = %.17g, want %.17g", cases[k].formula, got, cases[k].want);
    }
    /* Renamed variables. */
    expr *e = compile_ok("w*b + w", "w", "b");
    double f, g[2];
    expr_eval(e, 2, 3, &f, g, NULL);
    ck_assert(f == 8 && g[0] == 4 && g[1] == 2);
    expr_free(e);
    /* Constants fold to one instruction; x alone needs none. */
    e = compile_ok("2*pi*3 - sqrt(4)", NULL, NULL);
    ck_assert_uint_eq(expr_length(e), 1);
    expr_free(e);
    e = compile_ok("x", NULL, NULL);
    ck_assert_uint_eq(expr_length(e), 0);
    expr_free(e);
    /* A constant operand is fused into its operator: rosenbrock is 7 instructions. */
    e = compile_ok("(1 - x)^2 + 100*(y - x^2)^2", NULL, NULL);
    ck_assert_uint_eq(expr_length(e), 7);
    expr_free(e);
}
END_TEST

/* Exactly at the limits: 4096 bytes, 64 levels. */
START_TEST(test_limits)
{
    char *text = malloc(EXPR_MAX_LEN + 2);
    ck_assert_ptr_nonnull(text);
    for (int k = 0; k < EXPR_MAX_LEN - 2; k += 2)
        memcpy(text + k, "x+", 2);
    memcpy(text + EXPR_MAX_LEN - 2, "y ", 3); /* 2047 x's, a y and a blank: 4096 bytes */
    ck_assert_uint_eq(strlen(text), EXPR_MAX_LEN);
    ck_assert_double_eq(value_at(text, 1, 5), 2047 + 5);
    text[EXPR_MAX_LEN] = 'y';
    text[EXPR_MAX_LEN + 1] = '\0';
    expr_error err;
    ck_assert_ptr_null(expr_compile(text, NULL, NULL, &err));
    ck_assert_int_eq(err.col, EXPR_MAX_LEN + 1);
    ck_assert_str_eq(err.msg, "formula longer than 4096 bytes");
    free(text);
    char deep[3 * EXPR_MAX_DEPTH + 8];
    int n = 0;
    for (int k = 0; k < EXPR_MAX_DEPTH; k++)
        deep[n++] = '(';
    deep[n++] = 'x';
    for (int k = 0; k < EXPR_MAX_DEPTH; k++)
        deep[n++] = ')';
    deep[n] = '\0';
    ck_assert_double_eq(value_at(deep, 3, 0), 3);
    /* The deepest pending stack the nesting cap allows still fits. */
    char wide[16 * EXPR_MAX_DEPTH + 8] = "";
    for (int k = 0; k < EXPR_MAX_DEPTH - 1; k++)
        strcat(wide, "1+2*atan2(3,");
    strcat(wide, "x");
    for (int k = 0; k < EXPR_MAX_DEPTH - 1; k++)
        strcat(wide, ")");
    ck_assert(isfinite(value_at(wide, 1, 0)));
}
END_TEST

/* ---- errors ---- */

typedef struct {
    const char *formula;
    int col;
    const char *msg;
} error_case;

static const error_case error_cases[] = {
    /* empty */
    {"", 1, "empty formula"},
    {"   \t ", 1, "empty formula"},
    /* unknown function, with and without the closest name */
    {"x + sine(x)", 5, "unknown function 'sine' (did you mean 'sin'?)"},
    {"sqr(x)", 1, "unknown function 'sqr' (did you mean 'sqrt'?)"},
    {"arctan(x)", 1, "unknown function 'arctan' (did you mean 'atan'?)"},
    {"Exp(x)", 1, "unknown function 'Exp' (did you mean 'exp'?)"},
    {"sigmod(x)", 1, "unknown function 'sigmod' (did you mean 'sigmoid'?)"},
    {"foo(x)", 1, "unknown function 'foo'"},
    /* unknown variable */
    {"x + z", 5, "unknown variable 'z' (the variables are x and y)"},
    {"X*y", 1, "unknown variable 'X' (did you mean 'x'?)"},
    {"pie*x", 1, "unknown variable 'pie' (did you mean 'pi'?)"},
    {"sin + x", 1, "'sin' is a function: write sin(...)"},
    {"pi(2)", 1, "'pi' is a constant, not a function"},
    /* missing operand */
    {"x +", 4, "missing operand after '+'"},
    {"x ^ ", 5, "missing operand after '^'"},
    {"* x", 1, "missing operand before '*'"},
    {"x + * y", 5, "missing operand before '*'"},
    {"()", 2, "missing operand before ')'"},
    {"max(x, )", 8, "missing operand before ')'"},
    {"sin(x) / ", 10, "missing operand after '/'"},
    /* unbalanced parentheses */
    {"(x + 1", 1, "unbalanced '(': no matching ')'"},
    {"sin((x)", 4, "unbalanced '(': no matching ')'"},
    {"x + 1)", 6, "unbalanced ')': no matching '('"},
    {"(x))", 4, "unbalanced ')': no matching '('"},
    /* trailing garbage */
    {"x + 1 ;", 7, "unexpected character ';'"},
    {"x, y", 2, "unexpected ',' outside a function's arguments"},
    {"(x, y)", 3, "unexpected ',' outside a function's arguments"},
    {"x = 1", 3, "unexpected character '='"},
    {"[x]", 1, "unexpected '[': use ( ) for grouping"},
    {"x \x01", 3, "unexpected control character 0x01"},
    /* implicit multiplication */
    {"2x", 2, "implicit multiplication: write 2*x"},
    {"x y", 3, "implicit multiplication: write x*y"},
    {"3 sin(x)", 3, "implicit multiplication: write 3*sin(...)"},
    {"(x+1)(x-1)", 6, "implicit multiplication: write (...)*(...)"},
    {"x(y + 1)", 2, "implicit multiplication: write x*(...)"},
    {"2e", 2, "implicit multiplication: write 2*e"},
    {"2 pi", 3, "implicit multiplication: write 2*pi"},
    /* numbers */
    {"1.2.3 + x", 1, "malformed number '1.2.3'"},
    {"1e999", 1, "number out of range '1e999'"},
    /* non-ASCII */
    {"x \xc3\x97 y", 3, "non-ASCII character '\xc3\x97': write *"},
    {"x\xc2\xb2", 2, "non-ASCII character '\xc2\xb2': write ^2"},
    {"2\xcf\x80*x", 2, "non-ASCII character '\xcf\x80': write pi"},
    {"x \xe2\x88\x92 y", 3, "non-ASCII character '\xe2\x88\x92': write -"},
    {"x + \xc3\xa9", 5, "non-ASCII byte 0xC3: formulas are plain ASCII"},
    /* wrong number of arguments */
    {"atan2(x)", 1, "atan2 takes 2 arguments, got 1"},
    {"x + sin(x, y)", 5, "sin takes 1 argument, got 2"},
    {"exp()", 1, "exp takes 1 argument, got 0"},
    {"min(x, y, 1)", 1, "min takes 2 arguments, got 3"},
};
#define N_ERROR_CASES ((int)(sizeof error_cases / sizeof error_cases[0]))

START_TEST(test_errors)
{
    const error_case *c = &error_cases[_i];
    expr_error err;
    memset(&err, 0, sizeof err);
    expr *e = expr_compile(c->formula, NULL, NULL, &err);
    ck_assert_msg(e == NULL, "'%s' compiled", c->formula);
    ck_assert_int_eq(err.field, EXPR_AT_FORMULA);
    ck_assert_msg(err.col == c->col && strcmp(err.msg, c->msg) == 0,
                  "'%s': got column %d: %s; want column %d: %s", c->formula, err.col, err.msg,
                  c->col, c->msg);
    /* A NULL error pointer is fine too. */
    ck_assert_ptr_null(expr_compile(c->formula, NULL, NULL, NULL));
}
END_TEST

/* Nesting deeper than the cap, by parentheses, calls, signs and exponents. */
START_TEST(test_nesting_errors)
{
    char text[512];
    expr_error err;
    static const char *const openers[] = {"(", "sin(", "-", "x^"};
    for (size_t k = 0; k < 4; k++) {
        text[0] = '\0';
        for (int d = 0; d <= EXPR_MAX_DEPTH; d++)
            strcat(text, openers[k]);
        strcat(text, "x");
        ck_assert_ptr_null(expr_compile(text, NULL, NULL, &err));
        ck_assert_str_eq(err.msg, "nested deeper than 64 levels");
        ck_assert_int_eq(err.col, 1 + EXPR_MAX_DEPTH * (int)strlen(openers[k]) + (k == 3 ? 1 : 0));
    }
}
END_TEST

START_TEST(test_variable_errors)
{
    static const struct {
        const char *vars;
        int col;
        const char *msg;
    } cases[] = {
        {"w", 1, "expected two names separated by a comma, e.g. w,b"},
        {"w,b,c", 1, "expected two names separated by a comma, e.g. w,b"},
        {"w, ", 4, "missing variable name"},
        {" 2w,b", 2, "variable name '2w' must be letters, digits and _, not starting with a digit"},
        {"w,pi", 3, "variable name 'pi' is a constant"},
        {"exp,b", 1, "variable name 'exp' is a function"},
        {"w, w", 4, "the two variables must differ"},
        {"abcdefghijklmnopqrstuvwxyzabcdefg,b", 1, "variable name longer than 32 bytes"},
    };
    char x[EXPR_MAX_NAME + 1], y[EXPR_MAX_NAME + 1];
    expr_error err;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ck_assert(!expr_vars(cases[k].vars, x, y, &err));
        ck_assert_int_eq(err.field, EXPR_AT_VARS);
        ck_assert_msg(err.col == cases[k].col && strcmp(err.msg, cases[k].msg) == 0,
                      "'%s': column %d: %s", cases[k].vars, err.col, err.msg);
    }
    ck_assert(expr_vars(" theta0 , theta_1 ", x, y, &err));
    ck_assert_str_eq(x, "theta0");
    ck_assert_str_eq(y, "theta_1");
    ck_assert_ptr_null(expr_compile("e + 1", "e", "b", &err));
    ck_assert_int_eq(err.field, EXPR_AT_VARS);
    ck_assert_str_eq(err.msg, "variable name 'e' is a constant");
    /* With the variables renamed, x is unknown. */
    ck_assert_ptr_null(expr_compile("w + x", "w", "b", &err));
    ck_assert_str_eq(err.msg, "unknown variable 'x' (the variables are w and b)");
    ck_assert_str_eq(expr_closest("sinn", 4, (const char *const[]){"sin", "sinh"}, 2), "sin");
    ck_assert_ptr_null(expr_closest("q", 1, (const char *const[]){"sin"}, 1));
}
END_TEST

/* ---- run-time surfaces and their defaults ---- */

START_TEST(test_surface_defaults)
{
    expr_error err;
    char note[512];
    /* No domain: grown until the minimum at (30, 0) is inside. */
    expr_spec spec = {.formula = "  (x - 30)^2 + y^2 "};
    surface *s = expr_surface(&spec, &err, note, sizeof note);
    ck_assert_ptr_nonnull(s);
    ck_assert(s->xmin == -50 && s->xmax == 50 && s->ymin == -50 && s->ymax == 50);
    ck_assert(s->start_x == 30 && s->start_y == 20); /* centre + (0.3, 0.2) of the box */
    ck_assert_str_eq(note, "domain [-50, 50] x [-50, 50] (default: the first of +-5, +-10, +-20, "
                           "+-50, ... with the lowest L inside); start (30, 20) (default: centre "
                           "+ (+0.3, +0.2) of the box)");
    ck_assert_str_eq(s->formula, "(x - 30)^2 + y^2");
    ck_assert_str_eq(s->title, "(x - 30)^2 + y^2");
    ck_assert_str_eq(s->name, "formula");
    ck_assert_str_eq(s->axis_x, "x");
    ck_assert_uint_eq(s->n_points, 1);
    ck_assert_double_eq_tol(s->points[0].x, 30, 1e-9);
    ck_assert(s->eta == 0.5); /* 1/λmax = 1/2 */
    ck_assert(s->eval == expr_kernel);
    surface_destroy(s);
    /* No minimum anywhere: [-5, 5]. */
    spec.formula = "x^2 - y^2";
    s = expr_surface(&spec, &err, note, sizeof note);
    ck_assert(s->xmin == -5 && s->ymax == 5);
    ck_assert_ptr_nonnull(strstr(note, "no minimum found up to +-1000"));
    ck_assert_uint_eq(s->n_points, 1);
    ck_assert_int_eq(s->points[0].kind, POINT_SADDLE);
    surface_destroy(s);
    /* A given start far out: the box grows to hold it. */
    spec.has_start = true;
    spec.start_x = 70;
    spec.start_y = -3;
    s = expr_surface(&spec, &err, NULL, 0);
    ck_assert(s->xmax == 80 && s->start_x == 70);
    surface_destroy(s);
    /* L undefined at the default start (3, 2): the next one, (-3, 2). */
    expr_spec left = {.formula = "sqrt(-x) + y^2", .eta = 0.25, .name = "left.side_2"};
    s = expr_surface(&left, &err, note, sizeof note);
    ck_assert_ptr_nonnull(s);
    ck_assert(s->start_x == -3 && s->start_y == 2 && s->eta == 0.25);
    ck_assert_str_eq(s->name, "left.side_2");
    surface_destroy(s);
    /* Given everything: no note. */
    expr_spec all = {.formula = "w^2 + 3*b^2",
                     .vars = "w,b",
                     .title = "T",
                     .lesson = "L.",
                     .has_domain = true,
                     .xmin = -1,
                     .xmax = 2,
                     .ymin = -3,
                     .ymax = 4,
                     .has_start = true,
                     .start_x = 1,
                     .start_y = 1,
                     .eta = 0.1};
    s = expr_surface(&all, &err, note, sizeof note);
    ck_assert_str_eq(note, "");
    ck_assert(s->xmin == -1 && s->ymax == 4 && s->start_x == 1 && s->eta == 0.1);
    ck_assert_str_eq(s->axis_y, "b");
    ck_assert_str_eq(s->title, "T");
    ck_assert_str_eq(s->lesson, "L.");
    /* The registry takes it and frees it. */
    registry reg;
    ck_assert(registry_init(&reg));
    ck_assert(registry_add(&reg, s));
    ck_assert_ptr_eq(registry_find(&reg, "formula"), s);
    registry_free(&reg);
}
END_TEST

START_TEST(test_surface_errors)
{
    expr_error err;
    static const struct {
        expr_spec spec;
        expr_field field;
        int col;
        const char *msg;
    } cases[] = {
        {{.formula = "x +"}, EXPR_AT_FORMULA, 4, "missing operand after '+'"},
        {{.formula = NULL}, EXPR_AT_FORMULA, 1, "empty formula"},
        {{.formula = "w", .vars = "w;b"},
         EXPR_AT_VARS,
         1,
         "expected two names separated by a comma, e.g. w,b"},
        {{.formula = "x", .name = "my name"},
         EXPR_AT_NAME,
         1,
         "a name is 1 to 32 letters, digits, '_', '-' or '.'"},
        {{.formula = "x", .has_domain = true, .xmin = 1, .xmax = 1, .ymin = 0, .ymax = 1},
         EXPR_AT_DOMAIN,
         0,
         "the domain needs XMIN < XMAX and YMIN < YMAX, finite"},
        {{.formula = "x", .has_domain = true, .xmin = 0, .xmax = 1, .ymin = 0, .ymax = INFINITY},
         EXPR_AT_DOMAIN,
         0,
         "the domain needs XMIN < XMAX and YMIN < YMAX, finite"},
        {{.formula = "x",
          .has_domain = true,
          .xmin = 0,
          .xmax = 1,
          .ymin = 0,
          .ymax = 1,
          .has_start = true,
          .start_x = 2,
          .start_y = 0},
         EXPR_AT_START,
         0,
         "the start (2, 0) is outside the domain"},
        {{.formula = "x", .has_start = true, .start_x = NAN, .start_y = 0},
         EXPR_AT_START,
         0,
         "the start must be finite"},
        {{.formula = "x", .eta = -1}, EXPR_AT_ETA, 0, "eta must be a positive number"},
        {{.formula = "log(-1 - x^2) + y"},
         EXPR_AT_START,
         0,
         "L or its gradient is not finite at any default start: give one"},
        {{.formula = "log(-1 - x^2) + y", .has_start = true},
         EXPR_AT_SURFACE,
         0,
         "L is not finite anywhere on the domain"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ck_assert_ptr_null(expr_surface(&cases[k].spec, &err, NULL, 0));
        ck_assert_msg(err.field == cases[k].field && err.col == cases[k].col &&
                          strcmp(err.msg, cases[k].msg) == 0,
                      "case %zu: field %d column %d: %s", k, err.field, err.col, err.msg);
    }
}
END_TEST

static void eigen2(const surface *s, double lam[2], double vec_angle[2])
{
    double h[3];
    surface_eval(s, 0.1, -0.2, NULL, NULL, h);
    double a[4] = {h[0], h[1], h[1], h[2]};
    gsl_matrix_view m = gsl_matrix_view_array(a, 2, 2);
    gsl_vector *ev = gsl_vector_alloc(2);
    gsl_matrix *evec = gsl_matrix_alloc(2, 2);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(2);
    ck_assert_int_eq(gsl_eigen_symmv(&m.matrix, ev, evec, w), GSL_SUCCESS);
    gsl_eigen_symmv_sort(ev, evec, GSL_EIGEN_SORT_VAL_ASC);
    for (int k = 0; k < 2; k++) {
        lam[k] = gsl_vector_get(ev, (size_t)k);
        /* The axis's angle in [0, 180). */
        double deg = atan2(gsl_matrix_get(evec, 1, (size_t)k), gsl_matrix_get(evec, 0, (size_t)k)) *
                     180 / M_PI;
        vec_angle[k] = fmod(deg + 360, 180);
    }
    gsl_eigen_symmv_free(w);
    gsl_matrix_free(evec);
    gsl_vector_free(ev);
}

START_TEST(test_quadratic)
{
    expr_error err;
    char note[512];
    surface *s = expr_quadratic(1, 10, 30, &err, note, sizeof note);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->formula, "1.625*x^2 - 3.897114317*x*y + 3.875*y^2");
    ck_assert_str_eq(s->name, "quadratic");
    double lam[2], ang[2];
    eigen2(s, lam, ang);
    ck_assert_double_eq_tol(lam[0], 1, 1e-9);
    ck_assert_double_eq_tol(lam[1], 10, 1e-9);
    ck_assert_double_eq_tol(ang[0], 30, 1e-7); /* the flat axis, eigenvalue l1 */
    ck_assert_double_eq_tol(ang[1], 120, 1e-7);
    ck_assert(s->eta == 0.1);
    ck_assert_uint_eq(s->n_points, 1);
    ck_assert_int_eq(s->points[0].kind, POINT_MINIMUM);
    surface_destroy(s);
    /* Axis-aligned: no x*y term; a saddle; coefficients of 1 unwritten. */
    s = expr_quadratic_arg("2,-1,90", &err, NULL, 0);
    ck_assert_str_eq(s->formula, "-0.5*x^2 + y^2");
    ck_assert_int_eq(s->points[0].kind, POINT_SADDLE);
    surface_destroy(s);
    s = expr_quadratic_arg("-1,-4,0", &err, NULL, 0);
    ck_assert_str_eq(s->formula, "-0.5*x^2 - 2*y^2");
    ck_assert_int_eq(s->points[0].kind, POINT_MAXIMUM);
    surface_destroy(s);
    static const char *const bad[] = {"1,10", "a,b,c", "0,0,30", "1e7,1,0", "1,2,nan", "", NULL};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ck_assert_ptr_null(expr_quadratic_arg(bad[k], &err, NULL, 0));
        ck_assert_int_eq(err.field, EXPR_AT_SURFACE);
    }
}
END_TEST

/* ---- surface files ---- */

static char *path_of(const char *file)
{
    const char *root = getenv("SOURCE_ROOT");
    ck_assert_msg(root != NULL, "SOURCE_ROOT is not set (run through meson test)");
    size_t n = strlen(root) + strlen(file) + 32;
    char *p = malloc(n);
    ck_assert_ptr_nonnull(p);
    snprintf(p, n, "%s/surfaces/files/%s", root, file);
    return p;
}

static surface *load_shipped(const char *file)
{
    char *path = path_of(file), err[512], note[512];
    surface *s = surfacefile_load(path, err, sizeof err, note, sizeof note);
    ck_assert_msg(s != NULL, "%s", err);
    free(path);
    return s;
}

START_TEST(test_shipped_files)
{
    surface *q = load_shipped("quadratic.surface");
    expr_error err;
    surface *shortcut = expr_quadratic(1, 10, 30, &err, NULL, 0);
    /* The file and the --quadratic shortcut make the same surface. */
    ck_assert_str_eq(q->name, shortcut->name);
    ck_assert_str_eq(q->formula, shortcut->formula);
    ck_assert_str_eq(q->title, shortcut->title);
    ck_assert_str_eq(q->lesson, shortcut->lesson);
    ck_assert(q->xmin == shortcut->xmin && q->xmax == shortcut->xmax && q->ymin == shortcut->ymin &&
              q->ymax == shortcut->ymax);
    ck_assert(q->start_x == shortcut->start_x && q->start_y == shortcut->start_y);
    ck_assert(q->eta == shortcut->eta && q->n_points == shortcut->n_points);
    surface_destroy(shortcut);
    surface_destroy(q);

    surface *d = load_shipped("double-well.surface");
    ck_assert_str_eq(d->name, "double-well");
    ck_assert(d->xmin == -2 && d->xmax == 2 && d->ymin == -1.5 && d->ymax == 1.5);
    ck_assert(d->start_x == 0.4 && d->start_y == 1.2 && d->eta == 0.05);
    ck_assert_uint_eq(d->n_points, 3);
    ck_assert_int_eq(d->points[0].kind, POINT_MINIMUM);
    ck_assert_int_eq(d->points[1].kind, POINT_SADDLE);
    ck_assert_int_eq(d->points[2].kind, POINT_MINIMUM);
    ck_assert_double_lt(d->points[0].value, d->points[2].value); /* the left well is deeper */
    ck_assert_ptr_nonnull(strstr(d->lesson, "lower. Move the start"));
    surface_destroy(d);

    surface *l = load_shipped("line-fit.surface");
    ck_assert_str_eq(l->name, "line-fit");
    ck_assert_str_eq(l->axis_x, "w");
    ck_assert_str_eq(l->axis_y, "b");
    ck_assert_uint_eq(l->n_points, 1);
    ck_assert_double_eq_tol(l->points[0].x, 1.5, 1e-12);
    ck_assert_double_eq_tol(l->points[0].y, 5.0 / 6, 1e-12);
    ck_assert_double_eq_tol(l->points[0].value, 1.0 / 18, 1e-12);
    ck_assert(l->eta == 0.2); /* 1/λmax = 1/4.77 rounded down */
    surface_destroy(l);
}
END_TEST

static surface *from_text(const char *text, char *err, size_t n)
{
    surfacefile *sf = surfacefile_parse(text, strlen(text), "dir/t.surface", err, n);
    if (!sf)
        return NULL;
    surface *s = surfacefile_build(sf, err, n, NULL, 0);
    surfacefile_free(sf);
    return s;
}

START_TEST(test_file_syntax)
{
    char err[512];
    const char *text = "# comment\r\n"
                       "\n"
                       "  # an indented comment\n"
                       "formula : w^2 + (b - 1)^2   # inline comment\r\n"
                       "vars: w , b\n"
                       "title: Title # with a hash\n"
                       "lesson:\n"
                       "\tFirst line.\n"
                       "\n"
                       "   Second line.  \n"
                       "domain: -3,3 , -2, 4\n"
                       "start:1,2";
    surface *s = from_text(text, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_str_eq(s->name, "t"); /* the file's base name */
    ck_assert_str_eq(s->formula, "w^2 + (b - 1)^2");
    ck_assert_str_eq(s->title, "Title # with a hash");
    ck_assert_str_eq(s->lesson, "First line. Second line.");
    ck_assert(s->xmin == -3 && s->xmax == 3 && s->ymin == -2 && s->ymax == 4);
    ck_assert(s->start_x == 1 && s->start_y == 2);
    surface_destroy(s);
    /* UTF-8 in the title and lesson. */
    s = from_text("formula: x^2+y^2\ntitle: Sch\xc3\xbcssel \xe2\x80\x94 \xcf\x80\n"
                  "lesson: \xc3\xa9t\xc3\xa9.\n",
                  err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_str_eq(s->title, "Sch\xc3\xbcssel \xe2\x80\x94 \xcf\x80");
    surface_destroy(s);
    /* From a FILE*, and the name defaults when the file has none. */
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fputs("formula: x^2 + y^2\nname: my-bowl\n", f);
    rewind(f);
    s = surfacefile_read(f, NULL, err, sizeof err, NULL, 0);
    fclose(f);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_str_eq(s->name, "my-bowl");
    surface_destroy(s);
    surfacefile *sf = surfacefile_parse("formula: x", 10, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(sf);
    s = surfacefile_build(sf, err, sizeof err, NULL, 0);
    ck_assert_str_eq(s->name, "surface");
    surface_destroy(s);
    surfacefile_free(sf);
    ck_assert_ptr_null(surfacefile_load("/nonexistent/x.surface", err, sizeof err, NULL, 0));
    ck_assert_str_eq(err, "/nonexistent/x.surface: cannot open: No such file or directory");
}
END_TEST

typedef struct {
    const char *text, *msg;
} file_case;

static const file_case file_cases[] = {
    {"", "dir/t.surface:1:1: no 'formula:' line"},
    {"# only a comment\n", "dir/t.surface:1:1: no 'formula:' line"},
    {"formula: x +* y\n", "dir/t.surface:1:13: missing operand before '*'"},
    {"title: t\n\tformula:   x + sine(y)\n",
     "dir/t.surface:2:2: only a lesson continues on indented lines (or remove the indentation)"},
    {"title: t\nformula:   x + sine(y)\n",
     "dir/t.surface:2:16: unknown function 'sine' (did you mean 'sin'?)"},
    {"vars: w,b\nformula: w + x\n",
     "dir/t.surface:2:14: unknown variable 'x' (the variables are w and b)"},
    {"formula: 2x\r\n", "dir/t.surface:1:11: implicit multiplication: write 2*x"},
    {"formula: x \xc3\x97 y\n", "dir/t.surface:1:12: non-ASCII character '\xc3\x97': write *"},
    {"formul: x\n", "dir/t.surface:1:1: unknown key 'formul' (did you mean 'formula'?)"},
    {"colour: red\n", "dir/t.surface:1:1: unknown key 'colour' (keys: formula vars domain start "
                      "eta name title lesson)"},
    {"formula x^2\n", "dir/t.surface:1:9: expected ':' after 'formula'"},
    {"= 3\n", "dir/t.surface:1:1: expected 'key: value'"},
    {"formula: x\neta: 0.1\neta: 0.2\n", "dir/t.surface:3:1: 'eta' given twice (first on line 2)"},
    {"formula: x\neta:\n", "dir/t.surface:2:5: no value for 'eta'"},
    {"formula: x\neta: -0.1\n", "dir/t.surface:2:6: eta must be a positive number"},
    {"formula: x\neta: fast\n", "dir/t.surface:2:6: eta must be a positive number"},
    {"formula: x\nvars: w b\n",
     "dir/t.surface:2:7: expected two names separated by a comma, e.g. w,b"},
    {"formula: x\nvars: w, sin\n", "dir/t.surface:2:10: variable name 'sin' is a function"},
    {"formula: x\ndomain: -1, 1, -1\n",
     "dir/t.surface:2:18: expected 4 numbers XMIN,XMAX,YMIN,YMAX, got 3"},
    {"formula: x\ndomain: -1, 1, -1, 1, 5\n",
     "dir/t.surface:2:23: expected 4 numbers XMIN,XMAX,YMIN,YMAX, got more"},
    {"formula: x\ndomain: -1, one, -1, 1\n", "dir/t.surface:2:13: 'one' is not a number"},
    {"formula: x\ndomain: -1,, -1, 1\n",
     "dir/t.surface:2:12: expected 4 numbers XMIN,XMAX,YMIN,YMAX"},
    {"formula: x\ndomain: 1, -1, -1, 1\n", "dir/t.surface:2:12: XMAX must be greater than XMIN"},
    {"formula: x\ndomain: -1, 1, 2, 2\n", "dir/t.surface:2:19: YMAX must be greater than YMIN"},
    {"formula: x\nstart: 1\n", "dir/t.surface:2:9: expected 2 numbers X,Y, got 1"},
    {"start: 5, 0\ndomain: -1, 1, -1, 1\nformula: x\n",
     "dir/t.surface:1:8: the start is outside the domain (line 2)"},
    {"formula: x\nname: my surface\n",
     "dir/t.surface:2:9: a name is letters, digits, '_', '-' or '.'"},
    {"formula: x\nname: abcdefghijklmnopqrstuvwxyz0123456789\n",
     "dir/t.surface:2:39: a name is at most 32 bytes"},
    {"formula: x\ntitle: bad \xff byte\n",
     "dir/t.surface:2:12: not text: a control character or invalid UTF-8"},
    {"formula: x\nlesson: fine\n  bad \x01 control\n",
     "dir/t.surface:3:7: not text: a control character or invalid UTF-8"},
    {"formula: x\neta: 0.1\xc2\xa0\n",
     "dir/t.surface:2:9: not ASCII text: a control character or a byte above 0x7F"},
    {"formula: x\nlesson:\n", "dir/t.surface:2:8: empty lesson"},
    {"formula: log(-1 - x^2) + y\nstart: 0, 0\n",
     "dir/t.surface:1:10: L is not finite anywhere on the domain"},
};
#define N_FILE_CASES ((int)(sizeof file_cases / sizeof file_cases[0]))

START_TEST(test_file_errors)
{
    const file_case *c = &file_cases[_i];
    char err[512];
    surface *s = from_text(c->text, err, sizeof err);
    ck_assert_msg(s == NULL, "case %d built", _i);
    ck_assert_msg(strcmp(err, c->msg) == 0, "case %d: got '%s', want '%s'", _i, err, c->msg);
}
END_TEST

START_TEST(test_file_limits)
{
    char err[512];
    /* A NUL byte, which a memory buffer can hold. */
    static const char nul[] = "formula: x\ntitle: a\0b\n";
    ck_assert_ptr_null(surfacefile_parse(nul, sizeof nul - 1, "t.surface", err, sizeof err));
    ck_assert_str_eq(err, "t.surface:2:9: NUL byte");
    /* One byte over the size limit, in a long comment on line 2. */
    size_t n = SURFACEFILE_MAX_SIZE + 1;
    char *big = malloc(n);
    ck_assert_ptr_nonnull(big);
    memset(big, '#', n);
    memcpy(big, "formula: x\n", 11);
    ck_assert_ptr_null(surfacefile_parse(big, n, "t.surface", err, sizeof err));
    char want[128];
    snprintf(want, sizeof want, "t.surface:2:%d: file larger than 65536 bytes",
             SURFACEFILE_MAX_SIZE - 11 + 1);
    ck_assert_str_eq(err, want);
    /* Exactly at the limit is fine. */
    surfacefile *sf = surfacefile_parse(big, n - 1, "t.surface", err, sizeof err);
    ck_assert_msg(sf != NULL, "%s", err);
    surfacefile_free(sf);
    free(big);
    /* A formula error maps its column past the 4096-byte limit into the line. */
    char *line = malloc(EXPR_MAX_LEN + 32);
    ck_assert_ptr_nonnull(line);
    strcpy(line, "formula: ");
    memset(line + 9, 'x', EXPR_MAX_LEN + 1);
    line[9 + EXPR_MAX_LEN + 1] = '\0';
    ck_assert_ptr_null(surfacefile_parse(line, strlen(line), "t.surface", err, sizeof err));
    snprintf(want, sizeof want, "t.surface:1:%d: formula longer than 4096 bytes",
             9 + EXPR_MAX_LEN + 1);
    ck_assert_str_eq(err, want);
    free(line);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("expr");
    TCase *td = tcase_create("derivatives");
    tcase_set_timeout(td, 60);
    tcase_add_loop_test(td, test_derivatives_match_gsl_deriv, 0, N_FN_CASES);
    tcase_add_test(td, test_function_list_is_covered);
    tcase_add_test(td, test_exact_zeros);
    tcase_add_test(td, test_bad_points_give_nan_or_inf);
    suite_add_tcase(s, td);
    TCase *tb = tcase_create("builtins");
    tcase_set_timeout(tb, 120);
    tcase_add_loop_test(tb, test_builtins_typed_match_kernels, 0, N_BUILTINS);
    tcase_add_loop_test(tb, test_builtins_typed_find_same_points, 0, N_BUILTINS);
    suite_add_tcase(s, tb);
    TCase *ts = tcase_create("syntax");
    tcase_add_test(ts, test_syntax);
    tcase_add_test(ts, test_limits);
    tcase_add_loop_test(ts, test_errors, 0, N_ERROR_CASES);
    tcase_add_test(ts, test_nesting_errors);
    tcase_add_test(ts, test_variable_errors);
    suite_add_tcase(s, ts);
    TCase *tf = tcase_create("surfaces");
    tcase_set_timeout(tf, 60);
    tcase_add_test(tf, test_surface_defaults);
    tcase_add_test(tf, test_surface_errors);
    tcase_add_test(tf, test_quadratic);
    tcase_add_test(tf, test_shipped_files);
    tcase_add_test(tf, test_file_syntax);
    tcase_add_loop_test(tf, test_file_errors, 0, N_FILE_CASES);
    tcase_add_test(tf, test_file_limits);
    suite_add_tcase(s, tf);
    return run_suite(s);
}
