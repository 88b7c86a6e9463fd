// SPDX-License-Identifier: MIT
/* Layer: front. --snapshot: the frame the interactive view would show, written as text, after
 * a demo (if any) and --keys. */
#ifndef STEEPEST_SNAPSHOT_H
#define STEEPEST_SNAPSHOT_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/cli.h"
#include "steepest/demo.h"

/* Returns an exit code. `braille` says whether the locale and terminal can show braille and
 * UTF-8; colors is 256, 8, 0 (bold only) or -1 (plain text). A demo, if given, is played to
 * its end first, then o->keys are pressed. With y among the keys, the command line for the
 * view follows the frame. */
int snapshot_run(const cli_options *o, registry *reg, const demo_script *demo, bool braille,
                 int colors, int argc, char **argv, FILE *out, FILE *err);

#endif
