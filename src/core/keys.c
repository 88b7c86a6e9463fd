// SPDX-License-Identifier: MIT
/* Layer: core. Key names (see keys.h). */
#include <stdbool.h>
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

static bool is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_name_char(char c)
{
    return is_letter(c) || (c >= '0' && c <= '9') || c == '-';
}

int keys_parse(const char *s, int *keys, size_t max, char *bad, size_t n)
{
    size_t count = 0;
    while (*s) {
        int key = (unsigned char)*s;
        size_t len = 1;
        if (key == '<' && is_letter(s[1])) {
            size_t name_len = 1;
            while (is_name_char(s[1 + name_len]))
                name_len++;
            if (s[1 + name_len] != '>') {
                snprintf(bad, n, "%.*s", (int)(name_len < 40 ? name_len + 1 : 41), s);
                return KEYS_ERR_UNCLOSED;
            }
            size_t k = 0;
            while (k < N_NAMES && !(strlen(key_names[k].name) == name_len &&
                                    strncmp(key_names[k].name, s + 1, name_len) == 0))
                k++;
            if (k == N_NAMES) {
                if (name_len <= 40)
                    snprintf(bad, n, "%.*s", (int)name_len + 2, s);
                else
                    snprintf(bad, n, "%.40s...>", s);
                return KEYS_ERR_NOT_A_KEY;
            }
            key = key_names[k].key;
            len = name_len + 2;
        } else if (key >= 0x80 || (key < 0x20 && key != '\n')) {
            snprintf(bad, n, "\\x%02x", key);
            return KEYS_ERR_NOT_A_KEY;
        }
        if (count == max) {
            snprintf(bad, n, "more than %zu keys", max);
            return KEYS_ERR_TOO_MANY;
        }
        keys[count++] = key == '\n' ? KEYC_ENTER : key;
        s += len;
    }
    return (int)count;
}

void keys_error(int code, const char *bad, char *msg, size_t n)
{
    switch (code) {
    case KEYS_ERR_UNCLOSED:
        snprintf(msg, n, "'%s' is missing its '>'", bad);
        break;
    case KEYS_ERR_TOO_MANY:
        snprintf(msg, n, "%s", bad);
        break;
    default:
        snprintf(msg, n, "%s is not a key", bad);
        break;
    }
}
