// SPDX-License-Identifier: MIT
/* Layer: model. Optimizer types: how a walker chooses its next step, as const "type"
 * objects in the style of GSL's gsl_multimin_fdfminimizer_type. A type holds no data; the
 * walker owns a block of `state_size` bytes for it.
 *
 * `preview` says where the next step goes without changing anything; `step` takes that very
 * step and updates the state for the one after. For the same state and input the two give
 * the same move, bit for bit: the landing mark, the panel's prediction and the trace all
 * call preview, so what is shown is what happens. Nothing outside an optimizer computes
 * where a step lands.
 *
 * The types, with g = ∇L(θ), state starting at zero and t = 1, 2, ... the steps since init:
 *
 *   gd         θ ← θ − ηg
 *   momentum   v ← μv + g;  θ ← θ − ηv                                        mu = 0.9
 *   nesterov   v ← μv + g;  θ ← θ − η(g + μv)                                 mu = 0.9
 *   adagrad    G ← G + g²;  θ ← θ − ηg / (√G + ε)                             eps = 1e-10
 *   rmsprop    s ← αs + (1 − α)g²;  θ ← θ − ηg / (√s + ε)         alpha = 0.99, eps = 1e-8
 *   adam       m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
 *              θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *                                                     beta1 = 0.9, beta2 = 0.999, eps = 1e-8
 *   newton     θ ← θ − η (∇²L)⁻¹ g                                        η starts at 1
 *   gsl-sd, gsl-cg-fr, gsl-cg-pr, gsl-bfgs2
 *              one gsl_multimin_fdfminimizer_iterate of steepest_descent, conjugate_fr,
 *              conjugate_pr, vector_bfgs2
 *   sgd        θ ← θ − η g_B, g_B the gradient over the next minibatch of B training rows
 *              of a model on data (fit_eval_rows), the rows shuffled each epoch by a
 *              generator seeded with `seed`                         batch = 32, seed = 1
 *              On a surface that is not a model on data, and whenever B >= N, it is gd.
 *
 * Squares, roots and quotients are per coordinate. A hyper-parameter's value is whatever
 * finite number it is set to: μ = 1 (no damping) or ε = 0 are lessons, not errors.
 *
 * Ascending (in->ascend): gd, momentum, nesterov, adagrad, rmsprop and adam run the same
 * rule on −g, so their memory accumulates the ascent direction. Newton and the GSL types
 * have no uphill version (Newton's step goes to the nearest stationary point whichever way
 * is up; GSL only minimizes), so their preview returns false while ascending and the walker
 * does not step: `can_ascend` says which.
 *
 * Evaluations (optimizer_move.evals), so that a race compares cost and not only steps:
 * each evaluation of L and ∇L together counts 1, as do L alone, ∇L alone and ∇²L. The
 * first-order types cost 1 (the gradient at the point they land on, which the walker
 * evaluates). Newton costs 2: that gradient, and the Hessian at θ it inverts. A GSL type
 * costs the calls of f, df and fdf that its iteration made (a line search makes several).
 * Nobody counts the evaluation at the start θ0, which every type needs before its first
 * step, so n gd steps cost n.
 *
 * Newton notes: where ∇²L is not positive definite Newton's step still goes to the
 * stationary point of the local quadratic, which is then a saddle or a maximum; the move
 * carries OPTIMIZER_NOTE_SADDLE (∇²L indefinite) or OPTIMIZER_NOTE_MAXIMUM (negative
 * definite) in `note`. Where ∇²L is singular there is no Newton step: preview is false.
 *
 * The GSL types run GSL's own minimizer, with GSL's own adaptive step, so η only says how
 * it starts: GSL is started at θ (at init, and again whenever in->eta differs from the η it
 * was started with) with a first trial step η|∇L(θ)| long, the length of gd's step there,
 * and line-search tolerance 0.1 (GSL's advice for all four). So changing η restarts GSL
 * from the walker's θ, and a preview at another η (the panel's "what if η were ...")
 * shows the first step of GSL restarted with it. Before GSL sees L, a non-finite L becomes
 * +∞, so a line search treats an overflow as "too far" (GSL's steepest descent accepts a
 * NaN trial point otherwise; its conjugate gradients, interpolating with +∞, give up with
 * GSL_ENOPROG instead, and a smaller η lets them start). When GSL's iteration fails
 * (GSL_ENOPROG: at the optimum, or where rounding leaves no downhill step) preview returns
 * false: the walker stays where it is, and its own test |∇L| < WALKER_GRAD_TOL says
 * whether that is convergence.
 *
 * How preview stays free of side effects for GSL, whose state is opaque and cannot be
 * copied: the type keeps two minimizers in lockstep, started identically, B always one
 * iteration ahead of A. Preview reads B's θ; step iterates A (which, being deterministic,
 * lands exactly where B is) and then B once more. The move is B's θ minus the walker's θ
 * (not A's), so that any rounding in θ + (B − θ) never accumulates. The cost: GSL runs
 * every iteration twice (evals counts one of them). */
#ifndef STEEPEST_OPTIMIZER_H
#define STEEPEST_OPTIMIZER_H

#include <stdbool.h>
#include <stddef.h>

#include "steepest/surface.h"

#define OPTIMIZER_MAX_PARAMS 4 /* adam's beta1, beta2, eps and one spare */

#define OPTIMIZER_NOTE_SADDLE  "Newton heads for a saddle here"
#define OPTIMIZER_NOTE_MAXIMUM "Newton heads for a maximum here"

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
    /* The type's n_params hyper-parameters in param_names' order, or NULL for its defaults.
     * Read by init only: a new value takes effect when the type restarts. */
    const double *params;
} optimizer_input;

/* A step: θ ← θ + (dx, dy), and its first-order change of L, ∇Lᵀ(dx, dy). */
typedef struct {
    double dx, dy;
    double predicted;
    unsigned evals;   /* evaluations of L and ∇L the step costs (1 for a plain gradient step) */
    const char *note; /* NULL, or a warning about this step (OPTIMIZER_NOTE_...) */
} optimizer_move;

typedef struct optimizer_type {
    const char *name;
    size_t state_size; /* bytes of state a walker allocates (0: none) */
    /* Hyper-parameters (momentum's mu, ...): names for NAME:key=value and their defaults. */
    size_t n_params;
    const char *const *param_names;
    const double *param_defaults;
    double eta;      /* the learning rate a walker starts with; 0: the surface's */
    bool can_ascend; /* false: preview refuses while in->ascend */
    /* Clears the state to "no step taken yet" at the input's θ. False if it cannot start
     * (out of memory); the walker then refuses to step, and does not call free. */
    bool (*init)(void *state, const optimizer_input *in);
    /* The next move, without side effects. False when there is none to take. */
    bool (*preview)(const void *state, const optimizer_input *in, optimizer_move *out);
    /* The same move as preview, with the state advanced past it; false, and the state
     * unchanged, when preview would be false. */
    bool (*step)(void *state, const optimizer_input *in, optimizer_move *out);
    /* Releases anything the state points to (not the state block itself). */
    void (*free)(void *state);
} optimizer_type;

/* Plain gradient descent: θ ← θ − η∇L (θ + η∇L when ascending). */
extern const optimizer_type *const optimizer_gd;
extern const optimizer_type *const optimizer_momentum;
extern const optimizer_type *const optimizer_nesterov;
extern const optimizer_type *const optimizer_adagrad;
extern const optimizer_type *const optimizer_rmsprop;
extern const optimizer_type *const optimizer_adam;
extern const optimizer_type *const optimizer_newton;
extern const optimizer_type *const optimizer_gsl_sd;
extern const optimizer_type *const optimizer_gsl_cg_fr;
extern const optimizer_type *const optimizer_gsl_cg_pr;
extern const optimizer_type *const optimizer_gsl_bfgs2;
extern const optimizer_type *const optimizer_sgd;

/* Where an sgd walker is in its data: epoch (1, 2, ...), the next batch's number in the epoch
 * (1..batches), B and N, and the rows of the next batch. */
typedef struct {
    unsigned long epoch;
    size_t index, batches;
    size_t batch, rows;
    const size_t *next;
    size_t next_n;
} optimizer_batch;

/* False unless type is sgd on a model on data with its state initialised. */
bool optimizer_batch_of(const optimizer_type *type, const void *state, optimizer_batch *out);

/* The built-in types, for lookup by name, in the order above. */
size_t optimizer_count(void);
const optimizer_type *optimizer_at(size_t i);
const optimizer_type *optimizer_find(const char *name);
/* Index of hyper-parameter `name` of type t, or -1. */
int optimizer_param_index(const optimizer_type *t, const char *name);

#endif
