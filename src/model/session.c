// SPDX-License-Identifier: MIT
/* Layer: model. The session (see session.h). */
#include <math.h>
#include <string.h>

#include "steepest/session.h"

static walker *focused(session *ss)
{
    return &ss->walkers[ss->focus];
}

static void share_trail_budget(session *ss)
{
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_set_trail_max(&ss->walkers[i], SESSION_TRAIL_BUDGET / ss->n_walkers);
}

bool session_init(session *ss, const surface *s)
{
    memset(ss, 0, sizeof *ss);
    ss->surf = s;
    return session_add_walker(ss, optimizer_gd) == 0;
}

void session_free(session *ss)
{
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_free(&ss->walkers[i]);
    ss->n_walkers = 0;
    ss->focus = 0;
}

const walker *session_walker(const session *ss)
{
    return &ss->walkers[ss->focus];
}

int session_add_walker(session *ss, const optimizer_type *type)
{
    if (ss->n_walkers == SESSION_MAX_WALKERS)
        return -1;
    size_t share = SESSION_TRAIL_BUDGET / (ss->n_walkers + 1);
    if (!walker_init(&ss->walkers[ss->n_walkers], type, ss->surf, share))
        return -1;
    ss->focus = ss->n_walkers++;
    share_trail_budget(ss);
    return (int)ss->focus;
}

bool session_remove_walker(session *ss, size_t i)
{
    if (i >= ss->n_walkers || ss->n_walkers == 1)
        return false;
    walker_free(&ss->walkers[i]);
    memmove(&ss->walkers[i], &ss->walkers[i + 1], (ss->n_walkers - i - 1) * sizeof ss->walkers[0]);
    ss->n_walkers--;
    memset(&ss->walkers[ss->n_walkers], 0, sizeof ss->walkers[0]);
    if (ss->focus >= i && ss->focus > 0)
        ss->focus--;
    share_trail_budget(ss);
    return true;
}

void session_set_focus(session *ss, size_t i)
{
    if (i < ss->n_walkers)
        ss->focus = i;
}

void session_set_surface(session *ss, const surface *s)
{
    ss->surf = s;
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_set_surface(&ss->walkers[i], s);
}

bool session_set_start(session *ss, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return false;
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_set_start(&ss->walkers[i], x, y);
    return true;
}

bool session_set_theta(session *ss, double x, double y)
{
    return walker_set_theta(focused(ss), x, y);
}

bool session_set_eta(session *ss, double eta)
{
    return walker_set_eta(focused(ss), eta);
}

void session_set_ascend(session *ss, bool ascend)
{
    walker_set_ascend(focused(ss), ascend);
}

void session_reset(session *ss)
{
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_reset(&ss->walkers[i]);
}

walker_status session_step(session *ss)
{
    /* In a race a walker that has converged stops there, as in the batch race, so its step
     * count is the count to convergence; a lone walker steps on when asked (its |∇L| is
     * below the tolerance, rarely 0). */
    for (size_t i = 0; i < ss->n_walkers; i++)
        if (ss->walkers[i].status == WALKER_RUNNING || (i == ss->focus && ss->n_walkers == 1))
            walker_step(&ss->walkers[i]);
    return focused(ss)->status;
}

void session_sync(session *ss)
{
    for (size_t i = 0; i < ss->n_walkers; i++)
        walker_sync(&ss->walkers[i]);
}

walker_status session_step_along(session *ss, double ux, double uy)
{
    return walker_step_along(focused(ss), ux, uy);
}

bool session_running(const session *ss)
{
    for (size_t i = 0; i < ss->n_walkers; i++)
        if (ss->walkers[i].status == WALKER_RUNNING)
            return true;
    return false;
}

void session_tune_walker(session *ss, size_t i, const optspec *spec)
{
    if (i >= ss->n_walkers)
        return;
    walker *w = &ss->walkers[i];
    for (size_t k = 0; k < spec->type->n_params && k < OPTIMIZER_MAX_PARAMS; k++)
        if (spec->param_given[k])
            walker_set_param(w, spec->type->param_names[k], spec->params[k]);
    if (spec->eta_given)
        walker_set_eta(w, spec->eta);
    if (spec->start_given)
        walker_set_start(w, spec->start_x, spec->start_y);
}

bool session_set_walkers(session *ss, const optspec *specs, size_t n)
{
    if (n == 0 || n > SESSION_MAX_WALKERS)
        return false;
    session fresh;
    memset(&fresh, 0, sizeof fresh);
    fresh.surf = ss->surf;
    for (size_t i = 0; i < n; i++) {
        if (session_add_walker(&fresh, specs[i].type) < 0) {
            session_free(&fresh);
            return false;
        }
        session_tune_walker(&fresh, i, &specs[i]);
    }
    fresh.focus = 0;
    session_free(ss);
    *ss = fresh;
    return true;
}
