// SPDX-License-Identifier: MIT
/* Layer: front. steepest: the program's entry. Everything else lives in the layer libraries. */
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "steepest/batch.h"
#include "steepest/cli.h"
#include "steepest/cmdline.h"
#include "steepest/demo.h"
#include "steepest/frame.h"
#include "steepest/options.h"
#include "steepest/probe.h"
#include "steepest/record.h"
#include "steepest/setup.h"
#include "steepest/snapshot.h"
#include "steepest/source.h"
#include "steepest/tui.h"

/* Console and old terminal types whose fonts have no braille: ASCII glyphs there. */
static bool term_has_braille(const char *term)
{
    static const char *const basic[] = {"linux", "vt100", "vt102", "vt220", "dumb", "cons25"};
    for (size_t k = 0; term && k < sizeof basic / sizeof basic[0]; k++)
        if (strcmp(term, basic[k]) == 0)
            return false;
    return true;
}

/* Colours for --snapshot text: -1 plain, else the depth to write codes for. */
static int snapshot_colors(const cli_options *o)
{
    const char *no_color = getenv("NO_COLOR");
    if (o->color == CLI_COLOR_NEVER)
        return -1;
    if (o->color == CLI_COLOR_AUTO && ((no_color && *no_color) || !isatty(STDOUT_FILENO)))
        return -1;
    int depth = tui_color_depth();
    return depth == -2 ? 256 : depth; /* unknown TERM, colour asked for: assume a modern one */
}

/* The interactive view; the `y` command line prints after the screen is gone, so it stays
 * in the shell's scrollback. */
static int run_view(const cli_options *o, registry *reg, const demo_script *demo, bool utf8,
                    int argc, char **argv)
{
    app a;
    if (!setup_app(o, reg, &a, FRAME_MIN_COLS, FRAME_MIN_ROWS, utf8)) {
        fputs("steepest: out of memory\n", stderr);
        return CLI_EXIT_FAIL;
    }
    /* --keys in the view: pressed before the first frame (how `y` replays a view). */
    for (size_t k = 0; k < o->n_keys; k++) {
        if (app_key(&a, o->keys[k]) == APP_QUIT) {
            app_free(&a);
            return CLI_EXIT_OK;
        }
        app_fast_steps(&a, 0);
    }
    if (demo) /* a demo in real time, with a presenter's keys between: not replayable */
        a.keylog_broken = true;
    static const tui_color colors[] = {[CLI_COLOR_AUTO] = TUI_COLOR_AUTO,
                                       [CLI_COLOR_ALWAYS] = TUI_COLOR_ALWAYS,
                                       [CLI_COLOR_NEVER] = TUI_COLOR_NEVER};
    FILE *record = NULL;
    if (o->record && !(record = fopen(o->record, "w"))) {
        fprintf(stderr, "steepest: --record: cannot write '%s': %s\n", o->record, strerror(errno));
        app_free(&a);
        return CLI_EXIT_FAIL;
    }
    int rc = tui_run(&a, demo, colors[o->color], record, stderr);
    if (record && fclose(record) != 0) {
        fprintf(stderr, "steepest: --record: write to '%s' failed\n", o->record);
        rc = rc ? rc : CLI_EXIT_FAIL;
    }
    static char command[65536];
    command[0] = '\0';
    if (a.print_command)
        cmdline_write(&a, argc, argv, command, sizeof command);
    app_free(&a);
    if (command[0])
        printf("%s\n", command);
    return rc;
}

int main(int argc, char **argv)
{
    /* GSL's default handler abort()s, which would leave a terminal raw: check statuses. */
    gsl_set_error_handler_off();
    setlocale(LC_ALL, "");
    bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 && term_has_braille(getenv("TERM"));
    /* Numbers are always printed and read with '.', whatever the locale. */
    setlocale(LC_NUMERIC, "C");

    cli_options *o = malloc(sizeof *o);
    if (!o) {
        fputs("steepest: out of memory\n", stderr);
        return CLI_EXIT_FAIL;
    }
    registry reg;
    if (!registry_init(&reg)) {
        free(o);
        fputs("steepest: out of memory\n", stderr);
        return CLI_EXIT_FAIL;
    }
    int rc = cli_parse(argc, argv, &reg, o, stderr);
    /* A typed, file or data surface joins the registry before a demo looks names up. */
    if (rc == CLI_EXIT_OK)
        rc = source_build(o, &reg, stderr);
    if (rc == CLI_EXIT_OK && o->note[0] &&
        (o->mode == CLI_BATCH || o->mode == CLI_PROBE || o->mode == CLI_SLICE))
        fprintf(stderr, "steepest: %s\n", o->note);
    demo_script demo = {0};
    bool have_demo = false;
    if (rc == CLI_EXIT_OK && o->play) {
        /* Every line is checked before any screen opens. */
        char path[PATH_MAX], err[PATH_MAX + 512];
        if (!setup_demo_path(o->play, path, sizeof path)) {
            fprintf(stderr, "steepest: --play: file name too long (%zu bytes; at most %d)\n",
                    strlen(o->play), PATH_MAX - 1);
            rc = CLI_EXIT_USAGE;
        } else if (!strchr(o->play, '/') && access(path, F_OK) != 0) {
            /* Neither a file nor a shipped demo's name: say which names there are. */
            fprintf(stderr, "steepest: --play: no demo file or shipped demo named '%s'; shipped: ",
                    o->play);
            if (setup_list_demos(stderr, true) == 0)
                fputs("none found (steepest --demos says where it looked)", stderr);
            fputc('\n', stderr);
            rc = CLI_EXIT_USAGE;
        } else if (demo_load(&reg, path, &demo, err, sizeof err)) {
            have_demo = true;
        } else {
            fprintf(stderr, "%s\n", err);
            rc = CLI_EXIT_USAGE;
        }
    }
    if (rc == CLI_EXIT_OK &&
        (o->mode == CLI_VIEW || o->mode == CLI_SNAPSHOT || o->mode == CLI_PROBE ||
         o->mode == CLI_SLICE || o->mode == CLI_CAST || o->mode == CLI_BATCH) &&
        !setup_check_start(o, stderr))
        rc = CLI_EXIT_USAGE;
    if (rc == CLI_EXIT_OK) {
        switch (o->mode) {
        case CLI_HELP:
            options_usage(stdout);
            break;
        case CLI_VERSION:
            puts("steepest " STEEPEST_VERSION);
            break;
        case CLI_LIST:
            cli_list(&reg, stdout);
            source_list_files(stdout);
            break;
        case CLI_POINTS:
            rc = source_points(o, stdout);
            break;
        case CLI_DEMOS:
            setup_list_demos(stdout, false);
            break;
        case CLI_BATCH:
            rc = batch_run(o, stdout, stderr);
            break;
        case CLI_PROBE:
            rc = probe_print(o, stdout, stderr);
            break;
        case CLI_SLICE:
            rc = slice_print(o, stdout, stderr);
            break;
        case CLI_CAST:
            rc = record_cast(o, &reg, &demo, utf8, stderr);
            break;
        case CLI_SNAPSHOT:
            rc = snapshot_run(o, &reg, have_demo ? &demo : NULL, utf8, snapshot_colors(o), argc,
                              argv, stdout, stderr);
            break;
        case CLI_VIEW:
            rc = run_view(o, &reg, have_demo ? &demo : NULL, utf8, argc, argv);
            break;
        }
    }
    demo_free(&demo);
    registry_free(&reg);
    free(o);
    if (fflush(stdout) != 0 && rc == CLI_EXIT_OK)
        rc = CLI_EXIT_FAIL;
    return rc;
}
