/* The terminal layer: the only code that includes curses.h. It blits frames and turns keys,
 * mouse clicks, resizes and signals into controller actions; it computes no geometry. */
#ifndef STEEPEST_TUI_H
#define STEEPEST_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/cli.h"
#include "steepest/demo.h"

/* Runs the interactive view until q, a signal or an error; the terminal is restored on
 * every path. Returns an exit code (2 when there is no usable terminal). */
int tui_run(const cli_options *o, const demo_script *demo, bool braille, FILE *err);

/* How many colours the terminal named by $TERM has, from terminfo: 256, 8 or 0; -2 when
 * TERM is unset or unknown. Opens no screen. */
int tui_color_depth(void);

#endif
