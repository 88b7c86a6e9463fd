// SPDX-License-Identifier: MIT
/* Layer: front. Surfaces made from the command line, after parsing: a typed formula (--expr,
 * with --vars, --domain, --title), --quadratic, a surface file (--surface FILE or a NAME found
 * in the surface folders), or a model fit to data (--data with --columns, --model, --loss,
 * --standardize, --holdout, --seed). The surface joins the registry, which owns it, and
 * becomes the run's surface; what was chosen for it goes to o->note for the status line. */
#ifndef STEEPEST_SOURCE_H
#define STEEPEST_SOURCE_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/cli.h"

/* True when NAME.surface (or NAME) is in one of the surface folders: $STEEPEST_SURFACE_DIR,
 * ~/.local/share/steepest/surfaces, the installed folder, or beside the binary. */
bool source_file_exists(const char *name);
/* Builds the surface the options ask for, if any. Returns an exit code; on bad input, the
 * message (for a formula: the column, then the formula with a caret under it) is on err. */
int source_build(cli_options *o, registry *reg, FILE *err);
/* --list's tail: the surface files found in the surface folders. */
void source_list_files(FILE *out);
/* --points: the surface's stationary points as CSV, x,y,L,kind (kind: minimum, saddle,
 * maximum, or degenerate-...). Returns an exit code. */
int source_points(const cli_options *o, FILE *out);

#endif
