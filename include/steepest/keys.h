// SPDX-License-Identifier: MIT
/* Layer: core. Key codes beyond characters, and the one spelling of keys as text shared by
 * --keys, demo scripts and the help: letters as typed, <Name> for the rest. The terminal
 * layer turns what the terminal sends into these codes; the controller acts on them. */
#ifndef STEEPEST_KEYS_H
#define STEEPEST_KEYS_H

#include <stddef.h>

/* Above every Unicode code point, so a key is either a character or one of these. */
enum {
    KEYC_UP = 0x110000,
    KEYC_DOWN,
    KEYC_LEFT,
    KEYC_RIGHT,
    KEYC_SUP,
    KEYC_SDOWN,
    KEYC_SLEFT,
    KEYC_SRIGHT,
    KEYC_ENTER,
    KEYC_BACKSPACE,
    KEYC_ESC,
};

#define KEYS_CTRL(c) ((c)&0x1f)

/* Decodes key text: <Enter> <Esc> <Space> <BS> <Left> <Right> <Up> <Down> <S-Left> <S-Right>
 * <S-Up> <S-Down> <lt>, printable ASCII as itself, a newline as Enter. A '<' followed by a
 * letter starts a name, which must end with '>' (so "<Enter" is an error, not six keys);
 * a '<' followed by anything else is the key '<' itself. Returns the count, or one of the
 * KEYS_ERR_ codes below with the offending text in bad (size n); keys_error() words it. */
int keys_parse(const char *s, int *keys, size_t max, char *bad, size_t n);

#define KEYS_ERR_NOT_A_KEY -1 /* bad: the text that is not a key, "<Nope>" or "\x01" */
#define KEYS_ERR_UNCLOSED  -2 /* bad: a name without its '>', "<Enter" */
#define KEYS_ERR_TOO_MANY  -3 /* bad: "more than N keys" */

/* One phrase for a message, from keys_parse's code and bad text: "<Nope> is not a key",
 * "'<Enter' is missing its '>'", "more than 64 keys". */
void keys_error(int code, const char *bad, char *msg, size_t n);

/* The name of a key code (<Left>, ...) or NULL for a plain character. */
const char *keys_name(int key);

#endif
