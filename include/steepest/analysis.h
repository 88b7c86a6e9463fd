/* The model's analysis of one θ: the Hessian's eigenvalues and the stability bound, the
 * direction probe's Taylor terms, and how far -∇L points from the nearest minimum. The panel,
 * the --probe table and the tests all read these same functions, so their numbers agree. */
#ifndef STEEPEST_ANALYSIS_H
#define STEEPEST_ANALYSIS_H

#include <stdbool.h>

#include "steepest/session.h"

typedef struct {
    bool ok; /* false if GSL failed or the Hessian is not finite */
    double lambda_min, lambda_max;
    double condition; /* |λmax| / |λmin|, INFINITY when λmin = 0 */
    double eta_bound; /* 2/λmax where λmax > 0, else NAN (no bound from curvature) */
} analysis_hessian;

/* Eigenvalues of ∇²L at (x, y) by gsl_eigen_symm. */
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

/* The direction at β from ∇L at the session's θ, with the session's η. When ∇L = 0, β is
 * measured from the +x axis instead. */
analysis_probe analysis_probe_at(const session *ss, double beta);
/* β normalised to [0, 360). */
double analysis_wrap_degrees(double beta);

/* The listed minimum nearest to (x, y), or NULL if the surface lists none. */
const surface_point *analysis_nearest_minimum(const surface *s, double x, double y);
/* The angle in degrees (0-180) between -∇L at θ and the direction from θ to the nearest
 * listed minimum; NAN when there is none, θ is on it, or ∇L = 0. */
double analysis_angle_to_minimum(const session *ss);

/* ΔL of one gradient step of size eta from θ in the session's direction: actual, and the
 * first-order ∓η|∇L|². */
void analysis_step_delta(const session *ss, double eta, double *actual, double *first);

#endif
