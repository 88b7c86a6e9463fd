// SPDX-License-Identifier: MIT
/* Layer: model. The --optimizer argument: a comma-separated list of walker specs,
 *
 *     SPEC[,SPEC...]      SPEC = NAME[:key=value...]
 *
 * e.g. "gd:eta=0.05,gd:eta=0.095,momentum:mu=0.5,adam". NAME is an optimizer type
 * (optimizer_find); the keys are the type's hyper-parameters (param_names) plus `eta` (a
 * finite number > 0) and `start=X/Y` (two finite numbers; '/' because ',' separates specs).
 * Blanks around a spec are ignored. Parsing only: nothing here makes a walker, so the
 * command line, demo scripts and tests share one grammar and one set of messages. */
#ifndef STEEPEST_OPTSPEC_H
#define STEEPEST_OPTSPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/optimizer.h"

/* One walker to make. Values not given hold the defaults (the type's param_defaults; eta
 * and start 0), so a caller applies only what is flagged as given. */
typedef struct {
    const optimizer_type *type;
    double params[OPTIMIZER_MAX_PARAMS]; /* in the type's param_names order */
    bool param_given[OPTIMIZER_MAX_PARAMS];
    double eta;
    bool eta_given;
    double start_x, start_y;
    bool start_given;
} optspec;

/* Parses text into out[0..count). Returns the count (>= 1), or -1 with one line in err
 * (at most errn bytes, no trailing newline) naming the spec at fault: an empty spec, an
 * unknown optimizer (with the closest name by edit distance, or the list of names), an
 * unknown key (with the type's keys), a bad or repeated value, or more than `max` specs
 * ("walkers": the caller passes SESSION_MAX_WALKERS). err may be NULL when errn is 0. */
int optspec_parse(const char *text, optspec *out, size_t max, char *err, size_t errn);

/* Edit distance between a and b, counting an insertion, a deletion, a substitution or a
 * swap of two neighbours as 1 ("adma" is 1 from "adam"). For names: at most 63 bytes of
 * each are compared. */
size_t optspec_distance(const char *a, const char *b);

#endif
