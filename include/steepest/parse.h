// SPDX-License-Identifier: MIT
/* Layer: core. Strict parsers of numbers typed by a person, shared by the command line, demo
 * scripts and the η prompt, so one rule decides what a number is everywhere. Each takes the
 * whole string: "1.5x" is not a number. Calls nothing but libc. */
#ifndef STEEPEST_PARSE_H
#define STEEPEST_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* A finite double, the whole string. */
bool parse_double(const char *s, double *out);
/* Two finite doubles "X,Y". */
bool parse_pair(const char *s, double *x, double *y);
/* A whole number 0..max, digits only. */
bool parse_count(const char *s, unsigned long max, unsigned long *out);
/* COLSxROWS, each 1..1000. */
bool parse_size(const char *s, int *cols, int *rows);
/* v in the fewest significant digits (%g) that read back as v: 8.04, not 8.0399999999999991,
 * for a message quoting a number from a file. */
void parse_shortest(char *buf, size_t n, double v);

#endif
