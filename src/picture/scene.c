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
