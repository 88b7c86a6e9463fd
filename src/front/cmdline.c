// SPDX-License-Identifier: MIT
/* Layer: front. The reproducing command line (see cmdline.h). */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "steepest/cmdline.h"
#include "steepest/frame.h"
#include "steepest/keys.h"
#include "steepest/options.h"
#include "steepest/registry.h"

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

/* A shell word: as is when it is plain, else in single quotes (a quote as '\''). */
static void add_word(char *buf, size_t n, int *k, const char *w)
{
    bool plain = *w != '\0';
    for (const char *c = w; *c; c++)
        plain &= strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/=:+",
                        *c) != NULL;
    if (plain) {
        add(buf, n, k, " %s", w);
        return;
    }
    add(buf, n, k, " '");
    for (const char *c = w; *c; c++)
        add(buf, n, k, *c == '\'' ? "'\\''" : "%c", *c);
    add(buf, n, k, "'");
}

/* Where the surface came from: a built-in's name; for the surface the command line made (the
 * first one made at run time) the options that made it, as given; anything else (a surface a
 * demo made) cannot be named on a command line, so the line says so. */
static void add_source(const app *a, int argc, char **argv, char *buf, size_t n, int *k)
{
    const surface *s = a->ss.surf;
    size_t at = registry_index(a->reg, s);
    if (surface_index(s) < surface_count()) {
        add(buf, n, k, " %s", options_flag(OPT_SURFACE));
        add_word(buf, n, k, s->name);
        return;
    }
    if (at != surface_count()) {
        add(buf, n, k, " # surface '%s' was made by a demo; from its start:", s->name);
        return;
    }
    static const int source[] = {OPT_SURFACE,     OPT_EXPR,    OPT_VARS,    OPT_DOMAIN, OPT_TITLE,
                                 OPT_QUADRATIC,   OPT_DATA,    OPT_COLUMNS, OPT_MODEL,  OPT_LOSS,
                                 OPT_STANDARDIZE, OPT_HOLDOUT, OPT_SEED};
    size_t nt;
    const option_spec *t = options_table(&nt);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        size_t len = strcspn(arg, "=");
        for (size_t e = 0; e < nt; e++) {
            bool named = arg[0] == '-' && arg[1] == '-' && strlen(t[e].name) == len - 2 &&
                         strncmp(arg + 2, t[e].name, len - 2) == 0;
            bool letter = t[e].id < 128 && arg[0] == '-' && arg[1] == t[e].id && !arg[2];
            if (!named && !letter)
                continue;
            bool wanted = false;
            for (size_t j = 0; j < sizeof source / sizeof source[0]; j++)
                wanted |= t[e].id == source[j];
            if (wanted) {
                add_word(buf, n, k, arg);
                if (!arg[len] && t[e].has_arg == required_argument && i + 1 < argc)
                    add_word(buf, n, k, argv[i + 1]);
            }
            if (!arg[len] && t[e].has_arg == required_argument)
                i++; /* a value is never an option */
            break;
        }
    }
}

/* The current state, when the keys cannot replay the view. */
static void state_line(const app *a, int argc, char **argv, char *buf, size_t n)
{
    const walker *w = session_walker(&a->ss);
    const surface *s = a->ss.surf;
    int k = 0;
    if (n)
        buf[0] = '\0';
    add(buf, n, &k, "steepest");
    add_source(a, argc, argv, buf, n, &k);
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
    if (!a->braille)
        add(buf, n, &k, " %s", options_flag(OPT_ASCII));
    if (a->numbers)
        add(buf, n, &k, " %s", options_flag(OPT_NUMBERS));
    add(buf, n, &k, "  # from theta now: clicks and demos are not replayed");
}

void cmdline_write(const app *a, int argc, char **argv, char *buf, size_t n)
{
    if (a->keylog_broken) {
        state_line(a, argc, argv, buf, n);
        return;
    }
    int k = 0;
    if (n)
        buf[0] = '\0';
    add(buf, n, &k, "steepest");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--keys") == 0) { /* replaced by every key pressed */
            i++;
            continue;
        }
        if (strncmp(argv[i], "--keys=", 7) == 0)
            continue;
        add_word(buf, n, &k, argv[i]);
    }
    if (a->n_keylog == 0)
        return;
    char keys[APP_KEYLOG_MAX * 10];
    size_t used = 0;
    for (size_t i = 0; i < a->n_keylog && used + 12 < sizeof keys; i++) {
        int key = a->keylog[i];
        const char *name = keys_name(key);
        if (name)
            used += (size_t)snprintf(keys + used, sizeof keys - used, "<%s>", name);
        else if (key == '<')
            used += (size_t)snprintf(keys + used, sizeof keys - used, "<lt>");
        else if (key > 0x20 && key < 0x7f)
            keys[used++] = (char)key;
        else if (key == ' ')
            keys[used++] = ' ';
        keys[used] = '\0';
    }
    add(buf, n, &k, " %s", options_flag(OPT_KEYS));
    add_word(buf, n, &k, keys);
}
