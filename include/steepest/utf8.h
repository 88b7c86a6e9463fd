// SPDX-License-Identifier: MIT
/* Layer: core. Strict UTF-8 for text that reaches the screen from outside (demo captions, file
 * names, anything read from a file): only the shortest encoding of a Unicode scalar value is
 * accepted, so no byte sequence can decode to a control character the check did not see.
 * Rejected: stray continuation bytes, truncated sequences, overlong forms (C0 9B is not
 * ESC), surrogates U+D800..U+DFFF, anything above U+10FFFF, and the bytes C0, C1, F5..FF.
 * Calls nothing but libc. */
#ifndef STEEPEST_UTF8_H
#define STEEPEST_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the sequence at s (at most n bytes are read). Returns its length, 1 to 4, with the
 * code point in *cp; or 0 when the bytes there are not strict UTF-8 (then *cp is U+FFFD). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* True when s[0..n) is strict UTF-8. Otherwise false, with the offset of the first byte of
 * the first bad sequence in *bad_offset (when bad_offset is not NULL). */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* C0 controls U+0000..U+001F (tab and newline too), DEL U+007F and C1 controls
 * U+0080..U+009F: what a terminal may act on instead of showing. */
bool utf8_is_control(uint32_t cp);

/* Text that may be shown as it is: strict UTF-8 without a control character. Otherwise false
 * with the offset of the first bad byte, and *control (when not NULL) saying whether it is a
 * well-formed control character (true) or bad UTF-8 (false). */
bool utf8_printable(const char *s, size_t n, size_t *bad_offset, bool *control);

/* The length of the longest prefix of s[0..n) that has at most max bytes and does not cut a
 * sequence in two (for "%.*s" of text already checked with utf8_valid). */
size_t utf8_prefix(const char *s, size_t n, size_t max);

/* Makes the string s printable in place, for a message that quotes outside text: each control
 * character becomes one '?', and so does each byte of bad UTF-8. Returns the new length. */
size_t utf8_sanitize(char *s);

#endif
