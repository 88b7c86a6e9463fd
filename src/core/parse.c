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
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, n, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}
