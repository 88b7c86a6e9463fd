// SPDX-License-Identifier: MIT
/* Layer: front. The CSV trace (see trace.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/analysis.h"
#include "steepest/parse.h"
#include "steepest/trace.h"

void trace_write_header(FILE *f)
{
    fputs(TRACE_HEADER "\n", f);
}

/* The shortest decimal that reads back to the same double (0.08, not 0.080000000000000002;
 * 10, not 1e+01), followed by sep. */
static void num(FILE *f, double v, char sep)
{
    char buf[32];
    parse_shortest(buf, sizeof buf, v);
    fputs(buf, f);
    fputc(sep, f);
}

/* The last columns: held-out loss, walker number (from 1), optimizer. */
static void tail(FILE *f, const walker *w, size_t i, bool finite)
{
    if (w->surf->heldout && finite)
        num(f, surface_loss(w->surf->heldout, w->x, w->y), ',');
    else
        fputc(',', f);
    fprintf(f, "%zu,%s\n", i + 1, w->type->name);
}

void trace_write_row(FILE *f, const session *s, size_t i)
{
    const walker *ss = &s->walkers[i];
    fprintf(f, "%lu,", ss->step);
    num(f, ss->x, ',');
    num(f, ss->y, ',');
    num(f, ss->loss, ',');
    num(f, ss->gx, ',');
    num(f, ss->gy, ',');
    num(f, ss->gnorm, ',');
    num(f, ss->eta, ',');
    if (ss->has_last) {
        num(f, ss->last_delta, ',');
        num(f, ss->last_predicted, ',');
    } else {
        fputs(",,", f);
    }
    analysis_hessian h = analysis_hessian_at(ss->surf, ss->x, ss->y);
    fprintf(f, "%s,", walker_status_name(ss->status));
    num(f, h.lambda_min, ',');
    num(f, h.lambda_max, ',');
    tail(f, ss, i, true);
}

void trace_write_attempt(FILE *f, const session *s, size_t i)
{
    const walker *ss = &s->walkers[i];
    const walker_attempt *a = &ss->attempt;
    /* No curvature columns: the point it would have reached is beyond any sane range. */
    fprintf(f, "%lu,", ss->step + 1);
    num(f, a->x, ',');
    num(f, a->y, ',');
    num(f, a->loss, ',');
    num(f, a->gx, ',');
    num(f, a->gy, ',');
    num(f, hypot(a->gx, a->gy), ',');
    num(f, ss->eta, ',');
    num(f, a->loss - ss->loss, ',');
    num(f, a->predicted, ',');
    fprintf(f, "%s,,,", walker_status_name(ss->status));
    tail(f, ss, i, false);
}
