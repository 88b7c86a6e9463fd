/* Layer: model. Optimizer types: how a walker chooses its next step, as const "type"
 * objects in the style of GSL's gsl_multimin_fdfminimizer_type. A type holds no data; the
 * walker owns a block of `state_size` bytes for it.
 *
 * `preview` says where the next step goes without changing anything; `step` takes that very
 * step and updates the state for the one after. For the same state and input the two give
 * the same move, bit for bit: the landing mark, the panel's prediction and the trace all
 * call preview, so what is shown is what happens. Nothing outside an optimizer computes
 * where a step lands. */
#ifndef STEEPEST_OPTIMIZER_H
#define STEEPEST_OPTIMIZER_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/surface.h"

#define OPTIMIZER_MAX_PARAMS 4

/* What an optimizer sees at θ. */
typedef struct {
    const surface *surf;
    double x, y;     /* θ */
    double loss;     /* L(θ) */
    double gx, gy;   /* ∇L(θ) */
    double gnorm;    /* |∇L(θ)| */
    double eta;      /* the learning rate */
    bool ascend;     /* step uphill (+) instead of downhill (−) */
    unsigned long t; /* steps taken so far */
} optimizer_input;

/* A step: θ ← θ + (dx, dy), and its first-order change of L, ∇Lᵀ(dx, dy). */
typedef struct {
    double dx, dy;
    double predicted;
    unsigned evals; /* evaluations of L and ∇L the step costs (1 for a plain gradient step) */
} optimizer_move;

typedef struct optimizer_type {
    const char *name;
    size_t state_size; /* bytes of state a walker allocates (0: none) */
    /* Hyper-parameters (momentum's mu, ...): names for NAME:key=value and their defaults. */
    size_t n_params;
    const char *const *param_names;
    const double *param_defaults;
    /* Clears the state to "no step taken yet" at the input's θ. False if it cannot start
     * (out of memory); the walker then refuses to step. */
    bool (*init)(void *state, const optimizer_input *in);
    /* The next move, without side effects. False when there is none to take. */
    bool (*preview)(const void *state, const optimizer_input *in, optimizer_move *out);
    /* The same move as preview, with the state advanced past it. */
    bool (*step)(void *state, const optimizer_input *in, optimizer_move *out);
    /* Releases anything the state points to (not the state block itself). */
    void (*free)(void *state);
} optimizer_type;

/* Plain gradient descent: θ ← θ − η∇L (θ + η∇L when ascending). */
extern const optimizer_type *const optimizer_gd;

/* The built-in types, for lookup by name. */
size_t optimizer_count(void);
const optimizer_type *optimizer_at(size_t i);
const optimizer_type *optimizer_find(const char *name);

#endif
