// SPDX-License-Identifier: MIT
/* Layer: front. --cast: a demo recorded headless (see record.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "steepest/cast.h"
#include "steepest/record.h"
#include "steepest/setup.h"

#define PAUSE_HOLD_MS 2000 /* how long a `pause` is held in a recording before going on */
#define MAX_CAST_MS   (6L * 3600 * 1000) /* a runaway script ends the recording here */

int record_cast(const cli_options *o, registry *reg, const demo_script *demo, bool braille,
                FILE *err)
{
    size_t n = strlen(o->cast) + sizeof ".XXXXXX";
    char *tmp = malloc(n);
    if (!tmp) {
        fputs("steepest: out of memory\n", err);
        return CLI_EXIT_FAIL;
    }
    snprintf(tmp, n, "%s.XXXXXX", o->cast);
    int fd = mkstemp(tmp);
    FILE *f = NULL;
    if (fd >= 0) {
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) == 0)
            f = fdopen(fd, "w");
        if (!f)
            close(fd);
    }
    if (!f) {
        fprintf(err, "steepest: --cast: cannot write '%s': %s\n", o->cast, strerror(errno));
        if (fd >= 0)
            unlink(tmp);
        free(tmp);
        return CLI_EXIT_FAIL;
    }
    app a;
    frame fr;
    cast c;
    int rc = CLI_EXIT_FAIL;
    char title[128];
    snprintf(title, sizeof title, "steepest: %s", demo->name);
    frame_init(&fr);
    if (!setup_app(o, reg, &a, o->cols, o->rows, braille)) {
        fputs("steepest: out of memory\n", err);
        goto out;
    }
    if (!cast_begin(&c, f, o->cols, o->rows, title, (long)time(NULL),
                    o->color == CLI_COLOR_NEVER ? -1 : 256, o->theme)) {
        app_free(&a);
        fputs("steepest: out of memory\n", err);
        goto out;
    }
    demo_player p;
    demo_start(&p, demo, &a);
    long now = 0;
    bool ok = true;
    while (ok && now <= MAX_CAST_MS) {
        long wait = demo_advance(&p, &a, now);
        scene sc;
        app_scene(&a, &sc);
        if (!frame_render(&fr, &sc)) {
            ok = false;
            break;
        }
        cast_frame(&c, &fr, now / 1000.0);
        if (p.done)
            break;
        if (wait < 0) { /* a pause: the presenter would press space */
            now += PAUSE_HOLD_MS;
            demo_key(&p, &a, ' ', now);
            continue;
        }
        now += wait > 0 ? wait : 1;
    }
    /* The last frame stays on screen a moment before the recording ends. */
    cast_marker(&c, now / 1000.0 + 2, "end");
    ok = cast_end(&c) && ok;
    app_free(&a);
    if (fflush(f) != 0 || ferror(f))
        ok = false;
    if (ok) {
        if (fclose(f) == 0 && rename(tmp, o->cast) == 0)
            rc = CLI_EXIT_OK;
        f = NULL;
    }
    if (rc != CLI_EXIT_OK)
        fprintf(err, "steepest: --cast: write to '%s' failed: %s\n", o->cast, strerror(errno));
out:
    if (f)
        fclose(f);
    unlink(tmp); /* gone after the rename */
    free(tmp);
    frame_free(&fr);
    return rc;
}
