// SPDX-License-Identifier: MIT
/* Layer: model. The --optimizer spec parser (see optspec.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "steepest/optspec.h"
#include "steepest/parse.h"

#define OPTSPEC_WORD 64 /* longest name, key or value copied out for lookup, with its NUL */

/* A piece of the text: not NUL-terminated, so it is printed with %.*s. */
typedef struct {
    const char *s;
    size_t n;
} span;

static bool fail(char *err, size_t errn, const char *fmt, ...)
{
    if (err && errn) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errn, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Copies sp into a NUL-terminated word; false if it does not fit (no name or number is that
 * long, so the caller reports it as unknown or bad). */
static bool word(span sp, char out[OPTSPEC_WORD])
{
    if (sp.n >= OPTSPEC_WORD)
        return false;
    memcpy(out, sp.s, sp.n);
    out[sp.n] = '\0';
    return true;
}

static span trim(span sp)
{
    while (sp.n && (sp.s[0] == ' ' || sp.s[0] == '\t'))
        sp.s++, sp.n--;
    while (sp.n && (sp.s[sp.n - 1] == ' ' || sp.s[sp.n - 1] == '\t'))
        sp.n--;
    return sp;
}

/* Splits *rest at the first sep: the part before it is returned, *rest becomes what follows
 * (NULL when there was no sep). */
static span take(const char **rest, size_t *left, char sep)
{
    span out = {*rest, 0};
    while (out.n < *left && out.s[out.n] != sep)
        out.n++;
    if (out.n < *left) {
        *rest = out.s + out.n + 1;
        *left -= out.n + 1;
    } else {
        *rest = NULL;
        *left = 0;
    }
    return out;
}

size_t optspec_distance(const char *a, const char *b)
{
    /* Optimal string alignment: Levenshtein plus adjacent swaps, three rows of the table. */
    size_t la = strnlen(a, OPTSPEC_WORD - 1), lb = strnlen(b, OPTSPEC_WORD - 1);
    size_t rows[3][OPTSPEC_WORD];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* "unknown optimizer": the closest name when it is plausibly a typo, else every name. */
static bool unknown_name(span spec, span name, char *err, size_t errn)
{
    char typed[OPTSPEC_WORD];
    if (word(name, typed)) {
        const optimizer_type *best = NULL;
        size_t best_d = (size_t)-1;
        for (size_t i = 0; i < optimizer_count(); i++) {
            size_t d = optspec_distance(typed, optimizer_at(i)->name);
            if (d < best_d)
                best = optimizer_at(i), best_d = d;
        }
        /* A third of the length, at least 1: "sgd" → "gd", but "xyz" suggests nothing. */
        size_t near = (name.n + 2) / 3;
        if (best && best_d <= (near ? near : 1))
            return fail(err, errn, "'%.*s': unknown optimizer '%s'; did you mean '%s'?",
                        (int)spec.n, spec.s, typed, best->name);
    }
    char names[256] = "";
    for (size_t i = 0, len = 0; i < optimizer_count() && len < sizeof names; i++)
        len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "",
                                optimizer_at(i)->name);
    return fail(err, errn, "'%.*s': unknown optimizer '%.*s'; valid names: %s", (int)spec.n, spec.s,
                (int)name.n, name.s, names);
}

static bool unknown_key(span spec, const optimizer_type *t, span key, char *err, size_t errn)
{
    char keys[256] = "";
    size_t len = 0;
    for (size_t k = 0; k < t->n_params && len < sizeof keys; k++)
        len += (size_t)snprintf(keys + len, sizeof keys - len, "%s, ", t->param_names[k]);
    if (len < sizeof keys)
        snprintf(keys + len, sizeof keys - len, "eta, start");
    return fail(err, errn, "'%.*s': %s has no key '%.*s'; its keys are %s", (int)spec.n, spec.s,
                t->name, (int)key.n, key.s, keys);
}

static bool bad_value(span spec, const char *key, span value, const char *expected, char *err,
                      size_t errn)
{
    return fail(err, errn, "'%.*s': '%.*s' is not a value for %s; expected %s", (int)spec.n, spec.s,
                (int)value.n, value.s, key, expected);
}

/* One key=value of a spec into o. */
static bool parse_item(span spec, span item, optspec *o, char *err, size_t errn)
{
    const char *rest = item.s;
    size_t left = item.n;
    span key = take(&rest, &left, '=');
    if (!rest || key.n == 0)
        return fail(err, errn, "'%.*s': '%.*s' is not key=value", (int)spec.n, spec.s, (int)item.n,
                    item.s);
    span value = {rest, left};
    char k[OPTSPEC_WORD], v[OPTSPEC_WORD];
    if (!word(key, k))
        return unknown_key(spec, o->type, key, err, errn);
    int idx = optimizer_param_index(o->type, k);
    bool is_eta = strcmp(k, "eta") == 0, is_start = strcmp(k, "start") == 0;
    if (idx < 0 && !is_eta && !is_start)
        return unknown_key(spec, o->type, key, err, errn);
    bool *given = is_eta ? &o->eta_given : is_start ? &o->start_given : &o->param_given[idx];
    if (*given)
        return fail(err, errn, "'%.*s': %s is given twice", (int)spec.n, spec.s, k);
    bool fits = word(value, v);
    if (is_eta) {
        if (!(fits && parse_double(v, &o->eta) && o->eta > 0))
            return bad_value(spec, k, value, "a finite number > 0", err, errn);
    } else if (is_start) {
        char *second = fits ? strchr(v, '/') : NULL;
        if (second)
            *second++ = '\0';
        double x, y;
        if (!(second && parse_double(v, &x) && parse_double(second, &y)))
            return bad_value(spec, k, value, "X/Y, two finite numbers (e.g. start=-1.5/2)", err,
                             errn);
        o->start_x = x;
        o->start_y = y;
    } else if (!(fits && parse_double(v, &o->params[idx]))) {
        return bad_value(spec, k, value, "a finite number", err, errn);
    }
    *given = true;
    return true;
}

/* One NAME[:key=value...] into o. */
static bool parse_one(span spec, optspec *o, char *err, size_t errn)
{
    const char *rest = spec.s;
    size_t left = spec.n;
    span name = take(&rest, &left, ':');
    char n[OPTSPEC_WORD];
    memset(o, 0, sizeof *o);
    o->type = word(name, n) ? optimizer_find(n) : NULL;
    if (!o->type)
        return unknown_name(spec, name, err, errn);
    for (size_t k = 0; k < o->type->n_params && k < OPTIMIZER_MAX_PARAMS; k++)
        o->params[k] = o->type->param_defaults[k];
    while (rest) {
        span item = take(&rest, &left, ':');
        if (!parse_item(spec, item, o, err, errn))
            return false;
    }
    return true;
}

int optspec_parse(const char *text, optspec *out, size_t max, char *err, size_t errn)
{
    if (!text || trim((span){text, strlen(text)}).n == 0) {
        fail(err, errn, "no optimizer named; expected NAME[:key=value...][,...]");
        return -1;
    }
    const char *rest = text;
    size_t left = strlen(text), count = 0;
    while (rest) {
        span spec = trim(take(&rest, &left, ','));
        if (spec.n == 0) {
            fail(err, errn, "spec %zu of '%s' is empty; expected NAME[:key=value...]", count + 1,
                 text);
            return -1;
        }
        if (count == max) {
            fail(err, errn, "'%.*s' (spec %zu): more than %zu walkers", (int)spec.n, spec.s,
                 count + 1, max);
            return -1;
        }
        if (!parse_one(spec, &out[count], err, errn))
            return -1;
        count++;
    }
    return (int)count;
}
