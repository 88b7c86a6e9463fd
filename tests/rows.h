// SPDX-License-Identifier: MIT
/* Test helper: a model on n rows made here, for tests that need more rows than the shipped
 * sets have (a minibatch walk past WALKER_FULL_ROWS, a race chart of long walks). x spreads
 * evenly over [-2, 2); the labels flip near x = 0, so logistic data are not separable. */
#ifndef STEEPEST_TEST_ROWS_H
#define STEEPEST_TEST_ROWS_H

#include <math.h>
#include <stdlib.h>

#include <check.h>

#include "steepest/dataset.h"
#include "steepest/fit.h"

static inline surface *rows_surface(size_t n, fit_model model, fit_loss loss)
{
    dataset d = {0};
    d.n = n;
    d.x = malloc(n * sizeof *d.x);
    d.y = malloc(n * sizeof *d.y);
    ck_assert(d.x && d.y);
    for (size_t i = 0; i < n; i++) {
        d.x[i] = 4.0 * (double)i / (double)n - 2.0;
        d.y[i] = d.x[i] + 0.8 * sin(7.3 * (double)i) > 0 ? 1 : 0;
    }
    char err[256];
    fit_options fo = {model, loss, true, 0, 0, "rows", NULL};
    surface *s = fit_create(&d, &fo, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    dataset_free(&d);
    return s;
}

#endif
