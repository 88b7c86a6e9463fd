/* Layer: front. Config to controller (see setup.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "steepest/setup.h"

#ifndef STEEPEST_DEMO_DIR
#define STEEPEST_DEMO_DIR "/usr/local/share/steepest/demos"
#endif

void setup_session(const cli_options *o, session *ss)
{
    if (o->has_start)
        session_set_start(ss, o->start_x, o->start_y);
    if (o->has_eta)
        session_set_eta(ss, o->eta);
    session_set_ascend(ss, o->ascend);
}

bool setup_app(const cli_options *o, const registry *reg, app *a, int cols, int rows, bool braille)
{
    if (!app_init(a, reg, o->surf, cols, rows, braille && !o->ascii))
        return false;
    setup_session(o, &a->ss);
    if (o->has_zoom)
        view_zoom(&a->v, a->ss.surf, o->zoom);
    if (o->has_center) {
        a->v.cx = o->center_x;
        a->v.cy = o->center_y;
    }
    a->theme = o->theme;
    a->numbers = o->numbers;
    return true;
}

void setup_demo_path(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s", name);
    if (strchr(name, '/') || access(name, F_OK) == 0)
        return;
    static const char *const suffix[] = {"", ".demo"};
    for (int k = 0; k < 2; k++) {
        snprintf(buf, n, "%s/%s%s", STEEPEST_DEMO_DIR, name, suffix[k]);
        if (access(buf, F_OK) == 0)
            return;
    }
    snprintf(buf, n, "%s", name); /* not found anywhere: report the name as given */
}
