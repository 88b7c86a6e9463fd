// SPDX-License-Identifier: MIT
/* The interactive view under a pseudo-terminal (120x40, TERM=xterm-256color, UTF-8):
 *  - bytes written to the terminal for one step once the screen is up (target < 512);
 *  - fast-forward (F) of rosenbrock to convergence: wall time (target < 10 s) and bytes;
 *  - CPU time used while idle for 10 s (target < 10 ms);
 *  - peak RSS (target < 8 MiB);
 *  - where gnuplot is installed: the whole `--snapshot --size 200x60` process against gnuplot
 *    drawing rosenbrock's contours in its dumb terminal at 200x60 (target: 1/10 the time).
 * Usage: bench_tty PATH-TO-STEEPEST */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads (and counts) everything the child writes until it has been quiet for quiet_ms. */
static long drain(int fd, int quiet_ms)
{
    long total = 0;
    char buf[65536];
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, quiet_ms);
        if (r <= 0)
            return total;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            return total;
        total += n;
    }
}

static double cpu_ms_of(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    unsigned long utime = 0, stime = 0;
    /* fields after ")": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
     * utime stime */
    if (!p ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
        return -1;
    return (double)(utime + stime) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static double run_ms(char *const argv[], int runs)
{
    double best = 1e30;
    for (int k = 0; k < runs; k++) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        double t0 = now_ms();
        if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0)
            return -1;
        int st;
        waitpid(pid, &st, 0);
        double t = now_ms() - t0;
        posix_spawn_file_actions_destroy(&fa);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return -1;
        best = t < best ? t : best;
    }
    return best;
}

/* When set, the view starts with these walkers (--optimizer). */
static const char *race_spec;

static pid_t start_view(const char *bin, const char *surface, struct winsize *ws, int *fd)
{
    pid_t pid = forkpty(fd, NULL, NULL, ws);
    if (pid < 0) {
        perror("forkpty");
        return -1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        if (race_spec)
            execl(bin, bin, "--surface", surface, "--optimizer", race_spec, (char *)NULL);
        else
            execl(bin, bin, "--surface", surface, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static long median(const long *v, int n)
{
    long s[64];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_long);
    return s[n / 2];
}

/* Bytes written for each of n steps (n <= 64), after `warm` steps and the screen have
 * settled: each step is one frame, as play shows at its default speed. */
static int step_bytes(const char *bin, const char *surface, int warm, int n, long *steps)
{
    struct winsize ws = {40, 120, 0, 0};
    int fd;
    pid_t pid = start_view(bin, surface, &ws, &fd);
    if (pid < 0)
        return -1;
    drain(fd, 500);
    for (int k = 0; k < warm; k++)
        if (write(fd, " ", 1) != 1)
            return -1;
    drain(fd, 500);
    for (int k = 0; k < n; k++) {
        if (write(fd, " ", 1) != 1)
            return -1;
        steps[k] = drain(fd, 300);
    }
    if (write(fd, "q", 1) != 1)
        return -1;
    drain(fd, 300);
    waitpid(pid, NULL, 0);
    close(fd);
    return 0;
}

/* F on rosenbrock at 120x40: wall time until the screen says it converged, and the bytes
 * sent meanwhile (frames are skipped, so bytes per second stay bounded). */
static int fast_forward(const char *bin)
{
    struct winsize ws = {40, 120, 0, 0};
    int fd;
    pid_t pid = start_view(bin, "rosenbrock", &ws, &fd);
    if (pid < 0)
        return -1;
    drain(fd, 500);
    double t0 = now_ms();
    if (write(fd, "F", 1) != 1)
        return -1;
    long bytes = 0;
    static char buf[65536], joined[65536 + 256];
    char tail[256] = "";
    bool done = false;
    while (!done && now_ms() - t0 < 60000) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 1000) <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        if (n <= 0)
            break;
        bytes += n;
        buf[n] = '\0';
        /* the message may straddle two reads: keep the end of the last one */
        size_t tl = strlen(tail);
        memcpy(joined, tail, tl);
        memcpy(joined + tl, buf, (size_t)n + 1);
        done = strstr(joined, "converged: a") != NULL; /* the status line, once converged */
        size_t len = (size_t)n;
        const char *end = len > 200 ? buf + len - 200 : buf;
        memcpy(tail, end, strlen(end) + 1);
    }
    double dt = now_ms() - t0;
    printf("fast-forward rosenbrock to convergence at 120x40: %.3f s [target < 10 s], %ld bytes "
           "(%.0f bytes/s)%s\n",
           dt / 1000, bytes, bytes / (dt / 1000), done ? "" : " NOT CONVERGED");
    if (write(fd, "q", 1) != 1)
        return -1;
    drain(fd, 300);
    waitpid(pid, NULL, 0);
    close(fd);
    return done ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_tty PATH-TO-STEEPEST\n");
        return 2;
    }
    const char *bin = argv[1];
    /* Bytes per step on the default surface and on rosenbrock: the median of 9 steps from
     * the start (large moves), and of 9 steps after 100 (a walk under way). */
    static const char *const surfaces[] = {"valley", "rosenbrock"};
    for (int k = 0; k < 2; k++)
        for (int warm = 0; warm <= 100; warm += 100) {
            long steps[9];
            if (step_bytes(bin, surfaces[k], warm, 9, steps) != 0)
                return 1;
            printf("one step at 120x40, %s, steps %d-%d: median %ld bytes [target < 512]\n",
                   surfaces[k], warm + 1, warm + 9, median(steps, 9));
        }

    /* Eight walkers racing: every frame redraws eight trails, marks and the race table.
     * Issue 13's measure: the median bytes per frame over a play, here 60 frames from the
     * start and 60 from step 101; the first 9 (the largest moves) are shown beside. */
    race_spec = "gd,momentum:eta=0.003,nesterov:eta=0.001,adagrad:eta=0.7,rmsprop:eta=0.0001,"
                "adam:eta=0.5,newton,gsl-bfgs2";
    for (int warm = 0; warm <= 100; warm += 100) {
        long steps[60];
        if (step_bytes(bin, "rosenbrock", warm, 60, steps) != 0)
            return 1;
        printf("a frame at 120x40, 8 walkers playing on rosenbrock, steps %d-%d: median %ld bytes "
               "[target <= 2048] (steps %d-%d alone: %ld)\n",
               warm + 1, warm + 60, median(steps, 60), warm + 1, warm + 9, median(steps, 9));
    }
    race_spec = NULL;

    if (fast_forward(bin) != 0)
        return 1;

    struct winsize ws = {40, 120, 0, 0};
    int fd;
    pid_t pid = start_view(bin, "rosenbrock", &ws, &fd);
    if (pid < 0)
        return 1;
    printf("first screen: %ld bytes\n", drain(fd, 500));

    double c0 = cpu_ms_of(pid);
    double t0 = now_ms();
    long idle_bytes = 0;
    while (now_ms() - t0 < 10000)
        idle_bytes += drain(fd, 1000);
    double c1 = cpu_ms_of(pid);
    printf("idle 10 s: %.0f ms CPU, %ld bytes written [target < 10 ms]\n", c1 - c0, idle_bytes);

    if (write(fd, "q", 1) != 1)
        return 1;
    drain(fd, 300);
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    printf("peak RSS: %.2f MiB [target < 8 MiB]; exit status %d\n", ru.ru_maxrss / 1024.0,
           WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    close(fd);

    char *snap[] = {(char *)bin, "--snapshot", "--size", "200x60", "--surface", "rosenbrock", NULL};
    double ts = run_ms(snap, 5);
    printf("steepest --snapshot --size 200x60 (rosenbrock): %.1f ms (best of 5)\n", ts);
    if (system("command -v gnuplot >/dev/null 2>&1") == 0) {
        char *gp[] = {"gnuplot", "-e",
                      "set terminal dumb size 200,60; set view map; unset surface; set contour; "
                      "set cntrparam levels 10; set isosamples 100,100; set xrange [-2:2]; "
                      "set yrange [-1:3]; splot (1-x)**2+100*(y-x**2)**2 notitle",
                      NULL};
        double tg = run_ms(gp, 5);
        printf("gnuplot dumb 200x60 contours (rosenbrock): %.1f ms (best of 5)\n", tg);
        if (ts > 0 && tg > 0)
            printf("steepest takes %.3f of gnuplot's time [target <= 0.1]\n", ts / tg);
    } else {
        printf("gnuplot not installed: comparison skipped\n");
    }
    return 0;
}
