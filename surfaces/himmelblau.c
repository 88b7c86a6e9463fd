// SPDX-License-Identifier: MIT
/* himmelblau: L = (x² + y - 11)² + (x + y² - 7)².
 * Source: D. M. Himmelblau, Applied Nonlinear Programming, McGraw-Hill, 1972. Both squares
 * vanish at four points, the four minima with L = 0: (3, 2) exactly and three with no simple
 * closed form. ∇L = 0 has five more solutions, four saddles and one local maximum near
 * (-0.2708, -0.9230). All nine were found with GSL's hybridsj root finder on ∇L = 0 from a
 * grid of starts (tools/stationary.c) and are re-checked by tests/test_surface.c. */
#include "steepest/surface.h"

static void himmelblau_eval(const void *params, double x, double y, double *f, double g[2],
                            double h[3])
{
    (void)params;
    double p = x * x + y - 11, q = x + y * y - 7;
    if (f)
        *f = p * p + q * q;
    if (g) {
        g[0] = 4 * x * p + 2 * q;
        g[1] = 2 * p + 4 * y * q;
    }
    if (h) {
        h[0] = 4 * p + 8 * x * x + 2;
        h[1] = 4 * x + 4 * y;
        h[2] = 4 * q + 8 * y * y + 2;
    }
}

static const surface_point himmelblau_points[] = {
    {-3.779310253377747, -3.2831859912861696, 0, POINT_MINIMUM, false},
    {-3.0730257507643897, -0.081353044287967427, 104.01516291755811, POINT_SADDLE, false},
    {-2.8051180869527448, 3.131312518250573, 0, POINT_MINIMUM, false},
    {-0.27084459066734756, -0.92303855647998156, 181.6165215225827, POINT_MAXIMUM, false},
    {-0.12796134673068008, -1.9537149802445766, 178.33723920192745, POINT_SADDLE, false},
    {0.086677504555396301, 2.8842547011747759, 67.719150087526131, POINT_SADDLE, false},
    {3, 2, 0, POINT_MINIMUM, false},
    {3.3851541836070211, 0.073851879837749324, 13.311926270405587, POINT_SADDLE, false},
    {3.5844283403304917, -1.8481265269644036, 0, POINT_MINIMUM, false},
};

const surface surface_himmelblau = {
    .name = "himmelblau",
    .title = "Himmelblau's four minima",
    .formula = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    .lesson = "Four minima, all with L = 0, one maximum and four saddles between them. "
              "Gradient descent finds a minimum, not the minimum: which one depends only on "
              "the basin the start lies in. Start near a saddle and a tiny change of start "
              "sends the walk to a different minimum.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = himmelblau_eval,
    .xmin = -5,
    .xmax = 5,
    .ymin = -5,
    .ymax = 5,
    .start_x = -0.5,
    .start_y = 0.5,
    .eta = 0.01,
    .points = himmelblau_points,
    .n_points = sizeof himmelblau_points / sizeof himmelblau_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.5,
    .level_hi = 800,
    .level_base = 0,
};
