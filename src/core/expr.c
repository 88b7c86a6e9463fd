// SPDX-License-Identifier: MIT
/* Layer: core. Typed formulas (see expr.h): a recursive-descent parser that emits postfix code
 * as it goes, folding constants and fusing constant operands into the instruction that uses
 * them, and a pass that turns the postfix code into three-address code over registers. The
 * program's interpreters are in expr_run.c, surfaces on formulas in expr_surface.c. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_ops.h"
#include "steepest/parse.h"

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

/* ---- constant folding ---- */

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

/* ---- errors ---- */

void expr_set_error(expr_error *err, expr_field field, int col, const char *fmt, ...)
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

bool expr_is_ident_char(int c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

bool expr_is_space(int c)
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
        if (!(k == 0 ? is_ident_start((unsigned char)s[k])
                     : expr_is_ident_char((unsigned char)s[k]))) {
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
        expr_set_error(err, EXPR_AT_VARS, 1, "expected two names separated by a comma, e.g. w,b");
        return false;
    }
    const char *part[2] = {vars, comma + 1}, *stop[2] = {comma, comma + 1 + strlen(comma + 1)};
    char *out[2] = {x, y};
    int second = 0; /* the second name's column */
    for (int k = 0; k < 2; k++) {
        const char *a = part[k], *b = stop[k];
        while (a < b && expr_is_space((unsigned char)*a))
            a++;
        while (b > a && expr_is_space((unsigned char)b[-1]))
            b--;
        if (!check_var_name(a, (size_t)(b - a), msg, sizeof msg)) {
            expr_set_error(err, EXPR_AT_VARS, (int)(a - vars) + 1, "%s", msg);
            return false;
        }
        memcpy(out[k], a, (size_t)(b - a));
        out[k][b - a] = '\0';
        second = (int)(a - vars) + 1;
    }
    if (strcmp(x, y) == 0) {
        expr_set_error(err, EXPR_AT_VARS, second, "the two variables must differ");
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
    while (i < p->len && expr_is_space((unsigned char)p->text[i]))
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
        while (j < p->len && expr_is_ident_char((unsigned char)s[j]))
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
        while (j < p->len && expr_is_space((unsigned char)p->text[j]))
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
        expr_set_error(err, EXPR_AT_VARS, 0, "%s", msg);
        return NULL;
    }
    if (strcmp(vx, vy) == 0) {
        expr_set_error(err, EXPR_AT_VARS, 0, "the two variables must differ");
        return NULL;
    }
    if (!text) {
        expr_set_error(err, EXPR_AT_FORMULA, 1, "empty formula");
        return NULL;
    }
    size_t len = 0;
    while (len <= EXPR_MAX_LEN && text[len])
        len++;
    if (len > EXPR_MAX_LEN) {
        expr_set_error(err, EXPR_AT_FORMULA, EXPR_MAX_LEN + 1, "formula longer than %d bytes",
                       EXPR_MAX_LEN);
        return NULL;
    }
    parser *p = calloc(1, sizeof *p);
    pinsn *code = calloc(len + 1, sizeof *code);
    if (!p || !code) {
        free(p);
        free(code);
        expr_set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
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
            expr_set_error(err, EXPR_AT_SURFACE, 0, "out of memory");
    }
    free(code);
    free(p);
    return e;
}
