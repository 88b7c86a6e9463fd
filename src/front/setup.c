// SPDX-License-Identifier: MIT
/* Layer: front. Config to controller (see setup.h). */
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

bool setup_app(const cli_options *o, registry *reg, app *a, int cols, int rows, bool braille)
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
    if (o->note[0]) /* what was chosen for a typed or data surface, said on the status line */
        snprintf(a->message, sizeof a->message, "%.200s", o->note);
    return true;
}

/* buf = a/b/c; false when it does not fit (a name is never silently cut short). */
static bool join(char *buf, size_t n, const char *a, const char *b, const char *c)
{
    int k = snprintf(buf, n, "%s%s%s", a, b, c);
    return k >= 0 && (size_t)k < n;
}

/* Where shipped demos are looked for, in order: $STEEPEST_DEMO_DIR; the install folder this binary
 * was built for; beside the binary (../share/steepest/demos, for an install moved elsewhere); and,
 * for a build tree, the source tree's demos/ next to it (build/../demos). */
static int demo_dirs(char dirs[][PATH_MAX], int max)
{
    int n = 0;
    const char *env = getenv("STEEPEST_DEMO_DIR"); /* the user's own demos come first */
    if (env && *env && n < max && join(dirs[n], PATH_MAX, env, "", ""))
        n++;
    if (n < max && join(dirs[n], PATH_MAX, STEEPEST_DEMO_DIR, "", ""))
        n++;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (n < max && join(dirs[n], PATH_MAX, exe, "/../share/steepest/demos", ""))
                n++;
            if (n < max && join(dirs[n], PATH_MAX, exe, "/../demos", ""))
                n++;
        }
    }
    return n;
}

bool setup_demo_path(const char *name, char *buf, size_t n)
{
    if (!join(buf, n, name, "", ""))
        return false;
    if (strchr(name, '/') || access(name, F_OK) == 0)
        return true;
    char dirs[4][PATH_MAX];
    int nd = demo_dirs(dirs, 4);
    static const char *const suffix[] = {"", ".demo"};
    for (int d = 0; d < nd; d++)
        for (int k = 0; k < 2; k++) {
            char path[PATH_MAX];
            if (join(path, sizeof path, dirs[d], "/", name) &&
                strlen(path) + strlen(suffix[k]) < sizeof path) {
                strcat(path, suffix[k]);
                if (access(path, F_OK) == 0)
                    return join(buf, n, path, "", "");
            }
        }
    return true; /* not found anywhere: the name as given, for the message */
}

int setup_list_demos(FILE *out, bool names_only)
{
    char dirs[4][PATH_MAX];
    int nd = demo_dirs(dirs, 4), found = 0;
    for (int d = 0; d < nd; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir)
            continue;
        char *names[256];
        int n = 0;
        struct dirent *e;
        while ((e = readdir(dir)) && n < 256) {
            size_t len = strlen(e->d_name);
            if (len > 5 && strcmp(e->d_name + len - 5, ".demo") == 0)
                names[n++] = strndup(e->d_name, len - 5);
        }
        closedir(dir);
        if (n == 0)
            continue;
        for (int i = 1; i < n; i++) /* sorted, for a stable list */
            for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
                char *t = names[j];
                names[j] = names[j - 1];
                names[j - 1] = t;
            }
        if (!names_only && found == 0)
            fprintf(out, "Demos in %s (steepest --play NAME):\n", dirs[d]);
        for (int i = 0; i < n; i++) {
            if (names_only)
                fprintf(out, "%s%s", found + i > 0 ? ", " : "", names[i]);
            else
                fprintf(out, "  %s\n", names[i]);
            free(names[i]);
        }
        found += n;
        break; /* the first folder that has demos is the one used */
    }
    if (!names_only && found == 0) {
        fprintf(out, "No demos found; looked in:");
        for (int d = 0; d < nd; d++)
            fprintf(out, " %s", dirs[d]);
        fputc('\n', out);
    }
    return found;
}
