// SPDX-License-Identifier: MIT
/* Layer: terminal. The only file that includes curses.h.
 *
 * Every way out leaves the terminal as it was. q, an error, and every catchable signal whose
 * default is to end the program (INT, TERM, HUP, QUIT, USR1, USR2, ALRM, PIPE, ...) only set
 * a flag; the loop sees it (a blocked poll returns EINTR) and leaves through restore(), which
 * calls endwin(). A crash (SEGV, BUS, FPE, ILL, ABRT, ...) cannot run endwin() safely: its
 * handler writes a reset string prepared at start-up from terminfo and puts the saved tty
 * modes back, both async-signal-safe, then dies of the same signal. ncurses handles SIGTSTP
 * (Ctrl-Z, fg) and SIGWINCH (arriving as KEY_RESIZE). A terminal that goes away without a
 * SIGHUP (the program started under setsid, or HUP ignored) shows as a hang-up or an
 * end-of-file on input, and the program ends instead of spinning. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "steepest/cast.h"
#include "steepest/frame.h"
#include "steepest/tui.h"

/* Last: its capability macros (lines, columns, ...) would rename words in our headers. */
#include <term.h>

#define TUI_EXIT_USAGE 2
#define FAST_FRAME_MS  33
#define TUI_EXIT_FAIL  1

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t curses_active;

/* For the crash handler, prepared before any crash can happen. */
static struct termios saved_tty;
static volatile sig_atomic_t have_saved_tty;
static char reset_string[256];
static size_t reset_len;

static void restore(void)
{
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
}

static void on_signal(int sig)
{
    got_signal = sig;
}

/* Async-signal-safe only: write(2), tcsetattr(3), signal(2), raise(3). */
static void on_fatal(int sig)
{
    if (curses_active) {
        size_t off = 0;
        while (off < reset_len) {
            ssize_t w = write(STDOUT_FILENO, reset_string + off, reset_len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
        if (have_saved_tty)
            tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Appends a terminfo string capability to the reset string, if the terminal has it. */
static void add_reset(const char *cap)
{
    const char *v = tigetstr(cap);
    if (!v || v == (char *)-1)
        return;
    size_t n = strlen(v);
    if (reset_len + n < sizeof reset_string) {
        memcpy(reset_string + reset_len, v, n);
        reset_len += n;
    }
}

/* What endwin() would send, as far as a crash handler can: attributes off, mouse reports off,
 * keypad off, the cursor back, out of the alternate screen. */
static void prepare_reset(void)
{
    reset_len = 0;
    add_reset("sgr0");
    const char *kmous = tigetstr("kmous");
    if (kmous && kmous != (char *)-1) {
        static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";
        memcpy(reset_string + reset_len, mouse_off, sizeof mouse_off - 1);
        reset_len += sizeof mouse_off - 1;
    }
    add_reset("rmkx");
    add_reset("cnorm");
    add_reset("rmcup");
}

static void install_handlers(void)
{
    static const int ending[] = {SIGINT,  SIGTERM,   SIGHUP,  SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                 SIGPIPE, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO,   SIGPWR};
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGTRAP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_signal; /* no SA_RESTART: a blocked read returns and sees the flag */
    for (size_t k = 0; k < sizeof ending / sizeof ending[0]; k++) {
        struct sigaction old;
        /* A signal the caller ignored (nohup, a shell's trap '' HUP) stays ignored. */
        if (sigaction(ending[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(ending[k], &sa, NULL);
    }
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND;
    for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
        sigaction(fatal[k], &sa, NULL);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define TUI_GONE (-2)

/* The next key within wait ms (-1: as long as it takes): OK or KEY_CODE_YES with *wch, ERR
 * on a time-out or a signal, TUI_GONE when the terminal has gone away. ncurses alone cannot
 * tell a time-out from a dead terminal (both are ERR), which once made this loop spin at
 * 100% CPU: poll() can, by its hang-up bits, and by readable input that yields no key
 * (end of file) several times running. */
static int next_key(long wait, wint_t *wch)
{
    static int empty_reads;
    timeout(0);
    int kind = get_wch(wch); /* what ncurses already holds comes first */
    if (kind != ERR) {
        empty_reads = 0;
        return kind;
    }
    struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
    int n = poll(&pfd, 1, wait < 0 ? -1 : (int)(wait > 1000000 ? 1000000 : wait));
    if (n < 0)
        return errno == EINTR ? ERR : TUI_GONE;
    if (n == 0)
        return ERR;
    if (pfd.revents & (POLLERR | POLLNVAL))
        return TUI_GONE;
    kind = get_wch(wch);
    if (kind != ERR) {
        empty_reads = 0;
        return kind;
    }
    /* Readable but no key: end of file or a hang-up, unless a partial escape sequence is
     * still arriving; three in a row is not a slow terminal. */
    if ((pfd.revents & POLLHUP) || ++empty_reads >= 3)
        return TUI_GONE;
    return ERR;
}

int tui_color_depth(void)
{
    const char *term = getenv("TERM");
    int fd = open("/dev/null", O_WRONLY), errret = 0, depth = -2;
    if (term && *term && fd >= 0 && setupterm(term, fd, &errret) == OK) {
        int colors = tigetnum("colors");
        depth = colors >= 256 ? 256 : colors >= 8 ? 8 : 0;
        del_curterm(cur_term);
    }
    if (fd >= 0)
        close(fd);
    return depth;
}

/* Colour pairs: pair role+1 per role, for the theme. False when colours are not in use. */
static bool setup_colors(tui_color want)
{
    const char *no_color = getenv("NO_COLOR");
    if (want == TUI_COLOR_NEVER || !has_colors())
        return false;
    if (want == TUI_COLOR_AUTO && no_color && *no_color)
        return false;
    if (start_color() != OK)
        return false;
    use_default_colors();
    return true;
}

static void set_palette(int theme)
{
    bool rich = COLORS >= 256 && COLOR_PAIRS > ROLE_COUNT;
    for (int r = 1; r < ROLE_COUNT && r < COLOR_PAIRS - 1; r++) {
        int c = rich ? frame_role_color256((frame_role)r, theme)
                     : frame_role_color8((frame_role)r, theme);
        init_pair((short)(r + 1), (short)(c < COLORS ? c : -1), -1);
    }
}

static void blit(const frame *f, bool color, int theme)
{
    for (int r = 0; r < f->rows; r++)
        for (int c = 0; c < f->cols; c++) {
            const frame_cell *cell = frame_at(f, c, r);
            if (cell->ch == FRAME_WIDE_TAIL) /* drawn with the wide character before it */
                continue;
            wchar_t wc[2] = {(wchar_t)cell->ch, L'\0'};
            cchar_t cc;
            attr_t at = frame_role_bold((frame_role)cell->role, theme) ? A_BOLD : A_NORMAL;
            short pair = color && cell->role != ROLE_BLANK ? (short)(cell->role + 1) : 0;
            setcchar(&cc, wc, at, pair, NULL);
            mvadd_wch(r, c, &cc); /* the bottom-right cell reports ERR; it is still drawn */
        }
    refresh(); /* ncurses sends only the cells that changed */
}

/* After an ESC that ncurses did not turn into a key: if more bytes follow at once, they are
 * an escape sequence (an Alt-key, Shift-Tab, F-keys, or an arrow split over a slow link), to
 * be dropped whole rather than read as Esc then '[' (eta /1.25) then 'D'. Returns true when
 * something was swallowed; false when the ESC stood alone (the Esc key). */
static bool swallow_sequence(void)
{
    wint_t c;
    timeout(50);
    int kind = get_wch(&c);
    if (kind == ERR)
        return false;
    if (kind == KEY_CODE_YES || (c != '[' && c != 'O'))
        return true; /* Alt-x: ESC and one character */
    /* CSI or SS3: parameters and intermediates up to a final byte @..~ */
    for (int k = 0; k < 32; k++) {
        timeout(50);
        if (get_wch(&c) == ERR || (c >= 0x40 && c <= 0x7e))
            break;
    }
    return true;
}

/* P: the frame as text for a handout, plain and with colour codes, in the current folder. */
static void save_frame(app *a, const frame *f)
{
    char base[96];
    snprintf(base, sizeof base, "steepest-%.40s-step%lu", a->ss.surf->name,
             session_walker(&a->ss)->step);
    static const char *const ext[2] = {".txt", ".ans"};
    bool ok = true;
    for (int k = 0; k < 2 && ok; k++) {
        char path[sizeof base + 8];
        snprintf(path, sizeof path, "%s%s", base, ext[k]);
        FILE *out = fopen(path, "w");
        if (!out) {
            ok = false;
            break;
        }
        frame_write_text(f, out, k == 0 ? -1 : 256, a->theme);
        ok = fclose(out) == 0;
    }
    if (ok)
        snprintf(a->message, sizeof a->message, "saved %s.txt and %s.ans", base, base);
    else
        snprintf(a->message, sizeof a->message, "could not save the frame: %s", strerror(errno));
}

static int translate(int kind, wint_t wch)
{
    if (kind != KEY_CODE_YES) {
        if (wch == 27)
            return KEYC_ESC;
        if (wch == '\n' || wch == '\r')
            return KEYC_ENTER;
        return (int)wch;
    }
    switch (wch) {
    case KEY_UP:
        return KEYC_UP;
    case KEY_DOWN:
        return KEYC_DOWN;
    case KEY_LEFT:
        return KEYC_LEFT;
    case KEY_RIGHT:
        return KEYC_RIGHT;
    case KEY_SR:
        return KEYC_SUP;
    case KEY_SF:
        return KEYC_SDOWN;
    case KEY_SLEFT:
        return KEYC_SLEFT;
    case KEY_SRIGHT:
        return KEYC_SRIGHT;
    case KEY_ENTER:
        return KEYC_ENTER;
    case KEY_BACKSPACE:
        return KEYC_BACKSPACE;
    default:
        return -1;
    }
}

int tui_run(app *a, const demo_script *demo, tui_color want_color, FILE *record, FILE *err)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("steepest: the interactive view needs a terminal on stdin and stdout; without "
              "one, use --snapshot (the screen as text) or --steps N --trace FILE (the walk as "
              "CSV)\n",
              err);
        return TUI_EXIT_USAGE;
    }
    const char *term = getenv("TERM");
    if (!term || !*term) {
        fputs("steepest: TERM is not set; set it to your terminal's type (e.g. "
              "TERM=xterm-256color)\n",
              err);
        return TUI_EXIT_USAGE;
    }
    if (tcgetattr(STDIN_FILENO, &saved_tty) == 0)
        have_saved_tty = 1;
    install_handlers();
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        fprintf(err,
                "steepest: unknown terminal type '%s' (TERM); try TERM=xterm-256color, "
                "TERM=xterm or TERM=vt100\n",
                term);
        return TUI_EXIT_USAGE;
    }
    prepare_reset();
    curses_active = 1;
    atexit(restore);
    const char *cup = tigetstr("cup");
    if (cup == NULL || cup == (char *)-1) {
        restore();
        delscreen(scr);
        fprintf(err,
                "steepest: terminal type '%s' cannot move the cursor, which the interactive "
                "view needs; use a terminal that can (e.g. TERM=xterm) or --snapshot\n",
                term);
        return TUI_EXIT_USAGE;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    /* Long enough for an arrow's bytes to arrive together over a slow SSH link, short enough
     * that Esc alone still feels immediate. */
    set_escdelay(100);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    bool color = setup_colors(want_color);

    int rows, cols, rc = 0;
    getmaxyx(stdscr, rows, cols);
    frame f;
    frame_init(&f);
    scene sc;
    app_resize(a, cols, rows);
    demo_player player;
    if (demo)
        demo_start(&player, demo, a);
    cast rec;
    bool recording = record && cast_begin(&rec, record, cols, rows, "steepest", (long)time(NULL),
                                          color ? 256 : -1, a->theme);
    long start_ms = now_ms();
    int palette = -1;

    bool dirty = true;
    long next_tick = 0;
    for (;;) {
        if (got_signal) {
            rc = 128 + got_signal;
            break;
        }
        long wait = -1;
        if (demo) {
            /* A demo may change anything at any tick: draw after each; ncurses sends only
             * the cells that changed. */
            wait = demo_advance(&player, a, now_ms());
            dirty = true;
        }
        if (dirty) {
            if (color && palette != a->theme) {
                set_palette(a->theme);
                palette = a->theme;
            }
            app_scene(a, &sc);
            if (!frame_render(&f, &sc)) {
                rc = TUI_EXIT_FAIL;
                break;
            }
            blit(&f, color, a->theme);
            dirty = false;
            if (recording)
                cast_frame(&rec, &f, (now_ms() - start_ms) / 1000.0);
            if (a->save_frame) {
                a->save_frame = false;
                save_frame(a, &f);
                dirty = true;
            }
            if (a->mark) {
                a->mark = false;
                if (recording) {
                    char label[64];
                    snprintf(label, sizeof label, "step %lu", session_walker(&a->ss)->step);
                    cast_marker(&rec, (now_ms() - start_ms) / 1000.0, label);
                    snprintf(a->message, sizeof a->message, "marked the recording: %s", label);
                } else {
                    snprintf(a->message, sizeof a->message, "M marks a --record recording");
                }
                dirty = true;
            }
        }
        if (a->fast) {
            /* Step for a frame's time, then draw: frames at the terminal's pace (about 30 a
             * second), every step taken. */
            long until = now_ms() + FAST_FRAME_MS;
            while (a->fast && now_ms() < until)
                app_fast_steps(a, 256);
            dirty = true;
            wait = 0;
        }
        if (dirty) /* a message from P or M above: show it before waiting for a key */
            wait = 0;
        if (a->playing) {
            long left = next_tick - now_ms();
            left = left < 0 ? 0 : left;
            wait = wait < 0 || left < wait ? left : wait;
        }
        wint_t wch;
        int kind = next_key(wait, &wch);
        if (kind == TUI_GONE) {
            rc = TUI_EXIT_FAIL; /* nobody is left to read a message */
            break;
        }
        if (kind == ERR) {
            if (a->playing && now_ms() >= next_tick) {
                dirty |= app_tick(a) == APP_REDRAW;
                next_tick = now_ms() + a->play_ms;
            }
            continue;
        }
        if (kind == KEY_CODE_YES && wch == KEY_RESIZE) {
            getmaxyx(stdscr, rows, cols);
            app_resize(a, cols, rows);
            dirty = true;
            continue;
        }
        if (kind == KEY_CODE_YES && wch == KEY_MOUSE) {
            MEVENT ev;
            if (getmouse(&ev) == OK && (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
                dirty |= app_click(a, ev.x, ev.y) == APP_REDRAW;
            continue;
        }
        if (kind != KEY_CODE_YES && wch == 27 && swallow_sequence())
            continue; /* Alt-x, Shift-Tab or a sequence ncurses does not know: not keys */
        int key = translate(kind, wch);
        if (key < 0)
            continue;
        if (demo && !app_too_small(a) && demo_key(&player, a, key, now_ms())) {
            dirty = true;
            continue;
        }
        bool was_playing = a->playing;
        app_result r = app_key(a, key);
        if (r == APP_QUIT)
            break;
        if (r == APP_REPAINT) /* Ctrl-L: forget what the terminal shows, send it all */
            clearok(curscr, TRUE);
        dirty |= r == APP_REDRAW || r == APP_REPAINT;
        if (a->playing && !was_playing)
            next_tick = now_ms() + a->play_ms;
    }
    frame_free(&f);
    restore();
    delscreen(scr);
    if (recording && !cast_end(&rec))
        fputs("steepest: --record: write failed\n", err);
    if (rc == TUI_EXIT_FAIL)
        fputs("steepest: out of memory\n", err);
    return rc;
}
