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

typedef enum {
    CLI_VIEW,
    CLI_LIST,
    CLI_HELP,
    CLI_VERSION,
    CLI_BATCH,
    CLI_SNAPSHOT,
    CLI_PROBE
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
    int theme;    /* frame_theme */
    bool numbers; /* numbers-only view */
} cli_options;

/* Parses argv into *o. Returns CLI_EXIT_OK, or CLI_EXIT_USAGE after writing one line to err. */
int cli_parse(int argc, char **argv, cli_options *o, FILE *err);

void cli_usage(FILE *out);
void cli_list(FILE *out);

/* Strict parsers: the whole string must be the value. */
bool cli_parse_double(const char *s, double *out);
bool cli_parse_pair(const char *s, double *x, double *y);
bool cli_parse_count(const char *s, unsigned long max, unsigned long *out);
/* COLSxROWS, each 1..1000. */
bool cli_parse_size(const char *s, int *cols, int *rows);
/* Key letters as typed, with <Name> for the rest: <Enter> <Esc> <Space> <BS> <Left> <Right>
 * <Up> <Down> <S-Left> <S-Right> <S-Up> <S-Down> <lt>. Returns the count, or -1 and the
 * offending text in bad (size n). */
int cli_parse_keys(const char *s, int *keys, size_t max, char *bad, size_t n);

/* Applies --start, --eta and --ascend to a session already on o->surf. */
struct session;
void cli_apply(const cli_options *o, struct session *ss);

/* --probe: the Taylor terms of a step of η along u at every 15 degrees from ∇L, as a table
 * on out. Returns an exit code. */
int cli_probe(const cli_options *o, FILE *out, FILE *err);

/* Applies the options that shape the interactive view (and --snapshot) to a fresh app. */
struct app_state;
void cli_apply_view(const cli_options *o, void *app_ptr);

/* Resolves --play NAME: an existing path as given, else NAME or NAME.demo in the installed
 * demo folder. Writes the path to use into buf. */
void cli_demo_path(const char *name, char *buf, size_t n);

/* Runs the batch face: o->steps steps, CSV to o->trace. Returns an exit code. */
int cli_batch(const cli_options *o, FILE *out, FILE *err);

#endif
