/* Layer: control. Demo scripts: loading (every line checked before anything is shown) and playing.
 */
#include <errno.h>
#include <sys/types.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/analysis.h"
#include "steepest/demo.h"
#include "steepest/keys.h"
#include "steepest/parse.h"

#define DEMO_MAX_LINE    400
#define DEMO_MAX_ACTIONS 10000

static const char *const op_names[] = {
    [DEMO_SURFACE] = "surface", [DEMO_START] = "start",     [DEMO_THETA] = "theta",
    [DEMO_ETA] = "eta",         [DEMO_DESCEND] = "descend", [DEMO_ASCEND] = "ascend",
    [DEMO_STEP] = "step",       [DEMO_RESET] = "reset",     [DEMO_PROBE_ON] = "probe",
    [DEMO_PROBE_OFF] = NULL,    [DEMO_BETA] = "beta",       [DEMO_TURN] = "turn",
    [DEMO_CAPTION] = "caption", [DEMO_WAIT] = "wait",       [DEMO_PAUSE] = "pause",
    [DEMO_SPEED] = "speed",     [DEMO_ZOOM] = "zoom",       [DEMO_FIT] = "fit",
    [DEMO_KEYS] = "keys",
};

/* Splits off the next blank-separated word; returns NULL at the end. */
static char *word(char **s)
{
    while (**s == ' ' || **s == '\t')
        (*s)++;
    if (!**s)
        return NULL;
    char *w = *s;
    while (**s && **s != ' ' && **s != '\t')
        (*s)++;
    if (**s)
        *(*s)++ = '\0';
    return w;
}

/* Parses exactly `want` numbers from rest into v. */
static bool numbers(char *rest, int want, double *v)
{
    for (int k = 0; k < want; k++) {
        char *w = word(&rest);
        if (!w || !parse_double(w, &v[k]))
            return false;
    }
    return word(&rest) == NULL;
}

/* Checks one line into *act. Returns NULL, or the message for a bad line. */
static const char *parse_line(const registry *reg, char *line, demo_action *act, bool *probe,
                              char *msg, size_t n)
{
    char *rest = line, *cmd = word(&rest);
    int op = -1;
    for (int k = 0; k < (int)(sizeof op_names / sizeof op_names[0]); k++)
        if (op_names[k] && strcmp(op_names[k], cmd) == 0)
            op = k;
    if (op < 0) {
        snprintf(msg, n,
                 "unknown action '%.40s'; expected surface, start, theta, eta, descend, ascend, "
                 "step, reset, probe, beta, turn, caption, wait, pause, speed, zoom, fit or keys",
                 cmd);
        return msg;
    }
    act->op = (demo_op)op;
    double v[2];
    char *w;
    switch (act->op) {
    case DEMO_SURFACE:
        w = word(&rest);
        if (!w || word(&rest)) {
            snprintf(msg, n, "'surface' needs one name (see steepest --list)");
            return msg;
        }
        act->surf = registry_find(reg, w);
        if (!act->surf) {
            snprintf(msg, n, "unknown surface '%.40s' (see steepest --list)", w);
            return msg;
        }
        return NULL;
    case DEMO_START:
    case DEMO_THETA:
        if (!numbers(rest, 2, v)) {
            snprintf(msg, n, "'%s' needs two finite numbers X Y", cmd);
            return msg;
        }
        act->a = v[0];
        act->b = v[1];
        return NULL;
    case DEMO_ETA:
        if (!numbers(rest, 1, v) || !(v[0] > 0)) {
            snprintf(msg, n, "'eta' needs one finite number > 0");
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_STEP: {
        unsigned long count;
        w = word(&rest);
        if (!w || word(&rest) || !parse_count(w, 100000, &count) || count == 0) {
            snprintf(msg, n, "'step' needs a whole number of steps from 1 to 100000");
            return msg;
        }
        act->a = (double)count;
        return NULL;
    }
    case DEMO_PROBE_ON:
        w = word(&rest);
        if (!w || word(&rest) || (strcmp(w, "on") != 0 && strcmp(w, "off") != 0)) {
            snprintf(msg, n, "'probe' needs 'on' or 'off'");
            return msg;
        }
        act->op = strcmp(w, "on") == 0 ? DEMO_PROBE_ON : DEMO_PROBE_OFF;
        *probe = act->op == DEMO_PROBE_ON;
        return NULL;
    case DEMO_BETA:
    case DEMO_TURN:
        if (!numbers(rest, 1, v)) {
            snprintf(msg, n, "'%s' needs one angle in degrees", cmd);
            return msg;
        }
        if (!*probe) {
            snprintf(msg, n, "'%s' needs the probe on: add 'probe on' before it", cmd);
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_CAPTION:
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (strlen(rest) >= sizeof act->text) {
            snprintf(msg, n, "caption longer than %zu characters", sizeof act->text - 1);
            return msg;
        }
        snprintf(act->text, sizeof act->text, "%s", rest);
        return NULL;
    case DEMO_WAIT:
        if (!numbers(rest, 1, v) || v[0] < 0 || v[0] > 600) {
            snprintf(msg, n, "'wait' needs seconds from 0 to 600");
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_SPEED:
        if (!numbers(rest, 1, v) || v[0] < APP_PLAY_MS_MIN || v[0] > APP_PLAY_MS_MAX) {
            snprintf(msg, n, "'speed' needs milliseconds per step from %d to %d", APP_PLAY_MS_MIN,
                     APP_PLAY_MS_MAX);
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_ZOOM:
        if (!numbers(rest, 1, v) || !(v[0] >= 0.01 && v[0] <= 100)) {
            snprintf(msg, n, "'zoom' needs a factor from 0.01 to 100 (>1 zooms in)");
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_KEYS: {
        w = word(&rest);
        if (!w || word(&rest)) {
            snprintf(msg, n, "'keys' needs one word of keys, as in --keys");
            return msg;
        }
        char bad[64];
        int k = keys_parse(w, act->keys, DEMO_MAX_KEYS, bad, sizeof bad);
        if (k < 0) {
            snprintf(msg, n, "'keys': %s is not a key", bad);
            return msg;
        }
        for (int i = 0; i < k; i++) {
            if (bindings_lookup(MODE_NORMAL, act->keys[i]) == ACT_QUIT) {
                snprintf(msg, n, "'keys' may not press q: a demo cannot quit");
                return msg;
            }
            if (!bindings_known(act->keys[i])) {
                snprintf(msg, n, "'keys': '%c' does nothing in steepest (see ? for the keys)",
                         act->keys[i] < 128 ? act->keys[i] : '?');
                return msg;
            }
        }
        act->n_keys = (size_t)k;
        return NULL;
    }
    case DEMO_DESCEND:
    case DEMO_ASCEND:
    case DEMO_RESET:
    case DEMO_PAUSE:
    case DEMO_FIT:
    case DEMO_PROBE_OFF:
        if (word(&rest)) {
            snprintf(msg, n, "'%s' takes no arguments", cmd);
            return msg;
        }
        return NULL;
    }
    return NULL;
}

static bool fail(char *err, size_t errn, const char *path, int line, const char *msg)
{
    if (line > 0)
        snprintf(err, errn, "%s:%d: %s", path, line, msg);
    else
        snprintf(err, errn, "%s: %s", path, msg);
    return false;
}

bool demo_load(const registry *reg, const char *path, demo_script *out, char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    const char *base = strrchr(path, '/');
    snprintf(out->name, sizeof out->name, "%s", base ? base + 1 : path);
    char *dot = strrchr(out->name, '.');
    if (dot && dot != out->name)
        *dot = '\0';
    FILE *f = fopen(path, "r");
    if (!f) {
        char msg[128];
        snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
        return fail(err, errn, path, 0, msg);
    }
    size_t cap = 0, linecap = 0;
    char *buf = NULL, msg[256];
    bool probe = false, ok = true;
    int lineno = 0;
    ssize_t len;
    while (ok && (len = getline(&buf, &linecap, f)) >= 0) {
        lineno++;
        if (memchr(buf, '\0', (size_t)len)) {
            ok = fail(err, errn, path, lineno, "contains a NUL byte: not a text file");
            break;
        }
        buf[strcspn(buf, "\r\n")] = '\0';
        if (strlen(buf) > DEMO_MAX_LINE) {
            ok = fail(err, errn, path, lineno, "line longer than 400 characters");
            break;
        }
        for (const unsigned char *c = (const unsigned char *)buf; *c && ok; c++)
            if (*c < 0x20 && *c != '\t')
                ok = fail(err, errn, path, lineno, "contains a control character");
        if (!ok)
            break;
        char *s = buf;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (out->n == DEMO_MAX_ACTIONS) {
            ok = fail(err, errn, path, lineno, "more than 10000 actions");
            break;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            demo_action *a = realloc(out->actions, cap * sizeof *a);
            if (!a) {
                ok = fail(err, errn, path, lineno, "out of memory");
                break;
            }
            out->actions = a;
        }
        demo_action *act = &out->actions[out->n];
        memset(act, 0, sizeof *act);
        act->line = lineno;
        if (parse_line(reg, s, act, &probe, msg, sizeof msg))
            ok = fail(err, errn, path, lineno, msg);
        else
            out->n++;
    }
    free(buf);
    if (ok && ferror(f))
        ok = fail(err, errn, path, 0, "read error");
    fclose(f);
    if (ok && out->n == 0)
        ok = fail(err, errn, path, 0, "no actions (see steepest --help for the format)");
    if (!ok)
        demo_free(out);
    return ok;
}

void demo_free(demo_script *d)
{
    free(d->actions);
    d->actions = NULL;
    d->n = 0;
}

static void status(demo_player *p, app *a)
{
    if (p->done) {
        a->demo_status[0] = '\0';
        return;
    }
    snprintf(a->demo_status, sizeof a->demo_status, "DEMO %.24s %zu/%zu%s", p->script->name, p->pc,
             p->script->n,
             p->paused        ? " paused"
             : p->waiting_key ? " (space)"
                              : "");
}

void demo_start(demo_player *p, const demo_script *d, app *a)
{
    memset(p, 0, sizeof *p);
    p->script = d;
    p->wake = -1;
    status(p, a);
}

static void apply(app *a, const demo_action *act)
{
    switch (act->op) {
    case DEMO_SURFACE:
        app_set_surface(a, act->surf);
        break;
    case DEMO_START:
        session_set_start(&a->ss, act->a, act->b);
        break;
    case DEMO_THETA:
        session_set_theta(&a->ss, act->a, act->b);
        break;
    case DEMO_ETA:
        session_set_eta(&a->ss, act->a);
        break;
    case DEMO_DESCEND:
    case DEMO_ASCEND:
        session_set_ascend(&a->ss, act->op == DEMO_ASCEND);
        break;
    case DEMO_RESET:
        session_reset(&a->ss);
        break;
    case DEMO_PROBE_ON:
        a->probe = true;
        a->beta = 180;
        break;
    case DEMO_PROBE_OFF:
        a->probe = false;
        break;
    case DEMO_BETA:
        a->beta = analysis_wrap_degrees(act->a);
        break;
    case DEMO_TURN:
        a->beta = analysis_wrap_degrees(a->beta + act->a);
        break;
    case DEMO_CAPTION:
        snprintf(a->caption, sizeof a->caption, "%s", act->text);
        break;
    case DEMO_SPEED:
        a->play_ms = (int)act->a;
        break;
    case DEMO_ZOOM:
        view_zoom(&a->v, a->ss.surf, act->a);
        break;
    case DEMO_FIT:
        app_fit(a);
        break;
    case DEMO_KEYS:
        for (size_t k = 0; k < act->n_keys; k++)
            app_key(a, act->keys[k]);
        break;
    case DEMO_STEP:
    case DEMO_WAIT:
    case DEMO_PAUSE:
        break; /* timed: the player handles them */
    }
}

static void finish(demo_player *p, app *a)
{
    p->done = true;
    p->left = 0;
    p->wake = -1;
    status(p, a);
}

long demo_advance(demo_player *p, app *a, long now)
{
    if (p->done || p->paused || p->waiting_key)
        return -1;
    if (p->wake >= 0) {
        if (now < p->wake)
            return p->wake - now;
        p->wake = -1;
    }
    for (;;) {
        if (p->left > 0) {
            app_step(a);
            p->left--;
            p->wake = now + a->play_ms;
            status(p, a);
            return a->play_ms;
        }
        if (p->pc >= p->script->n) {
            finish(p, a);
            snprintf(a->message, sizeof a->message, "demo finished: the keys are yours");
            return -1;
        }
        const demo_action *act = &p->script->actions[p->pc++];
        status(p, a);
        switch (act->op) {
        case DEMO_STEP:
            p->left = (unsigned long)act->a;
            break;
        case DEMO_WAIT:
            p->wake = now + (long)(act->a * 1000);
            return (long)(act->a * 1000);
        case DEMO_PAUSE:
            p->waiting_key = true;
            status(p, a);
            return -1;
        default:
            apply(a, act);
            break;
        }
    }
}

void demo_run_all(demo_player *p, app *a)
{
    for (; p->pc < p->script->n; p->pc++) {
        const demo_action *act = &p->script->actions[p->pc];
        if (act->op == DEMO_STEP)
            for (unsigned long k = 0; k < (unsigned long)act->a; k++)
                app_step(a);
        else
            apply(a, act);
    }
    finish(p, a);
}

bool demo_key(demo_player *p, app *a, int key, long now)
{
    if (p->done)
        return false;
    switch (key) {
    case 'p':
        p->paused = !p->paused;
        if (!p->paused)
            p->wake = now; /* go on at once */
        status(p, a);
        return true;
    case ' ':
        if (p->waiting_key) {
            p->waiting_key = false;
            p->wake = -1;
        } else if (p->left > 0) {
            app_step(a);
            p->left--;
        } else {
            p->wake = now;
        }
        status(p, a);
        return true;
    case KEYC_ESC:
        finish(p, a);
        a->caption[0] = '\0';
        snprintf(a->message, sizeof a->message, "demo stopped: the keys are yours");
        return true;
    default:
        return false;
    }
}
