/* Layer: model. The optimizer types (see optimizer.h). */
#include <string.h>

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

static const optimizer_type gd_type = {"gd",    0,          0,       NULL,   NULL,
                                       gd_init, gd_preview, gd_step, gd_free};

const optimizer_type *const optimizer_gd = &gd_type;

static const optimizer_type *const types[] = {&gd_type};

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
