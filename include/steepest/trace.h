// SPDX-License-Identifier: MIT
/* Layer: front. The trace: a walker's walk as CSV, one row per step, step 0 being the start. */
#ifndef STEEPEST_TRACE_H
#define STEEPEST_TRACE_H

#include <stdio.h>

#include "steepest/session.h"

#define TRACE_HEADER                                                                               \
    "step,x,y,loss,grad_x,grad_y,grad_norm,eta,delta_loss,predicted_delta,status,"                 \
    "hess_lambda_min,hess_lambda_max,heldout_loss,walker,optimizer"

void trace_write_header(FILE *f);
/* The row for walker i's current θ; delta columns empty at a start; heldout_loss empty when
 * the surface has no held-out twin. */
void trace_write_row(FILE *f, const session *ss, size_t i);
/* The row for a refused step (status diverged): where it would have gone. */
void trace_write_attempt(FILE *f, const session *ss, size_t i);

#endif
