// SPDX-License-Identifier: MIT
/* Layer: picture. The drawing primitives every part of a frame uses (cells, glyphs, text),
 * colours and text output. The parts and their layout are render.c's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "frame_draw.h"
#include "steepest/utf8.h"

static const uint32_t glyph_utf8[G_COUNT] = {0x25CF, 0x25CB, '*',    0x00D7, 0x25B2, 0x00B7,
                                             0x2502, 0x2524, 0x2500, 0x252C, 0x2514, 0x2500,
                                             0x2502, 0x250C, 0x2510, 0x2514, 0x2518};
const uint32_t frame_glyph_ascii[G_COUNT] = {'@', 'o', '*', 'x', '#', '.', '|', '+', '-',
                                             '+', '+', '-', '|', '+', '+', '+', '+'};

uint32_t frame_glyph(const scene *sc, int g)
{
    return sc->braille ? glyph_utf8[g] : frame_glyph_ascii[g];
}

void frame_init(frame *f)
{
    memset(f, 0, sizeof *f);
    contour_init(&f->contours);
}

void frame_free(frame *f)
{
    free(f->cells);
    contour_free(&f->contours);
    memset(f, 0, sizeof *f);
}

const frame_cell *frame_at(const frame *f, int col, int row)
{
    if (col < 0 || row < 0 || col >= f->cols || row >= f->rows)
        return NULL;
    return &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
}

void frame_put(frame *f, int col, int row, uint32_t ch, int role)
{
    if (col < 0 || row < 0 || col >= f->cols || row >= f->rows)
        return;
    frame_cell *c = &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
    /* Never leave half of a wide character: over its tail, the head goes; over its head,
     * the tail goes. */
    if (c->ch == FRAME_WIDE_TAIL && col > 0)
        c[-1].ch = ' ';
    if (col + 1 < f->cols && c[1].ch == FRAME_WIDE_TAIL && ch != FRAME_WIDE_TAIL)
        c[1].ch = ' ';
    c->ch = ch;
    c->role = (uint8_t)role;
}

/* Strict UTF-8 (core's utf8_decode); a bad sequence or a control character reads as '?', so
 * nothing from a file or an argument reaches the terminal as a control sequence. A NUL ends
 * the string, so at most the bytes before it are read. */
int frame_utf8_decode(const char *s, uint32_t *cp)
{
    size_t len = utf8_decode(s, strnlen(s, 4), cp);
    if (len == 0 || utf8_is_control(*cp)) {
        *cp = '?';
        return len ? (int)len : 1;
    }
    return (int)len;
}

/* Columns a code point takes on a terminal: 0 for combining marks (dropped: a cell holds
 * one character), 2 for East Asian wide characters and emoji, else 1. A small table of the
 * common blocks; anything it misses is taken as 1. */
int frame_cp_width(uint32_t cp)
{
    static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
                                       {0x0610, 0x061A}, {0x064B, 0x065F}, {0x1AB0, 0x1AFF},
                                       {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
                                       {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}};
    static const uint32_t wide[][2] = {{0x1100, 0x115F},   {0x2E80, 0x303E},  {0x3041, 0x33FF},
                                       {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},  {0xA000, 0xA4CF},
                                       {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},  {0xFE30, 0xFE4F},
                                       {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},  {0x1F300, 0x1F64F},
                                       {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
    for (size_t k = 0; k < sizeof zero / sizeof zero[0]; k++)
        if (cp >= zero[k][0] && cp <= zero[k][1])
            return 0;
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        if (cp >= wide[k][0] && cp <= wide[k][1])
            return 2;
    return 1;
}

/* Writes UTF-8 text from (col, row), at most `width` cells; returns the cells used. */
int frame_text(frame *f, int col, int row, int width, const char *s, int role)
{
    int used = 0;
    while (*s && used < width) {
        uint32_t cp;
        s += frame_utf8_decode(s, &cp);
        int w = frame_cp_width(cp);
        if (w == 0)
            continue;
        if (used + w > width)
            break;
        frame_put(f, col + used, row, cp, role);
        if (w == 2)
            frame_put(f, col + used + 1, row, FRAME_WIDE_TAIL, role);
        used += w;
    }
    return used;
}

int frame_text_width(const char *s)
{
    int n = 0;
    while (*s) {
        uint32_t cp;
        s += frame_utf8_decode(s, &cp);
        n += frame_cp_width(cp);
    }
    return n;
}

/* Writes text over up to `lines` rows of `width` cells, breaking at spaces where it can.
 * Returns the rows used. */
int frame_text_wrapped(frame *f, int col, int row, int width, int lines, const char *s, int role)
{
    int used = 0;
    while (used < lines && *s && width > 0) {
        /* Take whole words while they fit; a word longer than the line is cut. */
        const char *end = s, *cut = NULL;
        int cells = 0;
        while (*end && cells <= width) {
            if (*end == ' ')
                cut = end;
            uint32_t cp;
            end += frame_utf8_decode(end, &cp);
            cells += frame_cp_width(cp);
        }
        if (!*end && cells <= width)
            cut = end;
        if (!cut || cut == s) {
            cut = s;
            for (int k = 0; *cut;) {
                uint32_t cp;
                int len = frame_utf8_decode(cut, &cp), w = frame_cp_width(cp);
                if (k + w > width)
                    break;
                k += w;
                cut += len;
            }
            if (cut == s) /* one character wider than the line: skip it */
                cut += frame_utf8_decode(cut, &(uint32_t){0});
        }
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)(cut - s), s);
        frame_text(f, col, row + used, width, buf, role);
        used++;
        s = cut;
        while (*s == ' ')
            s++;
    }
    return used;
}

/* A 1-2-5 step giving about `want` ticks over span. */
double frame_nice_step(double span, int want)
{
    double raw = span / (want > 0 ? want : 1), mag = pow(10, floor(log10(raw)));
    double m = raw / mag;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * mag;
}

void frame_compact_exponent(char *buf)
{
    char *e = strchr(buf, 'e');
    if (!e)
        return;
    char *src = e + 1, *dst = e + 1;
    if (*src == '+')
        src++;
    else if (*src == '-')
        *dst++ = *src++;
    while (*src == '0' && src[1])
        src++;
    memmove(dst, src, strlen(src) + 1);
}

int frame_text_rows(const char *s, int width)
{
    frame none; /* no cells: every put falls outside, only the rows are counted */
    memset(&none, 0, sizeof none);
    return frame_text_wrapped(&none, 0, 0, width, 1 << 20, s, ROLE_TEXT);
}

/* ---- colours and text output ------------------------------------------------------------- */

static const char *const theme_names[FRAME_THEME_COUNT] = {"dark", "light", "projector"};

const char *frame_theme_name(int theme)
{
    return theme >= 0 && theme < FRAME_THEME_COUNT ? theme_names[theme] : "dark";
}

int frame_theme_find(const char *name)
{
    for (int t = 0; t < FRAME_THEME_COUNT; t++)
        if (strcmp(theme_names[t], name) == 0)
            return t;
    return -1;
}

/* Levels, low = cool to high = warm, with lightness rising (dark background) or falling
 * (light background) along the ramp, so order reads without hue: safe for colour-blind
 * viewers and on a washed-out projector. */
static const int level256[FRAME_THEME_COUNT][CONTOUR_MAX_LEVELS] = {
    {61, 62, 68, 32, 38, 37, 36, 35, 71, 77, 113, 149, 185, 184, 220, 226},
    {17, 18, 19, 25, 24, 31, 30, 29, 65, 101, 137, 136, 130, 166, 130, 94},
    {45, 45, 51, 51, 50, 49, 48, 83, 118, 154, 190, 226, 220, 214, 208, 202},
};

/* Indexed by role, for roles below ROLE_LEVEL0. The light theme draws black things in the
 * terminal's own foreground (-1): black on a light background, and still visible when '#'
 * passes through it on a dark one. */
static const int role256[FRAME_THEME_COUNT][ROLE_LEVEL0] = {
    {-1,
     -1,
     244,
     110,
     231,
     244,
     250,
     231,
     203,
     213,
     231,
     177,
     209,
     114,
     214,
     196,
     81,
     231,
     /* walkers */ 231,
     203,
     81,
     220,
     213,
     114,
     209,
     147},
    {-1,
     -1,
     243,
     25,
     -1,
     244,
     240,
     -1,
     160,
     90,
     -1,
     90,
     130,
     28,
     130,
     160,
     25,
     -1,
     /* walkers */ -1,
     160,
     25,
     130,
     90,
     28,
     166,
     55},
    {-1,
     231,
     250,
     117,
     231,
     250,
     231,
     231,
     196,
     201,
     231,
     213,
     208,
     118,
     220,
     196,
     117,
     231,
     /* walkers */ 231,
     196,
     51,
     226,
     201,
     118,
     208,
     141},
};
static const int role8[FRAME_THEME_COUNT][ROLE_LEVEL0] = {
    {-1, -1, -1, 6, -1, -1, 7, 7, 1, 5, 7, 5, 1, 2, 3, 1, 6, 7, 7, 1, 6, 3, 5, 2, 1, 6},
    {-1, -1, -1, 4, -1, -1, -1, -1, 1, 5, -1, 5, 1, 2, 1, 1, 4, -1, -1, 1, 4, 3, 5, 2, 1, 4},
    {-1, 7, 7, 6, 7, 7, 7, 7, 1, 5, 7, 5, 3, 2, 3, 1, 6, 7, 7, 1, 6, 3, 5, 2, 1, 6},
};

static int clamp_theme(int theme)
{
    return theme >= 0 && theme < FRAME_THEME_COUNT ? theme : THEME_DARK;
}

int frame_role_color256(frame_role r, int theme)
{
    theme = clamp_theme(theme);
    if (r >= ROLE_LEVEL0)
        return level256[theme][r - ROLE_LEVEL0];
    return role256[theme][r];
}

int frame_role_color8(frame_role r, int theme)
{
    theme = clamp_theme(theme);
    if (r >= ROLE_LEVEL0) {
        /* No blue at the low end on a dark background: blue on black is barely there. */
        static const int ramp[FRAME_THEME_COUNT][4] = {{6, 2, 3, 1}, {4, 6, 5, 1}, {6, 2, 3, 1}};
        return ramp[theme][(r - ROLE_LEVEL0) * 4 / CONTOUR_MAX_LEVELS];
    }
    return role8[theme][r];
}

bool frame_role_bold(frame_role r, int theme)
{
    if (theme == THEME_PROJECTOR && (r >= ROLE_LEVEL0 || r == ROLE_TEXT || r == ROLE_TRAIL))
        return true;
    /* Few bold roles: leaving bold costs a full attribute reset, and every byte counts
     * over SSH. The colours already set the arrow and marks apart. */
    return r == ROLE_THETA || r == ROLE_TITLE || r == ROLE_BAD || r == ROLE_HERE;
}

static void put_utf8(FILE *out, uint32_t cp)
{
    char b[4];
    int n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fwrite(b, 1, (size_t)n, out);
}

void frame_write_text(const frame *f, FILE *out, int colors, int theme)
{
    bool ansi = colors >= 0;
    for (int r = 0; r < f->rows; r++) {
        int end = f->cols;
        while (end > 0 && frame_at(f, end - 1, r)->ch == ' ')
            end--;
        int role = -1;
        for (int c = 0; c < end; c++) {
            const frame_cell *cell = frame_at(f, c, r);
            if (cell->ch == FRAME_WIDE_TAIL) /* the wide character before it covers it */
                continue;
            if (ansi && cell->role != role && cell->ch != ' ') {
                role = cell->role;
                fputs("\x1b[0m", out);
                if (frame_role_bold((frame_role)role, theme))
                    fputs("\x1b[1m", out);
                int color = colors >= 256 ? frame_role_color256((frame_role)role, theme)
                            : colors >= 8 ? frame_role_color8((frame_role)role, theme)
                                          : -1;
                if (color >= 0 && colors >= 256)
                    fprintf(out, "\x1b[38;5;%dm", color);
                else if (color >= 0)
                    fprintf(out, "\x1b[3%dm", color);
            }
            put_utf8(out, cell->ch);
        }
        if (ansi && role >= 0)
            fputs("\x1b[0m", out);
        fputc('\n', out);
    }
}
