// SPDX-License-Identifier: MIT
/* The interactive view end to end, in a real terminal: tmux on a private socket runs a shell,
 * the shell runs steepest, and the test types keys and reads the screen. Skipped (exit 77)
 * with a message when tmux is not installed. */
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"

static char sock[64], dir[64];

__attribute__((format(printf, 1, 2))) static int tmux(const char *fmt, ...)
{
    char args[1024], cmd[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "tmux -L %s %s >/dev/null 2>&1", sock, args);
    return system(cmd);
}

static char *capture(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tmux -L %s capture-pane -p -t e2e", sock);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0)
        n += got;
    buf[n] = '\0';
    pclose(p);
    return buf;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls the screen for up to 30 s (a loaded 2-core CI machine can be slow); returns it once
 * it contains needle. */
static char *wait_for(const char *needle)
{
    for (int k = 0; k < 600; k++) {
        char *screen = capture();
        if (strstr(screen, needle))
            return screen;
        free(screen);
        sleep_ms(50);
    }
    char *screen = capture();
    ck_abort_msg("screen never showed '%s'; it shows:\n%s", needle, screen);
    return NULL;
}

/* The number after a panel label, e.g. "L(θ)   " -> 4. */
static double panel_value(const char *screen, const char *label)
{
    const char *p = strstr(screen, label);
    ck_assert_msg(p != NULL, "no '%s' on screen", label);
    return strtod(p + strlen(label), NULL);
}

/* A private tmux server running sh at cols x rows, which runs steepest with the given
 * environment and arguments, then prints its exit status and the terminal's mode. */
static void start_in(const char *env, const char *args, int cols, int rows)
{
    snprintf(sock, sizeof sock, "steepest-e2e-%d", (int)getpid());
    snprintf(dir, sizeof dir, "/tmp/steepest-e2e-%d", (int)getpid());
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", dir, dir);
    ck_assert_int_eq(system(cmd), 0);
    /* A new tmux server now and then fails to start ("server exited unexpectedly") on a
     * loaded machine: try again before calling it a failure of steepest. */
    int started = -1;
    for (int k = 0; k < 5 && started != 0; k++) {
        if (k > 0) {
            tmux("kill-server");
            sleep_ms(300);
        }
        started = tmux("-f /dev/null new-session -d -s e2e -x %d -y %d sh", cols, rows);
    }
    ck_assert_int_eq(started, 0);
    ck_assert_int_eq(tmux("send-keys -t e2e 'cd %s; PS1=\"$ \"; stty -g > before; "
                          "%s %s %s; echo EXIT=$?; stty -g > after' Enter",
                          dir, env, getenv("STEEPEST_BIN"), args),
                     0);
}

static void start(const char *args)
{
    start_in("LC_ALL=C.UTF-8", args, 120, 40);
}

static void stop(void)
{
    tmux("kill-server");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* stty -g before and after the run: the terminal came back in its original mode. */
static void expect_terminal_restored(const char *exit_line)
{
    free(wait_for(exit_line));
    char before[128], after[128];
    snprintf(before, sizeof before, "%s/before", dir);
    snprintf(after, sizeof after, "%s/after", dir);
    /* The shell creates the file before stty has written it: wait for a whole line. */
    char *a = NULL;
    for (int k = 0; k < 200; k++) {
        if (access(after, R_OK) == 0) {
            a = slurp(after);
            if (strchr(a, '\n'))
                break;
            free(a);
            a = NULL;
        }
        sleep_ms(25);
    }
    ck_assert_msg(a != NULL, "stty -g after the run never arrived");
    char *b = slurp(before);
    ck_assert_int_gt(strlen(b), 10);
    ck_assert_str_eq(a, b);
    free(b);
    free(a);
    /* Out of the alternate screen, and the cursor shown again. */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tmux -L %s display -p -t e2e '#{alternate_on} #{cursor_flag}'",
             sock);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    int alt = -1, cursor = -1;
    ck_assert_int_eq(fscanf(p, "%d %d", &alt, &cursor), 2);
    pclose(p);
    ck_assert_msg(alt == 0, "still in the alternate screen");
    ck_assert_msg(cursor == 1, "the cursor is still hidden");
}

/* Escape sequences ncurses does not decode are dropped whole: Alt-a is not Esc then a (which
 * would turn ascent on), Shift-Tab and an unknown CSI sequence are not '[' (eta /1.25). Esc
 * alone still leaves the probe. */
START_TEST(test_escape_sequences_swallowed)
{
    start("-s bowl");
    free(wait_for("step   0"));
    tmux("send-keys -t e2e Escape a");
    tmux("send-keys -t e2e Escape '[Z'");
    tmux("send-keys -t e2e BTab");
    tmux("send-keys -t e2e Escape '[99~'");
    tmux("send-keys -t e2e Space");
    char *s = wait_for("step   1");
    ck_assert_ptr_nonnull(strstr(s, "DESCEND"));
    ck_assert_ptr_nonnull(strstr(s, "η      0.1\n") ? s : strstr(s, "η      0.1 "));
    free(s);
    tmux("send-keys -t e2e t");
    free(wait_for("PROBE"));
    tmux("send-keys -t e2e Escape");
    s = wait_for("DESCEND");
    ck_assert_ptr_null(strstr(s, "PROBE"));
    free(s);
    tmux("send-keys -t e2e q");
    expect_terminal_restored("EXIT=0");
    stop();
}
END_TEST

/* --record writes what the view shows as asciicast v2, with a marker where M was pressed;
 * P writes the frame to a text file and a coloured one beside it. */
START_TEST(test_record_and_save_frame)
{
    start("-s bowl --record rec.cast");
    free(wait_for("step   0"));
    tmux("send-keys -t e2e Space");
    free(wait_for("step   1"));
    tmux("send-keys -t e2e M");
    free(wait_for("marked the recording"));
    tmux("send-keys -t e2e P");
    free(wait_for("saved"));
    tmux("send-keys -t e2e q");
    expect_terminal_restored("EXIT=0");
    char path[128];
    snprintf(path, sizeof path, "%s/rec.cast", dir);
    char *cast = slurp(path);
    ck_assert_ptr_nonnull(strstr(cast, "{\"version\": 2, \"width\": 120, \"height\": 40"));
    ck_assert_ptr_nonnull(strstr(cast, ", \"m\", \"step 1\"]"));
    ck_assert_ptr_nonnull(strstr(cast, ", \"o\", "));
    free(cast);
    snprintf(path, sizeof path, "%s/steepest-bowl-step1.txt", dir);
    char *txt = slurp(path);
    ck_assert_ptr_nonnull(strstr(txt, "step   1"));
    ck_assert_ptr_null(strchr(txt, 0x1b));
    free(txt);
    snprintf(path, sizeof path, "%s/steepest-bowl-step1.ans", dir);
    char *ans = slurp(path);
    ck_assert_ptr_nonnull(strstr(ans, "\x1b[38;5;"));
    free(ans);
    stop();
}
END_TEST

START_TEST(test_keys_and_resize)
{
    start("-s bowl");
    char *s = wait_for("step   0");
    double l0 = panel_value(s, "L(θ)   ");
    ck_assert_double_eq_tol(l0, 4, 1e-12);
    free(s);

    tmux("send-keys -t e2e Space Space Space");
    s = wait_for("step   3");
    double l3 = panel_value(s, "L(θ)   ");
    ck_assert_double_lt(l3, l0);
    ck_assert_double_eq_tol(l3, 4 * pow(0.64, 3), 1e-5);
    free(s);

    tmux("send-keys -t e2e a Space");
    s = wait_for("step   4");
    ck_assert_ptr_nonnull(strstr(s, "ASCEND +∇L"));
    ck_assert_double_gt(panel_value(s, "L(θ)   "), l3);
    free(s);

    tmux("send-keys -t e2e +");
    free(wait_for("η      0.2"));

    tmux("resize-window -t e2e -x 20 -y 5");
    free(wait_for("too small"));
    tmux("resize-window -t e2e -x 120 -y 40");
    s = wait_for("step   4");
    ck_assert_ptr_nonnull(strstr(s, "η      0.2"));
    free(s);

    /* The probe, turned with real arrow and shift-arrow keys; Esc leaves it. */
    tmux("send-keys -t e2e t Left S-Left");
    free(wait_for("β      230.0°"));
    tmux("send-keys -t e2e Escape");
    free(wait_for("ASCEND +∇L"));

    tmux("send-keys -t e2e q");
    expect_terminal_restored("EXIT=0");
    stop();
}
END_TEST

/* SIGTERM (143) and SIGHUP (129, the SSH connection dropping) restore the terminal too. */
/* Every catchable signal that ends the program restores the terminal: those it handles by a
 * flag (exit 128 + n) and a crash (SEGV, ABRT: the prepared reset string, then death by the
 * same signal, which the shell reports as 128 + n too). */
START_TEST(test_signal_restores)
{
    static const char *const sig[] = {"TERM", "HUP",  "QUIT", "USR1", "USR2",
                                      "ALRM", "PIPE", "SEGV", "ABRT"};
    static const char *const exit_line[] = {"EXIT=143", "EXIT=129", "EXIT=131",
                                            "EXIT=138", "EXIT=140", "EXIT=142",
                                            "EXIT=141", "EXIT=139", "EXIT=134"};
    start("-s valley");
    free(wait_for("step   0"));
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tmux -L %s display -p -t e2e '#{pane_pid}'", sock);
    FILE *p = popen(cmd, "r");
    int shell = 0;
    ck_assert_int_eq(fscanf(p, "%d", &shell), 1);
    pclose(p);
    snprintf(cmd, sizeof cmd, "pkill -%s -P %d", sig[_i], shell);
    ck_assert_int_eq(system(cmd), 0);
    expect_terminal_restored(exit_line[_i]);
    stop();
}
END_TEST

/* The terminal goes away without a SIGHUP (steepest in a session of its own, so the
 * hang-up is not sent to it): it must end by itself, not spin at 100% CPU on dead input. */
START_TEST(test_terminal_gone)
{
    char script[128], env[256];
    snprintf(script, sizeof script, "/tmp/steepest-e2e-run-%d.sh", (int)getpid());
    FILE *f = fopen(script, "w");
    ck_assert_ptr_nonnull(f);
    fputs("echo $$ > pid\nexec \"$@\"\n", f);
    fclose(f);
    snprintf(env, sizeof env, "LC_ALL=C.UTF-8 setsid sh %s", script);
    start_in(env, "-s bowl", 100, 30);
    free(wait_for("step   0"));
    char path[128];
    snprintf(path, sizeof path, "%s/pid", dir);
    char *text = slurp(path);
    int pid = atoi(text);
    free(text);
    ck_assert_int_gt(pid, 1);
    ck_assert_int_eq(kill(pid, 0), 0);
    tmux("kill-server"); /* closes the terminal; setsid kept the HUP from reaching it */
    int k = 0;
    while (kill(pid, 0) == 0 && k++ < 100)
        sleep_ms(30);
    ck_assert_msg(kill(pid, 0) != 0, "steepest is still running after its terminal went away");
    unlink(script);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_ctrl_c_restores)
{
    start("-s himmelblau");
    free(wait_for("step   0"));
    tmux("send-keys -t e2e p");
    free(wait_for("playing"));
    tmux("send-keys -t e2e C-c");
    expect_terminal_restored("EXIT=130");
    stop();
}
END_TEST

START_TEST(test_bad_term)
{
    start("-s bowl");
    tmux("send-keys -t e2e q");
    free(wait_for("EXIT=0"));
    tmux("send-keys -t e2e 'clear; TERM=nonesuch %s; echo EXIT=$?' Enter", getenv("STEEPEST_BIN"));
    char *s = wait_for("EXIT=2");
    ck_assert_ptr_nonnull(strstr(s, "unknown terminal type 'nonesuch'"));
    free(s);
    /* A marker of its own: the last command's EXIT=2 may still be on screen before clear. */
    tmux("send-keys -t e2e 'clear; TERM=dumb %s; echo DUMB-EXIT=$?' Enter", getenv("STEEPEST_BIN"));
    s = wait_for("DUMB-EXIT=2");
    ck_assert_ptr_nonnull(strstr(s, "cannot move the cursor"));
    free(s);
    stop();
}
END_TEST

/* The view works in each terminal type steepest claims: step once and quit cleanly. */
START_TEST(test_terminal_types)
{
    static const char *const terms[] = {"xterm-256color", "xterm", "screen-256color",
                                        "tmux-256color",  "linux", "vt100"};
    char env[64];
    snprintf(env, sizeof env, "TERM=%s LC_ALL=C.UTF-8", terms[_i]);
    start_in(env, "-s bowl", 100, 30);
    /* linux and vt100 have no braille: the ASCII panel. */
    bool ascii = strcmp(terms[_i], "linux") == 0 || strcmp(terms[_i], "vt100") == 0;
    free(wait_for(ascii ? "theta  (1.6, 1.2)" : "θ      (1.6, 1.2)"));
    tmux("send-keys -t e2e Space");
    free(wait_for("step   1"));
    tmux("send-keys -t e2e q");
    expect_terminal_restored("EXIT=0");
    stop();
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    if (system("command -v tmux >/dev/null 2>&1") != 0) {
        puts("tmux is not installed: skipping the end-to-end terminal tests");
        return 77;
    }
    Suite *s = suite_create("tui");
    TCase *tc = tcase_create("tmux");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_keys_and_resize);
    tcase_add_test(tc, test_escape_sequences_swallowed);
    tcase_add_test(tc, test_record_and_save_frame);
    tcase_add_loop_test(tc, test_signal_restores, 0, 9);
    tcase_add_test(tc, test_terminal_gone);
    tcase_add_test(tc, test_ctrl_c_restores);
    tcase_add_test(tc, test_bad_term);
    tcase_add_loop_test(tc, test_terminal_types, 0, 6);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
