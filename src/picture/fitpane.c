// SPDX-License-Identifier: MIT
/* Layer: picture. The fit pane: for a surface that is a model on data, the data points and
 * the model's curve at the walker's θ = (w, b), redrawn after every step, so a step down the
 * loss is seen as a better fit. Held-out rows are drawn apart (+). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/fit.h"

static double model_at(fit_model m, double w, double b, double x)
{
    double z = w * x + b;
    if (m == FIT_LINEAR)
        return z;
    return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

/* The world box of the points (and [0, 1] for a sigmoid), padded. */
static void bounds(const fit_data *d, const fit_data *h, double *x0, double *x1, double *y0,
                   double *y1)
{
    *x0 = *y0 = INFINITY;
    *x1 = *y1 = -INFINITY;
    const fit_data *sets[2] = {d, h};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; sets[k] && i < sets[k]->n; i++) {
            *x0 = fmin(*x0, sets[k]->x[i]);
            *x1 = fmax(*x1, sets[k]->x[i]);
            *y0 = fmin(*y0, sets[k]->y[i]);
            *y1 = fmax(*y1, sets[k]->y[i]);
        }
    if (d->model != FIT_LINEAR) {
        *y0 = fmin(*y0, 0);
        *y1 = fmax(*y1, 1);
    }
    double px = (*x1 - *x0) * 0.05 + 1e-9, py = (*y1 - *y0) * 0.08 + 1e-9;
    *x0 -= px, *x1 += px, *y0 -= py, *y1 += py;
}

void frame_draw_fit(frame *f, const scene *sc, frame_rect r)
{
    const fit_data *d = fit_data_of(sc->w->surf);
    if (!d || r.cols < 8 || r.rows < 4)
        return;
    const fit_data *h = sc->w->surf->heldout ? fit_data_of(sc->w->surf->heldout) : NULL;
    /* A frame with a title in its top edge. */
    for (int row = r.y; row < r.y + r.rows; row++) {
        frame_put(f, r.x, row, frame_glyph(sc, G_BOX_V), ROLE_AXIS);
        for (int c = r.x + 1; c < r.x + r.cols; c++)
            frame_put(f, c, row, ' ', ROLE_BLANK);
    }
    /* The title in the top edge: the longest form that fits. */
    const char *model = d->model == FIT_LINEAR ? "w x + b"
                        : sc->braille          ? "σ(w x + b)"
                                               : "s(w x + b)";
    char title[96];
    snprintf(title, sizeof title, " the fit: %s%s ", model, h ? "  + held out" : "");
    if (frame_text_width(title) > r.cols - 3)
        snprintf(title, sizeof title, " fit: %s%s ", model, h ? " + held out" : "");
    if (frame_text_width(title) > r.cols - 3)
        snprintf(title, sizeof title, " fit: %s ", model);
    if (frame_text_width(title) > r.cols - 3)
        snprintf(title, sizeof title, " fit ");
    frame_text(f, r.x + 2, r.y, r.cols - 3, title, ROLE_LABEL);
    frame_rect p = {r.x + 1, r.y + 1, r.cols - 1, r.rows - 2};
    double x0, x1, y0, y1;
    bounds(d, h, &x0, &x1, &y0, &y1);
    double w = sc->w->x, b = sc->w->y;
    bool u = sc->braille;
    int dw = u ? 2 * p.cols : p.cols, dh = u ? 4 * p.rows : p.rows;
    static uint8_t dots[512 * 128];
    if ((size_t)p.cols * (size_t)p.rows > sizeof dots)
        return;
    memset(dots, 0, (size_t)p.cols * (size_t)p.rows);
    /* A sigmoid's decision point, where w x + b = 0 (ŷ = 1/2): a dotted line under the curve
     * and the points. */
    if (d->model != FIT_LINEAR && w != 0) {
        double c = floor((-b / w - x0) / (x1 - x0) * p.cols);
        for (int row = 0; c >= 0 && c < p.cols && row < p.rows; row++)
            frame_put(f, p.x + (int)c, p.y + row, u ? 0x250A : ':', ROLE_WARN);
    }
    /* The curve: one sample per dot column. */
    for (int i = 0; i < dw; i++) {
        double x = x0 + (x1 - x0) * (i + 0.5) / dw, y = model_at(d->model, w, b, x);
        if (!isfinite(y))
            continue;
        int j = (int)floor((y1 - y) / (y1 - y0) * dh);
        if (j < 0 || j >= dh)
            continue;
        if (u) {
            uint8_t *cell = &dots[(j / 4) * p.cols + i / 2];
            *cell |= contour_braille_bit[j % 4][i % 2];
            frame_put(f, p.x + i / 2, p.y + j / 4, 0x2800u + *cell, ROLE_GOOD);
        } else {
            frame_put(f, p.x + i, p.y + j, '.', ROLE_GOOD);
        }
    }
    /* The points over the curve: training •, held out +. */
    const fit_data *sets[2] = {d, h};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; sets[k] && i < sets[k]->n; i++) {
            int c = (int)floor((sets[k]->x[i] - x0) / (x1 - x0) * p.cols);
            int row = (int)floor((y1 - sets[k]->y[i]) / (y1 - y0) * p.rows);
            if (c >= 0 && c < p.cols && row >= 0 && row < p.rows)
                frame_put(f, p.x + c, p.y + row, k ? '+' : (u ? 0x2022 : 'o'),
                          k ? ROLE_WARN : ROLE_TEXT);
        }
    /* Under the picture, the range of x in the longest form that fits (never cut). */
    char buf[64];
    for (int form = 0; form < 3; form++) {
        if (form == 0)
            snprintf(buf, sizeof buf, "x %.3g .. %.3g", x0, x1);
        else
            snprintf(buf, sizeof buf, form == 1 ? "%.3g..%.3g" : "%.2g..%.2g", x0, x1);
        if (frame_text_width(buf) <= p.cols - 1) {
            frame_text(f, p.x + 1, r.y + r.rows - 1, p.cols - 1, buf, ROLE_DIM);
            break;
        }
    }
}
