// SPDX-License-Identifier: MIT
/* Layer: model. The analysis of a point (see analysis.h). */
#include <math.h>

#include <gsl/gsl_eigen.h>

#include "steepest/analysis.h"

analysis_point analysis_point_at(const surface *s, double x, double y)
{
    analysis_point p = {x, y, 0, 0, 0, 0, {0, 0, 0}};
    double g[2];
    surface_eval(s, x, y, &p.loss, g, p.h);
    p.gx = g[0];
    p.gy = g[1];
    p.gnorm = hypot(g[0], g[1]);
    return p;
}

analysis_hessian analysis_hessian_at(const surface *s, double x, double y)
{
    analysis_point p = {x, y, 0, 0, 0, 0, {0, 0, 0}};
    surface_eval(s, x, y, NULL, NULL, p.h);
    return analysis_hessian_of(&p);
}

analysis_hessian analysis_hessian_of(const analysis_point *p)
{
    analysis_hessian r = {false, NAN, NAN, NAN, NAN};
    const double *h = p->h;
    if (!isfinite(h[0]) || !isfinite(h[1]) || !isfinite(h[2]))
        return r;
    double a[4] = {h[0], h[1], h[1], h[2]};
    gsl_matrix_view m = gsl_matrix_view_array(a, 2, 2);
    double evd[2];
    gsl_vector_view ev = gsl_vector_view_array(evd, 2);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(2);
    if (!w)
        return r;
    int status = gsl_eigen_symm(&m.matrix, &ev.vector, w);
    gsl_eigen_symm_free(w);
    if (status != 0)
        return r;
    r.ok = true;
    r.lambda_min = fmin(evd[0], evd[1]);
    r.lambda_max = fmax(evd[0], evd[1]);
    double lo = fmin(fabs(evd[0]), fabs(evd[1])), hi = fmax(fabs(evd[0]), fabs(evd[1]));
    r.condition = lo > 0 ? hi / lo : INFINITY;
    r.eta_bound = r.lambda_max > 0 ? 2 / r.lambda_max : NAN;
    return r;
}

double analysis_wrap_degrees(double beta)
{
    double b = fmod(beta, 360);
    if (b < 0)
        b += 360;
    /* fmod of a tiny negative number can round up to 360 itself */
    return b >= 360 ? 0 : b;
}

/* cos and sin of an angle in degrees, exact at multiples of 90 (cos 90° is 0, not 6e-17),
 * so "along the level curve" reads as exactly no first-order change. */
static void cos_sin_deg(double deg, double *c, double *s)
{
    double q = deg / 90;
    if (q == floor(q)) {
        static const double cq[4] = {1, 0, -1, 0}, sq[4] = {0, 1, 0, -1};
        int k = (int)fmod(q, 4);
        k = k < 0 ? k + 4 : k;
        *c = cq[k];
        *s = sq[k];
        return;
    }
    *c = cos(deg * M_PI / 180);
    *s = sin(deg * M_PI / 180);
}

analysis_probe analysis_probe_at(const surface *s, const analysis_point *ss, double eta,
                                 double beta)
{
    analysis_probe p;
    p.beta = analysis_wrap_degrees(beta);
    /* u = ∇L/|∇L| turned by β (from +x when ∇L = 0). */
    double gx = ss->gnorm > 0 ? ss->gx / ss->gnorm : 1, gy = ss->gnorm > 0 ? ss->gy / ss->gnorm : 0;
    double c, sn;
    cos_sin_deg(p.beta, &c, &sn);
    p.ux = c * gx - sn * gy;
    p.uy = sn * gx + c * gy;
    p.cos_beta = c;
    const double *h = ss->h;
    p.first = eta * ss->gnorm * c;
    double uhu = p.ux * (h[0] * p.ux + h[1] * p.uy) + p.uy * (h[1] * p.ux + h[2] * p.uy);
    p.second = 0.5 * eta * eta * uhu;
    p.predicted = p.first + p.second;
    p.actual = surface_loss(s, ss->x + eta * p.ux, ss->y + eta * p.uy) - ss->loss;
    return p;
}

const surface_point *analysis_nearest_minimum(const surface *s, double x, double y)
{
    const surface_point *best = NULL;
    double bd = INFINITY;
    for (size_t k = 0; k < s->n_points; k++) {
        if (s->points[k].kind != POINT_MINIMUM)
            continue;
        double d = hypot(s->points[k].x - x, s->points[k].y - y);
        if (d < bd) {
            bd = d;
            best = &s->points[k];
        }
    }
    return best;
}

double analysis_angle_to_minimum(const surface *s, const analysis_point *ss)
{
    const surface_point *m = analysis_nearest_minimum(s, ss->x, ss->y);
    if (!m || !(ss->gnorm > 0))
        return NAN;
    double dx = m->x - ss->x, dy = m->y - ss->y, d = hypot(dx, dy);
    if (!(d > 0))
        return NAN;
    double c = -(ss->gx * dx + ss->gy * dy) / (ss->gnorm * d);
    return acos(fmax(-1, fmin(1, c))) * 180 / M_PI;
}

analysis_slice analysis_slice_at(const surface *s, const analysis_point *p, double dx, double dy,
                                 double t)
{
    analysis_slice r;
    r.t = t;
    double slope = dx * p->gx + dy * p->gy;
    double curv = dx * (p->h[0] * dx + p->h[1] * dy) + dy * (p->h[1] * dx + p->h[2] * dy);
    r.actual = surface_loss(s, p->x + t * dx, p->y + t * dy);
    r.first = p->loss + t * slope;
    r.second = r.first + 0.5 * t * t * curv;
    return r;
}

bool analysis_eigenvectors(const analysis_point *p, double vmin[2], double vmax[2])
{
    double a = p->h[0], b = p->h[1], c = p->h[2];
    if (!isfinite(a) || !isfinite(b) || !isfinite(c))
        return false;
    /* The larger eigenvalue's vector is at angle phi with tan 2phi = 2b / (a - c). */
    double phi = 0.5 * atan2(2 * b, a - c);
    vmax[0] = cos(phi);
    vmax[1] = sin(phi);
    vmin[0] = -vmax[1];
    vmin[1] = vmax[0];
    return true;
}

analysis_eta_regime analysis_eta_regime_of(double eta, double lambda)
{
    /* On ηλ, the factor that matters (1 - ηλ): no 2/λ to overflow when λ is tiny. */
    double r = eta * lambda, tol = 1e-9;
    if (fabs(r - 2) <= 2 * tol)
        return ETA_AT_BOUND;
    if (r > 2)
        return ETA_ABOVE;
    if (fabs(r - 1) <= tol)
        return ETA_AT_HALF;
    return r > 1 ? ETA_ZIGZAG : ETA_BELOW;
}
