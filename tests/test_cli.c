// SPDX-License-Identifier: MIT
/* The batch face, through the real binary: exit codes, messages, and CSV that matches the
 * session step for step. */
#include <math.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"
#include "steepest/analysis.h"
#include "steepest/parse.h"
#include "steepest/cli.h"
#include "steepest/session.h"
#include "steepest/trace.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

START_TEST(test_help_and_version)
{
    run_result r = run_steepest(ARGS("--help"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "Usage:"));
    ck_assert_ptr_nonnull(strstr(r.out, "--trace FILE|-"));
    ck_assert_str_eq(r.err, "");
    run_free(&r);
    r = run_steepest(ARGS("--version"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_str_eq(r.out, "steepest " STEEPEST_VERSION "\n");
    run_free(&r);
}
END_TEST

START_TEST(test_list)
{
    run_result r = run_steepest(ARGS("--list"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_ge(count_lines(r.out), 15); /* the 14 surfaces, then any surface files */
    ck_assert_ptr_nonnull(strstr(r.out, "Surface files in "));
    ck_assert_ptr_nonnull(strstr(r.out, "\n  quadratic\n"));
    for (size_t i = 0; i < surface_count(); i++) {
        char row[64];
        snprintf(row, sizeof row, "\n%-11s ", surface_at(i)->name);
        ck_assert_msg(strstr(r.out, row) != NULL, "--list lacks %s", surface_at(i)->name);
    }
    ck_assert_ptr_nonnull(strstr(r.out, "[-2,2]x[-1,3]")); /* rosenbrock's domain */
    ck_assert_ptr_nonnull(strstr(r.out, "(-1.2, 1)"));     /* its start */
    ck_assert_ptr_nonnull(strstr(r.out, "0.0015"));        /* its eta */
    run_free(&r);
}
END_TEST

START_TEST(test_bad_inputs)
{
    expect_usage_error(ARGS("--surface", "nope"), "'nope'");
    /* A missing value is said as such, not taken from the next option. */
    expect_usage_error(ARGS("-s", "--steps", "2", "--trace", "-"),
                       "--surface needs a value (the next word, '--steps', is an option)");
    expect_usage_error(ARGS("--eta", "--help"), "--eta needs a value");
    expect_usage_error(ARGS("-s", ""), "--surface needs a surface's name");
    run_result k = run_steepest(ARGS("--snapshot", "--keys", "-s"));
    ck_assert_int_eq(k.code, 0); /* "-s" is two keys there, not an option */
    run_free(&k);
    expect_usage_error(ARGS("--surface", "nope"), "rosenbrock");
    expect_usage_error(ARGS("--eta", "0"), "'0'");
    expect_usage_error(ARGS("--eta", "-0.1"), "'-0.1'");
    expect_usage_error(ARGS("--eta", "abc"), "'abc'");
    expect_usage_error(ARGS("--eta", "nan"), "'nan'");
    expect_usage_error(ARGS("--eta", "inf"), "'inf'");
    expect_usage_error(ARGS("--eta", "1e999"), "'1e999'");
    expect_usage_error(ARGS("--eta", "0.1x"), "'0.1x'");
    expect_usage_error(ARGS("--start", "1"), "'1'");
    expect_usage_error(ARGS("--start", "a,b"), "'a,b'");
    expect_usage_error(ARGS("--start", "1,2,3"), "'1,2,3'");
    expect_usage_error(ARGS("--start", "nan,1"), "'nan,1'");
    expect_usage_error(ARGS("--start", ",1"), "',1'");
    expect_usage_error(ARGS("--steps", "-1", "--trace", "-"), "'-1'");
    expect_usage_error(ARGS("--steps", "1.5", "--trace", "-"), "'1.5'");
    expect_usage_error(ARGS("--steps", "x", "--trace", "-"), "'x'");
    expect_usage_error(ARGS("--steps", "99999999999999999999", "--trace", "-"),
                       "'99999999999999999999'");
    expect_usage_error(ARGS("--steps", "10000001", "--trace", "-"), "'10000001'");
    expect_usage_error(ARGS("--frobnicate"), "'--frobnicate'");
    expect_usage_error(ARGS("--st", "1"),
                       "ambiguous option '--st': could be --standardize, --start, --steps");
    expect_usage_error(ARGS("--surface"), "--surface needs a value");
    /* One rule for the start in every face. */
    expect_usage_error(ARGS("--start", "1e308,1e308", "--snapshot"), "not finite at (1e+308");
    expect_usage_error(ARGS("--start", "1e308,1e308", "--probe"), "not finite at (1e+308");
    expect_usage_error(ARGS("--start", "1e308,1e308", "--steps", "3", "--trace", "-"),
                       "not finite at (1e+308");
    expect_usage_error(ARGS("--start", "1e308,1e308"), "not finite at (1e+308");
    expect_usage_error(ARGS("--eta", "1e-400"), "'1e-400'");
    expect_usage_error(ARGS("--optimizer", "adma"), "did you mean 'adam'?");
    expect_usage_error(ARGS("--optimizer", "momentum:beta=0.5"), "its keys are mu, eta, start");
    expect_usage_error(ARGS("--optimizer", "gd:eta=-1"), "'gd:eta=-1'");
    expect_usage_error(ARGS("--optimizer", "gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd,gd"),
                       "more than 16 walkers");
    expect_usage_error(ARGS("--race"), "--race needs --steps N");
    expect_usage_error(ARGS("-x"), "'-x'");
    expect_usage_error(ARGS("stray"), "'stray'");
    expect_usage_error(ARGS("--eta"), "--eta");
    expect_usage_error(ARGS("--steps", "5"), "--trace");
    expect_usage_error(ARGS("--trace", "-"), "--steps");
    expect_usage_error(ARGS("--steps", "5", "--trace", "/nonexistent-dir/t.csv"),
                       "/nonexistent-dir/t.csv");
    expect_usage_error(ARGS("--steps", "5", "--trace", "/tmp"), "'/tmp'");
    expect_usage_error(ARGS("--data", "anscombe-1", "--batch", "0"), "'0'");
    expect_usage_error(ARGS("--data", "anscombe-1", "--batch", "2.5"), "'2.5'");
    expect_usage_error(ARGS("--batch", "4"), "--batch needs a model on data");
    expect_usage_error(ARGS("--data", "anscombe-1", "--batch", "4", "--optimizer", "adam"),
                       "write sgd:batch=4 there");
}
END_TEST

/* Found by fuzz_cli: the probe's slice chart far out (L near 5e14, a step changing it by
 * rounding only) computed rows outside the chart and read outside a table. */
START_TEST(test_slice_chart_far_out)
{
    run_result r = run_steepest(
        ARGS("--snapshot", "--keys", "e1.5y<Enter>\"]( -    sgd )--  ( u-  ( u--list> ace"));
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "L along step"));
    run_free(&r);
}
END_TEST

/* The trace of a --batch walk, its header and the rows' θ only ("x,y" per step). */
static char *batch_walk(const char *batch, const char *seed)
{
    run_result r = run_steepest(ARGS("--data", "anscombe-1", "--batch", batch, "--seed", seed,
                                     "--steps", "30", "--trace", "-"));
    ck_assert_msg(r.code == 0, "%s", r.err);
    char *out = strdup(r.out);
    run_free(&r);
    return out;
}

/* --batch: the same seed gives the same walk byte for byte, another seed another walk, and a
 * batch of every row is gradient descent (the trace differs only in the optimizer's name). */
START_TEST(test_batch_walks)
{
    char *a = batch_walk("3", "5"), *b = batch_walk("3", "5"), *c = batch_walk("3", "6");
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    ck_assert_ptr_nonnull(strstr(a, ",sgd\n"));
    char *all = batch_walk("11", "5");
    run_result g = run_steepest(ARGS("--data", "anscombe-1", "--steps", "30", "--trace", "-"));
    ck_assert_int_eq(g.code, 0);
    for (char *p; (p = strstr(all, ",sgd\n")) != NULL;)
        memmove(p + 3, p + 4, strlen(p + 4) + 1), memcpy(p, ",gd", 3);
    ck_assert_str_eq(all, g.out);
    run_free(&g);
    free(a);
    free(b);
    free(c);
    free(all);
}
END_TEST

/* Parses one CSV row: 10 numbers, the status word, then 2 more numbers (v[10], v[11]).
 * Empty fields read as NAN. */
static int parse_row(char *line, double v[12], char *status, size_t n)
{
    char *p = line;
    for (int k = 0; k < 13; k++) {
        char *end = strpbrk(p, ",\n");
        if (!end && k < 12)
            return 0;
        if (end)
            *end = '\0';
        if (k == 10)
            snprintf(status, n, "%s", p);
        else
            v[k < 10 ? k : k - 1] = *p ? strtod(p, NULL) : NAN;
        p = end ? end + 1 : p + strlen(p);
    }
    return 1;
}

START_TEST(test_trace_matches_session)
{
    char path[] = "/tmp/steepest-trace-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    run_result r = run_steepest(ARGS("--surface", "himmelblau", "--start", "-1,0.5", "--eta",
                                     "0.02", "--steps", "40", "--keep-going", "--trace", path));
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    run_free(&r);

    session ss;
    ck_assert(session_init(&ss, surface_find("himmelblau")));
    session_set_start(&ss, -1, 0.5);
    session_set_eta(&ss, 0.02);
    FILE *f = fopen(path, "r");
    char line[1024], status[32];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    ck_assert_str_eq(line, TRACE_HEADER "\n");
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        double v[12];
        ck_assert(parse_row(line, v, status, sizeof status));
        if (rows > 0)
            session_step(&ss);
        ck_assert_double_eq(v[0], (double)session_walker(&ss)->step);
        ck_assert_double_eq(v[1], session_walker(&ss)->x);
        ck_assert_double_eq(v[2], session_walker(&ss)->y);
        ck_assert_double_eq(v[3], session_walker(&ss)->loss);
        ck_assert_double_eq(v[4], session_walker(&ss)->gx);
        ck_assert_double_eq(v[5], session_walker(&ss)->gy);
        ck_assert_double_eq(v[6], session_walker(&ss)->gnorm);
        ck_assert_double_eq(v[7], 0.02);
        if (rows == 0) {
            ck_assert(isnan(v[8]) && isnan(v[9]));
        } else {
            ck_assert_double_eq(v[8], session_walker(&ss)->last_delta);
            ck_assert_double_eq(v[9], session_walker(&ss)->last_predicted);
        }
        ck_assert_str_eq(status, walker_status_name(session_walker(&ss)->status));
        analysis_hessian h =
            analysis_hessian_at(ss.surf, session_walker(&ss)->x, session_walker(&ss)->y);
        ck_assert_double_eq(v[10], h.lambda_min);
        ck_assert_double_eq(v[11], h.lambda_max);
        rows++;
    }
    ck_assert_int_eq(rows, 41);
    fclose(f);
    unlink(path);
    session_free(&ss);
}
END_TEST

START_TEST(test_steps_zero_and_stdout)
{
    run_result r = run_steepest(ARGS("--surface", "bowl", "--steps", "0", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_str_eq(r.out, TRACE_HEADER "\n0,1.6,1.2,4,3.2,2.4,4,0.1,,,running,2,2,,1,gd\n");
    run_free(&r);
}
END_TEST

static double last_loss(const char *csv, char *status, size_t n)
{
    const char *last = csv, *p = csv;
    while ((p = strchr(p, '\n')) && p[1])
        last = ++p;
    char line[1024];
    snprintf(line, sizeof line, "%s", last);
    double v[12];
    ck_assert(parse_row(line, v, status, n));
    return v[3];
}

START_TEST(test_rosenbrock_descends_by_orders_of_magnitude)
{
    run_result r = run_steepest(ARGS("--surface", "rosenbrock", "--steps", "5000", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    char status[32];
    double end = last_loss(r.out, status, sizeof status);
    ck_assert_double_lt(end, 24.2 * 1e-3);
    ck_assert_int_eq(count_lines(r.out), 5002);
    run_free(&r);
}
END_TEST

START_TEST(test_ascend_and_divergence)
{
    run_result r = run_steepest(
        ARGS("--surface", "bowl", "--ascend", "--eta", "0.01", "--steps", "3", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    char status[32];
    ck_assert_double_gt(last_loss(r.out, status, sizeof status), 4.0);
    run_free(&r);

    r = run_steepest(
        ARGS("--surface", "valley", "--eta", "0.11", "--steps", "1000", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    last_loss(r.out, status, sizeof status);
    ck_assert_str_eq(status, "diverged");
    ck_assert_ptr_nonnull(strstr(r.err, "diverged at step"));
    ck_assert_int_lt(count_lines(r.out), 1002);
    run_free(&r);
}
END_TEST

/* Runs a shell command line (steepest is "$S"), returning its exit status. */
static int sh(const char *line)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "S='%s'; %s", getenv("STEEPEST_BIN"), line);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Files in dir whose names start with prefix (left-over temporaries). */
static int count_files(const char *dir, const char *prefix)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls -A %s | grep -c '^%s' > %s/.count", dir, prefix, dir);
    ck_assert_int_ge(system(cmd), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/.count", dir);
    char *t = slurp(path);
    int n = atoi(t);
    free(t);
    unlink(path);
    return n;
}

START_TEST(test_failed_write_leaves_no_file)
{
    /* A device or FIFO is refused by type, never opened (a FIFO would hang the run; a
     * device would be written through). */
    run_result r = run_steepest(ARGS("--steps", "10", "--trace", "/dev/full"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_str_eq(r.err, "steepest: --trace: '/dev/full' is a device, not a regular file; "
                            "give a file name, or - for standard output\n");
    run_free(&r);
    char dir[] = "/tmp/steepest-tr-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char fifo[128], cmd[512];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    r = run_steepest(ARGS("--steps", "10", "--trace", fifo));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "is a FIFO, not a regular file"));
    run_free(&r);
    r = run_steepest(ARGS("--steps", "10", "--trace", dir));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "is a directory, not a regular file"));
    run_free(&r);

    /* A symlink planted at the name (say, in /tmp, to another user's file) is replaced by
     * the trace; the file it pointed to is not touched. */
    char victim[128], link[128];
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(link, sizeof link, "%s/trace.csv", dir);
    FILE *v = fopen(victim, "w");
    fputs("precious\n", v);
    fclose(v);
    ck_assert_int_eq(symlink(victim, link), 0);
    r = run_steepest(ARGS("--steps", "3", "--trace", link));
    ck_assert_int_eq(r.code, 0);
    run_free(&r);
    char *kept = slurp(victim);
    ck_assert_str_eq(kept, "precious\n");
    free(kept);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISREG(st.st_mode));

    /* The mode follows the umask, whatever the file had before. */
    snprintf(cmd, sizeof cmd, "umask 022; \"$S\" --steps 2 --trace %s/m.csv", dir);
    ck_assert_int_eq(sh(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/m.csv", dir);
    ck_assert_int_eq(stat(cmd, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0644);
    snprintf(cmd, sizeof cmd, "umask 077; \"$S\" --steps 2 --trace %s/m.csv", dir);
    ck_assert_int_eq(sh(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/m.csv", dir);
    ck_assert_int_eq(stat(cmd, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);

    /* A full disk (here a file-size limit) is noticed while writing: exit 1, a message, and
     * neither the trace nor a temporary file left behind. */
    snprintf(cmd, sizeof cmd,
             "ulimit -f 8; \"$S\" -s valley --eta 1e-6 --steps 10000000 --trace %s/big.csv "
             "2> %s/err",
             dir, dir);
    ck_assert_int_eq(sh(cmd), 1);
    snprintf(cmd, sizeof cmd, "%s/err", dir);
    char *e = slurp(cmd);
    ck_assert_msg(strstr(e, "big.csv' failed: File too large"), "stderr: %s", e);
    free(e);
    ck_assert_int_eq(count_files(dir, "big.csv"), 0);

    /* An interrupted run removes its temporary file and leaves the old trace alone. */
    snprintf(cmd, sizeof cmd,
             "echo old > %s/int.csv; \"$S\" -s valley --eta 1e-6 --steps 10000000 "
             "--trace %s/int.csv 2>/dev/null & sleep 0.3; kill -INT $!; wait $!",
             dir, dir);
    ck_assert_int_eq(sh(cmd), 130);
    ck_assert_int_eq(count_files(dir, "int.csv"), 1);
    snprintf(cmd, sizeof cmd, "%s/int.csv", dir);
    kept = slurp(cmd);
    ck_assert_str_eq(kept, "old\n");
    free(kept);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
    /* An existing file is replaced only by a complete trace. */
    char path[] = "/tmp/steepest-keep-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_eq(write(fd, "old\n", 4), 4);
    close(fd);
    r = run_steepest(ARGS("--steps", "2", "--eta", "-1", "--trace", path));
    ck_assert_int_eq(r.code, 2);
    run_free(&r);
    kept = slurp(path);
    ck_assert_str_eq(kept, "old\n");
    free(kept);
    r = run_steepest(ARGS("--steps", "2", "--trace", path));
    ck_assert_int_eq(r.code, 0);
    run_free(&r);
    kept = slurp(path);
    ck_assert_int_eq(count_lines(kept), 4);
    free(kept);
    unlink(path);
}
END_TEST

/* A walk that has converged stops the trace there (one message on stderr); --keep-going
 * takes every step asked for. Numbers are written in the shortest form that reads back. */
/* A subnormal learning rate is a finite number > 0; a huge --keys is refused in one short
 * line that does not echo it. */
START_TEST(test_edge_numbers_and_long_keys)
{
    run_result r = run_steepest(ARGS("--eta", "4.9e-324", "--probe"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "eta 4.94066e-324"));
    run_free(&r);
    size_t n = 131000; /* just under the kernel's limit for one argument */
    char *keys = malloc(n + 1);
    memset(keys, 'a', n);
    keys[n] = '\0';
    r = run_steepest(ARGS("--snapshot", "--keys", keys));
    ck_assert_int_eq(r.code, 2);
    ck_assert_int_eq(count_lines(r.err), 1);
    ck_assert_int_lt(strlen(r.err), 200);
    run_free(&r);
    memcpy(keys, "<Bogus>", 7);
    r = run_steepest(ARGS("--snapshot", "--keys", keys));
    ck_assert_int_eq(r.code, 2);
    ck_assert_int_lt(strlen(r.err), 200);
    ck_assert_ptr_nonnull(strstr(r.err, "<Bogus>"));
    run_free(&r);
    free(keys);
}
END_TEST

START_TEST(test_trace_stops_at_convergence)
{
    run_result r = run_steepest(ARGS("-s", "bowl", "--steps", "1000000", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_lt(count_lines(r.out), 200);
    ck_assert_ptr_nonnull(strstr(r.err, "converged at step"));
    ck_assert_ptr_nonnull(strstr(r.out, ",0.1,")); /* eta, not 0.10000000000000001 */
    run_free(&r);
    r = run_steepest(ARGS("-s", "bowl", "--steps", "300", "--keep-going", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 302);
    ck_assert_str_eq(r.err, "");
    run_free(&r);
}
END_TEST

/* --slice: each row is L(theta + t d) and the two Taylor polynomials, computed here again from
 * the surface's own kernel; the gaps shrink like t^2 and t^3. */
START_TEST(test_slice_table)
{
    static const char *const names[] = {"rosenbrock", "himmelblau", "neuron", "beale"};
    run_result r = run_steepest(ARGS("-s", names[_i], "--slice"));
    ck_assert_int_eq(r.code, 0);
    const surface *s = surface_find(names[_i]);
    double x = s->start_x, y = s->start_y, f, g[2], h[3];
    surface_eval(s, x, y, &f, g, h);
    double eta = s->eta, n = hypot(g[0], g[1]), len = eta * n, dx = -g[0] / n, dy = -g[1] / n;
    double slope = dx * g[0] + dy * g[1];
    double curv = dx * (h[0] * dx + h[1] * dy) + dy * (h[1] * dx + h[2] * dy);
    char *line = strstr(r.out, "t,actual,first,second\n");
    ck_assert_ptr_nonnull(line);
    line += strlen("t,actual,first,second\n");
    double gap1[25], gap2[25];
    int k = 0;
    for (; k <= 24; k++) {
        double t, a, f1, f2;
        ck_assert_int_eq(sscanf(line, "%lf,%lf,%lf,%lf", &t, &a, &f1, &f2), 4);
        ck_assert_double_eq_tol(t, len * k / 8, 1e-15 * len);
        ck_assert_double_eq_tol(a, surface_loss(s, x + t * dx, y + t * dy),
                                1e-12 * fabs(a) + 1e-15);
        ck_assert_double_eq_tol(f1, f + t * slope, 1e-12 * fabs(f1) + 1e-15);
        ck_assert_double_eq_tol(f2, f + t * slope + 0.5 * t * t * curv, 1e-12 * fabs(f2) + 1e-15);
        gap1[k] = fabs(a - f1);
        gap2[k] = fabs(a - f2);
        line = strchr(line, '\n') + 1;
    }
    ck_assert_int_eq(k, 25);
    /* Halving t quarters the first-order gap and divides the second-order gap by eight. */
    ck_assert_double_eq_tol(gap1[2] / gap1[1], 4, 0.8);
    ck_assert_double_eq_tol(gap2[2] / gap2[1], 8, 1.6);
    run_free(&r);
}
END_TEST

/* --race: one row per walker, the numbers of a walk each would take alone; the trace in long
 * format, a row per walker per step, with walker and optimizer columns. */
START_TEST(test_race)
{
    run_result r = run_steepest(
        ARGS("-s", "bowl", "--optimizer", "gd,gd:eta=0.2,newton", "--race", "--steps", "1000"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 4);
    /* bowl: gd at eta converges at the step where 4 (1 - 2 eta)^k < 1e-6; Newton in one. */
    int k1 = (int)ceil(log(1e-6 / 4) / log(1 - 2 * 0.1)), k2 = (int)ceil(log(1e-6 / 4) / log(0.6));
    char want[128];
    snprintf(want, sizeof want, "\n1      gd         0.1        %8d %8d ", k1, k1);
    ck_assert_msg(strstr(r.out, want), "no '%s' in\n%s", want, r.out);
    snprintf(want, sizeof want, "\n2      gd         0.2        %8d %8d ", k2, k2);
    ck_assert_msg(strstr(r.out, want), "no '%s' in\n%s", want, r.out);
    ck_assert_ptr_nonnull(strstr(r.out, "\n3      newton     1                 1        2 "));
    run_free(&r);
    r = run_steepest(
        ARGS("-s", "bowl", "--optimizer", "gd,momentum", "--steps", "3", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 1 + 2 * 4);
    ck_assert_ptr_nonnull(strstr(r.out, ",,1,gd\n"));
    ck_assert_ptr_nonnull(strstr(r.out, ",2,momentum\n"));
    run_free(&r);
}
END_TEST

/* Typed formulas, surface files and data from the command line: a bad formula names its
 * column and shows it under a caret; --points lists the stationary points the finder gives
 * (the built-in himmelblau's nine, a typed bowl's one); --data fits shipped and user CSVs. */
START_TEST(test_sources)
{
    static const struct {
        const char *formula, *first_line;
        int col;
    } bad[] = {
        {"2x+y", "steepest: --expr: column 2: implicit multiplication: write 2*x\n", 2},
        {"sine(x)", "steepest: --expr: column 1: unknown function 'sine' (did you mean 'sin'?)\n",
         1},
        {"(x+y", NULL, 0},
        {"x+", NULL, 0},
        {"", NULL, 0},
        {"x + z", NULL, 0},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        run_result r = run_steepest(ARGS("--expr", bad[k].formula, "--snapshot"));
        ck_assert_int_eq(r.code, 2);
        ck_assert_str_eq(r.out, "");
        ck_assert_msg(strncmp(r.err, "steepest: --expr: ", 18) == 0, "%s", r.err);
        if (bad[k].first_line) {
            ck_assert(strncmp(r.err, bad[k].first_line, strlen(bad[k].first_line)) == 0);
            /* the formula, then a caret under the column */
            char want[64];
            snprintf(want, sizeof want, "  %s\n  %*s^\n", bad[k].formula, bad[k].col - 1, "");
            ck_assert_msg(strstr(r.err, want), "no caret line in %s", r.err);
        }
        run_free(&r);
    }
    run_result r = run_steepest(ARGS("-s", "himmelblau", "--points"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 10);
    ck_assert_ptr_nonnull(strstr(r.out, "\n3,2,0,minimum\n"));
    ck_assert_ptr_nonnull(strstr(r.out, ",maximum\n"));
    run_free(&r);
    r = run_steepest(ARGS("--expr", "(x-1)^2 + 4*(y+2)^2", "--points"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_str_eq(r.out, "x,y,L,kind\n1,-2,0,minimum\n");
    run_free(&r);
    r = run_steepest(ARGS("--expr", "w^2 - b^2", "--vars", "w,b", "--steps", "0", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    run_free(&r);
    r = run_steepest(ARGS("--data", "anscombe-1", "--steps", "2000", "--trace", "-"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.err, "linear, mse on 11 rows"));
    run_free(&r);
    /* A user's CSV: a spreadsheet export with a header, CRLF and a BOM. */
    char csv[] = "/tmp/steepest-csv-XXXXXX";
    int fd = mkstemp(csv);
    static const char text[] = "\xEF\xBB\xBFhours,score\r\n1,52\r\n2,55\r\n3,61\r\n4,64\r\n";
    ck_assert_int_eq(write(fd, text, sizeof text - 1), (int)(sizeof text - 1));
    close(fd);
    r = run_steepest(ARGS("--data", csv, "--columns", "hours,score", "--probe"));
    ck_assert_int_eq(r.code, 0);
    run_free(&r);
    r = run_steepest(ARGS("--data", csv, "--columns", "hours,grade", "--probe"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "grade"));
    ck_assert_ptr_nonnull(strstr(r.err, "hours"));
    run_free(&r);
    /* Its name in the panel is the file's; a neuron refuses targets it cannot reach. */
    r = run_steepest(ARGS("--data", csv, "--snapshot"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, strrchr(csv, '/') + 1));
    run_free(&r);
    r = run_steepest(ARGS("--data", csv, "--model", "neuron"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, ":2: column 'score': y = 52; a neuron's output"));
    run_free(&r);
    unlink(csv);
    expect_usage_error(ARGS("--data", "anscombe-5"),
                       "'anscombe-5' is neither a file nor a shipped data set; shipped: "
                       "anscombe-1, anscombe-2, anscombe-3, anscombe-4, challenger, iris");
    expect_usage_error(ARGS("--data", "iris", "--columns", "1,2"),
                       "'iris' is a shipped set (petal_width -> virginica); for other columns "
                       "read its file: --data ");
    expect_usage_error(ARGS("--data", "/"), "/: cannot open it: a directory, not a CSV file");
    expect_usage_error(ARGS("--data", "anscombe-1", "--model", "logistic"),
                       "row 1: label 8.04 is not 0 or 1");
    expect_usage_error(ARGS("--expr", "x^2", "--data", "anscombe-1"), "use one");
    expect_usage_error(ARGS("--domain", "1,0,0,1"), "'1,0,0,1'");
    expect_usage_error(ARGS("--surface", "no-such-thing"), "no-such-thing");
}
END_TEST

START_TEST(test_parsers)
{
    double a, b;
    unsigned long n;
    ck_assert(parse_pair("-1.5,2e-1", &a, &b));
    ck_assert_double_eq(a, -1.5);
    ck_assert_double_eq(b, 0.2);
    ck_assert(!parse_pair("1,", &a, &b));
    ck_assert(!parse_pair("", &a, &b));
    ck_assert(!parse_double("1 ", &a));
    ck_assert(parse_count("0", 10, &n) && n == 0);
    ck_assert(!parse_count("+3", 10, &n));
    ck_assert(!parse_count("11", 10, &n));
    /* The shortest decimal that reads back, whole numbers without an exponent. */
    static const struct {
        double v;
        const char *s;
    } shortest[] = {{10, "10"},
                    {12500, "12500"},
                    {0.08, "0.08"},
                    {8.04, "8.04"},
                    {1e20, "1e+20"},
                    {1e-5, "1e-05"},
                    {-2.5, "-2.5"},
                    {0.1 + 0.2, "0.30000000000000004"},
                    {NAN, "nan"},
                    {-INFINITY, "-inf"},
                    {123456789012345678.0, "1.2345678901234568e+17"}};
    for (size_t k = 0; k < sizeof shortest / sizeof shortest[0]; k++) {
        char buf[32];
        parse_shortest(buf, sizeof buf, shortest[k].v);
        ck_assert_str_eq(buf, shortest[k].s);
    }
    char nan_buf[8];
    parse_shortest(nan_buf, sizeof nan_buf, -NAN);
    ck_assert_str_eq(nan_buf, "nan");
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("batch");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_help_and_version);
    tcase_add_test(tc, test_list);
    tcase_add_test(tc, test_bad_inputs);
    tcase_add_test(tc, test_batch_walks);
    tcase_add_test(tc, test_slice_chart_far_out);
    tcase_add_test(tc, test_trace_matches_session);
    tcase_add_test(tc, test_steps_zero_and_stdout);
    tcase_add_test(tc, test_rosenbrock_descends_by_orders_of_magnitude);
    tcase_add_test(tc, test_ascend_and_divergence);
    tcase_add_test(tc, test_failed_write_leaves_no_file);
    tcase_add_test(tc, test_trace_stops_at_convergence);
    tcase_add_test(tc, test_edge_numbers_and_long_keys);
    tcase_add_loop_test(tc, test_slice_table, 0, 4);
    tcase_add_test(tc, test_race);
    tcase_add_test(tc, test_sources);
    tcase_add_test(tc, test_parsers);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
