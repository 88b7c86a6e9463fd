/* Layer: front. The reproducing command line (see cmdline.h). */
#include <stdarg.h>
#include <stdio.h>

#include "steepest/cmdline.h"
#include "steepest/frame.h"
#include "steepest/options.h"

/* Appends to buf at *k, never past n. */
__attribute__((format(printf, 4, 5))) static void add(char *buf, size_t n, int *k, const char *fmt,
                                                      ...)
{
    if (*k < 0 || (size_t)*k >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *k, n - (size_t)*k, fmt, ap);
    va_end(ap);
    *k = w < 0 ? -1 : *k + w;
}

void cmdline_write(const app *a, char *buf, size_t n)
{
    const walker *w = session_walker(&a->ss);
    const surface *s = a->ss.surf;
    int k = 0;
    if (n)
        buf[0] = '\0';
    add(buf, n, &k, "steepest %s %s", options_flag(OPT_SURFACE), s->name);
    add(buf, n, &k, " %s %.12g,%.12g", options_flag(OPT_START), w->x, w->y);
    add(buf, n, &k, " %s %.12g", options_flag(OPT_ETA), w->eta);
    if (w->ascend)
        add(buf, n, &k, " %s", options_flag(OPT_ASCEND));
    bool centred = a->v.cx == 0.5 * (s->xmin + s->xmax) && a->v.cy == 0.5 * (s->ymin + s->ymax);
    if (a->v.zoom != 1 || !centred) {
        add(buf, n, &k, " %s %.12g", options_flag(OPT_ZOOM), a->v.zoom);
        add(buf, n, &k, " %s %.12g,%.12g", options_flag(OPT_CENTER), a->v.cx, a->v.cy);
    }
    if (a->theme != 0)
        add(buf, n, &k, " %s %s", options_flag(OPT_THEME), frame_theme_name(a->theme));
}
