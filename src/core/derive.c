// SPDX-License-Identifier: MIT
/* Layer: core. Derived contour levels and learning rate (see derive.h). */
#include <math.h>
#include <stdlib.h>

#include "steepest/derive.h"
#include "steepest/stationary.h"

#define GRID 41

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

bool derive_levels(surface *s)
{
    double v[GRID * GRID];
    int n = 0;
    for (int i = 0; i < GRID; i++)
        for (int j = 0; j < GRID; j++) {
            double x = s->xmin + (s->xmax - s->xmin) * i / (GRID - 1);
            double y = s->ymin + (s->ymax - s->ymin) * j / (GRID - 1);
            double f = surface_loss(s, x, y);
            if (isfinite(f))
                v[n++] = f;
        }
    if (n == 0)
        return false;
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    double lo = v[0], median = v[n / 2], hi = v[(n * 9) / 10];
    double span = hi - lo;
    if (!(span > 0) || !isfinite(span))
        span = fmax(fabs(lo), 1);
    /* Skewed: half the box lies in the lowest tenth of the range, so evenly spaced lines
     * would crowd the walls and leave the floor empty. */
    if (median - lo < 0.1 * span) {
        s->level_scale = LEVELS_LOG;
        s->level_base = lo - 1e-3 * span;
        s->level_lo = 2e-3 * span;
        s->level_hi = 1.001 * span;
    } else {
        s->level_scale = LEVELS_LINEAR;
        s->level_base = 0;
        s->level_lo = lo + 0.05 * span;
        s->level_hi = lo + span;
    }
    return true;
}

/* The largest of 1, 2, 5 times a power of ten that is <= v (v > 0). */
static double nice_floor(double v)
{
    double mag = pow(10, floor(log10(v))), m = v / mag;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * mag;
}

double derive_eta(const surface *s)
{
    double g[2], h[3];
    surface_eval(s, s->start_x, s->start_y, NULL, g, h);
    /* λmax of the symmetric 2x2 [[h0 h1] [h1 h2]], in closed form. */
    double mean = 0.5 * (h[0] + h[2]), radius = hypot(0.5 * (h[0] - h[2]), h[1]);
    double lmax = mean + radius, eta = NAN;
    if (isfinite(lmax) && lmax > 0)
        eta = 1 / lmax;
    else {
        double gnorm = hypot(g[0], g[1]), span = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
        if (isfinite(gnorm) && gnorm > 0 && isfinite(span))
            eta = 0.02 * span / gnorm;
    }
    if (!isfinite(eta) || !(eta > 0) || eta > 1e6)
        return 0.01;
    return nice_floor(eta);
}

bool derive_defaults(surface *s)
{
    if (!s->points) {
        surface_point *pts = NULL;
        int n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, NULL, &pts);
        if (n < 0)
            return false;
        s->points = pts;
        s->n_points = (size_t)n;
        s->owns_points = pts != NULL;
    }
    if (!(s->level_hi > s->level_lo) && !derive_levels(s))
        return false;
    if (!(s->eta > 0))
        s->eta = derive_eta(s);
    return true;
}
