// SPDX-License-Identifier: MIT
/* Layer: picture. The scene: one read-only description of what to draw, built by the
 * controller before each frame. The picture reads only this (and, through its pointers, the
 * model, read-only); it never calls the controller or the front. */
#ifndef STEEPEST_SCENE_H
#define STEEPEST_SCENE_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/analysis.h"
#include "steepest/session.h"
#include "steepest/view.h"

/* One row of the help overlay: what to press (UTF-8 and ASCII) and what it does. */
typedef struct {
    const char *keys;
    const char *ascii_keys;
    const char *what;
} scene_help_line;

typedef struct {
    const session *ss;
    const walker *w;               /* the walker in focus */
    analysis_point here;           /* its θ, with L, ∇L and ∇²L */
    const surface *contour_surf;   /* whose contours are drawn (the held-out twin, or ss->surf) */
    size_t surf_index, surf_count; /* "2/14" in the panel */
    view v;
    int cols, rows; /* the whole screen */
    bool braille;   /* braille dots and UTF-8 labels; ASCII otherwise */
    int theme;      /* frame_theme */
    bool show_trail, show_arrow, show_levels;
    bool show_to_min, show_heldout, show_batch, show_eta_chart;
    bool show_slice; /* the loss along the step direction, with its Taylor polynomials */
    bool show_axes;  /* the Hessian's eigenvectors at θ, labelled with λ */
    bool show_fit;   /* the fit pane: the data and the model's curve (a surface on data) */
    bool show_help, show_lesson;
    bool numbers; /* the numbers-only view */
    bool playing;
    bool probe; /* the direction probe, u at beta degrees from ∇L */
    double beta;
    bool prompt;              /* typing η: input holds what is typed so far */
    bool prompt_spec;         /* ... or a walker spec (o) */
    bool prompt_formula;      /* ... or a formula (E) */
    const char *prompt_error; /* the formula's error, "" when none */
    int prompt_error_col;     /* its column in input (1-based), 0 when none */
    const char *input;
    const char *message;     /* one transient line, or "" */
    const char *caption;     /* a demo's caption, or "" */
    const char *demo_status; /* "DEMO name 3/12", or "" */
    const scene_help_line *help;
    size_t n_help;
} scene;

/* Where the next step from the focused walker lands (the probe's step in the probe), or
 * false when no step is shown: the arrow is hidden, the walk diverged, or ∇L is 0 (outside
 * the probe). */
bool scene_landing(const scene *sc, double *x, double *y);

/* The unit direction of the next step (the optimizer's, or u in the probe) and its length;
 * false when there is no step (∇L = 0, diverged). */
bool scene_step_direction(const scene *sc, double *dx, double *dy, double *len);

#endif
