// SPDX-License-Identifier: MIT
/* Layer: picture. Contour lines of a surface over a viewport (see contour.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/contour.h"

int contour_levels(const surface *s, int plot_rows, double *levels, int max)
{
    /* Fewer lines on a small plot, so neighbouring levels stay apart. */
    int want = plot_rows < 30 ? 8 : plot_rows < 50 ? 10 : 12;
    int n = want < max ? want : max;
    for (int k = 0; k < n; k++) {
        double t = n > 1 ? (double)k / (n - 1) : 0;
        if (s->level_scale == LEVELS_LOG) {
            double a = log10(s->level_lo), b = log10(s->level_hi);
            levels[k] = s->level_base + pow(10, a + t * (b - a));
        } else {
            levels[k] = s->level_lo + t * (s->level_hi - s->level_lo);
        }
    }
    return n;
}

int contour_band(const double *levels, int n, double f)
{
    if (!(f == f)) /* NaN: its own band, below everything, so no line is drawn through it */
        return -1;
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (levels[mid] <= f)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void contour_init(contour_layer *c)
{
    memset(c, 0, sizeof *c);
}

void contour_free(contour_layer *c)
{
    free(c->dots);
    free(c->glyph);
    free(c->level);
    free(c->values);
    contour_init(c);
}

bool contour_matches(const contour_layer *c, const surface *s, const view *v, bool braille)
{
    return c->surf == s && c->serial == s->serial && c->braille == braille && c->cols == v->cols &&
           c->rows == v->rows && c->v.cx == v->cx && c->v.cy == v->cy && c->v.upc == v->upc &&
           c->v.aspect == v->aspect;
}

char contour_line_glyph(double degrees)
{
    /* A cell is twice as tall as wide, so '/' and '\' are steep: about 63.4 and 116.6
     * degrees. Boundaries lie halfway between the glyphs' own angles. */
    double a = fmod(degrees, 180);
    if (a < 0)
        a += 180;
    if (a < 31.7 || a >= 148.3)
        return '-';
    if (a < 76.7)
        return '/';
    if (a < 103.3)
        return '|';
    return '\\';
}

const uint8_t contour_braille_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

/* The braille pass from the sampled values: each sub-cell where the band changes to its right
 * or below gets its dot, in the lowest level crossed. Also run again, for new levels. */
static void redo_braille(contour_layer *c, int *band)
{
    int w = 2 * c->cols, h = 4 * c->rows;
    for (int i = 0; i < w * h; i++)
        band[i] = contour_band(c->levels, c->n_levels, c->values[i]);
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            int b = band[j * w + i], crossed = -1;
            if (i + 1 < w && band[j * w + i + 1] != b)
                crossed = b < band[j * w + i + 1] ? b : band[j * w + i + 1];
            if (j + 1 < h && band[(j + 1) * w + i] != b) {
                int o = band[(j + 1) * w + i];
                int m = b < o ? b : o;
                crossed = crossed < 0 || m < crossed ? m : crossed;
            }
            if (crossed < 0 || crossed >= c->n_levels)
                continue; /* a NaN band, or no level between */
            size_t cell = (size_t)(j / 4) * (size_t)c->cols + (size_t)(i / 2);
            c->dots[cell] |= contour_braille_bit[j % 4][i % 2];
            if (c->level[cell] == CONTOUR_NONE || crossed < c->level[cell])
                c->level[cell] = (uint8_t)crossed;
        }
}

static void compute_braille(contour_layer *c, const surface *s, const view *v, int *band)
{
    int w = 2 * c->cols, h = 4 * c->rows;
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            double x, y;
            view_to_world(v, (i + 0.5) / 2, (j + 0.5) / 4, &x, &y);
            c->values[j * w + i] = surface_loss(s, x, y);
        }
    redo_braille(c, band);
}

static void compute_ascii(contour_layer *c, const surface *s, const view *v, int *band)
{
    int w = c->cols + 1, h = c->rows + 1;
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            double x, y;
            view_to_world(v, i, j, &x, &y);
            double f = surface_loss(s, x, y);
            c->values[j * w + i] = f;
            band[j * w + i] = contour_band(c->levels, c->n_levels, f);
        }
    for (int r = 0; r < c->rows; r++)
        for (int col = 0; col < c->cols; col++) {
            int b[4] = {band[r * w + col], band[r * w + col + 1], band[(r + 1) * w + col],
                        band[(r + 1) * w + col + 1]};
            int lo = b[0], hi = b[0];
            for (int k = 1; k < 4; k++) {
                lo = b[k] < lo ? b[k] : lo;
                hi = b[k] > hi ? b[k] : hi;
            }
            if (lo == hi || lo < 0 || lo >= c->n_levels)
                continue;
            /* The level curve runs perpendicular to ∇L; equal aspect makes world angles
             * physical angles. */
            double x, y, g[2];
            view_to_world(v, col + 0.5, r + 0.5, &x, &y);
            surface_eval(s, x, y, NULL, g, NULL);
            double deg = atan2(g[0], -g[1]) * 180 / M_PI;
            size_t cell = (size_t)r * (size_t)c->cols + (size_t)col;
            c->glyph[cell] = isfinite(deg) ? contour_line_glyph(deg) : '+';
            c->level[cell] = (uint8_t)lo;
        }
}

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

/* Levels at evenly spaced quantiles of the finite sampled values; false if there are too
 * few distinct values to draw lines between. */
static bool levels_from_window(contour_layer *c, size_t samples)
{
    size_t stride = samples > 4096 ? samples / 4096 : 1, n = 0;
    double *v = malloc((samples / stride + 1) * sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < samples; i += stride)
        if (isfinite(c->values[i]))
            v[n++] = c->values[i];
    qsort(v, n, sizeof *v, cmp_double);
    bool ok = n >= 16 && v[n - 1] > v[0];
    if (ok) {
        int k = c->n_levels > 0 ? c->n_levels : 8, m = 0;
        for (int j = 0; j < k; j++) {
            double q = v[(size_t)((j + 0.5) / k * (double)(n - 1))];
            if (m == 0 || q > c->levels[m - 1])
                c->levels[m++] = q;
        }
        c->n_levels = m;
        ok = m >= 2;
    }
    free(v);
    return ok;
}

bool contour_compute(contour_layer *c, const surface *s, const view *v, bool braille)
{
    size_t cells = (size_t)(v->cols > 0 ? v->cols : 0) * (size_t)(v->rows > 0 ? v->rows : 0);
    contour_free(c);
    c->surf = s;
    c->serial = s->serial;
    c->v = *v;
    c->braille = braille;
    c->cols = v->cols > 0 ? v->cols : 0;
    c->rows = v->rows > 0 ? v->rows : 0;
    c->n_levels = contour_levels(s, c->rows, c->levels, CONTOUR_MAX_LEVELS);
    if (cells == 0)
        return true;
    size_t samples = braille ? 8 * cells : (size_t)(c->cols + 1) * (size_t)(c->rows + 1);
    int *band = malloc(samples * sizeof *band);
    c->dots = calloc(cells, 1);
    c->glyph = calloc(cells, 1);
    c->level = malloc(cells);
    c->values = malloc(samples * sizeof *c->values);
    c->value_cols = braille ? 2 * c->cols : c->cols + 1;
    c->value_rows = braille ? 4 * c->rows : c->rows + 1;
    if (!band || !c->dots || !c->glyph || !c->level || !c->values) {
        free(band);
        contour_free(c);
        return false;
    }
    memset(c->level, CONTOUR_NONE, cells);
    if (braille)
        compute_braille(c, s, v, band);
    else
        compute_ascii(c, s, v, band);
    /* Zoomed in, the surface's own levels may all lie outside the window and leave it empty:
     * take them from the range of L inside it instead (evenly spaced quantiles). */
    if (v->zoom > 1.5 && levels_from_window(c, samples)) {
        memset(c->dots, 0, cells);
        memset(c->glyph, 0, cells);
        memset(c->level, CONTOUR_NONE, cells);
        if (braille)
            redo_braille(c, band);
        else
            compute_ascii(c, s, v, band);
    }
    free(band);
    return true;
}

void contour_trace_level(const contour_layer *c, double level, uint8_t *dots, char *glyph)
{
    size_t cells = (size_t)c->cols * (size_t)c->rows;
    memset(dots, 0, cells);
    memset(glyph, 0, cells);
    if (!c->values || !isfinite(level))
        return;
    int w = c->value_cols, h = c->value_rows;
    const double *v = c->values;
    /* Above or below the level; NaN is neither, and no curve passes next to it. */
#define SIDE(k) (v[k] >= level ? 1 : v[k] < level ? 0 : -1)
    if (c->braille) {
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++) {
                int a = SIDE(j * w + i);
                if (a < 0)
                    continue;
                bool cross = (i + 1 < w && SIDE(j * w + i + 1) == 1 - a) ||
                             (j + 1 < h && SIDE((j + 1) * w + i) == 1 - a);
                if (cross) /* lit where the level lies between a dot and its neighbour */
                    dots[(size_t)(j / 4) * (size_t)c->cols + (size_t)(i / 2)] |=
                        contour_braille_bit[j % 4][i % 2];
            }
        return;
    }
    for (int r = 0; r < c->rows; r++)
        for (int col = 0; col < c->cols; col++) {
            const size_t k[4] = {(size_t)(r * w + col), (size_t)(r * w + col + 1),
                                 (size_t)((r + 1) * w + col), (size_t)((r + 1) * w + col + 1)};
            int above = 0, below = 0;
            for (int q = 0; q < 4; q++) {
                int sd = SIDE(k[q]);
                above += sd == 1;
                below += sd == 0;
            }
            if (above == 0 || below == 0 || above + below < 4)
                continue;
            /* The slope across the cell from its corners, in physical units (a row is
             * VIEW_ASPECT columns tall): the curve runs perpendicular to it. */
            double gx = (v[k[1]] + v[k[3]] - v[k[0]] - v[k[2]]) / 2;
            double gy = (v[k[0]] + v[k[1]] - v[k[2]] - v[k[3]]) / (2 * c->v.aspect);
            glyph[(size_t)r * (size_t)c->cols + (size_t)col] =
                contour_line_glyph(atan2(gx, -gy) * 180 / M_PI);
        }
#undef SIDE
}
