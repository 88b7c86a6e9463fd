/* Demo scripts: the loader's checks (a corpus of malformed scripts, each stopped with
 * FILE:LINE), the player's timing and presenter keys, and every shipped demo played to its
 * end through --snapshot. */
#include <dirent.h>
#include <math.h>

#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"
#include "steepest/demo.h"

static registry reg;

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static char *path_in(const char *env, const char *name)
{
    const char *dir = getenv(env);
    ck_assert_msg(dir != NULL, "%s is not set (run through meson test)", env);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Every file in tests/demos-bad is refused with exit 2 and exactly "PATH:LINE: message" (or
 * "PATH: message"), as listed in tests/demos-bad/EXPECTED.tsv, before any screen opens; and
 * every file there is listed. */
START_TEST(test_bad_corpus)
{
    char *list = path_in("BAD_DEMO_DIR", "EXPECTED.tsv");
    FILE *f = fopen(list, "r");
    ck_assert_ptr_nonnull(f);
    char row[1024];
    int checked = 0;
    while (fgets(row, sizeof row, f)) {
        if (row[0] == '#')
            continue;
        row[strcspn(row, "\n")] = '\0';
        char *name = strtok(row, "\t"), *line = strtok(NULL, "\t"), *msg = strtok(NULL, "");
        ck_assert_msg(name && line && msg, "bad row in EXPECTED.tsv");
        char *path = path_in("BAD_DEMO_DIR", name), want[1400];
        if (strcmp(line, "0") == 0)
            snprintf(want, sizeof want, "%s: %s\n", path, msg);
        else
            snprintf(want, sizeof want, "%s:%s: %s\n", path, line, msg);
        for (int snap = 0; snap < 2; snap++) {
            run_result r = snap ? run_steepest(ARGS("--play", path, "--snapshot"))
                                : run_steepest(ARGS("--play", path));
            ck_assert_msg(r.code == 2, "%s: exit %d", name, r.code);
            ck_assert_str_eq(r.out, "");
            ck_assert_str_eq(r.err, want);
            run_free(&r);
        }
        free(path);
        checked++;
    }
    fclose(f);
    free(list);
    /* Nothing in the folder escapes the list. */
    DIR *d = opendir(getenv("BAD_DEMO_DIR"));
    ck_assert_ptr_nonnull(d);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        files += strstr(e->d_name, ".demo") != NULL;
    closedir(d);
    ck_assert_int_eq(files, checked);
    ck_assert_int_ge(checked, 30);
}
END_TEST

START_TEST(test_missing_file)
{
    run_result r = run_steepest(ARGS("--play", "/nonexistent/x.demo", "--snapshot"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/x.demo: cannot read it"));
    run_free(&r);
    /* A bare name that is neither a file nor a shipped demo: the shipped names are listed. */
    r = run_steepest(ARGS("--play", "no-such-demo", "--snapshot"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_nonnull(strstr(r.err, "no demo file or shipped demo named 'no-such-demo'"));
    ck_assert_ptr_nonnull(strstr(r.err, "why-gradient"));
    run_free(&r);
    r = run_steepest(ARGS("--demos"));
    ck_assert_int_eq(r.code, 0);
    ck_assert_ptr_nonnull(strstr(r.out, "  overshoot\n"));
    ck_assert_ptr_nonnull(strstr(r.out, "  first-order\n"));
    run_free(&r);
}
END_TEST

/* Each shipped demo plays headless to its end; its last frame shows where it was going. */
START_TEST(test_shipped_demos)
{
    static const struct {
        const char *file, *must_show;
    } demos[] = {
        {"why-gradient.demo", "step   23"},
        {"too-large-eta.demo", "step   42"},
        {"which-minimum.demo", "converged: a minimum"},
        {"plateau.demo", "step   270"},
    };
    setenv("LC_ALL", "C.UTF-8", 1);
    setenv("TERM", "xterm-256color", 1);
    char *path = path_in("DEMO_DIR", demos[_i].file);
    run_result r = run_steepest(ARGS("--play", path, "--snapshot"));
    ck_assert_msg(r.code == 0, "%s: exit %d: %s", demos[_i].file, r.code, r.err);
    ck_assert_int_eq(count_lines(r.out), 24);
    ck_assert_msg(strstr(r.out, demos[_i].must_show) != NULL, "%s ends without '%s':\n%s",
                  demos[_i].file, demos[_i].must_show, r.out);
    run_free(&r);
    free(path);
}
END_TEST

static demo_script load(const char *text)
{
    char path[] = "/tmp/steepest-demo-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    demo_script d;
    char err[256];
    ck_assert_msg(demo_load(&reg, path, &d, err, sizeof err), "%s", err);
    unlink(path);
    return d;
}

START_TEST(test_player_timing_and_keys)
{
    demo_script d = load("surface bowl\nspeed 100\ncaption hello\nstep 3\nwait 2\npause\n"
                         "eta 0.2\nstep 2\n");
    app a;
    ck_assert(app_init(&a, &reg, surface_find("valley"), 80, 24, true));
    demo_player p;
    demo_start(&p, &d, &a);
    /* t = 0: surface, speed, caption, and the first of three steps at once. */
    ck_assert_int_eq(demo_advance(&p, &a, 0), 100);
    ck_assert_str_eq(a.ss.surf->name, "bowl");
    ck_assert_str_eq(a.caption, "hello");
    ck_assert_uint_eq(session_walker(&a.ss)->step, 1);
    ck_assert_int_eq(demo_advance(&p, &a, 50), 50); /* too early: nothing */
    ck_assert_uint_eq(session_walker(&a.ss)->step, 1);
    demo_advance(&p, &a, 100);
    demo_advance(&p, &a, 200);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 3);
    /* then the 2 s wait */
    ck_assert_int_eq(demo_advance(&p, &a, 300), 2000);
    /* p pauses: nothing moves until it is pressed again */
    ck_assert(demo_key(&p, &a, 'p', 400));
    ck_assert_int_eq(demo_advance(&p, &a, 5000), -1);
    ck_assert(strstr(a.demo_status, "paused"));
    ck_assert(demo_key(&p, &a, 'p', 5000));
    /* resumed: the wait is over, so on to the pause, which waits for space */
    ck_assert_int_eq(demo_advance(&p, &a, 5000), -1);
    ck_assert(p.waiting_key);
    ck_assert(demo_key(&p, &a, ' ', 5100));
    ck_assert_int_eq(demo_advance(&p, &a, 5100), 100);
    ck_assert_double_eq(session_walker(&a.ss)->eta, 0.2);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 4);
    /* Esc takes over: the demo stops, the state stays, keys are the app's again. */
    ck_assert(demo_key(&p, &a, KEYC_ESC, 5150));
    ck_assert(p.done);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 4);
    ck_assert_str_eq(a.caption, "");
    ck_assert(!demo_key(&p, &a, ' ', 5200));
    ck_assert_int_eq(demo_advance(&p, &a, 9999), -1);
    app_free(&a);
    demo_free(&d);
}
END_TEST

START_TEST(test_player_runs_to_the_end)
{
    demo_script d = load("# comment\n\nsurface valley\nstart -2 1\nprobe on\nbeta 135\n"
                         "step 2\nturn -45\nprobe off\nascend\nstep 1\ndescend\nzoom 2\n"
                         "keys s\nfit\nreset\ntheta 0.5 0.5\nwait 0\n");
    ck_assert_uint_eq(d.n, 16);
    ck_assert_str_eq(d.actions[0].surf->name, "valley");
    ck_assert_int_eq(d.actions[0].line, 3);
    app a;
    ck_assert(app_init(&a, &reg, surface_find("bowl"), 80, 24, true));
    demo_player p;
    demo_start(&p, &d, &a);
    long t = 0;
    for (int guard = 0; guard < 100 && !p.done; guard++) {
        long w = demo_advance(&p, &a, t);
        t += w > 0 ? w : 1;
    }
    ck_assert(p.done);
    ck_assert_double_eq(session_walker(&a.ss)->x, 0.5);
    ck_assert_double_eq(a.beta, 90);
    ck_assert(!a.probe && !session_walker(&a.ss)->ascend && a.show_eta_chart);
    ck_assert_double_eq(a.v.zoom, 1);
    ck_assert_str_eq(a.demo_status, "");
    app_free(&a);
    demo_free(&d);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    if (!registry_init(&reg))
        return 1;
    Suite *s = suite_create("demo");
    TCase *tc = tcase_create("demo");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_bad_corpus);
    tcase_add_test(tc, test_missing_file);
    tcase_add_loop_test(tc, test_shipped_demos, 0, 4);
    tcase_add_test(tc, test_player_timing_and_keys);
    tcase_add_test(tc, test_player_runs_to_the_end);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
