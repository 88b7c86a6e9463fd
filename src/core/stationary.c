// SPDX-License-Identifier: MIT
/* Stationary points by multistart root finding on ∇L = 0; see steepest/stationary.h. */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>

#include "steepest/stationary.h"

enum {
    /* Per start. A simple root converges quadratically in a handful of steps; the monkey
     * saddle's degenerate one only halves its distance per step and needs about 60 to come
     * within STEP_REL of the box size from a corner. The runs that use them all are the
     * ones wandering off the box (rosenbrock, beale, neuron), which no longer matter. */
    MAX_ITER = 200,
    /* Beyond this the lattice alone (grid²) stops being a sensible amount of work. */
    GRID_MAX = 4096,
    /* Lattice per side for the surface's curvature scale. */
    CURVATURE_GRID = 9,
};

/* A run stops once its step is below this many box sizes (plus a few ulps of θ). It is the
 * step, not |∇L|, that decides: at a degenerate root |∇L| shrinks like the square of the
 * distance, so a small residual would stop the monkey saddle's run 1e-6 from the origin, too
 * far for merging and for its Hessian to look degenerate. */
static const double STEP_REL = 1e-14;
/* Relative to the curvature scale (see classify): an eigenvalue at most DEGENERATE_REL makes
 * the point degenerate; one at most SIGN_REL has no sign to read. A degenerate root is found
 * only to about STEP_REL of the box, which moves ∇²L by about STEP_REL of its scale, so signs
 * are read only well above that. */
static const double DEGENERATE_REL = 1e-8;
static const double SIGN_REL = 1e-11;

typedef struct {
    double x, y;
    double gnorm; /* |∇L| at (x, y) */
} root;

stationary_options stationary_defaults(void)
{
    stationary_options o = {.grid = 61, .grad_tol = 1e-12, .merge_tol = 1e-7};
    return o;
}

/* Point i of n spread evenly over [lo, hi], ends included; the centre when n is 1. The
 * expression is the one the tables' starts were computed with, to the last bit. */
static double lattice(double lo, double hi, int i, int n)
{
    return n == 1 ? lo + (hi - lo) / 2 : lo + (hi - lo) * i / (n - 1);
}

static double grad_norm(const surface *s, double x, double y)
{
    double g[2];
    surface_eval(s, x, y, NULL, g, NULL);
    return hypot(g[0], g[1]);
}

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

/* The surface's typical curvature: the median Frobenius norm of ∇²L over a coarse lattice of
 * its domain box, leaving out samples that are not finite. It is what "an eigenvalue is ~0" is
 * measured against when the Hessian at the point itself is ~0 (the monkey saddle). The median,
 * not the largest: beale's corners reach |∇²L| ~ 3e5 while the smallest eigenvalue at its
 * points is 0.3, and that should stay far from looking like zero. */
static double curvature_scale(const surface *s)
{
    double norms[CURVATURE_GRID * CURVATURE_GRID];
    size_t n = 0;
    for (int i = 0; i < CURVATURE_GRID; i++)
        for (int j = 0; j < CURVATURE_GRID; j++) {
            double h[3];
            surface_eval(s, lattice(s->xmin, s->xmax, i, CURVATURE_GRID),
                         lattice(s->ymin, s->ymax, j, CURVATURE_GRID), NULL, NULL, h);
            double norm = hypot(hypot(h[0], h[2]), hypot(h[1], h[1]));
            if (isfinite(norm))
                norms[n++] = norm;
        }
    if (n == 0)
        return 0;
    qsort(norms, n, sizeof norms[0], cmp_double);
    return norms[n / 2];
}

/* stationary_classify's work, with the workspace and the curvature scale supplied, so that
 * stationary_find pays for them once rather than per point. Writes *p only on success. */
static bool classify(const surface *s, double x, double y, double curvature,
                     gsl_eigen_symm_workspace *w, surface_point *p)
{
    double f, h[3];
    surface_eval(s, x, y, &f, NULL, h);
    if (!isfinite(f) || !isfinite(h[0]) || !isfinite(h[1]) || !isfinite(h[2]))
        return false;
    /* Eigenvalues of ∇²L / m, m its largest entry: entries of at most 1 keep gsl_eigen_symm's
     * QR sweeps clear of overflow and of subnormal entries that never deflate. Signs and
     * ratios, all the classification needs, are unchanged; everything below is in units of
     * m. */
    double m = fmax(fabs(h[0]), fmax(fabs(h[1]), fabs(h[2])));
    double lam[2] = {0, 0};
    if (m > 0) {
        double a[4] = {h[0] / m, h[1] / m, h[1] / m, h[2] / m};
        gsl_matrix_view A = gsl_matrix_view_array(a, 2, 2);
        gsl_vector_view ev = gsl_vector_view_array(lam, 2);
        if (gsl_eigen_symm(&A.matrix, &ev.vector, w) != GSL_SUCCESS)
            return false;
    }
    double lo = fmin(lam[0], lam[1]), hi = fmax(lam[0], lam[1]);
    /* With m = 0 (the whole Hessian vanishes), curvature / m is +inf or NaN; fmax drops a NaN
     * and either way both zero eigenvalues come out degenerate, as they should. */
    double big = fmax(fmax(fabs(lo), fabs(hi)), m > 0 ? curvature / m : INFINITY);
    surface_point q = {.x = x, .y = y, .value = f};
    q.degenerate = fabs(lo) <= DEGENERATE_REL * big || fabs(hi) <= DEGENERATE_REL * big;
    /* The tables' convention where the signs cannot tell: a point is a minimum or a maximum
     * only when both eigenvalues have a readable sign and agree, and a saddle otherwise. So
     * a degenerate point whose small eigenvalue still has a clear sign (a bowl with
     * condition number 1e10) keeps its kind, while one whose eigenvalue is ~0 is a saddle:
     * its kind lies in higher-order terms, which the second-order test cannot see. That is
     * the monkey saddle's entry (Hessian 0 at the origin, listed {0, 0, 0, POINT_SADDLE,
     * true}, and truly a saddle: the cubic takes both signs around it), but it would also
     * call x⁴ + y², a degenerate minimum, a saddle; `degenerate` is the warning that the kind
     * may be this convention and not a measurement. Deciding from higher-order terms would
     * take probing L around the point, which no built-in surface needs. */
    double sign_tol = SIGN_REL * big;
    if (lo > sign_tol)
        q.kind = POINT_MINIMUM;
    else if (hi < -sign_tol)
        q.kind = POINT_MAXIMUM;
    else
        q.kind = POINT_SADDLE;
    *p = q;
    return true;
}

bool stationary_classify(const surface *s, double x, double y, surface_point *p)
{
    if (!s || !s->eval || !p)
        return false;
    /* Off, so that a failed allocation returns NULL instead of aborting; see the header. */
    gsl_error_handler_t *prev = gsl_set_error_handler_off();
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(2);
    bool ok = w && classify(s, x, y, curvature_scale(s), w, p);
    if (w)
        gsl_eigen_symm_free(w);
    gsl_set_error_handler(prev);
    return ok;
}

typedef struct {
    const surface *s;
    gsl_multiroot_fdfsolver *sv;
    gsl_multiroot_function_fdf fn;
    double xmin, xmax, ymin, ymax;
    double step_abs; /* STEP_REL times the larger box side */
    double gtol;     /* grad_tol times the gradient scale */
} search;

/* One run of hybridsj from (x0, y0). True, with *r, when it ends on a root: finite, inside the
 * box and with |∇L| <= gtol. Every exit of the loop is bounded by MAX_ITER. */
static bool solve(search *sr, double x0, double y0, root *r)
{
    double x = x0, y = y0, gnorm = grad_norm(sr->s, x, y);
    /* A start where ∇L is not finite leads nowhere. One exactly on a root (the lattice hits
     * the origin of bowl, saddle, monkey) is taken as it is: at the monkey saddle the
     * Jacobian there is 0, and the dogleg step would be 0/0. */
    if (!isfinite(gnorm))
        return false;
    if (gnorm > 0) {
        double start[2] = {x0, y0};
        gsl_vector_view v = gsl_vector_view_array(start, 2);
        if (gsl_multiroot_fdfsolver_set(sr->sv, &sr->fn, &v.vector) != GSL_SUCCESS)
            return false;
        for (int it = 0; it < MAX_ITER; it++) {
            /* GSL_ENOPROG and GSL_ENOPROGJ mean the run has stalled, which at a root is the
             * usual way to end: whether it is one is decided below. */
            if (gsl_multiroot_fdfsolver_iterate(sr->sv) != GSL_SUCCESS)
                break;
            if (!isfinite(gsl_vector_get(sr->sv->x, 0)) || !isfinite(gsl_vector_get(sr->sv->x, 1)))
                return false;
            if (gsl_multiroot_test_delta(sr->sv->dx, sr->sv->x, sr->step_abs, 4 * DBL_EPSILON) ==
                GSL_SUCCESS)
                break;
        }
        x = gsl_vector_get(sr->sv->x, 0);
        y = gsl_vector_get(sr->sv->x, 1);
        gnorm = grad_norm(sr->s, x, y);
    }
    if (!(x >= sr->xmin && x <= sr->xmax && y >= sr->ymin && y <= sr->ymax))
        return false; /* also rejects NaN */
    if (!(gnorm <= sr->gtol))
        return false;
    r->x = x;
    r->y = y;
    r->gnorm = gnorm;
    return true;
}

static int cmp_root(const void *a, const void *b)
{
    const root *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->y > q->y) - (p->y < q->y);
}

/* L flat around (x, y): a step of delta in any of eight directions changes it by at most tol.
 * That is a flat region (exp(-r^2) far out, where L and ∇L underflow), in which every point
 * passes the root test and the finder would list thousands; a flat stretch is not a point.
 * tol is far below what curvature gives at a true stationary point, even a degenerate one
 * (x^4 + y^4 changes by delta^4; the monkey saddle by delta^3; beale's saddle at (0, 1),
 * flat along both axes, changes along a diagonal). */
static bool flat_around(const surface *s, double x, double y, double delta, double tol)
{
    double f = surface_loss(s, x, y);
    if (!isfinite(f))
        return false;
    for (int i = -1; i <= 1; i++)
        for (int j = -1; j <= 1; j++)
            if ((i || j) && !(fabs(surface_loss(s, x + i * delta, y + j * delta) - f) <= tol))
                return false;
    return true;
}

static bool usable(const surface *s, double xmin, double xmax, double ymin, double ymax,
                   const stationary_options *o, surface_point **out)
{
    /* Widths must be finite too: the lattice and the merge distance divide by them. */
    return s && s->eval && out && xmin < xmax && ymin < ymax && isfinite(xmax - xmin) &&
           isfinite(ymax - ymin) && o->grid >= 1 && o->grid <= GRID_MAX && o->grad_tol >= 0 &&
           isfinite(o->grad_tol) && o->merge_tol >= 0 && isfinite(o->merge_tol);
}

int stationary_find(const surface *s, double xmin, double xmax, double ymin, double ymax,
                    const stationary_options *opt, surface_point **out)
{
    stationary_options o = opt ? *opt : stationary_defaults();
    if (out)
        *out = NULL;
    if (!usable(s, xmin, xmax, ymin, ymax, &o, out))
        return -1;
    double sx = xmax - xmin, sy = ymax - ymin;
    /* Off for the whole search so that nothing inside GSL can abort; see the header. */
    gsl_error_handler_t *prev = gsl_set_error_handler_off();

    /* The gradient scale: the steepest slope over the starts. A converged root's |∇L| is
     * rounding noise in terms of about this size, and a stalled run's is a fair fraction of
     * it, so grad_tol times it separates the two whatever the units of L. */
    double gscale = 0;
    for (int i = 0; i < o.grid; i++)
        for (int j = 0; j < o.grid; j++) {
            double gnorm =
                grad_norm(s, lattice(xmin, xmax, i, o.grid), lattice(ymin, ymax, j, o.grid));
            if (isfinite(gnorm))
                gscale = fmax(gscale, gnorm);
        }

    search sr = {.s = s,
                 .fn = surface_gsl_gradient(s),
                 .xmin = xmin,
                 .xmax = xmax,
                 .ymin = ymin,
                 .ymax = ymax,
                 .step_abs = STEP_REL * fmax(sx, sy),
                 .gtol = o.grad_tol * gscale};
    root *roots = NULL;
    surface_point *points = NULL;
    gsl_eigen_symm_workspace *w = NULL;
    size_t n = 0, cap = 0;
    int result = -1;

    sr.sv = gsl_multiroot_fdfsolver_alloc(gsl_multiroot_fdfsolver_hybridsj, 2);
    if (!sr.sv)
        goto done;
    for (int i = 0; i < o.grid; i++)
        for (int j = 0; j < o.grid; j++) {
            root r;
            if (!solve(&sr, lattice(xmin, xmax, i, o.grid), lattice(ymin, ymax, j, o.grid), &r))
                continue;
            size_t k = 0;
            while (k < n && hypot((roots[k].x - r.x) / sx, (roots[k].y - r.y) / sy) > o.merge_tol)
                k++;
            if (k < n) {
                /* The same point again: keep whichever copy is the better root. */
                if (r.gnorm < roots[k].gnorm)
                    roots[k] = r;
                continue;
            }
            if (n == cap) {
                size_t grown = cap ? 2 * cap : 16;
                root *more = realloc(roots, grown * sizeof *roots);
                if (!more)
                    goto done;
                roots = more;
                cap = grown;
            }
            roots[n++] = r;
        }
    if (n == 0) {
        result = 0;
        goto done;
    }
    qsort(roots, n, sizeof *roots, cmp_root);

    w = gsl_eigen_symm_alloc(2);
    points = malloc(n * sizeof *points);
    if (!w || !points)
        goto done;
    double curvature = curvature_scale(s);
    size_t kept = 0;
    double delta = 1e-3 * fmax(sx, sy), flat_tol = 1e-12 * gscale * delta;
    for (size_t k = 0; k < n; k++) {
        if (flat_around(s, roots[k].x, roots[k].y, delta, flat_tol))
            continue;
        if (classify(s, roots[k].x, roots[k].y, curvature, w, &points[kept])) {
            kept++;
            continue;
        }
        /* ∇L is finite and ~0 here but L or ∇²L is not (a cusp such as |x|^1.5): still a
         * stationary point, and one whose curvature cannot tell its kind, so it gets the
         * convention classify() uses for that. Without a finite L there is nothing to list. */
        double f = surface_loss(s, roots[k].x, roots[k].y);
        if (!isfinite(f))
            continue;
        points[kept++] = (surface_point){roots[k].x, roots[k].y, f, POINT_SADDLE, true};
    }
    result = (int)kept;
    if (kept > 0) {
        *out = points;
        points = NULL;
    }

done:
    if (sr.sv)
        gsl_multiroot_fdfsolver_free(sr.sv);
    if (w)
        gsl_eigen_symm_free(w);
    gsl_set_error_handler(prev);
    free(points);
    free(roots);
    return result;
}
