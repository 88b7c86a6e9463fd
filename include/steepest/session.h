// SPDX-License-Identifier: MIT
/* Layer: model. A session: one surface and the walkers on it (one or more, each an optimizer
 * with its own θ, η, trail and status), and one of them in focus. Every user action is a
 * plain function here: the keyboard, batch mode, demo scripts and tests call the same ones.
 * Actions that shape the walk (η, direction, moving θ, the probe's step) apply to the walker
 * in focus; the surface, the start, reset and a step apply to every walker. Calls walkers,
 * optimizers and surfaces, nothing above. */
#ifndef STEEPEST_SESSION_H
#define STEEPEST_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/optimizer.h"
#include "steepest/optspec.h"
#include "steepest/surface.h"
#include "steepest/walker.h"

#define SESSION_MAX_WALKERS 16
/* Trail points kept over all walkers together (32 bytes each), shared out evenly: one
 * walker keeps 65536, eight keep 8192 each, so memory stays bounded however long they run. */
#define SESSION_TRAIL_BUDGET 65536

typedef struct session {
    const surface *surf;
    walker walkers[SESSION_MAX_WALKERS];
    size_t n_walkers;
    size_t focus; /* index of the walker in focus */
} session;

/* Starts on s with one gradient-descent walker at the surface's defaults. False only if out
 * of memory. */
bool session_init(session *ss, const surface *s);
void session_free(session *ss);

/* The walker in focus (there is always one). */
const walker *session_walker(const session *ss);
/* Adds a walker of this type on the session's surface with its defaults and focuses it.
 * Returns its index, or -1 when there are SESSION_MAX_WALKERS already or memory ran out. */
int session_add_walker(session *ss, const optimizer_type *type);
/* Makes the walkers those of specs (1..SESSION_MAX_WALKERS), each on the session's surface
 * with its defaults and then what its spec gives: η (else the type's own, else the
 * surface's), start, hyper-parameters. False (the session unchanged) if out of memory. */
bool session_set_walkers(session *ss, const optspec *specs, size_t n);
/* Applies one spec's given values (η, start, hyper-parameters) to walker i. */
void session_tune_walker(session *ss, size_t i, const optspec *spec);
/* Removes walker i unless it is the last one. */
bool session_remove_walker(session *ss, size_t i);
void session_set_focus(session *ss, size_t i);

/* Switches surface: every walker takes the new surface's defaults; trails restart. */
void session_set_surface(session *ss, const surface *s);
/* Sets the start θ0 of every walker and resets them there. False if not finite. */
bool session_set_start(session *ss, double x, double y);
/* Moves the focused walker's θ without stepping. */
bool session_set_theta(session *ss, double x, double y);
/* The focused walker's η; false, and η unchanged, unless eta is finite and > 0. */
bool session_set_eta(session *ss, double eta);
void session_set_ascend(session *ss, bool ascend);
/* Every walker back to its start. */
void session_reset(session *ss);

/* One step of every walker still running (a lone walker steps even when converged). Returns
 * the focused walker's status. */
walker_status session_step(session *ss);
/* walker_sync for every walker: call after steps, before reading their numbers. */
void session_sync(session *ss);
/* The probe: one step of the focused walker along the unit direction u. */
walker_status session_step_along(session *ss, double ux, double uy);
/* True while some walker is still running. */
bool session_running(const session *ss);

#endif
