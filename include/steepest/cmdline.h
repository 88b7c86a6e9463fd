/* Layer: front. The command line that reproduces a view (the `y` key): surface, θ, η,
 * direction, zoom, theme, spelled with the option table's names. */
#ifndef STEEPEST_CMDLINE_H
#define STEEPEST_CMDLINE_H

#include <stddef.h>

#include "steepest/app.h"

void cmdline_write(const app *a, char *buf, size_t n);

#endif
