// SPDX-License-Identifier: MIT
/* Models on large data: time to read 10⁶ CSV rows (and to build the logistic surface on them,
 * with the memory each row costs), and the contour-equivalent work of a 200x60 braille frame,
 * 400 x 240 value-only evaluations of L over the surface's box, on N = 10⁵ rows for each
 * model, against the same frame summed row by row (estimated from a sample).
 * Targets: read 10⁶ rows < 1 s; <= 24 bytes a row; a frame <= 150 ms. */
#include <math.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "steepest/dataset.h"
#include "steepest/fit.h"
#include "steepest/walker.h"

extern char **environ;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This process's CPU time: on a shared machine, the work itself without the waiting. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident memory in bytes, from /proc (Linux); 0 elsewhere. */
static double rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return (double)resident * (double)sysconf(_SC_PAGESIZE);
}

/* x ~ N(1, 2²) with 6 decimals; y = 1 with chance σ(1.5 x - 0.5). */
static void make_rows(size_t n, unsigned long seed, double *x, double *y)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    for (size_t i = 0; i < n; i++) {
        x[i] = 1 + gsl_ran_gaussian(r, 2);
        y[i] = gsl_rng_uniform(r) < 1 / (1 + exp(-(1.5 * x[i] - 0.5)));
    }
    gsl_rng_free(r);
}

static int bench_read(char *self)
{
    enum { ROWS = 1000000 };
    char path[] = "/tmp/bench_data_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    double *x = malloc(ROWS * sizeof *x), *y = malloc(ROWS * sizeof *y);
    if (!f || !x || !y)
        return 1;
    make_rows(ROWS, 1, x, y);
    fprintf(f, "# bench\nx,y\n");
    for (size_t i = 0; i < ROWS; i++)
        fprintf(f, "%.6f,%d\n", x[i], (int)y[i]);
    printf("CSV of %d rows, %.1f MB\n", ROWS, (double)ftell(f) / 1e6);
    fclose(f);
    free(x);
    free(y);

    /* In a fresh process (this program again), so neither the pages nor the allocator state
     * left by writing the file count. */
    fflush(stdout);
    char *argv[] = {self, "read", path, NULL};
    pid_t pid;
    if (posix_spawn(&pid, self, NULL, NULL, argv, environ) != 0)
        return 1;
    int status;
    waitpid(pid, &status, 0);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int read_child(const char *path)
{
    double rss0 = rss_bytes(), t0 = now_s();
    dataset d;
    char err[256];
    dataset_options o = {"x", "y", true, 0, false};
    if (!dataset_load(path, &o, &d, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    double t_read = now_s() - t0, rss_read = rss_bytes() - rss0;
    size_t n = d.n;
    t0 = now_s();
    fit_options fo = {FIT_LOGISTIC, FIT_XENT, false, 0, 0, "big", NULL};
    surface *s = fit_create(&d, &fo, err, sizeof err);
    double t_fit = now_s() - t0, rss_fit = rss_bytes() - rss0;
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    printf("read %zu rows: %.3f s (target < 1 s), %.1f bytes/row resident\n", n, t_read,
           rss_read / (double)n);
    printf("fit_create logistic on them: %.3f s, %.1f bytes/row resident in all (target <= 24)\n",
           t_fit, rss_fit / (double)n);
    printf("  %s\n", fit_describe(s));
    surface_destroy(s);
    return t_read < 1 && rss_fit / (double)n <= 24 ? 0 : 2;
}

/* n rows of make_rows' data (seed 2) as a dataset; false, with nothing to free, if out of
 * memory. */
static bool rows_of(size_t n, dataset *d)
{
    *d = (dataset){0};
    d->x = malloc(n * sizeof *d->x);
    d->y = malloc(n * sizeof *d->y);
    if (!d->x || !d->y) {
        dataset_free(d);
        return false;
    }
    d->n = n;
    make_rows(n, 2, d->x, d->y);
    return true;
}

static int bench_frame(fit_model m, fit_loss l)
{
    enum { ROWS = 100000, W = 400, H = 240 };
    dataset d;
    if (!rows_of(ROWS, &d))
        return 1;
    char err[256];
    fit_options fo = {m, l, false, 0, 0, "frame", NULL};
    surface *s = fit_create(&d, &fo, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    /* Best of three: the machine may be shared, and the least is the cost of the work. */
    double t = INFINITY, cpu = INFINITY, sink = 0, worst = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now_s(), c0 = cpu_s();
        for (int j = 0; j < H; j++)
            for (int i = 0; i < W; i++) {
                double w = s->xmin + (s->xmax - s->xmin) * (i + 0.5) / W;
                double b = s->ymin + (s->ymax - s->ymin) * (j + 0.5) / H;
                sink += surface_loss(s, w, b);
            }
        t = fmin(t, now_s() - t0);
        cpu = fmin(cpu, cpu_s() - c0);
    }
    double t0;
    for (int j = 0; j < H; j += 8)
        for (int i = 0; i < W; i += 8) {
            double w = s->xmin + (s->xmax - s->xmin) * (i + 0.5) / W;
            double b = s->ymin + (s->ymax - s->ymin) * (j + 0.5) / H;
            double bd = fit_value_bound(s, w, b);
            worst = bd > worst ? bd : worst;
        }
    /* Row by row: time 200 points and scale up. */
    t0 = now_s();
    for (int k = 0; k < 200; k++) {
        double f, g[2];
        surface_eval(s, s->xmin + (s->xmax - s->xmin) * k / 200.0, 0.5 * (s->ymin + s->ymax), &f, g,
                     NULL);
        sink += f;
    }
    double t_exact = (now_s() - t0) / 200 * W * H;
    printf("%-8s %-8s N = %d: 200x60 frame (%d values) %.1f ms wall, %.1f ms CPU (target <= "
           "150); row by row %.0f s; bound <= %.2g%s\n",
           fit_model_name(m), fit_loss_name(l), ROWS, W * H, 1e3 * t, 1e3 * cpu, t_exact, worst,
           sink == sink ? "" : " (NaN!)");
    surface_destroy(s);
    return cpu <= 0.150 ? 0 : 2;
}

/* sgd steps with B = 32 on N rows, for N = 10^3 .. 10^6: the minibatch gradient costs B rows;
 * the full L and grad L (the convergence test, the chart) are evaluated once per epoch, so a
 * step over a long walk should cost the same at every N. Also timed: walker_sync, the full
 * evaluation a frame on screen adds (it costs N). */
static int bench_sgd(size_t rows)
{
    dataset d;
    if (!rows_of(rows, &d))
        return 1;
    for (size_t i = 0; i < rows; i++)
        d.y[i] = d.y[i] > 0 ? 1 : 0;
    char err[256];
    fit_options fo = {FIT_LOGISTIC, FIT_XENT, true, 0, 0, "sgd", NULL};
    surface *s = fit_create(&d, &fo, err, sizeof err);
    dataset_free(&d);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    walker w;
    if (!walker_init(&w, optimizer_sgd, s, 1024) || !walker_set_param(&w, "batch", 32))
        return 1;
    int steps = 20000;
    double c0 = cpu_s();
    for (int k = 0; k < steps; k++)
        walker_step(&w);
    double per = (cpu_s() - c0) / steps * 1e6;
    int syncs = rows >= 100000 ? 20 : 200;
    double s0 = cpu_s();
    for (int k = 0; k < syncs; k++) {
        walker_step(&w);
        walker_sync(&w);
    }
    double sync = (cpu_s() - s0) / syncs * 1e6 - per;
    optimizer_move m;
    double t0 = cpu_s();
    for (int k = 0; k < 20000; k++)
        (void)walker_preview(&w, &m);
    double mb = (cpu_s() - t0) / 20000 * 1e6;
    printf("sgd B=32 on N=%zu rows: %.2f us per minibatch gradient, %.2f us per walker step "
           "(over %d steps), %.0f us more for a step shown (walker_sync)\n",
           rows, mb, per, steps, sync);
    walker_free(&w);
    surface_destroy(s);
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && strcmp(argv[1], "read") == 0)
        return read_child(argv[2]);
    int rc = bench_read(argv[0]);
    static const struct {
        fit_model m;
        fit_loss l;
    } cases[] = {{FIT_LINEAR, FIT_MSE},       {FIT_LINEAR, FIT_HALF_SSE},
                 {FIT_NEURON, FIT_HALF_SSE},  {FIT_NEURON, FIT_MSE},
                 {FIT_NEURON, FIT_XENT},      {FIT_LOGISTIC, FIT_XENT},
                 {FIT_LOGISTIC, FIT_HALF_SSE}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int r = bench_frame(cases[k].m, cases[k].l);
        rc = rc ? rc : r;
    }
    for (size_t rows = 1000; rows <= 1000000; rows *= 10) {
        int r = bench_sgd(rows);
        rc = rc ? rc : r;
    }
    return rc;
}
