// SPDX-License-Identifier: MIT
/* Layer: front. --snapshot (see snapshot.h). */
#include <stdlib.h>

#include "steepest/cmdline.h"
#include "steepest/frame.h"
#include "steepest/setup.h"
#include "steepest/snapshot.h"

int snapshot_run(const cli_options *o, registry *reg, const demo_script *demo, bool braille,
                 int colors, int argc, char **argv, FILE *out, FILE *err)
{
    app a;
    frame f;
    if (!setup_app(o, reg, &a, o->cols, o->rows, braille)) {
        fputs("steepest: out of memory\n", err);
        return CLI_EXIT_FAIL;
    }
    if (demo) {
        demo_player p;
        demo_start(&p, demo, &a);
        demo_run_all(&p, &a);
    }
    for (size_t k = 0; k < o->n_keys; k++) {
        if (app_key(&a, o->keys[k]) == APP_QUIT)
            break;
        app_fast_steps(&a, 0); /* no terminal to pace it: to the end at once */
    }
    frame_init(&f);
    int rc = CLI_EXIT_OK;
    scene sc;
    app_scene(&a, &sc);
    if (!frame_render(&f, &sc)) {
        fputs("steepest: out of memory\n", err);
        rc = CLI_EXIT_FAIL;
    } else {
        frame_write_text(&f, out, colors, a.theme);
        if (a.print_command) {
            static char cmd[65536];
            cmdline_write(&a, argc, argv, cmd, sizeof cmd);
            fprintf(out, "%s\n", cmd);
        }
    }
    frame_free(&f);
    app_free(&a);
    return rc;
}
