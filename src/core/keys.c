/* Layer: core. Key names (see keys.h). */
#include <stdio.h>
#include <string.h>

#include "steepest/keys.h"

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Enter", KEYC_ENTER},
    {"Esc", KEYC_ESC},
    {"Space", ' '},
    {"BS", KEYC_BACKSPACE},
    {"Left", KEYC_LEFT},
    {"Right", KEYC_RIGHT},
    {"Up", KEYC_UP},
    {"Down", KEYC_DOWN},
    {"S-Left", KEYC_SLEFT},
    {"S-Right", KEYC_SRIGHT},
    {"S-Up", KEYC_SUP},
    {"S-Down", KEYC_SDOWN},
    {"lt", '<'},
};
#define N_NAMES (sizeof key_names / sizeof key_names[0])

const char *keys_name(int key)
{
    for (size_t k = 0; k < N_NAMES; k++)
        if (key_names[k].key == key && key != ' ' && key != '<')
            return key_names[k].name;
    return NULL;
}

int keys_parse(const char *s, int *keys, size_t max, char *bad, size_t n)
{
    size_t count = 0;
    while (*s) {
        int key = (unsigned char)*s;
        const char *close = *s == '<' ? strchr(s, '>') : NULL;
        size_t len = 1;
        if (close && close - s > 1) {
            size_t k = 0, name_len = (size_t)(close - s - 1);
            while (k < N_NAMES && !(strlen(key_names[k].name) == name_len &&
                                    strncmp(key_names[k].name, s + 1, name_len) == 0))
                k++;
            if (k == N_NAMES) {
                snprintf(bad, n, "%.*s", (int)(close - s + 1), s);
                return -1;
            }
            key = key_names[k].key;
            len = (size_t)(close - s + 1);
        } else if (key >= 0x80 || (key < 0x20 && key != '\n')) {
            snprintf(bad, n, "\\x%02x", key);
            return -1;
        }
        if (count == max) {
            snprintf(bad, n, "more than %zu keys", max);
            return -1;
        }
        keys[count++] = key == '\n' ? KEYC_ENTER : key;
        s += len;
    }
    return (int)count;
}
