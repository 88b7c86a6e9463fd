// SPDX-License-Identifier: MIT
/* Layer: core, private to fit.c and fit_summary.c. The value-only summary of a data set (see
 * fit.h): what contour drawing reads instead of every row, within FIT_VALUE_TOL. */
#ifndef STEEPEST_FIT_SUMMARY_H
#define STEEPEST_FIT_SUMMARY_H

#include <stdbool.h>

#include "steepest/fit.h"

/* The factor from the sum of ½r² (or of the xent terms) over `used` rows to L (fit.c). */
double fit_loss_scale(const fit_data *d, size_t used);

/* linear, mse or half-sse: the closed form from centred sums. NULL if out of memory. */
fit_summary *fit_summary_linear(const fit_data *d);
/* The sigmoid models: the tree of two-point Gauss rules over the rows sorted by x. */
fit_summary *fit_summary_sigmoid(const fit_data *d);
void fit_summary_free(fit_summary *sm);
/* The closed form (linear), or the tree. */
bool fit_summary_is_linear(const fit_summary *sm);
/* The tree's allowed error of the sum, in the sum's units (0 for the closed form). */
double fit_summary_tolerance(const fit_summary *sm);
/* The sum behind L at (w, b) from the summary (L = fit_loss_scale(d, d->n) times it), and in
 * *bound the bound on its error. */
double fit_summary_sum(const fit_data *d, const fit_summary *sm, double w, double b, double *bound);

#endif
