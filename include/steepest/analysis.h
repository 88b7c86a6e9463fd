// SPDX-License-Identifier: MIT
/* Layer: model. The analysis of one point θ: the Hessian's eigenvalues and the stability
 * bound, the direction probe's Taylor terms, and how far -∇L points from the nearest minimum.
 * Each takes a point (θ, L, ∇L, ∇²L), not a session, so it applies to any walker. The panel,
 * the --probe table and the tests all read these same functions, so their numbers agree.
 * Calls surfaces and GSL only. */
#ifndef STEEPEST_ANALYSIS_H
#define STEEPEST_ANALYSIS_H

#include <stdbool.h>

#include "steepest/surface.h"

/* θ with L, ∇L and ∇²L there, from one evaluation of the surface's kernel. */
typedef struct {
    double x, y;
    double loss;
    double gx, gy, gnorm;
    double h[3]; /* Lxx, Lxy, Lyy */
} analysis_point;

analysis_point analysis_point_at(const surface *s, double x, double y);

typedef struct {
    bool ok; /* false if GSL failed or the Hessian is not finite */
    double lambda_min, lambda_max;
    double condition; /* |λmax| / |λmin|, INFINITY when λmin = 0 */
    double eta_bound; /* 2/λmax where λmax > 0, else NAN (no bound from curvature) */
} analysis_hessian;

/* Where η stands against a curvature λ > 0 on the quadratic model, along whose eigenvector a
 * step multiplies the distance to the stationary point by 1 - ηλ: below 1/λ it only shrinks;
 * at 1/λ it lands there; between 1/λ and 2/λ it overshoots and shrinks (the zig-zag); at
 * 2/λ the bounce keeps its size; above, each bounce grows by |1 - ηλ|. Judged on ηλ; "at" is
 * within a relative 1e-9, so η typed as the bound reads as the bound whatever its last bit. */
typedef enum { ETA_BELOW, ETA_AT_HALF, ETA_ZIGZAG, ETA_AT_BOUND, ETA_ABOVE } analysis_eta_regime;
analysis_eta_regime analysis_eta_regime_of(double eta, double lambda);

/* Eigenvalues of ∇²L at the point, by gsl_eigen_symm. */
analysis_hessian analysis_hessian_of(const analysis_point *p);
/* Unit eigenvectors of ∇²L at the point, for λmin and λmax (closed form for 2x2; the axes
 * when ∇²L is diagonal). False when ∇²L is not finite. */
bool analysis_eigenvectors(const analysis_point *p, double vmin[2], double vmax[2]);
/* The same, evaluating ∇²L at (x, y) first. */
analysis_hessian analysis_hessian_at(const surface *s, double x, double y);

/* A step of η along the unit direction u at angle β (degrees) from ∇L, counter-clockwise.
 * Taylor: L(θ + ηu) = L(θ) + η uᵀ∇L + ½η² uᵀ∇²L u + ... */
typedef struct {
    double beta;   /* degrees, [0, 360) */
    double ux, uy; /* the unit direction */
    double cos_beta;
    double first;     /* ΔL₁ = η uᵀ∇L = η |∇L| cos β */
    double second;    /* ½ η² uᵀ∇²L u */
    double predicted; /* first + second */
    double actual;    /* L(θ + ηu) - L(θ) */
} analysis_probe;

/* The direction at β from ∇L at the point, with step length eta. When ∇L = 0, β is measured
 * from the +x axis instead. */
analysis_probe analysis_probe_at(const surface *s, const analysis_point *p, double eta,
                                 double beta);
/* β normalised to [0, 360). */
double analysis_wrap_degrees(double beta);

/* The loss along a line through the point, θ + t·d with d a unit direction: actual L, and the
 * first- and second-order Taylor polynomials L + t dᵀ∇L and L + t dᵀ∇L + ½t² dᵀ∇²L d. Where
 * the two curves part from the actual one, the first-order argument stops being true. */
typedef struct {
    double t;
    double actual, first, second;
} analysis_slice;

analysis_slice analysis_slice_at(const surface *s, const analysis_point *p, double dx, double dy,
                                 double t);

/* The listed minimum nearest to (x, y), or NULL if the surface lists none. */
const surface_point *analysis_nearest_minimum(const surface *s, double x, double y);
/* The angle in degrees (0-180) between -∇L at the point and the direction from it to the
 * nearest listed minimum; NAN when there is none, the point is on it, or ∇L = 0. */
double analysis_angle_to_minimum(const surface *s, const analysis_point *p);

#endif
