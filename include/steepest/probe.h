// SPDX-License-Identifier: MIT
/* Layer: front. --probe: the Taylor terms of a step of η along u at every 15 degrees from ∇L,
 * as a table, computed by the same analysis functions the probe in the view reads. */
#ifndef STEEPEST_PROBE_H
#define STEEPEST_PROBE_H

#include <stdio.h>

#include "steepest/cli.h"

/* Returns an exit code. */
int probe_print(const cli_options *o, FILE *out, FILE *err);

/* --slice: L along the next step's direction d from θ (u = -∇L descending, +∇L ascending),
 * t = 0 to three step lengths in 24 rows, beside the first- and second-order Taylor
 * polynomials: the numbers the d chart draws. Returns an exit code. */
int slice_print(const cli_options *o, FILE *out, FILE *err);

#endif
