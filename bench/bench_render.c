// SPDX-License-Identifier: MIT
/* Time to render one frame of rosenbrock: a full frame (contours recomputed) and a step frame
 * (one session step, contours cached), at 80x24, 200x60 and 400x120, braille and ASCII.
 * Prints one line per case with the median over the runs. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "steepest/app.h"
#include "steepest/frame.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return v[n / 2];
}

enum { RUNS = 21 };

int main(void)
{
    gsl_set_error_handler_off();
    static const int sizes[][2] = {{80, 24}, {200, 60}, {400, 120}};
    printf("%-8s %-8s %14s %14s %8s\n", "size", "glyphs", "full frame ms", "step frame ms",
           "ratio");
    for (int s = 0; s < 3; s++)
        for (int braille = 1; braille >= 0; braille--) {
            app a;
            frame f;
            scene sc;
            registry reg;
            if (!registry_init(&reg) || !app_init(&a, &reg, registry_find(&reg, "rosenbrock"),
                                                  sizes[s][0], sizes[s][1], braille))
                return 1;
            frame_init(&f);
            double full[RUNS], step[RUNS];
            for (int k = 0; k < RUNS; k++) {
                contour_free(&f.contours); /* forces the recompute */
                double t0 = now_ms();
                app_scene(&a, &sc);
                frame_render(&f, &sc);
                full[k] = now_ms() - t0;
            }
            for (int k = 0; k < RUNS; k++) {
                double t0 = now_ms();
                session_step(&a.ss);
                app_scene(&a, &sc);
                frame_render(&f, &sc);
                step[k] = now_ms() - t0;
            }
            double mf = median(full, RUNS), ms = median(step, RUNS);
            char size[16];
            snprintf(size, sizeof size, "%dx%d", sizes[s][0], sizes[s][1]);
            printf("%-8s %-8s %14.3f %14.3f %7.1fx\n", size, braille ? "braille" : "ascii", mf, ms,
                   mf / ms);
            frame_free(&f);
            app_free(&a);
            registry_free(&reg);
        }
    return 0;
}
