// SPDX-License-Identifier: MIT
/* libFuzzer target for the CSV reader (src/core/dataset.c): the input, through fmemopen, read
 * with a few column choices and limits picked by its first byte; when a read succeeds, a line
 * is fit to the rows, so the numbers the reader lets through also go through the model layer.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude fuzz/fuzz_csv.c \
 *       src/core/[every .c] surfaces/[every .c] -lgsl -lgslcblas -lm -o fuzz_csv
 *   ./fuzz_csv -dict=fuzz/csv.dict -max_total_time=60 corpus-copy fuzz/corpus/csv */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "steepest/dataset.h"
#include "steepest/fit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const columns[][2] = {
        {NULL, NULL}, {"x", "y"}, {"2", "1"}, {"temp_f", "distress"}, {"3", "x"}, {"", "0"},
    };
    gsl_set_error_handler_off();
    if (size == 0)
        return 0;
    unsigned pick = data[0];
    const char *const *c = columns[pick % (sizeof columns / sizeof columns[0])];
    dataset_options o = {c[0], c[1], (pick & 0x40) != 0, (pick & 0x80) ? 97 : 0,
                         (pick & 0x20) != 0};
    /* fmemopen wants a non-empty buffer; a copy, because it may write a NUL at the end. */
    char *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    FILE *f = fmemopen(copy, size, "r");
    if (!f) {
        free(copy);
        return 0;
    }
    dataset d;
    char err[512];
    err[0] = '\0';
    bool ok = dataset_read(f, "fuzz.csv", &o, &d, err, sizeof err);
    fclose(f);
    free(copy);
    if (!ok) {
        /* Every failure says where: "fuzz.csv:LINE: ...", one line. */
        if (strncmp(err, "fuzz.csv:", 9) != 0 || strchr(err, '\n'))
            __builtin_trap();
        return 0;
    }
    if (d.n < 2 || !d.x || !d.y)
        __builtin_trap();
    for (size_t i = 0; o.unit_y && i < d.n; i++)
        if (!(d.y[i] >= 0 && d.y[i] <= 1))
            __builtin_trap();
    fit_options fo = {FIT_LINEAR, FIT_LOSS_DEFAULT, (pick & 0x20) != 0, 0, 0, "fuzz", NULL};
    surface *s = fit_create(&d, &fo, err, sizeof err);
    surface_destroy(s);
    return 0;
}
