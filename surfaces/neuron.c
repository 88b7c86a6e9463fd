/* neuron: one sigmoid neuron f(x) = 1/(1 + e^-(wx + b)) fit to (0.5, 0.2) and (2.5, 0.9)
 * with L(w, b) = Σ ½ (f(x) - y)².
 * Source: the lecture example of M. M. Khapra, CS7015 Deep Learning (IIT Madras), lecture 3,
 * started at (w, b) = (-2, -2) with η = 1. Two points and two parameters fit exactly:
 * 0.5w + b = logit(0.2) = -ln 4 and 2.5w + b = logit(0.9) = ln 9 give w = ln 6,
 * b = -ln 4 - ½ ln 6, where L = 0. A search with GSL's hybridsj root finder on ∇L = 0 over the
 * box (tools/stationary.c) finds no other stationary point: the plateaus are flat, not level. */
#include <math.h>

#include "steepest/surface.h"

typedef struct {
    size_t n;
    const double *x, *y;
} neuron_data;

static const double neuron_x[] = {0.5, 2.5};
static const double neuron_y[] = {0.2, 0.9};
static const neuron_data neuron_params = {2, neuron_x, neuron_y};

static double sigmoid(double z)
{
    /* Written so neither branch overflows for large |z|. */
    if (z >= 0)
        return 1 / (1 + exp(-z));
    double e = exp(z);
    return e / (1 + e);
}

static void neuron_eval(const void *params, double w, double b, double *f, double g[2], double h[3])
{
    const neuron_data *d = params;
    double fs = 0, gw = 0, gb = 0, hww = 0, hwb = 0, hbb = 0;
    for (size_t i = 0; i < d->n; i++) {
        double xi = d->x[i];
        double s = sigmoid(w * xi + b);
        double r = s - d->y[i];
        double ds = s * (1 - s);                   /* dσ/dz */
        double c = ds * ds + r * ds * (1 - 2 * s); /* d²(½r²)/dz² */
        fs += 0.5 * r * r;
        gw += r * ds * xi;
        gb += r * ds;
        hww += c * xi * xi;
        hwb += c * xi;
        hbb += c;
    }
    if (f)
        *f = fs;
    if (g) {
        g[0] = gw;
        g[1] = gb;
    }
    if (h) {
        h[0] = hww;
        h[1] = hwb;
        h[2] = hbb;
    }
}

/* w = ln 6, b = -ln 4 - ½ ln 6, to 17 digits. */
static const surface_point neuron_points[] = {
    {1.791759469228055, -2.282174095733918, 0, POINT_MINIMUM, false},
};

const surface surface_neuron = {
    .name = "neuron",
    .title = "Sigmoid neuron error (w, b)",
    .formula = "sum over (0.5, 0.2), (2.5, 0.9) of (sigmoid(w x + b) - y)^2 / 2",
    .lesson = "The error surface of a single sigmoid neuron. From (-2, -2) the loss sits on a "
              "wide plateau: the direction of -grad L is right, but its length is tiny, so "
              "hundreds of steps change almost nothing. Then the walk reaches the edge, drops "
              "into a narrow valley and runs to the exact fit at w = ln 6. Flat does not mean "
              "done.",
    .axis_x = "w",
    .axis_y = "b",
    .eval = neuron_eval,
    .params = &neuron_params,
    .xmin = -6,
    .xmax = 6,
    .ymin = -6,
    .ymax = 6,
    .start_x = -2,
    .start_y = -2,
    .eta = 1,
    .points = neuron_points,
    .n_points = sizeof neuron_points / sizeof neuron_points[0],
    .level_scale = LEVELS_LINEAR,
    .level_lo = 0.02,
    .level_hi = 0.6,
};
