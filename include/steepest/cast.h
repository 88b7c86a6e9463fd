// SPDX-License-Identifier: MIT
/* Layer: picture. Recordings in asciicast v2 (the format the asciinema player reads): a JSON
 * header line, then one event per line, [seconds, "o", "terminal output"] for what the screen
 * showed and [seconds, "m", "label"] for a marker. Frames go in as frames; only the rows that
 * changed since the last one are written (cursor to the row, the row, clear to its end). */
#ifndef STEEPEST_CAST_H
#define STEEPEST_CAST_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/frame.h"

typedef struct {
    FILE *f;
    int cols, rows;
    int colors, theme;
    char **last; /* the rows as last written, to send only what changed */
    bool failed; /* a write failed: the caller reports it */
} cast;

/* Writes the header to f (which the caller opened and will close). colors as for
 * frame_write_text (256, 8, 0 bold only, -1 plain). False if out of memory. */
bool cast_begin(cast *c, FILE *f, int cols, int rows, const char *title, long timestamp, int colors,
                int theme);
/* The frame at t seconds from the start. */
void cast_frame(cast *c, const frame *fr, double t);
/* A marker event (asciinema's chapter marks) at t seconds. */
void cast_marker(cast *c, double t, const char *label);
/* Frees what cast_begin allocated; returns false if any write failed. */
bool cast_end(cast *c);

#endif
