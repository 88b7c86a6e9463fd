// SPDX-License-Identifier: MIT
/* libFuzzer target: demo scripts. The input is written to a file and loaded with demo_load
 * (control), as --play loads one; a script that loads is then played twice, headless
 * (demo_run_all) and by the timed player with the presenter's keys, and its last frame is
 * rendered and written out, so whatever a script can put on the screen is drawn. Step counts
 * are cut to a few per action, or one script could ask for a billion steps. Checks: a refusal
 * is one line "PATH:LINE: message" or "PATH: message" of printable text, and a caption that
 * loads is strict UTF-8 without control characters. */
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "steepest/demo.h"
#include "steepest/frame.h"
#include "steepest/keys.h"
#include "steepest/utf8.h"

#define MAX_STEPS_PER_ACTION 8

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static registry reg;
static FILE *null_out;
static char path[4096];

static void remove_script(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    setlocale(LC_NUMERIC, "C");
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/fuzz-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    null_out = fopen("/dev/null", "w");
    if (fd < 0 || !null_out || !registry_init(&reg))
        abort();
    close(fd);
    atexit(remove_script);
    return 0;
}

static void write_script(const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0)
        abort();
    for (size_t done = 0; done < size;) {
        ssize_t k = write(fd, data + done, size - done);
        if (k <= 0)
            abort();
        done += (size_t)k;
    }
    close(fd);
}

static void check_refusal(const char *err)
{
    size_t n = strlen(err), plen = strlen(path);
    if (n <= plen + 2 || strncmp(err, path, plen) != 0 || err[plen] != ':')
        abort();
    if (!utf8_printable(err, n, NULL, NULL)) /* messages quote the script: never raw bytes */
        abort();
}

static void render(app *a)
{
    frame f;
    scene sc;
    frame_init(&f);
    app_scene(a, &sc);
    if (frame_render(&f, &sc))
        frame_write_text(&f, null_out, 256, a->theme);
    frame_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    write_script(data, size);
    demo_script d;
    char err[8192];
    if (!demo_load(&reg, path, &d, err, sizeof err)) {
        check_refusal(err);
        return 0;
    }
    for (size_t k = 0; k < d.n; k++) {
        demo_action *act = &d.actions[k];
        if (act->op == DEMO_CAPTION && !utf8_printable(act->text, strlen(act->text), NULL, NULL))
            abort();
        if (act->op == DEMO_STEP && act->a > MAX_STEPS_PER_ACTION)
            act->a = MAX_STEPS_PER_ACTION;
    }

    /* Headless, as --snapshot plays it. */
    app a;
    demo_player p;
    if (!app_init(&a, &reg, registry_at(&reg, 0), 80, 24, size % 2 == 0))
        abort();
    demo_start(&p, &d, &a);
    demo_run_all(&p, &a);
    if (!p.done)
        abort();
    render(&a);
    app_free(&a);

    /* Timed, with the presenter pressing keys taken from the input's last bytes. */
    if (!app_init(&a, &reg, registry_at(&reg, 1), 100, 30, size % 3 == 0))
        abort();
    demo_start(&p, &d, &a);
    long now = 0;
    size_t key_at = size;
    for (int guard = 0; guard < 4 * DEMO_MAX_ACTIONS && !p.done; guard++) {
        long wait = demo_advance(&p, &a, now);
        if (wait < 0 || guard % 7 == 6) {
            static const int keys[] = {' ', 'p', ' ', ' '};
            int key = key_at > 0 ? keys[data[--key_at] % 4] : KEYC_ESC;
            demo_key(&p, &a, key, now);
        }
        now += wait > 0 ? wait : 1;
    }
    render(&a);
    app_free(&a);
    demo_free(&d);
    return 0;
}
