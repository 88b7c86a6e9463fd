/* Key handlers change state and say whether to redraw or quit; only the caller draws. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "steepest/analysis.h"
#include "steepest/app.h"
#include "steepest/cli.h"
#include "steepest/frame.h"

#define ETA_FINE  1.25
#define ZOOM_STEP 1.5
#define PAN_CELLS 4

/* Short enough for two columns at 80x24, so the overlay always lists every key. */
static const app_help_line help_lines[] = {
    {"space", "space", "one step (-grad or +grad)"},
    {"a", "a", "descend / ascend"},
    {"p", "p", "play / pause"},
    {"< >", "< >", "play slower / faster"},
    {"+ -", "+ -", "eta x2 / eta /2"},
    {"] [", "] [", "eta x1.25 / eta /1.25"},
    {"e", "e", "type an exact eta"},
    {"r", "r", "reset theta and the trail"},
    {"n N", "n N", "next / previous surface"},
    {"←↓↑→ hjkl", "arrows hjkl", "move theta one cell"},
    {"click", "click", "place theta (mouse)"},
    {"z Z", "z Z", "zoom in / out"},
    {"H J K L", "H J K L", "pan (also shift+arrows)"},
    {"f", "f", "fit the view"},
    {"T A C", "T A C", "trail / arrow / contours"},
    {"t", "t", "probe: turn u by hand"},
    {"← →", "left right", "probe: turn u 5 degrees"},
    {"H L", "H L", "probe: turn u 45 degrees"},
    {"g G c", "g G c", "probe: u -grad/+grad/level"},
    {"space", "space", "probe: step along u"},
    {"s", "s", "chart dL against eta"},
    {"m", "m", "way to the nearest minimum"},
    {"v", "v", "held-out contours"},
    {"i", "i", "lesson for this surface"},
    {"#", "#", "theme dark/light/projector"},
    {"w", "w", "numbers-only view"},
    {"y", "y", "print command line on exit"},
    {"Ctrl-L", "Ctrl-L", "redraw the screen"},
    {"?", "?", "this help"},
    {"q", "q", "quit"},
};

size_t app_help(const app_help_line **lines)
{
    *lines = help_lines;
    return sizeof help_lines / sizeof help_lines[0];
}

static void plot_size(const app *a, int *cols, int *rows)
{
    frame_layout l = frame_layout_for(a->cols, a->rows);
    /* Too small: keep a nominal plot so the view stays sane until the screen grows. */
    *cols = l.too_small ? FRAME_MIN_COLS : l.plot.cols;
    *rows = l.too_small ? FRAME_MIN_ROWS : l.plot.rows;
}

static void fit(app *a)
{
    int c, r;
    plot_size(a, &c, &r);
    view_fit(&a->v, a->ss.surf, c, r);
}

bool app_init(app *a, const surface *s, int cols, int rows, bool braille)
{
    memset(a, 0, sizeof *a);
    if (!session_init(&a->ss, s))
        return false;
    a->cols = cols;
    a->rows = rows;
    a->braille = braille;
    a->show_trail = a->show_arrow = a->show_levels = true;
    a->play_ms = APP_PLAY_MS_DEFAULT;
    fit(a);
    return true;
}

void app_free(app *a)
{
    session_free(&a->ss);
}

void app_resize(app *a, int cols, int rows)
{
    a->cols = cols;
    a->rows = rows;
    int c, r;
    plot_size(a, &c, &r);
    view_resize(&a->v, a->ss.surf, c, r);
}

static void say(app *a, const char *msg)
{
    snprintf(a->message, sizeof a->message, "%s", msg);
}

static void set_eta(app *a, double eta)
{
    if (!session_set_eta(&a->ss, eta))
        say(a, eta > 0 ? "eta is at its largest" : "eta is at its smallest");
}

void app_set_surface(app *a, const surface *s)
{
    session_set_surface(&a->ss, s);
    a->playing = false;
    a->show_heldout = false;
    fit(a);
}

static void switch_surface(app *a, int delta)
{
    size_t n = surface_count(), i = surface_index(a->ss.surf);
    app_set_surface(a, surface_at((i + n + (delta > 0 ? 1 : n - 1)) % n));
}

void app_command_line(const app *a, char *buf, size_t n)
{
    const session *ss = &a->ss;
    int k = snprintf(buf, n, "steepest --surface %s --start %.12g,%.12g --eta %.12g%s",
                     ss->surf->name, ss->x, ss->y, ss->eta, ss->ascend ? " --ascend" : "");
    const surface *s = ss->surf;
    bool centred = a->v.cx == 0.5 * (s->xmin + s->xmax) && a->v.cy == 0.5 * (s->ymin + s->ymax);
    if (k > 0 && (size_t)k < n && (a->v.zoom != 1 || !centred))
        k += snprintf(buf + k, n - (size_t)k, " --zoom %.12g --center %.12g,%.12g", a->v.zoom,
                      a->v.cx, a->v.cy);
    if (k > 0 && (size_t)k < n && a->theme != 0)
        snprintf(buf + k, n - (size_t)k, " --theme %s", frame_theme_name(a->theme));
}

void app_step(app *a)
{
    if (a->probe) {
        analysis_probe p = analysis_probe_at(&a->ss, a->beta);
        session_step_along(&a->ss, p.ux, p.uy);
    } else {
        session_step(&a->ss);
    }
}

static void move_theta(app *a, double dcols, double drows)
{
    double x = a->ss.x + dcols * a->v.upc, y = a->ss.y - drows * a->v.upc * a->v.aspect;
    session_set_theta(&a->ss, x, y);
}

static app_result prompt_key(app *a, int key)
{
    if (key == APP_KEY_ESC) {
        a->prompt = false;
    } else if (key == APP_KEY_ENTER || key == '\n' || key == '\r') {
        double eta;
        a->prompt = false;
        if (cli_parse_double(a->input, &eta) && eta > 0)
            session_set_eta(&a->ss, eta);
        else
            snprintf(a->message, sizeof a->message, "'%s' is not a finite number > 0", a->input);
    } else if (key == APP_KEY_BACKSPACE || key == 127 || key == 8) {
        if (a->input_len > 0)
            a->input[--a->input_len] = '\0';
    } else if (key < 128 && strchr("0123456789.eE-+", key) && key != 0 &&
               a->input_len + 1 < sizeof a->input) {
        a->input[a->input_len++] = (char)key;
        a->input[a->input_len] = '\0';
    }
    return APP_REDRAW;
}

const surface *app_contour_surface(const app *a)
{
    return a->show_heldout && a->ss.surf->heldout ? a->ss.surf->heldout : a->ss.surf;
}

/* Keys that mean something else while the probe is on. Returns false to fall through. */
static bool probe_key(app *a, int key)
{
    switch (key) {
    case APP_KEY_LEFT:
        a->beta = analysis_wrap_degrees(a->beta + 5);
        return true;
    case APP_KEY_RIGHT:
        a->beta = analysis_wrap_degrees(a->beta - 5);
        return true;
    case APP_KEY_SLEFT:
    case 'H':
        a->beta = analysis_wrap_degrees(a->beta + 45);
        return true;
    case APP_KEY_SRIGHT:
    case 'L':
        a->beta = analysis_wrap_degrees(a->beta - 45);
        return true;
    case 'g':
        a->beta = 180;
        return true;
    case 'G':
        a->beta = 0;
        return true;
    case 'c':
        a->beta = 90;
        return true;
    case ' ':
        app_step(a);
        return true;
    case 't':
    case APP_KEY_ESC:
        a->probe = false;
        return true;
    case 'p':
        say(a, "play follows the gradient: leave the probe (t) first");
        return true;
    default:
        return false;
    }
}

app_result app_key(app *a, int key)
{
    a->message[0] = '\0';
    if (a->prompt)
        return prompt_key(a, key);
    if (a->show_help || a->show_lesson) {
        bool help = a->show_help;
        a->show_help = a->show_lesson = false;
        if ((help && key == '?') || (!help && key == 'i') || key == APP_KEY_ESC)
            return APP_REDRAW;
    }
    if (a->probe && probe_key(a, key))
        return APP_REDRAW;
    switch (key) {
    case 'q':
        return APP_QUIT;
    case ' ':
        session_step(&a->ss);
        break;
    case 'a':
        session_set_ascend(&a->ss, !a->ss.ascend);
        break;
    case 'p':
        if (!a->playing && a->ss.status != SESSION_RUNNING) {
            say(a, a->ss.status == SESSION_DIVERGED ? "diverged: lower eta (-) or reset (r)"
                                                    : "converged: nothing left to play (r resets)");
            break;
        }
        a->playing = !a->playing;
        break;
    case '<':
        a->play_ms = a->play_ms * 2 > APP_PLAY_MS_MAX ? APP_PLAY_MS_MAX : a->play_ms * 2;
        snprintf(a->message, sizeof a->message, "play: one step every %d ms", a->play_ms);
        break;
    case '>':
        a->play_ms = a->play_ms / 2 < APP_PLAY_MS_MIN ? APP_PLAY_MS_MIN : a->play_ms / 2;
        snprintf(a->message, sizeof a->message, "play: one step every %d ms", a->play_ms);
        break;
    case '+':
    case '=':
        set_eta(a, a->ss.eta * 2);
        break;
    case '-':
    case '_':
        set_eta(a, a->ss.eta / 2);
        break;
    case ']':
        set_eta(a, a->ss.eta * ETA_FINE);
        break;
    case '[':
        set_eta(a, a->ss.eta / ETA_FINE);
        break;
    case 'e':
        a->prompt = true;
        a->playing = false;
        a->input_len = 0;
        a->input[0] = '\0';
        break;
    case 'r':
        session_reset(&a->ss);
        a->playing = false;
        break;
    case 'n':
        switch_surface(a, 1);
        break;
    case 'N':
        switch_surface(a, -1);
        break;
    case APP_KEY_LEFT:
    case 'h':
        move_theta(a, -1, 0);
        break;
    case APP_KEY_RIGHT:
    case 'l':
        move_theta(a, 1, 0);
        break;
    case APP_KEY_UP:
    case 'k':
        move_theta(a, 0, -1);
        break;
    case APP_KEY_DOWN:
    case 'j':
        move_theta(a, 0, 1);
        break;
    case 'z':
        view_zoom(&a->v, a->ss.surf, ZOOM_STEP);
        break;
    case 'Z':
        view_zoom(&a->v, a->ss.surf, 1 / ZOOM_STEP);
        break;
    case APP_KEY_SLEFT:
    case 'H':
        view_pan(&a->v, -PAN_CELLS, 0);
        break;
    case APP_KEY_SRIGHT:
    case 'L':
        view_pan(&a->v, PAN_CELLS, 0);
        break;
    case APP_KEY_SUP:
    case 'K':
        view_pan(&a->v, 0, -PAN_CELLS / 2);
        break;
    case APP_KEY_SDOWN:
    case 'J':
        view_pan(&a->v, 0, PAN_CELLS / 2);
        break;
    case 'f':
        fit(a);
        break;
    case 'T':
        a->show_trail = !a->show_trail;
        break;
    case 'A':
        a->show_arrow = !a->show_arrow;
        break;
    case 'C':
        a->show_levels = !a->show_levels;
        break;
    case '?':
        a->show_help = true;
        break;
    case 't':
        a->probe = true;
        a->playing = false;
        a->beta = 180; /* start along -∇L, the steepest descent */
        break;
    case 's':
        a->show_eta_chart = !a->show_eta_chart;
        break;
    case 'm':
        a->show_to_min = !a->show_to_min;
        if (a->show_to_min && !analysis_nearest_minimum(a->ss.surf, a->ss.x, a->ss.y))
            say(a, "this surface has no minimum to point at");
        break;
    case 'v':
        if (a->ss.surf->heldout)
            a->show_heldout = !a->show_heldout;
        else
            say(a, "only logistic has a held-out loss");
        break;
    case 'i':
        a->show_lesson = true;
        break;
    case '#':
        a->theme = (a->theme + 1) % FRAME_THEME_COUNT;
        snprintf(a->message, sizeof a->message, "theme: %s", frame_theme_name(a->theme));
        break;
    case 'w':
        a->numbers = !a->numbers;
        break;
    case 'y':
        a->print_command = true;
        say(a, "the command line for this view prints on exit");
        break;
    case APP_KEY_ESC:
        break;
    default:
        return APP_NOTHING;
    }
    return APP_REDRAW;
}

app_result app_click(app *a, int col, int row)
{
    frame_layout l = frame_layout_for(a->cols, a->rows);
    if (l.too_small || col < l.plot.x || row < l.plot.y || col >= l.plot.x + l.plot.cols ||
        row >= l.plot.y + l.plot.rows)
        return APP_NOTHING;
    double x, y;
    view_to_world(&a->v, col - l.plot.x + 0.5, row - l.plot.y + 0.5, &x, &y);
    session_set_theta(&a->ss, x, y);
    a->message[0] = '\0';
    return APP_REDRAW;
}

app_result app_tick(app *a)
{
    if (!a->playing)
        return APP_NOTHING;
    if (session_step(&a->ss) != SESSION_RUNNING)
        a->playing = false;
    return APP_REDRAW;
}
