// SPDX-License-Identifier: MIT
/* Layer: picture. A pure function from a scene (scene.h) to a grid of cells, each a glyph and
 * a colour role. The terminal layer blits it; --snapshot prints it. Nothing here knows about
 * curses, the controller or stdio streams other than the one frame_write_text() is given.
 * The picture may call the model (read-only) and the core; nothing above. */
#ifndef STEEPEST_FRAME_H
#define STEEPEST_FRAME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "steepest/contour.h"
#include "steepest/scene.h"

#define FRAME_MIN_COLS 80
#define FRAME_MIN_ROWS 24

typedef enum { THEME_DARK, THEME_LIGHT, THEME_PROJECTOR, FRAME_THEME_COUNT } frame_theme;

const char *frame_theme_name(int theme);
/* A key's description as the help overlay shows it: in UTF-8 the key table's ASCII words eta,
 * theta, dL, -grad and +grad (whole words) read η, θ, ΔL, −∇L and +∇L; in ASCII as it is. */
void frame_help_words(const char *what, bool utf8, char *out, size_t n);
/* The theme with that name, or -1. */
int frame_theme_find(const char *name);

typedef enum {
    ROLE_BLANK,
    ROLE_TEXT,
    ROLE_DIM,
    ROLE_LABEL,
    ROLE_TITLE,
    ROLE_AXIS,
    ROLE_TRAIL,
    ROLE_THETA,
    ROLE_ARROW,
    ROLE_LANDING,
    ROLE_MINIMUM,
    ROLE_SADDLE,
    ROLE_MAXIMUM,
    ROLE_GOOD,
    ROLE_WARN,
    ROLE_BAD,
    ROLE_KEY,
    ROLE_HERE,    /* the level curve through θ */
    ROLE_WALKER0, /* ROLE_WALKER0 + k: walker k's trail and mark, when several race */
    ROLE_LEVEL0 = ROLE_WALKER0 + 8, /* + k: contour level k, low = cool, high = warm */
    ROLE_COUNT = ROLE_LEVEL0 + CONTOUR_MAX_LEVELS
} frame_role;

/* The right half of a wide character: the cell before holds it, spanning both. */
#define FRAME_WIDE_TAIL 0u

typedef struct {
    uint32_t ch; /* a Unicode code point, one column wide; or two, then FRAME_WIDE_TAIL next */
    uint8_t role;
} frame_cell;

typedef struct {
    int x, y, cols, rows;
} frame_rect;

/* Where things go on a screen of cols x rows. */
typedef struct {
    bool too_small;
    frame_rect plot;   /* the contour area */
    frame_rect gutter; /* y tick labels, left of the plot */
    frame_rect xaxis;  /* x tick labels, below the plot */
    frame_rect panel;  /* numbers and keys */
    frame_rect fit;    /* the fit pane (data and the model's curve), or 0 x 0 */
} frame_layout;

typedef struct {
    int cols, rows;
    frame_cell *cells;
    /* Where θ, the arrow head and the landing mark were drawn, in screen cells, or -1. Tests
     * and the terminal's cursor placement read these; geometry is never recomputed. */
    int theta_col, theta_row, head_col, head_row, land_col, land_row;
    int edge_col, edge_row; /* the edge marker pointing to an off-plot θ, or -1 */
    contour_layer contours; /* cached between frames */
    unsigned long contour_computations;
} frame;

void frame_init(frame *f);
void frame_free(frame *f);

frame_layout frame_layout_for(int cols, int rows);
/* The same with room for the fit pane: beside the plot where it is wide, below it where not. */
frame_layout frame_layout_fit(int cols, int rows, bool fit);

/* Renders the whole screen for the scene. Returns false only if out of memory. */
bool frame_render(frame *f, const scene *sc);

const frame_cell *frame_at(const frame *f, int col, int row);

/* The frame as text: UTF-8, one line per row, trailing blanks trimmed. With colors 256 or 8,
 * SGR codes for that many colours around each run of one role; with 0, bold only; with -1,
 * plain text. */
void frame_write_text(const frame *f, FILE *out, int colors, int theme);

/* 256-colour index of a role in a theme, for frame_write_text and the terminal's palette. */
int frame_role_color256(frame_role r, int theme);
/* 8-colour (0-7) index of a role, or -1 for the terminal's default. */
int frame_role_color8(frame_role r, int theme);
bool frame_role_bold(frame_role r, int theme);

#endif
