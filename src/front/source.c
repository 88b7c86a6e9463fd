// SPDX-License-Identifier: MIT
/* Layer: front. Surfaces from formulas, files and data (see source.h). */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "steepest/dataset.h"
#include "steepest/expr.h"
#include "steepest/fit.h"
#include "steepest/source.h"
#include "steepest/surfacefile.h"
#include "steepest/utf8.h"

#ifndef STEEPEST_SURFACE_DIR
#define STEEPEST_SURFACE_DIR "/usr/local/share/steepest/surfaces"
#endif

static int surface_dirs(char dirs[][PATH_MAX], int max)
{
    int n = 0;
    const char *env = getenv("STEEPEST_SURFACE_DIR"), *home = getenv("HOME");
    if (env && *env && n < max && snprintf(dirs[n], PATH_MAX, "%s", env) < PATH_MAX)
        n++;
    if (home && *home && n < max &&
        snprintf(dirs[n], PATH_MAX, "%s/.local/share/steepest/surfaces", home) < PATH_MAX)
        n++;
    if (n < max)
        snprintf(dirs[n++], PATH_MAX, "%s", STEEPEST_SURFACE_DIR);
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (n < max &&
                snprintf(dirs[n], PATH_MAX, "%s/../share/steepest/surfaces", exe) < PATH_MAX)
                n++;
            if (n < max && snprintf(dirs[n], PATH_MAX, "%s/../surfaces/files", exe) < PATH_MAX)
                n++;
        }
    }
    return n;
}

/* The path of a surface file: NAME as given when it exists, else NAME[.surface] in a folder. */
static bool find_file(const char *name, char *path, size_t n)
{
    if (access(name, F_OK) == 0 || strchr(name, '/'))
        return (size_t)snprintf(path, n, "%s", name) < n;
    char dirs[6][PATH_MAX];
    int nd = surface_dirs(dirs, 6);
    for (int d = 0; d < nd; d++)
        for (int k = 0; k < 2; k++)
            if ((size_t)snprintf(path, n, "%s/%s%s", dirs[d], name, k ? ".surface" : "") < n &&
                access(path, F_OK) == 0)
                return true;
    return false;
}

bool source_file_exists(const char *name)
{
    char path[PATH_MAX];
    return find_file(name, path, sizeof path) && access(path, F_OK) == 0;
}

/* A formula error: where, then the formula with a caret under the column. */
static int formula_error(FILE *err, const char *option, const char *text, const expr_error *e)
{
    if (e->col > 0) {
        fprintf(err, "steepest: %s: column %d: %s\n", option, e->col, e->msg);
        fprintf(err, "  %.200s\n  %*s^\n", text, e->col - 1 > 200 ? 200 : e->col - 1, "");
    } else {
        fprintf(err, "steepest: %s: %s\n", option, e->msg);
    }
    return CLI_EXIT_USAGE;
}

static const char *option_of(expr_field f)
{
    switch (f) {
    case EXPR_AT_VARS:
        return "--vars";
    case EXPR_AT_NAME:
        return "--title";
    case EXPR_AT_DOMAIN:
        return "--domain";
    case EXPR_AT_START:
        return "--start";
    case EXPR_AT_ETA:
        return "--eta";
    default:
        return "--expr";
    }
}

static int use(cli_options *o, registry *reg, surface *s, FILE *err)
{
    if (!registry_add(reg, s)) { /* a name already listed: say so rather than shadow it */
        fprintf(err, "steepest: a surface of that name is already listed (see --list)\n");
        return CLI_EXIT_USAGE;
    }
    o->surf = s;
    return CLI_EXIT_OK;
}

/* Outside text for a message: at most 60 bytes of whole characters, controls as '?'. */
static void quote_arg(const char *s, char *out, size_t n)
{
    snprintf(out, n, "%.*s", (int)utf8_prefix(s, strlen(s), n - 4 < 60 ? n - 4 : 60), s);
    utf8_sanitize(out);
}

/* The surface's name in the panel: a shipped set's, or the file's base name without its
 * extension ("stdin" for -); "-std" when standardized, as the demos name theirs; "-data" after
 * a name already listed (a file called valley.csv). */
static void data_name(const registry *reg, const cli_options *o, const dataset_shipped *shipped,
                      char *name, size_t n)
{
    const char *base = strrchr(o->data, '/');
    base = shipped                     ? shipped->name
           : strcmp(o->data, "-") == 0 ? "stdin"
           : base                      ? base + 1
                                       : o->data;
    const char *dot = shipped ? NULL : strrchr(base, '.');
    int len = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    len = len > 40 ? (int)utf8_prefix(base, (size_t)len, 40) : len;
    snprintf(name, n, "%.*s%s", len, base, o->standardize ? "-std" : "");
    utf8_sanitize(name);
    if (!name[0] || registry_find(reg, name)) {
        size_t used = strlen(name);
        snprintf(name + used, n - used, "%s", "-data");
    }
}

static int build_data(cli_options *o, registry *reg, FILE *err)
{
    dataset d;
    char msg[512], name[64];
    const dataset_shipped *shipped = dataset_find(o->data);
    data_name(reg, o, shipped, name, sizeof name);
    fit_options fo = {FIT_LINEAR, FIT_LOSS_DEFAULT, o->standardize, o->holdout, o->seed, name,
                      NULL};
    if (shipped && strcmp(shipped->model, "logistic") == 0)
        fo.model = FIT_LOGISTIC;
    if (o->model && !fit_model_parse(o->model, &fo.model)) {
        fprintf(err,
                "steepest: --model: '%.40s' is not a model; expected linear, neuron or "
                "logistic\n",
                o->model);
        return CLI_EXIT_USAGE;
    }
    if (o->loss && !fit_loss_parse(o->loss, &fo.loss)) {
        fprintf(err, "steepest: --loss: '%.40s' is not a loss; expected mse, half-sse or xent\n",
                o->loss);
        return CLI_EXIT_USAGE;
    }
    char xcol[128] = "", ycol[128] = "";
    dataset_options dopt = {NULL, NULL, fo.model == FIT_LOGISTIC, 0, fo.model == FIT_NEURON};
    if (o->columns) {
        const char *comma = strchr(o->columns, ',');
        if (!comma || strchr(comma + 1, ',') || comma == o->columns || !comma[1] ||
            (size_t)(comma - o->columns) >= sizeof xcol || strlen(comma + 1) >= sizeof ycol) {
            char shown[64];
            quote_arg(o->columns, shown, sizeof shown);
            fprintf(err,
                    "steepest: --columns: '%s' is not two columns; expected X,Y by name or "
                    "number\n",
                    shown);
            return CLI_EXIT_USAGE;
        }
        snprintf(xcol, sizeof xcol, "%.*s", (int)(comma - o->columns), o->columns);
        snprintf(ycol, sizeof ycol, "%s", comma + 1);
        dopt.x_column = xcol;
        dopt.y_column = ycol;
    }
    if (shipped && o->columns) {
        fprintf(err,
                "steepest: --columns picks columns of a CSV file, and '%s' is a shipped set (%s "
                "-> %s); for other columns read its file: --data %s/%s --columns X,Y\n",
                shipped->name, shipped->x_name, shipped->y_name, STEEPEST_DATASET_DIR,
                shipped->file);
        return CLI_EXIT_USAGE;
    }
    if (!shipped && strcmp(o->data, "-") != 0 && !strchr(o->data, '/') &&
        access(o->data, F_OK) != 0) {
        char shown[64];
        quote_arg(o->data, shown, sizeof shown);
        fprintf(err,
                "steepest: --data: '%s' is neither a file nor a shipped data set; shipped: %s\n",
                shown, dataset_shipped_names());
        return CLI_EXIT_USAGE;
    }
    bool ok = shipped ? dataset_from_shipped(shipped, &d)
                      : dataset_load(o->data, &dopt, &d, msg, sizeof msg);
    if (!ok) {
        if (shipped)
            snprintf(msg, sizeof msg, "out of memory");
        fprintf(err, "steepest: --data: %s\n", msg);
        return shipped ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
    }
    surface *s = fit_create(&d, &fo, msg, sizeof msg);
    dataset_free(&d);
    if (!s) {
        fprintf(err, "steepest: --data %s: %s\n", o->data, msg);
        return CLI_EXIT_USAGE;
    }
    const char *about = fit_describe(s);
    snprintf(o->note, sizeof o->note, "%s", about ? about : "");
    return use(o, reg, s, err);
}

static int source_make(cli_options *o, registry *reg, FILE *err);

int source_build(cli_options *o, registry *reg, FILE *err)
{
    int rc = source_make(o, reg, err);
    if (rc == CLI_EXIT_OK && o->batch && o->surf && !fit_data_of(o->surf)) {
        fprintf(err,
                "steepest: --batch needs a model on data: --data FILE or a shipped set, or "
                "the neuron or logistic surface (%s is a formula, not data)\n",
                o->surf->name);
        return CLI_EXIT_USAGE;
    }
    return rc;
}

static int source_make(cli_options *o, registry *reg, FILE *err)
{
    expr_error e;
    memset(&e, 0, sizeof e);
    surface *s = NULL;
    if (o->data)
        return build_data(o, reg, err);
    if (o->expr) {
        expr_spec spec = {o->expr,      o->vars,
                          NULL,         o->title,
                          NULL,         o->has_domain,
                          o->domain[0], o->domain[1],
                          o->domain[2], o->domain[3],
                          o->has_start, o->start_x,
                          o->start_y,   0};
        s = expr_surface(&spec, &e, o->note, sizeof o->note);
        if (!s)
            return formula_error(err, option_of(e.field),
                                 e.field == EXPR_AT_VARS ? o->vars : o->expr, &e);
        return use(o, reg, s, err);
    }
    if (o->quadratic) {
        s = expr_quadratic_arg(o->quadratic, &e, o->note, sizeof o->note);
        if (!s) {
            fprintf(err, "steepest: --quadratic: %s (expected L1,L2,ANGLE, e.g. 1,10,30)\n", e.msg);
            return CLI_EXIT_USAGE;
        }
        return use(o, reg, s, err);
    }
    if (o->surface_name && !o->surf) {
        char path[PATH_MAX], msg[512];
        if (!find_file(o->surface_name, path, sizeof path)) {
            fprintf(err, "steepest: --surface: no surface or surface file '%.200s'\n",
                    o->surface_name);
            return CLI_EXIT_USAGE;
        }
        s = surfacefile_load(path, msg, sizeof msg, o->note, sizeof o->note);
        if (!s) {
            fprintf(err, "steepest: %s\n", msg);
            return CLI_EXIT_USAGE;
        }
        return use(o, reg, s, err);
    }
    return CLI_EXIT_OK;
}

void source_list_files(FILE *out)
{
    char dirs[6][PATH_MAX];
    int nd = surface_dirs(dirs, 6);
    for (int d = 0; d < nd; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir)
            continue;
        struct dirent *ent;
        bool header = false;
        while ((ent = readdir(dir))) {
            size_t len = strlen(ent->d_name);
            if (len < 9 || strcmp(ent->d_name + len - 8, ".surface") != 0)
                continue;
            if (!header)
                fprintf(out, "\nSurface files in %s (steepest --surface NAME):\n", dirs[d]);
            header = true;
            fprintf(out, "  %.*s\n", (int)(len - 8), ent->d_name);
        }
        closedir(dir);
        if (header)
            return;
    }
}

int source_points(const cli_options *o, FILE *out)
{
    const surface *s = o->surf;
    fprintf(out, "x,y,L,kind\n");
    for (size_t k = 0; k < s->n_points; k++) {
        const surface_point *p = &s->points[k];
        fprintf(out, "%.17g,%.17g,%.17g,%s%s\n", p->x, p->y, p->value,
                p->degenerate ? "degenerate-" : "", surface_point_kind_name(p->kind));
    }
    return CLI_EXIT_OK;
}
