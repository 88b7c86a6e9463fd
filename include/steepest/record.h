// SPDX-License-Identifier: MIT
/* Layer: front. --cast FILE with --play DEMO: the demo rendered headless with its real timing
 * (waits, step speed, a pause held 2 s then passed) into an asciicast v2 file that the
 * asciinema player plays back, for a teacher to publish. */
#ifndef STEEPEST_RECORD_H
#define STEEPEST_RECORD_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/cli.h"
#include "steepest/demo.h"

/* Returns an exit code; the cast is written to a temporary file renamed over o->cast. */
int record_cast(const cli_options *o, registry *reg, const demo_script *demo, bool braille,
                FILE *err);

#endif
