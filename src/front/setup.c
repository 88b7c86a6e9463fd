/* Layer: front. Config to controller (see setup.h). */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "steepest/setup.h"

#ifndef STEEPEST_DEMO_DIR
#define STEEPEST_DEMO_DIR "/usr/local/share/steepest/demos"
#endif

void setup_session(const cli_options *o, session *ss)
{
    /* --start and --eta set every walker; a spec's own start or eta wins over them. */
    if (o->n_walkers > 0)
        session_set_walkers(ss, o->walkers, o->n_walkers);
    if (o->has_start)
        session_set_start(ss, o->start_x, o->start_y);
    for (size_t i = 0; i < ss->n_walkers; i++) {
        session_set_focus(ss, i);
        if (o->has_eta)
            session_set_eta(ss, o->eta);
        session_set_ascend(ss, o->ascend);
        if (o->n_walkers > 0)
            session_tune_walker(ss, i, &o->walkers[i]);
    }
    session_set_focus(ss, 0);
}

bool setup_check_start(const cli_options *o, FILE *err)
{
    const surface *s = o->surf;
    double x = o->has_start ? o->start_x : s->start_x, y = o->has_start ? o->start_y : s->start_y;
    double f, g[2];
    surface_eval(s, x, y, &f, g, NULL);
    if (isfinite(f) && isfinite(g[0]) && isfinite(g[1]))
        return true;
    fprintf(err,
            "steepest: --start: L or its gradient is not finite at (%g, %g) on %s; choose a "
            "start inside the surface's domain (see --list)\n",
            x, y, s->name);
    return false;
}

bool setup_app(const cli_options *o, const registry *reg, app *a, int cols, int rows, bool braille)
{
    if (!app_init(a, reg, o->surf, cols, rows, braille && !o->ascii))
        return false;
    setup_session(o, &a->ss);
    if (o->has_zoom)
        view_zoom(&a->v, a->ss.surf, o->zoom);
    if (o->has_center)
        view_center(&a->v, a->ss.surf, o->center_x, o->center_y);
    a->theme = o->theme;
    a->numbers = o->numbers;
    return true;
}

/* buf = a/b/c; false when it does not fit (a name is never silently cut short). */
static bool join(char *buf, size_t n, const char *a, const char *b, const char *c)
{
    int k = snprintf(buf, n, "%s%s%s", a, b, c);
    return k >= 0 && (size_t)k < n;
}

bool setup_demo_path(const char *name, char *buf, size_t n)
{
    if (!join(buf, n, name, "", ""))
        return false;
    if (strchr(name, '/') || access(name, F_OK) == 0)
        return true;
    static const char *const suffix[] = {"", ".demo"};
    for (int k = 0; k < 2; k++) {
        char path[PATH_MAX];
        if (join(path, sizeof path, STEEPEST_DEMO_DIR "/", name, suffix[k]) &&
            access(path, F_OK) == 0)
            return join(buf, n, path, "", "");
    }
    return true; /* not found anywhere: the name as given, for the message */
}
