// SPDX-License-Identifier: MIT
/* Layer: control. The key-binding table (see bindings.h). */
#include <string.h>

#include "steepest/bindings.h"
#include "steepest/keys.h"

/* Short enough for two columns at 80x24, so the overlay always lists every key. */
static const binding table[] = {
    {"space", "space", "one step (-grad or +grad)", MODES_VIEW, {{' ', ACT_STEP}}},
    {"a", "a", "descend / ascend", MODES_ALL, {{'a', ACT_ASCEND}}},
    {"p", "p", "play / pause", MODES_ALL, {{'p', ACT_PLAY}}},
    {"F", "F", "fast-forward to the end", MODES_VIEW, {{'F', ACT_FAST}}},
    {"< >", "< >", "play slower / faster", MODES_ALL, {{'<', ACT_SLOWER}, {'>', ACT_FASTER}}},
    {"+ -",
     "+ -",
     "eta x2 / eta /2",
     MODES_ALL,
     {{'+', ACT_ETA_UP}, {'=', ACT_ETA_UP}, {'-', ACT_ETA_DOWN}, {'_', ACT_ETA_DOWN}}},
    {"] [",
     "] [",
     "eta x1.25 / eta /1.25",
     MODES_ALL,
     {{']', ACT_ETA_FINE_UP}, {'[', ACT_ETA_FINE_DOWN}}},
    {"e", "e", "type an exact eta", MODES_ALL, {{'e', ACT_ETA_TYPE}}},
    {"b B",
     "b B",
     "sgd: minibatch size /2 x2",
     MODES_ALL,
     {{'b', ACT_BATCH_DOWN}, {'B', ACT_BATCH_UP}}},
    {"r", "r", "reset theta and the trail", MODES_ALL, {{'r', ACT_RESET}}},
    {"n N",
     "n N",
     "next / previous surface",
     MODES_ALL,
     {{'n', ACT_NEXT_SURFACE}, {'N', ACT_PREV_SURFACE}}},
    {"E", "E", "type your own formula", MODES_VIEW, {{'E', ACT_FORMULA}}},
    {"←↓↑→ hjkl",
     "arrows hjkl",
     "move theta one cell",
     MODES_ALL,
     {{KEYC_LEFT, ACT_MOVE_LEFT},
      {'h', ACT_MOVE_LEFT},
      {KEYC_RIGHT, ACT_MOVE_RIGHT},
      {'l', ACT_MOVE_RIGHT},
      {KEYC_UP, ACT_MOVE_UP},
      {'k', ACT_MOVE_UP}}},
    /* The rest of the arrows: one help row, two table rows (a row holds six keys). */
    {NULL, NULL, NULL, MODES_ALL, {{KEYC_DOWN, ACT_MOVE_DOWN}, {'j', ACT_MOVE_DOWN}}},
    {"click", "click", "place theta (mouse)", MODES_ALL, {{0, ACT_NONE}}},
    {"z Z", "z Z", "zoom in / out", MODES_ALL, {{'z', ACT_ZOOM_IN}, {'Z', ACT_ZOOM_OUT}}},
    {"H J K L",
     "H J K L",
     "pan (also shift+arrows)",
     MODES_ALL,
     {{'H', ACT_PAN_LEFT},
      {KEYC_SLEFT, ACT_PAN_LEFT},
      {'L', ACT_PAN_RIGHT},
      {KEYC_SRIGHT, ACT_PAN_RIGHT},
      {'K', ACT_PAN_UP},
      {KEYC_SUP, ACT_PAN_UP}}},
    {NULL, NULL, NULL, MODES_ALL, {{'J', ACT_PAN_DOWN}, {KEYC_SDOWN, ACT_PAN_DOWN}}},
    {"f", "f", "fit the view", MODES_ALL, {{'f', ACT_FIT}}},
    {"T A C",
     "T A C",
     "trail / arrow / contours",
     MODES_ALL,
     {{'T', ACT_TRAIL}, {'A', ACT_ARROW}, {'C', ACT_LEVELS}}},
    {"t", "t", "probe: turn u by hand", MODES_ALL, {{'t', ACT_PROBE}}},
    {"← →",
     "left right",
     "probe: turn u 5 degrees",
     MODE_PROBE,
     {{KEYC_LEFT, ACT_TURN_LEFT}, {KEYC_RIGHT, ACT_TURN_RIGHT}}},
    {"H L",
     "H L",
     "probe: turn u 45 degrees",
     MODE_PROBE,
     {{'H', ACT_TURN_LEFT_45},
      {KEYC_SLEFT, ACT_TURN_LEFT_45},
      {'L', ACT_TURN_RIGHT_45},
      {KEYC_SRIGHT, ACT_TURN_RIGHT_45}}},
    {"g G c",
     "g G c",
     "probe: u -grad/+grad/level",
     MODE_PROBE,
     {{'g', ACT_U_DESCENT}, {'G', ACT_U_ASCENT}, {'c', ACT_U_LEVEL}}},
    {"space", "space", "probe: step along u", MODE_PROBE, {{' ', ACT_STEP}}},
    {"s", "s", "chart dL against eta", MODES_ALL, {{'s', ACT_ETA_CHART}}},
    {"d", "d", "L along the step + Taylor", MODES_ALL, {{'d', ACT_SLICE}}},
    {"x D", "x D", "Hessian axes; the fit pane", MODES_ALL, {{'x', ACT_AXES}, {'D', ACT_FIT_PANE}}},
    {"o O Tab",
     "o O Tab",
     "walkers: add, drop, next",
     MODES_VIEW,
     {{'o', ACT_WALKER_SPEC}, {'O', ACT_WALKER_REMOVE}, {'\t', ACT_FOCUS_NEXT}}},
    {"m", "m", "way to the nearest minimum", MODES_ALL, {{'m', ACT_TO_MIN}}},
    {"v V",
     "v V",
     "held-out / batch contours",
     MODES_ALL,
     {{'v', ACT_HELDOUT}, {'V', ACT_BATCH_CONTOURS}}},
    {"i", "i", "lesson for this surface", MODES_ALL, {{'i', ACT_LESSON}}},
    {"#", "#", "theme dark/light/projector", MODES_ALL, {{'#', ACT_THEME}}},
    {"w", "w", "numbers-only view", MODES_ALL, {{'w', ACT_NUMBERS}}},
    {"y", "y", "print command line on exit", MODES_ALL, {{'y', ACT_PRINT_COMMAND}}},
    {"P M", "P M", "frame to file, cast mark", MODES_ALL, {{'P', ACT_SAVE_FRAME}, {'M', ACT_MARK}}},
    {"Ctrl-L", "Ctrl-L", "redraw the screen", MODES_ALL, {{KEYS_CTRL('l'), ACT_REPAINT}}},
    {"?", "?", "this help", MODES_ALL, {{'?', ACT_HELP}}},
    {"q", "q", "quit", MODES_ALL, {{'q', ACT_QUIT}}},
    {NULL, NULL, NULL, MODES_ALL, {{KEYC_ESC, ACT_LEAVE}}},
};
#define N_TABLE (sizeof table / sizeof table[0])

const binding *bindings_table(size_t *n)
{
    *n = N_TABLE;
    return table;
}

static int count_bits(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

app_action bindings_lookup(unsigned mode, int key)
{
    app_action best = ACT_NONE;
    int best_bits = 99;
    for (size_t r = 0; r < N_TABLE; r++) {
        if (!(table[r].modes & mode) || count_bits(table[r].modes) >= best_bits)
            continue;
        for (const binding_key *k = table[r].map; k < table[r].map + BINDING_MAX_KEYS && k->key;
             k++)
            if (k->key == key) {
                best = k->action;
                best_bits = count_bits(table[r].modes);
                break;
            }
    }
    return best;
}

bool bindings_known(int key)
{
    /* η entry takes these as typed text. */
    /* Typed text: η (e), a walker spec (o), a formula (E): digits, lower-case letters and the
     * characters of numbers and formulas. An unbound capital is a mistake in a demo. */
    if (key > 0 && key < 0x7f && strchr("0123456789.eE-+:=,/ ()^*abcdefghijklmnopqrstuvwxyz", key))
        return true;
    if (key == KEYC_ENTER || key == KEYC_BACKSPACE)
        return true;
    static const unsigned modes[] = {MODE_NORMAL, MODE_PROBE, MODE_NUMBERS};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++)
        if (bindings_lookup(modes[m], key) != ACT_NONE)
            return true;
    return false;
}
