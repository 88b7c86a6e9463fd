// SPDX-License-Identifier: MIT
/* Layer: core. The surfaces a run can switch between: the built-ins first, in catalog order,
 * then any made at run time (typed formulas, data), which the registry owns and releases.
 * `n`/`N` in the view, --surface and demo scripts all look names up here. */
#ifndef STEEPEST_REGISTRY_H
#define STEEPEST_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/surface.h"

typedef struct {
    const surface **items;
    surface **owned; /* items[k] when the registry owns it, else NULL */
    size_t n, cap;
} registry;

/* Holds the built-ins. False only if out of memory. */
bool registry_init(registry *r);
/* Releases every owned surface. */
void registry_free(registry *r);
/* Adds a run-time surface and takes ownership (on failure, s is destroyed). A name already
 * listed is refused too. */
bool registry_add(registry *r, surface *s);

size_t registry_count(const registry *r);
const surface *registry_at(const registry *r, size_t i);
/* NULL when no surface has that name. */
const surface *registry_find(const registry *r, const char *name);
/* Index of s, or registry_count() when s is not listed (a held-out twin). */
size_t registry_index(const registry *r, const surface *s);

#endif
