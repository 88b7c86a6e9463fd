// SPDX-License-Identifier: MIT
/* matyas: L = 0.26 (x² + y²) - 0.48 xy.
 * Source: Matyas' function, as listed in Jamil & Yang, IJMMNO 4(2), 2013. The Hessian
 * [[0.52, -0.48], [-0.48, 0.52]] is constant with eigenvalues 0.04 and 1 (condition 25), so
 * the origin is the only stationary point, a minimum with L = 0. */
#include "steepest/surface.h"

static void matyas_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = 0.26 * (x * x + y * y) - 0.48 * x * y;
    if (g) {
        g[0] = 0.52 * x - 0.48 * y;
        g[1] = 0.52 * y - 0.48 * x;
    }
    if (h) {
        h[0] = 0.52;
        h[1] = -0.48;
        h[2] = 0.52;
    }
}

static const surface_point matyas_points[] = {{0, 0, 0, POINT_MINIMUM, false}};

const surface surface_matyas = {
    .name = "matyas",
    .title = "Matyas function",
    .formula = "0.26 (x^2 + y^2) - 0.48 x y",
    .lesson = "A quadratic with a very flat floor along the diagonal: the Hessian's "
              "eigenvalues are 1 and 0.04. Any eta below 2 is stable, but along the floor each "
              "step shrinks the distance only by (1 - 0.04 eta), so descent reaches the "
              "diagonal at once and then needs hundreds of steps to reach the origin. A small "
              "gradient means slow progress, not arrival.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = matyas_eval,
    .xmin = -10,
    .xmax = 10,
    .ymin = -10,
    .ymax = 10,
    .start_x = -8,
    .start_y = -3,
    .eta = 1,
    .points = matyas_points,
    .n_points = sizeof matyas_points / sizeof matyas_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.05,
    .level_hi = 60,
    .level_base = 0,
};
