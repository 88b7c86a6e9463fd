// SPDX-License-Identifier: MIT
/* Layer: front. argv into a config (see cli.h). */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "steepest/cli.h"
#include "steepest/frame.h"
#include "steepest/keys.h"
#include "steepest/options.h"
#include "steepest/parse.h"
#include "steepest/source.h"

#define DEFAULT_SURFACE "valley"

void cli_list(const registry *reg, FILE *out)
{
    fprintf(out, "%-11s %-44s %-22s %-17s %s\n", "name", "title", "domain", "start", "eta");
    for (size_t i = 0; i < registry_count(reg); i++) {
        const surface *s = registry_at(reg, i);
        char domain[64], start[48];
        snprintf(domain, sizeof domain, "[%g,%g]x[%g,%g]", s->xmin, s->xmax, s->ymin, s->ymax);
        snprintf(start, sizeof start, "(%g, %g)", s->start_x, s->start_y);
        fprintf(out, "%-11s %-44s %-22s %-17s %g\n", s->name, s->title, domain, start, s->eta);
    }
}

static void surface_names(const registry *reg, FILE *f)
{
    for (size_t i = 0; i < registry_count(reg); i++)
        fprintf(f, "%s%s", i ? ", " : "", registry_at(reg, i)->name);
}

/* One line on stderr, "steepest: " first; returns the usage exit code. */
__attribute__((format(printf, 2, 3))) static int bad(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("steepest: ", err);
    vfprintf(err, fmt, ap);
    fputc('\n', err);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

/* The spelling of the option getopt just rejected, for the message. */
static const char *rejected_option(char **argv, int index, int optopt_value, char *buf, size_t size)
{
    /* As typed: "--surface", not the "-s" getopt reports for an option that has both. */
    if (index > 0 && strncmp(argv[index], "--", 2) == 0) {
        snprintf(buf, size, "%.*s", (int)strcspn(argv[index], "="), argv[index]);
        return buf;
    }
    if (optopt_value > 0 && optopt_value < 256) {
        snprintf(buf, size, "-%c", optopt_value);
        return buf;
    }
    return argv[index];
}

/* An unknown option, or a prefix of several ("--st": --start or --steps). */
static int unknown_option(const char *given, FILE *err)
{
    size_t n, len = strcspn(given, "=");
    const option_spec *t = options_table(&n);
    char matches[256] = "";
    int count = 0;
    if (strncmp(given, "--", 2) == 0 && len > 2)
        for (size_t k = 0; k < n; k++)
            if (t[k].usage && strncmp(t[k].name, given + 2, len - 2) == 0) {
                size_t used = strlen(matches);
                snprintf(matches + used, sizeof matches - used, "%s--%s", count ? ", " : "",
                         t[k].name);
                count++;
            }
    if (count > 1)
        return bad(err, "ambiguous option '%.*s': could be %s", (int)len, given, matches);
    return bad(err, "unknown option '%.60s' (see steepest --help)", given);
}

/* getopt's table, built from the option table. */
static void long_options(struct option *lo, size_t max)
{
    size_t n, k = 0;
    const option_spec *t = options_table(&n);
    for (; k < n && k + 1 < max; k++)
        lo[k] = (struct option){t[k].name, t[k].has_arg, NULL, t[k].id};
    lo[k] = (struct option){NULL, 0, NULL, 0};
}

/* "--name" or "--name=..." of a known long option: an option, not a value (no value steepest
 * takes is spelt so; "-s" is a fine --keys value, and a negative number is "-1.5"). */
static bool looks_like_option(const struct option *lo, const char *s)
{
    if (s[0] != '-' || s[1] != '-')
        return false;
    size_t n = strcspn(s + 2, "=");
    for (; lo->name; lo++)
        if (strlen(lo->name) == n && strncmp(lo->name, s + 2, n) == 0)
            return true;
    return false;
}

int cli_parse(int argc, char **argv, const registry *reg, cli_options *o, FILE *err)
{
    struct option lo[64];
    long_options(lo, sizeof lo / sizeof lo[0]);
    memset(o, 0, sizeof *o);
    o->mode = CLI_VIEW;
    o->surf = registry_find(reg, DEFAULT_SURFACE);
    bool list = false, help = false, version = false;
    const char *steps_arg = NULL;
    bool snapshot = false, probe = false, slice = false, demos = false, points = false;
    o->cols = 80;
    o->rows = 24;

    optind = 0; /* GNU: full re-initialisation, so tests may parse many times */
    opterr = 0;
    int c, prev = 1;
    while ((c = getopt_long(argc, argv, ":hVs:", lo, NULL)) != -1) {
        char buf[64];
        /* "-s --steps 5": the value taken is the next option; say the value is missing. */
        if (optarg && optarg == argv[optind - 1] && c != OPT_KEYS && c != OPT_TITLE &&
            looks_like_option(lo, optarg)) {
            fprintf(err, "steepest: %s needs a value (the next word, '%.40s', is an option)\n",
                    options_flag(c), optarg);
            return CLI_EXIT_USAGE;
        }
        switch (c) {
        case 'h':
            help = true;
            break;
        case 'V':
            version = true;
            break;
        case OPT_LIST:
            list = true;
            break;
        case 's':
            if (!*optarg)
                return bad(err, "%s needs a surface's name or a surface file (see steepest --list)",
                           "--surface");
            o->surf = registry_find(reg, optarg);
            o->surface_name = optarg;
            if (!o->surf && (strchr(optarg, '/') || strstr(optarg, ".surface") ||
                             access(optarg, F_OK) == 0 || source_file_exists(optarg)))
                break; /* a surface file: built after parsing */
            if (!o->surf) {
                fprintf(err, "steepest: --surface: unknown surface '%s'; valid names: ", optarg);
                surface_names(reg, err);
                fputc('\n', err);
                return CLI_EXIT_USAGE;
            }
            break;
        case OPT_START:
            if (!parse_pair(optarg, &o->start_x, &o->start_y))
                return bad(err,
                           "%s: '%s' is not a start point; expected two finite numbers X,Y "
                           "(e.g. --start -1.5,2)",
                           "--start", optarg);
            o->has_start = true;
            break;
        case OPT_ETA:
            if (!parse_double(optarg, &o->eta) || !(o->eta > 0))
                return bad(err, "%s: '%s' is not a learning rate; expected a finite number > 0",
                           "--eta", optarg);
            o->has_eta = true;
            break;
        case OPT_ASCEND:
            o->ascend = true;
            break;
        case OPT_STEPS:
            steps_arg = optarg;
            if (!parse_count(optarg, CLI_MAX_STEPS, &o->steps))
                return bad(err,
                           "%s: '%s' is not a step count; expected a whole number from 0 "
                           "to 10000000",
                           "--steps", optarg);
            o->has_steps = true;
            break;
        case OPT_TRACE:
            if (!*optarg)
                return bad(err, "%s: '%s' is not a file name; expected a path or - for stdout",
                           "--trace", optarg);
            o->trace = optarg;
            break;
        case OPT_SNAPSHOT:
            snapshot = true;
            break;
        case OPT_SIZE:
            if (!parse_size(optarg, &o->cols, &o->rows))
                return bad(err,
                           "%s: '%s' is not a size; expected COLSxROWS, each 1 to 1000 "
                           "(e.g. 80x24)",
                           "--size", optarg);
            break;
        case OPT_KEYS: {
            char what[64];
            int n = keys_parse(optarg, o->keys, CLI_MAX_KEYS, what, sizeof what);
            if (n < 0 && strncmp(what, "more than", 9) == 0)
                return bad(err, "--keys: %s; at most %d in one --keys", what, CLI_MAX_KEYS);
            if (n < 0) /* quote a long argument only in part: the message is one line */
                return bad(err, "--keys: %s in '%.40s%s' is not a key; see steepest --help", what,
                           optarg, strlen(optarg) > 40 ? "..." : "");
            o->n_keys = (size_t)n;
            break;
        }
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                o->color = CLI_COLOR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                o->color = CLI_COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                o->color = CLI_COLOR_NEVER;
            else
                return bad(err, "%s: '%s' is not a choice; expected auto, always or never",
                           "--color", optarg);
            break;
        case OPT_ASCII:
            o->ascii = true;
            break;
        case OPT_MONO:
            o->color = CLI_COLOR_NEVER;
            break;
        case OPT_PROBE:
            probe = true;
            break;
        case OPT_PLAY:
            if (!*optarg)
                return bad(err, "--play: '' is not a demo; expected a file or a demo name");
            o->play = optarg;
            break;
        case OPT_ZOOM:
            if (!parse_double(optarg, &o->zoom) || !(o->zoom >= 1e-3 && o->zoom <= 1e6))
                return bad(err,
                           "--zoom: '%s' is not a zoom; expected a number from 0.001 to "
                           "1000000 (1 fits the domain)",
                           optarg);
            o->has_zoom = true;
            break;
        case OPT_CENTER:
            if (!parse_pair(optarg, &o->center_x, &o->center_y))
                return bad(err, "--center: '%s' is not a point; expected two finite numbers X,Y",
                           optarg);
            o->has_center = true;
            break;
        case OPT_THEME: {
            int t = frame_theme_find(optarg);
            if (t < 0)
                return bad(err, "--theme: '%s' is not a theme; expected dark, light or projector",
                           optarg);
            o->theme = t;
            break;
        }
        case OPT_NUMBERS:
            o->numbers = true;
            break;
        case OPT_KEEP_GOING:
            o->keep_going = true;
            break;
        case OPT_SLICE:
            slice = true;
            break;
        case OPT_OPTIMIZER: {
            char msg[256];
            int n = optspec_parse(optarg, o->walkers, SESSION_MAX_WALKERS, msg, sizeof msg);
            if (n < 0)
                return bad(err, "--optimizer: %s", msg);
            o->n_walkers = (size_t)n;
            break;
        }
        case OPT_RACE:
            o->race = true;
            break;
        case OPT_DEMOS:
            demos = true;
            break;
        case OPT_EXPR:
            o->expr = optarg;
            break;
        case OPT_VARS:
            o->vars = optarg;
            break;
        case OPT_TITLE:
            o->title = optarg;
            break;
        case OPT_QUADRATIC:
            o->quadratic = optarg;
            break;
        case OPT_DOMAIN: {
            char *copy = strdup(optarg), *save = NULL;
            int k = 0;
            for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t && k < 5;
                 t = strtok_r(NULL, ",", &save))
                if (k < 4 && parse_double(t, &o->domain[k]))
                    k++;
                else
                    k = 9;
            free(copy);
            if (k != 4 || !(o->domain[1] > o->domain[0]) || !(o->domain[3] > o->domain[2]))
                return bad(err,
                           "--domain: '%.60s' is not a box; expected XMIN,XMAX,YMIN,YMAX with "
                           "XMIN < XMAX and YMIN < YMAX",
                           optarg);
            o->has_domain = true;
            break;
        }
        case OPT_POINTS:
            points = true;
            break;
        case OPT_DATA:
            o->data = optarg;
            break;
        case OPT_COLUMNS:
            o->columns = optarg;
            break;
        case OPT_MODEL:
            o->model = optarg;
            break;
        case OPT_LOSS:
            o->loss = optarg;
            break;
        case OPT_STANDARDIZE:
            o->standardize = true;
            break;
        case OPT_HOLDOUT:
            if (!parse_double(optarg, &o->holdout) || !(o->holdout >= 0 && o->holdout <= 0.9))
                return bad(err, "--holdout: '%.60s' is not a fraction; expected 0 to 0.9", optarg);
            break;
        case OPT_SEED:
            if (!parse_count(optarg, 4294967295UL, &o->seed))
                return bad(err, "--seed: '%.60s' is not a seed; expected a whole number", optarg);
            break;
        case OPT_BATCH:
            if (!parse_count(optarg, 4294967295UL, &o->batch) || o->batch == 0)
                return bad(err,
                           "--batch: '%.60s' is not a batch size; expected a whole number >= 1",
                           optarg);
            break;
        case OPT_CAST:
            if (!*optarg)
                return bad(err, "--cast: '' is not a file name");
            o->cast = optarg;
            break;
        case OPT_RECORD:
            if (!*optarg)
                return bad(err, "--record: '' is not a file name");
            o->record = optarg;
            break;
        case ':':
            return bad(err, "%s needs a value",
                       rejected_option(argv, optind - 1, optopt, buf, sizeof buf));
        default:
            if (optopt > 0 && optopt < 256)
                return bad(err, "unknown option '-%c' (see steepest --help)", optopt);
            return unknown_option(argv[optind > prev ? optind - 1 : prev], err);
        }
        prev = optind;
    }
    if (optind < argc)
        return bad(err, "unexpected argument '%s' (options start with --; see steepest --help)",
                   argv[optind]);

    if (o->batch && o->n_walkers > 0 && !help && !version && !list && !demos)
        return bad(err, "--batch makes one sgd walker; with --optimizer write sgd:batch=%lu there",
                   o->batch);
    if (o->batch) {
        /* One sgd walker, as --optimizer sgd:batch=B:seed=S would make. */
        optspec *w = &o->walkers[0];
        memset(w, 0, sizeof *w);
        w->type = optimizer_sgd;
        w->params[0] = (double)o->batch;
        w->params[1] = (double)o->seed;
        w->param_given[0] = w->param_given[1] = true;
        o->n_walkers = 1;
    }
    if (help)
        o->mode = CLI_HELP;
    else if (version)
        o->mode = CLI_VERSION;
    else if (list)
        o->mode = CLI_LIST;
    else if (demos)
        o->mode = CLI_DEMOS;
    else if ((o->expr != NULL) + (o->quadratic != NULL) + (o->data != NULL) > 1)
        return bad(err, "--expr, --quadratic and --data each make the surface; use one");
    else if (points)
        o->mode = CLI_POINTS;
    else if (o->cast) {
        if (!o->play)
            return bad(err, "--cast %s needs --play DEMO (the demo to record)", o->cast);
        if (snapshot || probe || slice || o->has_steps || o->trace)
            return bad(err, "--cast records a demo on its own; leave out --snapshot, --probe, "
                            "--slice, --steps and --trace");
        o->mode = CLI_CAST;
    } else if (probe && slice)
        return bad(err, "--probe and --slice print different tables; use one");
    else if (slice) {
        if (snapshot || o->has_steps || o->trace)
            return bad(err, "--slice prints a table on its own; leave out --snapshot, --steps "
                            "and --trace");
        o->mode = CLI_SLICE;
    } else if (probe) {
        if (snapshot || o->has_steps || o->trace)
            return bad(err, "--probe prints a table on its own; leave out --snapshot, --steps "
                            "and --trace");
        o->mode = CLI_PROBE;
    } else if (o->has_steps || o->trace || o->race) {
        if (o->race && !o->has_steps)
            return bad(err, "--race needs --steps N (the most steps each walker may take)");
        if (!o->has_steps)
            return bad(err, "--trace %s needs --steps N (how many steps to take)", o->trace);
        if (!o->trace && !o->race)
            return bad(err,
                       "--steps %s needs --trace FILE or --trace - (where to write the "
                       "CSV)",
                       steps_arg);
        if (snapshot)
            return bad(err, "--snapshot and --steps/--trace do different things; use one");
        o->mode = CLI_BATCH;
    } else if (snapshot) {
        o->mode = CLI_SNAPSHOT;
    }
    return CLI_EXIT_OK;
}
