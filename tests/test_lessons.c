// SPDX-License-Identifier: MIT
/* Every shipped demo, checked at every caption: the screen at the end of each caption's span
 * (just before the next caption) must agree with what the caption says. A caption that names
 * beta, eta, a minimum's position, a warning, a bounce factor or a status is held to it.
 * Runs the real binary on the demo cut after each caption's span. */
#include <dirent.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "check_main.h"
#include "harness.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define MAX_LINES 400

/* The panel's number after a label ("β      90.0°" -> 90), or NAN. */
static double panel_number(const char *screen, const char *label)
{
    const char *p = strstr(screen, label);
    return p ? strtod(p + strlen(label), NULL) : NAN;
}

/* θ's pair from the panel. */
static bool panel_theta(const char *screen, double *x, double *y)
{
    const char *p = strstr(screen, "θ      (");
    return p && sscanf(p + strlen("θ      ("), "%lf, %lf", x, y) == 2;
}

/* What a caption claims about the moment it appears (beta, eta, warnings), checked on the
 * screen then; and what it says will happen (where the walk ends, divergence), checked at
 * the end of its span. */
static void check_claims(const char *demo, const char *caption, const char *now, const char *end)
{
    regex_t re;
    regmatch_t m[4];
    /* Its first words (it may wrap over two or three rows of a narrow plot). */
    char head[24];
    snprintf(head, sizeof head, "%.20s", caption);
    char *sp = strrchr(head, ' ');
    if (sp && strlen(caption) > 20)
        *sp = '\0';
    ck_assert_msg(strstr(now, head), "%s: caption '%s' not shown", demo, caption);
    if (regcomp(&re, "beta = ([0-9]+)", REG_EXTENDED) == 0) {
        if (regexec(&re, caption, 2, m, 0) == 0) {
            double want = atof(caption + m[1].rm_so), got = panel_number(now, "β      ");
            ck_assert_msg(got == want, "%s: '%s' but the panel shows beta %g", demo, caption, got);
        }
        regfree(&re);
    }
    if (regcomp(&re, "^eta = ([0-9.]+)", REG_EXTENDED) == 0) {
        if (regexec(&re, caption, 2, m, 0) == 0) {
            double want = atof(caption + m[1].rm_so);
            for (int k = 0; k < 2; k++) {
                double got = panel_number(k ? end : now, "η      ");
                ck_assert_msg(got == want, "%s: '%s' but the panel shows eta %g", demo, caption,
                              got);
            }
        }
        regfree(&re);
    }
    if (regcomp(&re, "(minimum at|one at) \\(([-0-9.]+), ([-0-9.]+)\\)", REG_EXTENDED) == 0) {
        if (regexec(&re, caption, 4, m, 0) == 0) {
            double wx = atof(caption + m[2].rm_so), wy = atof(caption + m[3].rm_so), x, y;
            ck_assert(panel_theta(end, &x, &y));
            ck_assert_msg(fabs(x - wx) < 0.02 && fabs(y - wy) < 0.02,
                          "%s: '%s' but theta ends at (%g, %g)", demo, caption, x, y);
        }
        regfree(&re);
    }
    if (regcomp(&re, "^From \\(([-0-9.]+), ([-0-9.]+)\\)", REG_EXTENDED) == 0) {
        if (regexec(&re, caption, 3, m, 0) == 0) {
            double wx = atof(caption + m[1].rm_so), wy = atof(caption + m[2].rm_so), x, y;
            ck_assert(panel_theta(now, &x, &y));
            ck_assert_msg(x == wx && y == wy, "%s: '%s' but theta is at (%g, %g)", demo, caption, x,
                          y);
        }
        regfree(&re);
    }
    /* "NAME converges in N steps" and "NAME in N" (after "and"): the race table's row for
     * that walker shows N steps when the caption's span ends. */
    if (regcomp(&re, "([a-z][a-z0-9-]*) (converges in|in) ([0-9]+)", REG_EXTENDED) == 0) {
        for (const char *c = caption; regexec(&re, c, 4, m, 0) == 0; c += m[0].rm_eo) {
            char name[32], row[96];
            int len = (int)(m[1].rm_eo - m[1].rm_so);
            snprintf(name, sizeof name, "%.*s", len < 31 ? len : 31, c + m[1].rm_so);
            long steps = atol(c + m[3].rm_so);
            static const char *const racers[] = {"gd",        "momentum",  "nesterov",  "adagrad",
                                                 "rmsprop",   "adam",      "newton",    "gsl-sd",
                                                 "gsl-cg-fr", "gsl-cg-pr", "gsl-bfgs2", "sgd"};
            bool racer = false;
            for (size_t r = 0; r < sizeof racers / sizeof *racers; r++)
                racer |= strcmp(name, racers[r]) == 0;
            if (!racer) {
                /* "the walk converges in N steps": the lone walker's own panel says so. */
                if (strncmp(c + m[2].rm_so, "converges in", 12) == 0) {
                    char want[32];
                    snprintf(want, sizeof want, "step   %ld\n", steps);
                    ck_assert_msg(strstr(end, want) && strstr(end, "converged"),
                                  "%s: '%s' but the panel does not show '%s' converged", demo,
                                  caption, want);
                }
                continue;
            }
            regex_t rr;
            snprintf(row, sizeof row, "[ >][0-9]+ %s +%ld ", name, steps);
            ck_assert_int_eq(regcomp(&rr, row, REG_EXTENDED), 0);
            ck_assert_msg(regexec(&rr, end, 0, NULL, 0) == 0,
                          "%s: '%s' but the race table has no row '%s':\n%s", demo, caption, row,
                          end);
            regfree(&rr);
        }
        regfree(&re);
    }
    static const struct {
        const char *phrase, *must, *must_not;
        bool at_end;
    } phrases[] = {
        {"the panel warns", "< η ×", NULL, false},
        {"1.2 times the last", "×1.2", NULL, false},
        {"the walk diverges", "DIVERGED", NULL, true},
        {"comes back under control", NULL, "DIVERGED", true},
        {"well below 2/lambda_max", "> η", "zigzag", false},
        {"slides down the valley", NULL, "DIVERGED", true},
        {"overshoots the floor", "zigzag", "DIVERGED", false},
        {"no first-order change", "ΔL₁    0 ", NULL, false},
        {"L rises fastest", "cos β  1\n", NULL, false},
        {"the largest decrease", "cos β  -1\n", NULL, false},
        {"L drops fast", NULL, "converged", true},
        {"|grad L| is tiny", "|∇L|   0.00", NULL, false},
        {"under 1/lambda_max", "2/λmax 0.1 > η\n", NULL, false},
        {"the zig-zag starts", "> η > 0.05", NULL, false},
        {"neither grows nor shrinks", "0.1 = η", "DIVERGED", true},
    };
    for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++) {
        if (!strstr(caption, phrases[k].phrase))
            continue;
        const char *screen = phrases[k].at_end ? end : now;
        if (phrases[k].must)
            ck_assert_msg(strstr(screen, phrases[k].must),
                          "%s: '%s' but the screen lacks '%s':\n%s", demo, caption, phrases[k].must,
                          screen);
        if (phrases[k].must_not)
            ck_assert_msg(!strstr(screen, phrases[k].must_not),
                          "%s: '%s' but the screen shows '%s':\n%s", demo, caption,
                          phrases[k].must_not, screen);
    }
}

/* The screen after the demo's first `upto` lines. */
static char *screen_after(char lines[][420], int upto)
{
    char cut[] = "/tmp/steepest-lesson-XXXXXX";
    int fd = mkstemp(cut);
    ck_assert(fd >= 0);
    FILE *o = fdopen(fd, "w");
    for (int k = 0; k < upto; k++)
        fputs(lines[k], o);
    fclose(o);
    run_result r = run_steepest(ARGS("--play", cut, "--snapshot", "--size", "120x40"));
    ck_assert_msg(r.code == 0, "up to line %d: exit %d: %s", upto, r.code, r.err);
    unlink(cut);
    free(r.err);
    return r.out;
}

static bool timed(const char *line)
{
    return strncmp(line, "step ", 5) == 0 || strncmp(line, "wait ", 5) == 0 ||
           strncmp(line, "pause", 5) == 0;
}

static void check_demo(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", getenv("DEMO_DIR"), name);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    static char lines[MAX_LINES][420];
    int n = 0;
    while (n < MAX_LINES && fgets(lines[n], sizeof lines[n], f))
        n++;
    fclose(f);
    int captions = 0;
    for (int i = 0; i < n; i++) {
        if (strncmp(lines[i], "caption ", 8) != 0)
            continue;
        /* It appears with the untimed actions after it (they run in the same tick). */
        int shown = i + 1;
        while (shown < n && !timed(lines[shown]) && strncmp(lines[shown], "caption", 7) != 0)
            shown++;
        int end = shown;
        while (end < n && strncmp(lines[end], "caption", 7) != 0)
            end++;
        char caption[420];
        snprintf(caption, sizeof caption, "%s", lines[i] + 8);
        caption[strcspn(caption, "\n")] = '\0';
        char *now = screen_after(lines, shown), *later = screen_after(lines, end);
        check_claims(name, caption, now, later);
        free(now);
        free(later);
        captions++;
    }
    ck_assert_int_gt(captions, 2);
}

static const char *const demos[] = {"why-gradient.demo", "too-large-eta.demo", "which-minimum.demo",
                                    "plateau.demo",      "first-order.demo",   "overshoot.demo",
                                    "momentum.demo",     "newton.demo",        "adam.demo",
                                    "line-search.demo",  "anscombe.demo",      "challenger.demo",
                                    "minibatch.demo",    "iris.demo"};

START_TEST(test_demo_at_every_caption)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("TERM", "xterm-256color", 1);
    check_demo(demos[_i]);
}
END_TEST

/* Every shipped demo is in the list above. */
START_TEST(test_every_demo_checked)
{
    DIR *d = opendir(getenv("DEMO_DIR"));
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".demo"))
            continue;
        bool listed = false;
        for (size_t k = 0; k < sizeof demos / sizeof demos[0]; k++)
            listed |= strcmp(demos[k], e->d_name) == 0;
        ck_assert_msg(listed, "demos/%s is not checked caption by caption", e->d_name);
    }
    closedir(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lessons");
    TCase *tc = tcase_create("lessons");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_demo_at_every_caption, 0, (int)(sizeof demos / sizeof demos[0]));
    tcase_add_test(tc, test_every_demo_checked);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
