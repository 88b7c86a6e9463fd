// SPDX-License-Identifier: MIT
/* Layer: control. The controller: one interactive run's whole state (session, view, display
 * toggles, play, the η prompt, the mode) and what every action does, with no terminal in
 * sight. Keys are looked up in the one binding table (bindings.h); each handler changes state
 * and says what must happen next; only the caller draws, from the scene app_scene() builds.
 *
 * The terminal layer and the headless --snapshot both feed keys to app_key(); what one can
 * do, the other can, so a snapshot after keys is exactly the screen after them. The
 * controller may call the picture (layout, scene), the model and the core; never the
 * terminal or the front. */
#ifndef STEEPEST_APP_H
#define STEEPEST_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/bindings.h"
#include "steepest/keys.h"
#include "steepest/registry.h"
#include "steepest/scene.h"
#include "steepest/session.h"
#include "steepest/view.h"

/* What the caller must do after an action. */
typedef enum {
    APP_NOTHING, /* nothing visible changed */
    APP_REDRAW,  /* render and blit a new frame */
    APP_REPAINT, /* the same, after forgetting what the terminal shows (Ctrl-L) */
    APP_QUIT
} app_result;

#define APP_PLAY_MS_DEFAULT 120
#define APP_PLAY_MS_MIN     15
#define APP_PLAY_MS_MAX     2000
#define APP_MAX_HELP        48
#define APP_KEYLOG_MAX      4096
#define APP_PLAY_STEPS_MAX  1024
#define APP_FAST_LIMIT      1000000UL /* steps one fast-forward takes at most */

typedef struct {
    registry *reg; /* the surfaces n/N walk through (E adds typed ones); not owned */
    session ss;
    view v;
    int cols, rows; /* the whole screen */
    bool braille;   /* braille dots and UTF-8 labels; ASCII otherwise */
    bool show_trail, show_arrow, show_levels, show_help;
    bool playing;
    int play_ms;
    int play_steps; /* steps per play tick: past the fastest tick, play skips frames */
    bool fast;      /* fast-forward: step until converged, diverged or the limit */
    unsigned long fast_left;
    bool prompt;      /* typing an exact η, or a walker spec when prompt_spec */
    bool prompt_spec; /* o: NAME[:key=value...] adds a walker; key=value... retunes the focused */
    bool prompt_formula;    /* E: a formula for a new typed surface */
    char prompt_error[160]; /* the formula's error, shown under the input at prompt_error_col */
    int prompt_error_col;
    unsigned typed; /* typed surfaces made so far, for their names */
    char input[256];
    size_t input_len;
    char message[240]; /* one transient line, cleared by the next key */
    /* The direction probe: u at beta degrees from ∇L, turned by the user. */
    bool probe;
    double beta;
    bool show_eta_chart; /* how ΔL depends on η, instead of the loss history */
    bool show_slice;     /* L along the step direction and its Taylor polynomials */
    bool show_axes;      /* the Hessian's eigenvectors at θ */
    bool hide_fit;       /* D: no fit pane for a surface on data */
    bool show_to_min;    /* the direction from θ to the nearest minimum */
    bool show_heldout;   /* contours of the held-out loss, where the surface has one */
    bool show_batch;     /* V: contours of the loss over the next minibatch (sgd) */
    /* That minibatch as a surface, refreshed when the contours are asked for (heap: the
     * scene is built from a const app). */
    struct app_batch *batch;
    bool show_lesson;
    int theme;            /* frame_theme */
    bool numbers;         /* numbers-only view */
    bool print_command;   /* y: print the command line for this view on exit */
    bool save_frame;      /* P: the terminal writes the frame to text files, then clears it */
    bool mark;            /* M: the terminal marks the recording here, then clears it */
    char caption[160];    /* a demo's caption, under the plot */
    char demo_status[96]; /* "DEMO name 3/12 ...", while a demo plays */
    /* Every key pressed since the start, so `y` can print a command line that replays the
     * view exactly; broken by what keys cannot replay (a mouse click, a demo, a full log). */
    int keylog[APP_KEYLOG_MAX];
    size_t n_keylog;
    bool keylog_broken;
    scene_help_line help[APP_MAX_HELP]; /* the binding table's listed rows, for the overlay */
    size_t n_help;
} app;

/* Starts on s (one of reg's, or any surface) with its defaults. False only if out of memory. */
bool app_init(app *a, registry *reg, const surface *s, int cols, int rows, bool braille);
void app_free(app *a);

/* The mode keys are read in now. */
app_mode app_mode_now(const app *a);
app_result app_key(app *a, int key);
/* Performs one action as its key would. */
app_result app_act(app *a, app_action act);
/* A click at screen cell (col, row): inside the plot it places θ there. */
app_result app_click(app *a, int col, int row);
/* One play tick: play_steps steps while playing; play stops when no walker is running. */
app_result app_tick(app *a);
/* Fast-forward: up to n more steps (all that are left when n is 0). Stops, and clears
 * a->fast, on convergence, divergence or the limit. The terminal calls it between frames,
 * so frames are skipped, not steps. */
app_result app_fast_steps(app *a, unsigned long n);
void app_resize(app *a, int cols, int rows);

/* One step as space takes it: along ∓∇L, or along u in the probe. */
void app_step(app *a);
/* True when a step would show nothing new: no walker is running, and this is not a probe
 * walk (which goes on past a converged point) that can still move. */
bool app_frozen(const app *a);
/* True when the terminal is too small for the picture (and the numbers view is off): then only
 * w, q and Esc act, whoever handles keys. */
bool app_too_small(const app *a);
/* Up to n steps as app_step takes them, stopping once app_frozen; the walkers' numbers are
 * brought up to date once, at the end (a long minibatch walk skips them in between). */
void app_steps(app *a, unsigned long n);
/* Switch surface, with its defaults, and fit the view to it. */
void app_set_surface(app *a, const surface *s);
/* Fit the view to the surface's domain. */
void app_fit(app *a);

/* The surface whose contours are drawn: the held-out twin when chosen, else the surface. */
const surface *app_contour_surface(const app *a);

/* What to draw now, for frame_render. Valid until the app changes. */
void app_scene(const app *a, scene *sc);

#endif
