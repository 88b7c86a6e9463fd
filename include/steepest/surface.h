// SPDX-License-Identifier: MIT
/* Layer: core. A loss L(x, y) as a value, with its analytic gradient and Hessian.
 *
 * A surface knows nothing of sessions, pictures or terminals; it calls only GSL and libm. Each one
 * lives in its own file under surfaces/ and computes L, ∇L and ∇²L together in one kernel, so the
 * three can never disagree about the formula. surface_gsl_fdf() wraps any surface as a GSL
 * gsl_multimin_function_fdf, so every GSL minimizer runs on every surface unchanged. */
#ifndef STEEPEST_SURFACE_H
#define STEEPEST_SURFACE_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_multimin.h>
#include <gsl/gsl_multiroots.h>

typedef enum { POINT_MINIMUM, POINT_SADDLE, POINT_MAXIMUM } surface_point_kind;

/* A stationary point, ∇L = 0. `degenerate` means the Hessian is singular there, so its kind
 * follows from higher-order terms (the monkey saddle) rather than from eigenvalue signs. */
typedef struct {
    double x, y;
    double value;
    surface_point_kind kind;
    bool degenerate;
} surface_point;

/* How contour levels are spaced between level_lo and level_hi: evenly, or evenly in log(L -
 * level_base) for surfaces whose interesting region spans decades (rosenbrock, beale). */
typedef enum { LEVELS_LINEAR, LEVELS_LOG } surface_level_scale;

/* The one kernel a surface provides. f, g (∂L/∂x, ∂L/∂y) and h (Lxx, Lxy, Lyy) may each be
 * NULL when the caller does not want them; whatever is non-NULL is written. */
typedef void (*surface_eval_fn)(const void *params, double x, double y, double *f, double g[2],
                                double h[3]);

typedef struct surface {
    const char *name;    /* short, used on the command line */
    const char *title;   /* one line for the panel */
    const char *formula; /* ASCII, for --list and the lesson pane */
    const char *lesson;  /* 2-5 sentences on what the surface teaches */
    const char *axis_x;  /* parameter names, "x"/"y" or "w"/"b" */
    const char *axis_y;
    surface_eval_fn eval;
    const void *params;
    double xmin, xmax, ymin, ymax; /* domain box shown at start */
    double start_x, start_y;       /* default θ0 */
    double eta;                    /* default learning rate */
    const surface_point *points;   /* every known stationary point in the domain */
    size_t n_points;
    surface_level_scale level_scale;
    double level_lo, level_hi; /* contour values span [lo, hi] */
    double level_base;         /* for LEVELS_LOG: levels are base + 10^k */
    /* The same loss measured on held-out data, or NULL. */
    const struct surface *heldout;
    /* 0 for the built-ins. A surface made at run time gets a fresh serial, so a cache keyed
     * on (address, serial) never mistakes a new surface for a freed one at the same address. */
    unsigned long serial;
    /* points was malloc'd for this surface (derive_defaults) and goes with it. */
    bool owns_points;
    /* Frees what a run-time surface owns (params, strings), or NULL for the built-ins. */
    void (*release)(struct surface *s);
} surface;

/* Evaluate whichever of f, g, h are non-NULL at (x, y). */
void surface_eval(const surface *s, double x, double y, double *f, double g[2], double h[3]);
double surface_loss(const surface *s, double x, double y);

/* GSL's shape: n = 2 and params = (void *)s. The returned struct refers to s, which must
 * outlive it. */
gsl_multimin_function_fdf surface_gsl_fdf(const surface *s);

/* ∇L(x, y) = 0 as a GSL root-finding system, with the analytic Hessian as its Jacobian, so
 * gsl_multiroot_fdfsolver_* can find stationary points. params = (void *)s, as above. */
gsl_multiroot_function_fdf surface_gsl_gradient(const surface *s);

/* A zeroed run-time surface with a fresh serial; the caller fills it in. NULL if out of
 * memory. */
surface *surface_create(void);
/* Calls s->release and frees s; NULL is fine. Never call it on a built-in. */
void surface_destroy(surface *s);

/* The built-in catalog (static, never freed), in the order `n`/`N` walk through it. */
size_t surface_count(void);
const surface *surface_at(size_t i);
/* NULL when no surface has that name. */
const surface *surface_find(const char *name);
/* Index of s in the catalog, or surface_count() when s is not listed (a held-out twin). */
size_t surface_index(const surface *s);

const char *surface_point_kind_name(surface_point_kind k);

#endif
