// SPDX-License-Identifier: MIT
/* Layer: control. The controller (see app.h): modes, the binding table's actions, play, and
 * the scene for the picture. Handlers change state and say what changed; only the caller
 * draws. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/analysis.h"
#include "steepest/app.h"
#include "steepest/frame.h"
#include "steepest/expr.h"
#include "steepest/fit.h"
#include "steepest/parse.h"

#define ETA_FINE  1.25
#define ZOOM_STEP 1.5
#define PAN_CELLS 4

/* The fit pane shows for a surface on data unless D hid it. */
static bool fit_shown(const app *a)
{
    return !a->hide_fit && fit_data_of(a->ss.surf) != NULL;
}

static void plot_size(const app *a, int *cols, int *rows)
{
    frame_layout l = frame_layout_fit(a->cols, a->rows, fit_shown(a));
    /* Too small: keep a nominal plot so the view stays sane until the screen grows. */
    *cols = l.too_small ? FRAME_MIN_COLS : l.plot.cols;
    *rows = l.too_small ? FRAME_MIN_ROWS : l.plot.rows;
}

void app_fit(app *a)
{
    int c, r;
    plot_size(a, &c, &r);
    view_fit(&a->v, a->ss.surf, c, r);
}

/* The help overlay lists the table's rows that have keys to show. */
static void collect_help(app *a)
{
    size_t n;
    const binding *t = bindings_table(&n);
    a->n_help = 0;
    for (size_t k = 0; k < n && a->n_help < APP_MAX_HELP; k++)
        if (t[k].keys)
            a->help[a->n_help++] = (scene_help_line){t[k].keys, t[k].ascii_keys, t[k].what};
}

bool app_init(app *a, registry *reg, const surface *s, int cols, int rows, bool braille)
{
    memset(a, 0, sizeof *a);
    if (!session_init(&a->ss, s))
        return false;
    a->reg = reg;
    a->cols = cols;
    a->rows = rows;
    a->braille = braille;
    a->show_trail = a->show_arrow = a->show_levels = true;
    a->play_ms = APP_PLAY_MS_DEFAULT;
    a->play_steps = 1;
    collect_help(a);
    app_fit(a);
    return true;
}

/* The next minibatch of the focused sgd walker as a surface: same box and levels as the full
 * loss, L over the batch's rows only (their own data, with a summary on many rows, so a big
 * batch draws as fast as the full loss). A new serial whenever the rows change, so the contour
 * cache (keyed on address and serial) redraws. */
struct app_batch {
    surface surf;
    const surface *base;
    size_t *rows, n, cap;
    fit_data *data;
    unsigned long serial;
};

/* The batch surface for the focused walker, or NULL when it has no minibatch to show. */
static const surface *batch_surface(const app *a)
{
    const walker *w = session_walker(&a->ss);
    optimizer_batch ob;
    struct app_batch *b = a->batch;
    if (!b || !optimizer_batch_of(w->type, w->state, &ob) || ob.batch >= ob.rows)
        return NULL;
    bool same = b->base == w->surf && b->n == ob.next_n &&
                memcmp(b->rows, ob.next, ob.next_n * sizeof *ob.next) == 0;
    if (!same) {
        if (ob.next_n > b->cap) {
            size_t *rows = realloc(b->rows, ob.next_n * sizeof *rows);
            if (!rows)
                return NULL;
            b->rows = rows;
            b->cap = ob.next_n;
        }
        fit_data *data = fit_data_rows(w->surf, ob.next, ob.next_n);
        if (!data)
            return NULL;
        fit_data_free(b->data);
        b->data = data;
        memcpy(b->rows, ob.next, ob.next_n * sizeof *ob.next);
        b->n = ob.next_n;
        b->base = w->surf;
        b->surf = *w->surf;
        b->surf.name = "batch";
        b->surf.eval = fit_eval;
        b->surf.params = data;
        b->surf.points = NULL;
        b->surf.n_points = 0;
        b->surf.heldout = NULL;
        b->surf.owns_points = false;
        b->surf.release = NULL;
        b->surf.serial = ++b->serial;
    }
    return &b->surf;
}

void app_free(app *a)
{
    session_free(&a->ss);
    if (a->batch) {
        free(a->batch->rows);
        fit_data_free(a->batch->data);
    }
    free(a->batch);
    a->batch = NULL;
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

/* b and B: the focused sgd walker's minibatch size halves or doubles, within 1..N rows. The
 * optimizer restarts from θ with the new size (epoch 1, reshuffled by its seed). */
static void change_batch(app *a, bool up)
{
    const walker *w = session_walker(&a->ss);
    optimizer_batch ob;
    if (!optimizer_batch_of(w->type, w->state, &ob)) {
        say(a,
            w->type == optimizer_sgd ? "b/B: sgd needs data (--data)" : "b/B: for sgd (--batch B)");
        return;
    }
    size_t b =
        up ? (ob.batch >= ob.rows / 2 ? ob.rows : ob.batch * 2) : (ob.batch > 1 ? ob.batch / 2 : 1);
    if (b == ob.batch) {
        say(a, up ? "B is every row already" : "B is one row already");
        return;
    }
    optspec spec;
    memset(&spec, 0, sizeof spec);
    spec.type = optimizer_sgd;
    spec.params[0] = (double)b;
    spec.param_given[0] = true;
    session_tune_walker(&a->ss, a->ss.focus, &spec);
    if (b >= ob.rows)
        snprintf(a->message, sizeof a->message, "B=%zu: all rows, plain gd", b);
    else
        snprintf(a->message, sizeof a->message, "B=%zu of %zu: epoch 1 anew", b, ob.rows);
}

void app_set_surface(app *a, const surface *s)
{
    session_set_surface(&a->ss, s);
    a->playing = false;
    a->show_heldout = false;
    app_fit(a);
}

static void switch_surface(app *a, int delta)
{
    size_t n = registry_count(a->reg), i = registry_index(a->reg, a->ss.surf);
    if (n == 0)
        return;
    if (i >= n) /* not listed (a held-out twin, a surface given directly): start at the ends */
        i = delta > 0 ? n - 1 : 0;
    app_set_surface(a, registry_at(a->reg, (i + n + (delta > 0 ? 1 : n - 1)) % n));
}

void app_step(app *a)
{
    if (a->probe) {
        analysis_point here = walker_here(session_walker(&a->ss));
        analysis_probe p =
            analysis_probe_at(a->ss.surf, &here, session_walker(&a->ss)->eta, a->beta);
        session_step_along(&a->ss, p.ux, p.uy);
    } else {
        session_step(&a->ss);
        session_sync(&a->ss);
    }
}

bool app_too_small(const app *a)
{
    return !a->numbers && frame_layout_fit(a->cols, a->rows, fit_shown(a)).too_small;
}

bool app_frozen(const app *a)
{
    if (session_running(&a->ss))
        return false;
    return !a->probe || session_walker(&a->ss)->status == WALKER_DIVERGED;
}

void app_steps(app *a, unsigned long n)
{
    for (unsigned long k = 0; k < n && !app_frozen(a); k++) {
        if (a->probe)
            app_step(a);
        else
            session_step(&a->ss);
    }
    session_sync(&a->ss);
}

static void move_theta(app *a, double dcols, double drows)
{
    const walker *w = session_walker(&a->ss);
    double x = w->x + dcols * a->v.upc, y = w->y - drows * a->v.upc * a->v.aspect;
    session_set_theta(&a->ss, x, y);
}

const surface *app_contour_surface(const app *a)
{
    const surface *batch = a->show_batch ? batch_surface(a) : NULL;
    if (batch)
        return batch;
    return a->show_heldout && a->ss.surf->heldout ? a->ss.surf->heldout : a->ss.surf;
}

app_mode app_mode_now(const app *a)
{
    if (a->prompt)
        return MODE_ETA;
    if (a->show_help)
        return MODE_HELP;
    if (a->show_lesson)
        return MODE_LESSON;
    if (a->probe)
        return MODE_PROBE;
    return a->numbers ? MODE_NUMBERS : MODE_NORMAL;
}

/* After o: a spec with a name adds a walker (NAME[:key=value...]); key=value... alone retunes
 * the walker in focus (eta, start, its hyper-parameters). */
static void apply_spec(app *a)
{
    optspec spec[SESSION_MAX_WALKERS];
    char msg[200];
    const walker *w = session_walker(&a->ss);
    bool tune = strchr(a->input, '=') && !strchr(a->input, ':') &&
                strcspn(a->input, "=") < strlen(a->input);
    char text[sizeof a->input + 64];
    if (tune) /* the focused walker's own type names the keys */
        snprintf(text, sizeof text, "%s:%s", w->type->name, a->input);
    else
        snprintf(text, sizeof text, "%s", a->input);
    size_t room = tune ? 1 : SESSION_MAX_WALKERS - a->ss.n_walkers;
    int n = optspec_parse(text, spec, room, msg, sizeof msg);
    if (n < 0) {
        snprintf(a->message, sizeof a->message, "%s", msg);
        return;
    }
    if (tune) {
        session_tune_walker(&a->ss, a->ss.focus, &spec[0]);
        snprintf(a->message, sizeof a->message, "walker %zu (%s) retuned", a->ss.focus + 1,
                 w->type->name);
        return;
    }
    for (int k = 0; k < n; k++) {
        int i = session_add_walker(&a->ss, spec[k].type);
        if (i < 0) {
            say(a, "no room for another walker (16 at most)");
            return;
        }
        session_tune_walker(&a->ss, (size_t)i, &spec[k]);
    }
    snprintf(a->message, sizeof a->message, "%zu walkers: Tab moves the focus", a->ss.n_walkers);
}

/* After E: the formula becomes a new surface (in the registry, so n/N find it again), θ kept
 * where L is still finite there; on an error the old surface stays and the prompt stays open
 * with the error under its column. Returns true when the prompt may close. */
static bool apply_formula(app *a)
{
    const surface *old = a->ss.surf;
    const walker *w = session_walker(&a->ss);
    double x = w->x, y = w->y;
    char name[32], vars[80] = "";
    snprintf(name, sizeof name, "typed-%u", a->typed + 1);
    /* The current axes' names carry over (w, b stay w, b) when they are names a formula can use. */
    if (strcmp(old->axis_x, "x") != 0 || strcmp(old->axis_y, "y") != 0)
        snprintf(vars, sizeof vars, "%s,%s", old->axis_x, old->axis_y);
    expr_spec spec = {
        a->input, vars[0] ? vars : NULL, name, NULL, NULL, false, 0, 0, 0, 0, false, 0, 0, 0};
    expr_error e;
    char note[200] = "";
    surface *s = expr_surface(&spec, &e, note, sizeof note);
    if (!s && vars[0]) { /* the old names did not fit the formula: try x and y */
        spec.vars = NULL;
        s = expr_surface(&spec, &e, note, sizeof note);
    }
    if (!s) {
        a->prompt_error_col = e.col;
        snprintf(a->prompt_error, sizeof a->prompt_error, "%s", e.msg);
        return false;
    }
    if (!registry_add(a->reg, s)) {
        snprintf(a->prompt_error, sizeof a->prompt_error, "%s", "out of memory");
        a->prompt_error_col = 0;
        return false;
    }
    a->typed++;
    app_set_surface(a, s);
    double f, g[2];
    surface_eval(s, x, y, &f, g, NULL);
    if (isfinite(f) && isfinite(g[0]) && isfinite(g[1]))
        session_set_start(&a->ss, x, y);
    snprintf(a->message, sizeof a->message, "%.200s", note[0] ? note : "your formula: n/N go back");
    return true;
}

/* η entry: digits and the characters of a number, Backspace, Enter sets, Esc cancels. */
static app_result prompt_key(app *a, int key)
{
    if (key == KEYC_ESC) {
        a->prompt = false;
    } else if (key == KEYC_ENTER || key == '\n' || key == '\r') {
        double eta;
        a->prompt = false;
        if (a->input_len == 0) /* nothing typed: the same as Esc */
            return APP_REDRAW;
        if (a->prompt_formula) {
            a->prompt = !apply_formula(a); /* an error keeps the prompt open to fix it */
            return APP_REDRAW;
        }
        if (a->prompt_spec)
            apply_spec(a);
        else if (parse_double(a->input, &eta) && eta > 0)
            session_set_eta(&a->ss, eta);
        else
            snprintf(a->message, sizeof a->message, "'%.60s' is not a finite number > 0", a->input);
    } else if (key == KEYC_BACKSPACE || key == 127 || key == 8) {
        if (a->input_len > 0)
            a->input[--a->input_len] = '\0';
    } else if (key > 0 && key < 128 &&
               (a->prompt_formula
                    ? key >= 0x20 && key < 0x7f
                    : strchr(a->prompt_spec ? "0123456789.eE-+:=,/abcdfghijklmnopqrstuvwxyz"
                                            : "0123456789.eE-+",
                             key) != NULL) &&
               a->input_len + 1 < sizeof a->input) {
        a->prompt_error[0] = '\0';
        a->prompt_error_col = 0;
        a->input[a->input_len++] = (char)key;
        a->input[a->input_len] = '\0';
    }
    return APP_REDRAW;
}

static void turn(app *a, double degrees)
{
    a->beta = analysis_wrap_degrees(a->beta + degrees);
}

static app_result play(app *a)
{
    if (a->probe) {
        say(a, "play follows the gradient: leave the probe (t) first");
        return APP_REDRAW;
    }
    const walker *w = session_walker(&a->ss);
    if (!a->playing && !session_running(&a->ss)) {
        say(a, w->status == WALKER_DIVERGED ? "diverged: lower eta (-) or reset (r)"
                                            : "converged: nothing left to play (r resets)");
        return APP_REDRAW;
    }
    a->playing = !a->playing;
    return APP_REDRAW;
}

/* Slower: fewer steps per tick first, then longer ticks; faster: shorter ticks down to the
 * shortest, then more steps per tick (frames skipped, not steps). */
static void play_speed(app *a, bool faster)
{
    if (faster && a->play_ms <= APP_PLAY_MS_MIN)
        a->play_steps =
            a->play_steps * 2 > APP_PLAY_STEPS_MAX ? APP_PLAY_STEPS_MAX : a->play_steps * 2;
    else if (faster)
        a->play_ms = a->play_ms / 2 < APP_PLAY_MS_MIN ? APP_PLAY_MS_MIN : a->play_ms / 2;
    else if (a->play_steps > 1)
        a->play_steps /= 2;
    else
        a->play_ms = a->play_ms * 2 > APP_PLAY_MS_MAX ? APP_PLAY_MS_MAX : a->play_ms * 2;
    if (a->play_steps > 1)
        snprintf(a->message, sizeof a->message, "play: %d steps every %d ms", a->play_steps,
                 a->play_ms);
    else
        snprintf(a->message, sizeof a->message, "play: one step every %d ms", a->play_ms);
}

app_result app_act(app *a, app_action act)
{
    const walker *w = session_walker(&a->ss);
    switch (act) {
    case ACT_NONE:
        return APP_NOTHING;
    case ACT_QUIT:
        return APP_QUIT;
    case ACT_STEP:
        app_step(a);
        break;
    case ACT_ASCEND:
        session_set_ascend(&a->ss, !w->ascend);
        break;
    case ACT_PLAY:
        return play(a);
    case ACT_SLOWER:
        play_speed(a, false);
        break;
    case ACT_FASTER:
        play_speed(a, true);
        break;
    case ACT_FAST:
        if (!session_running(&a->ss)) {
            say(a, w->status == WALKER_DIVERGED ? "diverged: lower eta (-) or reset (r)"
                                                : "converged: nothing left to run (r resets)");
            break;
        }
        a->fast = true;
        a->fast_left = APP_FAST_LIMIT;
        a->playing = false;
        say(a, "fast-forward: any key stops it");
        break;
    case ACT_ETA_UP:
        set_eta(a, w->eta * 2);
        break;
    case ACT_ETA_DOWN:
        set_eta(a, w->eta / 2);
        break;
    case ACT_ETA_FINE_UP:
        set_eta(a, w->eta * ETA_FINE);
        break;
    case ACT_ETA_FINE_DOWN:
        set_eta(a, w->eta / ETA_FINE);
        break;
    case ACT_FORMULA: {
        a->prompt = a->prompt_formula = true;
        a->prompt_spec = false;
        a->playing = false;
        a->prompt_error[0] = '\0';
        a->prompt_error_col = 0;
        /* A typed surface's formula comes back to be edited; a built-in's starts empty. */
        const surface *s = a->ss.surf;
        snprintf(a->input, sizeof a->input, "%s", s->serial && s->formula ? s->formula : "");
        a->input_len = strlen(a->input);
        break;
    }
    case ACT_ETA_TYPE:
        a->prompt = true;
        a->prompt_spec = a->prompt_formula = false;
        a->playing = false;
        a->input_len = 0;
        a->input[0] = '\0';
        break;
    case ACT_RESET:
        session_reset(&a->ss);
        a->playing = false;
        break;
    case ACT_NEXT_SURFACE:
        switch_surface(a, 1);
        break;
    case ACT_PREV_SURFACE:
        switch_surface(a, -1);
        break;
    case ACT_MOVE_LEFT:
        move_theta(a, -1, 0);
        break;
    case ACT_MOVE_RIGHT:
        move_theta(a, 1, 0);
        break;
    case ACT_MOVE_UP:
        move_theta(a, 0, -1);
        break;
    case ACT_MOVE_DOWN:
        move_theta(a, 0, 1);
        break;
    case ACT_ZOOM_IN: /* about θ when it is on the plot, so zooming in never loses it */
    case ACT_ZOOM_OUT: {
        double factor = act == ACT_ZOOM_IN ? ZOOM_STEP : 1 / ZOOM_STEP, c, r;
        view_to_cell(&a->v, w->x, w->y, &c, &r);
        if (c >= 0 && r >= 0 && c < a->v.cols && r < a->v.rows)
            view_zoom_about(&a->v, a->ss.surf, factor, w->x, w->y);
        else
            view_zoom(&a->v, a->ss.surf, factor);
        break;
    }
    case ACT_PAN_LEFT:
        view_pan(&a->v, a->ss.surf, -PAN_CELLS, 0);
        break;
    case ACT_PAN_RIGHT:
        view_pan(&a->v, a->ss.surf, PAN_CELLS, 0);
        break;
    case ACT_PAN_UP:
        view_pan(&a->v, a->ss.surf, 0, -PAN_CELLS / 2);
        break;
    case ACT_PAN_DOWN:
        view_pan(&a->v, a->ss.surf, 0, PAN_CELLS / 2);
        break;
    case ACT_FIT:
        app_fit(a);
        break;
    case ACT_TRAIL:
        a->show_trail = !a->show_trail;
        break;
    case ACT_ARROW:
        a->show_arrow = !a->show_arrow;
        break;
    case ACT_LEVELS:
        a->show_levels = !a->show_levels;
        break;
    case ACT_PROBE:
        a->probe = !a->probe;
        if (a->probe) {
            a->playing = false;
            a->beta = 180; /* start along -∇L, the steepest descent */
        }
        break;
    case ACT_TURN_LEFT:
        turn(a, 5);
        break;
    case ACT_TURN_RIGHT:
        turn(a, -5);
        break;
    case ACT_TURN_LEFT_45:
        turn(a, 45);
        break;
    case ACT_TURN_RIGHT_45:
        turn(a, -45);
        break;
    case ACT_U_DESCENT:
        a->beta = 180;
        break;
    case ACT_U_ASCENT:
        a->beta = 0;
        break;
    case ACT_U_LEVEL:
        a->beta = 90;
        break;
    case ACT_ETA_CHART:
        a->show_eta_chart = !a->show_eta_chart;
        a->show_slice = false;
        break;
    case ACT_WALKER_SPEC:
        a->prompt = a->prompt_spec = true;
        a->prompt_formula = false;
        a->playing = false;
        a->input_len = 0;
        a->input[0] = '\0';
        break;
    case ACT_WALKER_REMOVE:
        if (!session_remove_walker(&a->ss, a->ss.focus))
            say(a, "the last walker stays (o adds one)");
        break;
    case ACT_FOCUS_NEXT:
        session_set_focus(&a->ss, (a->ss.focus + 1) % a->ss.n_walkers);
        if (a->ss.n_walkers == 1)
            say(a, "one walker: o adds another, e.g. momentum or adam:eta=0.1");
        break;
    case ACT_SAVE_FRAME:
        a->save_frame = true;
        break;
    case ACT_MARK:
        a->mark = true;
        break;
    case ACT_FIT_PANE:
        if (!fit_data_of(a->ss.surf)) {
            say(a, "the fit pane is for a model on data (--data)");
            break;
        }
        a->hide_fit = !a->hide_fit;
        app_resize(a, a->cols, a->rows);
        break;
    case ACT_BATCH_DOWN:
    case ACT_BATCH_UP:
        change_batch(a, act == ACT_BATCH_UP);
        break;
    case ACT_AXES:
        a->show_axes = !a->show_axes;
        break;
    case ACT_SLICE:
        a->show_slice = !a->show_slice;
        a->show_eta_chart = false;
        break;
    case ACT_TO_MIN:
        a->show_to_min = !a->show_to_min;
        if (a->show_to_min && !analysis_nearest_minimum(a->ss.surf, w->x, w->y))
            say(a, "this surface has no minimum to point at");
        break;
    case ACT_BATCH_CONTOURS:
        if (!a->batch)
            a->batch = calloc(1, sizeof *a->batch);
        a->show_batch = !a->show_batch;
        if (a->show_batch && !batch_surface(a)) {
            a->show_batch = false;
            say(a, "V: for an sgd walker (--batch B)");
        } else if (a->show_batch) {
            a->show_heldout = false;
        }
        break;
    case ACT_HELDOUT:
        if (a->ss.surf->heldout) {
            a->show_heldout = !a->show_heldout;
            a->show_batch = false;
        } else
            say(a, "only logistic has a held-out loss");
        break;
    case ACT_LESSON:
        a->show_lesson = true;
        break;
    case ACT_THEME:
        a->theme = (a->theme + 1) % FRAME_THEME_COUNT;
        snprintf(a->message, sizeof a->message, "theme: %s", frame_theme_name(a->theme));
        break;
    case ACT_NUMBERS:
        a->numbers = !a->numbers;
        break;
    case ACT_PRINT_COMMAND:
        a->print_command = true;
        say(a, "the command line for this view prints on exit");
        break;
    case ACT_REPAINT:
        return APP_REPAINT;
    case ACT_HELP:
        a->show_help = true;
        break;
    case ACT_LEAVE:
        a->probe = false;
        break;
    }
    return APP_REDRAW;
}

/* Keys that replay: all but y (it only asks for the line) and Ctrl-L (a repaint). */
static void log_key(app *a, int key)
{
    if (key == 'y' || key == KEYS_CTRL('l'))
        return;
    if (a->n_keylog == APP_KEYLOG_MAX || key == '\t' || key < 0)
        a->keylog_broken = true; /* Tab has no spelling in --keys; -1 is an unknown key */
    else
        a->keylog[a->n_keylog++] = key;
}

app_result app_key(app *a, int key)
{
    /* Too small for the picture: only what the screen offers (the numbers view, quit) acts;
     * any other key would change a view no one can see. */
    if (app_too_small(a)) {
        /* Whatever was open (a prompt, an overlay) cannot be seen: w and q act as the notice
         * says, Esc closes it, the rest waits for a screen to show it on. */
        app_action act = bindings_lookup(MODE_NORMAL, key);
        if (act != ACT_NUMBERS && act != ACT_QUIT && key != KEYC_ESC)
            return APP_NOTHING;
        a->prompt = a->show_help = a->show_lesson = false;
        if (key == KEYC_ESC)
            return APP_REDRAW;
        if (act == ACT_QUIT)
            return APP_QUIT;
    }
    log_key(a, key);
    if (a->fast) { /* any key stops a fast-forward, and only stops it */
        a->fast = false;
        snprintf(a->message, sizeof a->message, "fast-forward stopped at step %lu",
                 session_walker(&a->ss)->step);
        return APP_REDRAW;
    }
    bool had_message = a->message[0] != '\0';
    a->message[0] = '\0';
    app_mode mode = app_mode_now(a);
    switch (mode) {
    case MODE_ETA:
        return prompt_key(a, key);
    case MODE_HELP:
    case MODE_LESSON:
        /* Any key closes an overlay, and does nothing else: what is pressed to dismiss it
         * must not also step or quit behind it. */
        a->show_help = a->show_lesson = false;
        return APP_REDRAW;
    default: {
        app_result r = app_act(a, bindings_lookup(mode, key));
        if (r == APP_QUIT && a->n_keylog > 0 && a->keylog[a->n_keylog - 1] == key)
            a->n_keylog--; /* the line replays the view, not the quitting */
        return r == APP_NOTHING && had_message ? APP_REDRAW : r;
    }
    }
}

app_result app_click(app *a, int col, int row)
{
    frame_layout l = frame_layout_fit(a->cols, a->rows, fit_shown(a));
    if (l.too_small || col < l.plot.x || row < l.plot.y || col >= l.plot.x + l.plot.cols ||
        row >= l.plot.y + l.plot.rows)
        return APP_NOTHING;
    double x, y;
    view_to_world(&a->v, col - l.plot.x + 0.5, row - l.plot.y + 0.5, &x, &y);
    session_set_theta(&a->ss, x, y);
    a->keylog_broken = true; /* a click cannot be replayed by --keys */
    a->message[0] = '\0';
    return APP_REDRAW;
}

app_result app_tick(app *a)
{
    if (!a->playing)
        return APP_NOTHING;
    for (int k = 0; k < a->play_steps && session_running(&a->ss); k++)
        session_step(&a->ss);
    session_sync(&a->ss); /* the frame shows full L and ∇L, whatever the steps skipped */
    if (!session_running(&a->ss))
        a->playing = false;
    return APP_REDRAW;
}

app_result app_fast_steps(app *a, unsigned long n)
{
    if (!a->fast)
        return APP_NOTHING;
    for (unsigned long k = 0; (n == 0 || k < n) && a->fast_left > 0; k++) {
        if (!session_running(&a->ss))
            break;
        session_step(&a->ss);
        a->fast_left--;
    }
    session_sync(&a->ss);
    if (!session_running(&a->ss) || a->fast_left == 0) {
        const walker *w = session_walker(&a->ss);
        a->fast = false;
        snprintf(a->message, sizeof a->message, "fast-forward: %s at step %lu",
                 w->status == WALKER_CONVERGED  ? "converged"
                 : w->status == WALKER_DIVERGED ? "diverged"
                                                : "step limit reached",
                 w->step);
    }
    return APP_REDRAW;
}

void app_scene(const app *a, scene *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->ss = &a->ss;
    sc->w = session_walker(&a->ss);
    sc->here = walker_here(sc->w);
    sc->contour_surf = app_contour_surface(a);
    sc->surf_count = registry_count(a->reg);
    sc->surf_index = registry_index(a->reg, a->ss.surf);
    sc->v = a->v;
    sc->cols = a->cols;
    sc->rows = a->rows;
    sc->braille = a->braille;
    sc->theme = a->theme;
    sc->show_trail = a->show_trail;
    sc->show_arrow = a->show_arrow;
    sc->show_levels = a->show_levels;
    sc->show_to_min = a->show_to_min;
    sc->show_heldout = a->show_heldout;
    sc->show_batch = sc->contour_surf != a->ss.surf && sc->contour_surf != a->ss.surf->heldout;
    sc->show_eta_chart = a->show_eta_chart;
    sc->show_slice = a->show_slice;
    sc->show_axes = a->show_axes;
    sc->show_fit = fit_shown(a);
    sc->show_help = a->show_help;
    sc->show_lesson = a->show_lesson;
    sc->numbers = a->numbers;
    sc->playing = a->playing;
    sc->probe = a->probe;
    sc->beta = a->beta;
    sc->prompt = a->prompt;
    sc->prompt_spec = a->prompt_spec;
    sc->prompt_formula = a->prompt_formula;
    sc->prompt_error = a->prompt_error;
    sc->prompt_error_col = a->prompt_error_col;
    sc->input = a->input;
    sc->message = a->message;
    sc->caption = a->caption;
    sc->demo_status = a->demo_status;
    sc->help = a->help;
    sc->n_help = a->n_help;
}
