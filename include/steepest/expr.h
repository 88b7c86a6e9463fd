// SPDX-License-Identifier: MIT
/* Layer: core. A loss typed as a formula in two variables: compiled once into a short list of
 * register-machine instructions, then evaluated on second-order jets, so one pass gives L, ∇L
 * and ∇²L exact to rounding (the chain rule applied per instruction: no finite differences, no
 * symbolic algebra, no tree walked per point). A value-only pass over the same instructions
 * serves callers that pass g and h NULL, such as the contour sampler, and a gradient-only one
 * callers that pass h NULL.
 *
 * Syntax, for a person who has not read a manual:
 *   numbers      2  0.5  .5  1e-3  2.5E+4        (no implicit multiplication: 2x is an error
 *                                                  that says to write 2*x)
 *   variables    x and y, or the two names given (e.g. w and b)
 *   constants    pi  e
 *   operators    + - * / and ^ (also **) for powers; ^ is right-associative (2^3^2 = 2^9)
 *                and binds tighter than unary minus: -x^2 = -(x^2), x^-2 = x^(-2)
 *   grouping     ( )
 *   functions    sin cos tan asin acos atan sinh cosh tanh exp log (natural; also ln) log1p
 *                log2 log10 sqrt cbrt sq (x^2) abs relu sigmoid softplus (log(1 + e^x)),
 *                and with two arguments atan2(y, x) min max hypot pow
 *
 * At a point where L or a derivative is undefined (log of a negative, division by zero) the
 * result is NaN or ±inf and evaluation goes on; callers decide what to do with it. One rule
 * keeps exact zeros exact: in the chain rule's products, a factor that is exactly zero makes
 * the term zero even when the other is infinite or NaN (∂/∂y of sqrt(x) + y at x = 0 is 1, and
 * a saturated sigmoid has slope 0). abs and relu take slope 0 at 0; min and max follow their
 * first argument on a tie and give NaN when either argument is NaN. */
#ifndef STEEPEST_EXPR_H
#define STEEPEST_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/surface.h"

#define EXPR_MAX_LEN   4096 /* bytes of formula text */
#define EXPR_MAX_DEPTH 64   /* nesting: parentheses, calls, unary signs, exponents */
#define EXPR_MAX_NAME  32   /* bytes of a variable or surface name */

/* Which input an error is in; col counts bytes of that input's text from 1. */
typedef enum {
    EXPR_AT_FORMULA,
    EXPR_AT_VARS,
    EXPR_AT_NAME,
    EXPR_AT_DOMAIN, /* col is 0: the domain was given as numbers */
    EXPR_AT_START,  /* col is 0 */
    EXPR_AT_ETA,    /* col is 0 */
    EXPR_AT_SURFACE /* col is 0: the surface as a whole (L nowhere finite, out of memory) */
} expr_field;

#define EXPR_MSG_SIZE 160

typedef struct {
    expr_field field;
    int col;
    char msg[EXPR_MSG_SIZE]; /* one line, no trailing period, e.g. "unknown function 'sine' (did you
                      mean 'sin'?)"; print as "column %d: %s" */
} expr_error;

typedef struct expr expr; /* compiled and immutable: one may be evaluated from many threads */

/* Compiles text, NUL-terminated. var_x and var_y name the two variables (NULL means "x" and
 * "y"); each must be an identifier of at most EXPR_MAX_NAME bytes that is neither a function
 * nor a constant, and they must differ. On error returns NULL and fills *err (which may be NULL):
 * field EXPR_AT_FORMULA with the 1-based column of the offending byte, or EXPR_AT_VARS with
 * col 0 for a bad variable name, or EXPR_AT_SURFACE if out of memory. The caller frees the
 * result with expr_free(). */
expr *expr_compile(const char *text, const char *var_x, const char *var_y, expr_error *err);
void expr_free(expr *e);

/* Writes whichever of L (f), ∇L (g) and ∇²L (h = Lxx, Lxy, Lyy) are non-NULL at (x, y). With g
 * and h both NULL, only values are computed. */
void expr_eval(const expr *e, double x, double y, double *f, double g[2], double h[3]);
/* The same as a surface kernel (surface_eval_fn): params is the expr. */
void expr_kernel(const void *params, double x, double y, double *f, double g[2], double h[3]);
/* Instructions in the compiled program (for tests and benchmarks). */
size_t expr_length(const expr *e);

/* Splits a variable list "w,b" (spaces allowed around the names) into two names checked as
 * expr_compile checks them. x and y need EXPR_MAX_NAME + 1 bytes. On error fills *err with
 * field EXPR_AT_VARS and the column within vars. */
bool expr_vars(const char *vars, char *x, char *y, expr_error *err);

/* The function names, space-separated, in the order of the list above. */
const char *expr_function_list(void);

/* The closest of names[0..n) to the len bytes at word by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours, ignoring case), if that is at most 1 for a word of up
 * to 4 bytes or 2 for a longer one; else NULL. The first of equally close names wins. Used for
 * "did you mean" hints. */
const char *expr_closest(const char *word, size_t len, const char *const *names, size_t n);

/* What a run-time surface on a formula is made from. Only formula is required; the strings are
 * copied. */
typedef struct {
    const char *formula;
    const char *vars;   /* "w,b"; NULL means "x,y" */
    const char *name;   /* NULL means "formula"; 1..EXPR_MAX_NAME of [A-Za-z0-9._-] */
    const char *title;  /* NULL means the formula (cut to 60 bytes) */
    const char *lesson; /* NULL means a sentence saying the surface was typed */
    bool has_domain;
    double xmin, xmax, ymin, ymax;
    bool has_start;
    double start_x, start_y;
    double eta; /* 0 means derived (derive_eta) */
} expr_spec;

/* A run-time surface (surface_create) on spec->formula. It owns everything it points to: its
 * strings, the compiled expr (params) and the stationary points; surface_destroy() frees them.
 *
 * Defaults, for what spec leaves out:
 *   domain  the first square [-s, s]^2, s = 5, 10, 20, 50, 100, 200, 500, 1000, that contains
 *           the start (when given) and in which the lowest finite L on a 41 x 41 grid is not on
 *           the edge, i.e. a minimum is inside; [-5, 5]^2 when there is none (a saddle, a
 *           plane, L falling without bound).
 *   start   the first of centre + (0.3 w, 0.2 h), (-0.3 w, 0.2 h), (0.3 w, -0.2 h),
 *           (-0.3 w, -0.2 h) of the box (w, h its width and height) where L and ∇L are
 *           finite; the centre itself is avoided because a symmetric formula often has its
 *           minimum there.
 *   eta, contour levels, stationary points: derive_defaults().
 * When note is non-NULL it receives one line saying which defaults were chosen ("" when none),
 * for the caller to show. On error returns NULL and fills *err (may be NULL): a formula or vars
 * error as expr_compile gives it, EXPR_AT_NAME for a bad name, EXPR_AT_DOMAIN / START / ETA for
 * an empty or non-finite box, a start outside the box, or an eta that is negative or not finite,
 * and EXPR_AT_SURFACE when L is not finite anywhere on the box or memory runs out. */
surface *expr_surface(const expr_spec *spec, expr_error *err, char *note, size_t note_size);

/* L = ½(l1 u² + l2 v²) with (u, v) the axes turned by angle_deg: a quadratic whose Hessian has
 * eigenvalues l1 and l2 along directions at angle_deg and angle_deg + 90 degrees, so the
 * condition number is |l1/l2|. The surface's formula is the expanded a*x^2 + b*x*y + c*y^2
 * with 10 significant digits (surfaces/files/quadratic.surface is l1 = 1, l2 = 10, 30 degrees);
 * name "quadratic", a title and lesson built from the numbers, other defaults as expr_surface.
 * l1 and l2 must be finite with |l| <= 1e6, not both 0; the angle finite. NULL on error. */
surface *expr_quadratic(double l1, double l2, double angle_deg, expr_error *err, char *note,
                        size_t note_size);
/* The same from the text "L1,L2,ANGLE" (the --quadratic argument); a malformed argument is an
 * EXPR_AT_SURFACE error. */
surface *expr_quadratic_arg(const char *arg, expr_error *err, char *note, size_t note_size);

#endif
