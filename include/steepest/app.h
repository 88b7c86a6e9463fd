/* The controller: one interactive run's whole state (session, view, display toggles, play,
 * the η prompt) and every key's action, with no terminal in sight.
 *
 * The terminal layer (tui.c) and the headless --snapshot both feed keys to app_key(); what
 * one can do, the other can, so a snapshot after keys is exactly the screen after them. */
#ifndef STEEPEST_APP_H
#define STEEPEST_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/session.h"
#include "steepest/view.h"

/* Keys beyond characters, as the terminal layer reports them. */
enum {
    APP_KEY_UP = 0x110000,
    APP_KEY_DOWN,
    APP_KEY_LEFT,
    APP_KEY_RIGHT,
    APP_KEY_SUP,
    APP_KEY_SDOWN,
    APP_KEY_SLEFT,
    APP_KEY_SRIGHT,
    APP_KEY_ENTER,
    APP_KEY_BACKSPACE,
    APP_KEY_ESC,
};

typedef enum { APP_NOTHING, APP_REDRAW, APP_QUIT } app_result;

#define APP_PLAY_MS_DEFAULT 120
#define APP_PLAY_MS_MIN     15
#define APP_PLAY_MS_MAX     2000

typedef struct {
    session ss;
    view v;
    int cols, rows; /* the whole screen */
    bool braille;   /* braille dots and UTF-8 labels; ASCII otherwise */
    bool show_trail, show_arrow, show_levels, show_help;
    bool playing;
    int play_ms;
    bool prompt; /* typing an exact η */
    char input[32];
    size_t input_len;
    char message[120]; /* one transient line, cleared by the next key */
    /* The direction probe: u at beta degrees from ∇L, turned by the user. */
    bool probe;
    double beta;
    bool show_eta_chart; /* how ΔL depends on η, instead of the loss history */
    bool show_to_min;    /* the direction from θ to the nearest minimum */
    bool show_heldout;   /* contours of the held-out loss, where the surface has one */
    bool show_lesson;
    int theme;            /* frame_theme */
    bool numbers;         /* numbers-only view */
    bool print_command;   /* y: print the command line for this view on exit */
    char caption[160];    /* a demo's caption, under the plot */
    char demo_status[96]; /* "DEMO name 3/12 ...", while a demo plays */
} app;

/* Starts on s with the surface's defaults. False only if out of memory. */
bool app_init(app *a, const surface *s, int cols, int rows, bool braille);
void app_free(app *a);

app_result app_key(app *a, int key);
/* A click at screen cell (col, row): inside the plot it places θ there. */
app_result app_click(app *a, int col, int row);
/* One play tick: a step while playing; play stops on convergence or divergence. */
app_result app_tick(app *a);
void app_resize(app *a, int cols, int rows);

/* One step as space takes it: along ∓∇L, or along u in the probe. */
void app_step(app *a);
/* Switch surface, with its defaults, and fit the view to it. */
void app_set_surface(app *a, const surface *s);

/* The command line that reproduces this view: surface, θ, η, direction, zoom, theme. */
void app_command_line(const app *a, char *buf, size_t n);

/* The surface whose contours are drawn: the held-out twin when chosen, else the surface. */
const surface *app_contour_surface(const app *a);

/* The key table, for the help overlay: what to press and what it does. */
typedef struct {
    const char *keys;
    const char *ascii_keys; /* the same, in ASCII */
    const char *what;
} app_help_line;
size_t app_help(const app_help_line **lines);

#endif
