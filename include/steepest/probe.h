/* Layer: front. --probe: the Taylor terms of a step of η along u at every 15 degrees from ∇L,
 * as a table, computed by the same analysis functions the probe in the view reads. */
#ifndef STEEPEST_PROBE_H
#define STEEPEST_PROBE_H

#include <stdio.h>

#include "steepest/cli.h"

/* Returns an exit code. */
int probe_print(const cli_options *o, FILE *out, FILE *err);

#endif
