// SPDX-License-Identifier: MIT
/* Layer: core. The CSV reader and the shipped data sets (see dataset.h). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "steepest/dataset.h"
#include "steepest/parse.h"
#include "steepest/utf8.h"

/* ---- reading lines ------------------------------------------------------------------------ */

/* Input is read in blocks of CHUNK; the buffer holds one unfinished line (at most
 * DATASET_MAX_LINE bytes) plus a block, so memory stays fixed whatever the input. */
enum { CHUNK = 1 << 16, BUF_SIZE = DATASET_MAX_LINE + CHUNK + 1 };

typedef struct {
    FILE *in;
    const char *fname;
    char *buf;
    size_t len, pos; /* bytes in buf; start of the first unread one */
    bool eof;
    size_t total, max_bytes; /* bytes of the lines returned so far; the limit */
    unsigned long line;      /* of the line last returned, from 1 */
    char *err;
    size_t errlen;
} reader;

static void fail(reader *r, unsigned long line, const char *fmt, ...)
{
    if (!r->err || r->errlen == 0)
        return;
    int k = snprintf(r->err, r->errlen, "%s:%lu: ", r->fname, line > 0 ? line : 1);
    if (k < 0 || (size_t)k >= r->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
    va_end(ap);
    utf8_sanitize(r->err); /* the file's name is outside text too */
}

/* 1 with the next line (without its '\n') in *line, *len; 0 at the end; -1 on error. */
static int next_line(reader *r, const char **line, size_t *len)
{
    for (;;) {
        char *start = r->buf + r->pos;
        size_t avail = r->len - r->pos;
        char *nl = avail ? memchr(start, '\n', avail) : NULL;
        if (nl || (r->eof && avail > 0)) {
            size_t l = nl ? (size_t)(nl - start) : avail;
            r->line++;
            if (l > DATASET_MAX_LINE) {
                fail(r, r->line, "line longer than %d bytes", DATASET_MAX_LINE);
                return -1;
            }
            /* The limit counts the lines handed out, so the message names the line that
             * crosses it; reading runs at most one block ahead. */
            r->total += nl ? l + 1 : l;
            if (r->total > r->max_bytes) {
                fail(r, r->line, "input larger than the limit of %zu bytes", r->max_bytes);
                return -1;
            }
            r->pos += nl ? l + 1 : l;
            *line = start;
            *len = l;
            return 1;
        }
        if (r->eof)
            return 0;
        if (avail > DATASET_MAX_LINE) {
            fail(r, r->line + 1, "line longer than %d bytes", DATASET_MAX_LINE);
            return -1;
        }
        memmove(r->buf, start, avail);
        r->len = avail;
        r->pos = 0;
        size_t room = BUF_SIZE - 1 - r->len;
        size_t got = fread(r->buf + r->len, 1, room, r->in);
        if (got < room) {
            if (ferror(r->in)) {
                fail(r, r->line + 1, "cannot read it: %s", strerror(errno));
                return -1;
            }
            r->eof = true;
        }
        r->len += got;
    }
}

/* ---- fields ------------------------------------------------------------------------------- */

static bool is_blank(char c, char sep)
{
    return c == ' ' || (c == '\t' && sep != '\t');
}

/* One field of line[*pos..len): unquoted (trimmed) or double-quoted with "" for a quote. Its
 * text goes to out (cut at cap - 1 bytes, *full set to its real length) and *pos moves past
 * the separator. Returns 1 when another field follows, 0 when this was the last, -1 on a quote
 * error (*what says which). '#' outside quotes ends the line. */
static int next_field(const char *line, size_t len, size_t *pos, char sep, char *out, size_t cap,
                      size_t *full, const char **what)
{
    size_t p = *pos, n = 0;
    while (p < len && is_blank(line[p], sep))
        p++;
    if (p < len && line[p] == '"') {
        p++;
        for (;;) {
            if (p >= len) {
                *what = "a quoted field runs to the end of the line (unterminated quote)";
                return -1;
            }
            char c = line[p++];
            if (c == '"') {
                if (p < len && line[p] == '"')
                    p++;
                else
                    break;
            }
            if (n + 1 < cap)
                out[n] = c;
            n++;
        }
        while (p < len && is_blank(line[p], sep))
            p++;
        if (p < len && line[p] != sep && line[p] != '#') {
            *what = "text after a closing quote";
            return -1;
        }
    } else {
        size_t s = p;
        while (p < len && line[p] != sep && line[p] != '#')
            p++;
        size_t e = p;
        while (e > s && is_blank(line[e - 1], sep))
            e--;
        for (size_t k = s; k < e; k++) {
            if (n + 1 < cap)
                out[n] = line[k];
            n++;
        }
    }
    if (cap > 0)
        out[n < cap ? n : cap - 1] = '\0';
    *full = n;
    if (p < len && line[p] == sep) {
        *pos = p + 1;
        return 1;
    }
    *pos = len;
    return 0;
}

/* A field for a message: at most 24 bytes, anything unprintable as '?'. */
static void shown(const char *s, size_t full, char *out, size_t cap)
{
    size_t n = 0;
    for (; n < 24 && n + 1 < cap && s[n]; n++)
        out[n] = (s[n] >= 0x20 && s[n] < 0x7f) ? s[n] : '?';
    out[n] = '\0';
    if (full > n && n + 4 < cap)
        strcat(out, "...");
}

/* Blank or comment only. */
static bool empty_line(const char *line, size_t len)
{
    for (size_t k = 0; k < len; k++) {
        if (line[k] == '#')
            return true;
        if (line[k] != ' ' && line[k] != '\t')
            return false;
    }
    return true;
}

static char pick_separator(const char *line, size_t len)
{
    bool tab = false, comma = false, quoted = false;
    for (size_t k = 0; k < len; k++) {
        if (line[k] == '"')
            quoted = !quoted;
        else if (!quoted && line[k] == '#')
            break;
        else if (!quoted && line[k] == '\t')
            tab = true;
        else if (!quoted && line[k] == ',')
            comma = true;
    }
    return tab && !comma ? '\t' : ',';
}

/* ---- the table ---------------------------------------------------------------------------- */

enum { FIELD_CAP = 128 };

typedef struct {
    size_t n_fields;
    char **names; /* n_fields names, or NULL when the file has no header */
    char *storage;
} header;

static void header_free(header *h)
{
    free(h->names);
    free(h->storage);
    memset(h, 0, sizeof *h);
}

/* "a, b, c" (or "1..3" without a header), cut to fit. */
static void list_columns(const header *h, char *out, size_t cap)
{
    if (!h->names) {
        snprintf(out, cap, "the file has no header row; its %zu columns are numbered 1..%zu",
                 h->n_fields, h->n_fields);
        return;
    }
    size_t used = (size_t)snprintf(out, cap, "the columns are: ");
    for (size_t k = 0; k < h->n_fields && used + 1 < cap; k++) {
        char s[40];
        shown(h->names[k], strlen(h->names[k]), s, sizeof s);
        int w = snprintf(out + used, cap - used, "%s%s", k ? ", " : "", s);
        if (w < 0 || (size_t)w >= cap - used) {
            if (cap > 4)
                memcpy(out + cap - 4, "...", 4);
            return;
        }
        used += (size_t)w;
    }
}

/* The column spec names: an exact header name, else a 1-based number. -1 (with err) if none. */
static long find_column(reader *r, const header *h, const char *spec, unsigned long line)
{
    for (size_t k = 0; h->names && k < h->n_fields; k++)
        if (strcmp(h->names[k], spec) == 0)
            return (long)k;
    unsigned long num;
    char list[512], s[40];
    list_columns(h, list, sizeof list);
    shown(spec, strlen(spec), s, sizeof s);
    if (parse_count(spec, 1000000, &num)) {
        if (num >= 1 && num <= h->n_fields)
            return (long)num - 1;
        fail(r, line, "no column %lu: %s", num, list);
        return -1;
    }
    fail(r, line, "no column '%s': %s", s, list);
    return -1;
}

/* Splits the first content line into the header (or counts its fields when it is data). */
static bool read_header(reader *r, const char *line, size_t len, char sep, header *h,
                        bool *is_header)
{
    char field[FIELD_CAP];
    size_t pos = 0, full, bytes = 0;
    const char *what = NULL;
    int more;
    *is_header = false;
    h->n_fields = 0;
    do {
        more = next_field(line, len, &pos, sep, field, sizeof field, &full, &what);
        if (more < 0) {
            fail(r, r->line, "%s", what);
            return false;
        }
        double v;
        if (!parse_double(field, &v) || full >= sizeof field)
            *is_header = true;
        h->n_fields++;
        bytes += (full < DATASET_NAME_MAX ? full : DATASET_NAME_MAX - 1) + 1;
    } while (more);
    if (!*is_header)
        return true;
    h->names = malloc(h->n_fields * sizeof *h->names);
    h->storage = malloc(bytes);
    if (!h->names || !h->storage) {
        fail(r, r->line, "out of memory");
        return false;
    }
    pos = 0;
    char *at = h->storage;
    for (size_t k = 0; k < h->n_fields; k++) {
        next_field(line, len, &pos, sep, field, DATASET_NAME_MAX, &full, &what);
        h->names[k] = at;
        size_t l = strlen(field);
        memcpy(at, field, l + 1);
        at += l + 1;
    }
    return true;
}

static void column_name(const header *h, long col, char *out)
{
    if (h->names)
        snprintf(out, DATASET_NAME_MAX, "%s", h->names[col]);
    else
        snprintf(out, DATASET_NAME_MAX, "%ld", col + 1);
}

/* Parses a chosen field; false (with err) when it is not a finite number. */
static bool number(reader *r, const char *field, size_t full, const char *name, double *v)
{
    char s[40];
    shown(field, full, s, sizeof s);
    if (full == 0) {
        fail(r, r->line, "column '%s' is empty (a missing value)", name);
        return false;
    }
    if (full < FIELD_CAP && parse_double(field, v))
        return true;
    /* Tell "not finite" (nan, inf, 1e999) from "not a number". */
    char *end;
    if (full < FIELD_CAP) {
        double u = strtod(field, &end);
        if (end != field && *end == '\0') {
            fail(r, r->line, "column '%s': '%s' is %s", name, s,
                 isfinite(u) ? "out of range (too small)" : "not a finite number");
            return false;
        }
    }
    fail(r, r->line, "column '%s': '%s' is not a number", name, s);
    return false;
}

static bool grow(reader *r, dataset *d, size_t *cap)
{
    if (d->n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 1024;
    double *x = realloc(d->x, c * sizeof *x);
    if (x)
        d->x = x;
    double *y = x ? realloc(d->y, c * sizeof *y) : NULL;
    if (!x || !y) {
        fail(r, r->line, "out of memory after %zu rows", d->n);
        return false;
    }
    d->y = y;
    *cap = c;
    return true;
}

static bool read_table(reader *r, const dataset_options *opt, dataset *out)
{
    header h = {0};
    char sep = ',';
    long cx = -1, cy = -1;
    unsigned long first_line = 0, first_data = 0;
    size_t cap = 0;
    const char *line;
    size_t len;
    int got;
    bool ok = false;
    while ((got = next_line(r, &line, &len)) > 0) {
        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (memchr(line, '\0', len)) {
            fail(r, r->line, "a NUL byte (is this a binary file?)");
            goto done;
        }
        if (empty_line(line, len))
            continue;
        if (!first_line) {
            bool is_header;
            first_line = r->line;
            sep = pick_separator(line, len);
            if (!read_header(r, line, len, sep, &h, &is_header))
                goto done;
            cx = find_column(r, &h, opt->x_column ? opt->x_column : "1", r->line);
            cy = cx < 0 ? -1 : find_column(r, &h, opt->y_column ? opt->y_column : "2", r->line);
            if (cx < 0 || cy < 0)
                goto done;
            column_name(&h, cx, out->x_name);
            column_name(&h, cy, out->y_name);
            if (is_header)
                continue;
        }
        char field[FIELD_CAP];
        size_t pos = 0, full, k = 0;
        const char *what = NULL;
        double x = 0, y = 0;
        int more;
        do {
            more = next_field(line, len, &pos, sep, field, sizeof field, &full, &what);
            if (more < 0) {
                fail(r, r->line, "%s", what);
                goto done;
            }
            if (k == (size_t)cx && !number(r, field, full, out->x_name, &x))
                goto done;
            if (k == (size_t)cy && !number(r, field, full, out->y_name, &y))
                goto done;
            k++;
        } while (more);
        if (k != h.n_fields) {
            fail(r, r->line, "%zu field%s where line %lu has %zu (a ragged row)", k,
                 k == 1 ? "" : "s", first_line, h.n_fields);
            goto done;
        }
        if (opt->unit_y && !(y >= 0 && y <= 1)) {
            char text[32];
            parse_shortest(text, sizeof text, y);
            fail(r, r->line, "column '%s': y = %s; %s", out->y_name, text, DATASET_UNIT_Y_WHY);
            goto done;
        }
        if (opt->binary_y && y != 0 && y != 1) {
            char text[32];
            parse_shortest(text, sizeof text, y);
            fail(r, r->line,
                 "column '%s': label %s is not 0 or 1 (logistic regression "
                 "models the chance of a 1)",
                 out->y_name, text);
            goto done;
        }
        if (!grow(r, out, &cap))
            goto done;
        if (!first_data)
            first_data = r->line;
        out->x[out->n] = x;
        out->y[out->n] = y;
        out->n++;
    }
    if (got < 0)
        goto done;
    if (out->n < 2) {
        fail(r, r->line, "%s; a fit needs at least 2", out->n ? "only 1 data row" : "no data rows");
        goto done;
    }
    size_t k = 1;
    while (k < out->n && out->x[k] == out->x[0])
        k++;
    if (k == out->n) {
        char v[32];
        parse_shortest(v, sizeof v, out->x[0]);
        fail(r, first_data,
             "column '%s' is constant (%s in every row): w and b cannot be fit apart, "
             "since only w*%s + b is ever seen",
             out->x_name, v, v);
        goto done;
    }
    /* Give back the unused part of the last doubling. */
    double *sx = realloc(out->x, out->n * sizeof *sx);
    if (sx)
        out->x = sx;
    double *sy = realloc(out->y, out->n * sizeof *sy);
    if (sy)
        out->y = sy;
    ok = true;
done:
    header_free(&h);
    return ok;
}

bool dataset_read(FILE *in, const char *filename, const dataset_options *opt, dataset *out,
                  char *err, size_t errlen)
{
    static const dataset_options defaults = {NULL, NULL, false, 0, false};
    if (err && errlen)
        err[0] = '\0';
    memset(out, 0, sizeof *out);
    reader r = {0};
    r.in = in;
    r.fname = !filename || strcmp(filename, "-") == 0 ? "stdin" : filename;
    r.err = err;
    r.errlen = errlen;
    opt = opt ? opt : &defaults;
    r.max_bytes = opt->max_bytes ? opt->max_bytes : DATASET_MAX_BYTES;
    if (!in) {
        fail(&r, 0, "no input");
        return false;
    }
    r.buf = malloc(BUF_SIZE);
    if (!r.buf) {
        fail(&r, 0, "out of memory");
        return false;
    }
    bool ok = read_table(&r, opt, out);
    free(r.buf);
    if (!ok)
        dataset_free(out);
    return ok;
}

bool dataset_load(const char *path, const dataset_options *opt, dataset *out, char *err,
                  size_t errlen)
{
    if (path && strcmp(path, "-") == 0)
        return dataset_read(stdin, "-", opt, out, err, errlen);
    FILE *f = path ? fopen(path, "r") : NULL;
    struct stat st;
    int why = f ? 0 : errno;
    if (f && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
        why = EISDIR;
    if (why) {
        if (f)
            fclose(f);
        memset(out, 0, sizeof *out);
        if (err && errlen) {
            snprintf(err, errlen, "%s: cannot open it: %s", path ? path : "(null)",
                     why == EISDIR ? "a directory, not a CSV file" : strerror(why));
            utf8_sanitize(err);
        }
        return false;
    }
    bool ok = dataset_read(f, path, opt, out, err, errlen);
    fclose(f);
    return ok;
}

void dataset_free(dataset *d)
{
    free(d->x);
    free(d->y);
    memset(d, 0, sizeof *d);
}

/* ---- shipped data sets -------------------------------------------------------------------- */

/* Anscombe (1973), Table 1: sets 1-3 share x. */
static const double anscombe_x123[] = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
static const double anscombe_y1[] = {8.04, 6.95, 7.58,  8.81, 8.33, 9.96,
                                     7.24, 4.26, 10.84, 4.82, 5.68};
static const double anscombe_y2[] = {9.14, 8.14, 8.74, 8.77, 9.26, 8.10,
                                     6.13, 3.10, 9.13, 7.26, 4.74};
static const double anscombe_y3[] = {7.46, 6.77, 12.74, 7.11, 7.81, 8.84,
                                     6.08, 5.39, 8.15,  6.42, 5.73};
static const double anscombe_x4[] = {8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8};
static const double anscombe_y4[] = {6.58, 5.76,  7.71, 8.84, 8.47, 7.04,
                                     5.25, 12.50, 5.56, 7.91, 6.89};

/* The 23 shuttle launches before Challenger with a recovered booster, in launch order: joint
 * temperature (°F) and whether any field joint O-ring showed thermal distress. */
static const double challenger_temp[] = {66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78,
                                         67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58};
static const double challenger_fail[] = {0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0,
                                         0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1};

/* Fisher's Iris rows 51-150: petal width (cm) of 50 versicolor, then 50 virginica. */
static const double iris_petal_width[] = {
    1.4, 1.5, 1.5, 1.3, 1.5, 1.3, 1.6, 1.0, 1.3, 1.4, 1.0, 1.5, 1.0, 1.4, 1.3, 1.4, 1.5,
    1.0, 1.5, 1.1, 1.8, 1.3, 1.5, 1.2, 1.3, 1.4, 1.4, 1.7, 1.5, 1.0, 1.1, 1.0, 1.2, 1.6,
    1.5, 1.6, 1.5, 1.3, 1.3, 1.3, 1.2, 1.4, 1.2, 1.0, 1.3, 1.2, 1.3, 1.3, 1.1, 1.3, /* vers. */
    2.5, 1.9, 2.1, 1.8, 2.2, 2.1, 1.7, 1.8, 1.8, 2.5, 2.0, 1.9, 2.1, 2.0, 2.4, 2.3, 1.8,
    2.2, 2.3, 1.5, 2.3, 2.0, 2.0, 1.8, 2.1, 1.8, 1.8, 1.8, 2.1, 1.6, 1.9, 2.0, 2.2, 1.5,
    1.4, 2.3, 2.4, 1.8, 1.8, 2.1, 2.4, 2.3, 1.9, 2.3, 2.5, 2.3, 1.9, 2.0, 2.3, 1.8, /* virg. */
};
static const double iris_virginica[] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))
#define ANSCOMBE_SOURCE                                                                            \
    "F. J. Anscombe, Graphs in Statistical Analysis, The American Statistician 27(1), 17-21 "      \
    "(1973)"

static const dataset_shipped shipped[] = {
    {"anscombe-1", "Anscombe's quartet, set I: a plain linear trend", ANSCOMBE_SOURCE,
     "anscombe.csv", "x1", "y1", "linear", ROWS(anscombe_x123), anscombe_x123, anscombe_y1},
    {"anscombe-2", "Anscombe's quartet, set II: a curve, fit by a line", ANSCOMBE_SOURCE,
     "anscombe.csv", "x2", "y2", "linear", ROWS(anscombe_x123), anscombe_x123, anscombe_y2},
    {"anscombe-3", "Anscombe's quartet, set III: a line and one outlier", ANSCOMBE_SOURCE,
     "anscombe.csv", "x3", "y3", "linear", ROWS(anscombe_x123), anscombe_x123, anscombe_y3},
    {"anscombe-4", "Anscombe's quartet, set IV: one point sets the slope", ANSCOMBE_SOURCE,
     "anscombe.csv", "x4", "y4", "linear", ROWS(anscombe_x4), anscombe_x4, anscombe_y4},
    {"challenger", "Shuttle O-ring distress (0/1) against launch temperature (F), 23 flights",
     "S. R. Dalal, E. B. Fowlkes and B. Hoadley, Risk Analysis of the Space Shuttle: "
     "Pre-Challenger Prediction of Failure, JASA 84(408), 945-957 (1989)",
     "challenger.csv", "temp_f", "distress", "logistic", ROWS(challenger_temp), challenger_temp,
     challenger_fail},
    {"iris", "Iris versicolor (0) or virginica (1) from petal width (cm), 100 flowers",
     "R. A. Fisher, The use of multiple measurements in taxonomic problems, Annals of "
     "Eugenics 7(2), 179-188 (1936); measurements by E. Anderson (1935)",
     "iris.csv", "petal_width", "virginica", "logistic", ROWS(iris_petal_width), iris_petal_width,
     iris_virginica},
};

size_t dataset_shipped_count(void)
{
    return ROWS(shipped);
}

const dataset_shipped *dataset_shipped_at(size_t i)
{
    return i < ROWS(shipped) ? &shipped[i] : NULL;
}

const dataset_shipped *dataset_find(const char *name)
{
    for (size_t i = 0; name && i < ROWS(shipped); i++)
        if (strcmp(shipped[i].name, name) == 0)
            return &shipped[i];
    return NULL;
}

const char *dataset_shipped_names(void)
{
    static char list[256];
    if (list[0])
        return list;
    for (size_t i = 0, used = 0; i < ROWS(shipped) && used < sizeof list; i++) {
        int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", shipped[i].name);
        used = k < 0 ? sizeof list : used + (size_t)k;
    }
    return list;
}

bool dataset_from_shipped(const dataset_shipped *s, dataset *out)
{
    memset(out, 0, sizeof *out);
    out->x = malloc(s->n * sizeof *out->x);
    out->y = malloc(s->n * sizeof *out->y);
    if (!out->x || !out->y) {
        dataset_free(out);
        return false;
    }
    memcpy(out->x, s->x, s->n * sizeof *out->x);
    memcpy(out->y, s->y, s->n * sizeof *out->y);
    out->n = s->n;
    snprintf(out->x_name, sizeof out->x_name, "%s", s->x_name);
    snprintf(out->y_name, sizeof out->y_name, "%s", s->y_name);
    return true;
}
