// SPDX-License-Identifier: MIT
/* Layer: core. Two-parameter models fit to data, shown as surfaces L(w, b).
 *
 * A model predicts ŷ from x with θ = (w, b): linear ŷ = w x + b, or a sigmoid ŷ = σ(w x + b)
 * (neuron and logistic: the same prediction, with different default losses and, for logistic,
 * 0/1 labels). The losses, over rows (xᵢ, yᵢ), i < n, with zᵢ = w xᵢ + b:
 *   mse       (1/n) Σ (ŷᵢ - yᵢ)²
 *   half-sse  Σ ½ (ŷᵢ - yᵢ)²
 *   xent      (1/n) Σ [log(1 + e^zᵢ) - yᵢ zᵢ]   (sigmoid models only; no overflow for any z)
 * fit_eval is a surface kernel: L, ∇L and ∇²L in one pass over the rows, exact from the model
 * (1 - σ(z) is always computed as σ(-z), never by subtraction). surfaces/neuron.c and
 * surfaces/logistic.c are this kernel on fixed data.
 *
 * Every call that asks for ∇L or ∇²L sums all rows in their stored order. A call for L alone
 * (what contour drawing makes, once per dot) on more than FIT_EXACT_MAX rows uses a summary
 * built once instead:
 *   linear, mse or half-sse: closed form from the centred sums (n, x̄, ȳ, Sxx, Sxy and the
 *     residual sum at the least-squares line), exact to rounding, O(1).
 *   sigmoid models: a binary tree over the rows sorted by x (leaves of at most FIT_LEAF rows;
 *     runs of equal x never split). Each node replaces every measure Σ aᵢ φ(zᵢ) over its rows
 *     (φ = softplus for xent; ½σ² and σ for the squared losses) by its two-point Gauss rule,
 *     exact for cubics in x, whose error is at most |w|⁴/24 · max|φ⁗| over the node's z-range
 *     · (Σ (x - mean)⁴ + the rule's own), and 0 on at most two distinct x. The walk takes a
 *     node whole when that bound fits the tolerance its rows (and the rows before it) leave,
 *     else its children, else a leaf row by row. So |L_value_only - L| <= FIT_VALUE_TOL for
 *     the mean losses (FIT_VALUE_TOL per row, n FIT_VALUE_TOL in all, for half-sse) at every
 *     (w, b), and fit_value_bound() gives the bound reached at a point. About 30-50 nodes
 *     a point on 10⁵ rows over the box (bench/bench_data.c).
 * Panel numbers should therefore come from surface_eval with a gradient, never from the
 * value-only path on a large data set. */
#ifndef STEEPEST_FIT_H
#define STEEPEST_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/dataset.h"
#include "steepest/surface.h"

typedef enum { FIT_LINEAR, FIT_NEURON, FIT_LOGISTIC } fit_model;
typedef enum { FIT_LOSS_DEFAULT, FIT_MSE, FIT_HALF_SSE, FIT_XENT } fit_loss;

/* Up to this many rows, even a value-only call sums every row (the shipped sets, built-ins). */
#define FIT_EXACT_MAX 128
/* Rows in a leaf of the sigmoid summary's tree. */
#define FIT_LEAF 64
/* The value-only path's error bound, in units of the mean loss (per row for half-sse):
 * about 1e-3 of a typical contour spacing, far below a braille dot. */
#define FIT_VALUE_TOL 1e-4

typedef struct fit_summary fit_summary;

/* The parameters fit_eval reads: n rows (x[i], y[i]), a model and a loss (never
 * FIT_LOSS_DEFAULT). Built-in surfaces initialise one statically with summary and info NULL. */
typedef struct {
    fit_model model;
    fit_loss loss;
    size_t n;
    const double *x, *y;
    const fit_summary *summary; /* value-only shortcut, or NULL: always every row */
    const char *info;           /* fit_describe's line, or NULL */
    size_t of_n; /* a minibatch of a set of of_n rows (half-sse scaled by of_n / n); 0: a set */
} fit_data;

/* The surface kernel (surface_eval_fn) over a fit_data. */
void fit_eval(const void *params, double w, double b, double *f, double g[2], double h[3]);

/* The fit_data of s, or NULL when s is not a model on data (its eval is not fit_eval). */
const fit_data *fit_data_of(const surface *s);

/* A minibatch: L, ∇L, ∇²L (whichever are non-NULL) over the training rows rows[0..n), in that
 * order, always row by row. Mean losses divide by n; half-sse is scaled by N/n (N the number of
 * training rows), so every batch estimates the full loss without bias. With rows = 0, 1, ...,
 * N-1 the result is bit for bit the full kernel's (same terms, same order, same scaling), so
 * a batch of all rows is exactly full-batch gradient descent. False, writing nothing, when s
 * is not a model on data, n is 0 or an index is out of range. */
bool fit_eval_rows(const surface *s, const size_t *rows, size_t n, double w, double b, double *f,
                   double g[2], double h[3]);

/* Rows rows[0..n) of s's training data as data of their own, for a surface of a minibatch's
 * loss (fit_eval over it equals fit_eval_rows over the same rows, and a value-only call above
 * FIT_EXACT_MAX rows uses a summary of its own, so its contours cost what the full data's do).
 * NULL when s is not a model on data, n is 0, an index is out of range or memory runs out. */
fit_data *fit_data_rows(const surface *s, const size_t *rows, size_t n);
void fit_data_free(fit_data *d);

/* The bound on |L_value_only - L| at (w, b) in L's units: 0 where the value-only path sums
 * every row, the rounding-free closed form's 0 for linear, the summary's bound otherwise. */
double fit_value_bound(const surface *s, double w, double b);

typedef struct {
    fit_model model;
    fit_loss loss;      /* FIT_LOSS_DEFAULT: linear mse, neuron half-sse, logistic xent */
    bool standardize;   /* x -> (x - mean) / sd over the training rows (sd with 1/n) */
    double holdout;     /* fraction of rows held out, [0, 1); 0: none */
    unsigned long seed; /* of the held-out split */
    const char *name;   /* the surface's name; NULL: "data" */
    const char *title;  /* NULL: made from the model, loss and column names */
} fit_options;

/* A run-time surface (surface_create) of the model on d's rows, with everything a surface
 * needs chosen for the data: the minimum (Newton's method; for ≤ FIT_EXACT_MAX rows every
 * stationary point, by stationary_find), a box around it and the start, start (0, 0), η from
 * the Hessian at the start (derive_eta: below 2/λmax) and contour levels (derive_levels). With
 * holdout > 0 a seeded shuffle moves that fraction of rows (at least 2 each side) to a held-out
 * twin in s->heldout, which shares the box, start and levels and is freed with s. The rows
 * move into the surface: d is empty afterwards, on success or not. NULL with a message in err
 * on bad options (logistic needs 0/1 labels; xent a sigmoid model and y in [0, 1]; too few
 * rows to hold out) or out of memory. */
surface *fit_create(dataset *d, const fit_options *opt, char *err, size_t errlen);

/* One line for the user: model, loss, rows, columns, standardization, minimum, box, start, η
 * against 2/λmax, and how contours are computed. NULL for a surface that is not a fit. */
const char *fit_describe(const surface *s);

const char *fit_model_name(fit_model m);
const char *fit_loss_name(fit_loss l);
/* "linear", "neuron", "logistic"; "mse", "half-sse", "xent". False for anything else. */
bool fit_model_parse(const char *s, fit_model *m);
bool fit_loss_parse(const char *s, fit_loss *l);
fit_loss fit_default_loss(fit_model m);

#endif
