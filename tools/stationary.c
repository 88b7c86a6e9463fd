// SPDX-License-Identifier: MIT
/* Prints the stationary-point tables that the files in surfaces/ list, as found by
 * stationary_find() (steepest/stationary.h) over each surface's domain box with the default
 * options. Run: build/stationary [NAME...]; no NAME means every surface and the held-out twin.
 *
 * The rows are C initialisers to paste: round-trip %.17g digits, coordinates that are rounding
 * noise around an exact zero printed as 0 (with L taken there), and L below 1e-20 as 0. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/stationary.h"
#include "steepest/surface.h"

extern const surface surface_logistic_heldout;

static const char *kind_identifier(surface_point_kind k)
{
    switch (k) {
    case POINT_MINIMUM:
        return "POINT_MINIMUM";
    case POINT_SADDLE:
        return "POINT_SADDLE";
    case POINT_MAXIMUM:
        return "POINT_MAXIMUM";
    }
    return "?";
}

static int table(const surface *s)
{
    surface_point *p;
    int n = stationary_find(s, s->xmin, s->xmax, s->ymin, s->ymax, NULL, &p);
    if (n < 0) {
        fprintf(stderr, "stationary: %s: out of memory\n", s->name);
        return -1;
    }
    double sx = s->xmax - s->xmin, sy = s->ymax - s->ymin;
    printf("/* POINTS %s */\n", s->name);
    for (int k = 0; k < n; k++) {
        double x = fabs(p[k].x) < 1e-12 * sx ? 0 : p[k].x;
        double y = fabs(p[k].y) < 1e-12 * sy ? 0 : p[k].y;
        double v = x == p[k].x && y == p[k].y ? p[k].value : surface_loss(s, x, y);
        printf("    {%.17g, %.17g, %.17g, %s, %s},\n", x, y, fabs(v) < 1e-20 ? 0 : v,
               kind_identifier(p[k].kind), p[k].degenerate ? "true" : "false");
    }
    free(p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        for (size_t i = 0; i < surface_count(); i++)
            if (table(surface_at(i)) != 0)
                return 1;
        return table(&surface_logistic_heldout) != 0;
    }
    for (int i = 1; i < argc; i++) {
        const surface *s = strcmp(argv[i], surface_logistic_heldout.name) == 0
                               ? &surface_logistic_heldout
                               : surface_find(argv[i]);
        if (!s) {
            fprintf(stderr, "stationary: unknown surface '%s'\n", argv[i]);
            return 2;
        }
        if (table(s) != 0)
            return 1;
    }
    return 0;
}
