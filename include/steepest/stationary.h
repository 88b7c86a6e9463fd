// SPDX-License-Identifier: MIT
/* Layer: core. The stationary points of a surface: every θ in a box where ∇L = 0, with its
 * kind. tools/stationary.c prints what this finds as the tables pasted into the files under
 * surfaces/, and tests/test_stationary.c holds those tables to it. Calls surfaces, GSL and
 * libm only.
 *
 * GSL errors never abort here: while these functions run, GSL's error handler is switched
 * off and every status is checked; the caller's handler is put back before they return. That
 * swap touches GSL's process-wide handler, so do not call them from two threads at once. */
#ifndef STEEPEST_STATIONARY_H
#define STEEPEST_STATIONARY_H

#include <stdbool.h>

#include "steepest/surface.h"

typedef struct {
    int grid;         /* starts per side (multistart), e.g. 61 */
    double grad_tol;  /* a root counts when |∇L| <= grad_tol * scale after convergence */
    double merge_tol; /* roots closer than merge_tol * box size are one point */
} stationary_options;

/* The values tools/stationary.c uses: a 61x61 lattice, grad_tol 1e-12, merge_tol 1e-7. */
stationary_options stationary_defaults(void);

/* Every stationary point (∇L = 0) of s inside [xmin,xmax]x[ymin,ymax].
 *
 * GSL's hybridsj root finder runs on ∇L = 0, with the analytic Hessian as its Jacobian, from
 * each point of an opt->grid x opt->grid lattice spanning the box (edges included; one start at
 * the centre when grid is 1), for at most a fixed number of iterations each. An end point
 * counts when it is finite, inside the box (edges included) and |∇L| there is at most
 * opt->grad_tol times the largest |∇L| over the lattice, the surface's own gradient scale, so
 * the test means the same on a surface whose L runs to 1e5 as on one that stays below 1. End
 * points closer than opt->merge_tol, measured in box widths along each axis, are one point;
 * the one with the smallest |∇L| stands for it. Each point is classified as
 * stationary_classify() does, and its value is L there; where ∇²L is not finite (a cusp) the
 * point is still listed, as a degenerate saddle, and where L is not finite it is not.
 *
 * A point is found only if some start leads to it: the lattice must be fine enough for the
 * basins of ∇L = 0 (the default finds every listed point of every built-in surface). A surface
 * that is flat over a region has a continuum of stationary points; each start that lands in
 * it adds one. opt NULL means stationary_defaults().
 *
 * Returns the number found (>= 0) with a malloc'd array in *out sorted by x then y (caller
 * frees; NULL when 0), or -1 if out of memory or the arguments are unusable (s, s->eval or out
 * NULL; a box that is empty or not finite; grid outside 1..4096; a tolerance that is negative
 * or not finite). *out is NULL whenever the result is not positive. */
int stationary_find(const surface *s, double xmin, double xmax, double ymin, double ymax,
                    const stationary_options *opt, surface_point **out);

/* Fills *p for the stationary point (x, y): x, y, value = L(x, y), kind and degenerate.
 *
 * Kind from the signs of the Hessian's eigenvalues (gsl_eigen_symm): both positive, a minimum;
 * both negative, a maximum; one of each, a saddle. Degenerate when an eigenvalue is ~0 (at
 * most 1e-8) relative to the largest, where "largest" is never taken below the surface's
 * typical curvature (the median |∇²L| over its domain box): at the monkey saddle the whole
 * Hessian is 0 and there is no largest eigenvalue to compare with. An eigenvalue below 1e-11
 * of that has no sign to read; then the tables' convention applies and the point is a saddle
 * (the comment in src/core/stationary.c says why). Returns false, leaving *p untouched, if s,
 * s->eval or p is NULL, L or the Hessian at (x, y) is not finite, or GSL fails. */
bool stationary_classify(const surface *s, double x, double y, surface_point *p);

#endif
