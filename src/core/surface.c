// SPDX-License-Identifier: MIT
/* Layer: core. What every surface shares: evaluation, the GSL adapters, and the life of a
 * surface made at run time. */
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "steepest/surface.h"

void surface_eval(const surface *s, double x, double y, double *f, double g[2], double h[3])
{
    s->eval(s->params, x, y, f, g, h);
}

double surface_loss(const surface *s, double x, double y)
{
    double f;
    s->eval(s->params, x, y, &f, NULL, NULL);
    return f;
}

static double gsl_f(const gsl_vector *v, void *params)
{
    return surface_loss(params, gsl_vector_get(v, 0), gsl_vector_get(v, 1));
}

static void gsl_df(const gsl_vector *v, void *params, gsl_vector *grad)
{
    double g[2];
    surface_eval(params, gsl_vector_get(v, 0), gsl_vector_get(v, 1), NULL, g, NULL);
    gsl_vector_set(grad, 0, g[0]);
    gsl_vector_set(grad, 1, g[1]);
}

static void gsl_fdf(const gsl_vector *v, void *params, double *f, gsl_vector *grad)
{
    double g[2];
    surface_eval(params, gsl_vector_get(v, 0), gsl_vector_get(v, 1), f, g, NULL);
    gsl_vector_set(grad, 0, g[0]);
    gsl_vector_set(grad, 1, g[1]);
}

gsl_multimin_function_fdf surface_gsl_fdf(const surface *s)
{
    gsl_multimin_function_fdf fn = {gsl_f, gsl_df, gsl_fdf, 2, (void *)s};
    return fn;
}

static int root_f(const gsl_vector *v, void *params, gsl_vector *out)
{
    gsl_df(v, params, out);
    return GSL_SUCCESS;
}

static int root_df(const gsl_vector *v, void *params, gsl_matrix *jac)
{
    double h[3];
    surface_eval(params, gsl_vector_get(v, 0), gsl_vector_get(v, 1), NULL, NULL, h);
    gsl_matrix_set(jac, 0, 0, h[0]);
    gsl_matrix_set(jac, 0, 1, h[1]);
    gsl_matrix_set(jac, 1, 0, h[1]);
    gsl_matrix_set(jac, 1, 1, h[2]);
    return GSL_SUCCESS;
}

static int root_fdf(const gsl_vector *v, void *params, gsl_vector *out, gsl_matrix *jac)
{
    gsl_df(v, params, out);
    return root_df(v, params, jac);
}

gsl_multiroot_function_fdf surface_gsl_gradient(const surface *s)
{
    gsl_multiroot_function_fdf fn = {root_f, root_df, root_fdf, 2, (void *)s};
    return fn;
}

const char *surface_point_kind_name(surface_point_kind k)
{
    switch (k) {
    case POINT_MINIMUM:
        return "minimum";
    case POINT_SADDLE:
        return "saddle";
    case POINT_MAXIMUM:
        return "maximum";
    }
    return "?";
}

surface *surface_create(void)
{
    /* Counts up from 1; 0 stays the built-ins'. Single-threaded, like the rest of the program. */
    surface *s = calloc(1, sizeof *s);
    if (s) {
        static unsigned long next_serial;
        s->serial = ++next_serial;
    }
    return s;
}

void surface_destroy(surface *s)
{
    if (!s)
        return;
    if (s->release)
        s->release(s);
    if (s->owns_points)
        free((void *)s->points);
    free(s);
}
