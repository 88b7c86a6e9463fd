// SPDX-License-Identifier: MIT
/* logistic: logistic regression p(y=1 | x) = σ(wx + b) on ten 1-D training points, with the
 * mean cross-entropy L(w, b) = (1/n) Σ [log(1 + e^z) - y z], z = wx + b.
 * Source: the standard negative log-likelihood of logistic regression (e.g. Bishop, Pattern
 * Recognition and Machine Learning, §4.3.2). The classes overlap (x = -0.8 is labelled 1 while
 * -0.4 and 0.1 are 0, x = 1.2 is 0), so the data are not linearly separable, L is strictly
 * convex and its single minimum is finite. It has no closed form; it was found with GSL's
 * hybridsj root finder on ∇L = 0 (tools/stationary.c) and is re-checked by tests. A second,
 * fixed held-out set gives surface_logistic_heldout, the same loss measured on data the walk
 * never sees; its minimum lies at larger w than the training minimum.
 * The start (5, 0), a sigmoid far steeper than either minimum, puts the held-out minimum on the
 * walk's way: with η = 1 the held-out loss falls from 0.5007 to 0.3395 at step 15 and rises from
 * step 16 to 0.4145, while the training loss falls at every step (tests/test_data.c). From the
 * old start (-3, 3.5) the held-out loss fell all the way, and the lesson could not be seen.
 * L, ∇L and ∇²L come from fit_eval, the model layer's kernel, over these rows. */
#include "steepest/fit.h"
#include "steepest/surface.h"

/* The model layer's kernel (src/core/fit.c) on these rows: logistic, mean cross-entropy. */
static const double train_x[] = {-2.0, -1.3, -0.8, -0.4, 0.1, 0.3, 0.7, 1.2, 1.6, 2.3};
static const double train_y[] = {0, 0, 1, 0, 0, 1, 1, 0, 1, 1};
static const fit_data train = {FIT_LOGISTIC, FIT_XENT, 10, train_x, train_y, NULL, NULL, 0};

static const double heldout_x[] = {-1.7, -1.0, -0.5, -0.2, 0.4, 0.9, 1.4, 2.0};
static const double heldout_y[] = {0, 0, 0, 1, 0, 1, 1, 1};
static const fit_data heldout = {FIT_LOGISTIC, FIT_XENT, 8, heldout_x, heldout_y, NULL, NULL, 0};

static const surface_point logistic_points[] = {
    {1.0167732334181425, -0.17712154613922967, 0.54684095574598357, POINT_MINIMUM, false},
};

static const surface_point heldout_points[] = {
    {2.3612720839747334, -0.34481052317325833, 0.33914127097717489, POINT_MINIMUM, false},
};

#define LOGISTIC_COMMON                                                                            \
    .axis_x = "w", .axis_y = "b", .eval = fit_eval, .xmin = -4, .xmax = 6, .ymin = -5, .ymax = 5,  \
    .start_x = 5, .start_y = 0, .eta = 1, .level_scale = LEVELS_LOG, .level_lo = 0.02,             \
    .level_hi = 4

const surface surface_logistic_heldout = {
    .name = "logistic-heldout",
    .title = "Logistic regression, held-out cross-entropy",
    .formula = "mean over the 8 held-out points of log(1 + e^z) - y z,  z = w x + b",
    .lesson = "The same model scored on eight points the walk never sees.",
    .params = &heldout,
    .points = heldout_points,
    .n_points = sizeof heldout_points / sizeof heldout_points[0],
    .level_base = 0.4,
    LOGISTIC_COMMON,
};

const surface surface_logistic = {
    .name = "logistic",
    .title = "Logistic regression (w,b)",
    .formula = "mean over 10 training points of log(1 + e^z) - y z,  z = w x + b",
    .lesson = "Fitting a logistic-regression line to ten overlapping points, from (5, 0): a "
              "sigmoid far too steep. Every step lowers the training loss L; the held-out loss "
              "(L held) falls too until about step 15, then climbs while L keeps falling, "
              "because the walk has passed the held-out minimum on its way to the training one. "
              "Lower training loss is not always a better model. L held ends below L only "
              "because the eight held-out points happen to overlap less: a score on a few "
              "points is noisy too.",
    .params = &train,
    .points = logistic_points,
    .n_points = sizeof logistic_points / sizeof logistic_points[0],
    .level_base = 0.4,
    .heldout = &surface_logistic_heldout,
    LOGISTIC_COMMON,
};
