// SPDX-License-Identifier: MIT
/* Layer: core. Surface files (see surfacefile.h): a line-by-line reader that checks each key
 * where it stands, so every message can point at a line and column, then expr_surface(). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/parse.h"
#include "steepest/surfacefile.h"
#include "steepest/utf8.h"

enum { K_FORMULA, K_VARS, K_DOMAIN, K_START, K_ETA, K_NAME, K_TITLE, K_LESSON, N_KEYS };

static const char *const key_names[N_KEYS] = {"formula", "vars", "domain", "start",
                                              "eta",     "name", "title",  "lesson"};

/* Longest title and lesson kept: a title is one line of the panel, a lesson a few sentences. */
enum { TITLE_MAX = 120, LESSON_MAX = 2000 };

struct surfacefile {
    char *filename;
    char *value[N_KEYS]; /* NULL when the key is absent; the lesson's lines joined by spaces */
    int line[N_KEYS], col[N_KEYS]; /* where each value starts */
    char name[EXPR_MAX_NAME + 1];  /* the name used: the key's, or from the file name */
    expr_spec spec;                /* pointing into the above */
};

static void say(char *err, size_t n, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void say(char *err, size_t n, const char *file, int line, int col, const char *fmt, ...)
{
    if (!err || n == 0)
        return;
    int used =
        line > 0 ? snprintf(err, n, "%s:%d:%d: ", file, line, col) : snprintf(err, n, "%s: ", file);
    if (used < 0 || (size_t)used >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + used, n - (size_t)used, fmt, ap);
    va_end(ap);
    utf8_sanitize(err); /* the file's name is outside text too */
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Index of the first byte of s[0..n) that is not printable text (a control character or
 * strict UTF-8 refused by utf8_decode; ASCII only when !utf8), or n. Tabs are blanks. */
static size_t bad_text(const char *s, size_t n, bool utf8)
{
    for (size_t k = 0; k < n;) {
        uint32_t cp;
        size_t m = utf8_decode(s + k, n - k, &cp);
        if (m == 0 || (cp >= 0x80 && !utf8) || (cp != '\t' && utf8_is_control(cp)))
            return k;
        k += m;
    }
    return n;
}

static char *copy(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void surfacefile_free(surfacefile *sf)
{
    if (!sf)
        return;
    for (int k = 0; k < N_KEYS; k++)
        free(sf->value[k]);
    free(sf->filename);
    free(sf);
}

static bool valid_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

/* The default name: the file's base name without ".surface", other characters made '-'. */
static void name_from_file(const char *filename, char *out)
{
    const char *base = filename ? strrchr(filename, '/') : NULL;
    base = base ? base + 1 : filename ? filename : "";
    size_t n = strlen(base);
    if (n >= 8 && strcmp(base + n - 8, ".surface") == 0)
        n -= 8;
    if (n > EXPR_MAX_NAME)
        n = EXPR_MAX_NAME;
    for (size_t k = 0; k < n; k++)
        out[k] = valid_name_char(base[k]) ? base[k] : '-';
    out[n] = '\0';
    if (n == 0 || strcmp(base, "-") == 0)
        strcpy(out, "surface");
}

/* Splits value at commas into exactly want finite numbers, with the column (0-based) where
 * each starts; on error says which part. */
static bool numbers(const char *value, int want, double *out, int *cols, const char *what,
                    char *msg, size_t n, int *bad_col)
{
    const char *p = value;
    int count = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        const char *a = p, *b = end;
        while (a < b && blank(*a))
            a++;
        while (b > a && blank(b[-1]))
            b--;
        *bad_col = (int)(a - value);
        char buf[64];
        double v;
        if (count >= want) {
            snprintf(msg, n, "expected %d numbers %s, got more", want, what);
            return false;
        }
        if (b == a || (size_t)(b - a) >= sizeof buf) {
            snprintf(msg, n, "expected %d numbers %s", want, what);
            return false;
        }
        memcpy(buf, a, (size_t)(b - a));
        buf[b - a] = '\0';
        if (!parse_double(buf, &v)) {
            snprintf(msg, n, "'%s' is not a number", buf);
            return false;
        }
        cols[count] = *bad_col;
        out[count++] = v;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (count != want) {
        *bad_col = (int)strlen(value);
        snprintf(msg, n, "expected %d numbers %s, got %d", want, what, count);
        return false;
    }
    return true;
}

/* Checks the value of key k and fills the spec; false with the message and column (0-based
 * within the value) on error. */
static bool check_value(surfacefile *sf, int k, char *msg, size_t n, int *at)
{
    const char *v = sf->value[k];
    expr_spec *sp = &sf->spec;
    *at = 0;
    switch (k) {
    case K_VARS: {
        char x[EXPR_MAX_NAME + 1], y[EXPR_MAX_NAME + 1];
        expr_error e;
        if (!expr_vars(v, x, y, &e)) {
            *at = e.col > 0 ? e.col - 1 : 0;
            snprintf(msg, n, "%s", e.msg);
            return false;
        }
        sp->vars = v;
        return true;
    }
    case K_DOMAIN: {
        double d[4];
        int cols[4];
        if (!numbers(v, 4, d, cols, "XMIN,XMAX,YMIN,YMAX", msg, n, at))
            return false;
        for (int axis = 0; axis < 2; axis++)
            if (!(d[2 * axis] < d[2 * axis + 1]) || !isfinite(d[2 * axis + 1] - d[2 * axis])) {
                *at = cols[2 * axis + 1];
                snprintf(msg, n, "%s must be greater than %s", axis ? "YMAX" : "XMAX",
                         axis ? "YMIN" : "XMIN");
                return false;
            }
        sp->has_domain = true;
        sp->xmin = d[0];
        sp->xmax = d[1];
        sp->ymin = d[2];
        sp->ymax = d[3];
        return true;
    }
    case K_START: {
        double s[2];
        int cols[2];
        if (!numbers(v, 2, s, cols, "X,Y", msg, n, at))
            return false;
        sp->has_start = true;
        sp->start_x = s[0];
        sp->start_y = s[1];
        return true;
    }
    case K_ETA:
        if (!parse_double(v, &sp->eta) || !(sp->eta > 0)) {
            snprintf(msg, n, "eta must be a positive number");
            return false;
        }
        return true;
    case K_NAME: {
        size_t len = strlen(v);
        for (size_t j = 0; j < len; j++)
            if (!valid_name_char(v[j])) {
                *at = (int)j;
                snprintf(msg, n, "a name is letters, digits, '_', '-' or '.'");
                return false;
            }
        if (len > EXPR_MAX_NAME) {
            *at = EXPR_MAX_NAME;
            snprintf(msg, n, "a name is at most %d bytes", EXPR_MAX_NAME);
            return false;
        }
        memcpy(sf->name, v, len + 1);
        return true;
    }
    case K_TITLE:
        if (strlen(v) > TITLE_MAX) {
            *at = TITLE_MAX;
            snprintf(msg, n, "a title is at most %d bytes", TITLE_MAX);
            return false;
        }
        sp->title = v;
        return true;
    case K_LESSON:
        if (!*v) {
            snprintf(msg, n, "empty lesson");
            return false;
        }
        if (strlen(v) > LESSON_MAX) {
            snprintf(msg, n, "a lesson is at most %d bytes", LESSON_MAX);
            return false;
        }
        sp->lesson = v;
        return true;
    default:
        sp->formula = v;
        return true;
    }
}

surfacefile *surfacefile_parse(const char *text, size_t len, const char *filename, char *err,
                               size_t err_size)
{
    const char *file = filename ? filename : "-";
    if (err && err_size)
        err[0] = '\0';
    surfacefile *sf = calloc(1, sizeof *sf);
    if (sf)
        sf->filename = copy(file, strlen(file));
    if (!sf || !sf->filename) {
        surfacefile_free(sf);
        say(err, err_size, file, 0, 0, "out of memory");
        return NULL;
    }
    name_from_file(filename, sf->name);
    char msg[200];
    int line = 0, last_key = -1;
    size_t pos = 0;
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        line++;
        if (len > SURFACEFILE_MAX_SIZE && pos + n >= SURFACEFILE_MAX_SIZE) {
            /* Pointing at the first byte over the limit. */
            say(err, err_size, file, line, (int)(SURFACEFILE_MAX_SIZE - pos) + 1,
                "file larger than %d bytes", SURFACEFILE_MAX_SIZE);
            goto fail;
        }
        pos += n + (nl ? 1 : 0);
        if (n > 0 && s[n - 1] == '\r')
            n--;
        const char *nul = memchr(s, '\0', n);
        if (nul) {
            say(err, err_size, file, line, (int)(nul - s) + 1, "NUL byte");
            goto fail;
        }
        size_t i = 0;
        while (i < n && blank(s[i]))
            i++;
        if (i == n || s[i] == '#')
            continue; /* blank or comment */
        if (i > 0) {
            /* An indented line: more of the lesson. */
            if (last_key != K_LESSON) {
                say(err, err_size, file, line, (int)i + 1,
                    "only a lesson continues on indented lines (or remove the indentation)");
                goto fail;
            }
            size_t end = n;
            while (end > i && blank(s[end - 1]))
                end--;
            size_t text_len = end - i, bad = bad_text(s + i, text_len, true);
            if (bad != text_len) {
                say(err, err_size, file, line, (int)(i + bad) + 1,
                    "not text: a control character or invalid UTF-8");
                goto fail;
            }
            char *old = sf->value[K_LESSON];
            size_t m = strlen(old);
            if (m + 1 + (end - i) > LESSON_MAX) {
                say(err, err_size, file, line, (int)i + 1, "a lesson is at most %d bytes",
                    LESSON_MAX);
                goto fail;
            }
            char *joined = realloc(old, m + 1 + (end - i) + 1);
            if (!joined) {
                say(err, err_size, file, line, 1, "out of memory");
                goto fail;
            }
            size_t at = m;
            if (m > 0)
                joined[at++] = ' ';
            memcpy(joined + at, s + i, end - i);
            joined[at + (end - i)] = '\0';
            sf->value[K_LESSON] = joined;
            continue;
        }
        /* key: value */
        size_t k_end = 0;
        while (k_end < n && ((s[k_end] >= 'a' && s[k_end] <= 'z') ||
                             (s[k_end] >= 'A' && s[k_end] <= 'Z') || s[k_end] == '_'))
            k_end++;
        size_t colon = k_end;
        while (colon < n && blank(s[colon]))
            colon++;
        if (k_end == 0 || colon >= n || s[colon] != ':') {
            if (k_end == 0)
                say(err, err_size, file, line, 1, "expected 'key: value'");
            else
                say(err, err_size, file, line, (int)colon + 1, "expected ':' after '%.*s'",
                    (int)k_end, s);
            goto fail;
        }
        int key = -1;
        for (int k = 0; k < N_KEYS; k++)
            if (strlen(key_names[k]) == k_end && memcmp(key_names[k], s, k_end) == 0)
                key = k;
        if (key < 0) {
            const char *hint = expr_closest(s, k_end, key_names, N_KEYS);
            if (hint)
                say(err, err_size, file, line, 1, "unknown key '%.*s' (did you mean '%s'?)",
                    (int)k_end, s, hint);
            else
                say(err, err_size, file, line, 1,
                    "unknown key '%.*s' (keys: formula vars domain start eta name title lesson)",
                    (int)k_end, s);
            goto fail;
        }
        if (sf->value[key]) {
            say(err, err_size, file, line, 1, "'%s' given twice (first on line %d)", key_names[key],
                sf->line[key]);
            goto fail;
        }
        size_t v = colon + 1;
        while (v < n && blank(s[v]))
            v++;
        size_t end = n;
        bool is_text = key == K_TITLE || key == K_LESSON;
        if (!is_text) {
            const char *hash = memchr(s + v, '#', n - v);
            if (hash)
                end = (size_t)(hash - s);
        }
        while (end > v && blank(s[end - 1]))
            end--;
        if (end == v && key != K_LESSON) {
            say(err, err_size, file, line, (int)v + 1, "no value for '%s'", key_names[key]);
            goto fail;
        }
        /* The formula's own bytes are left to expr_compile, which names what to type instead
         * of a pasted × or ². */
        size_t bad = key == K_FORMULA ? end - v : bad_text(s + v, end - v, is_text);
        if (bad < end - v) {
            say(err, err_size, file, line, (int)(v + bad) + 1,
                is_text ? "not text: a control character or invalid UTF-8"
                        : "not ASCII text: a control character or a byte above 0x7F");
            goto fail;
        }
        sf->value[key] = copy(s + v, end - v);
        if (!sf->value[key]) {
            say(err, err_size, file, line, 1, "out of memory");
            goto fail;
        }
        sf->line[key] = line;
        sf->col[key] = (int)v + 1;
        last_key = key;
        if (key != K_LESSON) {
            int at;
            if (!check_value(sf, key, msg, sizeof msg, &at)) {
                say(err, err_size, file, line, (int)v + 1 + at, "%s", msg);
                goto fail;
            }
        }
    }
    if (sf->value[K_LESSON]) {
        int at;
        if (!check_value(sf, K_LESSON, msg, sizeof msg, &at)) {
            say(err, err_size, file, sf->line[K_LESSON], sf->col[K_LESSON], "%s", msg);
            goto fail;
        }
    }
    if (!sf->value[K_FORMULA]) {
        say(err, err_size, file, 1, 1, "no 'formula:' line");
        goto fail;
    }
    sf->spec.formula = sf->value[K_FORMULA];
    sf->spec.name = sf->name;
    if (sf->spec.has_start && sf->spec.has_domain &&
        !(sf->spec.start_x >= sf->spec.xmin && sf->spec.start_x <= sf->spec.xmax &&
          sf->spec.start_y >= sf->spec.ymin && sf->spec.start_y <= sf->spec.ymax)) {
        say(err, err_size, file, sf->line[K_START], sf->col[K_START],
            "the start is outside the domain (line %d)", sf->line[K_DOMAIN]);
        goto fail;
    }
    /* Compiled here too, so a file that parses has a formula that compiles. */
    char x[EXPR_MAX_NAME + 1] = "x", y[EXPR_MAX_NAME + 1] = "y";
    expr_error e;
    if (sf->spec.vars)
        expr_vars(sf->spec.vars, x, y, &e); /* checked with its line above */
    expr *compiled = expr_compile(sf->spec.formula, x, y, &e);
    if (!compiled) {
        say(err, err_size, file, sf->line[K_FORMULA], sf->col[K_FORMULA] + e.col - 1, "%s", e.msg);
        goto fail;
    }
    expr_free(compiled);
    return sf;
fail:
    surfacefile_free(sf);
    return NULL;
}

surface *surfacefile_build(const surfacefile *sf, char *err, size_t err_size, char *note,
                           size_t note_size)
{
    expr_error e;
    surface *s = expr_surface(&sf->spec, &e, note, note_size);
    if (s)
        return s;
    /* The line of the value at fault; the formula's for the surface as a whole. */
    int key = e.field == EXPR_AT_VARS     ? K_VARS
              : e.field == EXPR_AT_NAME   ? K_NAME
              : e.field == EXPR_AT_DOMAIN ? K_DOMAIN
              : e.field == EXPR_AT_START  ? K_START
              : e.field == EXPR_AT_ETA    ? K_ETA
                                          : K_FORMULA;
    if (!sf->value[key])
        key = K_FORMULA;
    int col = sf->col[key] + (e.col > 0 ? e.col - 1 : 0);
    say(err, err_size, sf->filename, sf->line[key], col, "%s", e.msg);
    return NULL;
}

surface *surfacefile_read(FILE *f, const char *filename, char *err, size_t err_size, char *note,
                          size_t note_size)
{
    const char *file = filename ? filename : "-";
    /* One byte over the limit, so that a file too large is reported as such. */
    char *buf = malloc(SURFACEFILE_MAX_SIZE + 1);
    if (!buf) {
        say(err, err_size, file, 0, 0, "out of memory");
        return NULL;
    }
    size_t n = fread(buf, 1, SURFACEFILE_MAX_SIZE + 1, f);
    if (ferror(f)) {
        say(err, err_size, file, 0, 0, "cannot read: %s", strerror(errno));
        free(buf);
        return NULL;
    }
    surfacefile *sf = surfacefile_parse(buf, n, filename, err, err_size);
    free(buf);
    if (!sf)
        return NULL;
    surface *s = surfacefile_build(sf, err, err_size, note, note_size);
    surfacefile_free(sf);
    return s;
}

surface *surfacefile_load(const char *path, char *err, size_t err_size, char *note,
                          size_t note_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        say(err, err_size, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    surface *s = surfacefile_read(f, path, err, err_size, note, note_size);
    fclose(f);
    return s;
}
