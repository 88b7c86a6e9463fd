// SPDX-License-Identifier: MIT
/* Layer: core. Typed formulas (see expr.h): a recursive-descent parser that emits postfix code
 * as it goes, folding constants and fusing constant operands into the instruction that uses
 * them; a pass that turns the postfix code into three-address code over registers; and two
 * interpreters of that program, one on plain doubles and one on second-order jets. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steepest/derive.h"
#include "steepest/expr.h"
#include "steepest/parse.h"

/* Values pending at once while a formula is evaluated: the compile-time stack's depth, and
 * so the number of temporary registers. Nesting is capped at EXPR_MAX_DEPTH and each level
 * holds at most three pending operands (a sum's and a product's left sides and a call's first
 * argument), so a formula within the cap stays under 200; the compiler checks anyway, because
 * both interpreters keep their registers in a fixed array on the C stack. */
#define STACK_MAX 256
#define REG_MAX   (2 + STACK_MAX) /* x, y, then the temporaries */

enum {
    /* leaves: only in the parser's postfix code (registers 0 and 1 hold x and y) */
    OP_X,
    OP_Y,
    OP_CONST, /* in the register program: d := c, for a constant no operator could absorb */
    /* d := a op b */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_POW,
    OP_ATAN2,
    OP_MIN,
    OP_MAX,
    OP_HYPOT,
    /* d := a with the instruction's constant c (fused from a constant operand) */
    OP_ADDC,  /* a + c (also a - c, as a + (-c): the same IEEE operation) */
    OP_MULC,  /* a * c */
    OP_DIVC,  /* a / c, c finite and non-zero */
    OP_RSUBC, /* c - a */
    OP_RDIVC, /* c / a */
    OP_POWC,  /* a ^ c */
    OP_POWI,  /* a ^ n, n a small integer: repeated multiplication */
    OP_RPOWC, /* c ^ a */
    /* d := f(a) */
    OP_NEG,
    OP_SQ,
    OP_SIN,
    OP_COS,
    OP_TAN,
    OP_ASIN,
    OP_ACOS,
    OP_ATAN,
    OP_SINH,
    OP_COSH,
    OP_TANH,
    OP_EXP,
    OP_LOG,
    OP_LOG1P,
    OP_LOG2,
    OP_LOG10,
    OP_SQRT,
    OP_CBRT,
    OP_ABS,
    OP_RELU,
    OP_SIGMOID,
    OP_SOFTPLUS,
};

/* Integer exponents up to this are done by multiplication, which is exact where pow() may
 * not be and several times faster. */
#define POWI_MAX 64

/* The parser's postfix code: it is easy to fold and fuse while parsing. */
typedef struct {
    int op;
    double c; /* OP_CONST's value, the fused constant, or OP_POWI's exponent */
} pinsn;

/* The program that runs: three-address code over registers, 0 = x, 1 = y, 2.. temporaries
 * (the postfix stack's slots), so reading x, y or a temporary costs no instruction of its
 * own. 16 bytes. */
typedef struct {
    uint16_t d, a, b; /* result, operands */
    uint8_t op;
    uint8_t src; /* SRC_*: which operand, if any, is the previous instruction's result */
    double c;    /* the fused constant, or OP_POWI's exponent (an integer, |c| <= POWI_MAX) */
} insn;

/* The value interpreter keeps the last result in a CPU register as well as in its register
 * file, and reads it from there when the next instruction uses it, which is most of the time:
 * a chain of dependent operations then never waits for a store to be read back. */
enum { SRC_REGS, SRC_A_LAST, SRC_B_LAST };

struct expr {
    size_t n;        /* instructions */
    uint16_t result; /* the register holding L at the end */
    insn code[];
};

/* ---- the function table ---- */

typedef struct {
    const char *name;
    int nargs;
    int op;
} function;

static const function functions[] = {
    {"sin", 1, OP_SIN},           {"cos", 1, OP_COS},     {"tan", 1, OP_TAN},
    {"asin", 1, OP_ASIN},         {"acos", 1, OP_ACOS},   {"atan", 1, OP_ATAN},
    {"sinh", 1, OP_SINH},         {"cosh", 1, OP_COSH},   {"tanh", 1, OP_TANH},
    {"exp", 1, OP_EXP},           {"log", 1, OP_LOG},     {"ln", 1, OP_LOG},
    {"log1p", 1, OP_LOG1P},       {"log2", 1, OP_LOG2},   {"log10", 1, OP_LOG10},
    {"sqrt", 1, OP_SQRT},         {"cbrt", 1, OP_CBRT},   {"sq", 1, OP_SQ},
    {"abs", 1, OP_ABS},           {"relu", 1, OP_RELU},   {"sigmoid", 1, OP_SIGMOID},
    {"softplus", 1, OP_SOFTPLUS}, {"atan2", 2, OP_ATAN2}, {"min", 2, OP_MIN},
    {"max", 2, OP_MAX},           {"hypot", 2, OP_HYPOT}, {"pow", 2, OP_POW},
};
#define N_FUNCTIONS (sizeof functions / sizeof functions[0])

static const char *const constant_names[] = {"pi", "e"};
static const double constant_values[] = {M_PI, M_E};
#define N_CONSTANTS (sizeof constant_names / sizeof constant_names[0])

const char *expr_function_list(void)
{
    return "sin cos tan asin acos atan sinh cosh tanh exp log ln log1p log2 log10 sqrt cbrt sq "
           "abs relu sigmoid softplus atan2 min max hypot pow";
}

static const function *find_function(const char *s, size_t len)
{
    for (size_t k = 0; k < N_FUNCTIONS; k++)
        if (strlen(functions[k].name) == len && memcmp(functions[k].name, s, len) == 0)
            return &functions[k];
    return NULL;
}

static int find_constant(const char *s, size_t len)
{
    for (size_t k = 0; k < N_CONSTANTS; k++)
        if (strlen(constant_names[k]) == len && memcmp(constant_names[k], s, len) == 0)
            return (int)k;
    return -1;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

const char *expr_closest(const char *word, size_t len, const char *const *names, size_t n)
{
    enum { LONG = 40 };
    if (len == 0 || len > LONG)
        return NULL;
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t k = 0; k < n; k++) {
        size_t m = strlen(names[k]);
        if (m > LONG)
            continue;
        /* Optimal string alignment distance: three rows of the dynamic programme. */
        size_t rows[3][LONG + 1], *pp = rows[0], *p = rows[1], *c = rows[2];
        for (size_t j = 0; j <= m; j++)
            p[j] = j;
        for (size_t i = 1; i <= len; i++) {
            c[0] = i;
            for (size_t j = 1; j <= m; j++) {
                size_t cost = lower(word[i - 1]) != lower(names[k][j - 1]);
                size_t d = p[j - 1] + cost;
                if (p[j] + 1 < d)
                    d = p[j] + 1;
                if (c[j - 1] + 1 < d)
                    d = c[j - 1] + 1;
                if (i > 1 && j > 1 && lower(word[i - 1]) == lower(names[k][j - 2]) &&
                    lower(word[i - 2]) == lower(names[k][j - 1]) && pp[j - 2] + 1 < d)
                    d = pp[j - 2] + 1;
                c[j] = d;
            }
            size_t *t = pp;
            pp = p;
            p = c;
            c = t;
        }
        /* Two edits only in a longer word: "foo" is not a misspelt "cos". */
        if (p[m] < best_d && p[m] < len && p[m] <= (len <= 4 ? 1u : 2u)) {
            best_d = p[m];
            best = names[k];
        }
    }
    return best;
}

static const char *closest_function(const char *s, size_t len)
{
    const char *names[N_FUNCTIONS];
    for (size_t k = 0; k < N_FUNCTIONS; k++)
        names[k] = functions[k].name;
    return expr_closest(s, len, names, N_FUNCTIONS);
}

/* ---- scalar helpers shared by both interpreters, so their values agree to the bit ---- */

static double powi(double u, int n)
{
    unsigned k = n < 0 ? (unsigned)(-n) : (unsigned)n;
    double r = 1;
    while (k) {
        if (k & 1)
            r *= u;
        k >>= 1;
        if (k)
            u *= u;
    }
    return n < 0 ? 1 / r : r;
}

/* Written so neither branch overflows for large |z|, as the built-in neuron does. */
static double sigmoid(double z)
{
    double e = exp(-fabs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/* log(1 + e^z) without overflow, as the built-in logistic does. */
static double softplus(double z)
{
    return (z > 0 ? z : 0) + log1p(exp(-fabs(z)));
}

static double relu(double u)
{
    return u > 0 ? u : u <= 0 ? 0 : u; /* NaN stays NaN */
}

static double min2(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : b < a ? b : a;
}

static double max2(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : b > a ? b : a;
}

/* The value of every one-operand instruction, c and n its constant and exponent. */
static double apply1(int op, double u, double c)
{
    switch (op) {
    case OP_ADDC:
        return u + c;
    case OP_MULC:
        return u * c;
    case OP_DIVC:
        return u / c;
    case OP_RSUBC:
        return c - u;
    case OP_RDIVC:
        return c / u;
    case OP_POWC:
        return pow(u, c);
    case OP_POWI:
        return powi(u, (int)c); /* an integer of at most POWI_MAX by construction */
    case OP_RPOWC:
        return pow(c, u);
    case OP_NEG:
        return -u;
    case OP_SQ:
        return u * u;
    case OP_SIN:
        return sin(u);
    case OP_COS:
        return cos(u);
    case OP_TAN:
        return tan(u);
    case OP_ASIN:
        return asin(u);
    case OP_ACOS:
        return acos(u);
    case OP_ATAN:
        return atan(u);
    case OP_SINH:
        return sinh(u);
    case OP_COSH:
        return cosh(u);
    case OP_TANH:
        return tanh(u);
    case OP_EXP:
        return exp(u);
    case OP_LOG:
        return log(u);
    case OP_LOG1P:
        return log1p(u);
    case OP_LOG2:
        return log2(u);
    case OP_LOG10:
        return log10(u);
    case OP_SQRT:
        return sqrt(u);
    case OP_CBRT:
        return cbrt(u);
    case OP_ABS:
        return fabs(u);
    case OP_RELU:
        return relu(u);
    case OP_SIGMOID:
        return sigmoid(u);
    case OP_SOFTPLUS:
        return softplus(u);
    }
    return NAN;
}

static double apply2(int op, double a, double b)
{
    switch (op) {
    case OP_ADD:
        return a + b;
    case OP_SUB:
        return a - b;
    case OP_MUL:
        return a * b;
    case OP_DIV:
        return a / b;
    case OP_POW:
        return pow(a, b);
    case OP_ATAN2:
        return atan2(a, b);
    case OP_MIN:
        return min2(a, b);
    case OP_MAX:
        return max2(a, b);
    case OP_HYPOT:
        return hypot(a, b);
    }
    return NAN;
}

/* ---- the value interpreter ---- */

/* The parser's postfix code from start to end, at compile time (constant folding): the same
 * apply1/apply2 the register program's values come from, so a folded constant is the value
 * the point-by-point evaluation would have computed. */
static double fold_value(const pinsn *code, size_t n)
{
    double st[STACK_MAX] = {0};
    size_t sp = 0;
    for (size_t k = 0; k < n; k++) {
        const pinsn *p = &code[k];
        if (p->op == OP_CONST)
            st[sp++] = p->c;
        else if (p->op >= OP_ADD && p->op <= OP_HYPOT) {
            sp--;
            st[sp - 1] = apply2(p->op, st[sp - 1], st[sp]);
        } else
            st[sp - 1] = apply1(p->op, st[sp - 1], p->c);
    }
    return st[0];
}

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

static double run_value(const expr *e, double x, double y)
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

/* The program on jets. Like run_value it keeps the last result out of the register file
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
            *f = run_value(e, x, y);
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

/* ---- errors ---- */

static void set_error(expr_error *err, expr_field field, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_error(expr_error *err, expr_field field, int col, const char *fmt, ...)
{
    if (!err)
        return;
    err->field = field;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

/* ---- variable names ---- */

static bool is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(int c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Checks the len bytes at s as a variable name; the message says what is wrong. */
static bool check_var_name(const char *s, size_t len, char *msg, size_t n)
{
    if (len == 0) {
        snprintf(msg, n, "missing variable name");
        return false;
    }
    if (len > EXPR_MAX_NAME) {
        snprintf(msg, n, "variable name longer than %d bytes", EXPR_MAX_NAME);
        return false;
    }
    for (size_t k = 0; k < len; k++)
        if (!(k == 0 ? is_ident_start((unsigned char)s[k]) : is_ident_char((unsigned char)s[k]))) {
            snprintf(msg, n,
                     "variable name '%.*s' must be letters, digits and _, not starting "
                     "with a digit",
                     (int)len, s);
            return false;
        }
    if (find_function(s, len)) {
        snprintf(msg, n, "variable name '%.*s' is a function", (int)len, s);
        return false;
    }
    if (find_constant(s, len) >= 0) {
        snprintf(msg, n, "variable name '%.*s' is a constant", (int)len, s);
        return false;
    }
    return true;
}

bool expr_vars(const char *vars, char *x, char *y, expr_error *err)
{
    char msg[EXPR_MSG_SIZE - 8];
    const char *comma = vars ? strchr(vars, ',') : NULL;
    if (!vars || !comma || strchr(comma + 1, ',')) {
        set_error(err, EXPR_AT_VARS, 1, "expected two names separated by a comma, e.g. w,b");
        return false;
    }
    const char *part[2] = {vars, comma + 1}, *stop[2] = {comma, comma + 1 + strlen(comma + 1)};
    char *out[2] = {x, y};
    int second = 0; /* the second name's column */
    for (int k = 0; k < 2; k++) {
        const char *a = part[k], *b = stop[k];
        while (a < b && is_space((unsigned char)*a))
            a++;
        while (b > a && is_space((unsigned char)b[-1]))
            b--;
        if (!check_var_name(a, (size_t)(b - a), msg, sizeof msg)) {
            set_error(err, EXPR_AT_VARS, (int)(a - vars) + 1, "%s", msg);
            return false;
        }
        memcpy(out[k], a, (size_t)(b - a));
        out[k][b - a] = '\0';
        second = (int)(a - vars) + 1;
    }
    if (strcmp(x, y) == 0) {
        set_error(err, EXPR_AT_VARS, second, "the two variables must differ");
        return false;
    }
    return true;
}

/* ---- the parser and code generator ---- */

typedef enum {
    T_END,
    T_NUM,
    T_IDENT,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_CARET,
    T_LPAREN,
    T_RPAREN,
    T_COMMA,
    T_BAD, /* the lexer has set the error */
} tkind;

typedef struct {
    tkind kind;
    size_t pos, len; /* bytes of text */
    double num;
} token;

/* What a parse function returns: where its code starts, and whether it is one OP_CONST
 * (constant subexpressions are folded as soon as they are complete). */
typedef struct {
    size_t start;
    bool konst;
} operand;

typedef struct {
    const char *text;
    size_t len;
    const char *vx, *vy;
    token tok, prev; /* lookahead, and the token consumed before it */
    pinsn *code;
    size_t n, cap;
    size_t sp, max_sp; /* stack depth at the end of the code emitted so far */
    int depth;
    bool failed;
    expr_error *err;
    char numbuf[EXPR_MAX_LEN + 1];
} parser;

static void fail(parser *p, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(parser *p, size_t pos, const char *fmt, ...)
{
    if (p->failed)
        return; /* the first error is the one reported */
    p->failed = true;
    if (!p->err)
        return;
    p->err->field = EXPR_AT_FORMULA;
    p->err->col = (int)pos + 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof p->err->msg, fmt, ap);
    va_end(ap);
}

/* Unicode characters students paste from notes, with what to type instead. */
static const struct {
    const char *utf8, *instead;
} lookalikes[] = {
    {"\xc3\x97", "*"},             /* × */
    {"\xc2\xb7", "*"},             /* · */
    {"\xe2\x8b\x85", "*"},         /* ⋅ */
    {"\xe2\x88\x92", "-"},         /* − */
    {"\xe2\x80\x93", "-"},         /* – */
    {"\xc3\xb7", "/"},             /* ÷ */
    {"\xc2\xb2", "^2"},            /* ² */
    {"\xc2\xb3", "^3"},            /* ³ */
    {"\xcf\x80", "pi"},            /* π */
    {"\xe2\x88\x9a", "sqrt(...)"}, /* √ */
};

static void lex_non_ascii(parser *p, size_t pos)
{
    const char *s = p->text + pos;
    for (size_t k = 0; k < sizeof lookalikes / sizeof lookalikes[0]; k++) {
        size_t m = strlen(lookalikes[k].utf8);
        if (pos + m <= p->len && memcmp(s, lookalikes[k].utf8, m) == 0) {
            fail(p, pos, "non-ASCII character '%s': write %s", lookalikes[k].utf8,
                 lookalikes[k].instead);
            return;
        }
    }
    fail(p, pos, "non-ASCII byte 0x%02X: formulas are plain ASCII", (unsigned char)*s);
}

static void lex(parser *p)
{
    size_t i = p->tok.pos + p->tok.len;
    while (i < p->len && is_space((unsigned char)p->text[i]))
        i++;
    token t = {T_END, i, 0, 0};
    if (i >= p->len) {
        p->tok = t;
        return;
    }
    const char *s = p->text;
    unsigned char c = (unsigned char)s[i];
    if ((c >= '0' && c <= '9') ||
        (c == '.' && i + 1 < p->len && s[i + 1] >= '0' && s[i + 1] <= '9')) {
        size_t j = i;
        while (j < p->len && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j < p->len && s[j] == '.')
            for (j++; j < p->len && s[j] >= '0' && s[j] <= '9';)
                j++;
        /* An exponent only when digits follow: 2e is 2 then e, an implicit multiplication. */
        if (j < p->len && (s[j] == 'e' || s[j] == 'E')) {
            size_t k = j + 1;
            if (k < p->len && (s[k] == '+' || s[k] == '-'))
                k++;
            if (k < p->len && s[k] >= '0' && s[k] <= '9') {
                for (j = k; j < p->len && s[j] >= '0' && s[j] <= '9';)
                    j++;
            }
        }
        if (j < p->len && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9'))) {
            size_t k = j;
            while (k < p->len && (s[k] == '.' || (s[k] >= '0' && s[k] <= '9')))
                k++;
            fail(p, i, "malformed number '%.*s'", (int)(k - i > 40 ? 40 : k - i), s + i);
            p->tok = (token){T_BAD, i, k - i, 0};
            return;
        }
        memcpy(p->numbuf, s + i, j - i);
        p->numbuf[j - i] = '\0';
        t.kind = T_NUM;
        t.len = j - i;
        t.num = strtod(p->numbuf, NULL);
        if (!isfinite(t.num)) {
            fail(p, i, "number out of range '%.*s'", (int)(t.len > 40 ? 40 : t.len), s + i);
            t.kind = T_BAD;
        }
        p->tok = t;
        return;
    }
    if (is_ident_start(c)) {
        size_t j = i;
        while (j < p->len && is_ident_char((unsigned char)s[j]))
            j++;
        t.kind = T_IDENT;
        t.len = j - i;
        p->tok = t;
        return;
    }
    t.len = 1;
    switch (c) {
    case '+':
        t.kind = T_PLUS;
        break;
    case '-':
        t.kind = T_MINUS;
        break;
    case '*':
        if (i + 1 < p->len && s[i + 1] == '*') { /* Python's power */
            t.kind = T_CARET;
            t.len = 2;
        } else
            t.kind = T_STAR;
        break;
    case '/':
        t.kind = T_SLASH;
        break;
    case '^':
        t.kind = T_CARET;
        break;
    case '(':
        t.kind = T_LPAREN;
        break;
    case ')':
        t.kind = T_RPAREN;
        break;
    case ',':
        t.kind = T_COMMA;
        break;
    default:
        t.kind = T_BAD;
        if (c >= 0x80)
            lex_non_ascii(p, i);
        else if (c == '[' || c == ']' || c == '{' || c == '}')
            fail(p, i, "unexpected '%c': use ( ) for grouping", c);
        else if (c < 0x20 || c == 0x7f)
            fail(p, i, "unexpected control character 0x%02X", c);
        else
            fail(p, i, "unexpected character '%c'", c);
    }
    p->tok = t;
}

static void advance(parser *p)
{
    p->prev = p->tok;
    lex(p);
}

static bool push_insn(parser *p, pinsn in)
{
    if (p->n >= p->cap) { /* cannot happen: one instruction per token at most */
        fail(p, p->tok.pos, "formula too complex");
        return false;
    }
    p->code[p->n++] = in;
    return true;
}

/* Emits one instruction, tracking the stack depth it leaves. */
static void emit(parser *p, int op, double c)
{
    if (p->failed)
        return;
    if (op == OP_X || op == OP_Y || op == OP_CONST) {
        if (++p->sp > p->max_sp)
            p->max_sp = p->sp;
        if (p->max_sp > STACK_MAX) {
            fail(p, p->tok.pos, "formula too complex");
            return;
        }
    } else if (op <= OP_HYPOT)
        p->sp--;
    push_insn(p, (pinsn){op, c});
}

/* Replaces the constant code from start on by one OP_CONST with its value, computed by the
 * same interpreter that would have computed it at every point. */
static void fold(parser *p, size_t start)
{
    if (p->failed || p->n - start <= 1)
        return;
    double v = fold_value(p->code + start, p->n - start);
    p->code[start] = (pinsn){OP_CONST, v};
    p->n = start + 1;
}

/* Removes the OP_CONST at index k (a left operand about to be fused into its operator). */
static void drop_const(parser *p, size_t k)
{
    memmove(p->code + k, p->code + k + 1, (p->n - k - 1) * sizeof *p->code);
    p->n--;
    p->sp--;
}

/* Emits a ^ c, the right operand a constant already dropped from the code. */
static void emit_power_const(parser *p, double c)
{
    if (c == 2)
        emit(p, OP_SQ, 0);
    else if (c == floor(c) && fabs(c) <= POWI_MAX)
        emit(p, OP_POWI, c);
    else
        emit(p, OP_POWC, c);
}

/* left's code runs from l to r, right's from r to the end: emit op on them, fusing a constant
 * operand into the instruction or folding when both are constant. */
static operand emit_binary(parser *p, int op, operand left, operand right)
{
    operand out = {left.start, false};
    if (p->failed)
        return out;
    if (left.konst && right.konst) {
        emit(p, op, 0);
        fold(p, left.start);
        out.konst = true;
        return out;
    }
    if (right.konst) {
        double c = p->code[right.start].c;
        bool fuse = op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_POW ||
                    (op == OP_DIV && isfinite(c) && c != 0);
        if (fuse) {
            p->n--;
            p->sp--;
            if (op == OP_POW)
                emit_power_const(p, c);
            else
                emit(p,
                     op == OP_MUL   ? OP_MULC
                     : op == OP_DIV ? OP_DIVC
                                    : OP_ADDC,
                     op == OP_SUB ? -c : c);
            return out;
        }
    } else if (left.konst) {
        double c = p->code[left.start].c;
        if (op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV || op == OP_POW) {
            drop_const(p, left.start);
            if (op == OP_POW && c == M_E)
                emit(p, OP_EXP, 0); /* e^u: exp() is the e the student means */
            else
                emit(p,
                     op == OP_ADD   ? OP_ADDC
                     : op == OP_SUB ? OP_RSUBC
                     : op == OP_MUL ? OP_MULC
                     : op == OP_DIV ? OP_RDIVC
                                    : OP_RPOWC,
                     c);
            return out;
        }
    }
    emit(p, op, 0);
    return out;
}

static operand parse_sum(parser *p);
static operand parse_unary(parser *p);

/* One level deeper, for the construct that starts at pos. */
static bool enter(parser *p, size_t pos)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        fail(p, pos, "nested deeper than %d levels", EXPR_MAX_DEPTH);
        return false;
    }
    return true;
}

static bool starts_operand(tkind k)
{
    return k == T_NUM || k == T_IDENT || k == T_LPAREN;
}

/* Describes a token for "write A*B": its text, or (...) for a parenthesis. */
static void describe(const parser *p, const token *t, char *buf, size_t n)
{
    if (t->kind == T_RPAREN || t->kind == T_LPAREN)
        snprintf(buf, n, "(...)");
    else if (t->kind == T_IDENT) {
        size_t j = t->pos + t->len;
        while (j < p->len && is_space((unsigned char)p->text[j]))
            j++;
        bool call = j < p->len && p->text[j] == '(';
        snprintf(buf, n, "%.*s%s", (int)(t->len > 24 ? 24 : t->len), p->text + t->pos,
                 call ? "(...)" : "");
    } else
        snprintf(buf, n, "%.*s", (int)(t->len > 24 ? 24 : t->len), p->text + t->pos);
}

/* The lookahead cannot follow a complete operand here. */
static void unexpected(parser *p)
{
    const token *t = &p->tok;
    if (p->failed)
        return;
    if (starts_operand(t->kind)) {
        char a[40], b[40];
        describe(p, &p->prev, a, sizeof a);
        describe(p, t, b, sizeof b);
        fail(p, t->pos, "implicit multiplication: write %s*%s", a, b);
    } else if (t->kind == T_RPAREN)
        fail(p, t->pos, "unbalanced ')': no matching '('");
    else if (t->kind == T_COMMA)
        fail(p, t->pos, "unexpected ',' outside a function's arguments");
    else
        fail(p, t->pos, "unexpected '%.*s'", (int)t->len, p->text + t->pos);
}

static const char *token_text(tkind k)
{
    switch (k) {
    case T_PLUS:
        return "+";
    case T_MINUS:
        return "-";
    case T_STAR:
        return "*";
    case T_SLASH:
        return "/";
    case T_CARET:
        return "^";
    case T_LPAREN:
        return "(";
    case T_RPAREN:
        return ")";
    case T_COMMA:
        return ",";
    default:
        return "?";
    }
}

/* An operand was expected at the lookahead and is not there. */
static void missing_operand(parser *p)
{
    const token *t = &p->tok;
    if (p->failed)
        return;
    if (t->kind == T_END) {
        if (p->prev.kind == T_END)
            fail(p, t->pos, "empty formula");
        else
            fail(p, t->pos, "missing operand after '%.*s'", (int)p->prev.len,
                 p->text + p->prev.pos);
    } else
        fail(p, t->pos, "missing operand before '%s'", token_text(t->kind));
}

/* name(args): the lookahead is '('. */
static operand parse_call(parser *p, const token *name)
{
    operand out = {p->n, false};
    const function *fn = find_function(p->text + name->pos, name->len);
    if (!fn) {
        const char *s = p->text + name->pos;
        int shown = (int)(name->len > 40 ? 40 : name->len);
        if (find_constant(s, name->len) >= 0)
            fail(p, name->pos, "'%.*s' is a constant, not a function", shown, s);
        else if ((name->len == strlen(p->vx) && memcmp(s, p->vx, name->len) == 0) ||
                 (name->len == strlen(p->vy) && memcmp(s, p->vy, name->len) == 0))
            fail(p, p->tok.pos, "implicit multiplication: write %.*s*(...)", shown, s);
        else {
            const char *hint = closest_function(s, name->len);
            if (hint)
                fail(p, name->pos, "unknown function '%.*s' (did you mean '%s'?)", shown, s, hint);
            else
                fail(p, name->pos, "unknown function '%.*s'", shown, s);
        }
        return out;
    }
    token open = p->tok;
    if (!enter(p, name->pos))
        return out;
    advance(p); /* ( */
    operand args[2];
    int nargs = 0;
    if (p->tok.kind != T_RPAREN)
        for (;;) {
            operand a = parse_sum(p);
            if (p->failed)
                return out;
            if (nargs < 2)
                args[nargs] = a;
            nargs++;
            if (p->tok.kind == T_COMMA) {
                advance(p);
                continue;
            }
            if (p->tok.kind == T_RPAREN)
                break;
            if (p->tok.kind == T_END)
                fail(p, open.pos, "unbalanced '(': no matching ')'");
            else
                unexpected(p);
            return out;
        }
    advance(p); /* ) */
    p->depth--;
    if (nargs != fn->nargs) {
        fail(p, name->pos, "%s takes %d argument%s, got %d", fn->name, fn->nargs,
             fn->nargs == 1 ? "" : "s", nargs);
        return out;
    }
    if (fn->nargs == 2)
        return emit_binary(p, fn->op, args[0], args[1]);
    emit(p, fn->op, 0);
    out.konst = args[0].konst;
    if (out.konst)
        fold(p, out.start);
    return out;
}

static operand parse_primary(parser *p)
{
    operand out = {p->n, false};
    token t = p->tok;
    switch (t.kind) {
    case T_NUM:
        emit(p, OP_CONST, t.num);
        advance(p);
        out.konst = true;
        return out;
    case T_IDENT: {
        advance(p);
        if (p->tok.kind == T_LPAREN)
            return parse_call(p, &t);
        const char *s = p->text + t.pos;
        int shown = (int)(t.len > 40 ? 40 : t.len);
        if (t.len == strlen(p->vx) && memcmp(s, p->vx, t.len) == 0)
            emit(p, OP_X, 0);
        else if (t.len == strlen(p->vy) && memcmp(s, p->vy, t.len) == 0)
            emit(p, OP_Y, 0);
        else if (find_constant(s, t.len) >= 0) {
            emit(p, OP_CONST, constant_values[find_constant(s, t.len)]);
            out.konst = true;
        } else if (find_function(s, t.len))
            fail(p, t.pos, "'%.*s' is a function: write %.*s(...)", shown, s, shown, s);
        else {
            const char *names[2 + N_CONSTANTS] = {p->vx, p->vy};
            for (size_t k = 0; k < N_CONSTANTS; k++)
                names[2 + k] = constant_names[k];
            const char *hint = expr_closest(s, t.len, names, 2 + N_CONSTANTS);
            if (hint)
                fail(p, t.pos, "unknown variable '%.*s' (did you mean '%s'?)", shown, s, hint);
            else
                fail(p, t.pos, "unknown variable '%.*s' (the variables are %s and %s)", shown, s,
                     p->vx, p->vy);
        }
        return out;
    }
    case T_LPAREN: {
        token open = t;
        if (!enter(p, t.pos))
            return out;
        advance(p);
        if (p->tok.kind == T_RPAREN) {
            fail(p, p->tok.pos, "missing operand before ')'");
            return out;
        }
        out = parse_sum(p);
        if (p->failed)
            return out;
        if (p->tok.kind == T_END) {
            fail(p, open.pos, "unbalanced '(': no matching ')'");
            return out;
        }
        if (p->tok.kind != T_RPAREN) {
            unexpected(p);
            return out;
        }
        advance(p);
        p->depth--;
        return out;
    }
    case T_BAD:
        return out; /* the lexer has reported it */
    default:
        missing_operand(p);
        return out;
    }
}

/* primary [^ unary]: right-associative, and the exponent may carry a sign (x^-2). */
static operand parse_power(parser *p)
{
    operand base = parse_primary(p);
    if (p->failed || p->tok.kind != T_CARET)
        return base;
    if (!enter(p, p->tok.pos))
        return base;
    advance(p);
    operand ex = parse_unary(p);
    if (p->failed)
        return base;
    p->depth--;
    return emit_binary(p, OP_POW, base, ex);
}

/* Signs bind looser than ^, so -x^2 is -(x^2). */
static operand parse_unary(parser *p)
{
    if (p->tok.kind != T_MINUS && p->tok.kind != T_PLUS)
        return parse_power(p);
    bool minus = p->tok.kind == T_MINUS;
    if (!enter(p, p->tok.pos))
        return (operand){p->n, false};
    advance(p);
    operand u = parse_unary(p);
    if (p->failed)
        return u;
    p->depth--;
    if (minus) {
        emit(p, OP_NEG, 0);
        if (u.konst)
            fold(p, u.start);
    }
    return u;
}

static operand parse_product(parser *p)
{
    operand left = parse_unary(p);
    while (!p->failed) {
        if (p->tok.kind == T_STAR || p->tok.kind == T_SLASH) {
            int op = p->tok.kind == T_STAR ? OP_MUL : OP_DIV;
            advance(p);
            operand right = parse_unary(p);
            if (p->failed)
                break;
            left = emit_binary(p, op, left, right);
        } else if (starts_operand(p->tok.kind)) {
            unexpected(p); /* 2x, x y, (a)(b): say where the * is missing */
        } else
            break;
    }
    return left;
}

static operand parse_sum(parser *p)
{
    operand left = parse_product(p);
    while (!p->failed && (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS)) {
        int op = p->tok.kind == T_PLUS ? OP_ADD : OP_SUB;
        advance(p);
        operand right = parse_product(p);
        if (p->failed)
            break;
        left = emit_binary(p, op, left, right);
    }
    return left;
}

/* Turns postfix code into the register program: stack slot k lives in register 2 + k, and a
 * slot holding x or y just names register 0 or 1, so pushes vanish. The postfix code is
 * valid (the parser made it) and never deeper than STACK_MAX. */
static void to_registers(const pinsn *code, size_t n, expr *e)
{
    uint16_t loc[STACK_MAX] = {0}; /* where each stack slot's value is */
    size_t sp = 0, out = 0;
    int last = -1; /* the register the previous instruction wrote */
    for (size_t k = 0; k < n; k++) {
        const pinsn *p = &code[k];
        if (p->op == OP_X || p->op == OP_Y) {
            loc[sp++] = p->op == OP_X ? 0 : 1;
            continue;
        }
        insn in = {0, 0, 0, (uint8_t)p->op, SRC_REGS, p->c};
        if (p->op == OP_CONST) {
            in.d = (uint16_t)(2 + sp);
            loc[sp++] = in.d;
        } else if (p->op >= OP_ADD && p->op <= OP_HYPOT) {
            sp--;
            in.a = loc[sp - 1];
            in.b = loc[sp];
            in.d = (uint16_t)(2 + sp - 1);
            loc[sp - 1] = in.d;
        } else {
            in.a = loc[sp - 1];
            in.d = (uint16_t)(2 + sp - 1);
            loc[sp - 1] = in.d;
        }
        /* Registers 0 and 1 are never written, so a or b equal to the register last written
         * is the last result. At most one is: b is a later slot than a. */
        if (p->op != OP_CONST && in.a == last)
            in.src = SRC_A_LAST;
        else if (p->op >= OP_ADD && p->op <= OP_HYPOT && in.b == last)
            in.src = SRC_B_LAST;
        last = in.d;
        e->code[out++] = in;
    }
    e->n = out;
    e->result = loc[0];
}

expr *expr_compile(const char *text, const char *var_x, const char *var_y, expr_error *err)
{
    const char *vx = var_x ? var_x : "x", *vy = var_y ? var_y : "y";
    char msg[EXPR_MSG_SIZE - 8];
    if (!check_var_name(vx, strlen(vx), msg, sizeof msg) ||
        !check_var_name(vy, strlen(vy), msg, sizeof msg)) {
        set_error(err, EXPR_AT_VARS, 0, "%s", msg);
        return NULL;
    }
    if (strcmp(vx, vy) == 0) {
        set_error(err, EXPR_AT_VARS, 0, "the two variables must differ");
        return NULL;
    }
    if (!text) {
        set_error(err, EXPR_AT_FORMULA, 1, "empty formula");
        return NULL;
    }
    size_t len = 0;
    while (len <= EXPR_MAX_LEN && text[len])
        len++;
    if (len > EXPR_MAX_LEN) {
        set_error(err, EXPR_AT_FORMULA, EXPR_MAX_LEN + 1, "formula longer than %d bytes",
                  EXPR_MAX_LEN);
        return NULL;
    }
    parser *p = calloc(1, sizeof *p);
    pinsn *code = calloc(len + 1, sizeof *code);
    if (!p || !code) {
        free(p);
        free(code);
        set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
        return NULL;
    }
    p->text = text;
    p->len = len;
    p->vx = vx;
    p->vy = vy;
    p->code = code;
    p->cap = len + 1;
    p->err = err;
    p->tok = (token){T_END, 0, 0, 0};
    p->prev = p->tok;
    lex(p);
    if (!p->failed && p->tok.kind == T_END)
        fail(p, 0, "empty formula");
    if (!p->failed)
        parse_sum(p);
    if (!p->failed && p->tok.kind != T_END)
        unexpected(p);
    expr *e = NULL;
    if (!p->failed) {
        e = malloc(sizeof *e + p->n * sizeof e->code[0]);
        if (e)
            to_registers(code, p->n, e);
        else
            set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
    }
    free(code);
    free(p);
    return e;
}

/* ---- surfaces on formulas ---- */

static void release(surface *s)
{
    free((void *)s->name);
    free((void *)s->title);
    free((void *)s->formula);
    free((void *)s->lesson);
    free((void *)s->axis_x);
    free((void *)s->axis_y);
    expr_free((expr *)s->params);
}

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > EXPR_MAX_NAME)
        return false;
    for (size_t k = 0; k < n; k++)
        if (!is_ident_char((unsigned char)s[k]) && s[k] != '-' && s[k] != '.')
            return false;
    return true;
}

/* True when the lowest finite L on a 41 x 41 grid over the box lies off its edge. */
static bool minimum_inside(const expr *e, double xmin, double xmax, double ymin, double ymax)
{
    enum { N = 41 };
    double best = INFINITY;
    bool inside = false;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double x = xmin + (xmax - xmin) * i / (N - 1), y = ymin + (ymax - ymin) * j / (N - 1);
            double f = run_value(e, x, y);
            if (f < best) { /* strictly: on a tie the first point found stands */
                best = f;
                inside = i > 0 && i < N - 1 && j > 0 && j < N - 1;
            }
        }
    return inside;
}

static void append_note(char *note, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void append_note(char *note, size_t size, const char *fmt, ...)
{
    if (!note || size == 0)
        return;
    size_t used = strlen(note);
    if (used >= size - 1)
        return;
    if (used > 0) {
        snprintf(note + used, size - used, "; ");
        used = strlen(note);
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + used, size - used, fmt, ap);
    va_end(ap);
}

static bool finite_at(const expr *e, double x, double y)
{
    double f, g[2];
    expr_eval(e, x, y, &f, g, NULL);
    return isfinite(f) && isfinite(g[0]) && isfinite(g[1]);
}

surface *expr_surface(const expr_spec *spec, expr_error *err, char *note, size_t note_size)
{
    if (note && note_size)
        note[0] = '\0';
    char vx[EXPR_MAX_NAME + 1], vy[EXPR_MAX_NAME + 1];
    if (!expr_vars(spec->vars ? spec->vars : "x,y", vx, vy, err))
        return NULL;
    const char *name = spec->name ? spec->name : "formula";
    if (!valid_name(name)) {
        set_error(err, EXPR_AT_NAME, 1, "a name is 1 to %d letters, digits, '_', '-' or '.'",
                  EXPR_MAX_NAME);
        return NULL;
    }
    if (spec->has_domain &&
        !(isfinite(spec->xmin) && isfinite(spec->xmax) && isfinite(spec->ymin) &&
          isfinite(spec->ymax) && spec->xmin < spec->xmax && spec->ymin < spec->ymax &&
          isfinite(spec->xmax - spec->xmin) && isfinite(spec->ymax - spec->ymin))) {
        set_error(err, EXPR_AT_DOMAIN, 0, "the domain needs XMIN < XMAX and YMIN < YMAX, finite");
        return NULL;
    }
    if (spec->has_start && !(isfinite(spec->start_x) && isfinite(spec->start_y))) {
        set_error(err, EXPR_AT_START, 0, "the start must be finite");
        return NULL;
    }
    if (spec->has_start && spec->has_domain &&
        !(spec->start_x >= spec->xmin && spec->start_x <= spec->xmax &&
          spec->start_y >= spec->ymin && spec->start_y <= spec->ymax)) {
        set_error(err, EXPR_AT_START, 0, "the start (%g, %g) is outside the domain", spec->start_x,
                  spec->start_y);
        return NULL;
    }
    if (!(spec->eta >= 0 && isfinite(spec->eta))) {
        set_error(err, EXPR_AT_ETA, 0, "eta must be a positive number");
        return NULL;
    }
    /* Leading and trailing blanks are not part of the formula shown. */
    const char *ftext = spec->formula ? spec->formula : "";
    expr *e = expr_compile(ftext, vx, vy, err);
    if (!e)
        return NULL;
    size_t a = 0, b = strlen(ftext);
    while (a < b && is_space((unsigned char)ftext[a]))
        a++;
    while (b > a && is_space((unsigned char)ftext[b - 1]))
        b--;

    surface *s = surface_create();
    if (!s) {
        expr_free(e);
        set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
        return NULL;
    }
    s->params = e;
    s->release = release;
    s->eval = expr_kernel;
    char *formula = malloc(b - a + 1), *title = NULL;
    if (formula) {
        memcpy(formula, ftext + a, b - a);
        formula[b - a] = '\0';
    }
    if (spec->title)
        title = dup_string(spec->title);
    else if (formula) {
        title = malloc(64);
        if (title)
            snprintf(title, 64, b - a > 60 ? "%.57s..." : "%s", formula);
    }
    s->formula = formula;
    s->title = title;
    s->name = dup_string(name);
    s->lesson = dup_string(spec->lesson ? spec->lesson
                                        : "A loss typed as a formula. Its stationary points, "
                                          "contour levels and learning rate were derived from "
                                          "the formula itself, with exact derivatives.");
    s->axis_x = dup_string(vx);
    s->axis_y = dup_string(vy);
    if (!s->formula || !s->title || !s->name || !s->lesson || !s->axis_x || !s->axis_y) {
        surface_destroy(s);
        set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
        return NULL;
    }

    if (spec->has_domain) {
        s->xmin = spec->xmin;
        s->xmax = spec->xmax;
        s->ymin = spec->ymin;
        s->ymax = spec->ymax;
    } else {
        static const double halves[] = {5, 10, 20, 50, 100, 200, 500, 1000};
        double h = 0;
        for (size_t k = 0; k < sizeof halves / sizeof halves[0] && h == 0; k++) {
            double w = halves[k];
            if (spec->has_start && (fabs(spec->start_x) > w || fabs(spec->start_y) > w))
                continue;
            if (minimum_inside(e, -w, w, -w, w))
                h = w;
        }
        if (h == 0) {
            /* No minimum anywhere: the smallest box that holds the start. */
            h = 5;
            while (spec->has_start && (fabs(spec->start_x) > h || fabs(spec->start_y) > h))
                h *= 2;
            append_note(note, note_size,
                        "domain [%g, %g] x [%g, %g] (default; no minimum found up to +-1000)", -h,
                        h, -h, h);
        } else
            append_note(note, note_size,
                        "domain [%g, %g] x [%g, %g] (default: the first of +-5, +-10, +-20, "
                        "+-50, ... with the lowest L inside)",
                        -h, h, -h, h);
        s->xmin = s->ymin = -h;
        s->xmax = s->ymax = h;
    }
    if (spec->has_start) {
        s->start_x = spec->start_x;
        s->start_y = spec->start_y;
    } else {
        static const double offsets[][2] = {{0.3, 0.2}, {-0.3, 0.2}, {0.3, -0.2}, {-0.3, -0.2}};
        double w = s->xmax - s->xmin, hh = s->ymax - s->ymin;
        double cx = s->xmin + w / 2, cy = s->ymin + hh / 2;
        size_t k = 0;
        for (; k < 4; k++) {
            s->start_x = cx + offsets[k][0] * w;
            s->start_y = cy + offsets[k][1] * hh;
            if (finite_at(e, s->start_x, s->start_y))
                break;
        }
        if (k == 4) {
            surface_destroy(s);
            set_error(err, EXPR_AT_START, 0,
                      "L or its gradient is not finite at any default start: give one");
            return NULL;
        }
        append_note(note, note_size, "start (%g, %g) (default: centre + (%+g, %+g) of the box)",
                    s->start_x, s->start_y, offsets[k][0], offsets[k][1]);
    }
    s->eta = spec->eta;
    if (!derive_defaults(s)) {
        surface_destroy(s);
        set_error(err, EXPR_AT_SURFACE, 0, "L is not finite anywhere on the domain");
        return NULL;
    }
    return s;
}

/* ---- the quadratic shortcut ---- */

/* cos and sin of an angle in degrees, exact at multiples of 90 so that an axis-aligned
 * quadratic has no stray 6e-17 x*y term. */
static void cos_sin_deg(double deg, double *c, double *s)
{
    double r = fmod(deg, 360);
    if (r < 0)
        r += 360;
    if (r == 0 || r == 90 || r == 180 || r == 270) {
        int q = (int)(r / 90);
        static const double cs[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        *c = cs[q][0];
        *s = cs[q][1];
        return;
    }
    *c = cos(r * M_PI / 180);
    *s = sin(r * M_PI / 180);
}

/* Appends " + 1.5*x^2"-style terms: the first without " + ", a coefficient of 1 unwritten. */
static void add_term(char *buf, size_t n, double coef, const char *monomial)
{
    if (coef == 0)
        return;
    size_t used = strlen(buf);
    char num[40] = "";
    if (fabs(coef) != 1)
        snprintf(num, sizeof num, "%.10g*", fabs(coef));
    if (used == 0)
        snprintf(buf, n, "%s%s%s", coef < 0 ? "-" : "", num, monomial);
    else
        snprintf(buf + used, n - used, " %c %s%s", coef < 0 ? '-' : '+', num, monomial);
}

surface *expr_quadratic(double l1, double l2, double angle_deg, expr_error *err, char *note,
                        size_t note_size)
{
    if (!(isfinite(l1) && isfinite(l2) && isfinite(angle_deg) && fabs(l1) <= 1e6 &&
          fabs(l2) <= 1e6 && fabs(angle_deg) <= 1e6) ||
        (l1 == 0 && l2 == 0)) {
        set_error(err, EXPR_AT_SURFACE, 0,
                  "eigenvalues must be finite, at most 1e6 in size and not both 0; the angle "
                  "finite");
        return NULL;
    }
    double c, s;
    cos_sin_deg(angle_deg, &c, &s);
    /* ½(l1 u² + l2 v²), u = c x + s y, v = -s x + c y, expanded. */
    double qa = 0.5 * (l1 * c * c + l2 * s * s), qb = (l1 - l2) * c * s,
           qc = 0.5 * (l1 * s * s + l2 * c * c);
    double tiny = 1e-12 * (fabs(l1) + fabs(l2));
    qa = fabs(qa) < tiny ? 0 : qa;
    qb = fabs(qb) < tiny ? 0 : qb;
    qc = fabs(qc) < tiny ? 0 : qc;
    char formula[160] = "";
    add_term(formula, sizeof formula, qa, "x^2");
    add_term(formula, sizeof formula, qb, "x*y");
    add_term(formula, sizeof formula, qc, "y^2");
    char title[160], lesson[600];
    snprintf(title, sizeof title, "Quadratic, eigenvalues %g and %g at %g degrees", l1, l2,
             angle_deg);
    double hi = fmax(l1, l2), lo = fmin(l1, l2);
    if (lo > 0)
        snprintf(lesson, sizeof lesson,
                 "A quadratic bowl whose curvature is %g along one axis and %g across it, the "
                 "axes turned by %g degrees. The condition number %g (largest curvature over "
                 "smallest) sets how narrow the valley is. Steps are stable only for eta < "
                 "2/%g = %g, and even then each step keeps the factor (1 - %g eta) of the "
                 "distance along the flat axis.",
                 l1, l2, angle_deg, hi / lo, hi, 2 / hi, lo);
    else if (hi > 0)
        snprintf(lesson, sizeof lesson,
                 "Curvature %g along one axis and %g across it, the axes turned by %g degrees. "
                 "With an eigenvalue that is not positive the origin is %s: descent slides "
                 "along that direction without end.",
                 l1, l2, angle_deg, lo < 0 ? "a saddle" : "no single minimum");
    else
        snprintf(lesson, sizeof lesson,
                 "Curvature %g and %g: no positive eigenvalue, so the origin is %s and "
                 "descent runs away from it in every direction it can.",
                 l1, l2, hi < 0 ? "a maximum" : "no minimum");
    expr_spec spec = {.formula = formula, .name = "quadratic", .title = title, .lesson = lesson};
    return expr_surface(&spec, err, note, note_size);
}

surface *expr_quadratic_arg(const char *arg, expr_error *err, char *note, size_t note_size)
{
    char buf[128];
    double l1, l2, angle;
    const char *comma = arg ? strrchr(arg, ',') : NULL;
    size_t n = comma ? (size_t)(comma - arg) : 0;
    if (!comma || n >= sizeof buf) {
        set_error(err, EXPR_AT_SURFACE, 0, "expected L1,L2,ANGLE, e.g. 1,10,30");
        return NULL;
    }
    memcpy(buf, arg, n);
    buf[n] = '\0';
    if (!parse_pair(buf, &l1, &l2) || !parse_double(comma + 1, &angle)) {
        set_error(err, EXPR_AT_SURFACE, 0, "expected L1,L2,ANGLE, e.g. 1,10,30");
        return NULL;
    }
    return expr_quadratic(l1, l2, angle, err, note, note_size);
}
