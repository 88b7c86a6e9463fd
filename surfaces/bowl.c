// SPDX-License-Identifier: MIT
/* bowl: L = x² + y², the isotropic quadratic.
 * Source: any multivariable calculus text. ∇L = (2x, 2y) vanishes only at the origin and the
 * Hessian is 2I everywhere, so the origin is the single minimum, with L = 0. */
#include "steepest/surface.h"

static void bowl_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = x * x + y * y;
    if (g) {
        g[0] = 2 * x;
        g[1] = 2 * y;
    }
    if (h) {
        h[0] = 2;
        h[1] = 0;
        h[2] = 2;
    }
}

static const surface_point bowl_points[] = {{0, 0, 0, POINT_MINIMUM, false}};

const surface surface_bowl = {
    .name = "bowl",
    .title = "Round bowl x^2 + y^2",
    .formula = "x^2 + y^2",
    .lesson = "On a round bowl every level curve is a circle, so -grad L, which is always "
              "perpendicular to the level curve, points straight at the minimum. Each step "
              "multiplies the distance to the origin by |1 - 2 eta|: the walk is stable only "
              "for eta < 1 (2 / lambda_max, with lambda_max = 2). This is the one surface "
              "where steepest descent and 'head for the minimum' agree.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = bowl_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -2,
    .ymax = 2,
    .start_x = 1.6,
    .start_y = 1.2,
    .eta = 0.1,
    .points = bowl_points,
    .n_points = sizeof bowl_points / sizeof bowl_points[0],
    .level_scale = LEVELS_LINEAR,
    .level_lo = 0.25,
    .level_hi = 7,
};
