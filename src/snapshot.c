#include <stdlib.h>

#include "steepest/app.h"
#include "steepest/frame.h"
#include "steepest/snapshot.h"

int snapshot_run(const cli_options *o, bool braille, FILE *out, FILE *err)
{
    app a;
    frame f;
    if (!app_init(&a, o->surf, o->cols, o->rows, braille && !o->ascii)) {
        fputs("steepest: out of memory\n", err);
        return CLI_EXIT_FAIL;
    }
    cli_apply(o, &a.ss);
    for (size_t k = 0; k < o->n_keys; k++)
        if (app_key(&a, o->keys[k]) == APP_QUIT)
            break;
    frame_init(&f);
    int rc = CLI_EXIT_OK;
    if (!frame_render(&f, &a)) {
        fputs("steepest: out of memory\n", err);
        rc = CLI_EXIT_FAIL;
    } else {
        bool ansi = o->color == CLI_COLOR_ALWAYS;
        frame_write_text(&f, out, ansi);
    }
    frame_free(&f);
    app_free(&a);
    return rc;
}
