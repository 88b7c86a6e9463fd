// SPDX-License-Identifier: MIT
/* Layer: core. Strict number parsers (see parse.h). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/parse.h"

bool parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* ERANGE also flags a subnormal such as 4.9e-324, which is a finite number all the same;
     * only an overflow, or an underflow to zero of a non-zero text, is refused. */
    bool range = errno == ERANGE && (v == 0 || !isfinite(v) || fabs(v) >= DBL_MIN);
    if (*end != '\0' || end == s || !isfinite(v) || range)
        return false;
    *out = v;
    return true;
}

/* Splits s at its one separator into a bounded copy of the first part and a pointer to the
 * second; false when the separator is missing, repeated or the first part is empty/long. */
static bool split(const char *s, char sep, char *first, size_t n, const char **second)
{
    const char *at = s ? strchr(s, sep) : NULL;
    if (!at || strchr(at + 1, sep))
        return false;
    size_t len = (size_t)(at - s);
    if (len == 0 || len >= n)
        return false;
    memcpy(first, s, len);
    first[len] = '\0';
    *second = at + 1;
    return true;
}

bool parse_pair(const char *s, double *x, double *y)
{
    char first[64];
    const char *second;
    double a, b;
    if (!split(s, ',', first, sizeof first, &second) || !parse_double(first, &a) ||
        !parse_double(second, &b))
        return false;
    *x = a;
    *y = b;
    return true;
}

bool parse_count(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !*s)
        return false;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    errno = 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (errno == ERANGE || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

bool parse_size(const char *s, int *cols, int *rows)
{
    char first[16];
    const char *second;
    unsigned long c, r;
    if (!split(s, 'x', first, sizeof first, &second) || !parse_count(first, 1000, &c) ||
        !parse_count(second, 1000, &r) || c == 0 || r == 0)
        return false;
    *cols = (int)c;
    *rows = (int)r;
    return true;
}

void parse_shortest(char *buf, size_t n, double v)
{
    if (n == 0)
        return;
    if (!isfinite(v)) { /* "nan", never glibc's "-nan" */
        snprintf(buf, n, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
        return;
    }
    /* 15 significant digits are enough for most doubles and 17 for all: from 15, fewer while
     * they still read back, else more until they do. */
    char best[32], shorter[32];
    int p = 15;
    snprintf(best, sizeof best, "%.*g", p, v);
    if (strtod(best, NULL) == v) {
        for (; p > 1; p--) {
            snprintf(shorter, sizeof shorter, "%.*g", p - 1, v);
            if (strtod(shorter, NULL) != v)
                break;
            memcpy(best, shorter, sizeof best);
        }
    } else {
        while (p < 17 && strtod(best, NULL) != v)
            snprintf(best, sizeof best, "%.*g", ++p, v);
    }
    /* A whole number reads shorter without an exponent up to its own width: 10, not 1e+01;
     * 12500, not 1.25e+04; but 1e+20 stays. */
    if (strchr(best, 'e') && v == floor(v) && fabs(v) < 1e17) {
        snprintf(shorter, sizeof shorter, "%.0f", v);
        if (strlen(shorter) <= strlen(best))
            memcpy(best, shorter, sizeof best);
    }
    snprintf(buf, n, "%s", best);
}
