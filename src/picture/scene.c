// SPDX-License-Identifier: MIT
/* Layer: picture. What every part of the picture asks of a scene (see scene.h). */
#include <math.h>

#include "steepest/scene.h"

bool scene_landing(const scene *sc, double *x, double *y)
{
    const walker *w = sc->w;
    if (!sc->show_arrow || w->status == WALKER_DIVERGED)
        return false;
    optimizer_move m;
    if (sc->probe) {
        analysis_probe pr = analysis_probe_at(w->surf, &sc->here, w->eta, sc->beta);
        m = walker_move_along(w, pr.ux, pr.uy);
    } else if (!(w->gnorm > 0 && isfinite(w->gnorm)) || !walker_preview(w, &m)) {
        return false;
    }
    *x = w->x + m.dx;
    *y = w->y + m.dy;
    return true;
}

bool scene_step_direction(const scene *sc, double *dx, double *dy, double *len)
{
    const walker *w = sc->w;
    optimizer_move m;
    if (w->status == WALKER_DIVERGED)
        return false;
    if (sc->probe) {
        analysis_probe pr = analysis_probe_at(w->surf, &sc->here, w->eta, sc->beta);
        m = walker_move_along(w, pr.ux, pr.uy);
    } else if (!walker_preview(w, &m)) {
        return false;
    }
    double n = hypot(m.dx, m.dy);
    if (!(n > 0) || !isfinite(n))
        return false;
    *dx = m.dx / n;
    *dy = m.dy / n;
    *len = n;
    return true;
}
