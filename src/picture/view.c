// SPDX-License-Identifier: MIT
/* Layer: picture. The viewport (see view.h). */
#include <math.h>

#include "steepest/view.h"

/* A cell must span many units in the last place of the numbers around it: below that, two
 * columns show the same x, axis ticks cannot be told apart, and a view far from 0 (a centre
 * at 2e16) would have a step smaller than the rounding there. */
#define VIEW_MIN_RELATIVE_CELL 1e-12

static void update(view *v, const surface *s)
{
    int cols = v->cols > 0 ? v->cols : 1, rows = v->rows > 0 ? v->rows : 1;
    double fit = fmax((s->xmax - s->xmin) / cols, (s->ymax - s->ymin) / (rows * v->aspect));
    v->upc = fit / v->zoom;
    double least = VIEW_MIN_RELATIVE_CELL * fmax(fmax(fabs(v->cx), fabs(v->cy)), 1e-290);
    if (!(v->upc >= least)) { /* clamp the zoom instead; also catches a NaN */
        v->upc = least;
        v->zoom = fit / least;
    }
}

void view_center(view *v, const surface *s, double x, double y)
{
    v->cx = x;
    v->cy = y;
    update(v, s);
}

void view_fit(view *v, const surface *s, int cols, int rows)
{
    v->cx = 0.5 * (s->xmin + s->xmax);
    v->cy = 0.5 * (s->ymin + s->ymax);
    v->zoom = 1;
    v->aspect = VIEW_ASPECT;
    v->cols = cols;
    v->rows = rows;
    update(v, s);
}

void view_resize(view *v, const surface *s, int cols, int rows)
{
    v->cols = cols;
    v->rows = rows;
    update(v, s);
}

void view_zoom(view *v, const surface *s, double factor)
{
    double z = v->zoom * factor;
    /* Beyond these the numbers on the axes stop meaning anything. */
    if (z < 1e-3 || z > 1e6)
        return;
    v->zoom = z;
    update(v, s);
}

void view_pan(view *v, const surface *s, double dcols, double drows)
{
    double x = v->cx + dcols * v->upc, y = v->cy - drows * v->upc * v->aspect;
    if (isfinite(x) && isfinite(y))
        view_center(v, s, x, y);
}

void view_to_cell(const view *v, double x, double y, double *col, double *row)
{
    *col = 0.5 * v->cols + (x - v->cx) / v->upc;
    *row = 0.5 * v->rows - (y - v->cy) / (v->upc * v->aspect);
}

void view_to_world(const view *v, double col, double row, double *x, double *y)
{
    *x = v->cx + (col - 0.5 * v->cols) * v->upc;
    *y = v->cy - (row - 0.5 * v->rows) * v->upc * v->aspect;
}

void view_zoom_about(view *v, const surface *s, double factor, double x, double y)
{
    double col, row, before = v->zoom;
    view_to_cell(v, x, y, &col, &row);
    view_zoom(v, s, factor);
    if (v->zoom == before)
        return;
    /* Move the centre so (x, y) stays on the same cell. */
    double nx, ny;
    view_to_world(v, col, row, &nx, &ny);
    view_center(v, s, v->cx + (x - nx), v->cy + (y - ny));
}
