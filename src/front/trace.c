/* Layer: front. The CSV trace (see trace.h). */
#include <math.h>

#include "steepest/analysis.h"
#include "steepest/trace.h"

void trace_write_header(FILE *f)
{
    fputs(TRACE_HEADER "\n", f);
}

/* %.17g: every double reads back to the same bits. */
void trace_write_row(FILE *f, const walker *ss)
{
    fprintf(f, "%lu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,", ss->step, ss->x, ss->y, ss->loss,
            ss->gx, ss->gy, ss->gnorm, ss->eta);
    if (ss->has_last)
        fprintf(f, "%.17g,%.17g,", ss->last_delta, ss->last_predicted);
    else
        fputs(",,", f);
    analysis_hessian h = analysis_hessian_at(ss->surf, ss->x, ss->y);
    fprintf(f, "%s,%.17g,%.17g\n", walker_status_name(ss->status), h.lambda_min, h.lambda_max);
}

void trace_write_attempt(FILE *f, const walker *ss)
{
    const walker_attempt *a = &ss->attempt;
    /* No curvature columns: the point it would have reached is beyond any sane range. */
    fprintf(f, "%lu,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s,,\n", ss->step + 1,
            a->x, a->y, a->loss, a->gx, a->gy, hypot(a->gx, a->gy), ss->eta, a->loss - ss->loss,
            a->predicted, walker_status_name(ss->status));
}
