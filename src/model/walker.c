// SPDX-License-Identifier: MIT
/* Layer: model. A walker (see walker.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/fit.h"
#include "steepest/walker.h"

static void evaluate_here(walker *w)
{
    double g[2];
    surface_eval(w->surf, w->x, w->y, &w->loss, g, NULL);
    w->gx = g[0];
    w->gy = g[1];
    w->gnorm = hypot(g[0], g[1]);
    w->stale = false;
}

static void status_from_gradient(walker *w)
{
    w->status = w->gnorm < WALKER_GRAD_TOL ? WALKER_CONVERGED : WALKER_RUNNING;
    w->refused = w->unbounded = false;
    w->away_steps = 0;
}

/* Box sizes from the centre of the surface's box (the larger of the two axes). */
static double boxes_away(const surface *s, double x, double y)
{
    double size = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    double cx = 0.5 * (s->xmin + s->xmax), cy = 0.5 * (s->ymin + s->ymax);
    return fmax(fabs(x - cx), fabs(y - cy)) / size;
}

static void restart_optimizer(walker *w)
{
    if (w->ready)
        w->type->free(w->state);
    if (w->state)
        memset(w->state, 0, w->type->state_size);
    optimizer_input in = walker_input(w);
    w->ready = w->type->init(w->state, &in);
}

static void trail_push(walker *w, bool jump)
{
    if (w->trail_len >= w->trail_max && w->trail_len >= 2) {
        /* Keep the newest half: a long play must not grow without bound. */
        size_t keep = w->trail_max / 2, drop = w->trail_len - keep;
        memmove(w->trail, w->trail + drop, keep * sizeof w->trail[0]);
        w->trail_len = keep;
        w->trail_first_step += drop;
    }
    if (w->trail_len == w->trail_cap) {
        size_t cap = w->trail_cap ? w->trail_cap * 2 : 256;
        if (cap > w->trail_max)
            cap = w->trail_max;
        walker_point *p = cap > w->trail_cap ? realloc(w->trail, cap * sizeof *p) : NULL;
        if (!p)
            return; /* the walk goes on; only its picture is shorter */
        w->trail = p;
        w->trail_cap = cap;
    }
    w->trail[w->trail_len++] = (walker_point){w->x, w->y, w->stale ? NAN : w->loss, NAN, jump};
}

static void trail_restart(walker *w)
{
    w->trail_len = 0;
    w->trail_first_step = w->step;
    trail_push(w, false);
}

bool walker_init(walker *w, const optimizer_type *type, const surface *s, size_t trail_max)
{
    memset(w, 0, sizeof *w);
    w->type = type;
    w->trail_max = trail_max < WALKER_TRAIL_MIN ? WALKER_TRAIL_MIN : trail_max;
    w->trail_cap = 256;
    w->trail = malloc(w->trail_cap * sizeof *w->trail);
    w->state = type->state_size ? calloc(1, type->state_size) : NULL;
    if (!w->trail || (type->state_size && !w->state)) {
        free(w->trail);
        free(w->state);
        memset(w, 0, sizeof *w);
        return false;
    }
    for (size_t k = 0; k < type->n_params && k < OPTIMIZER_MAX_PARAMS; k++)
        w->params[k] = type->param_defaults[k];
    walker_set_surface(w, s);
    return true;
}

void walker_free(walker *w)
{
    if (w->type && w->ready)
        w->type->free(w->state);
    free(w->state);
    free(w->trail);
    memset(w, 0, sizeof *w);
}

bool walker_set_param(walker *w, const char *name, double value)
{
    if (!isfinite(value))
        return false;
    for (size_t k = 0; k < w->type->n_params && k < OPTIMIZER_MAX_PARAMS; k++)
        if (strcmp(w->type->param_names[k], name) == 0) {
            w->params[k] = value;
            restart_optimizer(w);
            return true;
        }
    return false;
}

void walker_set_trail_max(walker *w, size_t max)
{
    w->trail_max = max < WALKER_TRAIL_MIN ? WALKER_TRAIL_MIN : max;
    if (w->trail_cap > w->trail_max && w->trail_len <= w->trail_max) {
        walker_point *p = realloc(w->trail, w->trail_max * sizeof *p);
        if (p) {
            w->trail = p;
            w->trail_cap = w->trail_max;
        }
    }
}

void walker_set_surface(walker *w, const surface *s)
{
    w->surf = s;
    w->start_x = s->start_x;
    w->start_y = s->start_y;
    /* A type with its own scale (Newton's η = 1) starts there, the others at the surface's. */
    w->eta = w->type->eta > 0 ? w->type->eta : s->eta;
    walker_reset(w);
}

void walker_reset(walker *w)
{
    w->x = w->start_x;
    w->y = w->start_y;
    w->step = 0;
    w->evals = 0;
    w->has_last = w->last_pending = false;
    evaluate_here(w);
    restart_optimizer(w);
    status_from_gradient(w);
    trail_restart(w);
}

bool walker_set_start(walker *w, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return false;
    w->start_x = x;
    w->start_y = y;
    walker_reset(w);
    return true;
}

bool walker_set_theta(walker *w, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return false;
    w->x = x;
    w->y = y;
    w->has_last = w->last_pending = false;
    evaluate_here(w);
    restart_optimizer(w); /* a new segment: what the optimizer learnt belongs to the old one */
    if (!isfinite(w->loss) || !isfinite(w->gnorm))
        w->status = WALKER_DIVERGED;
    else
        status_from_gradient(w);
    trail_push(w, true);
    return true;
}

bool walker_set_eta(walker *w, double eta)
{
    if (!isfinite(eta) || eta <= 0)
        return false;
    w->eta = eta;
    /* A smaller η is the cure for divergence: let the walk go on from where it stopped. */
    if (w->status == WALKER_DIVERGED)
        status_from_gradient(w);
    return true;
}

void walker_set_ascend(walker *w, bool ascend)
{
    w->ascend = ascend;
    if (w->status == WALKER_DIVERGED)
        status_from_gradient(w);
}

analysis_point walker_here(const walker *w)
{
    analysis_point p = {w->x, w->y, w->loss, w->gx, w->gy, w->gnorm, {0, 0, 0}};
    surface_eval(w->surf, w->x, w->y, NULL, NULL, p.h);
    return p;
}

optimizer_input walker_input(const walker *w)
{
    optimizer_input in = {w->surf,  w->x,   w->y,      w->loss, w->gx,    w->gy,
                          w->gnorm, w->eta, w->ascend, w->step, w->params};
    return in;
}

bool walker_preview(const walker *w, optimizer_move *out)
{
    if (!w->ready)
        return false;
    optimizer_input in = walker_input(w);
    return w->type->preview(w->state, &in, out);
}

bool walker_preview_eta(const walker *w, double eta, optimizer_move *out)
{
    if (!w->ready)
        return false;
    optimizer_input in = walker_input(w);
    in.eta = eta;
    return w->type->preview(w->state, &in, out);
}

optimizer_move walker_move_along(const walker *w, double ux, double uy)
{
    optimizer_move m = {w->eta * ux, w->eta * uy, w->eta * (ux * w->gx + uy * w->gy), 1, NULL};
    return m;
}

static bool out_of_bounds(const surface *s, double x, double y)
{
    double size = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    double cx = 0.5 * (s->xmin + s->xmax), cy = 0.5 * (s->ymin + s->ymax);
    double bound = WALKER_BOUND_FACTOR * size;
    return !(fabs(x - cx) <= bound && fabs(y - cy) <= bound);
}

/* Moves θ by m, or refuses and turns diverged. True when the move was taken. */
static bool move_by(walker *w, const optimizer_move *m)
{
    double nx = w->x + m->dx, ny = w->y + m->dy, f, g[2];
    surface_eval(w->surf, nx, ny, &f, g, NULL);
    if (!isfinite(nx) || !isfinite(ny) || !isfinite(f) || !isfinite(g[0]) || !isfinite(g[1]) ||
        out_of_bounds(w->surf, nx, ny)) {
        w->attempt = (walker_attempt){nx, ny, f, g[0], g[1], m->predicted};
        w->status = WALKER_DIVERGED;
        w->refused = true;
        /* Going the walk's own way (down when descending) yet refused: L is unbounded. */
        /* A landing with no number (θ overflowed, L is NaN there) says nothing of L. */
        bool known = isfinite(nx) && isfinite(ny) && !isnan(f);
        w->unbounded = known && (w->ascend ? f >= w->loss : f <= w->loss);
        return false;
    }
    /* The early rule: steps that carry θ outward while |L| grows, several in a row, far
     * outside the box. Oscillating or settling walks (rosenbrock's valley floor, a plateau)
     * never take five such steps in a row out there. */
    bool outward = boxes_away(w->surf, nx, ny) > boxes_away(w->surf, w->x, w->y);
    w->away_steps = outward && fabs(f) > fabs(w->loss) ? w->away_steps + 1 : 0;
    w->last_delta = f - w->loss;
    w->last_predicted = m->predicted;
    w->has_last = true;
    w->last_pending = w->stale = false;
    w->x = nx;
    w->y = ny;
    w->loss = f;
    w->gx = g[0];
    w->gy = g[1];
    w->gnorm = hypot(g[0], g[1]);
    w->step++;
    trail_push(w, false);
    unsigned away = w->away_steps;
    status_from_gradient(w);
    w->away_steps = away;
    if (away >= WALKER_AWAY_STEPS && boxes_away(w->surf, nx, ny) > WALKER_AWAY_BOXES) {
        w->status = WALKER_DIVERGED;
        w->unbounded = w->ascend ? !(w->last_delta < 0) : !(w->last_delta > 0);
    }
    return true;
}

/* A minibatch step (sgd, B < N) on more than WALKER_FULL_ROWS rows may skip the full L and
 * ∇L: unless it is the last step of an epoch (where they are due whoever watches, so the walk
 * is the same), or it would land outside the surface's box or on a non-finite θ. Outside the
 * box every step is a full one, so the early divergence rule counts the outward steps there
 * as it does for every walker (those inside the box, which it would count too, are not seen:
 * a walk blowing up is stopped a few steps later than with every step evaluated). */
static bool may_skip_full(const walker *w, const optimizer_batch *ob, const optimizer_move *m)
{
    if (ob->rows <= WALKER_FULL_ROWS || ob->index >= ob->batches)
        return false;
    double nx = w->x + m->dx, ny = w->y + m->dy;
    return isfinite(nx) && isfinite(ny) && boxes_away(w->surf, nx, ny) <= 0.5;
}

/* Moves θ by m without evaluating L or ∇L there: the status stays what the last full
 * evaluation said; ΔL waits for walker_sync. */
static void move_without_full(walker *w, const optimizer_move *m)
{
    w->prev_x = w->x;
    w->prev_y = w->y;
    w->last_dx = m->dx;
    w->last_dy = m->dy;
    w->x += m->dx;
    w->y += m->dy;
    w->step++;
    w->has_last = w->stale = w->last_pending = true;
    w->last_delta = w->last_predicted = NAN;
    w->away_steps = 0;
    trail_push(w, false);
}

void walker_sync(walker *w)
{
    if (w->stale) {
        evaluate_here(w);
        walker_point *p = w->trail_len > 0 ? &w->trail[w->trail_len - 1] : NULL;
        if (p && p->x == w->x && p->y == w->y && isnan(p->loss))
            p->loss = w->loss;
    }
    if (w->last_pending) {
        double f, g[2];
        surface_eval(w->surf, w->prev_x, w->prev_y, &f, g, NULL);
        w->last_delta = w->loss - f;
        w->last_predicted = g[0] * w->last_dx + g[1] * w->last_dy; /* as sgd's preview says */
        w->last_pending = false;
    }
}

walker_status walker_step(walker *w)
{
    if (w->status == WALKER_DIVERGED)
        return w->status;
    /* The state advances only with a step taken: a refused step leaves it as it was, so
     * lowering η and stepping again starts from the same state. */
    optimizer_move m;
    if (!walker_preview(w, &m))
        return w->status;
    optimizer_batch ob;
    bool minibatch = optimizer_batch_of(w->type, w->state, &ob) && ob.batch < ob.rows;
    double batch_loss = NAN;
    if (minibatch &&
        !fit_eval_rows(w->surf, ob.next, ob.next_n, w->x, w->y, &batch_loss, NULL, NULL))
        batch_loss = NAN;
    bool skip = minibatch && may_skip_full(w, &ob, &m);
    if (!skip && (w->stale || w->last_pending)) {
        walker_sync(w); /* the full step compares with L and ∇L where it starts */
        if (!walker_preview(w, &m))
            return w->status;
    }
    optimizer_input in = walker_input(w);
    size_t before = w->trail_len;
    unsigned long first = w->trail_first_step;
    bool moved = true;
    if (skip)
        move_without_full(w, &m);
    else
        moved = move_by(w, &m);
    if (moved) {
        if (w->trail_len > 0 && (w->trail_len != before || w->trail_first_step != first))
            w->trail[w->trail_len - 1].batch_loss = batch_loss;
        w->type->step(w->state, &in, &m);
        w->evals += m.evals;
        w->last_along = false;
    }
    return w->status;
}

walker_status walker_step_along(walker *w, double ux, double uy)
{
    if (w->status == WALKER_DIVERGED)
        return w->status;
    walker_sync(w);
    optimizer_move m = walker_move_along(w, ux, uy);
    if (move_by(w, &m)) {
        w->evals += m.evals;
        w->last_along = true;
        restart_optimizer(w); /* a step the optimizer did not choose: its memory is stale */
    }
    return w->status;
}

const char *walker_status_name(walker_status st)
{
    switch (st) {
    case WALKER_RUNNING:
        return "running";
    case WALKER_CONVERGED:
        return "converged";
    case WALKER_DIVERGED:
        return "diverged";
    }
    return "?";
}
