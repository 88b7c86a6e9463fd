/* The front: command-line options, --list, --help and the batch face (--steps / --trace).
 * Exit codes: 0 success, 2 bad usage or bad input (one line on stderr naming the bad value
 * and what is accepted), 1 any other failure. */
#ifndef STEEPEST_CLI_H
#define STEEPEST_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/surface.h"

#define CLI_EXIT_OK    0
#define CLI_EXIT_FAIL  1
#define CLI_EXIT_USAGE 2
#define CLI_MAX_STEPS  10000000UL

typedef enum { CLI_VIEW, CLI_LIST, CLI_HELP, CLI_VERSION, CLI_BATCH } cli_mode;

typedef struct {
    cli_mode mode;
    const surface *surf; /* the named surface, or the default (valley) */
    bool has_start;
    double start_x, start_y;
    bool has_eta;
    double eta;
    bool ascend;
    bool has_steps;
    unsigned long steps;
    const char *trace; /* path, or "-" for stdout; NULL unless batch */
} cli_options;

/* Parses argv into *o. Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after writing one line to err. */
int cli_parse(int argc, char **argv, cli_options *o, FILE *err);

void cli_usage(FILE *out);
void cli_list(FILE *out);

/* Strict parsers: the whole string must be the value. */
bool cli_parse_double(const char *s, double *out);
bool cli_parse_pair(const char *s, double *x, double *y);
bool cli_parse_count(const char *s, unsigned long max, unsigned long *out);

/* Runs the batch face: o->steps steps, CSV to o->trace. Returns an exit code. */
int cli_batch(const cli_options *o, FILE *out, FILE *err);

#endif
