// SPDX-License-Identifier: MIT
/* rosenbrock: L = (1 - x)² + 100 (y - x²)².
 * Source: H. H. Rosenbrock, "An automatic method for finding the greatest or least value of a
 * function", The Computer Journal 3(3), 1960. ∇L = 0 forces y = x² and then x = 1: the only
 * stationary point is the minimum (1, 1), L = 0, with Hessian [[802, -400], [-400, 200]]
 * (eigenvalues about 0.4 and 1001.6), so GD there needs η < 2/1001.6 ≈ 0.002. */
#include "steepest/surface.h"

static void rosenbrock_eval(const void *params, double x, double y, double *f, double g[2],
                            double h[3])
{
    (void)params;
    double a = 1 - x, b = y - x * x;
    if (f)
        *f = a * a + 100 * b * b;
    if (g) {
        g[0] = -2 * a - 400 * x * b;
        g[1] = 200 * b;
    }
    if (h) {
        h[0] = 2 - 400 * y + 1200 * x * x;
        h[1] = -400 * x;
        h[2] = 200;
    }
}

static const surface_point rosenbrock_points[] = {{1, 1, 0, POINT_MINIMUM, false}};

const surface surface_rosenbrock = {
    .name = "rosenbrock",
    .title = "Rosenbrock's banana valley",
    .formula = "(1 - x)^2 + 100 (y - x^2)^2",
    .lesson = "A curved, narrow valley: the walls are 100 times steeper than the floor. "
              "-grad L points down the nearest wall, not along the floor towards (1, 1), so "
              "descent drops into the valley in a few steps and then crawls along it for "
              "thousands. A larger eta does not help: near the minimum the Hessian's largest "
              "eigenvalue is 1001.6, and any eta above 2/1001.6 = 0.0019968 makes the walk "
              "bounce out.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = rosenbrock_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -1,
    .ymax = 3,
    .start_x = -1.2,
    .start_y = 1,
    .eta = 0.0015,
    .points = rosenbrock_points,
    .n_points = sizeof rosenbrock_points / sizeof rosenbrock_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.01,
    .level_hi = 2000,
    .level_base = 0,
};
