// SPDX-License-Identifier: MIT
/* camel3: three-hump camel, L = 2x² - 1.05x⁴ + x⁶/6 + xy + y².
 * Source: as listed in Jamil & Yang, IJMMNO 4(2), 2013 (global minimum 0 at the origin).
 * ∂L/∂y = 0 gives y = -x/2, and then ∂L/∂x = 0 becomes x(x⁴ - 4.2x² + 3.5) = 0, so
 * x² = 2.1 ± sqrt(0.91): two local minima (x² = 2.1 + sqrt(0.91)) and two saddles
 * (x² = 2.1 - sqrt(0.91)) beside the global minimum. Values computed with GSL's hybridsj
 * root finder (tools/stationary.c) and re-checked by tests. */
#include "steepest/surface.h"

static void camel3_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    double x2 = x * x;
    if (f)
        *f = 2 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6 + x * y + y * y;
    if (g) {
        g[0] = 4 * x - 4.2 * x2 * x + x2 * x2 * x + y;
        g[1] = x + 2 * y;
    }
    if (h) {
        h[0] = 4 - 12.6 * x2 + 5 * x2 * x2;
        h[1] = 1;
        h[2] = 2;
    }
}

static const surface_point camel3_points[] = {
    {-1.7475523458302888, 0.87377617291514409, 0.29863844223685909, POINT_MINIMUM, false},
    {-1.0705422918236598, 0.53527114591182989, 0.87736155776313995, POINT_SADDLE, false},
    {0, 0, 0, POINT_MINIMUM, false},
    {1.0705422918236598, -0.53527114591182989, 0.87736155776313995, POINT_SADDLE, false},
    {1.7475523458302888, -0.87377617291514442, 0.29863844223685898, POINT_MINIMUM, false},
};

const surface surface_camel3 = {
    .name = "camel3",
    .title = "Three-hump camel",
    .formula = "2x^2 - 1.05x^4 + x^6/6 + xy + y^2",
    .lesson = "Three valleys in a row: the global minimum at the origin and two shallower "
              "local minima on either side, separated by saddles. Started in a side valley, "
              "descent settles there with L about 0.30 and never learns that the middle one "
              "is lower. Step uphill (ascend) over the saddle and descend again to see it.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = camel3_eval,
    .xmin = -2.5,
    .xmax = 2.5,
    .ymin = -2,
    .ymax = 2,
    .start_x = 2.2,
    .start_y = 0.3,
    .eta = 0.05,
    .points = camel3_points,
    .n_points = sizeof camel3_points / sizeof camel3_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.05,
    .level_hi = 12,
    .level_base = 0,
};
