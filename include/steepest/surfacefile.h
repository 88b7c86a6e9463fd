// SPDX-License-Identifier: MIT
/* Layer: core. Surface files: a typed loss with its domain, start and lesson, in a text file a
 * teacher can write without a manual, made into a run-time surface through expr_surface().
 *
 *   # A comment: a line whose first non-blank character is #.
 *   formula: (w + b - 2)^2 + (2*w + b - 4)^2   # required; the syntax is in expr.h
 *   vars:    w,b                 # default x,y
 *   domain:  -2, 4, -3, 4        # XMIN,XMAX,YMIN,YMAX; default as expr_surface chooses
 *   start:   -1, 3               # X,Y inside the domain; default as expr_surface chooses
 *   eta:     0.1                 # > 0; default derived from the curvature at the start
 *   name:    line-fit            # default the file's base name without .surface
 *   title:   Fitting a line to two points
 *   lesson:  Two to five sentences, which may continue
 *     on the following lines that start with a space or a tab.
 *
 * One `key: value` per line, each key at most once; blank lines are ignored. In formula,
 * vars, domain, start, eta and name a # ends the value (a comment); in title and lesson it is
 * text. A name is at most 32 of [A-Za-z0-9._-]. Values are ASCII except title and lesson,
 * which may be UTF-8 (no control characters; at most 120 and 2000 bytes). A file is at most
 * SURFACEFILE_MAX_SIZE bytes; lines end in \n or \r\n.
 *
 * Errors are one line, "FILE:LINE:COL: message" with LINE and COL counted from 1 (COL in
 * bytes), pointing into the value at fault: a formula error at its column within the line, a
 * missing formula at 1:1. Only a file that cannot be opened or read gives "FILE: message". */
#ifndef STEEPEST_SURFACEFILE_H
#define STEEPEST_SURFACEFILE_H

#include <stddef.h>
#include <stdio.h>

#include "steepest/expr.h"
#include "steepest/surface.h"

#define SURFACEFILE_MAX_SIZE 65536

typedef struct surfacefile surfacefile; /* a parsed file, not yet a surface */

/* Parses len bytes of text (NUL bytes are an error, no terminator needed). filename names the
 * file in messages and gives the default name (NULL: "-" and "surface"). Every key is checked
 * here, the formula compiled once: what parses, builds, unless L turns out not finite anywhere
 * on the domain. NULL on error, with the message in err (err_size bytes; err may be NULL). Free
 * with surfacefile_free(). */
surfacefile *surfacefile_parse(const char *text, size_t len, const char *filename, char *err,
                               size_t err_size);
/* The surface the file describes, as expr_surface() makes it (owning all it points to; free it
 * with surface_destroy()). note as for expr_surface. NULL on error, with the message in err. */
surface *surfacefile_build(const surfacefile *sf, char *err, size_t err_size, char *note,
                           size_t note_size);
void surfacefile_free(surfacefile *sf);

/* Reads f to its end, then parses and builds. */
surface *surfacefile_read(FILE *f, const char *filename, char *err, size_t err_size, char *note,
                          size_t note_size);
/* Opens path, then as surfacefile_read. */
surface *surfacefile_load(const char *path, char *err, size_t err_size, char *note,
                          size_t note_size);

#endif
