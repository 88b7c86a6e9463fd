// SPDX-License-Identifier: MIT
/* Layer: picture. The viewport: which part of the (x, y) plane a plot of cols x rows cells shows.
 *
 * Equal aspect: a terminal cell is about `aspect` (2) times as tall as it is wide, so one row
 * spans `aspect` times the world distance one column does. One unit of x and one of y then
 * cover the same physical length, level curves of a round bowl look round and -∇L looks
 * perpendicular to them. Braille dots (2 x 4 per cell) come out square. */
#ifndef STEEPEST_VIEW_H
#define STEEPEST_VIEW_H

#include "steepest/surface.h"

#define VIEW_ASPECT 2.0

typedef struct {
    double cx, cy; /* world point at the plot's centre */
    double zoom;   /* 1: the surface's domain box just fits */
    int cols, rows;
    double aspect; /* physical cell height / width */
    double upc;    /* world units per cell column, derived */
} view;

/* Centre on the domain, zoom 1. */
void view_fit(view *v, const surface *s, int cols, int rows);
/* New plot size: keep centre and zoom. */
void view_resize(view *v, const surface *s, int cols, int rows);
/* Multiply the zoom by factor (>1 zooms in), keeping the centre. */
void view_zoom(view *v, const surface *s, double factor);
/* Zoom by factor keeping the world point (x, y) where it is on screen (θ stays in view). */
void view_zoom_about(view *v, const surface *s, double factor, double x, double y);
/* Move the centre by a number of cells (positive: right, down). */
void view_pan(view *v, const surface *s, double dcols, double drows);
/* Put (x, y) at the centre. Far from 0 the zoom is limited so that a cell still spans
 * 1e-12 of the numbers there: a view never goes below the resolution of its centre. */
void view_center(view *v, const surface *s, double x, double y);

/* World point to fractional cell coordinates: cell (c, r) covers [c, c+1) x [r, r+1). */
void view_to_cell(const view *v, double x, double y, double *col, double *row);
/* Fractional cell coordinates to the world point. */
void view_to_world(const view *v, double col, double row, double *x, double *y);

#endif
