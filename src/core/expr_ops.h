// SPDX-License-Identifier: MIT
/* Layer: core, private to the formula files (expr.c: parser and compiler; expr_run.c: the two
 * interpreters; expr_surface.c: surfaces on formulas). The instruction set, the compiled
 * program, and the scalar operations every evaluation shares, so that a folded constant, a
 * value and a jet's value agree to the bit. */
#ifndef STEEPEST_EXPR_OPS_H
#define STEEPEST_EXPR_OPS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "steepest/expr.h"

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

/* ---- scalar helpers shared by both interpreters and constant folding, so their values agree
 * to the bit ---- */

static inline double powi(double u, int n)
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
static inline double sigmoid(double z)
{
    double e = exp(-fabs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/* log(1 + e^z) without overflow, as the built-in logistic does. */
static inline double softplus(double z)
{
    return (z > 0 ? z : 0) + log1p(exp(-fabs(z)));
}

static inline double relu(double u)
{
    return u > 0 ? u : u <= 0 ? 0 : u; /* NaN stays NaN */
}

static inline double min2(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : b < a ? b : a;
}

static inline double max2(double a, double b)
{
    return isnan(a) || isnan(b) ? NAN : b > a ? b : a;
}

/* The value of every one-operand instruction, c and n its constant and exponent. */
static inline double apply1(int op, double u, double c)
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

static inline double apply2(int op, double a, double b)
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

/* The program's value at (x, y) alone (expr_run.c). */
double expr_run_value(const expr *e, double x, double y);
/* Sets err (when not NULL): where, and a one-line message (expr.c). */
void expr_set_error(expr_error *err, expr_field field, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A letter, digit or '_' (expr.c). */
bool expr_is_ident_char(int c);
/* White space between tokens (expr.c). */
bool expr_is_space(int c);

#endif
