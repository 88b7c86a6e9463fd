// SPDX-License-Identifier: MIT
/* Layer: picture. asciicast v2 recordings of frames (see cast.h). */
#include <stdlib.h>
#include <string.h>

#include "steepest/cast.h"

/* A JSON string body: quotes, backslashes and control characters escaped; UTF-8 as is. */
static void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

bool cast_begin(cast *c, FILE *f, int cols, int rows, const char *title, long timestamp, int colors,
                int theme)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    c->cols = cols;
    c->rows = rows;
    c->colors = colors;
    c->theme = theme;
    c->last = calloc((size_t)(rows > 0 ? rows : 1), sizeof *c->last);
    if (!c->last)
        return false;
    fprintf(f,
            "{\"version\": 2, \"width\": %d, \"height\": %d, \"timestamp\": %ld, \"title\": ", cols,
            rows, timestamp);
    json_string(f, title, strlen(title));
    fputs(", \"env\": {\"TERM\": \"xterm-256color\"}}\n", f);
    c->failed = ferror(f) != 0;
    return true;
}

void cast_frame(cast *c, const frame *fr, double t)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        c->failed = true;
        return;
    }
    frame_write_text(fr, m, c->colors, c->theme);
    fclose(m);
    /* What changed, row by row: cursor to the row, the row, erase to its end. */
    char *out = NULL;
    size_t olen = 0;
    FILE *o = open_memstream(&out, &olen);
    if (!o) {
        free(text);
        c->failed = true;
        return;
    }
    if (!c->last[0]) /* the first frame: hide the cursor, clear the screen */
        fputs("\x1b[?25l\x1b[2J", o);
    char *line = text;
    for (int r = 0; r < c->rows && line && *line; r++) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (!c->last[r] || strlen(c->last[r]) != n || memcmp(c->last[r], line, n) != 0) {
            fprintf(o, "\x1b[%d;1H%.*s\x1b[0m\x1b[K", r + 1, (int)n, line);
            free(c->last[r]);
            c->last[r] = strndup(line, n);
        }
        line = end ? end + 1 : NULL;
    }
    fclose(o);
    if (olen > 0) {
        fprintf(c->f, "[%.6f, \"o\", ", t);
        json_string(c->f, out, olen);
        fputs("]\n", c->f);
    }
    free(out);
    free(text);
    c->failed |= ferror(c->f) != 0;
}

void cast_marker(cast *c, double t, const char *label)
{
    fprintf(c->f, "[%.6f, \"m\", ", t);
    json_string(c->f, label, strlen(label));
    fputs("]\n", c->f);
    c->failed |= ferror(c->f) != 0;
}

bool cast_end(cast *c)
{
    for (int r = 0; r < c->rows; r++)
        free(c->last[r]);
    free(c->last);
    c->last = NULL;
    return !c->failed;
}
