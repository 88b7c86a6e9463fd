// SPDX-License-Identifier: MIT
/* Layer: model. The optimizer types (see optimizer.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "steepest/fit.h"
#include "steepest/optimizer.h"

/* ---- gd: plain gradient descent, no state ------------------------------------------------ */

static bool gd_init(void *state, const optimizer_input *in)
{
    (void)state;
    (void)in;
    return true;
}

static bool gd_preview(const void *state, const optimizer_input *in, optimizer_move *out)
{
    (void)state;
    double sign = in->ascend ? 1 : -1;
    out->dx = sign * in->eta * in->gx;
    out->dy = sign * in->eta * in->gy;
    /* ∇Lᵀd = ∓η|∇L|², written so as to round the same way the panel always has. */
    out->predicted = sign * in->eta * in->gnorm * in->gnorm;
    out->evals = 1;
    out->note = NULL;
    return true;
}

static bool gd_step(void *state, const optimizer_input *in, optimizer_move *out)
{
    return gd_preview(state, in, out);
}

static void gd_free(void *state)
{
    (void)state;
}

static const optimizer_type gd_type = {
    .name = "gd",
    .can_ascend = true,
    .init = gd_init,
    .preview = gd_preview,
    .step = gd_step,
    .free = gd_free,
};

/* ---- First-order types with memory: momentum, nesterov, adagrad, rmsprop, adam -----------
 *
 * Each is one pure function `advance` from (state, input) to (next state, move). Preview
 * calls it and drops the next state; step calls it and keeps it: the two cannot disagree. */

typedef struct {
    double p[OPTIMIZER_MAX_PARAMS]; /* hyper-parameters, fixed at init */
    double a[2], b[2];              /* v, G, s, or adam's m (a) and v (b) */
    unsigned long t;                /* steps taken since init */
} fo_state;

typedef void (*fo_advance)(const fo_state *s, const double g[2], fo_state *next, double d[2]);

static bool fo_init(const optimizer_type *type, void *state, const optimizer_input *in)
{
    fo_state *s = state;
    memset(s, 0, sizeof *s);
    for (size_t k = 0; k < type->n_params; k++)
        s->p[k] = in->params ? in->params[k] : type->param_defaults[k];
    return true;
}

/* The update is written for descent on ĝ: ascending descends on −g. The move's prediction
 * uses the true g. */
static void fo_move(fo_advance advance, const fo_state *s, const optimizer_input *in,
                    fo_state *next, optimizer_move *out)
{
    double sign = in->ascend ? -1 : 1;
    double g[2] = {sign * in->gx, sign * in->gy}, d[2];
    *next = *s;
    next->t = s->t + 1;
    advance(s, g, next, d);
    out->dx = -in->eta * d[0];
    out->dy = -in->eta * d[1];
    out->predicted = in->gx * out->dx + in->gy * out->dy;
    out->evals = 1;
    out->note = NULL;
}

static bool fo_preview(fo_advance advance, const void *state, const optimizer_input *in,
                       optimizer_move *out)
{
    fo_state next;
    fo_move(advance, state, in, &next, out);
    return true;
}

static bool fo_step(fo_advance advance, void *state, const optimizer_input *in, optimizer_move *out)
{
    fo_state next;
    fo_move(advance, state, in, &next, out);
    *(fo_state *)state = next;
    return true;
}

static void fo_free(void *state)
{
    (void)state;
}

/* v ← μv + g; d = v. */
static void momentum_advance(const fo_state *s, const double g[2], fo_state *next, double d[2])
{
    for (int i = 0; i < 2; i++) {
        next->a[i] = s->p[0] * s->a[i] + g[i];
        d[i] = next->a[i];
    }
}

/* v ← μv + g; d = g + μv (with the new v: the gradient step, then the look-ahead). */
static void nesterov_advance(const fo_state *s, const double g[2], fo_state *next, double d[2])
{
    for (int i = 0; i < 2; i++) {
        next->a[i] = s->p[0] * s->a[i] + g[i];
        d[i] = g[i] + s->p[0] * next->a[i];
    }
}

/* G ← G + g²; d = g / (√G + ε). */
static void adagrad_advance(const fo_state *s, const double g[2], fo_state *next, double d[2])
{
    for (int i = 0; i < 2; i++) {
        next->a[i] = s->a[i] + g[i] * g[i];
        d[i] = g[i] / (sqrt(next->a[i]) + s->p[0]);
    }
}

/* s ← αs + (1 − α)g²; d = g / (√s + ε). */
static void rmsprop_advance(const fo_state *s, const double g[2], fo_state *next, double d[2])
{
    double alpha = s->p[0], eps = s->p[1];
    for (int i = 0; i < 2; i++) {
        next->a[i] = alpha * s->a[i] + (1 - alpha) * g[i] * g[i];
        d[i] = g[i] / (sqrt(next->a[i]) + eps);
    }
}

/* m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; d = m̂ / (√v̂ + ε), bias-corrected at t. */
static void adam_advance(const fo_state *s, const double g[2], fo_state *next, double d[2])
{
    double b1 = s->p[0], b2 = s->p[1], eps = s->p[2], t = (double)next->t;
    double c1 = 1 - pow(b1, t), c2 = 1 - pow(b2, t);
    for (int i = 0; i < 2; i++) {
        next->a[i] = b1 * s->a[i] + (1 - b1) * g[i];
        next->b[i] = b2 * s->b[i] + (1 - b2) * g[i] * g[i];
        d[i] = (next->a[i] / c1) / (sqrt(next->b[i] / c2) + eps);
    }
}

/* The type objects' entry points carry no "self", so each type gets its own three lines. */
#define FIRST_ORDER_TYPE(id, NAME, NAMES, DEFAULTS)                                                \
    static const optimizer_type id##_type;                                                         \
    static bool id##_init(void *state, const optimizer_input *in)                                  \
    {                                                                                              \
        return fo_init(&id##_type, state, in);                                                     \
    }                                                                                              \
    static bool id##_preview(const void *state, const optimizer_input *in, optimizer_move *out)    \
    {                                                                                              \
        return fo_preview(id##_advance, state, in, out);                                           \
    }                                                                                              \
    static bool id##_step(void *state, const optimizer_input *in, optimizer_move *out)             \
    {                                                                                              \
        return fo_step(id##_advance, state, in, out);                                              \
    }                                                                                              \
    static const optimizer_type id##_type = {                                                      \
        .name = NAME,                                                                              \
        .state_size = sizeof(fo_state),                                                            \
        .n_params = sizeof NAMES / sizeof NAMES[0],                                                \
        .param_names = NAMES,                                                                      \
        .param_defaults = DEFAULTS,                                                                \
        .can_ascend = true,                                                                        \
        .init = id##_init,                                                                         \
        .preview = id##_preview,                                                                   \
        .step = id##_step,                                                                         \
        .free = fo_free,                                                                           \
    }

static const char *const mu_names[] = {"mu"};
static const double mu_defaults[] = {0.9};
static const char *const adagrad_names[] = {"eps"};
static const double adagrad_defaults[] = {1e-10};
static const char *const rmsprop_names[] = {"alpha", "eps"};
static const double rmsprop_defaults[] = {0.99, 1e-8};
static const char *const adam_names[] = {"beta1", "beta2", "eps"};
static const double adam_defaults[] = {0.9, 0.999, 1e-8};

FIRST_ORDER_TYPE(momentum, "momentum", mu_names, mu_defaults);
FIRST_ORDER_TYPE(nesterov, "nesterov", mu_names, mu_defaults);
FIRST_ORDER_TYPE(adagrad, "adagrad", adagrad_names, adagrad_defaults);
FIRST_ORDER_TYPE(rmsprop, "rmsprop", rmsprop_names, rmsprop_defaults);
FIRST_ORDER_TYPE(adam, "adam", adam_names, adam_defaults);

/* ---- newton: θ ← θ − η(∇²L)⁻¹∇L, no state ------------------------------------------------ */

static bool newton_preview(const void *state, const optimizer_input *in, optimizer_move *out)
{
    (void)state;
    if (in->ascend)
        return false;
    double h[3];
    surface_eval(in->surf, in->x, in->y, NULL, NULL, h);
    double det = h[0] * h[2] - h[1] * h[1];
    if (det == 0 || !isfinite(det))
        return false;
    /* (∇²L)⁻¹g by the 2×2 adjugate. */
    double nx = (h[2] * in->gx - h[1] * in->gy) / det;
    double ny = (h[0] * in->gy - h[1] * in->gx) / det;
    out->dx = -in->eta * nx;
    out->dy = -in->eta * ny;
    out->predicted = in->gx * out->dx + in->gy * out->dy;
    out->evals = 2;
    /* det < 0: eigenvalues of opposite signs; det > 0 with a negative diagonal: both < 0. */
    out->note = det < 0 ? OPTIMIZER_NOTE_SADDLE : h[0] < 0 ? OPTIMIZER_NOTE_MAXIMUM : NULL;
    return true;
}

static bool newton_step(void *state, const optimizer_input *in, optimizer_move *out)
{
    return newton_preview(state, in, out);
}

static const optimizer_type newton_type = {
    .name = "newton",
    .eta = 1,
    .init = gd_init,
    .preview = newton_preview,
    .step = newton_step,
    .free = gd_free,
};

/* ---- GSL's fdf minimizers, two in lockstep (see optimizer.h) ------------------------------ */

#define GSL_LINE_TOL 0.1

/* The surface as GSL sees it, counting every call. GSL keeps a pointer to `fdf`, so this
 * lives in the heap block below and never moves. */
typedef struct {
    gsl_multimin_function_fdf fdf;   /* what GSL calls: params points back here */
    gsl_multimin_function_fdf inner; /* surface_gsl_fdf(surface) */
    unsigned long calls;
} gsl_counted;

typedef struct {
    const gsl_multimin_fdfminimizer_type *T;
    double eta; /* the learning rate it was started with */
    gsl_counted fa, fb;
    gsl_multimin_fdfminimizer *a, *b; /* b is one iteration ahead of a */
    int status;                       /* of b's latest iteration */
    unsigned next_evals;              /* the calls it made */
} gsl_pair;

typedef struct {
    gsl_pair *pair;
} gsl_state;

/* A non-finite L becomes +∞ so that a line search never accepts it. */
static double counted_f(const gsl_vector *v, void *params)
{
    gsl_counted *c = params;
    c->calls++;
    double f = c->inner.f(v, c->inner.params);
    return isfinite(f) ? f : INFINITY;
}

static void counted_df(const gsl_vector *v, void *params, gsl_vector *g)
{
    gsl_counted *c = params;
    c->calls++;
    c->inner.df(v, c->inner.params, g);
}

static void counted_fdf(const gsl_vector *v, void *params, double *f, gsl_vector *g)
{
    gsl_counted *c = params;
    c->calls++;
    c->inner.fdf(v, c->inner.params, f, g);
    if (!isfinite(*f))
        *f = INFINITY;
}

static void counted_init(gsl_counted *c, const surface *s)
{
    c->inner = surface_gsl_fdf(s);
    c->fdf = (gsl_multimin_function_fdf){counted_f, counted_df, counted_fdf, 2, c};
    c->calls = 0;
}

static void pair_free(gsl_pair *p)
{
    if (!p)
        return;
    if (p->a)
        gsl_multimin_fdfminimizer_free(p->a);
    if (p->b)
        gsl_multimin_fdfminimizer_free(p->b);
    free(p);
}

/* Iterates b once more and records what that cost. */
static void pair_advance_b(gsl_pair *p)
{
    unsigned long before = p->fb.calls;
    p->status = gsl_multimin_fdfminimizer_iterate(p->b);
    p->next_evals = (unsigned)(p->fb.calls - before);
}

/* Both minimizers started at the input's θ with its η, b iterated once; NULL if out of
 * memory. */
static gsl_pair *pair_new(const gsl_multimin_fdfminimizer_type *T, const optimizer_input *in)
{
    gsl_pair *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->T = T;
    p->eta = in->eta;
    p->a = gsl_multimin_fdfminimizer_alloc(T, 2);
    p->b = gsl_multimin_fdfminimizer_alloc(T, 2);
    if (!p->a || !p->b) {
        pair_free(p);
        return NULL;
    }
    counted_init(&p->fa, in->surf);
    counted_init(&p->fb, in->surf);
    double x0[2] = {in->x, in->y};
    gsl_vector_view v = gsl_vector_view_array(x0, 2);
    double step = in->eta * in->gnorm;
    if (!isfinite(step)) {
        /* Nowhere to start from (∇L overflowed): no step until θ moves. */
        p->status = GSL_EBADFUNC;
        return p;
    }
    int sa = gsl_multimin_fdfminimizer_set(p->a, &p->fa.fdf, &v.vector, step, GSL_LINE_TOL);
    int sb = gsl_multimin_fdfminimizer_set(p->b, &p->fb.fdf, &v.vector, step, GSL_LINE_TOL);
    p->status = sa != GSL_SUCCESS ? sa : sb;
    if (p->status == GSL_SUCCESS)
        pair_advance_b(p);
    return p;
}

static bool gsl_init_type(const gsl_multimin_fdfminimizer_type *T, void *state,
                          const optimizer_input *in)
{
    gsl_state *st = state;
    st->pair = pair_new(T, in);
    return st->pair != NULL;
}

/* The move b's lead describes. */
static bool pair_move(const gsl_pair *p, const optimizer_input *in, optimizer_move *out)
{
    if (p->status != GSL_SUCCESS)
        return false;
    const gsl_vector *xb = gsl_multimin_fdfminimizer_x(p->b);
    out->dx = gsl_vector_get(xb, 0) - in->x;
    out->dy = gsl_vector_get(xb, 1) - in->y;
    out->predicted = in->gx * out->dx + in->gy * out->dy;
    out->evals = p->next_evals;
    out->note = NULL;
    return true;
}

/* At another η than the pair was started with, the move is that of GSL started afresh at θ
 * with that η: worked out on a pair made and dropped here, so preview changes nothing. */
static bool gsl_preview(const void *state, const optimizer_input *in, optimizer_move *out)
{
    const gsl_pair *p = ((const gsl_state *)state)->pair;
    if (in->ascend || !p)
        return false;
    if (in->eta == p->eta)
        return pair_move(p, in, out);
    gsl_pair *fresh = pair_new(p->T, in);
    bool ok = fresh && pair_move(fresh, in, out);
    pair_free(fresh);
    return ok;
}

static bool gsl_step(void *state, const optimizer_input *in, optimizer_move *out)
{
    gsl_state *st = state;
    if (!gsl_preview(state, in, out))
        return false;
    if (in->eta != st->pair->eta) {
        /* η changed: start afresh, which is what preview just showed. */
        gsl_pair *fresh = pair_new(st->pair->T, in);
        if (!fresh)
            return false;
        pair_free(st->pair);
        st->pair = fresh;
    }
    gsl_pair *p = st->pair;
    /* a repeats b's last iteration exactly (its status was b's, GSL_SUCCESS); b goes on. */
    gsl_multimin_fdfminimizer_iterate(p->a);
    pair_advance_b(p);
    return true;
}

static void gsl_free(void *state)
{
    gsl_state *st = state;
    pair_free(st->pair);
    st->pair = NULL;
}

/* GSL's type pointers are not constant expressions, so each type names its own. */
#define GSL_TYPE(id, NAME, GSL_T)                                                                  \
    static bool id##_init(void *state, const optimizer_input *in)                                  \
    {                                                                                              \
        return gsl_init_type(GSL_T, state, in);                                                    \
    }                                                                                              \
    static const optimizer_type id##_type = {                                                      \
        .name = NAME,                                                                              \
        .state_size = sizeof(gsl_state),                                                           \
        .init = id##_init,                                                                         \
        .preview = gsl_preview,                                                                    \
        .step = gsl_step,                                                                          \
        .free = gsl_free,                                                                          \
    }

GSL_TYPE(gsl_sd, "gsl-sd", gsl_multimin_fdfminimizer_steepest_descent);
GSL_TYPE(gsl_cg_fr, "gsl-cg-fr", gsl_multimin_fdfminimizer_conjugate_fr);
GSL_TYPE(gsl_cg_pr, "gsl-cg-pr", gsl_multimin_fdfminimizer_conjugate_pr);
GSL_TYPE(gsl_bfgs2, "gsl-bfgs2", gsl_multimin_fdfminimizer_vector_bfgs2);

/* ---- sgd: minibatch gradients on a model's data ------------------------------------------
 *
 * The training rows are visited in a permutation, B at a time; after the last batch of an
 * epoch (which may be short) the permutation is shuffled again for the next. The shuffle
 * happens at init and at the end of a step, never in preview, so preview has no side effect.
 * The generator is splitmix64 seeded from `seed`: the same seed gives the same walk on every
 * machine. With B >= N no shuffle is made and the move is gd's, bit for bit. */

typedef struct {
    size_t batch;        /* B, at least 1 */
    size_t n;            /* training rows; 0: not a model on data (sgd is gd there) */
    size_t *perm;        /* the epoch's order of rows */
    size_t pos;          /* the next batch starts at perm[pos] */
    unsigned long epoch; /* 1, 2, ... */
    uint64_t rng;
} sgd_state;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, bound), bound >= 1, without modulo bias (rejection). */
static uint64_t sgd_below(uint64_t *x, uint64_t bound)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound, r;
    do
        r = splitmix64(x);
    while (r >= limit);
    return r % bound;
}

static void sgd_shuffle(sgd_state *s)
{
    if (s->batch >= s->n)
        return;
    for (size_t i = s->n - 1; i > 0; i--) {
        size_t j = (size_t)sgd_below(&s->rng, (uint64_t)i + 1), t = s->perm[i];
        s->perm[i] = s->perm[j];
        s->perm[j] = t;
    }
}

static bool sgd_init(void *state, const optimizer_input *in)
{
    sgd_state *s = state;
    double b = in->params ? in->params[0] : 32, seed = in->params ? in->params[1] : 1;
    const fit_data *d = fit_data_of(in->surf);
    *s = (sgd_state){.epoch = 1};
    s->batch = !(b >= 1) ? 1 : b >= 1e15 ? (size_t)1e15 : (size_t)b;
    s->rng = (uint64_t)(fabs(seed) < 1e18 ? fabs(seed) : 0);
    if (!d || d->n == 0)
        return true;
    s->perm = malloc(d->n * sizeof *s->perm);
    if (!s->perm)
        return false;
    s->n = d->n;
    for (size_t i = 0; i < s->n; i++)
        s->perm[i] = i;
    sgd_shuffle(s);
    return true;
}

static size_t sgd_next_size(const sgd_state *s)
{
    return s->n - s->pos < s->batch ? s->n - s->pos : s->batch;
}

static bool sgd_preview(const void *state, const optimizer_input *in, optimizer_move *out)
{
    const sgd_state *s = state;
    if (s->n == 0 || s->batch >= s->n)
        return gd_preview(NULL, in, out);
    double g[2];
    if (!fit_eval_rows(in->surf, s->perm + s->pos, sgd_next_size(s), in->x, in->y, NULL, g, NULL))
        return false;
    double sign = in->ascend ? 1 : -1;
    out->dx = sign * in->eta * g[0];
    out->dy = sign * in->eta * g[1];
    /* The change of the full loss to first order: the step is along the batch's gradient. */
    out->predicted = in->gx * out->dx + in->gy * out->dy;
    out->evals = 1;
    out->note = NULL;
    return true;
}

static bool sgd_step(void *state, const optimizer_input *in, optimizer_move *out)
{
    sgd_state *s = state;
    if (!sgd_preview(state, in, out))
        return false;
    if (s->n == 0)
        return true;
    s->pos += sgd_next_size(s);
    if (s->pos >= s->n) {
        s->pos = 0;
        s->epoch++;
        sgd_shuffle(s);
    }
    return true;
}

static void sgd_free(void *state)
{
    sgd_state *s = state;
    free(s->perm);
    s->perm = NULL;
}

bool optimizer_batch_of(const optimizer_type *type, const void *state, optimizer_batch *out)
{
    const sgd_state *s = state;
    if (type != optimizer_sgd || !s || s->n == 0)
        return false;
    size_t b = s->batch < s->n ? s->batch : s->n;
    *out = (optimizer_batch){.epoch = s->epoch,
                             .index = s->pos / b + 1,
                             .batches = (s->n + b - 1) / b,
                             .batch = b,
                             .rows = s->n,
                             .next = s->perm + s->pos,
                             .next_n = sgd_next_size(s)};
    return true;
}

static const char *const sgd_names[] = {"batch", "seed"};
static const double sgd_defaults[] = {32, 1};

static const optimizer_type sgd_type = {
    .name = "sgd",
    .state_size = sizeof(sgd_state),
    .n_params = 2,
    .param_names = sgd_names,
    .param_defaults = sgd_defaults,
    .can_ascend = true,
    .init = sgd_init,
    .preview = sgd_preview,
    .step = sgd_step,
    .free = sgd_free,
};

/* ---- The catalog ------------------------------------------------------------------------- */

const optimizer_type *const optimizer_gd = &gd_type;
const optimizer_type *const optimizer_momentum = &momentum_type;
const optimizer_type *const optimizer_nesterov = &nesterov_type;
const optimizer_type *const optimizer_adagrad = &adagrad_type;
const optimizer_type *const optimizer_rmsprop = &rmsprop_type;
const optimizer_type *const optimizer_adam = &adam_type;
const optimizer_type *const optimizer_newton = &newton_type;
const optimizer_type *const optimizer_gsl_sd = &gsl_sd_type;
const optimizer_type *const optimizer_gsl_cg_fr = &gsl_cg_fr_type;
const optimizer_type *const optimizer_gsl_cg_pr = &gsl_cg_pr_type;
const optimizer_type *const optimizer_gsl_bfgs2 = &gsl_bfgs2_type;
const optimizer_type *const optimizer_sgd = &sgd_type;

static const optimizer_type *const types[] = {
    &gd_type,     &momentum_type, &nesterov_type,  &adagrad_type,   &rmsprop_type,   &adam_type,
    &newton_type, &gsl_sd_type,   &gsl_cg_fr_type, &gsl_cg_pr_type, &gsl_bfgs2_type, &sgd_type,
};

size_t optimizer_count(void)
{
    return sizeof types / sizeof types[0];
}

const optimizer_type *optimizer_at(size_t i)
{
    return i < optimizer_count() ? types[i] : NULL;
}

const optimizer_type *optimizer_find(const char *name)
{
    for (size_t i = 0; name && i < optimizer_count(); i++)
        if (strcmp(types[i]->name, name) == 0)
            return types[i];
    return NULL;
}

int optimizer_param_index(const optimizer_type *t, const char *name)
{
    for (size_t k = 0; t && name && k < t->n_params; k++)
        if (strcmp(t->param_names[k], name) == 0)
            return (int)k;
    return -1;
}
