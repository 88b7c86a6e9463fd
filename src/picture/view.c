/* Layer: picture. The viewport (see view.h). */
#include <math.h>

#include "steepest/view.h"

static void update(view *v, const surface *s)
{
    int cols = v->cols > 0 ? v->cols : 1, rows = v->rows > 0 ? v->rows : 1;
    double fit = fmax((s->xmax - s->xmin) / cols, (s->ymax - s->ymin) / (rows * v->aspect));
    v->upc = fit / v->zoom;
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

void view_pan(view *v, double dcols, double drows)
{
    v->cx += dcols * v->upc;
    v->cy -= drows * v->upc * v->aspect;
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
