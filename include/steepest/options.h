// SPDX-License-Identifier: MIT
/* Layer: front. The one table of command-line options: names, arguments and help. The
 * parser (cli.c), --help and the reproducing command line (`y`, cmdline.c) all read it. */
#ifndef STEEPEST_OPTIONS_H
#define STEEPEST_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
    OPT_HELP = 'h',
    OPT_VERSION = 'V',
    OPT_SURFACE = 's',
    OPT_LIST = 256,
    OPT_START,
    OPT_ETA,
    OPT_ASCEND,
    OPT_STEPS,
    OPT_TRACE,
    OPT_SNAPSHOT,
    OPT_SIZE,
    OPT_KEYS,
    OPT_COLOR,
    OPT_ASCII,
    OPT_MONO,
    OPT_PROBE,
    OPT_PLAY,
    OPT_ZOOM,
    OPT_CENTER,
    OPT_THEME,
    OPT_NUMBERS,
    OPT_KEEP_GOING,
    OPT_SLICE,
    OPT_OPTIMIZER,
    OPT_RACE,
    OPT_DEMOS,
    OPT_CAST,
    OPT_RECORD,
    OPT_EXPR,
    OPT_VARS,
    OPT_DOMAIN,
    OPT_TITLE,
    OPT_QUADRATIC,
    OPT_POINTS,
    OPT_DATA,
    OPT_COLUMNS,
    OPT_MODEL,
    OPT_LOSS,
    OPT_STANDARDIZE,
    OPT_HOLDOUT,
    OPT_SEED,
    OPT_BATCH,
} option_id;

typedef struct {
    const char *name;  /* the long name, without "--" */
    int id;            /* option_id; a letter for those with a short form */
    int has_arg;       /* getopt's no_argument or required_argument */
    const char *usage; /* the left column of --help ("-s, --surface NAME"), NULL: not listed */
    const char *help;  /* the right column; '\n' continues on the next line */
} option_spec;

/* In the order --help lists them (aliases last). */
const option_spec *options_table(size_t *n);
/* "--start" for OPT_START: the spelling every message and command line uses. */
const char *options_flag(int id);
/* --help, from the table. */
void options_usage(FILE *out);

#endif
