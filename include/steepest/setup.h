// SPDX-License-Identifier: MIT
/* Layer: front. From a config to a running controller: the app with every view option
 * applied, and where a demo named on the command line lives. */
#ifndef STEEPEST_SETUP_H
#define STEEPEST_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "steepest/app.h"
#include "steepest/cli.h"

/* Applies --start, --eta and --ascend to a session already on o->surf. */
void setup_session(const cli_options *o, session *ss);
/* The one rule every face applies to the start (view, --snapshot, --probe, batch): L and
 * ∇L must be finite there. False, with one line on err, otherwise. */
bool setup_check_start(const cli_options *o, FILE *err);
/* An app of cols x rows on o->surf with every view option applied. False if out of memory. */
bool setup_app(const cli_options *o, registry *reg, app *a, int cols, int rows, bool braille);
/* Resolves --play NAME: an existing path as given, else NAME or NAME.demo in the shipped
 * demo folders (installed, beside the binary, or a build tree's source). Writes the path to
 * use into buf; false when it does not fit in n bytes. */
bool setup_demo_path(const char *name, char *buf, size_t n);
/* --demos: the shipped demos' names (one a line with where they are, or one line joined by
 * commas when names_only); returns how many. */
int setup_list_demos(FILE *out, bool names_only);

#endif
