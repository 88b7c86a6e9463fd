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
    ck_assert_int_eq(count_lines(r.out), 15);
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
    expect_usage_error(ARGS("-x"), "'-x'");
    expect_usage_error(ARGS("stray"), "'stray'");
    expect_usage_error(ARGS("--eta"), "--eta");
    expect_usage_error(ARGS("--steps", "5"), "--trace");
    expect_usage_error(ARGS("--trace", "-"), "--steps");
    expect_usage_error(ARGS("--steps", "5", "--trace", "/nonexistent-dir/t.csv"),
                       "/nonexistent-dir/t.csv");
    expect_usage_error(ARGS("--steps", "5", "--trace", "/tmp"), "'/tmp'");
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
                                     "0.02", "--steps", "40", "--trace", path));
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
    ck_assert_str_eq(r.out, TRACE_HEADER "\n0,1.6000000000000001,1.2,4,"
                                         "3.2000000000000002,2.3999999999999999,4,"
                                         "0.10000000000000001,,,running,2,2\n");
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

START_TEST(test_failed_write_leaves_no_file)
{
    /* A device that refuses every write: exit 1 with a message, no claim of success. */
    run_result r = run_steepest(ARGS("--steps", "10", "--trace", "/dev/full"));
    ck_assert_int_eq(r.code, 1);
    ck_assert_ptr_nonnull(strstr(r.err, "/dev/full"));
    run_free(&r);

    /* An existing file is replaced only by a complete trace. */
    char path[] = "/tmp/steepest-keep-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_eq(write(fd, "old\n", 4), 4);
    close(fd);
    r = run_steepest(ARGS("--steps", "2", "--eta", "-1", "--trace", path));
    ck_assert_int_eq(r.code, 2);
    run_free(&r);
    char *kept = slurp(path);
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
    tcase_add_test(tc, test_trace_matches_session);
    tcase_add_test(tc, test_steps_zero_and_stdout);
    tcase_add_test(tc, test_rosenbrock_descends_by_orders_of_magnitude);
    tcase_add_test(tc, test_ascend_and_divergence);
    tcase_add_test(tc, test_failed_write_leaves_no_file);
    tcase_add_test(tc, test_parsers);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
