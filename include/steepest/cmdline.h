// SPDX-License-Identifier: MIT
/* Layer: front. The command line that reproduces a view (the `y` key). It replays the view:
 * the options the run started with (spelled as given, minus --keys), then every key pressed
 * since, as one --keys argument. Where keys cannot replay what happened (a mouse click, a
 * demo, more than 4096 keys), it says so and falls back to the view's current state: surface,
 * θ as the start, η, direction, zoom, theme, with the option table's names. */
#ifndef STEEPEST_CMDLINE_H
#define STEEPEST_CMDLINE_H

#include <stddef.h>

#include "steepest/app.h"

/* argv as the program got it (argv[0] is not printed). */
void cmdline_write(const app *a, int argc, char **argv, char *buf, size_t n);

#endif
