// SPDX-License-Identifier: MIT
/* Layer: control. Demo scripts: loading (every line checked before anything is shown) and playing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "steepest/analysis.h"
#include "steepest/dataset.h"
#include "steepest/demo.h"
#include "steepest/fit.h"
#include "steepest/keys.h"
#include "steepest/optspec.h"
#include "steepest/parse.h"
#include "steepest/utf8.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static const char *const op_names[] = {
    [DEMO_SURFACE] = "surface", [DEMO_START] = "start",         [DEMO_THETA] = "theta",
    [DEMO_ETA] = "eta",         [DEMO_DESCEND] = "descend",     [DEMO_ASCEND] = "ascend",
    [DEMO_STEP] = "step",       [DEMO_RESET] = "reset",         [DEMO_PROBE_ON] = "probe",
    [DEMO_PROBE_OFF] = NULL,    [DEMO_BETA] = "beta",           [DEMO_TURN] = "turn",
    [DEMO_CAPTION] = "caption", [DEMO_WAIT] = "wait",           [DEMO_PAUSE] = "pause",
    [DEMO_SPEED] = "speed",     [DEMO_ZOOM] = "zoom",           [DEMO_FIT] = "fit",
    [DEMO_KEYS] = "keys",       [DEMO_OPTIMIZER] = "optimizer", [DEMO_DATA] = "data",
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

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Ends the text at a trailing comment: a '#' that starts a word. */
static void strip_comment(char *rest, bool at_start)
{
    for (char *c = rest; *c; c++)
        if (*c == '#' && ((c == rest && at_start) || (c > rest && blank(c[-1])))) {
            *c = '\0';
            return;
        }
}

/* How many bytes of w to quote in a message: at most 40, whole characters. */
static int quoted(const char *w)
{
    return (int)utf8_prefix(w, strlen(w), 40);
}

/* Checks one line into *act; line is the whole line (for byte offsets), s its first word.
 * Returns NULL, or the message for a bad line. */
static const char *parse_line(const registry *reg, const char *line, char *s, demo_action *act,
                              bool *probe, char *msg, size_t n)
{
    char *rest = s, *cmd = word(&rest);
    int op = -1;
    for (int k = 0; k < (int)(sizeof op_names / sizeof op_names[0]); k++)
        if (op_names[k] && strcmp(op_names[k], cmd) == 0)
            op = k;
    if (op < 0) {
        snprintf(msg, n,
                 "unknown action '%.*s'; expected surface, start, theta, eta, descend, ascend, "
                 "step, reset, probe, beta, turn, caption, wait, pause, speed, zoom, fit, keys, "
                 "optimizer or data",
                 quoted(cmd), cmd);
        return msg;
    }
    act->op = (demo_op)op;
    double v[2];
    char *w = NULL;
    /* A comment may follow any action but a caption, whose text is taken whole; the one word
     * of 'keys' is keys even when it starts with '#' (the theme key). */
    if (act->op == DEMO_KEYS) {
        w = word(&rest);
        strip_comment(rest, true);
    } else if (act->op != DEMO_CAPTION) {
        strip_comment(rest, true);
    }
    switch (act->op) {
    case DEMO_SURFACE:
        w = word(&rest);
        if (!w || word(&rest)) {
            snprintf(msg, n, "'surface' needs one name (see steepest --list)");
            return msg;
        }
        act->surf = registry_find(reg, w);
        if (!act->surf) {
            snprintf(msg, n, "unknown surface '%.*s' (see steepest --list)", quoted(w), w);
            return msg;
        }
        return NULL;
    case DEMO_START:
    case DEMO_THETA:
        if (!numbers(rest, 2, v)) {
            snprintf(msg, n, "'%.40s' needs two finite numbers X Y", cmd);
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
            snprintf(msg, n, "'%.40s' needs one angle in degrees", cmd);
            return msg;
        }
        if (!*probe) {
            snprintf(msg, n, "'%.40s' needs the probe on: add 'probe on' before it", cmd);
            return msg;
        }
        act->a = v[0];
        return NULL;
    case DEMO_CAPTION: {
        while (blank(*rest))
            rest++;
        const char *tab = strchr(rest, '\t');
        if (tab) {
            snprintf(msg, n, "caption contains a tab (byte %td); use spaces", tab - line + 1);
            return msg;
        }
        if (strlen(rest) >= sizeof act->text) {
            snprintf(msg, n, "caption longer than %zu characters", sizeof act->text - 1);
            return msg;
        }
        snprintf(act->text, sizeof act->text, "%s", rest);
        return NULL;
    }
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
        if (!w || word(&rest)) {
            snprintf(msg, n, "'keys' needs one word of keys, as in --keys");
            return msg;
        }
        char bad[64];
        int k = keys_parse(w, act->keys, DEMO_MAX_KEYS, bad, sizeof bad);
        if (k < 0) {
            char what[128];
            keys_error(k, bad, what, sizeof what);
            snprintf(msg, n, "'keys': %s", what);
            return msg;
        }
        for (int i = 0; i < k; i++) {
            if (bindings_lookup(MODE_NORMAL, act->keys[i]) == ACT_QUIT) {
                snprintf(msg, n, "'keys' may not press q: a demo cannot quit");
                return msg;
            }
            if (!bindings_known(act->keys[i])) {
                const char *name = keys_name(act->keys[i]);
                if (name)
                    snprintf(msg, n, "'keys': <%s> does nothing in steepest (see ? for the keys)",
                             name);
                else
                    snprintf(msg, n, "'keys': '%c' does nothing in steepest (see ? for the keys)",
                             act->keys[i] < 128 ? act->keys[i] : '?');
                return msg;
            }
        }
        act->n_keys = (size_t)k;
        return NULL;
    }
    case DEMO_OPTIMIZER: {
        /* Checked now, made when played: the text is kept and parsed again then. */
        optspec specs[SESSION_MAX_WALKERS];
        char what[256];
        while (blank(*rest))
            rest++;
        size_t len = strlen(rest);
        while (len > 0 && blank(rest[len - 1]))
            rest[--len] = '\0';
        if (len == 0) {
            snprintf(msg, n, "'optimizer' needs walker specs, as in --optimizer (e.g. gd,adam)");
            return msg;
        }
        if (len >= sizeof act->text) {
            snprintf(msg, n, "'optimizer': specs longer than %zu characters", sizeof act->text - 1);
            return msg;
        }
        if (optspec_parse(rest, specs, SESSION_MAX_WALKERS, what, sizeof what) < 0) {
            snprintf(msg, n, "'optimizer': %.200s", what);
            return msg;
        }
        snprintf(act->text, sizeof act->text, "%s", rest);
        return NULL;
    }
    case DEMO_DATA: {
        w = word(&rest);
        char *flag = w ? word(&rest) : NULL;
        if (!w || (flag && strcmp(flag, "standardize") != 0) || word(&rest)) {
            snprintf(msg, n, "'data' needs a shipped data set's name and optionally 'standardize'");
            return msg;
        }
        if (!dataset_find(w)) {
            snprintf(msg, n, "unknown data set '%.*s'; shipped: %s", quoted(w), w,
                     dataset_shipped_names());
            return msg;
        }
        snprintf(act->text, sizeof act->text, "%.60s", w); /* a shipped name: short */
        act->a = flag != NULL;
        return NULL;
    }
    case DEMO_DESCEND:
    case DEMO_ASCEND:
    case DEMO_RESET:
    case DEMO_PAUSE:
    case DEMO_FIT:
    case DEMO_PROBE_OFF:
        if (word(&rest)) {
            snprintf(msg, n, "'%.40s' takes no arguments", cmd);
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
    if (errn > 0)
        utf8_sanitize(err); /* the message quotes the script, which may hold any byte */
    return false;
}

/* ---- reading ------------------------------------------------------------------------------ */

typedef enum { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_TOO_BIG, LINE_ERROR } line_result;

/* Reads one line into buf (room for cap bytes and a NUL), ending at "\n", "\r\n" or a lone
 * "\r", which are not stored. Stops at the first byte past cap (LINE_TOO_LONG) or past
 * DEMO_MAX_BYTES in all (LINE_TOO_BIG; *total counts the bytes read), so no input makes it
 * read or keep more. */
static line_result read_line(FILE *f, char *buf, size_t cap, size_t *len, long *total)
{
    size_t n = 0;
    for (;;) {
        int c = getc(f);
        if (c == EOF) {
            if (ferror(f))
                return LINE_ERROR;
            if (n == 0)
                return LINE_EOF;
            break;
        }
        if (++*total > DEMO_MAX_BYTES)
            return LINE_TOO_BIG;
        if (c == '\n')
            break;
        if (c == '\r') {
            int d = getc(f);
            if (d == '\n')
                ++*total;
            else if (d != EOF)
                ungetc(d, f);
            break;
        }
        if (n == cap)
            return LINE_TOO_LONG;
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    *len = n;
    return LINE_OK;
}

typedef enum { TEXT_OK, TEXT_NOT_UTF8, TEXT_CONTROL, TEXT_BOM } text_problem;

/* The first character of s[0..n) that may not be in a demo line, at *at: bytes that are not
 * strict UTF-8, a control character other than tab, or a byte-order mark past the start
 * (invisible, so a message quoting it would puzzle). */
static text_problem bad_text(const char *s, size_t n, size_t *at)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        text_problem p = len == 0                            ? TEXT_NOT_UTF8
                         : utf8_is_control(cp) && cp != '\t' ? TEXT_CONTROL
                         : cp == 0xFEFF                      ? TEXT_BOM
                                                             : TEXT_OK;
        if (p != TEXT_OK) {
            *at = i;
            return p;
        }
        i += len;
    }
    return TEXT_OK;
}

/* Checks one whole line as text; returns NULL or the message. */
static const char *check_text(const char *s, size_t len, char *msg, size_t n)
{
    if (memchr(s, '\0', len))
        return "contains a NUL byte: not a text file";
    size_t at = 0;
    text_problem p = bad_text(s, len, &at);
    if (p == TEXT_OK)
        return NULL;
    const char *first = s;
    while (blank(*first))
        first++;
    bool caption = strncmp(first, "caption", 7) == 0 && (blank(first[7]) || !first[7]);
    if (p == TEXT_CONTROL)
        snprintf(msg, n, "contains a control character (byte %zu)", at + 1);
    else if (p == TEXT_BOM)
        snprintf(msg, n,
                 "a byte-order mark (U+FEFF) belongs at the start of the file only (byte %zu)",
                 at + 1);
    else
        snprintf(msg, n, "%s is not valid UTF-8 (byte %zu)", caption ? "caption" : "line", at + 1);
    return msg;
}

/* The script's name for the panel: the file's base name without its extension. */
static void set_name(demo_script *d, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base), o = 0;
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        n = (size_t)(dot - base);
    /* Shown on screen: whole printable characters only, anything else as '?'. */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(base + i, n - i, &cp);
        bool keep = len > 0 && !utf8_is_control(cp);
        size_t take = keep ? len : 1;
        if (o + take >= sizeof d->name)
            break;
        if (keep)
            memcpy(d->name + o, base + i, len);
        else
            d->name[o] = '?';
        o += take;
        i += take;
    }
    d->name[o] = '\0';
}

bool demo_read(const registry *reg, FILE *f, const char *path, demo_script *out, char *err,
               size_t errn)
{
    memset(out, 0, sizeof *out);
    set_name(out, path);
    /* 3 more for a byte-order mark, 1 more to tell a line that is too long. */
    char buf[DEMO_MAX_LINE + 5], msg[256];
    size_t cap = 0, len;
    bool probe = false, ok = true;
    int lineno = 0;
    long total = 0;
    for (;;) {
        line_result r = read_line(f, buf, sizeof buf - 1, &len, &total);
        if (r == LINE_EOF)
            break;
        lineno++;
        if (r == LINE_ERROR) {
            snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
            ok = fail(err, errn, path, 0, msg);
            break;
        }
        if (r == LINE_TOO_BIG) {
            ok = fail(err, errn, path, 0, "larger than 1 MiB: not a demo script");
            break;
        }
        char *line = buf;
        if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a UTF-8 byte-order mark */
            len -= 3;
        }
        if (r == LINE_TOO_LONG || len > DEMO_MAX_LINE) {
            ok = fail(err, errn, path, lineno, "line longer than 400 characters");
            break;
        }
        const char *bad = check_text(line, len, msg, sizeof msg);
        if (bad) {
            ok = fail(err, errn, path, lineno, bad);
            break;
        }
        char *s = line;
        while (blank(*s))
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
        if (parse_line(reg, line, s, act, &probe, msg, sizeof msg)) {
            ok = fail(err, errn, path, lineno, msg);
            break;
        }
        out->n++;
    }
    if (ok && out->n == 0)
        ok = fail(err, errn, path, 0, "no actions (see steepest --help for the format)");
    if (!ok)
        demo_free(out);
    return ok;
}

/* Why st is not a file to read a script from, or NULL. */
static const char *not_a_file(const struct stat *st)
{
    if (S_ISREG(st->st_mode))
        return NULL;
    if (S_ISDIR(st->st_mode))
        return "is a directory; expected a demo script file";
    if (S_ISFIFO(st->st_mode))
        return "is a FIFO (named pipe); expected a demo script file";
    if (S_ISCHR(st->st_mode))
        return "is a character device; expected a demo script file";
    if (S_ISBLK(st->st_mode))
        return "is a block device; expected a demo script file";
    if (S_ISSOCK(st->st_mode))
        return "is a socket; expected a demo script file";
    return "is not a regular file; expected a demo script file";
}

/* A path too long to use: reported with its start only, so the message survives. */
static bool fail_too_long(char *err, size_t errn, const char *path)
{
    snprintf(err, errn, "%.*s...: file name too long", (int)utf8_prefix(path, strlen(path), 60),
             path);
    return false;
}

/* Opens path for reading only if it is a regular file of at most DEMO_MAX_BYTES; checked by
 * type before opening (so a FIFO or a device is never opened) and again on what was opened
 * (so a swap between the two is caught). Returns the stream, or NULL with the message. */
static FILE *open_script(const char *path, char *err, size_t errn)
{
    char msg[160];
    struct stat st;
    const char *why;
    if (strlen(path) >= PATH_MAX) {
        fail_too_long(err, errn, path);
        return NULL;
    }
    if (stat(path, &st) != 0) {
        if (errno == ENAMETOOLONG)
            fail(err, errn, path, 0, "file name too long");
        else {
            snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
            fail(err, errn, path, 0, msg);
        }
        return NULL;
    }
    if ((why = not_a_file(&st)) != NULL) {
        fail(err, errn, path, 0, why);
        return NULL;
    }
    /* O_NONBLOCK: should a FIFO have taken the file's place, opening it does not wait. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
        fail(err, errn, path, 0, msg);
        return NULL;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
        why = msg;
    } else {
        why = not_a_file(&st);
        if (!why && st.st_size > DEMO_MAX_BYTES)
            why = "larger than 1 MiB: not a demo script";
    }
    int flags = why ? -1 : fcntl(fd, F_GETFL);
    if (!why && (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)) {
        snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
        why = msg;
    }
    FILE *f = why ? NULL : fdopen(fd, "r");
    if (!f) {
        if (!why) {
            snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
            why = msg;
        }
        close(fd);
        fail(err, errn, path, 0, why);
    }
    return f;
}

bool demo_load(const registry *reg, const char *path, demo_script *out, char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    FILE *f = open_script(path, err, errn);
    if (!f)
        return false;
    bool ok = demo_read(reg, f, path, out, err, errn);
    fclose(f);
    return ok;
}

void demo_free(demo_script *d)
{
    free(d->actions);
    d->actions = NULL;
    d->n = 0;
}

/* ---- listing ------------------------------------------------------------------------------ */

/* The first sentence of the comment block that opens the script (up to 8 lines), or "". */
static void summary(FILE *f, char *out, size_t n)
{
    char buf[DEMO_MAX_LINE + 5];
    size_t len, o = 0;
    long total = 0;
    out[0] = '\0';
    for (int lines = 0; lines < 8; lines++) {
        if (read_line(f, buf, sizeof buf - 1, &len, &total) != LINE_OK)
            break;
        char *s = buf;
        if (lines == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        while (blank(*s))
            s++;
        if (*s != '#')
            break;
        s++;
        while (blank(*s))
            s++;
        size_t slen = strlen(s);
        if (!utf8_printable(s, slen, NULL, NULL))
            break;
        bool space = o > 0; /* between two lines of the block */
        for (size_t i = 0; i < slen;) {
            uint32_t cp;
            size_t k = utf8_decode(s + i, slen - i, &cp);
            if (o + space + k + 4 > n) { /* no room for this character and "..." */
                memcpy(out + o, "...", 4);
                return;
            }
            if (space)
                out[o++] = ' ';
            space = false;
            memcpy(out + o, s + i, k);
            o += k;
            out[o] = '\0';
            i += k;
            if ((cp == '.' || cp == '?' || cp == '!') && (i == slen || s[i] == ' '))
                return;
        }
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const demo_entry *)a)->name, ((const demo_entry *)b)->name);
}

bool demo_list_dir(const char *dir, demo_entry **list, size_t *count, char *err, size_t errn)
{
    *list = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d) {
        char msg[160];
        snprintf(msg, sizeof msg, "cannot read it: %s", strerror(errno));
        return fail(err, errn, dir, 0, msg);
    }
    size_t cap = 0;
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || strcmp(e->d_name + n - 5, ".demo") != 0 || n - 5 >= sizeof(*list)->name ||
            !utf8_printable(e->d_name, n, NULL, NULL) || strchr(e->d_name, ' '))
            continue;
        size_t plen = strlen(dir) + 1 + n + 1;
        char *path = malloc(plen);
        if (!path) {
            ok = fail(err, errn, dir, 0, "out of memory");
            break;
        }
        snprintf(path, plen, "%s/%s", dir, e->d_name);
        char ignored[8];
        FILE *f = open_script(path, ignored, sizeof ignored);
        free(path);
        if (!f)
            continue; /* not a file, or unreadable: not a demo to offer */
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            demo_entry *grown = realloc(*list, cap * sizeof **list);
            if (!grown) {
                fclose(f);
                ok = fail(err, errn, dir, 0, "out of memory");
                break;
            }
            *list = grown;
        }
        demo_entry *entry = &(*list)[(*count)++];
        snprintf(entry->name, sizeof entry->name, "%.*s", (int)(n - 5), e->d_name);
        summary(f, entry->summary, sizeof entry->summary);
        fclose(f);
    }
    closedir(d);
    if (!ok) {
        free(*list);
        *list = NULL;
        *count = 0;
        return false;
    }
    if (*count > 1)
        qsort(*list, *count, sizeof **list, by_name);
    return true;
}

/* ---- playing ------------------------------------------------------------------------------ */

static void status(demo_player *p, app *a)
{
    if (p->done) {
        a->demo_status[0] = '\0';
        return;
    }
    const char *name = p->script->name;
    snprintf(a->demo_status, sizeof a->demo_status, "DEMO %.*s %zu/%zu%s",
             (int)utf8_prefix(name, strlen(name), 24), name, p->pc, p->script->n,
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

/* The model on shipped set `name` (standardized: "NAME-std"), made once and kept in the
 * registry, which owns it; the view switches to it. */
static void play_data(app *a, const char *name, bool standardize)
{
    char id[80];
    snprintf(id, sizeof id, "%.60s%s", name, standardize ? "-std" : "");
    const surface *s = registry_find(a->reg, id);
    if (!s) {
        const dataset_shipped *shipped = dataset_find(name);
        dataset d;
        char msg[256];
        if (!shipped || !dataset_from_shipped(shipped, &d))
            return;
        fit_options fo = {strcmp(shipped->model, "logistic") == 0 ? FIT_LOGISTIC : FIT_LINEAR,
                          FIT_LOSS_DEFAULT,
                          standardize,
                          0,
                          0,
                          id,
                          NULL};
        surface *made = fit_create(&d, &fo, msg, sizeof msg);
        dataset_free(&d);
        if (!made)
            return;
        if (!registry_add(a->reg, made)) /* it destroys what it refuses */
            return;
        s = made;
    }
    app_set_surface(a, s);
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
    case DEMO_DATA:
        play_data(a, act->text, act->a != 0);
        break;
    case DEMO_OPTIMIZER: {
        optspec specs[SESSION_MAX_WALKERS];
        int count = optspec_parse(act->text, specs, SESSION_MAX_WALKERS, NULL, 0);
        if (count > 0)
            session_set_walkers(&a->ss, specs, (size_t)count);
        break;
    }
    case DEMO_STEP:
    case DEMO_WAIT:
    case DEMO_PAUSE:
        break; /* timed: the player handles them */
    }
}

/* Steps would show nothing now: the walk diverged, or converged (except in the probe, whose
 * steps along u leave a minimum as well as any other point). */

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
        if (p->left > 0 && app_frozen(a))
            p->left = 0; /* the rest of this step action would show nothing: on to the next */
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
            app_steps(a, (unsigned long)act->a);
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
        } else if (p->left > 0 && !app_frozen(a)) {
            app_step(a);
            p->left--;
        } else {
            p->left = 0;
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
