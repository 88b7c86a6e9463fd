// SPDX-License-Identifier: MIT
/* neuron: one sigmoid neuron f(x) = 1/(1 + e^-(wx + b)) fit to (0.5, 0.2) and (2.5, 0.9)
 * with L(w, b) = Σ ½ (f(x) - y)².
 * Source: the lecture example of M. M. Khapra, CS7015 Deep Learning (IIT Madras), lecture 3,
 * started at (w, b) = (-2, -2) with η = 1. Two points and two parameters fit exactly:
 * 0.5w + b = logit(0.2) = -ln 4 and 2.5w + b = logit(0.9) = ln 9 give w = ln 6,
 * b = -ln 4 - ½ ln 6, where L = 0. A search with GSL's hybridsj root finder on ∇L = 0 over the
 * box (tools/stationary.c) finds no other stationary point: the plateaus are flat, not level.
 * L, ∇L and ∇²L come from fit_eval, the model layer's kernel, over the two rows. */
#include "steepest/fit.h"
#include "steepest/surface.h"

/* The model layer's kernel (src/core/fit.c) on these two rows: neuron, half-sse. */
static const double neuron_x[] = {0.5, 2.5};
static const double neuron_y[] = {0.2, 0.9};
static const fit_data neuron_params = {FIT_NEURON, FIT_HALF_SSE, 2,    neuron_x,
                                       neuron_y,   NULL,         NULL, 0};

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
              "the first 60 steps lower L by only 0.013. Then the walk reaches the edge, drops "
              "into a narrow valley and runs to the exact fit at w = ln 6. Flat does not mean "
              "done.",
    .axis_x = "w",
    .axis_y = "b",
    .eval = fit_eval,
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
