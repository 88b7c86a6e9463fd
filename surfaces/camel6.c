// SPDX-License-Identifier: MIT
/* camel6: six-hump camel, L = (4 - 2.1x² + x⁴/3)x² + xy + (-4 + 4y²)y².
 * Source: L. C. W. Dixon & G. P. Szegő, "The global optimization problem: an introduction",
 * Towards Global Optimisation 2, 1978; as listed in Jamil & Yang, IJMMNO 4(2), 2013 (global
 * minima ±(0.0898, -0.7126), L ≈ -1.0316). Every stationary point in the box, with more
 * digits than the literature gives, was found with GSL's hybridsj root finder on ∇L = 0
 * (tools/stationary.c) and is re-checked by tests/test_surface.c. */
#include "steepest/surface.h"

static void camel6_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    double x2 = x * x, y2 = y * y;
    if (f)
        *f = (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
    if (g) {
        g[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
        g[1] = x - 8 * y + 16 * y2 * y;
    }
    if (h) {
        h[0] = 8 - 25.2 * x2 + 10 * x2 * x2;
        h[1] = 1;
        h[2] = -8 + 48 * y2;
    }
}

static const surface_point camel6_points[] = {
    {-1.703606714969981, 0.7960835686726252, -0.21546382438371703, POINT_MINIMUM, false},
    {-1.6380679841897789, -0.22867406904439405, 2.2293571975307143, POINT_SADDLE, false},
    {-1.6071047529201969, -0.56865145488413149, 2.104250310311258, POINT_MINIMUM, false},
    {-1.2960702671671092, -0.60508438803865849, 2.2294708180298599, POINT_SADDLE, false},
    {-1.2302298765166526, -0.16233458445899496, 2.4962953510235772, POINT_MAXIMUM, false},
    {-1.1092053368047865, 0.76826809250953987, 0.54371860097818525, POINT_SADDLE, false},
    {-0.089842013100317933, 0.71265640302073963, -1.0316284534898774, POINT_MINIMUM, false},
    {0, 0, 0, POINT_SADDLE, false},
    {0.089842013100318058, -0.71265640302073963, -1.0316284534898774, POINT_MINIMUM, false},
    {1.1092053368047865, -0.76826809250953987, 0.54371860097818525, POINT_SADDLE, false},
    {1.2302298765166526, 0.16233458445899496, 2.4962953510235772, POINT_MAXIMUM, false},
    {1.2960702671671092, 0.60508438803865849, 2.2294708180298599, POINT_SADDLE, false},
    {1.6071047529201969, 0.56865145488413138, 2.1042503103112584, POINT_MINIMUM, false},
    {1.6380679841897785, 0.22867406904439408, 2.2293571975307147, POINT_SADDLE, false},
    {1.703606714969981, -0.7960835686726252, -0.21546382438371703, POINT_MINIMUM, false},
};

const surface surface_camel6 = {
    .name = "camel6",
    .title = "Six-hump camel",
    .formula = "(4 - 2.1x^2 + x^4/3)x^2 + xy + (-4 + 4y^2)y^2",
    .lesson = "Six minima, two of them global (L about -1.0316), with saddles and two local "
              "maxima between. Descent lands in whichever basin it starts in; two starts a "
              "hair apart near a saddle end in different minima. Watch the step count at a "
              "saddle: the gradient is nearly zero there and progress stalls.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = camel6_eval,
    .xmin = -2,
    .xmax = 2,
    .ymin = -1.2,
    .ymax = 1.2,
    .start_x = -1.5,
    .start_y = 1,
    .eta = 0.02,
    .points = camel6_points,
    .n_points = sizeof camel6_points / sizeof camel6_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.02,
    .level_hi = 6,
    .level_base = -1.1,
};
