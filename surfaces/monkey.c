// SPDX-License-Identifier: MIT
/* monkey: the monkey saddle L = x³ - 3xy².
 * Source: e.g. do Carmo, Differential Geometry of Curves and Surfaces, §3.3. ∇L = (3x² - 3y²,
 * -6xy) vanishes only at the origin, where the Hessian [[6x, -6y], [-6y, -6x]] is zero: a
 * degenerate saddle with three valleys and three ridges, L = 0. */
#include "steepest/surface.h"

static void monkey_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    if (f)
        *f = x * x * x - 3 * x * y * y;
    if (g) {
        g[0] = 3 * x * x - 3 * y * y;
        g[1] = -6 * x * y;
    }
    if (h) {
        h[0] = 6 * x;
        h[1] = -6 * y;
        h[2] = -6 * x;
    }
}

static const surface_point monkey_points[] = {{0, 0, 0, POINT_SADDLE, true}};

const surface surface_monkey = {
    .name = "monkey",
    .title = "Monkey saddle x^3 - 3xy^2",
    .formula = "x^3 - 3 x y^2",
    .lesson = "A saddle with three valleys instead of two: room for two legs and a tail. At "
              "the origin both the gradient and the whole Hessian vanish, so even the "
              "second-order picture is flat and only the cubic term decides. Descent started "
              "on a ridge creeps towards the centre ever more slowly, then falls into one of "
              "the three valleys.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = monkey_eval,
    .xmin = -1.5,
    .xmax = 1.5,
    .ymin = -1.5,
    .ymax = 1.5,
    .start_x = 1.2,
    .start_y = 0.05,
    .eta = 0.05,
    .points = monkey_points,
    .n_points = sizeof monkey_points / sizeof monkey_points[0],
    .level_scale = LEVELS_LINEAR,
    .level_lo = -3,
    .level_hi = 3,
};
