// SPDX-License-Identifier: MIT
/* saddle: L = x² - y².
 * Source: the textbook saddle (e.g. Stewart, Calculus, §14.7). ∇L = (2x, -2y) vanishes only
 * at the origin; the Hessian diag(2, -2) has one eigenvalue of each sign: a saddle, L = 0. */
#include "steepest/surface.h"

static void saddle_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = x * x - y * y;
    if (g) {
        g[0] = 2 * x;
        g[1] = -2 * y;
    }
    if (h) {
        h[0] = 2;
        h[1] = 0;
        h[2] = -2;
    }
}

static const surface_point saddle_points[] = {{0, 0, 0, POINT_SADDLE, false}};

const surface surface_saddle = {
    .name = "saddle",
    .title = "Saddle x^2 - y^2",
    .formula = "x^2 - y^2",
    .lesson = "Near a saddle the gradient is tiny, so steps shrink and progress stalls even "
              "though this is not a minimum. Started almost on the x axis, descent slides "
              "towards the saddle and lingers; the small y component then grows by (1 + 2 eta) "
              "each step and carries the walk away downhill. L has no minimum here at all: "
              "it falls without bound along y.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = saddle_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -2,
    .ymax = 2,
    .start_x = 1.8,
    .start_y = 0.02,
    .eta = 0.1,
    .points = saddle_points,
    .n_points = sizeof saddle_points / sizeof saddle_points[0],
    .level_scale = LEVELS_LINEAR,
    .level_lo = -3.5,
    .level_hi = 3.5,
};
