// SPDX-License-Identifier: MIT
/* Layer: core. Defaults for a surface that does not give them (a typed formula, a data
 * model): contour levels from the range of L over the domain, and a learning rate from the
 * curvature at the start. Built-in surfaces give their own and never call these. */
#ifndef STEEPEST_DERIVE_H
#define STEEPEST_DERIVE_H

#include "steepest/surface.h"

/* Sets level_scale, level_lo, level_hi and level_base from L sampled on a 41 x 41 grid over
 * the domain box: linear between the low end and the 90th percentile, or logarithmic above
 * the minimum when most of the box is far above it (as on rosenbrock). False, with the
 * levels left alone, when L is not finite anywhere on the grid. */
bool derive_levels(surface *s);

/* A learning rate for s at its start: 1/λmax of the Hessian there (half the 2/λmax bound of
 * the quadratic model), rounded down to 1, 2 or 5 times a power of ten; where the curvature
 * gives no bound, one that moves about 1/50 of the box on the first step. Always finite and
 * > 0. */
double derive_eta(const surface *s);

/* Fills in what a run-time surface left out: its stationary points over the domain box
 * (stationary_find, owned by the surface), contour levels (derive_levels) when level_hi <=
 * level_lo, and η (derive_eta) when eta <= 0. False if out of memory or L is nowhere finite. */
bool derive_defaults(surface *s);

#endif
