// SPDX-License-Identifier: MIT
/* libFuzzer target for typed formulas and surface files.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Iinclude \
 *       fuzz/fuzz_expr.c src/core/[a-z]*.c surfaces/[a-z]*.c -lgsl -lgslcblas -lm -o /tmp/fe
 *   mkdir -p /tmp/fe-corpus
 *   ASAN_OPTIONS=quarantine_size_mb=8 /tmp/fe -max_total_time=60 -timeout=1 -rss_limit_mb=100 \
 *       -max_len=5000 -dict=fuzz/expr.dict /tmp/fe-corpus fuzz/corpus/expr
 *
 * (-fno-sanitize-recover makes undefined behaviour stop the run like a crash; the smaller ASan
 * quarantine keeps its own memory from counting against the 100 MB; the first corpus
 * directory receives what the run finds, the seeds stay as they are.)
 *
 * Each input is compiled as a formula (twice: variables x,y and w,b) and, when it compiles,
 * evaluated at a few points, ordinary and hostile; then it is parsed as a surface file. Beyond
 * the sanitizers' findings it aborts when a promise of expr.h breaks: an error column outside
 * the text, an empty message, or a value-only evaluation that differs from the value of a full
 * one.
 *
 * Built with -DFUZZ_BUILD it also builds every short file that parses into a surface and
 * destroys it. That runs derive_defaults' multistart root search, 2 to 200 ms per surface in a
 * release build and ten times that under the sanitizers, so give that campaign -timeout=5. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "steepest/expr.h"
#include "steepest/surfacefile.h"

/* Longest file built with FUZZ_BUILD: short files already reach every default. */
enum { BUILD_MAX = 96 };

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "broken promise: %s\n", what);
        abort();
    }
}

static void try_formula(const char *text, size_t len, const char *vx, const char *vy)
{
    static const double points[][2] = {
        {0, 0}, {0.5, -1.25}, {-3, 2}, {1e-300, -1e-300}, {1e300, 7}, {-INFINITY, 0}, {NAN, 1},
    };
    expr_error err;
    memset(&err, 0, sizeof err);
    expr *e = expr_compile(text, vx, vy, &err);
    if (!e) {
        check(err.msg[0] != '\0' && memchr(err.msg, '\0', sizeof err.msg) != NULL, "message");
        if (err.field == EXPR_AT_FORMULA)
            check(err.col >= 1 && (size_t)err.col <= len + 1, "error column inside the text");
        return;
    }
    for (size_t k = 0; k < sizeof points / sizeof points[0]; k++) {
        double f, g[2], h[3], fv;
        expr_eval(e, points[k][0], points[k][1], &f, g, h);
        expr_eval(e, points[k][0], points[k][1], &fv, NULL, NULL);
        check(f == fv || (isnan(f) && isnan(fv)), "value-only equals full evaluation");
        expr_eval(e, points[k][0], points[k][1], NULL, g, NULL);
        expr_eval(e, points[k][0], points[k][1], NULL, NULL, h);
    }
    expr_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) {
        gsl_set_error_handler_off(); /* as main() does */
        once = 1;
    }
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t len = strlen(text); /* up to an embedded NUL */
    try_formula(text, len, NULL, NULL);
    try_formula(text, len, "w", "b");

    char err[256];
    surfacefile *sf = surfacefile_parse((const char *)data, size, "fuzz.surface", err, sizeof err);
    bool build = false;
#ifdef FUZZ_BUILD
    build = size <= BUILD_MAX;
#endif
    if (!sf)
        check(strncmp(err, "fuzz.surface:", 13) == 0, "file error names the file");
    else if (build) {
        char note[256];
        surface *s = surfacefile_build(sf, err, sizeof err, note, sizeof note);
        if (s) {
            check(s->xmin < s->xmax && s->ymin < s->ymax, "a box");
            check(s->start_x >= s->xmin && s->start_x <= s->xmax && s->start_y >= s->ymin &&
                      s->start_y <= s->ymax,
                  "start inside the box");
            check(s->eta > 0 && isfinite(s->eta), "a learning rate");
            surface_destroy(s);
        } else
            check(strncmp(err, "fuzz.surface:", 13) == 0, "build error names the file");
    }
    surfacefile_free(sf);
    free(text);
    return 0;
}
