#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steepest/analysis.h"
#include "steepest/app.h"
#include "steepest/cli.h"
#include "steepest/frame.h"
#include "steepest/session.h"
#include "steepest/trace.h"

#ifndef STEEPEST_VERSION
#define STEEPEST_VERSION "unknown"
#endif

#define DEFAULT_SURFACE "valley"

enum {
    OPT_LIST = 256,
    OPT_START,
    OPT_ETA,
    OPT_ASCEND,
    OPT_STEPS,
    OPT_TRACE,
    OPT_SNAPSHOT,
    OPT_SIZE,
    OPT_KEYS,
    OPT_COLOR,
    OPT_ASCII,
    OPT_MONO,
    OPT_PROBE,
    OPT_PLAY,
    OPT_ZOOM,
    OPT_CENTER,
    OPT_THEME,
    OPT_NUMBERS,
};

static const struct option long_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"list", no_argument, NULL, OPT_LIST},
    {"surface", required_argument, NULL, 's'},
    {"start", required_argument, NULL, OPT_START},
    {"eta", required_argument, NULL, OPT_ETA},
    {"ascend", no_argument, NULL, OPT_ASCEND},
    {"steps", required_argument, NULL, OPT_STEPS},
    {"trace", required_argument, NULL, OPT_TRACE},
    {"snapshot", no_argument, NULL, OPT_SNAPSHOT},
    {"size", required_argument, NULL, OPT_SIZE},
    {"keys", required_argument, NULL, OPT_KEYS},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"ascii", no_argument, NULL, OPT_ASCII},
    {"mono", no_argument, NULL, OPT_MONO},
    {"probe", no_argument, NULL, OPT_PROBE},
    {"play", required_argument, NULL, OPT_PLAY},
    {"zoom", required_argument, NULL, OPT_ZOOM},
    {"center", required_argument, NULL, OPT_CENTER},
    {"theme", required_argument, NULL, OPT_THEME},
    {"numbers", no_argument, NULL, OPT_NUMBERS},
    {NULL, 0, NULL, 0},
};

void cli_usage(FILE *out)
{
    fputs("steepest " STEEPEST_VERSION " - see why gradient descent moves against the gradient\n"
          "\n"
          "Usage:\n"
          "  steepest [--surface NAME] [--start X,Y] [--eta E] [--ascend] [--ascii] [--mono]\n"
          "  steepest ... --steps N --trace FILE|-\n"
          "  steepest ... --snapshot [--size COLSxROWS] [--keys KEYS] [--color=WHEN]\n"
          "  steepest [--surface NAME] [--start X,Y] [--eta E] --probe\n"
          "  steepest --play FILE|NAME [--snapshot ...]\n"
          "  steepest --list | --help | --version\n"
          "\n"
          "With no --steps or --snapshot, steepest opens the interactive view (press ? there\n"
          "for every key).\n"
          "\n"
          "Options:\n"
          "  -s, --surface NAME  loss surface to explore (default " DEFAULT_SURFACE
          "; see --list)\n"
          "      --start X,Y     start point theta0 (default: the surface's own)\n"
          "      --eta E         learning rate, a finite number > 0 (default: the surface's)\n"
          "      --ascend        step uphill, along +grad L, instead of downhill\n"
          "      --ascii         ASCII glyphs only, even in a UTF-8 locale\n"
          "      --mono          no colours (same as --color=never; NO_COLOR also works)\n"
          "      --theme NAME    dark (default), light, or projector (thick lines, big marks)\n"
          "      --numbers       numbers-only view: the panel and a description in words,\n"
          "                      no drawing (for screen readers and narrow terminals)\n"
          "      --zoom Z        zoom the view (1 fits the domain; 2 shows half as much)\n"
          "      --center X,Y    the point at the middle of the view\n"
          "      --play DEMO     play a demo script (a file, or a shipped demo's name such as\n"
          "                      why-gradient); p pauses, space goes on, Esc takes over\n"
          "      --color=WHEN    auto, always or never (default auto)\n"
          "      --steps N       batch mode: take N steps (0 to 10000000) without a terminal\n"
          "      --trace FILE|-  batch mode: write the walk as CSV to FILE, or - for stdout\n"
          "      --snapshot      print the screen the interactive view would show, as text\n"
          "      --probe         print the Taylor terms of a step along u, every 15 degrees\n"
          "                      from grad L: beta, cos beta, dL1, dL2, dL1+dL2, actual dL\n"
          "      --size CxR      --snapshot size in cells (default 80x24)\n"
          "      --keys KEYS     --snapshot: press these keys first, e.g. '   a  ++';\n"
          "                      <Enter> <Esc> <Space> <BS> <Left> <Right> <Up> <Down>\n"
          "                      <S-Left> <S-Right> <S-Up> <S-Down> <lt> name the others\n"
          "      --list          list the surfaces with their domain, start and eta\n"
          "  -h, --help          show this help\n"
          "  -V, --version       show the version\n"
          "\n"
          "Trace columns: " TRACE_HEADER "\n"
          "Exit status: 0 success, 2 bad usage or input, 1 any other failure.\n",
          out);
}

void cli_list(FILE *out)
{
    fprintf(out, "%-11s %-44s %-22s %-17s %s\n", "name", "title", "domain", "start", "eta");
    for (size_t i = 0; i < surface_count(); i++) {
        const surface *s = surface_at(i);
        char domain[64], start[48];
        snprintf(domain, sizeof domain, "[%g,%g]x[%g,%g]", s->xmin, s->xmax, s->ymin, s->ymax);
        snprintf(start, sizeof start, "(%g, %g)", s->start_x, s->start_y);
        fprintf(out, "%-11s %-44s %-22s %-17s %g\n", s->name, s->title, domain, start, s->eta);
    }
}

bool cli_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end != '\0' || end == s || !isfinite(v) || errno == ERANGE)
        return false;
    *out = v;
    return true;
}

bool cli_parse_pair(const char *s, double *x, double *y)
{
    const char *comma = s ? strchr(s, ',') : NULL;
    if (!comma || strchr(comma + 1, ','))
        return false;
    char first[64];
    size_t n = (size_t)(comma - s);
    if (n == 0 || n >= sizeof first)
        return false;
    memcpy(first, s, n);
    first[n] = '\0';
    double a, b;
    if (!cli_parse_double(first, &a) || !cli_parse_double(comma + 1, &b))
        return false;
    *x = a;
    *y = b;
    return true;
}

bool cli_parse_count(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !*s)
        return false;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    errno = 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (errno == ERANGE || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

bool cli_parse_size(const char *s, int *cols, int *rows)
{
    const char *x = s ? strchr(s, 'x') : NULL;
    if (!x)
        return false;
    char first[16];
    size_t n = (size_t)(x - s);
    if (n == 0 || n >= sizeof first)
        return false;
    memcpy(first, s, n);
    first[n] = '\0';
    unsigned long c, r;
    if (!cli_parse_count(first, 1000, &c) || !cli_parse_count(x + 1, 1000, &r) || c == 0 || r == 0)
        return false;
    *cols = (int)c;
    *rows = (int)r;
    return true;
}

static const struct {
    const char *name;
    int key;
} key_names[] = {
    {"Enter", APP_KEY_ENTER},
    {"Esc", APP_KEY_ESC},
    {"Space", ' '},
    {"BS", APP_KEY_BACKSPACE},
    {"Left", APP_KEY_LEFT},
    {"Right", APP_KEY_RIGHT},
    {"Up", APP_KEY_UP},
    {"Down", APP_KEY_DOWN},
    {"S-Left", APP_KEY_SLEFT},
    {"S-Right", APP_KEY_SRIGHT},
    {"S-Up", APP_KEY_SUP},
    {"S-Down", APP_KEY_SDOWN},
    {"lt", '<'},
};

int cli_parse_keys(const char *s, int *keys, size_t max, char *bad, size_t n)
{
    size_t count = 0;
    while (*s) {
        int key = (unsigned char)*s;
        const char *close = *s == '<' ? strchr(s, '>') : NULL;
        size_t len = 1;
        if (close && close - s > 1) {
            size_t k = 0, nn = sizeof key_names / sizeof key_names[0];
            size_t name_len = (size_t)(close - s - 1);
            while (k < nn && !(strlen(key_names[k].name) == name_len &&
                               strncmp(key_names[k].name, s + 1, name_len) == 0))
                k++;
            if (k == nn) {
                snprintf(bad, n, "%.*s", (int)(close - s + 1), s);
                return -1;
            }
            key = key_names[k].key;
            len = (size_t)(close - s + 1);
        } else if (key >= 0x80 || (key < 0x20 && key != '\n')) {
            snprintf(bad, n, "\\x%02x", key);
            return -1;
        }
        if (count == max) {
            snprintf(bad, n, "more than %zu keys", max);
            return -1;
        }
        keys[count++] = key == '\n' ? APP_KEY_ENTER : key;
        s += len;
    }
    return (int)count;
}

static void surface_names(FILE *f)
{
    for (size_t i = 0; i < surface_count(); i++)
        fprintf(f, "%s%s", i ? ", " : "", surface_at(i)->name);
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
    if (optopt_value > 0 && optopt_value < 256) {
        snprintf(buf, size, "-%c", optopt_value);
        return buf;
    }
    return argv[index];
}

int cli_parse(int argc, char **argv, cli_options *o, FILE *err)
{
    memset(o, 0, sizeof *o);
    o->mode = CLI_VIEW;
    o->surf = surface_find(DEFAULT_SURFACE);
    bool list = false, help = false, version = false;
    const char *steps_arg = NULL;
    bool snapshot = false, keys_given = false, probe = false;
    o->cols = 80;
    o->rows = 24;

    optind = 0; /* GNU: full re-initialisation, so tests may parse many times */
    opterr = 0;
    int c, prev = 1;
    while ((c = getopt_long(argc, argv, ":hVs:", long_options, NULL)) != -1) {
        char buf[8];
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
            o->surf = surface_find(optarg);
            if (!o->surf) {
                fprintf(err, "steepest: --surface: unknown surface '%s'; valid names: ", optarg);
                surface_names(err);
                fputc('\n', err);
                return CLI_EXIT_USAGE;
            }
            break;
        case OPT_START:
            if (!cli_parse_pair(optarg, &o->start_x, &o->start_y))
                return bad(err,
                           "%s: '%s' is not a start point; expected two finite numbers X,Y "
                           "(e.g. --start -1.5,2)",
                           "--start", optarg);
            o->has_start = true;
            break;
        case OPT_ETA:
            if (!cli_parse_double(optarg, &o->eta) || !(o->eta > 0))
                return bad(err, "%s: '%s' is not a learning rate; expected a finite number > 0",
                           "--eta", optarg);
            o->has_eta = true;
            break;
        case OPT_ASCEND:
            o->ascend = true;
            break;
        case OPT_STEPS:
            steps_arg = optarg;
            if (!cli_parse_count(optarg, CLI_MAX_STEPS, &o->steps))
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
            if (!cli_parse_size(optarg, &o->cols, &o->rows))
                return bad(err,
                           "%s: '%s' is not a size; expected COLSxROWS, each 1 to 1000 "
                           "(e.g. 80x24)",
                           "--size", optarg);
            break;
        case OPT_KEYS: {
            char what[64];
            int n = cli_parse_keys(optarg, o->keys, CLI_MAX_KEYS, what, sizeof what);
            if (n < 0)
                return bad(err, "--keys: %s in '%s' is not a key; see steepest --help", what,
                           optarg);
            o->n_keys = (size_t)n;
            keys_given = true;
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
            if (!cli_parse_double(optarg, &o->zoom) || !(o->zoom >= 1e-3 && o->zoom <= 1e6))
                return bad(err,
                           "--zoom: '%s' is not a zoom; expected a number from 0.001 to "
                           "1000000 (1 fits the domain)",
                           optarg);
            o->has_zoom = true;
            break;
        case OPT_CENTER:
            if (!cli_parse_pair(optarg, &o->center_x, &o->center_y))
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
        case ':':
            return bad(err, "%s needs a value",
                       rejected_option(argv, optind - 1, optopt, buf, sizeof buf));
        default:
            return bad(
                err, "unknown option '%s' (see steepest --help)",
                rejected_option(argv, optind > prev ? optind - 1 : prev, optopt, buf, sizeof buf));
        }
        prev = optind;
    }
    if (optind < argc)
        return bad(err, "unexpected argument '%s' (options start with --; see steepest --help)",
                   argv[optind]);

    if (help)
        o->mode = CLI_HELP;
    else if (version)
        o->mode = CLI_VERSION;
    else if (list)
        o->mode = CLI_LIST;
    else if (probe) {
        if (snapshot || o->has_steps || o->trace)
            return bad(err, "--probe prints a table on its own; leave out --snapshot, --steps "
                            "and --trace");
        o->mode = CLI_PROBE;
    } else if (o->has_steps || o->trace) {
        if (!o->has_steps)
            return bad(err, "--trace %s needs --steps N (how many steps to take)", o->trace);
        if (!o->trace)
            return bad(err,
                       "--steps %s needs --trace FILE or --trace - (where to write the "
                       "CSV)",
                       steps_arg);
        if (snapshot)
            return bad(err, "--snapshot and --steps/--trace do different things; use one");
        o->mode = CLI_BATCH;
    } else if (snapshot) {
        o->mode = CLI_SNAPSHOT;
    } else if (keys_given) {
        return bad(err, "--keys needs --snapshot (in the interactive view, press the keys)");
    }
    return CLI_EXIT_OK;
}

/* Opens a temporary file beside `path`, to be renamed over it only once complete. */
static FILE *open_temp_beside(const char *path, char **tmp_path)
{
    size_t n = strlen(path) + sizeof ".XXXXXX";
    char *t = malloc(n);
    if (!t)
        return NULL;
    snprintf(t, n, "%s.XXXXXX", path);
    int fd = mkstemp(t);
    if (fd < 0) {
        int e = errno;
        free(t);
        errno = e;
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(t);
        free(t);
        errno = e;
        return NULL;
    }
    *tmp_path = t;
    return f;
}

/* A session on o->surf with --start, --eta and --ascend applied; false (said on err) if out
 * of memory. */
static bool open_session(const cli_options *o, session *ss, FILE *err)
{
    if (!session_init(ss, o->surf)) {
        fputs("steepest: out of memory\n", err);
        return false;
    }
    cli_apply(o, ss);
    return true;
}

int cli_probe(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!open_session(o, &ss, err))
        return CLI_EXIT_FAIL;
    analysis_hessian h = analysis_hessian_at(ss.surf, ss.x, ss.y);
    fprintf(out, "# surface %s, theta (%.6g, %.6g), eta %.6g\n", ss.surf->name, ss.x, ss.y, ss.eta);
    fprintf(out, "# L %.6g, grad (%.6g, %.6g), |grad| %.6g\n", ss.loss, ss.gx, ss.gy, ss.gnorm);
    fprintf(out, "# Hessian eigenvalues %.6g, %.6g; 2/lambda_max %.6g\n", h.lambda_min,
            h.lambda_max, h.eta_bound);
    fprintf(out, "# u at beta degrees from grad L; dL1 = eta u.grad, dL2 = eta^2 u.H.u / 2\n");
    fprintf(out, "%6s %12s %12s %12s %12s %12s\n", "beta", "cos_beta", "dL1", "dL2", "dL1+dL2",
            "actual_dL");
    for (int beta = 0; beta < 360; beta += 15) {
        analysis_probe p = analysis_probe_at(&ss, beta);
        fprintf(out, "%6d %12.6g %12.6g %12.6g %12.6g %12.6g\n", beta, p.cos_beta, p.first,
                p.second, p.predicted, p.actual);
    }
    session_free(&ss);
    return CLI_EXIT_OK;
}

void cli_apply_view(const cli_options *o, void *app_ptr)
{
    app *a = app_ptr;
    cli_apply(o, &a->ss);
    if (o->has_zoom)
        view_zoom(&a->v, a->ss.surf, o->zoom);
    if (o->has_center) {
        a->v.cx = o->center_x;
        a->v.cy = o->center_y;
    }
    a->theme = o->theme;
    a->numbers = o->numbers;
}

#ifndef STEEPEST_DEMO_DIR
#define STEEPEST_DEMO_DIR "/usr/local/share/steepest/demos"
#endif

void cli_demo_path(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s", name);
    if (strchr(name, '/') || access(name, F_OK) == 0)
        return;
    static const char *const suffix[] = {"", ".demo"};
    for (int k = 0; k < 2; k++) {
        snprintf(buf, n, "%s/%s%s", STEEPEST_DEMO_DIR, name, suffix[k]);
        if (access(buf, F_OK) == 0)
            return;
    }
    snprintf(buf, n, "%s", name); /* not found anywhere: report the name as given */
}

void cli_apply(const cli_options *o, session *ss)
{
    if (o->has_start)
        session_set_start(ss, o->start_x, o->start_y);
    if (o->has_eta)
        session_set_eta(ss, o->eta);
    session_set_ascend(ss, o->ascend);
}

/* Where the CSV goes: stdout, a device or pipe written in place (/dev/stdout, a FIFO), or
 * a temporary file beside a regular file, renamed over it only once complete. */
typedef enum { DEST_STDOUT, DEST_IN_PLACE, DEST_TEMP } trace_dest;

static FILE *open_trace(const char *path, FILE *out, trace_dest *dest, char **tmp_path, FILE *err)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        *dest = DEST_STDOUT;
        return out;
    }
    bool exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        fprintf(err, "steepest: --trace: '%s' is a directory; expected a file name or -\n", path);
        return NULL;
    }
    FILE *f;
    if (exists && !S_ISREG(st.st_mode)) {
        *dest = DEST_IN_PLACE;
        f = fopen(path, "w");
    } else {
        *dest = DEST_TEMP;
        f = open_temp_beside(path, tmp_path);
    }
    if (!f)
        fprintf(err, "steepest: --trace: cannot write '%s': %s\n", path, strerror(errno));
    return f;
}

/* Flushes and closes the trace; for DEST_TEMP, renames it into place. */
static bool finish_trace(FILE *f, trace_dest dest, const char *path, const char *tmp_path,
                         FILE *err)
{
    bool ok = fflush(f) == 0 && !ferror(f);
    if (dest != DEST_STDOUT)
        ok = (fclose(f) == 0) && ok;
    if (ok && dest == DEST_TEMP)
        ok = rename(tmp_path, path) == 0;
    if (!ok)
        fprintf(err, "steepest: --trace: write to '%s' failed: %s\n", path, strerror(errno));
    return ok;
}

int cli_batch(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!open_session(o, &ss, err))
        return CLI_EXIT_FAIL;

    int rc = CLI_EXIT_USAGE;
    char *tmp_path = NULL;
    trace_dest dest = DEST_STDOUT;
    FILE *f = NULL;
    if (!isfinite(ss.loss)) {
        fprintf(err, "steepest: --start: L is not finite at (%g, %g) on %s\n", ss.x, ss.y,
                ss.surf->name);
        goto out;
    }
    f = open_trace(o->trace, out, &dest, &tmp_path, err);
    if (!f)
        goto out;

    trace_write_header(f);
    trace_write_row(f, &ss);
    for (unsigned long i = 0; i < o->steps; i++) {
        if (session_step(&ss) == SESSION_DIVERGED) {
            trace_write_attempt(f, &ss);
            fprintf(err,
                    "steepest: diverged at step %lu (eta %g is too large here); trace stops "
                    "there\n",
                    ss.step + 1, ss.eta);
            break;
        }
        trace_write_row(f, &ss);
    }
    rc = finish_trace(f, dest, o->trace, tmp_path, err) ? CLI_EXIT_OK : CLI_EXIT_FAIL;
out:
    if (tmp_path) {
        unlink(tmp_path); /* gone after a rename; removes a partial file otherwise */
        free(tmp_path);
    }
    session_free(&ss);
    return rc;
}
