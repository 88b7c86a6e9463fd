// SPDX-License-Identifier: MIT
/* --snapshot through the real binary: golden frames compared byte for byte, colour output,
 * option errors, and the message when the interactive view has no terminal.
 *
 * Regenerate the golden files after an intended change to the picture:
 *   STEEPEST_REGEN_GOLDEN=1 meson test -C build snapshot
 * then read the diff (git diff tests/golden) before committing it. */
#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

typedef struct {
    const char *name; /* tests/golden/NAME.txt */
    bool utf8;
    const char *args[12];
} golden;

static const golden goldens[] = {
    {"valley-80x24", true, {"--snapshot"}},
    {"valley-80x24-ascii", false, {"--snapshot", "--ascii"}},
    {"bowl-120x40-steps", true, {"--snapshot", "-s", "bowl", "--size", "120x40", "--keys", "   "}},
    {"bowl-120x40-ascii-ascend",
     false,
     {"--snapshot", "-s", "bowl", "--size", "120x40", "--ascii", "--keys", "  a "}},
    {"rosenbrock-120x40",
     true,
     {"--snapshot", "-s", "rosenbrock", "--size", "120x40", "--keys", "     "}},
    {"himmelblau-80x24-ascii", false, {"--snapshot", "-s", "himmelblau", "--ascii"}},
    {"neuron-80x24", true, {"--snapshot", "-s", "neuron", "--keys", "          "}},
    {"valley-zigzag-80x24", true, {"--snapshot", "--eta", "0.095", "--keys", "            "}},
    {"valley-diverged-80x24-ascii",
     false,
     {"--snapshot", "--ascii", "--eta", "0.11", "--keys", "                              "}},
    {"help-80x24", true, {"--snapshot", "--keys", "?"}},
    {"too-small-40x10", true, {"--snapshot", "--size", "40x10"}},
    {"logistic-120x40-ascii",
     false,
     {"--snapshot", "-s", "logistic", "--size", "120x40", "--ascii"}},
    {"camel6-200x60", true, {"--snapshot", "-s", "camel6", "--size", "200x60", "--keys", "pp   "}},
    {"probe-valley-80x24",
     true,
     {"--snapshot", "--keys", "t<Right><Right><Right><Right><Right><Right><Right><Right><Right>"}},
    {"probe-valley-80x24-ascii", false, {"--snapshot", "--ascii", "--keys", "tH"}},
    {"probe-bowl-120x40", true, {"--snapshot", "-s", "bowl", "--size", "120x40", "--keys", "tc"}},
    {"probe-neuron-120x40-ascii",
     false,
     {"--snapshot", "-s", "neuron", "--size", "120x40", "--ascii", "--keys", "t<S-Left>  "}},
    {"eta-chart-valley-120x40", true, {"--snapshot", "--size", "120x40", "--keys", "s"}},
    {"lesson-himmelblau-80x24", true, {"--snapshot", "-s", "himmelblau", "--keys", "i"}},
    {"logistic-heldout-120x40",
     true,
     {"--snapshot", "-s", "logistic", "--size", "120x40", "--keys", "vm     "}},
    /* The fit pane beside the loss, for each model, and a minibatch walk. */
    {"fit-anscombe1-80x24-ascii",
     false,
     {"--snapshot", "--data", "anscombe-1", "--ascii", "--keys", "  "}},
    {"fit-anscombe1-120x40-ascii",
     false,
     {"--snapshot", "--data", "anscombe-1", "--size", "120x40", "--ascii", "--keys", "  "}},
    {"fit-neuron-120x40-ascii",
     false,
     {"--snapshot", "-s", "neuron", "--size", "120x40", "--ascii", "--keys", "     "}},
    {"fit-neuron-80x24-ascii",
     false,
     {"--snapshot", "-s", "neuron", "--size", "80x24", "--ascii", "--keys", "     "}},
    {"fit-logistic-80x24-ascii",
     false,
     {"--snapshot", "-s", "logistic", "--ascii", "--keys", "   "}},
    {"sgd-anscombe1-80x24-ascii",
     false,
     {"--snapshot", "--data", "anscombe-1", "--batch", "3", "--ascii", "--keys", "    "}},
    /* The argument, deeper: the Taylor slice, the Hessian's axes, the first-order picture
     * (zoomed in on θ, the level curve through it straight and at a right angle to −∇L). */
    {"slice-valley-80x24", true, {"--snapshot", "--keys", " d"}},
    {"slice-bowl-120x40-ascii",
     false,
     {"--snapshot", "-s", "bowl", "--size", "120x40", "--ascii", "--keys", "d"}},
    {"axes-valley-120x40", true, {"--snapshot", "--size", "120x40", "--keys", "x"}},
    {"axes-valley-80x24-ascii", false, {"--snapshot", "--ascii", "--keys", "x"}},
    {"first-order-himmelblau-80x24", true, {"--snapshot", "-s", "himmelblau", "--keys", "  zzzzz"}},
    {"first-order-himmelblau-120x40-ascii",
     false,
     {"--snapshot", "-s", "himmelblau", "--size", "120x40", "--ascii", "--keys", "  zzzzz"}},
    /* Themes and shapes: the projector keeps every number a lesson needs, a tall narrow
     * terminal lays the panel out below, light and mono are checked with their attributes. */
    {"valley-projector-80x24",
     true,
     {"--snapshot", "--theme", "projector", "--eta", "0.11", "--keys", "     "}},
    {"valley-80x40-zigzag",
     true,
     {"--snapshot", "--size", "80x40", "--eta", "0.095", "--keys", "   "}},
    {"valley-80x40-probe-ascii",
     false,
     {"--snapshot", "--size", "80x40", "--ascii", "--keys", "tH"}},
    {"valley-light-80x24-color",
     true,
     {"--snapshot", "--theme", "light", "--color=always", "--keys", "  "}},
    {"valley-mono-80x24-color", true, {"--snapshot", "--mono", "--color=always", "--keys", "  "}},
    /* Races: each walker's mark and colour, the race table, the chart's curves. */
    {"race3-valley-80x24",
     true,
     {"--snapshot", "-s", "valley", "--optimizer",
      "gd:eta=0.09,momentum:eta=0.09:mu=0.5,adam:eta=0.1", "--keys", "            "}},
    {"race3-valley-120x40-ascii",
     false,
     {"--snapshot", "-s", "valley", "--size", "120x40", "--ascii", "--optimizer",
      "gd:eta=0.09,momentum:eta=0.09:mu=0.5,adam:eta=0.1", "--keys", "            "}},
    {"race8-rosenbrock-120x40",
     true,
     {"--snapshot", "-s", "rosenbrock", "--size", "120x40", "--optimizer",
      "gd,momentum:eta=0.003,nesterov:eta=0.001,adagrad:eta=0.7,rmsprop:eta=0.0001,adam:eta=0.5,"
      "newton,gsl-bfgs2",
      "--keys", "pp                    "}},
    {"race8-rosenbrock-80x24-mono-ascii",
     false,
     {"--snapshot", "-s", "rosenbrock", "--mono", "--ascii", "--optimizer",
      "gd,momentum:eta=0.003,nesterov:eta=0.001,adagrad:eta=0.7,rmsprop:eta=0.0001,adam:eta=0.5,"
      "newton,gsl-bfgs2",
      "--keys", "                    "}},
    {"sgd-batch-contours-80x24",
     true,
     {"--snapshot", "--data", "challenger", "--standardize", "--batch", "4", "--keys", "   V"}},
    {"sgd-challenger-120x40",
     true,
     {"--snapshot", "--data", "challenger", "--standardize", "--batch", "4", "--size", "120x40",
      "--keys", "b   "}},
};

static char *golden_path(const char *name)
{
    const char *dir = getenv("GOLDEN_DIR");
    ck_assert_msg(dir != NULL, "GOLDEN_DIR is not set (run through meson test)");
    size_t n = strlen(dir) + strlen(name) + 8;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s.txt", dir, name);
    return p;
}

START_TEST(test_golden)
{
    const golden *g = &goldens[_i];
    setenv("LC_ALL", g->utf8 ? "C.UTF-8" : "C", 1);
    run_result r = run_steepest(g->args);
    ck_assert_msg(r.code == 0, "%s: exit %d: %s", g->name, r.code, r.err);
    char *path = golden_path(g->name);
    const char *regen = getenv("STEEPEST_REGEN_GOLDEN");
    if (regen && *regen) {
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs(r.out, f);
        fclose(f);
    }
    char *want = slurp(path);
    if (strcmp(r.out, want) != 0) {
        /* Name the first differing line, so the failure says where to look. */
        int line = 1;
        const char *a = r.out, *b = want;
        while (*a && *a == *b) {
            line += *a == '\n';
            a++;
            b++;
        }
        ck_abort_msg("%s differs from %s at line %d (regenerate: STEEPEST_REGEN_GOLDEN=1)", g->name,
                     path, line);
    }
    free(want);
    free(path);
    run_free(&r);
}
END_TEST

START_TEST(test_sizes_shape)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    run_result r = run_steepest(ARGS("--snapshot", "--size", "200x60"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 60);
    run_free(&r);
    r = run_steepest(ARGS("--snapshot", "--size", "1x1"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_str_eq(r.out, "t\n");
    run_free(&r);
    r = run_steepest(ARGS("--snapshot", "--size", "400x120", "-s", "rastrigin", "--keys", "?"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_int_eq(count_lines(r.out), 120);
    run_free(&r);
}
END_TEST

START_TEST(test_color)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("TERM", "xterm-256color", 1);
    run_result r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[38;5;"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[0m"));
    run_free(&r);
    r = run_steepest(ARGS("--snapshot", "--color=never"));
    ck_assert_ptr_null(strchr(r.out, '\x1b'));
    run_free(&r);
    /* auto, into a file: no colour codes. */
    r = run_steepest(ARGS("--snapshot"));
    ck_assert_ptr_null(strchr(r.out, '\x1b'));
    run_free(&r);
}
END_TEST

/* Colour depth and glyphs follow TERM: 256 colours, 8, none; braille only where it shows. */
START_TEST(test_terminal_types)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("TERM", "xterm", 1); /* 8 colours */
    run_result r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[3"));
    ck_assert_ptr_null(strstr(r.out, "38;5;"));
    ck_assert_ptr_nonnull(strstr(r.out, "θ")); /* xterm shows UTF-8: the panel's θ */
    run_free(&r);

    setenv("TERM", "screen-256color", 1);
    r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[38;5;"));
    run_free(&r);

    setenv("TERM", "tmux-256color", 1);
    r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[38;5;"));
    run_free(&r);

    setenv("TERM", "linux", 1); /* 8 colours, and a console font without braille */
    r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[3"));
    ck_assert_ptr_null(strstr(r.out, "38;5;"));
    ck_assert_ptr_nonnull(strstr(r.out, "theta"));
    for (const unsigned char *c = (const unsigned char *)r.out; *c; c++)
        ck_assert_msg(*c < 0x80, "non-ASCII output under TERM=linux");
    run_free(&r);

    setenv("TERM", "vt100", 1); /* no colours: bold only */
    r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[1m"));
    ck_assert_ptr_null(strstr(r.out, "\x1b[3"));
    ck_assert_ptr_nonnull(strstr(r.out, "theta"));
    run_free(&r);

    /* NO_COLOR turns auto colour off; an explicit --color=always still wins. */
    setenv("TERM", "xterm-256color", 1);
    setenv("NO_COLOR", "1", 1);
    r = run_steepest(ARGS("--snapshot"));
    ck_assert_ptr_null(strchr(r.out, '\x1b'));
    run_free(&r);
    r = run_steepest(ARGS("--snapshot", "--color=always"));
    ck_assert_ptr_nonnull(strstr(r.out, "\x1b[38;5;"));
    run_free(&r);
    unsetenv("NO_COLOR");
}
END_TEST

START_TEST(test_snapshot_errors)
{
    expect_usage_error(ARGS("--snapshot", "--size", "80"), "'80'");
    expect_usage_error(ARGS("--snapshot", "--size", "0x24"), "'0x24'");
    expect_usage_error(ARGS("--snapshot", "--size", "80x24x3"), "'80x24x3'");
    expect_usage_error(ARGS("--snapshot", "--size", "5000x24"), "'5000x24'");
    expect_usage_error(ARGS("--snapshot", "--keys", "a<Nope>"), "<Nope>");
    expect_usage_error(ARGS("--snapshot", "--color=sometimes"), "'sometimes'");
    expect_usage_error(ARGS("--keys", "   "), "--snapshot");
    expect_usage_error(ARGS("--snapshot", "--steps", "3", "--trace", "-"), "--snapshot");
}
END_TEST

START_TEST(test_keys_names)
{
    setenv("LC_ALL", "C", 1);
    /* Typing an exact eta through named keys reaches the panel. */
    run_result r = run_steepest(ARGS("--snapshot", "-s", "bowl", "--keys", "e0.3<Enter><Space>"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "eta    0.3"));
    ck_assert_ptr_nonnull(strstr(r.out, "step   1"));
    run_free(&r);
    /* q stops the keys there. */
    r = run_steepest(ARGS("--snapshot", "-s", "bowl", "--keys", " q  "));
    ck_assert_ptr_nonnull(strstr(r.out, "step   1"));
    run_free(&r);
}
END_TEST

/* The quadratic model's facts, exactly: valley's Hessian has λ = 1 and 20, so a step
 * overshoots along the steep axis past η = 1/20 (the zig-zag) and each bounce grows past
 * 2/20 by |1 - 20η|; ascending, the bound comes from a negative λmin. "This step" is judged
 * by the curvature along the step, so beale's first step, which lowers L, is not flagged. */
START_TEST(test_stability_warning)
{
    static const struct {
        const char *args[8];
        const char *must[3];
        const char *must_not[3];
    } cases[] = {
        {{"--eta", "0.0499"}, {"2/λmax 0.1 > η\n"}, {"zigzag", "overshoots", "×"}},
        {{"--eta", "0.0999"}, {"2/λmax 0.1 > η > 0.05 zigzag", "next step overshoots"}, {"×"}},
        {{"--eta", "0.1"}, {"2/λmax 0.1 = η"}, {"×", "> η"}}, /* at the bound: no growth */
        {{"--eta", "0.05"}, {"2/λmax 0.1 > η = 1/λmax"}, {"zigzag", "×"}}, /* lands on the floor */
        {{"--eta", "0.1001"}, {"2/λmax 0.1 < η ×1.002/step"}, {"> η"}},
        {{"--eta", "0.11"}, {"0.1 < η ×1.2/step"}, {"> η"}},
        {{"--eta", "0.2", "--ascend"}, {"none: no λ < 0"}, {"overshoot", "×"}},
        /* The first step lowers L from 33.0 to 9.2: no warning about this step. */
        {{"-s", "beale"}, {"2/λmax 0.00909 < η"}, {"raises L", "next step overshoots"}},
        {{"-s", "bowl", "--start", "0,0"}, {"converged: a minimum"}, {"overshoot", "off screen"}},
        {{"-s", "himmelblau", "--ascend", "--start", "-0.3,-0.9", "--eta", "0.1"},
         {"2/|λmin| 0.0441 < η ×3.535", "next step lowers L"},
         {"> η"}},
        {{"-s", "saddle"}, {"negative curvature: no κ"}, {"κ 1"}},
        {{"-s", "rosenbrock", "--start", "1,1"}, {"κ 2508"}, {"κ 2.51e "}},
    };
    setenv("LC_ALL", "C.UTF-8", 1);
    const char *const *a = cases[_i].args;
    run_result r = run_steepest(ARGS("--snapshot", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]));
    ck_assert_int_eq(r.code, 0);
    for (int k = 0; k < 3 && cases[_i].must[k]; k++)
        ck_assert_msg(strstr(r.out, cases[_i].must[k]), "case %d lacks '%s':\n%s", _i,
                      cases[_i].must[k], r.out);
    for (int k = 0; k < 3 && cases[_i].must_not[k]; k++)
        ck_assert_msg(!strstr(r.out, cases[_i].must_not[k]), "case %d shows '%s':\n%s", _i,
                      cases[_i].must_not[k], r.out);
    run_free(&r);
}
END_TEST

/* The probe panel and the --probe table print the same numbers, digit for digit. */
START_TEST(test_probe_panel_matches_table)
{
    static const char *const cases[][3] = {
        {"valley", "-2.5,-0.5", "0.08"}, {"rosenbrock", "-1.2,1", "0.0015"},
        {"neuron", "-2,-2", "1"},        {"logistic", "-3,3.5", "1"},
        {"bowl", "1.6,1.2", "0.1"},
    };
    setenv("LC_ALL", "C", 1);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        run_result t = run_steepest(
            ARGS("-s", cases[k][0], "--start", cases[k][1], "--eta", cases[k][2], "--probe"));
        ck_assert_int_eq(t.code, 0);
        /* 135 degrees is 9 presses of <Right> from the probe's start at 180. */
        run_result v = run_steepest(ARGS("--snapshot", "--ascii", "-s", cases[k][0], "--start",
                                         cases[k][1], "--eta", cases[k][2], "--keys",
                                         "t<Right><Right><Right><Right><Right><Right><Right>"
                                         "<Right><Right>"));
        ck_assert_int_eq(v.code, 0);
        const char *row = strstr(t.out, "\n   135 ");
        ck_assert_ptr_nonnull(row);
        char cosb[32], d1[32], d2[32], sum[32], act[32];
        ck_assert_int_eq(sscanf(row, " 135 %31s %31s %31s %31s %31s", cosb, d1, d2, sum, act), 5);
        char want[64];
        const char *labels[5][2] = {{"cos b  ", cosb},
                                    {"dL1    ", d1},
                                    {"dL2    ", d2},
                                    {"dL1+2  ", sum},
                                    {"dL     ", act}};
        for (int j = 0; j < 5; j++) {
            snprintf(want, sizeof want, "%s%s", labels[j][0], labels[j][1]);
            ck_assert_msg(strstr(v.out, want) != NULL, "%s: panel lacks '%s'", cases[k][0], want);
        }
        ck_assert_ptr_nonnull(strstr(v.out, "beta   135.0 deg"));
        run_free(&t);
        run_free(&v);
    }
}
END_TEST

START_TEST(test_probe_option_errors)
{
    expect_usage_error(ARGS("--probe", "--steps", "3", "--trace", "-"), "--probe");
    expect_usage_error(ARGS("--probe", "--snapshot"), "--probe");
    run_result r = run_steepest(ARGS("--probe", "-s", "saddle", "--start", "0,0"));
    ck_assert_int_eq(r.code, 0); /* ∇L = 0: β is measured from +x, still a table */
    ck_assert_int_eq(count_lines(r.out), 5 + 24);
    run_free(&r);
}
END_TEST

/* Views far from 0 or zoomed far in: the program returns at once (a tick loop that added a
 * step below the rounding at 2e16 never ended), and the y ticks are all different, none cut
 * short (no "1.5e-0" for 1.5e-05, no three ticks all "1"). */
START_TEST(test_far_views_and_ticks)
{
    static const char *const views[][6] = {
        {"--center", "2e16,0", "--zoom", "1", "-s", "valley"},
        {"--center", "0,3e16", "--zoom", "1", "-s", "valley"},
        {"--center", "2e19,0", "--zoom", "0.001", "-s", "valley"},
        {"--center", "1e300,-1e300", "--zoom", "1000000", "-s", "bowl"},
        {"--center", "1,1", "--zoom", "10000", "-s", "rosenbrock"},
        {"--center", "1e-5,1.5e-5", "--zoom", "100000", "-s", "bowl"},
        {"--center", "0,0", "--zoom", "1000000", "-s", "rosenbrock"},
    };
    const char *const *v = views[_i];
    run_result r = run_steepest(ARGS("--snapshot", "--ascii", v[0], v[1], v[2], v[3], v[4], v[5]));
    ck_assert_int_eq(r.code, 0);
    char labels[64][8];
    int n = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strlen(line) < 8 || line[6] != '+' || strncmp(line, "      ", 6) == 0 || n == 64)
            continue;
        snprintf(labels[n], sizeof labels[n], "%.6s", line);
        char *t = labels[n];
        while (*t == ' ')
            t++;
        ck_assert_msg(*t, "an empty y tick label");
        size_t len = strlen(t);
        ck_assert_msg(t[len - 1] != 'e' && t[len - 1] != '-' && t[len - 1] != '.',
                      "y tick label '%s' is cut short", t);
        for (int k = 0; k < n; k++)
            ck_assert_msg(strcmp(labels[k], labels[n]) != 0, "two y ticks read '%s'", t);
        n++;
    }
    ck_assert_int_ge(n, 2);
    run_free(&r);
}
END_TEST

/* y prints a command line that replays the view: run again, it shows the same plot and the
 * same numbers (the keys, surface, options and zoom all come back). The q that ends the run is
 * not part of it, or the line would open the view and quit at once. */
START_TEST(test_y_reproduces_the_view)
{
    run_result q = run_steepest(ARGS("--snapshot", "-s", "valley", "--keys", "  zyq"));
    ck_assert_int_eq(q.code, 0);
    ck_assert_ptr_nonnull(strstr(q.out, "\nsteepest --snapshot -s valley --keys '  z'\n"));
    run_free(&q);
    run_result r = run_steepest(ARGS("--snapshot", "-s", "himmelblau", "--ascii", "--optimizer",
                                     "gd,momentum", "--keys", "  +  tH ]z<lt>y"));
    ck_assert_int_eq(r.code, 0);
    char *last = strrchr(r.out, '\n');
    *last = '\0';
    char *cmd = strrchr(r.out, '\n') + 1;
    ck_assert_msg(strncmp(cmd, "steepest ", 9) == 0, "no command line: %s", cmd);
    /* Split the line as a shell would (words, single-quoted where needed). */
    char *words[32], *copy = strdup(cmd + 9), *p = copy;
    int n = 0;
    while (*p && n < 31) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *w = p, *o = p;
        while (*p && *p != ' ') {
            if (*p == '\'') {
                p++;
                while (*p && *p != '\'')
                    *o++ = *p++;
                if (*p)
                    p++;
            } else {
                *o++ = *p++;
            }
        }
        if (*p)
            p++;
        *o = '\0';
        words[n++] = w;
    }
    words[n] = NULL;
    run_result again = run_steepest((const char *const *)words);
    ck_assert_int_eq(again.code, 0);
    /* The plot and every number above the message rows (18-19 at 80x24) agree. */
    char *a = r.out, *b = again.out;
    for (int line = 0; line < 18; line++) {
        char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        ck_assert(ea && eb);
        ck_assert_msg(ea - a == eb - b && memcmp(a, b, (size_t)(ea - a)) == 0,
                      "line %d differs:\n%.*s\n%.*s", line, (int)(ea - a), a, (int)(eb - b), b);
        a = ea + 1;
        b = eb + 1;
    }
    free(copy);
    run_free(&again);
    run_free(&r);
}
END_TEST

/* --cast records a demo headless as asciicast v2: a JSON header with the size and title, then
 * events in time order, output events with the screen's rows, ending with a marker; the
 * demo's own timing (its waits and step speed) sets the times. */
START_TEST(test_cast)
{
    char path[] = "/tmp/steepest-cast-XXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    char demo[600];
    snprintf(demo, sizeof demo, "%s/overshoot.demo", getenv("DEMO_DIR"));
    run_result r = run_steepest(ARGS("--play", demo, "--cast", path));
    ck_assert_msg(r.code == 0, "%s", r.err);
    run_free(&r);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char *line = NULL;
    size_t cap = 0;
    ck_assert(getline(&line, &cap, f) > 0);
    ck_assert_ptr_nonnull(strstr(line, "{\"version\": 2, \"width\": 80, \"height\": 24, "));
    ck_assert_ptr_nonnull(strstr(line, "\"title\": \"steepest: overshoot\""));
    double last = -1, t;
    int events = 0, markers = 0;
    while (getline(&line, &cap, f) > 0) {
        char kind[4];
        ck_assert_int_eq(sscanf(line, "[%lf, \"%1[om]\"", &t, kind), 2);
        ck_assert(t >= last);
        last = t;
        events++;
        markers += kind[0] == 'm';
        ck_assert_ptr_null(strchr(line, 0x1b)); /* escapes are JSON-escaped, never raw */
    }
    /* 4 x 25..40 steps at 150 ms and 4 waits of 2-3 s: well over 20 s of demo. */
    ck_assert_double_gt(last, 20);
    ck_assert_int_gt(events, 80);
    ck_assert_int_eq(markers, 1);
    free(line);
    fclose(f);
    unlink(path);
    expect_usage_error(ARGS("--cast", "/tmp/x.cast"), "--cast /tmp/x.cast needs --play DEMO");
}
END_TEST

START_TEST(test_no_tty)
{
    run_result r = run_steepest(ARGS("-s", "bowl"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_str_eq(r.out, "");
    ck_assert_ptr_nonnull(strstr(r.err, "needs a terminal"));
    ck_assert_ptr_nonnull(strstr(r.err, "--snapshot"));
    ck_assert_ptr_nonnull(strstr(r.err, "--trace"));
    run_free(&r);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    /* Golden frames assume a terminal that shows braille, whatever TERM CI runs under. */
    setenv("TERM", "xterm-256color", 1);
    unsetenv("NO_COLOR");
    Suite *s = suite_create("snapshot");
    TCase *tc = tcase_create("snapshot");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_golden, 0, (int)(sizeof goldens / sizeof goldens[0]));
    tcase_add_test(tc, test_sizes_shape);
    tcase_add_test(tc, test_color);
    tcase_add_test(tc, test_terminal_types);
    tcase_add_test(tc, test_snapshot_errors);
    tcase_add_test(tc, test_keys_names);
    tcase_add_test(tc, test_no_tty);
    tcase_add_test(tc, test_y_reproduces_the_view);
    tcase_add_test(tc, test_cast);
    tcase_add_loop_test(tc, test_far_views_and_ticks, 0, 7);
    tcase_add_loop_test(tc, test_stability_warning, 0, 11);
    tcase_add_test(tc, test_probe_panel_matches_table);
    tcase_add_test(tc, test_probe_option_errors);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
