// SPDX-License-Identifier: MIT
/* Layer: core. Strict UTF-8 (see utf8.h), after the table of well-formed byte sequences in
 * the Unicode standard (chapter 3, table 3-7). */
#include "steepest/utf8.h"

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    *cp = 0xFFFD;
    if (n == 0)
        return 0;
    unsigned char b = u[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t len;
    uint32_t v;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (b >= 0xC2 && b <= 0xDF) {
        len = 2;
        v = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
        len = 3;
        v = b & 0x0Fu;
        if (b == 0xE0)
            lo = 0xA0; /* shorter forms are overlong */
        else if (b == 0xED)
            hi = 0x9F; /* U+D800..U+DFFF are surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        len = 4;
        v = b & 0x07u;
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        else if (b == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0; /* a continuation byte, C0, C1 (always overlong) or F5..FF */
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        unsigned char c = u[k];
        if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF))
            return 0;
        v = (v << 6) | (c & 0x3Fu);
    }
    *cp = v;
    return len;
}

bool utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

bool utf8_is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool utf8_printable(const char *s, size_t n, size_t *bad_offset, bool *control)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || utf8_is_control(cp)) {
            if (bad_offset)
                *bad_offset = i;
            if (control)
                *control = len != 0;
            return false;
        }
        i += len;
    }
    return true;
}

size_t utf8_prefix(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    size_t k = max;
    /* Back up over continuation bytes to the start of the sequence that would be cut. */
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

size_t utf8_sanitize(char *s)
{
    size_t n = 0, o = 0;
    while (s[n])
        n++;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || utf8_is_control(cp)) {
            s[o++] = '?';
            i += len ? len : 1;
            continue;
        }
        for (size_t k = 0; k < len; k++)
            s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}
