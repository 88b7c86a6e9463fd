// SPDX-License-Identifier: MIT
/* Demo scripts: the loader's checks (a corpus of malformed scripts, each stopped with
 * FILE:LINE), the player's timing and presenter keys, and every shipped demo played to its
 * end through --snapshot. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"
#include "steepest/demo.h"
#include "steepest/keys.h"
#include "steepest/utf8.h"

static registry reg;

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static demo_script load(const char *text);

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
    ck_assert_int_ge(checked, 45);
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
        {"first-order.demo", "step   1"},
        {"overshoot.demo", "status DIVERGED"},
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

/* ---- files that are not demo scripts --------------------------------------------------- */

static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* What --play PATH --snapshot says: exit 2, nothing on stdout, exactly "want" on stderr,
 * and at once (a script is never read past its limits, a FIFO never waited on). */
static void expect_refused(const char *path, const char *want)
{
    double t0 = seconds_now();
    run_result r = run_steepest(ARGS("--play", path, "--snapshot"));
    double took = seconds_now() - t0;
    ck_assert_msg(r.code == 2, "%s: exit %d (%s)", path, r.code, r.err);
    ck_assert_str_eq(r.out, "");
    ck_assert_str_eq(r.err, want);
    ck_assert_msg(took < 10, "%s took %.1f s to refuse", path, took);
    run_free(&r);
}

START_TEST(test_refuses_devices_fifos_directories)
{
    expect_refused("/dev/zero", "/dev/zero: is a character device; expected a demo script file\n");
    expect_refused("/dev/null", "/dev/null: is a character device; expected a demo script file\n");
    /* Even through a symbolic link: the type is that of the file it names. */
    char dir[] = "/tmp/steepest-demo-dir-XXXXXX", path[256], want[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/zero.demo", dir);
    ck_assert_int_eq(symlink("/dev/zero", path), 0);
    snprintf(want, sizeof want, "%s: is a character device; expected a demo script file\n", path);
    expect_refused(path, want);
    unlink(path);
    /* A FIFO with no writer would block an open() for ever. */
    snprintf(path, sizeof path, "%s/fifo.demo", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    snprintf(want, sizeof want, "%s: is a FIFO (named pipe); expected a demo script file\n", path);
    expect_refused(path, want);
    unlink(path);
    /* A directory, also when its name looks like a demo's. */
    snprintf(path, sizeof path, "%s/dir.demo", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(want, sizeof want, "%s: is a directory; expected a demo script file\n", path);
    expect_refused(path, want);
    rmdir(path);
    snprintf(want, sizeof want, "%s: is a directory; expected a demo script file\n", dir);
    expect_refused(dir, want);
    rmdir(dir);
    /* None of it grew the process: the largest child stayed small. */
    struct rusage ru;
    ck_assert_int_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
    ck_assert_int_lt(ru.ru_maxrss, 256 * 1024); /* KiB */
}
END_TEST

/* The reader takes at most DEMO_MAX_BYTES from an endless stream, and at most a line's limit
 * from an endless line, whatever the stream is. */
START_TEST(test_reading_is_bounded)
{
    static const struct {
        const char *command, *want;
    } endless[] = {
        {"yes '' 2>/dev/null", "endless: larger than 1 MiB: not a demo script"},
        {"yes '# a comment' 2>/dev/null", "endless: larger than 1 MiB: not a demo script"},
        {"yes 'wait 0' 2>/dev/null", "endless:10001: more than 10000 actions"},
        {"tr '\\000' a < /dev/zero 2>/dev/null", "endless:1: line longer than 400 characters"},
        {"cat /dev/zero 2>/dev/null", "endless:1: line longer than 400 characters"},
    };
    signal(SIGPIPE, SIG_IGN);
    for (size_t k = 0; k < sizeof endless / sizeof endless[0]; k++) {
        FILE *f = popen(endless[k].command, "r");
        ck_assert_ptr_nonnull(f);
        demo_script d;
        char err[256];
        ck_assert(!demo_read(&reg, f, "endless", &d, err, sizeof err));
        ck_assert_str_eq(err, endless[k].want);
        ck_assert_ptr_null(d.actions);
        pclose(f);
    }
    /* A regular file over the limit is refused by its size before it is read. */
    char path[] = "/tmp/steepest-demo-big-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, 512L << 20), 0); /* sparse: no disk used */
    close(fd);
    char want[128];
    snprintf(want, sizeof want, "%s: larger than 1 MiB: not a demo script\n", path);
    expect_refused(path, want);
    unlink(path);
}
END_TEST

/* A path longer than the system allows is an error of its own, never cut to another name. */
START_TEST(test_file_name_too_long)
{
    /* Longer than PATH_MAX in all. */
    size_t n = 5000;
    char *path = malloc(n + 1);
    for (size_t k = 0; k < n; k += 2)
        memcpy(path + k, "./", 2);
    path[n] = '\0';
    demo_script d;
    char err[512];
    ck_assert(!demo_load(&reg, path, &d, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "...: file name too long"));
    ck_assert_int_lt(strlen(err), 100);
    free(path);
    /* One component longer than the file system allows, through the program. */
    char name[400] = "/tmp/";
    memset(name + 5, 'a', 300);
    strcpy(name + 305, ".demo");
    ck_assert(!demo_load(&reg, name, &d, err, sizeof err));
    char want[512];
    snprintf(want, sizeof want, "%s: file name too long", name);
    ck_assert_str_eq(err, want);
    strcat(want, "\n");
    expect_refused(name, want);
}
END_TEST

/* ---- line ends, byte-order marks, comments --------------------------------------------- */

static void expect_lines(const char *text, const int *lines, size_t n)
{
    demo_script d = load(text);
    ck_assert_uint_eq(d.n, n);
    for (size_t k = 0; k < n; k++)
        ck_assert_int_eq(d.actions[k].line, lines[k]);
    demo_free(&d);
}

START_TEST(test_line_ends)
{
    static const int lines[] = {2, 3, 5};
    expect_lines("# LF\nsurface bowl\nstep 2\n\ncaption end\n", lines, 3);
    expect_lines("# CRLF\r\nsurface bowl\r\nstep 2\r\n\r\ncaption end\r\n", lines, 3);
    expect_lines("# CR\rsurface bowl\rstep 2\r\rcaption end\r", lines, 3);
    expect_lines("# mixed\rsurface bowl\r\nstep 2\n\rcaption end", lines, 3);
    /* The caption keeps none of the line end. */
    demo_script d = load("caption old Mac\rstep 1\r");
    ck_assert_str_eq(d.actions[0].text, "old Mac");
    ck_assert_int_eq(d.actions[1].line, 2);
    demo_free(&d);
}
END_TEST

START_TEST(test_byte_order_mark_and_comments)
{
    demo_script d = load("\xEF\xBB\xBFsurface bowl\nstep 3   # three steps\neta 0.1\t# tab first\n"
                         "start 1 2 # two numbers\nprobe on #\nbeta 90 ## twice\n"
                         "caption Press # for the theme  # all of it\nkeys #  # the theme key\n"
                         "keys s # the eta chart\nfit #\n");
    ck_assert_uint_eq(d.n, 10);
    ck_assert_str_eq(d.actions[0].surf->name, "bowl");
    ck_assert_double_eq(d.actions[1].a, 3);
    ck_assert_double_eq(d.actions[2].a, 0.1);
    ck_assert_double_eq(d.actions[3].b, 2);
    ck_assert_int_eq(d.actions[4].op, DEMO_PROBE_ON);
    ck_assert_str_eq(d.actions[6].text, "Press # for the theme  # all of it");
    ck_assert_uint_eq(d.actions[7].n_keys, 1);
    ck_assert_int_eq(d.actions[7].keys[0], '#');
    ck_assert_int_eq(d.actions[8].keys[0], 's');
    ck_assert_int_eq(d.actions[9].op, DEMO_FIT);
    demo_free(&d);
}
END_TEST

/* The same, through the program: a CR-only file plays to its last line. */
START_TEST(test_cr_file_plays_to_the_end)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    char path[] = "/tmp/steepest-demo-cr-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "\xEF\xBB\xBF# written on an old Mac\rsurface bowl\reta 0.1 # small\r"
                       "step 4\rcaption \xCE\xB7 = 0.1: the last line \xE2\x9C\x93\r";
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    run_result r = run_steepest(ARGS("--play", path, "--snapshot"));
    ck_assert_msg(r.code == 0, "exit %d: %s", r.code, r.err);
    ck_assert_ptr_nonnull(strstr(r.out, "step   4"));
    ck_assert_ptr_nonnull(strstr(r.out, "\xCE\xB7 = 0.1: the last line \xE2\x9C\x93"));
    run_free(&r);
    unlink(path);
}
END_TEST

/* ---- text that reaches the screen --------------------------------------------------------- */

START_TEST(test_utf8_strict)
{
    static const struct {
        const char *s;
        size_t n, bad; /* bad == n: valid */
    } cases[] = {
        {"plain", 5, 5},
        {"\xCE\xB7\xE2\x88\x87\xF0\x9F\x99\x82", 9, 9}, /* η ∇ 🙂 */
        {"\xF4\x8F\xBF\xBF", 4, 4},                     /* U+10FFFF */
        {"\xEF\xBF\xBF", 3, 3},                         /* U+FFFF */
        {"a\xC0\x9B", 3, 1},                            /* overlong ESC */
        {"\xC1\xBF", 2, 0},                             /* overlong */
        {"\xE0\x80\xAF", 3, 0},                         /* overlong '/' */
        {"\xF0\x8F\xBF\xBF", 4, 0},                     /* overlong U+FFFF */
        {"x\xED\xA0\x80", 4, 1},                        /* surrogate U+D800 */
        {"\xED\xBF\xBF", 3, 0},                         /* surrogate U+DFFF */
        {"\xF4\x90\x80\x80", 4, 0},                     /* U+110000 */
        {"\xF5\x80\x80\x80", 4, 0},
        {"\xFF", 1, 0},
        {"ab\x80", 3, 2},   /* stray continuation */
        {"\xE2\x88", 2, 0}, /* cut short */
        {"\xE2\x88x", 3, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t bad = 99;
        bool ok = utf8_valid(cases[k].s, cases[k].n, &bad);
        ck_assert_msg(ok == (cases[k].bad == cases[k].n), "case %zu", k);
        if (!ok)
            ck_assert_msg(bad == cases[k].bad, "case %zu: bad at %zu", k, bad);
    }
    uint32_t cp;
    ck_assert_uint_eq(utf8_decode("\xE2\x88\x87", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x2207);
    ck_assert_uint_eq(utf8_decode("\xE2\x88\x87", 2, &cp), 0); /* n is respected */
    ck_assert_uint_eq(cp, 0xFFFD);
    bool control = false;
    size_t at = 0;
    ck_assert(!utf8_printable("ok \xC2\x9B", 5, &at, &control));
    ck_assert(control && at == 3);
    ck_assert(!utf8_printable("ok\t", 3, &at, &control) && control && at == 2);
    ck_assert(!utf8_printable("ok\x7F", 3, &at, &control) && control);
    ck_assert(!utf8_printable("\xC0\x9B", 2, &at, &control) && !control && at == 0);
    ck_assert(utf8_printable("\xC2\xA0\xCE\xB7", 4, NULL, NULL)); /* NBSP is shown */
    ck_assert_uint_eq(utf8_prefix("a\xCE\xB7", 3, 2), 1);         /* not half an eta */
    ck_assert_uint_eq(utf8_prefix("a\xCE\xB7", 3, 3), 3);
    ck_assert_uint_eq(utf8_prefix("abc", 3, 2), 2);
    /* Sanitized for a message: one '?' per control character or bad byte, the rest kept. */
    char msg[] = "a\tb\xC2\x9B\xCE\xB7\xC0\x9B\x1B[2J\xE2\x88";
    ck_assert_uint_eq(utf8_sanitize(msg), 14);
    ck_assert_str_eq(msg, "a?b?\xCE\xB7?"
                          "?"
                          "?[2J?"
                          "?"); /* split: no trigraphs */
}
END_TEST

/* C0 9B once decoded to ESC and reached --snapshot's output raw. */
START_TEST(test_overlong_escape_never_reaches_the_screen)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    char *path = path_in("BAD_DEMO_DIR", "caption-overlong-esc.demo");
    run_result r = run_steepest(ARGS("--play", path, "--snapshot", "--color=never"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_ptr_null(strchr(r.out, '\x1b'));
    ck_assert_ptr_null(strstr(r.out, "\xC0\x9B"));
    ck_assert_ptr_nonnull(strstr(r.err, ":4: caption is not valid UTF-8 (byte 15)"));
    run_free(&r);
    free(path);
}
END_TEST

/* The panel shows the script's name: a file name that is not printable text is shown with '?'
 * in place of the bad bytes, never raw. */
START_TEST(test_name_is_printable)
{
    setenv("LC_ALL", "C.UTF-8", 1);
    char dir[] = "/tmp/steepest-demo-name-XXXXXX", path[128];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/\x1b[2Jgr\xC3\xBC\xC3.demo", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("surface bowl\nstep 1\n", f);
    fclose(f);
    demo_script d;
    char err[256];
    ck_assert_msg(demo_load(&reg, path, &d, err, sizeof err), "%s", err);
    ck_assert_str_eq(d.name, "?[2Jgr\xC3\xBC?");
    demo_free(&d);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- keys ------------------------------------------------------------------------------------ */

START_TEST(test_keys_names_must_close)
{
    int keys[16];
    char bad[64], msg[128];
    ck_assert_int_eq(keys_parse("<Enter", keys, 16, bad, sizeof bad), KEYS_ERR_UNCLOSED);
    ck_assert_str_eq(bad, "<Enter");
    keys_error(KEYS_ERR_UNCLOSED, bad, msg, sizeof msg);
    ck_assert_str_eq(msg, "'<Enter' is missing its '>'");
    ck_assert_int_eq(keys_parse("ab<S-Left x>", keys, 16, bad, sizeof bad), KEYS_ERR_UNCLOSED);
    ck_assert_str_eq(bad, "<S-Left");
    ck_assert_int_eq(keys_parse("<Nope>", keys, 16, bad, sizeof bad), KEYS_ERR_NOT_A_KEY);
    keys_error(KEYS_ERR_NOT_A_KEY, bad, msg, sizeof msg);
    ck_assert_str_eq(msg, "<Nope> is not a key");
    ck_assert_int_eq(keys_parse("aaaaa", keys, 3, bad, sizeof bad), KEYS_ERR_TOO_MANY);
    keys_error(KEYS_ERR_TOO_MANY, bad, msg, sizeof msg);
    ck_assert_str_eq(msg, "more than 3 keys");
    /* '<' before anything but a letter is the key '<' itself. */
    ck_assert_int_eq(keys_parse("<", keys, 16, bad, sizeof bad), 1);
    ck_assert_int_eq(keys[0], '<');
    ck_assert_int_eq(keys_parse("<1>", keys, 16, bad, sizeof bad), 3);
    ck_assert_int_eq(keys_parse("<<Enter>", keys, 16, bad, sizeof bad), 2);
    ck_assert(keys[0] == '<' && keys[1] == KEYC_ENTER);
    ck_assert_int_eq(keys_parse("<> <lt>", keys, 16, bad, sizeof bad), 4);
    ck_assert(keys[0] == '<' && keys[1] == '>' && keys[2] == ' ' && keys[3] == '<');
    /* Through the program, --keys refuses it rather than pressing six keys. */
    run_result r = run_steepest(ARGS("--snapshot", "--keys", "<Enter"));
    ck_assert_int_eq(r.code, 2);
    ck_assert_str_eq(r.out, "");
    ck_assert_ptr_nonnull(strstr(r.err, "<Enter"));
    run_free(&r);
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

/* A step action ends early once the walk has diverged or converged: no ticks on a frozen
 * picture, in the timed player, in the headless one and under the presenter's space. */
START_TEST(test_step_stops_when_the_walk_stops)
{
    /* valley with eta 0.5: every bounce 9 times the last, diverged within a few steps;
     * bowl with eta 0.5: the minimum in one step. */
    demo_script d = load("surface valley\neta 0.5\nstep 100000\ncaption after divergence\nwait 1\n"
                         "surface bowl\neta 0.5\nstep 100000\ncaption after convergence\n");
    app a;
    ck_assert(app_init(&a, &reg, surface_find("valley"), 80, 24, true));
    demo_player p;
    demo_start(&p, &d, &a);
    long t = 0;
    int ticks = 0;
    while (strcmp(a.caption, "after divergence") != 0) {
        ck_assert_int_lt(++ticks, 40);
        long w = demo_advance(&p, &a, t);
        ck_assert_int_ge(w, 0);
        t += w;
    }
    ck_assert_int_eq(session_walker(&a.ss)->status, WALKER_DIVERGED);
    ck_assert_uint_lt(session_walker(&a.ss)->step, 40);
    while (strcmp(a.caption, "after convergence") != 0) {
        ck_assert_int_lt(++ticks, 80);
        long w = demo_advance(&p, &a, t);
        t += w > 0 ? w : 1;
    }
    ck_assert_int_eq(session_walker(&a.ss)->status, WALKER_CONVERGED);
    ck_assert_uint_le(session_walker(&a.ss)->step, 2);
    app_free(&a);

    /* Headless (--snapshot). */
    ck_assert(app_init(&a, &reg, surface_find("valley"), 80, 24, true));
    demo_start(&p, &d, &a);
    demo_run_all(&p, &a);
    ck_assert_str_eq(a.caption, "after convergence");
    ck_assert_uint_le(session_walker(&a.ss)->step, 2);
    app_free(&a);

    /* The presenter's space on a frozen walk goes on to the next action. */
    ck_assert(app_init(&a, &reg, surface_find("valley"), 80, 24, true));
    demo_start(&p, &d, &a);
    t = 0;
    for (int k = 0; k < 40 && !p.done && strcmp(a.caption, "after divergence") != 0; k++) {
        demo_key(&p, &a, ' ', t);
        long w = demo_advance(&p, &a, t);
        t += w > 0 ? w : 1;
    }
    ck_assert_str_eq(a.caption, "after divergence");
    app_free(&a);
    demo_free(&d);

    /* In the probe a converged walk still moves along u: those steps are taken. */
    d = load("surface bowl\nstart 0 0\nprobe on\nbeta 90\nstep 3\n");
    ck_assert(app_init(&a, &reg, surface_find("bowl"), 80, 24, true));
    demo_start(&p, &d, &a);
    demo_run_all(&p, &a);
    ck_assert_uint_eq(session_walker(&a.ss)->step, 3);
    app_free(&a);
    demo_free(&d);
}
END_TEST

/* The listing a front can offer: the shipped demos, sorted, each with its first sentence;
 * what is not a readable regular NAME.demo is left out, and a FIFO does not hang it. */
START_TEST(test_list_dir)
{
    demo_entry *list;
    size_t n;
    char err[256];
    ck_assert_msg(demo_list_dir(getenv("DEMO_DIR"), &list, &n, err, sizeof err), "%s", err);
    DIR *shipped = opendir(getenv("DEMO_DIR"));
    ck_assert_ptr_nonnull(shipped);
    size_t files = 0;
    struct dirent *e;
    while ((e = readdir(shipped)))
        files += strlen(e->d_name) > 5 && strcmp(e->d_name + strlen(e->d_name) - 5, ".demo") == 0;
    closedir(shipped);
    ck_assert_uint_eq(n, files);
    ck_assert_uint_ge(n, 4);
    static const struct {
        const char *name, *summary;
    } known[] = {
        {"too-large-eta", "Too large a learning rate."},
        {"which-minimum", "Gradient descent finds a minimum, not the minimum."},
        {"why-gradient", "Why -grad L?"},
        {"plateau", "A plateau: the sigmoid neuron fit to (0.5, 0.2) and (2.5, 0.9), started at "
                    "(w, b) = (-2, -2) with eta = 1."},
    };
    size_t found = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0)
            ck_assert_int_lt(strcmp(list[k - 1].name, list[k].name), 0);
        ck_assert(utf8_printable(list[k].summary, strlen(list[k].summary), NULL, NULL));
        ck_assert_msg(list[k].summary[0], "%s has no summary", list[k].name);
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strcmp(list[k].name, known[i].name) == 0) {
                ck_assert_str_eq(list[k].summary, known[i].summary);
                found++;
            }
    }
    ck_assert_uint_eq(found, 4);
    free(list);

    char dir[] = "/tmp/steepest-demo-list-XXXXXX", path[128];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char *const names[] = {"b.demo",    "a.demo", "bad name.demo",
                                        "notes.txt", ".demo",  "x.demo.bak"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        FILE *f = fopen(path, "w");
        fputs(k == 0 ? "\xEF\xBB\xBF# The b demo: a first\r# line.  Then more.\rstep 1\r"
                     : "step 1\n",
              f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/fifo.demo", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    snprintf(path, sizeof path, "%s/sub.demo", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    ck_assert(demo_list_dir(dir, &list, &n, err, sizeof err));
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(list[0].name, "a");
    ck_assert_str_eq(list[0].summary, "");
    ck_assert_str_eq(list[1].name, "b");
    ck_assert_str_eq(list[1].summary, "The b demo: a first line.");
    free(list);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);

    ck_assert(!demo_list_dir("/nonexistent-steepest", &list, &n, err, sizeof err));
    ck_assert_str_eq(err, "/nonexistent-steepest: cannot read it: No such file or directory");
    ck_assert_ptr_null(list);
    ck_assert_uint_eq(n, 0);
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
    tcase_add_loop_test(tc, test_shipped_demos, 0, 6);
    tcase_add_test(tc, test_player_timing_and_keys);
    tcase_add_test(tc, test_player_runs_to_the_end);
    tcase_add_test(tc, test_refuses_devices_fifos_directories);
    tcase_add_test(tc, test_reading_is_bounded);
    tcase_add_test(tc, test_file_name_too_long);
    tcase_add_test(tc, test_line_ends);
    tcase_add_test(tc, test_byte_order_mark_and_comments);
    tcase_add_test(tc, test_cr_file_plays_to_the_end);
    tcase_add_test(tc, test_utf8_strict);
    tcase_add_test(tc, test_overlong_escape_never_reaches_the_screen);
    tcase_add_test(tc, test_name_is_printable);
    tcase_add_test(tc, test_keys_names_must_close);
    tcase_add_test(tc, test_step_stops_when_the_walk_stops);
    tcase_add_test(tc, test_list_dir);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
