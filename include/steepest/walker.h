// SPDX-License-Identifier: MIT
/* Layer: model. A walker: one optimizer walking one surface. It holds the optimizer's type and
 * state, θ with its L and ∇L, the learning rate and direction, the trail of visited points
 * and a status. A walker never stores a non-finite θ: a step that would produce one, or
 * leave the surface's box by more than WALKER_BOUND_FACTOR times its size, is refused and
 * the walker turns `diverged` until reset or until θ, η or the direction change.
 *
 * Where a step lands is asked of the optimizer (walker_preview), never recomputed. */
#ifndef STEEPEST_WALKER_H
#define STEEPEST_WALKER_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/analysis.h"
#include "steepest/optimizer.h"
#include "steepest/surface.h"

#define WALKER_BOUND_FACTOR 1e6 /* |θ - centre| beyond this x box size = diverged */
/* The early rule: θ more than WALKER_AWAY_BOXES box sizes from the box's centre after L has
 * moved the wrong way (up when descending, down when ascending: |L| growing either way... see
 * walker.c) at each of the last WALKER_AWAY_STEPS steps. */
#define WALKER_AWAY_BOXES 3.0
#define WALKER_AWAY_STEPS 5
#define WALKER_GRAD_TOL   1e-6 /* |∇L| below this = converged */
#define WALKER_TRAIL_MIN  1024 /* the least trail a walker keeps, however many share */
/* A minibatch walk (sgd with B < N rows) on more rows than this evaluates the full L and ∇L
 * once per epoch, at its last step (and when walker_sync asks), as a training log does: a
 * step then costs a few times B rows, whatever N. On fewer rows, or once θ leaves the
 * surface's box, at every step. */
#define WALKER_FULL_ROWS 256

typedef enum { WALKER_RUNNING, WALKER_CONVERGED, WALKER_DIVERGED } walker_status;

/* One visited θ with its loss: the trail and the loss history in one. `jump` marks a point
 * reached by moving θ rather than by a step: the trail is not joined up to it. For a step
 * of sgd, batch_loss is the loss over the minibatch that step used, at the θ it left (the
 * noisy curve of a training log); NaN otherwise. loss is NaN at a point of a minibatch walk
 * where the full loss was never evaluated (see WALKER_FULL_ROWS). */
typedef struct {
    double x, y, loss;
    double batch_loss;
    bool jump;
} walker_point;

/* Where a refused (diverging) step would have gone; values may be inf or NaN. */
typedef struct {
    double x, y, loss, gx, gy;
    double predicted; /* the first-order ΔL the optimizer gave for it */
} walker_attempt;

typedef struct walker {
    const optimizer_type *type;
    void *state;                         /* type->state_size bytes, or NULL */
    double params[OPTIMIZER_MAX_PARAMS]; /* the type's hyper-parameters, defaults at init */
    bool ready;                          /* the optimizer's init succeeded */
    const surface *surf;
    double start_x, start_y;    /* where reset returns to */
    double x, y;                /* θ, always finite */
    double loss, gx, gy, gnorm; /* at θ, unless stale */
    /* After a minibatch step that skipped the full evaluation: loss, gx, gy, gnorm are those
     * of an earlier θ (stale), and last_delta, last_predicted wait for L and ∇L at prev_x,
     * prev_y (last_pending). walker_sync makes both true again. */
    bool stale, last_pending;
    double prev_x, prev_y, last_dx, last_dy; /* the θ the last step left, and its move */
    double eta;
    bool ascend;
    unsigned long step;
    unsigned long evals; /* evaluations of L and ∇L the optimizer has used */
    /* Last step: actual ΔL and the first-order prediction at the θ it left. */
    bool has_last;
    double last_delta, last_predicted;
    bool last_along; /* the last step was the probe's (length η along u), not the optimizer's */
    walker_status status;
    /* Why a diverged walker stopped: a step refused (non-finite, or beyond the box by
     * WALKER_BOUND_FACTOR: `attempt` says where it would have gone), or the early rule. */
    bool refused;
    walker_attempt attempt; /* valid while status == WALKER_DIVERGED && refused */
    bool unbounded;         /* diverged with L going the walk's own way: L has no bound there */
    unsigned away_steps;    /* consecutive steps that moved θ outward with L growing in size */
    walker_point *trail;    /* trail[0] is the start (or the oldest point kept) */
    size_t trail_len, trail_cap;
    size_t trail_max;               /* points kept; the oldest half is dropped beyond */
    unsigned long trail_first_step; /* step number of trail[0] */
} walker;

/* Starts on s at its default θ0 and η, descending, keeping at most trail_max points. False
 * only if out of memory. */
bool walker_init(walker *w, const optimizer_type *type, const surface *s, size_t trail_max);
void walker_free(walker *w);

/* θ, start and η become the surface's defaults; the trail and the optimizer's state restart. */
void walker_set_surface(walker *w, const surface *s);
/* Sets the start θ0 and resets there. False if not finite. */
bool walker_set_start(walker *w, double x, double y);
/* Moves θ without stepping; the trail keeps what it had and starts a new segment there. */
bool walker_set_theta(walker *w, double x, double y);
/* False, and η unchanged, unless eta is finite and > 0. */
bool walker_set_eta(walker *w, double eta);
void walker_set_ascend(walker *w, bool ascend);
/* θ back to the start, step 0, trail cleared, optimizer state cleared, status from ∇L. */
void walker_reset(walker *w);
/* Sets hyper-parameter `name` of the walker's optimizer. False if the type has none of that
 * name or value is not finite; the optimizer restarts from the current θ. */
bool walker_set_param(walker *w, const char *name, double value);
/* How many trail points to keep from now on (at least WALKER_TRAIL_MIN). */
void walker_set_trail_max(walker *w, size_t max);

/* The walker's θ as a point to analyse: its L and ∇L as stored, ∇²L evaluated. */
analysis_point walker_here(const walker *w);
/* What the optimizer sees at the walker's θ. */
optimizer_input walker_input(const walker *w);
/* The optimizer's next move from θ, without taking it. False when there is none. */
bool walker_preview(const walker *w, optimizer_move *out);
/* The same with another learning rate (for "what if η were ..." charts). */
bool walker_preview_eta(const walker *w, double eta, optimizer_move *out);
/* A step of length η along the unit direction u (the probe's step), as a move. */
optimizer_move walker_move_along(const walker *w, double ux, double uy);

/* One step of the walker's optimizer. Returns the new status. A minibatch walk on more than
 * WALKER_FULL_ROWS rows leaves the full L and ∇L stale at most steps (the convergence test is
 * made where they are evaluated: at the end of each epoch); call walker_sync before reading
 * loss, gradient or the last step's ΔL. */
walker_status walker_step(walker *w);
/* Evaluates what a minibatch step left stale: L and ∇L at θ (also put on the trail's last
 * point) and the last step's actual and predicted ΔL. Leaves θ, the status and the walk as
 * they are, so that when it is called never changes where the walk goes. */
void walker_sync(walker *w);
/* One step θ ← θ + η u along a unit direction u (the probe). */
walker_status walker_step_along(walker *w, double ux, double uy);

const char *walker_status_name(walker_status st);

#endif
