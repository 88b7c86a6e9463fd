// SPDX-License-Identifier: MIT
/* booth: L = (x + 2y - 7)² + (2x + y - 5)².
 * Source: A. D. Booth's test function, as listed in M. Jamil & X.-S. Yang, "A literature
 * survey of benchmark functions for global optimization problems", IJMMNO 4(2), 2013. Both
 * squares vanish at (1, 3), the only stationary point, a minimum with L = 0; the Hessian
 * [[10, 8], [8, 10]] has eigenvalues 2 and 18 (condition 9, stable for η < 1/9). */
#include "steepest/surface.h"

static void booth_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    double p = x + 2 * y - 7, q = 2 * x + y - 5;
    if (f)
        *f = p * p + q * q;
    if (g) {
        g[0] = 2 * p + 4 * q;
        g[1] = 4 * p + 2 * q;
    }
    if (h) {
        h[0] = 10;
        h[1] = 8;
        h[2] = 10;
    }
}

static const surface_point booth_points[] = {{1, 3, 0, POINT_MINIMUM, false}};

const surface surface_booth = {
    .name = "booth",
    .title = "Booth's function",
    .formula = "(x + 2y - 7)^2 + (2x + y - 5)^2",
    .lesson = "A plain quadratic whose ellipses lie along the diagonal. Its Hessian has "
              "eigenvalues 2 and 18, so steps are stable for eta < 2/18, about 0.111. "
              "Descent first falls quickly along the steep direction and then slides along "
              "the diagonal to (1, 3), where L = 0.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = booth_eval,
    .xmin = -4,
    .xmax = 6,
    .ymin = -2,
    .ymax = 8,
    .start_x = -3,
    .start_y = -1,
    .eta = 0.05,
    .points = booth_points,
    .n_points = sizeof booth_points / sizeof booth_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.1,
    .level_hi = 500,
    .level_base = 0,
};
