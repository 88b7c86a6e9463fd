// SPDX-License-Identifier: MIT
/* Layer: picture, private to it (frame.c, render.c and the parts it draws): the primitives
 * they share. Not installed, not for the terminal layer. */
#ifndef STEEPEST_FRAME_DRAW_H
#define STEEPEST_FRAME_DRAW_H

#include <stdint.h>

#include "steepest/frame.h"

/* Glyphs, each with a UTF-8 form and an ASCII form. */
enum {
    G_THETA,
    G_LANDING,
    G_MINIMUM,
    G_SADDLE,
    G_MAXIMUM,
    G_TRAIL,
    G_VBAR,
    G_TICK_Y,
    G_HBAR,
    G_TICK_X,
    G_CORNER,
    G_BOX_H,
    G_BOX_V,
    G_BOX_TL,
    G_BOX_TR,
    G_BOX_BL,
    G_BOX_BR,
    G_COUNT
};
extern const uint32_t frame_glyph_ascii[G_COUNT];
/* The glyph in the scene's set (UTF-8 or ASCII). */
uint32_t frame_glyph(const scene *sc, int g);

/* One cell; outside the frame, nothing. */
void frame_put(frame *f, int col, int row, uint32_t ch, int role);
/* Decodes one strict UTF-8 sequence; returns its length. A stray byte, an overlong form, a
 * surrogate or a control character reads as '?' (length 1 for the invalid ones). */
int frame_utf8_decode(const char *s, uint32_t *cp);
/* Terminal columns of a code point: 0 (combining), 1, or 2 (wide). */
int frame_cp_width(uint32_t cp);
/* UTF-8 text from (col, row), at most width cells; returns the cells used. */
int frame_text(frame *f, int col, int row, int width, const char *s, int role);
int frame_text_width(const char *s);
/* Text over up to `lines` rows of width cells, broken at spaces; returns the rows used. */
int frame_text_wrapped(frame *f, int col, int row, int width, int lines, const char *s, int role);
/* How many rows frame_text_wrapped needs for all of s at this width. */
int frame_text_rows(const char *s, int width);

/* A 1-2-5 step giving about `want` ticks over span. */
double frame_nice_step(double span, int want);
/* Shortens an exponent in place: 1.5e-05 -> 1.5e-5, 2.51e+03 -> 2.51e3. */
void frame_compact_exponent(char *buf);

/* The parts of a frame, drawn by frame_render in this order. */
bool frame_draw_plot(frame *f, const scene *sc, frame_rect r);
void frame_draw_axes(frame *f, const scene *sc, const frame_layout *l);
void frame_draw_fit(frame *f, const scene *sc, frame_rect r);
void frame_draw_panel(frame *f, const scene *sc, frame_rect r);
void frame_draw_lesson(frame *f, const scene *sc);
void frame_draw_help(frame *f, const scene *sc);
void frame_draw_too_small(frame *f);
void frame_draw_numbers(frame *f, const scene *sc);

#endif
