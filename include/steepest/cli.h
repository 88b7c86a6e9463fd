// SPDX-License-Identifier: MIT
/* Layer: front. The command line: argv into a config (cli_options), and --list. One job: the
 * batch faces, the probe table, snapshots and the view each live in their own file and take
 * the config. Option names come from the one option table (options.h).
 * Exit codes: 0 success, 2 bad usage or bad input (one line on stderr naming the bad value
 * and what is accepted), 1 any other failure. */
#ifndef STEEPEST_CLI_H
#define STEEPEST_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "steepest/optspec.h"
#include "steepest/registry.h"
#include "steepest/session.h"

#define CLI_EXIT_OK    0
#define CLI_EXIT_FAIL  1
#define CLI_EXIT_USAGE 2
#define CLI_MAX_STEPS  10000000UL

typedef enum {
    CLI_VIEW,
    CLI_LIST,
    CLI_DEMOS,
    CLI_HELP,
    CLI_VERSION,
    CLI_BATCH,
    CLI_SNAPSHOT,
    CLI_PROBE,
    CLI_SLICE,
    CLI_CAST,
    CLI_POINTS
} cli_mode;

typedef enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

#define CLI_MAX_KEYS 4096

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
    bool keep_going;   /* batch: go on stepping after convergence */
    const char *trace; /* path, or "-" for stdout; NULL unless batch */
    bool ascii;        /* ASCII glyphs even in a UTF-8 locale */
    cli_color color;
    int cols, rows;         /* --size, for --snapshot (default 80x24) */
    int keys[CLI_MAX_KEYS]; /* --keys, decoded */
    size_t n_keys;
    const char *play; /* --play FILE or NAME */
    bool has_zoom;
    double zoom;
    bool has_center;
    double center_x, center_y;
    int theme;                            /* frame_theme */
    bool numbers;                         /* numbers-only view */
    optspec walkers[SESSION_MAX_WALKERS]; /* --optimizer, in order */
    size_t n_walkers;                     /* 0: one gd walker */
    bool race;                            /* batch: print the race table at the end */
    const char *cast;                     /* --cast FILE: record the demo, headless */
    /* Where a run-time surface comes from (source.c builds it after parsing). */
    const char *expr, *vars, *title, *quadratic, *surface_name;
    bool has_domain;
    double domain[4];
    const char *data, *columns, *model, *loss;
    bool standardize;
    double holdout;
    unsigned long seed;
    unsigned long batch; /* --batch B: one sgd walker; 0: not given */
    char note[320];      /* what was chosen for a run-time surface, to say on the status line */
    const char *record;  /* --record FILE: record the interactive view */
} cli_options;

/* Parses argv into *o, looking surface names up in reg. Returns CLI_EXIT_OK, or
 * CLI_EXIT_USAGE after writing one line to err. */
int cli_parse(int argc, char **argv, const registry *reg, cli_options *o, FILE *err);

/* --list: every surface in reg with its domain, start and η. */
void cli_list(const registry *reg, FILE *out);

#endif
