// SPDX-License-Identifier: MIT
/* Layer: picture. Contour lines of a surface over a viewport, as a layer of cells.
 *
 * Braille: L is sampled at every dot (2 x 4 per cell) and a dot is lit where a level lies
 * between it and its right or lower neighbour, giving one-dot-thick lines. ASCII: L is
 * sampled at cell corners (marching squares) and a crossed cell gets - | / \ by the physical
 * angle of the level curve there. Computing a layer is the expensive part of a frame; callers
 * keep it and recompute only when contour_matches() says the inputs changed. */
#ifndef STEEPEST_CONTOUR_H
#define STEEPEST_CONTOUR_H

#include <stdbool.h>
#include <stdint.h>

#include "steepest/surface.h"
#include "steepest/view.h"

#define CONTOUR_MAX_LEVELS 16
#define CONTOUR_NONE       0xff

typedef struct {
    /* inputs, for the cache check */
    const surface *surf;
    unsigned long serial; /* with surf: a new surface at a freed one's address differs */
    view v;
    bool braille;
    /* levels, ascending */
    int n_levels;
    double levels[CONTOUR_MAX_LEVELS];
    /* output: per cell, braille dot bits (braille) or an ASCII glyph, and the level index
     * drawn there (CONTOUR_NONE for an empty cell) */
    int cols, rows;
    uint8_t *dots;
    char *glyph;
    uint8_t *level;
    /* The sampled L behind it (per braille dot, or per cell corner in ASCII), kept so one
     * more level (the one through θ) can be traced without evaluating L again. */
    double *values;
    int value_cols, value_rows;
} contour_layer;

/* The levels a surface's contours are drawn at on a plot of plot_rows rows: its
 * [level_lo, level_hi] spaced evenly or logarithmically (above level_base), 8 to 12 of them.
 * Returns how many, at most max. */
int contour_levels(const surface *s, int plot_rows, double *levels, int max);

/* Which level band a value falls in: the number of levels <= f (0..n). */
int contour_band(const double *levels, int n, double f);

void contour_init(contour_layer *c);
void contour_free(contour_layer *c);
/* True when the layer was computed for exactly these inputs. */
bool contour_matches(const contour_layer *c, const surface *s, const view *v, bool braille);
/* (Re)computes the layer. Returns false if out of memory (the layer is then empty). */
bool contour_compute(contour_layer *c, const surface *s, const view *v, bool braille);

/* The curve L = level over the layer's samples, as braille dot bits (braille) or ASCII
 * glyphs (0 where it does not pass) per cell; dots and glyph hold cols x rows. */
void contour_trace_level(const contour_layer *c, double level, uint8_t *dots, char *glyph);

/* Unicode braille (U+2800 + bits): the bit for dot row dy (0..3) and dot column dx (0..1) of
 * a cell is contour_braille_bit[dy][dx]. */
extern const uint8_t contour_braille_bit[4][2];

/* The ASCII glyph that best draws a line at this physical angle (degrees, any range). */
char contour_line_glyph(double degrees);

#endif
