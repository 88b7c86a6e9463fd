// SPDX-License-Identifier: MIT
/* Layer: core. The value-only summary of a data set (see fit.h and fit_summary.h): the
 * closed form for the linear model, and for the sigmoid models a tree of two-point Gauss
 * rules whose error is bounded node by node. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fit_summary.h"

/* ---- the value-only summary --------------------------------------------------------------- */

/* One measure Σ aᵢ φ(zᵢ) over a node's rows, as the two-point Gauss rule p1 φ(w x1 + b) +
 * p2 φ(w x2 + b) (p2 = 0 when all its x are equal, where one point is exact), and q = Σ aᵢ
 * (xᵢ - m)⁴ + Σ pₖ tₖ⁴, the factor of the rule's error bound. */
typedef struct {
    double x1, x2, p1, p2, q;
} rule;

enum { MEASURES = 3, STACK = 64 };

/* A node of the tree over the rows sorted by x: rows order[lo..hi), children left and right
 * (0 for a leaf: the root is node 0 and nobody's child). */
typedef struct {
    uint32_t lo, hi, left, right;
    double xlo, xhi;
} node;

struct fit_summary {
    bool linear;
    /* linear: Σ(ŷ - y)² = Sxx (w - β)² + n c² + SSE_min with c = w x̄ + b - ȳ, every term >= 0
     * (the centred form; the raw five sums would cancel near the minimum). */
    double n, xbar, ybar, sxx, beta, sse_min;
    /* sigmoid: a binary tree over the rows sorted by x, a rule per node and measure. */
    uint32_t *order;
    node *nodes;
    rule *rules; /* n_nodes x n_measures */
    size_t n_nodes, cap;
    int n_measures;
    double sxy, sy, half_syy; /* Σ y x, Σ y, ½ Σ y²: the parts of L exact from sums */
    double tol_sum;           /* allowed error of the sum: FIT_VALUE_TOL in L's units */
};

/* The measures: xent is Σ softplus(z) - w Σyx - b Σy; the squared losses are Σ ½σ² - Σ y⁺σ +
 * Σ y⁻σ + ½Σy² = Σ ½(σ - y)². For each, max|φ⁗| (m4) and A with |φ⁗(z)| <= A e^-|z| (decay):
 * with p = σ(z)σ(-z) <= e^-|z|, softplus⁗ = p(1 - 6p), so A = 1, max 1/8 at 0; σ⁗ =
 * p (σ(-z) - σ(z)) (1 - 12p), |.| <= 2p; (½σ²)⁗ = σσ⁗ + 4σ'σ‴ + 3σ″² <= 2p + 4p² + 3p² <=
 * 3.75p. The maxima 0.1277 and 0.1391 were found on a 1e-4 grid (tests/test_data.c checks
 * all six bounds). */
static const double measure_m4[2][MEASURES] = {{0.125, 0, 0}, {0.14, 0.128, 0.128}};
static const double measure_decay[2][MEASURES] = {{1, 0, 0}, {3.75, 2, 2}};
static const double measure_coef[2][MEASURES] = {{1, 0, 0}, {1, -1, 1}};

static inline double measure_weight(fit_loss l, int k, double y)
{
    if (l == FIT_XENT || k == 0)
        return 1;
    return k == 1 ? (y > 0 ? y : 0) : (y < 0 ? -y : 0);
}

static inline double measure_phi(fit_loss l, int k, double z)
{
    double e = exp(-fabs(z));
    if (l == FIT_XENT)
        return (z > 0 ? z : 0) + log1p(e);
    double s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    return k == 0 ? 0.5 * s * s : s;
}

/* Σ over a node's rows of the measure part of the loss, row by row. */
static double node_exact(const fit_data *d, const fit_summary *sm, const node *nd, double w,
                         double b)
{
    double acc = 0;
    for (uint32_t k = nd->lo; k < nd->hi; k++) {
        size_t i = sm->order[k];
        double z = w * d->x[i] + b;
        if (d->loss == FIT_XENT)
            acc += measure_phi(FIT_XENT, 0, z);
        else {
            double e = exp(-fabs(z)), s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            acc += 0.5 * s * s - d->y[i] * s;
        }
    }
    return acc;
}

static double node_rule(const fit_data *d, const fit_summary *sm, size_t id, double w, double b)
{
    double acc = 0;
    int sq = d->loss != FIT_XENT;
    for (int k = 0; k < sm->n_measures; k++) {
        const rule *r = &sm->rules[id * (size_t)sm->n_measures + (size_t)k];
        if (r->p1 == 0 && r->p2 == 0)
            continue;
        double v = r->p1 * measure_phi(d->loss, k, w * r->x1 + b);
        if (r->p2 != 0)
            v += r->p2 * measure_phi(d->loss, k, w * r->x2 + b);
        acc += measure_coef[sq][k] * v;
    }
    return acc;
}

/* The sum behind L at (w, b) from the summary, and in *bound the bound on its error.
 *
 * Depth first from the root: a node whose bound is within its rows' share of the tolerance
 * is its rule; otherwise its children are tried, and a leaf is summed row by row. The bound
 * uses |φ⁗| <= min(max, A e^-|z|) over the node's z-range, so nodes far out in the tails,
 * where the loss is nearly linear or flat, are taken whole; the walk goes deep only around
 * z = 0, where the sigmoid bends. */
double fit_summary_sum(const fit_data *d, const fit_summary *sm, double w, double b, double *bound)
{
    if (sm->linear) {
        double c = w * sm->xbar + b - sm->ybar, dw = w - sm->beta;
        *bound = 0;
        return 0.5 * (sm->sxx * dw * dw + sm->n * c * c + sm->sse_min);
    }
    int sq = d->loss != FIT_XENT;
    double w4 = (w * w) * (w * w) / 24, per_row = sm->tol_sum / sm->n, acc = 0, used = 0;
    uint32_t stack[STACK];
    int sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        uint32_t id = stack[--sp];
        const node *nd = &sm->nodes[id];
        const rule *r = &sm->rules[id * (size_t)sm->n_measures];
        double e = 0;
        for (int k = 0; k < sm->n_measures; k++)
            e += measure_m4[sq][k] * r[k].q;
        e *= w4;
        double allowed = per_row * (double)nd->hi - used;
        if (!(e <= allowed)) {
            /* Too much with the plain maximum of |φ⁗|: try its decay over the z-range. */
            double z1 = w * nd->xlo + b, z2 = w * nd->xhi + b;
            double zlo = fmin(z1, z2), zhi = fmax(z1, z2);
            double dist = zlo > 0 ? zlo : zhi < 0 ? -zhi : 0;
            if (dist > 0) {
                double decay = exp(-dist);
                e = 0;
                for (int k = 0; k < sm->n_measures; k++)
                    e += fmin(measure_m4[sq][k], measure_decay[sq][k] * decay) * r[k].q;
                e *= w4;
            }
        }
        /* The rows before this node and its own may spend their shares: what nodes to the
         * left left unused (the flat tails, mostly) goes to the bend. */
        if (e <= allowed) {
            acc += node_rule(d, sm, id, w, b);
            used += e;
        } else if (nd->left == 0 || sp + 2 > STACK) {
            acc += node_exact(d, sm, nd, w, b);
        } else {
            stack[sp++] = nd->right;
            stack[sp++] = nd->left;
        }
    }
    *bound = used;
    if (sq)
        return acc + sm->half_syy;
    return acc - (w * sm->sxy + b * sm->sy);
}

/* Weight, mean and central moment sums M2..M4 of a measure over some rows, and Pébay's
 * update for two disjoint sets of rows (stable: no raw power sums). */
typedef struct {
    double w, mean, m2, m3, m4;
} moments;

static moments merge(moments a, moments b)
{
    if (!(a.w > 0))
        return b;
    if (!(b.w > 0))
        return a;
    moments c;
    double n = a.w + b.w, d = b.mean - a.mean, d2 = d * d, nab = a.w * b.w;
    c.w = n;
    c.mean = a.mean + d * b.w / n;
    c.m2 = a.m2 + b.m2 + d2 * nab / n;
    c.m3 =
        a.m3 + b.m3 + d2 * d * nab * (a.w - b.w) / (n * n) + 3 * d * (a.w * b.m2 - b.w * a.m2) / n;
    c.m4 = a.m4 + b.m4 + d2 * d2 * nab * (a.w * a.w - nab + b.w * b.w) / (n * n * n) +
           6 * d2 * (a.w * a.w * b.m2 + b.w * b.w * a.m2) / (n * n) +
           4 * d * (a.w * b.m3 - b.w * a.m3) / n;
    return c;
}

/* The two-point Gauss rule with a node's moments: points m + t at the roots of t² - (μ3/μ2) t
 * - μ2, the degree-2 orthogonal polynomial of its rows (exact for cubics in x). */
static rule make_rule(moments m, double xlo, double xhi)
{
    rule r = {0, 0, 0, 0, 0};
    if (!(m.w > 0))
        return r;
    double mean = fmin(fmax(m.mean, xlo), xhi), mu2 = m.m2 / m.w, a = (m.m3 / m.w) / mu2;
    if (!(mu2 > 0) || !isfinite(a) || xlo == xhi) {
        r.x1 = r.x2 = mean;
        r.p1 = m.w;
        r.q = fmax(m.m4, 0);
        return r;
    }
    /* The larger root first, then the other from the product -μ2, so neither cancels. */
    double rt = sqrt(a * a + 4 * mu2), t2 = a >= 0 ? 0.5 * (a + rt) : 0.5 * (a - rt);
    double t1 = -mu2 / t2;
    if (t1 > t2) {
        double tmp = t1;
        t1 = t2;
        t2 = tmp;
    }
    r.x1 = fmin(fmax(mean + t1, xlo), xhi);
    r.x2 = fmin(fmax(mean + t2, xlo), xhi);
    r.p1 = m.w * t2 / (t2 - t1);
    r.p2 = m.w - r.p1;
    r.q = fmax(m.m4, 0) + r.p1 * (t1 * t1) * (t1 * t1) + r.p2 * (t2 * t2) * (t2 * t2);
    return r;
}

/* Builds the subtree over order[lo..hi) (post-order moments: leaves two-pass, parents by
 * merging children) and returns its node's index; *distinct is the number of distinct x in it,
 * counted up to 3. A node never splits a run of equal x: it splits at the change of x nearest
 * its middle, and a node of one x is a leaf of any size. A rule on at most two distinct x is
 * exact (its two points are those x), so its q is 0. */
static bool build_node(const fit_data *d, fit_summary *sm, uint32_t lo, uint32_t hi, int depth,
                       moments *out, int *distinct, uint32_t *index)
{
    if (sm->n_nodes == sm->cap) {
        size_t cap = 2 * sm->cap;
        node *nodes = realloc(sm->nodes, cap * sizeof *nodes);
        if (nodes)
            sm->nodes = nodes;
        rule *rules =
            nodes ? realloc(sm->rules, cap * (size_t)sm->n_measures * sizeof *rules) : NULL;
        if (!rules)
            return false;
        sm->rules = rules;
        sm->cap = cap;
    }
    uint32_t id = (uint32_t)sm->n_nodes++;
    *index = id;
    node *nd = &sm->nodes[id];
    nd->lo = lo;
    nd->hi = hi;
    nd->xlo = d->x[sm->order[lo]];
    nd->xhi = d->x[sm->order[hi - 1]];
    nd->left = nd->right = 0;
    /* The depth limit only matters for runs of equal x laid out to unbalance every split; a
     * deeper node is a (large) leaf, still exact or within its bound. */
    if (hi - lo <= FIT_LEAF || nd->xlo == nd->xhi || depth >= STACK - 8) {
        *distinct = 1;
        for (uint32_t j = lo + 1; j < hi && *distinct < 3; j++)
            *distinct += d->x[sm->order[j]] != d->x[sm->order[j - 1]];
        for (int k = 0; k < sm->n_measures; k++) {
            moments m = {0, 0, 0, 0, 0};
            double sx = 0;
            for (uint32_t j = lo; j < hi; j++) {
                size_t i = sm->order[j];
                double a = measure_weight(d->loss, k, d->y[i]);
                m.w += a;
                sx += a * d->x[i];
            }
            m.mean = m.w > 0 ? sx / m.w : 0;
            for (uint32_t j = lo; j < hi; j++) {
                size_t i = sm->order[j];
                double a = measure_weight(d->loss, k, d->y[i]), t = d->x[i] - m.mean;
                m.m2 += a * t * t;
                m.m3 += a * t * t * t;
                m.m4 += a * (t * t) * (t * t);
            }
            out[k] = m;
        }
    } else {
        moments a[MEASURES], c[MEASURES];
        uint32_t mid = lo + (hi - lo) / 2, up = mid, down = mid;
        while (up < hi && d->x[sm->order[up]] == d->x[sm->order[up - 1]])
            up++;
        while (down > lo + 1 && d->x[sm->order[down]] == d->x[sm->order[down - 1]])
            down--;
        if (d->x[sm->order[down]] == d->x[sm->order[down - 1]])
            mid = up; /* no change of x left of the middle */
        else
            mid = up < hi && up - mid <= mid - down ? up : down;
        int da, dc;
        uint32_t l, r;
        if (!build_node(d, sm, lo, mid, depth + 1, a, &da, &l) ||
            !build_node(d, sm, mid, hi, depth + 1, c, &dc, &r))
            return false;
        sm->nodes[id].left = l;
        sm->nodes[id].right = r;
        *distinct = da + dc < 3 ? da + dc : 3;
        for (int k = 0; k < sm->n_measures; k++)
            out[k] = merge(a[k], c[k]);
    }
    for (int k = 0; k < sm->n_measures; k++) {
        rule *r = &sm->rules[id * (size_t)sm->n_measures + (size_t)k];
        *r = make_rule(out[k], sm->nodes[id].xlo, sm->nodes[id].xhi);
        if (*distinct <= 2)
            r->q = 0;
    }
    return true;
}

void fit_summary_free(fit_summary *sm)
{
    if (!sm)
        return;
    free(sm->order);
    free(sm->nodes);
    free(sm->rules);
    free(sm);
}

fit_summary *fit_summary_linear(const fit_data *d)
{
    fit_summary *sm = calloc(1, sizeof *sm);
    if (!sm)
        return NULL;
    double sx = 0, sy = 0, n = (double)d->n;
    for (size_t i = 0; i < d->n; i++) {
        sx += d->x[i];
        sy += d->y[i];
    }
    double xb = sx / n, yb = sy / n, sxx = 0, sxy = 0;
    for (size_t i = 0; i < d->n; i++) {
        double dx = d->x[i] - xb;
        sxx += dx * dx;
        sxy += dx * (d->y[i] - yb);
    }
    double beta = sxy / sxx, sse = 0;
    for (size_t i = 0; i < d->n; i++) {
        double r = (d->y[i] - yb) - beta * (d->x[i] - xb);
        sse += r * r;
    }
    sm->linear = true;
    sm->n = n;
    sm->xbar = xb;
    sm->ybar = yb;
    sm->sxx = sxx;
    sm->beta = beta;
    sm->sse_min = sse;
    return sm;
}

/* Sorts the rows by x into order[], ties in row order: a bottom-up merge sort of row indices
 * with one scratch array of the same size (4 bytes a row; a (key, index) array for qsort would
 * need 16). */
static bool sort_rows(const fit_data *d, uint32_t *order)
{
    size_t n = d->n;
    uint32_t *tmp = malloc(n * sizeof *tmp), *a = order, *b = tmp;
    if (!tmp)
        return false;
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n,
                   hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = d->x[a[j]] < d->x[a[i]] ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        uint32_t *t = a;
        a = b;
        b = t;
    }
    if (a != order)
        memcpy(order, a, n * sizeof *order);
    free(tmp);
    return true;
}

fit_summary *fit_summary_sigmoid(const fit_data *d)
{
    fit_summary *sm = calloc(1, sizeof *sm);
    if (!sm)
        return NULL;
    /* The squared losses need the y⁻ measure only when some y < 0. */
    bool negative = false;
    for (size_t i = 0; i < d->n; i++)
        negative |= d->y[i] < 0;
    sm->n_measures = d->loss == FIT_XENT ? 1 : negative ? 3 : 2;
    /* About 4n/FIT_LEAF nodes when x are distinct (leaves of FIT_LEAF/2..FIT_LEAF rows);
     * runs of equal x change that either way, so the arrays grow as needed. */
    sm->cap = 4 * (d->n / FIT_LEAF) + 16;
    sm->order = malloc(d->n * sizeof *sm->order);
    sm->nodes = malloc(sm->cap * sizeof *sm->nodes);
    sm->rules = malloc(sm->cap * (size_t)sm->n_measures * sizeof *sm->rules);
    moments root[MEASURES];
    int distinct;
    uint32_t top;
    if (!sm->order || !sm->nodes || !sm->rules || !sort_rows(d, sm->order) ||
        !build_node(d, sm, 0, (uint32_t)d->n, 0, root, &distinct, &top)) {
        fit_summary_free(sm);
        return NULL;
    }
    node *nodes = realloc(sm->nodes, sm->n_nodes * sizeof *nodes);
    if (nodes)
        sm->nodes = nodes;
    rule *rules = realloc(sm->rules, sm->n_nodes * (size_t)sm->n_measures * sizeof *rules);
    if (rules)
        sm->rules = rules;
    for (size_t i = 0; i < d->n; i++) {
        sm->sxy += d->y[i] * d->x[i];
        sm->sy += d->y[i];
        sm->half_syy += 0.5 * d->y[i] * d->y[i];
    }
    sm->n = (double)d->n;
    /* L = k·sum. Mean losses: |ΔL| <= FIT_VALUE_TOL; half-sse, a sum: FIT_VALUE_TOL per row. */
    sm->tol_sum =
        d->loss == FIT_HALF_SSE ? FIT_VALUE_TOL * sm->n : FIT_VALUE_TOL / fit_loss_scale(d, d->n);
    return sm;
}

bool fit_summary_is_linear(const fit_summary *sm)
{
    return sm->linear;
}

double fit_summary_tolerance(const fit_summary *sm)
{
    return sm->linear ? 0 : sm->tol_sum;
}
