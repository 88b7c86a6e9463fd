// SPDX-License-Identifier: MIT
/* Layer: core. Two columns of numbers to fit a model to: read from a CSV file (or stdin), or
 * taken from the small classic data sets shipped inside the program.
 *
 * The reader accepts comma- or tab-separated text with an optional header row, `#` comments,
 * CRLF line ends, a UTF-8 byte-order mark and double-quoted fields. It never reads more than a
 * stated number of bytes, never holds more than one line beyond the two columns it keeps
 * (16 bytes a row), and every error names the file and line: "FILE:LINE: message". Calls libc
 * and parse.h only. */
#ifndef STEEPEST_DATASET_H
#define STEEPEST_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Limits of dataset_read: the input's size (max_bytes when it is 0) and one line's length.
 * 256 MiB holds well over 10⁷ short rows; a longer line is not a table of numbers. */
#define DATASET_MAX_BYTES ((size_t)256 << 20)
#define DATASET_MAX_LINE  65536
/* A column name longer than this is cut (for messages and x_name/y_name only). */
#define DATASET_NAME_MAX 64

/* n rows of (x[i], y[i]), in the file's order. x and y are malloc'd (dataset_free). */
typedef struct {
    size_t n;
    double *x, *y;
    char x_name[DATASET_NAME_MAX], y_name[DATASET_NAME_MAX]; /* header names, or "1", "2" */
} dataset;

/* Why a neuron's targets must lie in [0, 1] (the end of a message). */
#define DATASET_UNIT_Y_WHY                                                                         \
    "a neuron's output sigmoid(w x + b) stays in (0, 1), so no (w, b) comes near it and L has no " \
    "minimum; scale y into [0, 1] or use --model linear"

typedef struct {
    /* A column by its header name (exact match) or by its 1-based number, "3". NULL: x is the
     * first column and y the second. */
    const char *x_column, *y_column;
    /* Every y must be 0 or 1 (the labels of logistic regression). */
    bool binary_y;
    size_t max_bytes; /* 0: DATASET_MAX_BYTES */
    /* Every y must lie in [0, 1] (what a neuron's σ can come near: DATASET_UNIT_Y_WHY). */
    bool unit_y;
} dataset_options;

/* Reads a table from in, keeping the two chosen columns. filename names the input in
 * messages ("-" and NULL read as "stdin"). The first line that is not blank or a comment sets
 * the separator (a tab when it has tabs and no commas, else a comma) and is a header when any
 * of its fields is not a number. Only the chosen columns must hold numbers; every row must have
 * as many fields as the first. opt NULL means all defaults.
 *
 * On success fills *out (free with dataset_free) and returns true. On failure returns false
 * with *out empty and a one-line "FILE:LINE: message" in err: a field that is not a number or
 * not finite, an empty field in a chosen column, a ragged row, a NUL byte, a line longer than
 * DATASET_MAX_LINE, an input over the size limit, a column name or number that does not exist
 * (listing the columns), an unterminated quote, fewer than 2 rows, a y other than 0/1 when
 * binary_y, a constant x column (no line can be fit through one x), a read error, or out of
 * memory. */
bool dataset_read(FILE *in, const char *filename, const dataset_options *opt, dataset *out,
                  char *err, size_t errlen);

/* dataset_read on the file at path, or on stdin when path is "-". */
bool dataset_load(const char *path, const dataset_options *opt, dataset *out, char *err,
                  size_t errlen);

/* Frees the rows and empties d; a zeroed or already freed d is fine. */
void dataset_free(dataset *d);

/* A classic data set compiled into the program (no install path to find). The CSV file of the
 * same rows lives in datasets/ of the source tree with its provenance (datasets/README.md);
 * tests/test_data.c holds the two to each other. */
typedef struct {
    const char *name;   /* "anscombe-1" */
    const char *title;  /* one line */
    const char *source; /* the publication it comes from */
    const char *file;   /* its CSV under datasets/, "anscombe.csv" */
    const char *x_name; /* the CSV columns these rows are */
    const char *y_name; /* */
    const char *model;  /* the model it is meant for: "linear" or "logistic" */
    size_t n;
    const double *x, *y;
} dataset_shipped;

size_t dataset_shipped_count(void);
const dataset_shipped *dataset_shipped_at(size_t i);
/* NULL when no shipped set has that name. */
const dataset_shipped *dataset_find(const char *name);
/* "anscombe-1, anscombe-2, ...": every shipped set's name, for messages. */
const char *dataset_shipped_names(void);
/* A malloc'd copy of a shipped set's rows as a dataset; false if out of memory. */
bool dataset_from_shipped(const dataset_shipped *s, dataset *out);

#endif
