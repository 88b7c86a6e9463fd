// SPDX-License-Identifier: MIT
/* Layer: core. Surfaces on formulas (expr_surface: a typed formula with a box, start and η
 * chosen or given) and the quadratic shortcut (expr_quadratic). See expr.h. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_ops.h"
#include "steepest/derive.h"
#include "steepest/parse.h"

/* ---- surfaces on formulas ---- */

static void release(surface *s)
{
    free((void *)s->name);
    free((void *)s->title);
    free((void *)s->formula);
    free((void *)s->lesson);
    free((void *)s->axis_x);
    free((void *)s->axis_y);
    expr_free((expr *)s->params);
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > EXPR_MAX_NAME)
        return false;
    for (size_t k = 0; k < n; k++)
        if (!expr_is_ident_char((unsigned char)s[k]) && s[k] != '-' && s[k] != '.')
            return false;
    return true;
}

/* True when the lowest finite L on a 41 x 41 grid over the box lies off its edge. */
static bool minimum_inside(const expr *e, double xmin, double xmax, double ymin, double ymax)
{
    enum { N = 41 };
    double best = INFINITY;
    bool inside = false;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double x = xmin + (xmax - xmin) * i / (N - 1), y = ymin + (ymax - ymin) * j / (N - 1);
            double f = expr_run_value(e, x, y);
            if (f < best) { /* strictly: on a tie the first point found stands */
                best = f;
                inside = i > 0 && i < N - 1 && j > 0 && j < N - 1;
            }
        }
    return inside;
}

static void append_note(char *note, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append_note(char *note, size_t size, const char *fmt, ...)
{
    if (!note || size == 0)
        return;
    size_t used = strlen(note);
    if (used >= size - 1)
        return;
    if (used > 0) {
        snprintf(note + used, size - used, "; ");
        used = strlen(note);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + used, size - used, fmt, ap);
    va_end(ap);
}

static bool finite_at(const expr *e, double x, double y)
{
    double f, g[2];
    expr_eval(e, x, y, &f, g, NULL);
    return isfinite(f) && isfinite(g[0]) && isfinite(g[1]);
}

surface *expr_surface(const expr_spec *spec, expr_error *err, char *note, size_t note_size)
{
    if (note && note_size)
        note[0] = '\0';
    char vx[EXPR_MAX_NAME + 1], vy[EXPR_MAX_NAME + 1];
    if (!expr_vars(spec->vars ? spec->vars : "x,y", vx, vy, err))
        return NULL;
    const char *name = spec->name ? spec->name : "formula";
    if (!valid_name(name)) {
        expr_set_error(err, EXPR_AT_NAME, 1, "a name is 1 to %d letters, digits, '_', '-' or '.'",
                       EXPR_MAX_NAME);
        return NULL;
    }
    if (spec->has_domain &&
        !(isfinite(spec->xmin) && isfinite(spec->xmax) && isfinite(spec->ymin) &&
          isfinite(spec->ymax) && spec->xmin < spec->xmax && spec->ymin < spec->ymax &&
          isfinite(spec->xmax - spec->xmin) && isfinite(spec->ymax - spec->ymin))) {
        expr_set_error(err, EXPR_AT_DOMAIN, 0,
                       "the domain needs XMIN < XMAX and YMIN < YMAX, finite");
        return NULL;
    }
    if (spec->has_start && !(isfinite(spec->start_x) && isfinite(spec->start_y))) {
        expr_set_error(err, EXPR_AT_START, 0, "the start must be finite");
        return NULL;
    }
    if (spec->has_start && spec->has_domain &&
        !(spec->start_x >= spec->xmin && spec->start_x <= spec->xmax &&
          spec->start_y >= spec->ymin && spec->start_y <= spec->ymax)) {
        expr_set_error(err, EXPR_AT_START, 0, "the start (%g, %g) is outside the domain",
                       spec->start_x, spec->start_y);
        return NULL;
    }
    if (!(spec->eta >= 0 && isfinite(spec->eta))) {
        expr_set_error(err, EXPR_AT_ETA, 0, "eta must be a positive number");
        return NULL;
    }
    /* Leading and trailing blanks are not part of the formula shown. */
    const char *ftext = spec->formula ? spec->formula : "";
    expr *e = expr_compile(ftext, vx, vy, err);
    if (!e)
        return NULL;
    size_t a = 0, b = strlen(ftext);
    while (a < b && expr_is_space((unsigned char)ftext[a]))
        a++;
    while (b > a && expr_is_space((unsigned char)ftext[b - 1]))
        b--;

    surface *s = surface_create();
    if (!s) {
        expr_free(e);
        expr_set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
        return NULL;
    }
    s->params = e;
    s->release = release;
    s->eval = expr_kernel;
    char *formula = malloc(b - a + 1), *title = NULL;
    if (formula) {
        memcpy(formula, ftext + a, b - a);
        formula[b - a] = '\0';
    }
    if (spec->title)
        title = dup_string(spec->title);
    else if (formula) {
        title = malloc(64);
        if (title)
            snprintf(title, 64, b - a > 60 ? "%.57s..." : "%s", formula);
    }
    s->formula = formula;
    s->title = title;
    s->name = dup_string(name);
    s->lesson = dup_string(spec->lesson ? spec->lesson
                                        : "A loss typed as a formula. Its stationary points, "
                                          "contour levels and learning rate were derived from "
                                          "the formula itself, with exact derivatives.");
    s->axis_x = dup_string(vx);
    s->axis_y = dup_string(vy);
    if (!s->formula || !s->title || !s->name || !s->lesson || !s->axis_x || !s->axis_y) {
        surface_destroy(s);
        expr_set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
        return NULL;
    }

    if (spec->has_domain) {
        s->xmin = spec->xmin;
        s->xmax = spec->xmax;
        s->ymin = spec->ymin;
        s->ymax = spec->ymax;
    } else {
        static const double halves[] = {5, 10, 20, 50, 100, 200, 500, 1000};
        double h = 0;
        for (size_t k = 0; k < sizeof halves / sizeof halves[0] && h == 0; k++) {
            double w = halves[k];
            if (spec->has_start && (fabs(spec->start_x) > w || fabs(spec->start_y) > w))
                continue;
            if (minimum_inside(e, -w, w, -w, w))
                h = w;
        }
        if (h == 0) {
            /* No minimum anywhere: the smallest box that holds the start. */
            h = 5;
            while (spec->has_start && (fabs(spec->start_x) > h || fabs(spec->start_y) > h))
                h *= 2;
            append_note(note, note_size,
                        "domain [%g, %g] x [%g, %g] (default; no minimum found up to +-1000)", -h,
                        h, -h, h);
        } else
            append_note(note, note_size,
                        "domain [%g, %g] x [%g, %g] (default: the first of +-5, +-10, +-20, "
                        "+-50, ... with the lowest L inside)",
                        -h, h, -h, h);
        s->xmin = s->ymin = -h;
        s->xmax = s->ymax = h;
    }
    if (spec->has_start) {
        s->start_x = spec->start_x;
        s->start_y = spec->start_y;
    } else {
        static const double offsets[][2] = {{0.3, 0.2}, {-0.3, 0.2}, {0.3, -0.2}, {-0.3, -0.2}};
        double w = s->xmax - s->xmin, hh = s->ymax - s->ymin;
        double cx = s->xmin + w / 2, cy = s->ymin + hh / 2;
        size_t k = 0;
        for (; k < 4; k++) {
            s->start_x = cx + offsets[k][0] * w;
            s->start_y = cy + offsets[k][1] * hh;
            if (finite_at(e, s->start_x, s->start_y))
                break;
        }
        if (k == 4) {
            surface_destroy(s);
            expr_set_error(err, EXPR_AT_START, 0,
                           "L or its gradient is not finite at any default start: give one");
            return NULL;
        }
        append_note(note, note_size, "start (%g, %g) (default: centre + (%+g, %+g) of the box)",
                    s->start_x, s->start_y, offsets[k][0], offsets[k][1]);
    }
    s->eta = spec->eta;
    if (!derive_defaults(s)) {
        surface_destroy(s);
        expr_set_error(err, EXPR_AT_SURFACE, 0, "L is not finite anywhere on the domain");
        return NULL;
    }
    return s;
}

/* ---- the quadratic shortcut ---- */

/* cos and sin of an angle in degrees, exact at multiples of 90 so that an axis-aligned
 * quadratic has no stray 6e-17 x*y term. */
static void cos_sin_deg(double deg, double *c, double *s)
{
    double r = fmod(deg, 360);
    if (r < 0)
        r += 360;
    if (r == 0 || r == 90 || r == 180 || r == 270) {
        int q = (int)(r / 90);
        static const double cs[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        *c = cs[q][0];
        *s = cs[q][1];
        return;
    }
    *c = cos(r * M_PI / 180);
    *s = sin(r * M_PI / 180);
}

/* Appends " + 1.5*x^2"-style terms: the first without " + ", a coefficient of 1 unwritten. */
static void add_term(char *buf, size_t n, double coef, const char *monomial)
{
    if (coef == 0)
        return;
    size_t used = strlen(buf);
    char num[40] = "";
    if (fabs(coef) != 1)
        snprintf(num, sizeof num, "%.10g*", fabs(coef));
    if (used == 0)
        snprintf(buf, n, "%s%s%s", coef < 0 ? "-" : "", num, monomial);
    else
        snprintf(buf + used, n - used, " %c %s%s", coef < 0 ? '-' : '+', num, monomial);
}

surface *expr_quadratic(double l1, double l2, double angle_deg, expr_error *err, char *note,
                        size_t note_size)
{
    if (!(isfinite(l1) && isfinite(l2) && isfinite(angle_deg) && fabs(l1) <= 1e6 &&
          fabs(l2) <= 1e6 && fabs(angle_deg) <= 1e6) ||
        (l1 == 0 && l2 == 0)) {
        expr_set_error(err, EXPR_AT_SURFACE, 0,
                       "eigenvalues must be finite, at most 1e6 in size and not both 0; the angle "
                       "finite");
        return NULL;
    }
    double c, s;
    cos_sin_deg(angle_deg, &c, &s);
    /* ½(l1 u² + l2 v²), u = c x + s y, v = -s x + c y, expanded. */
    double qa = 0.5 * (l1 * c * c + l2 * s * s), qb = (l1 - l2) * c * s,
           qc = 0.5 * (l1 * s * s + l2 * c * c);
    double tiny = 1e-12 * (fabs(l1) + fabs(l2));
    qa = fabs(qa) < tiny ? 0 : qa;
    qb = fabs(qb) < tiny ? 0 : qb;
    qc = fabs(qc) < tiny ? 0 : qc;
    char formula[160] = "";
    add_term(formula, sizeof formula, qa, "x^2");
    add_term(formula, sizeof formula, qb, "x*y");
    add_term(formula, sizeof formula, qc, "y^2");
    char title[160], lesson[600];
    snprintf(title, sizeof title, "Quadratic, eigenvalues %g and %g at %g degrees", l1, l2,
             angle_deg);
    double hi = fmax(l1, l2), lo = fmin(l1, l2);
    if (lo > 0)
        snprintf(lesson, sizeof lesson,
                 "A quadratic bowl whose curvature is %g along one axis and %g across it, the "
                 "axes turned by %g degrees. The condition number %g (largest curvature over "
                 "smallest) sets how narrow the valley is. Steps are stable only for eta < "
                 "2/%g = %g, and even then each step keeps the factor (1 - %g eta) of the "
                 "distance along the flat axis.",
                 l1, l2, angle_deg, hi / lo, hi, 2 / hi, lo);
    else if (hi > 0)
        snprintf(lesson, sizeof lesson,
                 "Curvature %g along one axis and %g across it, the axes turned by %g degrees. "
                 "With an eigenvalue that is not positive the origin is %s: descent slides "
                 "along that direction without end.",
                 l1, l2, angle_deg, lo < 0 ? "a saddle" : "no single minimum");
    else
        snprintf(lesson, sizeof lesson,
                 "Curvature %g and %g: no positive eigenvalue, so the origin is %s and "
                 "descent runs away from it in every direction it can.",
                 l1, l2, hi < 0 ? "a maximum" : "no minimum");
    expr_spec spec = {.formula = formula, .name = "quadratic", .title = title, .lesson = lesson};
    return expr_surface(&spec, err, note, note_size);
}

surface *expr_quadratic_arg(const char *arg, expr_error *err, char *note, size_t note_size)
{
    char buf[128];
    double l1, l2, angle;
    const char *comma = arg ? strrchr(arg, ',') : NULL;
    size_t n = comma ? (size_t)(comma - arg) : 0;
    if (!comma || n >= sizeof buf) {
        expr_set_error(err, EXPR_AT_SURFACE, 0, "expected L1,L2,ANGLE, e.g. 1,10,30");
        return NULL;
    }
    memcpy(buf, arg, n);
    buf[n] = '\0';
    if (!parse_pair(buf, &l1, &l2) || !parse_double(comma + 1, &angle)) {
        expr_set_error(err, EXPR_AT_SURFACE, 0, "expected L1,L2,ANGLE, e.g. 1,10,30");
        return NULL;
    }
    return expr_quadratic(l1, l2, angle, err, note, note_size);
}
