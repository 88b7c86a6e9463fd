// SPDX-License-Identifier: MIT
/* Layer: core. The registry of surfaces (see registry.h). */
#include <stdlib.h>
#include <string.h>

#include "steepest/registry.h"

static bool grow(registry *r)
{
    if (r->n < r->cap)
        return true;
    size_t cap = r->cap ? r->cap * 2 : 32;
    const surface **items = realloc(r->items, cap * sizeof *items);
    if (!items)
        return false;
    r->items = items;
    surface **owned = realloc(r->owned, cap * sizeof *owned);
    if (!owned)
        return false;
    r->owned = owned;
    r->cap = cap;
    return true;
}

bool registry_init(registry *r)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < surface_count(); i++) {
        if (!grow(r)) {
            registry_free(r);
            return false;
        }
        r->items[r->n] = surface_at(i);
        r->owned[r->n++] = NULL;
    }
    return true;
}

void registry_free(registry *r)
{
    for (size_t i = 0; i < r->n; i++)
        surface_destroy(r->owned[i]);
    free(r->items);
    free(r->owned);
    memset(r, 0, sizeof *r);
}

bool registry_add(registry *r, surface *s)
{
    if (!s || registry_find(r, s->name) || !grow(r)) {
        surface_destroy(s);
        return false;
    }
    r->items[r->n] = s;
    r->owned[r->n++] = s;
    return true;
}

size_t registry_count(const registry *r)
{
    return r->n;
}

const surface *registry_at(const registry *r, size_t i)
{
    return i < r->n ? r->items[i] : NULL;
}

const surface *registry_find(const registry *r, const char *name)
{
    for (size_t i = 0; name && i < r->n; i++)
        if (r->items[i]->name && strcmp(r->items[i]->name, name) == 0)
            return r->items[i];
    return NULL;
}

size_t registry_index(const registry *r, const surface *s)
{
    size_t i = 0;
    while (i < r->n && r->items[i] != s)
        i++;
    return i;
}
