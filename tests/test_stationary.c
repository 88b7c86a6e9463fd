// SPDX-License-Identifier: MIT
/* The stationary-point finder against the tables hand-pasted into surfaces/, on sub-boxes and
 * hand-made surfaces, with its classification, its argument checks and its robustness.
 *
 * main() leaves GSL's default error handler on, which aborts: every test thereby also checks
 * that nothing the finder calls reaches it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"
#include <gsl/gsl_errno.h>

#include "steepest/stationary.h"

extern const surface surface_logistic_heldout;

/* Every surface the program can show, held-out twin included. */
static const surface *all_surfaces(size_t i)
{
    return i < surface_count() ? surface_at(i) : &surface_logistic_heldout;
}
#define N_ALL (surface_count() + 1)

/* Position within 1e-7 of the box size (as merging measures it), value within 1e-9 relative
 * (absolute where the listed value is below 1). */
static const double POS_TOL = 1e-7, VALUE_TOL = 1e-9;

static double box_distance(const surface *s, double x0, double y0, double x1, double y1)
{
    return hypot((x1 - x0) / (s->xmax - s->xmin), (y1 - y0) / (s->ymax - s->ymin));
}

/* Asserts that found[0..n) is sorted by x then y, lies inside the box, and is, one for one,
 * the listed points of s that lie inside the box: same kind, same degenerate flag, and L the
 * listed value times scale. */
static void assert_matches_table(const surface *s, double xmin, double xmax, double ymin,
                                 double ymax, const surface_point *found, int n, double scale)
{
    size_t want = 0;
    for (size_t t = 0; t < s->n_points; t++)
        if (s->points[t].x >= xmin && s->points[t].x <= xmax && s->points[t].y >= ymin &&
            s->points[t].y <= ymax)
            want++;
    ck_assert_msg(n == (int)want, "%s on [%g,%g]x[%g,%g]: found %d points, the table has %zu",
                  s->name, xmin, xmax, ymin, ymax, n, want);
    for (int k = 0; k < n; k++) {
        ck_assert(found[k].x >= xmin && found[k].x <= xmax);
        ck_assert(found[k].y >= ymin && found[k].y <= ymax);
        if (k > 0)
            ck_assert_msg(found[k - 1].x < found[k].x ||
                              (found[k - 1].x == found[k].x && found[k - 1].y < found[k].y),
                          "%s: points %d and %d out of order", s->name, k - 1, k);
    }
    bool *used = calloc(n > 0 ? (size_t)n : 1, sizeof *used);
    ck_assert_ptr_nonnull(used);
    for (size_t t = 0; t < s->n_points; t++) {
        const surface_point *p = &s->points[t];
        if (!(p->x >= xmin && p->x <= xmax && p->y >= ymin && p->y <= ymax))
            continue;
        int match = -1, matches = 0;
        for (int k = 0; k < n; k++)
            if (box_distance(s, p->x, p->y, found[k].x, found[k].y) <= POS_TOL) {
                match = k;
                matches++;
            }
        ck_assert_msg(matches == 1, "%s: table point %zu (%.17g, %.17g) matched by %d found points",
                      s->name, t, p->x, p->y, matches);
        ck_assert_msg(!used[match], "%s: found point %d matches two table points", s->name, match);
        used[match] = true;
        const surface_point *q = &found[match];
        ck_assert_msg(q->kind == p->kind, "%s point %zu: found %s, table %s", s->name, t,
                      surface_point_kind_name(q->kind), surface_point_kind_name(p->kind));
        ck_assert_msg(q->degenerate == p->degenerate, "%s point %zu: degenerate %d, table %d",
                      s->name, t, q->degenerate, p->degenerate);
        double want_value = scale * p->value;
        ck_assert_msg(fabs(q->value - want_value) <= VALUE_TOL * fmax(scale, fabs(want_value)),
                      "%s point %zu: L = %.17g, table %.17g", s->name, t, q->value, want_value);
    }
    free(used);
}

START_TEST(test_finds_every_table)
{
    const surface *s = all_surfaces((size_t)_i);
    stationary_options o = stationary_defaults();
    surface_point *found = NULL;
    int n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, &o, &found);
    ck_assert_int_gt(n, 0);
    ck_assert_ptr_nonnull(found);
    assert_matches_table(s, s->xmin, s->xmax, s->ymin, s->ymax, found, n, 1);
    free(found);
}
END_TEST

/* A built-in surface with L multiplied by a constant: the same points, the values scaled. */
typedef struct {
    const surface *base;
    double k;
} scaled;

static void scaled_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    const scaled *sc = params;
    surface_eval(sc->base, x, y, f, g, h);
    if (f)
        *f *= sc->k;
    for (int i = 0; g && i < 2; i++)
        g[i] *= sc->k;
    for (int i = 0; h && i < 3; i++)
        h[i] *= sc->k;
}

/* The tolerances follow the surface's own scale: an absolute |∇L| test would take rounding
 * noise at 1e8 for a non-root, or a gentle slope at 1e-9 for a root. */
static const struct {
    const char *name;
    double k;
} scalings[] = {
    {"himmelblau", 1e6}, {"himmelblau", 1e-9}, {"camel6", 1e7},
    {"camel6", 1e-10},   {"rastrigin", 1e6},   {"rosenbrock", 1e-8},
};

START_TEST(test_scaled_surfaces)
{
    const surface *base = surface_find(scalings[_i].name);
    ck_assert_ptr_nonnull(base);
    scaled sc = {base, scalings[_i].k};
    surface s = *base;
    s.eval = scaled_eval;
    s.params = &sc;
    surface_point *found = NULL;
    int n = stationary_find(&s, s.xmin, s.xmax, s.ymin, s.ymax, NULL, &found);
    assert_matches_table(&s, s.xmin, s.xmax, s.ymin, s.ymax, found, n, sc.k);
    free(found);
}
END_TEST

/* Part of a domain box: exactly the listed points inside it, no more. The monkey's box is
 * lopsided so that no start falls on the origin, which then has to be reached by the run that
 * only halves its distance per step, and still come out degenerate. */
static const struct {
    const char *name;
    double xmin, xmax, ymin, ymax;
    int count; /* of the table's points, inside the box */
} sub_boxes[] = {
    {"himmelblau", 0, 5, 0, 5, 3},
    {"camel6", 0.05, 2, -1.2, 1.2, 7},
    {"rastrigin", 0.25, 2.5, -2.5, 0.75, 24},
    {"monkey", -1.3, 1.5, -1.4, 1.45, 1},
    {"beale", -1, 4, -1, 2, 2},
    {"camel3", -2.5, -0.5, -2, 2, 2},
};

START_TEST(test_sub_box)
{
    const surface *s = surface_find(sub_boxes[_i].name);
    ck_assert_ptr_nonnull(s);
    double xmin = sub_boxes[_i].xmin, xmax = sub_boxes[_i].xmax;
    double ymin = sub_boxes[_i].ymin, ymax = sub_boxes[_i].ymax;
    surface_point *found = NULL;
    int n = stationary_find(s, xmin, xmax, ymin, ymax, NULL, &found);
    ck_assert_int_eq(n, sub_boxes[_i].count);
    assert_matches_table(s, xmin, xmax, ymin, ymax, found, n, 1);
    free(found);
}
END_TEST

/* Hand-made surfaces: L = a x² + b y² + c x⁴ + d x y² + e x³, with the Hessian to match. */
typedef struct {
    double a, b, c, d, e;
} poly;

static void poly_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    const poly *p = params;
    if (f)
        *f = p->a * x * x + p->b * y * y + p->c * x * x * x * x + p->d * x * y * y +
             p->e * x * x * x;
    if (g) {
        g[0] = 2 * p->a * x + 4 * p->c * x * x * x + p->d * y * y + 3 * p->e * x * x;
        g[1] = 2 * p->b * y + 2 * p->d * x * y;
    }
    if (h) {
        h[0] = 2 * p->a + 12 * p->c * x * x + 6 * p->e * x;
        h[1] = 2 * p->d * y;
        h[2] = 2 * p->b + 2 * p->d * x;
    }
}

#define POLY_SURFACE(NAME, ...)                                                                    \
    static const poly NAME##_params = {__VA_ARGS__};                                               \
    static const surface NAME = {.name = #NAME,                                                    \
                                 .eval = poly_eval,                                                \
                                 .params = &NAME##_params,                                         \
                                 .xmin = -2,                                                       \
                                 .xmax = 2,                                                        \
                                 .ymin = -2,                                                       \
                                 .ymax = 2}

POLY_SURFACE(tiny_bowl, 1e-12, 1e-12, 0, 0, 0); /* curvature 2e-12: small, not degenerate */
POLY_SURFACE(huge_bowl, 1e12, 3e12, 0, 0, 0);   /* curvature 2e12 and 6e12 */
POLY_SURFACE(stiff_bowl, 1e6, 1, 0, 0, 0);      /* condition 1e6: not degenerate */
POLY_SURFACE(flat_bowl, 1e10, 1, 0, 0, 0);      /* condition 1e10: degenerate minimum */
POLY_SURFACE(quartic_trough, 0, 1, 1, 0, 0);    /* x⁴ + y²: a degenerate minimum */
POLY_SURFACE(cap, -1, -2, 0, 0, 0);             /* -x² - 2y² */
POLY_SURFACE(tilted_saddle, 1, -3, 0, 0, 0);    /* x² - 3y² */
POLY_SURFACE(cubic_monkey, 0, 0, 0, -3, 1);     /* x³ - 3xy², the monkey saddle again */

static const struct {
    const surface *s; /* NULL: look up name in the catalog */
    const char *name;
    double x, y;
    surface_point_kind kind;
    bool degenerate;
} classify_cases[] = {
    {NULL, "bowl", 0, 0, POINT_MINIMUM, false},
    {NULL, "saddle", 0, 0, POINT_SADDLE, false},
    {NULL, "himmelblau", -0.27084459066734756, -0.92303855647998156, POINT_MAXIMUM, false},
    {NULL, "rosenbrock", 1, 1, POINT_MINIMUM, false},
    {NULL, "monkey", 0, 0, POINT_SADDLE, true},
    /* A found root is never exactly the origin: eigenvalues ±8.5e-12 are ~0 next to the
     * monkey's curvature over its box, although they are each other's size. */
    {NULL, "monkey", 1e-12, -1e-12, POINT_SADDLE, true},
    /* Away from the origin the same Hessian is plainly indefinite (not a stationary point,
     * but classify only reads curvature). */
    {NULL, "monkey", 0.5, 0, POINT_SADDLE, false},
    {&tiny_bowl, NULL, 0, 0, POINT_MINIMUM, false},
    {&huge_bowl, NULL, 0, 0, POINT_MINIMUM, false},
    {&stiff_bowl, NULL, 0, 0, POINT_MINIMUM, false},
    /* Degenerate by the 1e-8 ratio, yet its small eigenvalue still has a clear sign. */
    {&flat_bowl, NULL, 0, 0, POINT_MINIMUM, true},
    /* The convention: a zero eigenvalue leaves the kind undecided, which is listed as a
     * saddle even where higher-order terms make it a minimum. */
    {&quartic_trough, NULL, 0, 0, POINT_SADDLE, true},
    {&cap, NULL, 0, 0, POINT_MAXIMUM, false},
    {&tilted_saddle, NULL, 0, 0, POINT_SADDLE, false},
    {&cubic_monkey, NULL, 0, 0, POINT_SADDLE, true},
};

START_TEST(test_classify)
{
    const surface *s =
        classify_cases[_i].s ? classify_cases[_i].s : surface_find(classify_cases[_i].name);
    ck_assert_ptr_nonnull(s);
    double x = classify_cases[_i].x, y = classify_cases[_i].y;
    surface_point p;
    memset(&p, 0xa5, sizeof p);
    ck_assert(stationary_classify(s, x, y, &p));
    ck_assert_double_eq(p.x, x);
    ck_assert_double_eq(p.y, y);
    ck_assert_double_eq(p.value, surface_loss(s, x, y));
    ck_assert_msg(p.kind == classify_cases[_i].kind, "%s at (%g, %g): %s, want %s", s->name, x, y,
                  surface_point_kind_name(p.kind),
                  surface_point_kind_name(classify_cases[_i].kind));
    ck_assert_msg(p.degenerate == classify_cases[_i].degenerate, "%s at (%g, %g): degenerate %d",
                  s->name, x, y, p.degenerate);
}
END_TEST

/* classify alone agrees with every entry of the built-in tables. */
START_TEST(test_classify_table_points)
{
    const surface *s = all_surfaces((size_t)_i);
    for (size_t t = 0; t < s->n_points; t++) {
        surface_point p;
        ck_assert(stationary_classify(s, s->points[t].x, s->points[t].y, &p));
        ck_assert_msg(p.kind == s->points[t].kind && p.degenerate == s->points[t].degenerate,
                      "%s point %zu: %s/%d, table %s/%d", s->name, t,
                      surface_point_kind_name(p.kind), p.degenerate,
                      surface_point_kind_name(s->points[t].kind), s->points[t].degenerate);
    }
}
END_TEST

/* The finder on hand-made surfaces: it needs no table, only a box. */
static const struct {
    const surface *s;
    surface_point_kind kind;
    bool degenerate;
} hand_made[] = {
    {&tiny_bowl, POINT_MINIMUM, false},  {&huge_bowl, POINT_MINIMUM, false},
    {&cap, POINT_MAXIMUM, false},        {&tilted_saddle, POINT_SADDLE, false},
    {&cubic_monkey, POINT_SADDLE, true}, {&quartic_trough, POINT_SADDLE, true},
    {&flat_bowl, POINT_MINIMUM, true},
};

START_TEST(test_find_hand_made)
{
    const surface *s = hand_made[_i].s;
    surface_point *found = NULL;
    /* Lopsided, so no start is the root itself. */
    int n = stationary_find(s, -1.7, 1.9, -1.8, 1.3, NULL, &found);
    ck_assert_msg(n == 1, "%s: %d points", s->name, n);
    ck_assert_ptr_nonnull(found);
    /* x⁴ converges only linearly too (a third per step); it still ends within the tolerance. */
    ck_assert_msg(hypot(found[0].x / 3.6, found[0].y / 3.1) <= POS_TOL, "%s: at (%g, %g)", s->name,
                  found[0].x, found[0].y);
    ck_assert_int_eq(found[0].kind, hand_made[_i].kind);
    ck_assert_int_eq(found[0].degenerate, hand_made[_i].degenerate);
    ck_assert_double_eq(found[0].value, surface_loss(s, found[0].x, found[0].y));
    free(found);
}
END_TEST

/* exp(-(x^2 + y^2)): one maximum, and far out a plain of underflowed L and ∇L where every
 * start passes the root test. */
static void gauss_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    double e = exp(-(x * x + y * y));
    if (f)
        *f = e;
    if (g) {
        g[0] = -2 * x * e;
        g[1] = -2 * y * e;
    }
    if (h) {
        h[0] = (4 * x * x - 2) * e;
        h[1] = 4 * x * y * e;
        h[2] = (4 * y * y - 2) * e;
    }
}

/* The plain is not a list of points: only the maximum (it once listed 2361 'saddles'). */
START_TEST(test_flat_plain_is_not_points)
{
    static const surface gauss = {
        .name = "gauss", .eval = gauss_eval, .xmin = -30, .xmax = 30, .ymin = -30, .ymax = 30};
    surface_point *found = NULL;
    int n = stationary_find(&gauss, -30, 30, -30, 30, NULL, &found);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(found[0].kind, POINT_MAXIMUM);
    ck_assert(fabs(found[0].x) < 1e-9 && fabs(found[0].y) < 1e-9);
    free(found);
}
END_TEST

static void plane_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = 3 * x - 2 * y;
    if (g) {
        g[0] = 3;
        g[1] = -2;
    }
    if (h)
        h[0] = h[1] = h[2] = 0;
}

static const surface plane = {
    .name = "plane", .eval = plane_eval, .xmin = -1, .xmax = 1, .ymin = -1, .ymax = 1};

/* No stationary point in the box: 0, and *out is NULL even if it held something. */
static const struct {
    const char *name; /* NULL: the plane */
    double xmin, xmax, ymin, ymax;
} empty_boxes[] = {
    {NULL, -1, 1, -1, 1},
    {"bowl", 0.5, 2, -2, 2},        /* the minimum lies just outside */
    {"himmelblau", -2, 2, -0.5, 2}, /* between the saddles and the maximum */
    {"rosenbrock", -2, 0.9, -1, 3},
};

START_TEST(test_none_in_box)
{
    const surface *s = empty_boxes[_i].name ? surface_find(empty_boxes[_i].name) : &plane;
    ck_assert_ptr_nonnull(s);
    surface_point dummy, *found = &dummy;
    int n = stationary_find(s, empty_boxes[_i].xmin, empty_boxes[_i].xmax, empty_boxes[_i].ymin,
                            empty_boxes[_i].ymax, NULL, &found);
    ck_assert_int_eq(n, 0);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(test_defaults)
{
    stationary_options o = stationary_defaults();
    ck_assert_int_eq(o.grid, 61);
    ck_assert_double_eq(o.grad_tol, 1e-12);
    ck_assert_double_eq(o.merge_tol, 1e-7);
    /* NULL options are the defaults, point for point. */
    const surface *s = surface_find("camel6");
    surface_point *a = NULL, *b = NULL;
    int na = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, &o, &a);
    int nb = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, NULL, &b);
    ck_assert_int_eq(na, 15);
    ck_assert_int_eq(nb, na);
    for (int k = 0; k < na; k++) {
        ck_assert_double_eq(a[k].x, b[k].x);
        ck_assert_double_eq(a[k].y, b[k].y);
        ck_assert_double_eq(a[k].value, b[k].value);
        ck_assert_int_eq(a[k].kind, b[k].kind);
        ck_assert_int_eq(a[k].degenerate, b[k].degenerate);
    }
    free(a);
    free(b);
}
END_TEST

/* A 5x5 lattice finds some of the rastrigin's 81 points, each of them right; one start finds
 * one point; a merge tolerance wider than the box leaves one; grad_tol 0 takes exact roots. */
START_TEST(test_options_matter)
{
    const surface *s = surface_find("rastrigin");
    stationary_options o = stationary_defaults();
    surface_point *found = NULL;
    o.grid = 5;
    int n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, &o, &found);
    ck_assert_int_ge(n, 5);
    ck_assert_int_le(n, 25);
    for (int k = 0; k < n; k++) {
        size_t t = 0;
        while (t < s->n_points &&
               box_distance(s, s->points[t].x, s->points[t].y, found[k].x, found[k].y) > POS_TOL)
            t++;
        ck_assert_msg(t < s->n_points, "(%.17g, %.17g) is not listed", found[k].x, found[k].y);
        ck_assert_int_eq(found[k].kind, s->points[t].kind);
    }
    free(found);

    const surface *bowl = surface_find("bowl");
    o.grid = 1; /* the centre of [-2, 1]x[-1.5, 2] is (-0.5, 0.25) */
    n = stationary_find(bowl, -2, 1, -1.5, 2, &o, &found);
    ck_assert_int_eq(n, 1);
    ck_assert_double_eq_tol(found[0].x, 0, 1e-15);
    ck_assert_double_eq_tol(found[0].y, 0, 1e-15);
    free(found);

    o = stationary_defaults();
    o.merge_tol = 10; /* wider than the box: every root is "the same point" */
    n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, &o, &found);
    ck_assert_int_eq(n, 1);
    free(found);

    /* grad_tol 0 accepts only exact roots; the lattice hits bowl's origin exactly. */
    o = stationary_defaults();
    o.grad_tol = 0;
    n = stationary_find(bowl, bowl->xmin, bowl->xmax, bowl->ymin, bowl->ymax, &o, &found);
    ck_assert_int_eq(n, 1);
    ck_assert_double_eq(found[0].x, 0);
    ck_assert_double_eq(found[0].y, 0);
    free(found);
}
END_TEST

START_TEST(test_bad_arguments)
{
    const surface *s = surface_find("bowl");
    stationary_options good = stationary_defaults();
    static const struct {
        double xmin, xmax, ymin, ymax;
        int grid;
        double grad_tol, merge_tol;
    } cases[] = {
        {1, 1, -1, 1, 61, 1e-12, 1e-7},         {1, -1, -1, 1, 61, 1e-12, 1e-7},
        {-1, 1, 2, 2, 61, 1e-12, 1e-7},         {NAN, 1, -1, 1, 61, 1e-12, 1e-7},
        {-1, INFINITY, -1, 1, 61, 1e-12, 1e-7}, {-1e308, 1e308, -1, 1, 61, 1e-12, 1e-7},
        {-1, 1, -1, 1, 0, 1e-12, 1e-7},         {-1, 1, -1, 1, 4097, 1e-12, 1e-7},
        {-1, 1, -1, 1, -5, 1e-12, 1e-7},        {-1, 1, -1, 1, 61, -1e-12, 1e-7},
        {-1, 1, -1, 1, 61, NAN, 1e-7},          {-1, 1, -1, 1, 61, 1e-12, -1},
        {-1, 1, -1, 1, 61, 1e-12, INFINITY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stationary_options o = {cases[i].grid, cases[i].grad_tol, cases[i].merge_tol};
        surface_point dummy, *found = &dummy;
        ck_assert_msg(stationary_find(s, cases[i].xmin, cases[i].xmax, cases[i].ymin, cases[i].ymax,
                                      &o, &found) == -1,
                      "case %zu accepted", i);
        ck_assert_ptr_null(found);
    }
    surface_point *found = NULL;
    ck_assert_int_eq(stationary_find(NULL, -1, 1, -1, 1, &good, &found), -1);
    ck_assert_int_eq(stationary_find(s, -1, 1, -1, 1, &good, NULL), -1);
    surface no_eval = *s;
    no_eval.eval = NULL;
    ck_assert_int_eq(stationary_find(&no_eval, -1, 1, -1, 1, &good, &found), -1);
    surface_point p;
    ck_assert(!stationary_classify(NULL, 0, 0, &p));
    ck_assert(!stationary_classify(s, 0, 0, NULL));
    ck_assert(!stationary_classify(&no_eval, 0, 0, &p));
}
END_TEST

/* Surfaces that misbehave: NaN on half the plane, NaN everywhere, a Hessian that is infinite
 * at the root, zero everywhere. None may abort, hang or leak. */
typedef enum { BROKEN_HALF_NAN, BROKEN_ALL_NAN, BROKEN_CUSP, BROKEN_FLAT } broken_kind;

static void broken_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    broken_kind k = *(const broken_kind *)params;
    double v = x * x + y * y, gx = 2 * x, gy = 2 * y, hxx = 2, hxy = 0, hyy = 2;
    if (k == BROKEN_ALL_NAN || (k == BROKEN_HALF_NAN && x < -0.3))
        v = gx = gy = hxx = hxy = hyy = NAN;
    if (k == BROKEN_CUSP) { /* |x|^1.5 + y²: ∇L = 0 at the origin, where Lxx is infinite */
        double ax = fabs(x);
        v = ax * sqrt(ax) + y * y;
        gx = copysign(1.5 * sqrt(ax), x);
        hxx = 0.75 / sqrt(ax);
    }
    if (k == BROKEN_FLAT)
        v = gx = gy = hxx = hxy = hyy = 0;
    if (f)
        *f = v;
    if (g) {
        g[0] = gx;
        g[1] = gy;
    }
    if (h) {
        h[0] = hxx;
        h[1] = hxy;
        h[2] = hyy;
    }
}

static const broken_kind broken_kinds[] = {BROKEN_HALF_NAN, BROKEN_ALL_NAN, BROKEN_CUSP,
                                           BROKEN_FLAT};

START_TEST(test_broken_surfaces)
{
    surface s = {.name = "broken",
                 .eval = broken_eval,
                 .params = &broken_kinds[_i],
                 .xmin = -1,
                 .xmax = 1,
                 .ymin = -1,
                 .ymax = 1};
    stationary_options o = stationary_defaults();
    if (broken_kinds[_i] == BROKEN_FLAT)
        o.grid = 4; /* every start is a root: a continuum */
    surface_point *found = NULL;
    int n = stationary_find(&s, -1, 1, -1, 1, &o, &found);
    surface_point p;
    switch (broken_kinds[_i]) {
    case BROKEN_HALF_NAN:
        ck_assert_int_eq(n, 1);
        ck_assert_double_eq_tol(found[0].x, 0, 1e-12);
        ck_assert_double_eq_tol(found[0].y, 0, 1e-12);
        ck_assert_int_eq(found[0].kind, POINT_MINIMUM);
        ck_assert(!stationary_classify(&s, -0.5, 0, &p));
        break;
    case BROKEN_ALL_NAN:
        ck_assert_int_eq(n, 0);
        ck_assert_ptr_null(found);
        ck_assert(!stationary_classify(&s, 0, 0, &p));
        break;
    case BROKEN_CUSP:
        /* The lattice hits the origin; its Hessian cannot be classified, so it is listed as
         * the convention lists an undecided kind. */
        ck_assert_int_eq(n, 1);
        ck_assert_double_eq(found[0].x, 0);
        ck_assert_double_eq(found[0].y, 0);
        ck_assert_double_eq(found[0].value, 0);
        ck_assert_int_eq(found[0].kind, POINT_SADDLE);
        ck_assert(found[0].degenerate);
        ck_assert(!stationary_classify(&s, 0, 0, &p));
        break;
    case BROKEN_FLAT:
        /* A flat stretch is not a list of points: none (it once gave one per start). */
        ck_assert_int_eq(n, 0);
        ck_assert_ptr_null(found);
        break;
    }
    free(found);
}
END_TEST

static int handler_calls;

static void counting_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)gsl_errno;
    handler_calls++;
}

/* The caller's GSL error handler is back in place afterwards, whatever happened inside. */
START_TEST(test_error_handler_restored)
{
    gsl_set_error_handler(counting_handler);
    broken_kind k = BROKEN_HALF_NAN;
    surface s = {.eval = broken_eval, .params = &k, .xmin = -1, .xmax = 1, .ymin = -1, .ymax = 1};
    surface_point *found = NULL, p;
    ck_assert_int_eq(stationary_find(&s, -1, 1, -1, 1, NULL, &found), 1);
    free(found);
    ck_assert(gsl_set_error_handler(counting_handler) == counting_handler);
    ck_assert(stationary_classify(surface_find("monkey"), 0, 0, &p));
    ck_assert(gsl_set_error_handler(counting_handler) == counting_handler);
    ck_assert(!stationary_classify(&s, -0.5, 0, &p));
    ck_assert(gsl_set_error_handler(NULL) == counting_handler);
    ck_assert_int_eq(handler_calls, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stationary");
    TCase *tt = tcase_create("tables");
    tcase_add_loop_test(tt, test_finds_every_table, 0, (int)N_ALL);
    tcase_add_loop_test(tt, test_sub_box, 0, (int)(sizeof sub_boxes / sizeof sub_boxes[0]));
    tcase_add_loop_test(tt, test_scaled_surfaces, 0, (int)(sizeof scalings / sizeof scalings[0]));
    tcase_add_loop_test(tt, test_classify_table_points, 0, (int)N_ALL);
    suite_add_tcase(s, tt);
    TCase *tc = tcase_create("classify");
    tcase_add_loop_test(tc, test_classify, 0,
                        (int)(sizeof classify_cases / sizeof classify_cases[0]));
    suite_add_tcase(s, tc);
    TCase *tf = tcase_create("find");
    tcase_add_loop_test(tf, test_find_hand_made, 0, (int)(sizeof hand_made / sizeof hand_made[0]));
    tcase_add_test(tf, test_flat_plain_is_not_points);
    tcase_add_loop_test(tf, test_none_in_box, 0, (int)(sizeof empty_boxes / sizeof empty_boxes[0]));
    tcase_add_test(tf, test_defaults);
    tcase_add_test(tf, test_options_matter);
    tcase_add_test(tf, test_bad_arguments);
    tcase_add_loop_test(tf, test_broken_surfaces, 0,
                        (int)(sizeof broken_kinds / sizeof broken_kinds[0]));
    tcase_add_test(tf, test_error_handler_restored);
    suite_add_tcase(s, tf);
    return run_suite(s);
}
