/* Finds every stationary point of a surface inside its domain box, to print the tables that
 * the files in surfaces/ list. Run: build/tools/stationary [NAME...]
 *
 * Method: GSL's hybridsj root finder on ∇L = 0, with the analytic Hessian as the Jacobian,
 * started from a 61x61 grid over the box. A root counts when |∇L| <= 1e-12 (scaled) after
 * convergence; roots closer than 1e-7 of the box size are merged. Kinds come from the signs
 * of the Hessian's eigenvalues (gsl_eigen_symm); a near-zero eigenvalue marks it degenerate. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>

#include "steepest/surface.h"

extern const surface surface_logistic_heldout;

enum { GRID = 61, MAX_ROOTS = 512 };

typedef struct {
    double x, y;
} root;

static int solve(const surface *s, double x0, double y0, root *r)
{
    gsl_multiroot_function_fdf fn = surface_gsl_gradient(s);
    gsl_multiroot_fdfsolver *sv =
        gsl_multiroot_fdfsolver_alloc(gsl_multiroot_fdfsolver_hybridsj, 2);
    gsl_vector *v = gsl_vector_alloc(2);
    gsl_vector_set(v, 0, x0);
    gsl_vector_set(v, 1, y0);
    gsl_multiroot_fdfsolver_set(sv, &fn, v);
    int status = GSL_CONTINUE;
    for (int it = 0; it < 200 && status == GSL_CONTINUE; it++) {
        if (gsl_multiroot_fdfsolver_iterate(sv))
            break;
        status = gsl_multiroot_test_residual(sv->f, 1e-15);
    }
    r->x = gsl_vector_get(sv->x, 0);
    r->y = gsl_vector_get(sv->x, 1);
    double g[2];
    surface_eval(s, r->x, r->y, NULL, g, NULL);
    gsl_multiroot_fdfsolver_free(sv);
    gsl_vector_free(v);
    return hypot(g[0], g[1]) <= 1e-12 && isfinite(r->x) && isfinite(r->y);
}

static void classify(const surface *s, root r, const char **kind, int *degenerate)
{
    double h[3];
    surface_eval(s, r.x, r.y, NULL, NULL, h);
    double a[4] = {h[0], h[1], h[1], h[2]};
    gsl_matrix_view m = gsl_matrix_view_array(a, 2, 2);
    gsl_vector *ev = gsl_vector_alloc(2);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(2);
    gsl_eigen_symm(&m.matrix, ev, w);
    double l0 = gsl_vector_get(ev, 0), l1 = gsl_vector_get(ev, 1);
    double big = fmax(1, fmax(fabs(l0), fabs(l1)));
    *degenerate = fabs(l0) < 1e-8 * big || fabs(l1) < 1e-8 * big;
    if (l0 > 0 && l1 > 0)
        *kind = "POINT_MINIMUM";
    else if (l0 < 0 && l1 < 0)
        *kind = "POINT_MAXIMUM";
    else
        *kind = "POINT_SADDLE";
    gsl_eigen_symm_free(w);
    gsl_vector_free(ev);
}

static int cmp_root(const void *a, const void *b)
{
    const root *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->y > q->y) - (p->y < q->y);
}

static void table(const surface *s)
{
    static root roots[MAX_ROOTS];
    size_t n = 0;
    double sx = s->xmax - s->xmin, sy = s->ymax - s->ymin;
    for (int i = 0; i < GRID; i++)
        for (int j = 0; j < GRID; j++) {
            root r;
            if (!solve(s, s->xmin + sx * i / (GRID - 1), s->ymin + sy * j / (GRID - 1), &r))
                continue;
            if (r.x < s->xmin || r.x > s->xmax || r.y < s->ymin || r.y > s->ymax)
                continue;
            size_t k = 0;
            while (k < n && hypot((roots[k].x - r.x) / sx, (roots[k].y - r.y) / sy) > 1e-7)
                k++;
            if (k == n && n < MAX_ROOTS)
                roots[n++] = r;
        }
    qsort(roots, n, sizeof roots[0], cmp_root);
    printf("/* POINTS %s */\n", s->name);
    for (size_t k = 0; k < n; k++) {
        const char *kind;
        int deg;
        classify(s, roots[k], &kind, &deg);
        /* Rounding noise around an exact zero prints as 0, not 1e-30. */
        double x = fabs(roots[k].x) < 1e-12 * sx ? 0 : roots[k].x;
        double y = fabs(roots[k].y) < 1e-12 * sy ? 0 : roots[k].y;
        double v = surface_loss(s, x, y);
        printf("    {%.17g, %.17g, %.17g, %s, %s},\n", x, y, fabs(v) < 1e-20 ? 0 : v, kind,
               deg ? "true" : "false");
    }
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2) {
        for (size_t i = 0; i < surface_count(); i++)
            table(surface_at(i));
        table(&surface_logistic_heldout);
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const surface *s = strcmp(argv[i], surface_logistic_heldout.name) == 0
                               ? &surface_logistic_heldout
                               : surface_find(argv[i]);
        if (!s) {
            fprintf(stderr, "stationary: unknown surface '%s'\n", argv[i]);
            return 2;
        }
        table(s);
    }
    return 0;
}
