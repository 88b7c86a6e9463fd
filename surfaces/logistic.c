/* logistic: logistic regression p(y=1 | x) = σ(wx + b) on ten 1-D training points, with the
 * mean cross-entropy L(w, b) = (1/n) Σ [log(1 + e^z) - y z], z = wx + b.
 * Source: the standard negative log-likelihood of logistic regression (e.g. Bishop, Pattern
 * Recognition and Machine Learning, §4.3.2). The classes overlap (x = -0.8 is labelled 1 while
 * -0.4 and 0.1 are 0, x = 1.2 is 0), so the data are not linearly separable, L is strictly
 * convex and its single minimum is finite. It has no closed form; it was found with GSL's
 * hybridsj root finder on ∇L = 0 (tools/stationary.c) and is re-checked by tests. A second,
 * fixed held-out set gives surface_logistic_heldout, the same loss measured on data the walk
 * never sees. */
#include <math.h>

#include "steepest/surface.h"

typedef struct {
    size_t n;
    const double *x, *y;
} logistic_data;

static const double train_x[] = {-2.0, -1.3, -0.8, -0.4, 0.1, 0.3, 0.7, 1.2, 1.6, 2.3};
static const double train_y[] = {0, 0, 1, 0, 0, 1, 1, 0, 1, 1};
static const logistic_data train = {10, train_x, train_y};

static const double heldout_x[] = {-1.7, -1.0, -0.5, -0.2, 0.4, 0.9, 1.4, 2.0};
static const double heldout_y[] = {0, 0, 0, 1, 0, 1, 1, 1};
static const logistic_data heldout = {8, heldout_x, heldout_y};

static void logistic_eval(const void *params, double w, double b, double *f, double g[2],
                          double h[3])
{
    const logistic_data *d = params;
    double fs = 0, gw = 0, gb = 0, hww = 0, hwb = 0, hbb = 0;
    for (size_t i = 0; i < d->n; i++) {
        double xi = d->x[i], z = w * xi + b;
        /* log(1 + e^z) without overflow, and σ(z) without overflow. */
        double softplus = (z > 0 ? z : 0) + log1p(exp(-fabs(z)));
        double s = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
        double r = s - d->y[i], c = s * (1 - s);
        fs += softplus - d->y[i] * z;
        gw += r * xi;
        gb += r;
        hww += c * xi * xi;
        hwb += c * xi;
        hbb += c;
    }
    double k = 1.0 / (double)d->n;
    if (f)
        *f = k * fs;
    if (g) {
        g[0] = k * gw;
        g[1] = k * gb;
    }
    if (h) {
        h[0] = k * hww;
        h[1] = k * hwb;
        h[2] = k * hbb;
    }
}

static const surface_point logistic_points[] = {
    {1.0167732334181425, -0.17712154613922967, 0.54684095574598357, POINT_MINIMUM, false},
};

static const surface_point heldout_points[] = {
    {2.3612720839747334, -0.34481052317325833, 0.33914127097717489, POINT_MINIMUM, false},
};

#define LOGISTIC_COMMON                                                                            \
    .axis_x = "w", .axis_y = "b", .eval = logistic_eval, .xmin = -4, .xmax = 6, .ymin = -5,        \
    .ymax = 5, .start_x = -3, .start_y = 3.5, .eta = 1, .level_scale = LEVELS_LOG,                 \
    .level_lo = 0.02, .level_hi = 4

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
    .lesson = "Fitting a logistic-regression line to ten overlapping points. The loss is "
              "convex, so every start reaches the same minimum. But the minimum of the "
              "training loss is not the minimum of the held-out loss: the panel shows both, "
              "and once the walk is near the training minimum, further steps can lower one "
              "while raising the other. Lower training loss is not always a better model.",
    .params = &train,
    .points = logistic_points,
    .n_points = sizeof logistic_points / sizeof logistic_points[0],
    .level_base = 0.4,
    .heldout = &surface_logistic_heldout,
    LOGISTIC_COMMON,
};
