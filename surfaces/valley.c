// SPDX-License-Identifier: MIT
/* valley: an ill-conditioned quadratic L = ½(u² + 20 v²) in axes rotated by atan2(3, 4)
 * (about 36.87°): u = 0.8x + 0.6y, v = -0.6x + 0.8y.
 * Source: the standard model of ill-conditioning, e.g. Nocedal & Wright, Numerical
 * Optimization, §3.3. The Hessian is R diag(1, 20) Rᵀ everywhere: eigenvalues 1 and 20,
 * condition number 20, gradient descent stable for η < 2/20 = 0.1. The only stationary point
 * is the minimum at the origin, L = 0. */
#include "steepest/surface.h"

enum { VALLEY_STEEP = 20 };

static void valley_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    const double c = 0.8, s = 0.6, k = VALLEY_STEEP;
    double u = c * x + s * y, v = -s * x + c * y;
    if (f)
        *f = 0.5 * (u * u + k * v * v);
    if (g) {
        g[0] = u * c - k * v * s;
        g[1] = u * s + k * v * c;
    }
    if (h) {
        h[0] = c * c + k * s * s;
        h[1] = c * s - k * s * c;
        h[2] = s * s + k * c * c;
    }
}

static const surface_point valley_points[] = {{0, 0, 0, POINT_MINIMUM, false}};

const surface surface_valley = {
    .name = "valley",
    .title = "Narrow valley, rotated",
    .formula = "(u^2 + 20 v^2)/2,  u = 0.8x + 0.6y,  v = -0.6x + 0.8y",
    .lesson = "The level curves are long thin ellipses, so -grad L, perpendicular to them, "
              "points across the valley and not at the minimum. The Hessian has eigenvalues 1 "
              "and 20: steps are stable only for eta < 2/20 = 0.1. Just below that bound the "
              "walk zig-zags from wall to wall; just above it every bounce grows and the walk "
              "diverges, while the slow direction still crawls.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = valley_eval,
    .xmin = -3,
    .xmax = 3,
    .ymin = -2,
    .ymax = 2,
    .start_x = -2.5,
    .start_y = -0.5,
    .eta = 0.08,
    .points = valley_points,
    .n_points = sizeof valley_points / sizeof valley_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.05,
    .level_hi = 40,
    .level_base = 0,
};
