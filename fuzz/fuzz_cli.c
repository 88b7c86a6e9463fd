// SPDX-License-Identifier: MIT
/* libFuzzer target: the command line. The input is split into argv words at NUL bytes and
 * newlines (argv[0] is "steepest"), each word in a buffer of its own so reading past one is
 * caught, and cli_parse (front) reads them. Checks what cli.h promises: success writes nothing,
 * a refusal is exactly one line starting "steepest: ", and a parsed config is in range. A
 * config for --snapshot is then drawn as snapshot.c draws it (smaller, and without --play,
 * which names a file), and one for --probe printed, with the output thrown away. */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "steepest/cli.h"
#include "steepest/frame.h"
#include "steepest/probe.h"
#include "steepest/setup.h"

#define MAX_WORDS 48

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static registry reg;
static FILE *null_out;
static char err_buf[16384];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    setlocale(LC_NUMERIC, "C");
    null_out = fopen("/dev/null", "w");
    if (!null_out || !registry_init(&reg))
        abort();
    return 0;
}

/* One refusal: "steepest: ...\n", one line. */
static void check_message(const char *s, size_t n)
{
    if (n < 12 || strncmp(s, "steepest: ", 10) != 0 || s[n - 1] != '\n' ||
        memchr(s, '\n', n - 1) != NULL)
        abort();
}

static void check_options(const cli_options *o)
{
    /* A --surface name that is not built in is a file for source_build to read later. */
    if ((!o->surf && !o->surface_name) || o->cols < 1 || o->cols > 1000 || o->rows < 1 ||
        o->rows > 1000 || o->n_keys > CLI_MAX_KEYS || o->steps > CLI_MAX_STEPS)
        abort();
    if ((o->mode == CLI_BATCH) != (o->has_steps && o->trace != NULL) && o->mode != CLI_HELP &&
        o->mode != CLI_VERSION && o->mode != CLI_LIST && o->mode != CLI_PROBE)
        abort();
}

/* What --snapshot does with the config: the app with every option, the keys, one frame. */
static void snapshot(const cli_options *o, bool braille, int colors)
{
    app a;
    if (!setup_app(o, &reg, &a, o->cols, o->rows, braille))
        abort();
    for (size_t k = 0; k < o->n_keys; k++)
        if (app_key(&a, o->keys[k]) == APP_QUIT)
            break;
    frame f;
    scene sc;
    frame_init(&f);
    app_scene(&a, &sc);
    if (frame_render(&f, &sc))
        frame_write_text(&f, null_out, colors, a.theme);
    frame_free(&f);
    app_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int colors[] = {256, 8, 0, -1};
    if (size > 8192)
        return 0;
    char *argv[MAX_WORDS + 2];
    int argc = 0;
    argv[argc++] = strdup("steepest");
    for (size_t i = 0; i <= size && argc <= MAX_WORDS;) {
        size_t j = i;
        while (j < size && data[j] != '\0' && data[j] != '\n')
            j++;
        if (j == size && i == size)
            break; /* no empty word after the last separator */
        char *w = malloc(j - i + 1);
        if (!w)
            abort();
        memcpy(w, data + i, j - i);
        w[j - i] = '\0';
        argv[argc++] = w;
        i = j + 1;
    }
    argv[argc] = NULL;
    char *owned[MAX_WORDS + 2]; /* getopt permutes argv: free what was allocated */
    memcpy(owned, argv, sizeof(char *) * (size_t)argc);

    cli_options *o = malloc(sizeof *o);
    FILE *err = fmemopen(err_buf, sizeof err_buf, "w");
    if (!o || !err)
        abort();
    int rc = cli_parse(argc, argv, &reg, o, err);
    long written = ftell(err);
    fclose(err);
    if (rc == CLI_EXIT_OK) {
        if (written != 0)
            abort();
        check_options(o);
        /* Run it as main would, small and without files. */
        if (o->play == NULL && o->surf && (o->mode == CLI_SNAPSHOT || o->mode == CLI_PROBE)) {
            o->cols = o->cols > 160 ? 160 : o->cols;
            o->rows = o->rows > 60 ? 60 : o->rows;
            o->n_keys = o->n_keys > 64 ? 64 : o->n_keys;
            if (o->mode == CLI_SNAPSHOT)
                snapshot(o, size % 2 == 0, colors[size % 4]);
            else
                probe_print(o, null_out, null_out);
        }
    } else if (rc == CLI_EXIT_USAGE) {
        if (written <= 0 || (size_t)written >= sizeof err_buf - 1)
            abort();
        check_message(err_buf, (size_t)written);
    } else {
        abort();
    }
    free(o);
    for (int k = 0; k < argc; k++)
        free(owned[k]);
    return 0;
}
