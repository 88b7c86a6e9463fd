#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/session.h"

static void evaluate_here(session *ss)
{
    double g[2];
    surface_eval(ss->surf, ss->x, ss->y, &ss->loss, g, NULL);
    ss->gx = g[0];
    ss->gy = g[1];
    ss->gnorm = hypot(g[0], g[1]);
}

static void status_from_gradient(session *ss)
{
    ss->status = ss->gnorm < SESSION_GRAD_TOL ? SESSION_CONVERGED : SESSION_RUNNING;
}

static void trail_push(session *ss, bool jump)
{
    if (ss->trail_len == ss->trail_cap) {
        if (ss->trail_cap >= SESSION_TRAIL_MAX) {
            /* Keep the newest half: a long play must not grow without bound. */
            size_t drop = ss->trail_len / 2;
            memmove(ss->trail, ss->trail + drop, (ss->trail_len - drop) * sizeof ss->trail[0]);
            ss->trail_len -= drop;
            ss->trail_first_step += drop;
        } else {
            size_t cap = ss->trail_cap ? ss->trail_cap * 2 : 256;
            if (cap > SESSION_TRAIL_MAX)
                cap = SESSION_TRAIL_MAX;
            session_point *p = realloc(ss->trail, cap * sizeof *p);
            if (!p)
                return; /* the walk goes on; only its picture is shorter */
            ss->trail = p;
            ss->trail_cap = cap;
        }
    }
    ss->trail[ss->trail_len++] = (session_point){ss->x, ss->y, ss->loss, jump};
}

static void trail_restart(session *ss)
{
    ss->trail_len = 0;
    ss->trail_first_step = ss->step;
    trail_push(ss, false);
}

bool session_init(session *ss, const surface *s)
{
    memset(ss, 0, sizeof *ss);
    ss->trail_cap = 256;
    ss->trail = malloc(ss->trail_cap * sizeof *ss->trail);
    if (!ss->trail)
        return false;
    session_set_surface(ss, s);
    return true;
}

void session_free(session *ss)
{
    free(ss->trail);
    ss->trail = NULL;
    ss->trail_len = ss->trail_cap = 0;
}

void session_set_surface(session *ss, const surface *s)
{
    ss->surf = s;
    ss->start_x = s->start_x;
    ss->start_y = s->start_y;
    ss->eta = s->eta;
    session_reset(ss);
}

void session_reset(session *ss)
{
    ss->x = ss->start_x;
    ss->y = ss->start_y;
    ss->step = 0;
    ss->has_last = false;
    evaluate_here(ss);
    status_from_gradient(ss);
    trail_restart(ss);
}

bool session_set_start(session *ss, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return false;
    ss->start_x = x;
    ss->start_y = y;
    session_reset(ss);
    return true;
}

bool session_set_theta(session *ss, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return false;
    ss->x = x;
    ss->y = y;
    ss->has_last = false;
    evaluate_here(ss);
    if (!isfinite(ss->loss) || !isfinite(ss->gnorm))
        ss->status = SESSION_DIVERGED;
    else
        status_from_gradient(ss);
    trail_push(ss, true);
    return true;
}

bool session_set_eta(session *ss, double eta)
{
    if (!isfinite(eta) || eta <= 0)
        return false;
    ss->eta = eta;
    /* A smaller η is the cure for divergence: let the walk go on from where it stopped. */
    if (ss->status == SESSION_DIVERGED)
        status_from_gradient(ss);
    return true;
}

void session_set_ascend(session *ss, bool ascend)
{
    ss->ascend = ascend;
    if (ss->status == SESSION_DIVERGED)
        status_from_gradient(ss);
}

static bool out_of_bounds(const session *ss, double x, double y)
{
    const surface *s = ss->surf;
    double size = fmax(s->xmax - s->xmin, s->ymax - s->ymin);
    double cx = 0.5 * (s->xmin + s->xmax), cy = 0.5 * (s->ymin + s->ymax);
    double bound = SESSION_BOUND_FACTOR * size;
    return !(fabs(x - cx) <= bound && fabs(y - cy) <= bound);
}

/* Moves θ to θ + (dx, dy), or refuses and turns diverged. `predicted` is the first-order ΔL. */
static session_status move_by(session *ss, double dx, double dy, double predicted)
{
    if (ss->status == SESSION_DIVERGED)
        return ss->status;
    double nx = ss->x + dx, ny = ss->y + dy, f, g[2];
    surface_eval(ss->surf, nx, ny, &f, g, NULL);
    if (!isfinite(nx) || !isfinite(ny) || !isfinite(f) || !isfinite(g[0]) || !isfinite(g[1]) ||
        out_of_bounds(ss, nx, ny)) {
        ss->attempt = (session_attempt){nx, ny, f, g[0], g[1]};
        ss->status = SESSION_DIVERGED;
        return ss->status;
    }
    ss->last_delta = f - ss->loss;
    ss->last_predicted = predicted;
    ss->has_last = true;
    ss->x = nx;
    ss->y = ny;
    ss->loss = f;
    ss->gx = g[0];
    ss->gy = g[1];
    ss->gnorm = hypot(g[0], g[1]);
    ss->step++;
    trail_push(ss, false);
    status_from_gradient(ss);
    return ss->status;
}

session_status session_step(session *ss)
{
    double sign = ss->ascend ? 1 : -1;
    double predicted = sign * ss->eta * ss->gnorm * ss->gnorm;
    return move_by(ss, sign * ss->eta * ss->gx, sign * ss->eta * ss->gy, predicted);
}

session_status session_step_along(session *ss, double ux, double uy)
{
    double predicted = ss->eta * (ux * ss->gx + uy * ss->gy);
    return move_by(ss, ss->eta * ux, ss->eta * uy, predicted);
}

const char *session_status_name(session_status st)
{
    switch (st) {
    case SESSION_RUNNING:
        return "running";
    case SESSION_CONVERGED:
        return "converged";
    case SESSION_DIVERGED:
        return "diverged";
    }
    return "?";
}
