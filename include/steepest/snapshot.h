/* --snapshot: the frame the interactive view would show, written as text, after --keys. */
#ifndef STEEPEST_SNAPSHOT_H
#define STEEPEST_SNAPSHOT_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/cli.h"

/* Returns an exit code. `braille` says whether the locale can show braille and UTF-8. */
int snapshot_run(const cli_options *o, bool braille, FILE *out, FILE *err);

#endif
