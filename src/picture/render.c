// SPDX-License-Identifier: MIT
/* Layer: picture. The layout of a frame for its size, and frame_render, which clears the cells
 * and draws the parts (plot.c, the axes, fitpane.c, panel.c, overlay.c) into them, each with
 * frame.c's primitives. Everything is computed off-screen, then written in one pass. */
#include <stdlib.h>
#include <string.h>

#include "frame_draw.h"

#define GUTTER_COLS      7
#define PANEL_MIN_COLS   30
#define PANEL_MAX_COLS   40
#define PANEL_BELOW_ROWS 13

frame_layout frame_layout_for(int cols, int rows)
{
    return frame_layout_fit(cols, rows, false);
}

frame_layout frame_layout_fit(int cols, int rows, bool fit)
{
    frame_layout l;
    memset(&l, 0, sizeof l);
    if (cols < FRAME_MIN_COLS || rows < FRAME_MIN_ROWS) {
        l.too_small = true;
        return l;
    }
    /* Tall and not wide: the panel goes below and the plot keeps the full width. */
    bool below = cols < 100 && rows >= 40;
    int plot_rows, plot_cols;
    if (below) {
        plot_rows = rows - PANEL_BELOW_ROWS - 2;
        plot_cols = cols - GUTTER_COLS;
        l.panel = (frame_rect){0, plot_rows + 2, cols, PANEL_BELOW_ROWS};
    } else {
        int pw = cols / 4;
        pw = pw < PANEL_MIN_COLS ? PANEL_MIN_COLS : pw > PANEL_MAX_COLS ? PANEL_MAX_COLS : pw;
        plot_rows = rows - 2;
        plot_cols = cols - GUTTER_COLS - pw;
        l.panel = (frame_rect){GUTTER_COLS + plot_cols, 0, pw, rows};
    }
    if (fit && plot_cols >= 70) { /* wide: the fit pane takes the plot's right 40% */
        int fc = plot_cols * 2 / 5;
        plot_cols -= fc;
        l.fit = (frame_rect){GUTTER_COLS + plot_cols, 0, fc, plot_rows + 2};
    } else if (fit && plot_rows >= 24) { /* tall: its bottom third */
        int fr = plot_rows / 3;
        plot_rows -= fr;
        l.fit = (frame_rect){0, plot_rows + 2, GUTTER_COLS + plot_cols, fr};
    } else if (fit) { /* small: a narrow strip on the right */
        int fc = plot_cols / 3;
        plot_cols -= fc;
        l.fit = (frame_rect){GUTTER_COLS + plot_cols, 0, fc, plot_rows + 2};
    }
    l.gutter = (frame_rect){0, 0, GUTTER_COLS, plot_rows};
    l.plot = (frame_rect){GUTTER_COLS, 0, plot_cols, plot_rows};
    l.xaxis = (frame_rect){0, plot_rows, GUTTER_COLS + plot_cols, 2};
    return l;
}

bool frame_render(frame *f, const scene *sc)
{
    int cols = sc->cols > 0 ? sc->cols : 0, rows = sc->rows > 0 ? sc->rows : 0;
    size_t cells = (size_t)cols * (size_t)rows;
    if (cols != f->cols || rows != f->rows) {
        frame_cell *c = realloc(f->cells, (cells ? cells : 1) * sizeof *c);
        if (!c)
            return false;
        f->cells = c;
        f->cols = cols;
        f->rows = rows;
    }
    for (size_t i = 0; i < cells; i++)
        f->cells[i] = (frame_cell){' ', ROLE_BLANK};
    f->theta_col = f->theta_row = f->head_col = f->head_row = f->land_col = f->land_row = -1;
    f->edge_col = f->edge_row = -1;

    if (sc->numbers) {
        frame_draw_numbers(f, sc);
        if (sc->show_help)
            frame_draw_help(f, sc);
        return true;
    }
    frame_layout l = frame_layout_fit(cols, rows, sc->show_fit);
    if (l.too_small) {
        frame_draw_too_small(f);
        return true;
    }
    if (!frame_draw_plot(f, sc, l.plot))
        return false;
    frame_draw_axes(f, sc, &l);
    if (l.fit.cols > 0)
        frame_draw_fit(f, sc, l.fit);
    frame_draw_panel(f, sc, l.panel);
    if (sc->show_lesson)
        frame_draw_lesson(f, sc);
    if (sc->show_help)
        frame_draw_help(f, sc);
    return true;
}
