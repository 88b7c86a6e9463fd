// SPDX-License-Identifier: MIT
/* Layer: core. The two interpreters of a compiled formula (see expr.h): one on plain doubles
 * for L alone (what contour drawing asks, once per dot), one on second-order jets for L, ∇L
 * and ∇²L together. */
#include <stdlib.h>

#include "expr_ops.h"

/* ---- the value interpreter ---- */
/* One case per source of the operands: registers, a the last result, b the last result. */
#define CASE2(OP, F)                                                                               \
    case OP * 4 + SRC_REGS:                                                                        \
        last = F(r[p->a], r[p->b]);                                                                \
        break;                                                                                     \
    case OP * 4 + SRC_A_LAST:                                                                      \
        last = F(last, r[p->b]);                                                                   \
        break;                                                                                     \
    case OP * 4 + SRC_B_LAST:                                                                      \
        last = F(r[p->a], last);                                                                   \
        break;
#define CASE1(OP, F)                                                                               \
    case OP * 4 + SRC_REGS:                                                                        \
        last = F(r[p->a], p->c);                                                                   \
        break;                                                                                     \
    case OP * 4 + SRC_A_LAST:                                                                      \
        last = F(last, p->c);                                                                      \
        break;
#define ADD_(a, b)  ((a) + (b))
#define SUB_(a, b)  ((a) - (b))
#define MUL_(a, b)  ((a) * (b))
#define DIV_(a, b)  ((a) / (b))
#define RSUB_(a, c) ((c) - (a))
#define SQ_(a, c)   ((a) * (a))
#define NEG_(a, c)  (-(a))

double expr_run_value(const expr *e, double x, double y)
{
    double r[REG_MAX], last = 0;
    r[0] = x;
    r[1] = y;
    for (const insn *p = e->code, *end = p + e->n; p < end; p++) {
        switch (p->op * 4 + p->src) {
            CASE2(OP_ADD, ADD_)
            CASE2(OP_SUB, SUB_)
            CASE2(OP_MUL, MUL_)
            CASE2(OP_DIV, DIV_)
            CASE1(OP_ADDC, ADD_)
            CASE1(OP_MULC, MUL_)
            CASE1(OP_DIVC, DIV_)
            CASE1(OP_RSUBC, RSUB_)
            CASE1(OP_SQ, SQ_)
            CASE1(OP_NEG, NEG_)
        case OP_CONST * 4 + SRC_REGS:
            last = p->c;
            break;
        default: {
            double a = p->src == SRC_A_LAST ? last : r[p->a];
            if (p->op >= OP_ADD && p->op <= OP_HYPOT)
                last = apply2(p->op, a, p->src == SRC_B_LAST ? last : r[p->b]);
            else
                last = apply1(p->op, a, p->c);
            break;
        }
        }
        r[p->d] = last;
    }
    return r[e->result];
}

/* ---- the jet interpreter ---- */

/* A value with its first and second partial derivatives in x and y. */
typedef struct {
    double v, x, y, xx, xy, yy;
} jet;

/* A chain-rule product. A factor that is exactly zero makes the term zero even when the other
 * factor is infinite or NaN: an inner derivative of 0 means the variable does not reach this
 * operand at all, so whatever the outer derivative is (1/(2 sqrt(0)) = inf), the term is
 * absent. Only these products get the rule; values multiply as IEEE says. */
static inline double m0(double a, double b)
{
    double p = a * b;
    if (p != p && (a == 0 || b == 0))
        return 0;
    return p;
}

/* The chain rule is applied with plain products first, the fast path, and only if a
 * derivative comes out NaN, again with m0: a product that is NaN makes its sum NaN, so a
 * result without NaN had none and m0 would have given the same bits. Only the first-order
 * parts are computed when `second` is false (a gradient without a Hessian); the second-order
 * fields are then left as they were and never read. */
#define MUL(a, b) ((a) * (b))

static inline bool has_nan(jet r, bool second)
{
    double s = r.x + r.y;
    if (second)
        s += r.xx + r.xy + r.yy;
    return s != s;
}

/* f(u) with f(u) = f0, f'(u) = f1, f''(u) = f2. */
#define CHAIN1(P)                                                                                  \
    do {                                                                                           \
        r.x = P(f1, u.x);                                                                          \
        r.y = P(f1, u.y);                                                                          \
        if (second) {                                                                              \
            r.xx = P(f2, u.x * u.x) + P(f1, u.xx);                                                 \
            r.xy = P(f2, P(u.x, u.y)) + P(f1, u.xy);                                               \
            r.yy = P(f2, u.y * u.y) + P(f1, u.yy);                                                 \
        }                                                                                          \
    } while (0)

static inline jet chain1(jet u, double f0, double f1, double f2, bool second)
{
    jet r = u;
    r.v = f0;
    CHAIN1(MUL);
    if (has_nan(r, second))
        CHAIN1(m0);
    return r;
}

/* The value and derivatives of a function of two operands at (a, b). */
typedef struct {
    double f, fa, fb, faa, fab, fbb;
} partials2;

#define CHAIN2(P)                                                                                  \
    do {                                                                                           \
        r.x = P(d.fa, a.x) + P(d.fb, b.x);                                                         \
        r.y = P(d.fa, a.y) + P(d.fb, b.y);                                                         \
        if (second) {                                                                              \
            r.xx = P(d.faa, a.x * a.x) + 2 * P(d.fab, P(a.x, b.x)) + P(d.fbb, b.x * b.x) +         \
                   P(d.fa, a.xx) + P(d.fb, b.xx);                                                  \
            r.xy = P(d.faa, P(a.x, a.y)) + P(d.fab, P(a.x, b.y) + P(a.y, b.x)) +                   \
                   P(d.fbb, P(b.x, b.y)) + P(d.fa, a.xy) + P(d.fb, b.xy);                          \
            r.yy = P(d.faa, a.y * a.y) + 2 * P(d.fab, P(a.y, b.y)) + P(d.fbb, b.y * b.y) +         \
                   P(d.fa, a.yy) + P(d.fb, b.yy);                                                  \
        }                                                                                          \
    } while (0)

static inline jet chain2(jet a, jet b, partials2 d, bool second)
{
    jet r = a;
    r.v = d.f;
    CHAIN2(MUL);
    if (has_nan(r, second))
        CHAIN2(m0);
    return r;
}

/* The product rule: chain2 with f_a = b, f_b = a, f_ab = 1, and no f_aa or f_bb. */
#define PRODUCT(P)                                                                                 \
    do {                                                                                           \
        r.x = P(a.x, b.v) + P(a.v, b.x);                                                           \
        r.y = P(a.y, b.v) + P(a.v, b.y);                                                           \
        if (second) {                                                                              \
            r.xx = P(a.xx, b.v) + 2 * P(a.x, b.x) + P(a.v, b.xx);                                  \
            r.xy = P(a.xy, b.v) + P(a.x, b.y) + P(a.y, b.x) + P(a.v, b.xy);                        \
            r.yy = P(a.yy, b.v) + 2 * P(a.y, b.y) + P(a.v, b.yy);                                  \
        }                                                                                          \
    } while (0)

static inline jet product(jet a, jet b, bool second)
{
    jet r = a;
    r.v = a.v * b.v;
    PRODUCT(MUL);
    if (has_nan(r, second))
        PRODUCT(m0);
    return r;
}

/* The partial derivatives of the two-operand functions. */
static partials2 derivs2(int op, double u, double w)
{
    switch (op) {
    case OP_DIV: {
        double q = u / w, r = 1 / w;
        return (partials2){q, r, -q * r, 0, -r * r, 2 * q * r * r};
    }
    case OP_POW: {
        double f = pow(u, w), lu = log(u), p1 = pow(u, w - 1);
        return (partials2){f,
                           w * p1,
                           m0(f, lu),
                           w * (w - 1) * pow(u, w - 2),
                           m0(p1, 1 + m0(w, lu)),
                           m0(f, lu * lu)};
    }
    case OP_ATAN2: {
        double r2 = u * u + w * w, r4 = r2 * r2;
        return (partials2){atan2(u, w),          w / r2,        -u / r2, -2 * u * w / r4,
                           (u * u - w * w) / r4, 2 * u * w / r4};
    }
    case OP_HYPOT: {
        double r = hypot(u, w), r3 = r * r * r;
        return (partials2){r, u / r, w / r, w * w / r3, -u * w / r3, u * u / r3};
    }
    }
    return (partials2){NAN, NAN, NAN, NAN, NAN, NAN};
}

/* f(u), f'(u), f''(u) of the one-operand instructions, c the fused constant. */
typedef struct {
    double f0, f1, f2;
} partials1;

static partials1 derivs1(int op, double u, double c)
{
    switch (op) {
    case OP_POWC:
        return (partials1){pow(u, c), c * pow(u, c - 1), c * (c - 1) * pow(u, c - 2)};
    case OP_POWI: {
        /* n u^(n-1) and n(n-1) u^(n-2), with the coefficient's zero winning over 0^-1. */
        int n = (int)c; /* an integer of at most POWI_MAX by construction */
        return (partials1){powi(u, n), n ? n * powi(u, n - 1) : 0,
                           n != 0 && n != 1 ? (double)n * (n - 1) * powi(u, n - 2) : 0};
    }
    case OP_RPOWC: {
        double f = pow(c, u), l = log(c), f1 = m0(f, l);
        return (partials1){f, f1, m0(f1, l)};
    }
    case OP_RDIVC: {
        double f = c / u, f1 = -f / u;
        return (partials1){f, f1, -2 * f1 / u};
    }
    case OP_SIN: {
        double s = sin(u);
        return (partials1){s, cos(u), -s};
    }
    case OP_COS: {
        double c0 = cos(u);
        return (partials1){c0, -sin(u), -c0};
    }
    case OP_TAN: {
        double v = tan(u), d = 1 + v * v;
        return (partials1){v, d, 2 * v * d};
    }
    case OP_ASIN:
    case OP_ACOS: {
        double r = 1 - u * u, s = sqrt(r), sign = op == OP_ASIN ? 1 : -1;
        return (partials1){op == OP_ASIN ? asin(u) : acos(u), sign / s, sign * u / (r * s)};
    }
    case OP_ATAN: {
        double r = 1 + u * u;
        return (partials1){atan(u), 1 / r, -2 * u / (r * r)};
    }
    case OP_SINH:
    case OP_COSH: {
        double sh = sinh(u), ch = cosh(u);
        return op == OP_SINH ? (partials1){sh, ch, sh} : (partials1){ch, sh, ch};
    }
    case OP_TANH: {
        /* sech² as 4e/(1+e)², e = exp(-2|u|): 1 - tanh² would lose every digit once tanh
         * rounds near ±1, and this is exactly 0, not NaN, once e underflows. */
        double v = tanh(u), e = exp(-2 * fabs(u)), d = 1 + e, s2 = 4 * e / (d * d);
        return (partials1){v, s2, -2 * v * s2};
    }
    case OP_EXP: {
        double v = exp(u);
        return (partials1){v, v, v};
    }
    case OP_LOG:
    case OP_LOG2:
    case OP_LOG10: {
        double k = op == OP_LOG ? 1 : op == OP_LOG2 ? M_LN2 : M_LN10;
        double f1 = 1 / (k * u);
        return (partials1){apply1(op, u, 0), f1, -f1 / u};
    }
    case OP_LOG1P: {
        double f1 = 1 / (1 + u);
        return (partials1){log1p(u), f1, -f1 * f1};
    }
    case OP_SQRT: {
        double s = sqrt(u);
        return (partials1){s, 0.5 / s, -0.25 / (s * u)};
    }
    case OP_CBRT: {
        double r = cbrt(u), r2 = r * r;
        return (partials1){r, 1 / (3 * r2), -2 / (9 * r2 * r2 * r)};
    }
    case OP_ABS:
        return (partials1){fabs(u), u > 0 ? 1 : u < 0 ? -1 : u == 0 ? 0 : u, 0};
    case OP_RELU:
        return (partials1){relu(u), u > 0 ? 1 : u <= 0 ? 0 : u, 0};
    case OP_SIGMOID:
    case OP_SOFTPLUS: {
        /* σ' = e/(1+e)² and σ'' = σ'(1 - 2σ) = ∓σ'(1-e)/(1+e), e = exp(-|z|): no 1 - σ that
         * cancels to 0 long before σ' underflows, and exactly 0 (not NaN) at saturation. */
        double e = exp(-fabs(u)), d = 1 + e, s1 = e / (d * d);
        double s2 = (u >= 0 ? -s1 : s1) * (1 - e) / d;
        return op == OP_SIGMOID ? (partials1){sigmoid(u), s1, s2}
                                : (partials1){softplus(u), sigmoid(u), s1};
    }
    }
    return (partials1){NAN, NAN, NAN};
}

/* The program on jets. Like expr_run_value it keeps the last result out of the register file
 * (here six doubles): reading back a jet just stored is slow, as its fields were written one
 * by one and copies read them in wider pieces that the store buffer cannot forward. */
static jet run_jet(const expr *e, double x, double y, bool second)
{
    jet r[REG_MAX], last = {0, 0, 0, 0, 0, 0};
    r[0] = (jet){x, 1, 0, 0, 0, 0};
    r[1] = (jet){y, 0, 1, 0, 0, 0};
    for (const insn *p = e->code, *end = p + e->n; p < end; p++) {
        jet a = p->src == SRC_A_LAST ? last : r[p->a], res;
        switch (p->op) {
        case OP_CONST:
            res = (jet){p->c, 0, 0, 0, 0, 0};
            break;
        case OP_ADD:
        case OP_SUB: {
            jet b = p->src == SRC_B_LAST ? last : r[p->b];
            double k = p->op == OP_ADD ? 1 : -1;
            res = a;
            res.v = p->op == OP_ADD ? a.v + b.v : a.v - b.v;
            res.x += k * b.x;
            res.y += k * b.y;
            if (second) {
                res.xx += k * b.xx;
                res.xy += k * b.xy;
                res.yy += k * b.yy;
            }
            break;
        }
        case OP_MUL:
            res = product(a, p->src == SRC_B_LAST ? last : r[p->b], second);
            break;
        case OP_MIN:
        case OP_MAX: {
            jet b = p->src == SRC_B_LAST ? last : r[p->b];
            double v = p->op == OP_MIN ? min2(a.v, b.v) : max2(a.v, b.v);
            /* On a tie the first argument's derivatives stand. */
            res = isnan(v) ? (jet){NAN, NAN, NAN, NAN, NAN, NAN} : v != a.v ? b : a;
            break;
        }
        case OP_DIV:
        case OP_POW:
        case OP_ATAN2:
        case OP_HYPOT: {
            jet b = p->src == SRC_B_LAST ? last : r[p->b];
            res = chain2(a, b, derivs2(p->op, a.v, b.v), second);
            break;
        }
        case OP_ADDC:
            res = a;
            res.v += p->c;
            break;
        case OP_MULC: {
            double c = p->c;
            res = chain1(a, a.v * c, c, 0, second);
            break;
        }
        case OP_DIVC: /* c is finite and non-zero: no rule needed */
            res = (jet){a.v / p->c, a.x / p->c, a.y / p->c, a.xx / p->c, a.xy / p->c, a.yy / p->c};
            break;
        case OP_RSUBC:
        case OP_NEG:
            res = (jet){p->op == OP_NEG ? -a.v : p->c - a.v, -a.x, -a.y, -a.xx, -a.xy, -a.yy};
            break;
        case OP_SQ:
            /* The commonest operation in a loss: (u²)' = 2u u', (u²)'' = 2u'u' + 2u u''. */
            res = chain1(a, a.v * a.v, 2 * a.v, 2, second);
            break;
        default: {
            partials1 d = derivs1(p->op, a.v, p->c);
            res = chain1(a, d.f0, d.f1, d.f2, second);
            break;
        }
        }
        last = res;
        r[p->d] = res;
    }
    return e->n > 0 ? last : r[e->result];
}

/* ---- evaluation entry points ---- */

void expr_kernel(const void *params, double x, double y, double *f, double g[2], double h[3])
{
    const expr *e = params;
    if (!g && !h) {
        if (f)
            *f = expr_run_value(e, x, y);
        return;
    }
    jet r = run_jet(e, x, y, h != NULL);
    if (f)
        *f = r.v;
    if (g) {
        g[0] = r.x;
        g[1] = r.y;
    }
    if (h) {
        h[0] = r.xx;
        h[1] = r.xy;
        h[2] = r.yy;
    }
}

void expr_eval(const expr *e, double x, double y, double *f, double g[2], double h[3])
{
    expr_kernel(e, x, y, f, g, h);
}

size_t expr_length(const expr *e)
{
    return e->n;
}

void expr_free(expr *e)
{
    free(e);
}
