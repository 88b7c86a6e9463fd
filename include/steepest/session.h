/* The model layer: everything a run changes, and every action a person can take.
 *
 * The keyboard, batch mode, demo scripts and tests all call these same functions. A session
 * never stores a non-finite θ: a step that would produce one (or leave the box by more than
 * SESSION_BOUND_FACTOR times its size) is refused and the session turns `diverged` until
 * reset or until θ, η or the surface change. */
#ifndef STEEPEST_SESSION_H
#define STEEPEST_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/surface.h"

#define SESSION_BOUND_FACTOR 1e6    /* |θ - centre| beyond this x box size = diverged */
#define SESSION_GRAD_TOL     1e-6   /* |∇L| below this = converged */
#define SESSION_TRAIL_MAX    100000 /* points kept; the oldest half is dropped beyond */

typedef enum { SESSION_RUNNING, SESSION_CONVERGED, SESSION_DIVERGED } session_status;

/* One visited θ with its loss: the trail and the loss history in one. `jump` marks a point
 * reached by moving θ rather than by a step: the trail is not joined up to it. */
typedef struct {
    double x, y, loss;
    bool jump;
} session_point;

/* Where a refused (diverging) step would have gone; values may be inf or NaN. */
typedef struct {
    double x, y, loss, gx, gy;
} session_attempt;

typedef struct session {
    const surface *surf;
    double start_x, start_y; /* where reset returns to */
    double x, y;             /* θ, always finite */
    double loss, gx, gy, gnorm;
    double eta;
    bool ascend;
    unsigned long step;
    /* Last step: actual ΔL and the first-order prediction ∓η|∇L|² at the θ it left. */
    bool has_last;
    double last_delta, last_predicted;
    session_status status;
    session_attempt attempt; /* valid while status == SESSION_DIVERGED */
    session_point *trail;    /* trail[0] is the start (or the oldest point kept) */
    size_t trail_len, trail_cap;
    unsigned long trail_first_step; /* step number of trail[0] */
} session;

/* Starts on s at its default θ0 and η, descending. Returns false only if out of memory. */
bool session_init(session *ss, const surface *s);
void session_free(session *ss);

/* Switches surface: θ, start and η become the new surface's defaults; the trail restarts. */
void session_set_surface(session *ss, const surface *s);
/* Sets the start θ0 (and moves θ there, clearing the trail). False if not finite. */
bool session_set_start(session *ss, double x, double y);
/* Moves θ without stepping (arrow keys, mouse, demos); the trail keeps what it had and
 * starts a new segment there. */
bool session_set_theta(session *ss, double x, double y);
/* False, and η unchanged, unless eta is finite and > 0. */
bool session_set_eta(session *ss, double eta);
void session_set_ascend(session *ss, bool ascend);
/* θ back to the start, step 0, trail cleared, status running. */
void session_reset(session *ss);

/* One step θ ← θ ∓ η∇L(θ) (minus when descending). Returns the new status. */
session_status session_step(session *ss);
/* One step θ ← θ + η u along any direction u (the probe). */
session_status session_step_along(session *ss, double ux, double uy);

const char *session_status_name(session_status st);

#endif
