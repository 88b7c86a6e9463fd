// SPDX-License-Identifier: MIT
/* beale: L = (1.5 - x + xy)² + (2.25 - x + xy²)² + (2.625 - x + xy³)².
 * Source: E. M. L. Beale, "On an iterative method for finding a local minimum of a function
 * of more than one variable", Princeton Univ. Stat. Tech. Res. Group Tech. Rep. 25, 1958; as
 * listed in Jamil & Yang, IJMMNO 4(2), 2013. All three terms vanish at (3, 0.5), the global
 * minimum, L = 0. On x = 0, ∂L/∂y = 0 and ∂L/∂x = 0 only at y = 1 (the cubic factor left has
 * no real root), giving a saddle (0, 1) with L = 14.203125. The full list in the domain was
 * found with GSL's hybridsj root finder on ∇L = 0 (tools/stationary.c). */
#include "steepest/surface.h"

static void beale_eval(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    (void)params;
    static const double c[3] = {1.5, 2.25, 2.625};
    const double yp[4] = {1, y, y * y, y * y * y}; /* y^0..y^3 */
    double fs = 0, gx = 0, gy = 0, hxx = 0, hxy = 0, hyy = 0;
    for (int i = 1; i <= 3; i++) {
        double t = c[i - 1] - x + x * yp[i];
        double a = -1 + yp[i];        /* ∂t/∂x */
        double b = i * x * yp[i - 1]; /* ∂t/∂y */
        double txy = i * yp[i - 1];   /* ∂²t/∂x∂y */
        double tyy = i >= 2 ? i * (i - 1) * x * yp[i - 2] : 0;
        fs += t * t;
        gx += 2 * t * a;
        gy += 2 * t * b;
        hxx += 2 * a * a;
        hxy += 2 * (a * b + t * txy);
        hyy += 2 * (b * b + t * tyy);
    }
    if (f)
        *f = fs;
    if (g) {
        g[0] = gx;
        g[1] = gy;
    }
    if (h) {
        h[0] = hxx;
        h[1] = hxy;
        h[2] = hyy;
    }
}

static const surface_point beale_points[] = {
    {0, 1, 14.203125, POINT_SADDLE, false},
    {0.1005379373241584, -2.6445135850231245, 9.8645122847555609, POINT_SADDLE, false},
    {3.0000000000000009, 0.50000000000000022, 0, POINT_MINIMUM, false},
};

const surface surface_beale = {
    .name = "beale",
    .title = "Beale's function",
    .formula = "(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
    .lesson = "Flat in the middle, cliffs at the corners: L spans more than five decades over "
              "this box, so the contours are spaced logarithmically. Near the flat centre "
              "steps are tiny; near the corners an eta that was fine elsewhere throws the "
              "walk out. One learning rate cannot suit the whole surface.",
    .axis_x = "x",
    .axis_y = "y",
    .eval = beale_eval,
    .xmin = -4.5,
    .xmax = 4.5,
    .ymin = -4.5,
    .ymax = 4.5,
    .start_x = 1,
    .start_y = 1.4,
    .eta = 0.01,
    .points = beale_points,
    .n_points = sizeof beale_points / sizeof beale_points[0],
    .level_scale = LEVELS_LOG,
    .level_lo = 0.1,
    .level_hi = 100000,
    .level_base = 0,
};
