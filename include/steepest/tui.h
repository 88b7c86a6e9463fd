// SPDX-License-Identifier: MIT
/* Layer: terminal. The only code that includes curses.h (ncurses is linked into this layer
 * alone). It blits frames and turns keys, mouse clicks, resizes and signals into controller
 * actions; it computes no geometry. May call the controller, the picture, the model and the
 * core; never the front. */
#ifndef STEEPEST_TUI_H
#define STEEPEST_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/app.h"
#include "steepest/demo.h"

typedef enum { TUI_COLOR_AUTO, TUI_COLOR_ALWAYS, TUI_COLOR_NEVER } tui_color;

/* Runs the interactive view on a (made by the caller, resized here to the terminal) until q,
 * a signal or an error; the terminal is restored on every path. A demo, if given, plays.
 * With record (open for writing), every frame shown goes into it as asciicast v2.
 * Returns an exit code (2 when there is no usable terminal). */
int tui_run(app *a, const demo_script *demo, tui_color color, FILE *record, FILE *err);

/* How many colours the terminal named by $TERM has, from terminfo: 256, 8 or 0; -2 when
 * TERM is unset or unknown. Opens no screen. */
int tui_color_depth(void);

#endif
