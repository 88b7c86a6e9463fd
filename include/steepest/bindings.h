// SPDX-License-Identifier: MIT
/* Layer: control. The one table of key bindings: for each row, the keys as the help shows
 * them, what they do, the modes they act in, and which key does which action. The key
 * dispatch, the ? overlay, the man-page test and demo scripts' `keys` all read it, so they
 * cannot disagree. Calls the core only. */
#ifndef STEEPEST_BINDINGS_H
#define STEEPEST_BINDINGS_H

#include <stdbool.h>
#include <stddef.h>

/* The controller's modes. Overlays (help, lesson) and η entry take every key themselves;
 * the others look keys up here. */
typedef enum {
    MODE_NORMAL = 1 << 0,
    MODE_PROBE = 1 << 1,   /* the direction probe: u chosen by hand */
    MODE_NUMBERS = 1 << 2, /* the numbers-only view */
    MODE_HELP = 1 << 3,    /* the ? overlay: any key closes it */
    MODE_LESSON = 1 << 4,  /* the lesson pane: any key closes it */
    MODE_ETA = 1 << 5,     /* typing an exact η */
} app_mode;

#define MODES_VIEW (MODE_NORMAL | MODE_NUMBERS)
#define MODES_ALL  (MODE_NORMAL | MODE_PROBE | MODE_NUMBERS)

typedef enum {
    ACT_NONE,
    ACT_QUIT,
    ACT_STEP, /* along ∓∇L, or along u in the probe */
    ACT_ASCEND,
    ACT_PLAY,
    ACT_SLOWER,
    ACT_FASTER,
    ACT_ETA_UP,
    ACT_ETA_DOWN,
    ACT_ETA_FINE_UP,
    ACT_ETA_FINE_DOWN,
    ACT_ETA_TYPE,
    ACT_RESET,
    ACT_NEXT_SURFACE,
    ACT_PREV_SURFACE,
    ACT_MOVE_LEFT,
    ACT_MOVE_RIGHT,
    ACT_MOVE_UP,
    ACT_MOVE_DOWN,
    ACT_ZOOM_IN,
    ACT_ZOOM_OUT,
    ACT_PAN_LEFT,
    ACT_PAN_RIGHT,
    ACT_PAN_UP,
    ACT_PAN_DOWN,
    ACT_FIT,
    ACT_TRAIL,
    ACT_ARROW,
    ACT_LEVELS,
    ACT_PROBE, /* enter or leave the probe */
    ACT_TURN_LEFT,
    ACT_TURN_RIGHT,
    ACT_TURN_LEFT_45,
    ACT_TURN_RIGHT_45,
    ACT_U_DESCENT,
    ACT_U_ASCENT,
    ACT_U_LEVEL,
    ACT_ETA_CHART,
    ACT_SLICE,
    ACT_FAST,
    ACT_AXES,
    ACT_FOCUS_NEXT,
    ACT_WALKER_SPEC,
    ACT_WALKER_REMOVE,
    ACT_MARK,
    ACT_FORMULA,
    ACT_FIT_PANE,
    ACT_BATCH_DOWN, /* sgd: B halves */
    ACT_BATCH_UP,   /* sgd: B doubles */
    ACT_BATCH_CONTOURS,
    ACT_SAVE_FRAME,
    ACT_TO_MIN,
    ACT_HELDOUT,
    ACT_LESSON,
    ACT_THEME,
    ACT_NUMBERS,
    ACT_PRINT_COMMAND,
    ACT_REPAINT,
    ACT_HELP,
    ACT_LEAVE, /* Esc: leave the probe; elsewhere only clears the message */
} app_action;

#define BINDING_MAX_KEYS 6

typedef struct {
    int key; /* 0 ends the list */
    app_action action;
} binding_key;

typedef struct {
    const char *keys;       /* as the help shows them (UTF-8), or NULL: not listed */
    const char *ascii_keys; /* the same in ASCII */
    const char *what;
    unsigned modes; /* app_mode bits */
    binding_key map[BINDING_MAX_KEYS];
} binding;

/* The table, in the order the help lists it. */
const binding *bindings_table(size_t *n);

/* The action of key in mode: among the rows for that mode, the one with the fewest modes
 * wins (the probe's own ← → before the general arrows). ACT_NONE when unbound. */
app_action bindings_lookup(unsigned mode, int key);

/* True when some mode binds key, or η entry takes it: what a demo script may press. */
bool bindings_known(int key);

#endif
