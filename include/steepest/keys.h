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
 * <S-Up> <S-Down> <lt>, printable ASCII as itself, a newline as Enter. Returns the count, or
 * -1 with the offending text (or the reason) in bad (size n). */
int keys_parse(const char *s, int *keys, size_t max, char *bad, size_t n);

/* The name of a key code (<Left>, ...) or NULL for a plain character. */
const char *keys_name(int key);

#endif
