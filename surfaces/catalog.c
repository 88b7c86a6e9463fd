// SPDX-License-Identifier: MIT
/* The one table that lists the surfaces, in the order `n`/`N` walk through them: from the
 * plain bowl to the caveats, then the two learning problems. */
#include <string.h>

#include "steepest/surface.h"

extern const surface surface_bowl, surface_valley, surface_saddle, surface_monkey,
    surface_rosenbrock, surface_himmelblau, surface_beale, surface_booth, surface_matyas,
    surface_camel3, surface_camel6, surface_rastrigin, surface_neuron, surface_logistic;

static const surface *const catalog[] = {
    &surface_bowl,       &surface_valley,     &surface_saddle, &surface_monkey,
    &surface_rosenbrock, &surface_himmelblau, &surface_beale,  &surface_booth,
    &surface_matyas,     &surface_camel3,     &surface_camel6, &surface_rastrigin,
    &surface_neuron,     &surface_logistic,
};

size_t surface_count(void)
{
    return sizeof catalog / sizeof catalog[0];
}

const surface *surface_at(size_t i)
{
    return i < surface_count() ? catalog[i] : NULL;
}

const surface *surface_find(const char *name)
{
    for (size_t i = 0; name && i < surface_count(); i++)
        if (strcmp(catalog[i]->name, name) == 0)
            return catalog[i];
    return NULL;
}

size_t surface_index(const surface *s)
{
    size_t i = 0;
    while (i < surface_count() && catalog[i] != s)
        i++;
    return i;
}
