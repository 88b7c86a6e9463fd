// SPDX-License-Identifier: MIT
/* libFuzzer target: --keys text and demo `keys` words, through keys_parse (core). Besides
 * "no crash, no leak", it checks what the parser promises: the count fits, every key is a
 * character or a named key, an error comes with a message, and the keys written back as text
 * (with keys_name) read back the same. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/keys.h"

#define MAX_KEYS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes keys as text keys_parse reads back: names in <>, '<' as <lt>, the rest as itself. */
static size_t spell(const int *keys, int n, char *out, size_t cap)
{
    size_t o = 0;
    for (int k = 0; k < n; k++) {
        const char *name = keys_name(keys[k]);
        char one[32];
        if (name)
            snprintf(one, sizeof one, "<%s>", name);
        else if (keys[k] == '<')
            snprintf(one, sizeof one, "<lt>");
        else
            snprintf(one, sizeof one, "%c", (char)keys[k]);
        size_t len = strlen(one);
        if (o + len >= cap)
            abort();
        memcpy(out + o, one, len);
        o += len;
    }
    out[o] = '\0';
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* as argv hands it over: up to the first NUL */

    int keys[MAX_KEYS];
    char bad[64];
    /* A size the data controls, so the "more than N keys" edge is reached too. */
    size_t max = size ? (size_t)data[0] % (MAX_KEYS + 1) : MAX_KEYS;
    int n = keys_parse(text, keys, max, bad, sizeof bad);
    if (n < 0) {
        if (n != KEYS_ERR_NOT_A_KEY && n != KEYS_ERR_UNCLOSED && n != KEYS_ERR_TOO_MANY)
            abort();
        if (!bad[0] || strlen(bad) >= sizeof bad)
            abort();
        char msg[128];
        keys_error(n, bad, msg, sizeof msg);
        if (!msg[0])
            abort();
    } else {
        if ((size_t)n > max)
            abort();
        for (int k = 0; k < n; k++) {
            int c = keys[k];
            bool named = keys_name(c) != NULL;
            if (c < 0x20 || (c >= 0x80 && !named))
                abort();
        }
        char again[MAX_KEYS * 12 + 1];
        spell(keys, n, again, sizeof again);
        int back[MAX_KEYS];
        int m = keys_parse(again, back, MAX_KEYS, bad, sizeof bad);
        if (m != n || memcmp(back, keys, (size_t)n * sizeof keys[0]) != 0)
            abort(); /* the text spelling does not read back */
    }
    free(text);
    return 0;
}
