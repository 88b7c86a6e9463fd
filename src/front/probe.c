// SPDX-License-Identifier: MIT
/* Layer: front. The --probe table (see probe.h). */
#include <math.h>

#include "steepest/analysis.h"
#include "steepest/batch.h"
#include "steepest/parse.h"
#include "steepest/probe.h"

/* Never "-0" in a table a student reads. */
static double nz(double v)
{
    return v == 0 ? 0 : v;
}

int probe_print(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!batch_open_session(o, &ss, err))
        return CLI_EXIT_FAIL;
    const walker *w = session_walker(&ss);
    analysis_point here = walker_here(w);
    analysis_hessian h = analysis_hessian_of(&here);
    fprintf(out, "# surface %s, theta (%.6g, %.6g), eta %.6g\n", ss.surf->name, w->x, w->y, w->eta);
    fprintf(out, "# L %.6g, grad (%.6g, %.6g), |grad| %.6g\n", nz(w->loss), nz(w->gx), nz(w->gy),
            nz(w->gnorm));
    fprintf(out, "# Hessian eigenvalues %.6g, %.6g; 2/lambda_max %.6g\n", h.lambda_min,
            h.lambda_max, h.eta_bound);
    fprintf(out, "# u at beta degrees from grad L; dL1 = eta u.grad, dL2 = eta^2 u.H.u / 2\n");
    fprintf(out, "%6s %12s %12s %12s %12s %12s\n", "beta", "cos_beta", "dL1", "dL2", "dL1+dL2",
            "actual_dL");
    for (int beta = 0; beta < 360; beta += 15) {
        analysis_probe p = analysis_probe_at(ss.surf, &here, w->eta, beta);
        fprintf(out, "%6d %12.6g %12.6g %12.6g %12.6g %12.6g\n", beta, nz(p.cos_beta), nz(p.first),
                nz(p.second), nz(p.predicted), nz(p.actual));
    }
    session_free(&ss);
    return CLI_EXIT_OK;
}

int slice_print(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!batch_open_session(o, &ss, err))
        return CLI_EXIT_FAIL;
    const walker *w = session_walker(&ss);
    analysis_point here = walker_here(w);
    optimizer_move m;
    double len = walker_preview(w, &m) ? hypot(m.dx, m.dy) : 0;
    if (!(len > 0) || !isfinite(len)) {
        fprintf(err, "steepest: --slice: no step from (%g, %g): grad L is 0 there\n", w->x, w->y);
        session_free(&ss);
        return CLI_EXIT_USAGE;
    }
    double dx = m.dx / len, dy = m.dy / len;
    /* Every number in the shortest form that reads back to the same double. */
    char a[32], b[32], c[32], d[32];
    parse_shortest(a, sizeof a, w->x);
    parse_shortest(b, sizeof b, w->y);
    parse_shortest(c, sizeof c, w->eta);
    fprintf(out, "# surface %s, theta (%s, %s), eta %s, %s\n", ss.surf->name, a, b, c,
            w->ascend ? "ascending" : "descending");
    parse_shortest(a, sizeof a, dx);
    parse_shortest(b, sizeof b, dy);
    parse_shortest(c, sizeof c, len);
    fprintf(out, "# direction d = (%s, %s), step length %s\n", a, b, c);
    fprintf(out, "# L(theta + t d); first = L + t d.grad; second = first + t^2 d.H.d / 2\n");
    fprintf(out, "t,actual,first,second\n");
    for (int k = 0; k <= 24; k++) {
        analysis_slice sl = analysis_slice_at(ss.surf, &here, dx, dy, len * k / 8);
        parse_shortest(a, sizeof a, sl.t);
        parse_shortest(b, sizeof b, sl.actual);
        parse_shortest(c, sizeof c, sl.first);
        parse_shortest(d, sizeof d, sl.second);
        fprintf(out, "%s,%s,%s,%s\n", a, b, c, d);
    }
    session_free(&ss);
    return CLI_EXIT_OK;
}
