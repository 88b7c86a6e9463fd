// SPDX-License-Identifier: MIT
/* Layer: front. The batch face: --steps N --trace FILE|- runs the walk without a terminal
 * and writes it as CSV (trace.h), into a temporary file renamed over FILE only once whole. */
#ifndef STEEPEST_BATCH_H
#define STEEPEST_BATCH_H

#include <stdio.h>

#include "steepest/cli.h"
#include "steepest/session.h"

/* A session on o->surf with --start, --eta and --ascend applied; false (said on err) if out
 * of memory. */
bool batch_open_session(const cli_options *o, session *ss, FILE *err);

/* Runs o->steps steps, CSV to o->trace. Returns an exit code. */
int batch_run(const cli_options *o, FILE *out, FILE *err);

#endif
