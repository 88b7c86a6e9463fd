// SPDX-License-Identifier: MIT
/* Layer: control. Demo scripts: a line-based list of actions that plays itself (steepest --play
 * FILE).
 *
 *   # a comment; blank lines are ignored; one action per line:
 *   surface NAME         switch surface (its defaults for start, eta, view)
 *   start X Y            set the start and move theta there, clearing the trail
 *   theta X Y            move theta without clearing the trail
 *   eta E                learning rate, a finite number > 0
 *   descend | ascend     direction of the steps
 *   step N               N steps (1..100000), shown one per tick; fewer when the walk
 *                        converges or diverges first (the rest would show nothing)
 *   reset                theta back to the start, trail cleared
 *   probe on | probe off the direction probe
 *   beta DEG             probe: u at DEG degrees from grad L
 *   turn DEG             probe: turn u by DEG degrees (positive: counter-clockwise)
 *   caption TEXT         a line of text shown under the plot ("caption" alone clears it)
 *   wait SECONDS         hold still (0..600)
 *   pause                wait for the presenter (space continues)
 *   speed MS             milliseconds per step while stepping (15..2000)
 *   zoom FACTOR | fit    zoom the view in (>1) or out (<1); fit the domain
 *   keys KEYS            press keys, as in --keys (e.g. "keys s" to show the eta chart)
 *   optimizer SPECS      the walkers from now on, as in --optimizer (e.g. "optimizer
 *                        gd:eta=0.09,momentum:eta=0.09:mu=0.5"), each at its start
 *   data NAME [standardize]
 *                        switch to a model on a shipped data set (as --data NAME, with
 *                        --standardize if asked): anscombe-1..4, challenger, iris
 *
 * The file: UTF-8 text (strict: no overlong forms, surrogates or bytes that are not UTF-8), no
 * control character but tab, lines of at most DEMO_MAX_LINE bytes ending in "\n", "\r\n" or
 * a lone "\r", at most DEMO_MAX_BYTES in all; a byte-order mark at the start is skipped. A
 * comment may also end a line: a '#' that starts a word ("step 5  # five steps") begins it,
 * except in a caption, whose text is taken whole ("caption Press # for the theme"), and in
 * the one word of 'keys' ("keys #" presses the theme key). A caption may not hold a tab.
 * Only a regular file is read: a directory, FIFO, device or socket is refused by its type
 * before it is opened.
 *
 * Loading checks every line and stops at the first bad one with "FILE:LINE: message": names
 * against the registry, keys against the binding table. The player drives the controller,
 * so it lives in the control layer with it. */
#ifndef STEEPEST_DEMO_H
#define STEEPEST_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "steepest/app.h"

typedef enum {
    DEMO_SURFACE,
    DEMO_START,
    DEMO_THETA,
    DEMO_ETA,
    DEMO_DESCEND,
    DEMO_ASCEND,
    DEMO_STEP,
    DEMO_RESET,
    DEMO_PROBE_ON,
    DEMO_PROBE_OFF,
    DEMO_BETA,
    DEMO_TURN,
    DEMO_CAPTION,
    DEMO_WAIT,
    DEMO_PAUSE,
    DEMO_SPEED,
    DEMO_ZOOM,
    DEMO_FIT,
    DEMO_KEYS,
    DEMO_OPTIMIZER,
    DEMO_DATA,
} demo_op;

#define DEMO_MAX_KEYS 64

typedef struct {
    demo_op op;
    int line;
    double a, b;
    const surface *surf;
    char text[160];
    int keys[DEMO_MAX_KEYS];
    size_t n_keys;
} demo_action;

typedef struct {
    char name[64]; /* the file's base name, for the panel */
    demo_action *actions;
    size_t n;
} demo_script;

#define DEMO_MAX_LINE    400        /* bytes in a line, without its end */
#define DEMO_MAX_ACTIONS 10000      /* actions in a script */
#define DEMO_MAX_BYTES   (1L << 20) /* bytes in a script file */

/* Reads and checks a script; surface names are looked up in reg. On a bad line returns false with
 * "PATH:LINE: message" (or "PATH: message") in err. A path of PATH_MAX bytes or more, or with
 * a component longer than the file system allows, gives "file name too long". */
bool demo_load(const registry *reg, const char *path, demo_script *out, char *err, size_t errn);
/* The same from a stream already open (path names it in messages and gives the script its
 * name); reads at most DEMO_MAX_BYTES. */
bool demo_read(const registry *reg, FILE *f, const char *path, demo_script *out, char *err,
               size_t errn);
void demo_free(demo_script *d);

/* One demo found by demo_list_dir. */
typedef struct {
    char name[64];     /* NAME of the file NAME.demo: what --play NAME takes */
    char summary[120]; /* the first sentence of its opening comment block, or "" */
} demo_entry;

/* The demos in dir: every regular, readable file NAME.demo whose NAME is printable UTF-8
 * without spaces and shorter than 64 bytes, sorted by name. On success *list is a malloc'd
 * array of *count entries (NULL and 0 when there are none; free() it). False with
 * "DIR: message" in err when dir cannot be read (or out of memory). */
bool demo_list_dir(const char *dir, demo_entry **list, size_t *count, char *err, size_t errn);

/* A script being played into an app. */
typedef struct {
    const demo_script *script;
    size_t pc;          /* next action */
    unsigned long left; /* steps left in the current step action */
    long wake;          /* wait until this time (ms), or -1 */
    bool waiting_key;   /* at a pause */
    bool paused;        /* the presenter paused the demo */
    bool done;
} demo_player;

void demo_start(demo_player *p, const demo_script *d, app *a);
/* Runs what is due at time now (ms); returns how long until it needs calling again, or -1
 * when it waits for a key (or is paused or done). */
long demo_advance(demo_player *p, app *a, long now);
/* Plays the whole script at once, ignoring waits and pauses (headless). */
void demo_run_all(demo_player *p, app *a);
/* The presenter's keys while a demo plays: p pauses or resumes, space goes on at once (one
 * step, or past a wait or pause), Esc takes over (the demo stops, the state stays). Returns
 * true when the key was the demo's. */
bool demo_key(demo_player *p, app *a, int key, long now);

#endif
