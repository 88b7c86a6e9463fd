// SPDX-License-Identifier: MIT
/* Layer: front. The option table and --help (see options.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "steepest/options.h"
#include "steepest/trace.h"

#ifndef STEEPEST_VERSION
#define STEEPEST_VERSION "unknown"
#endif

#define HELP_COLUMN 22 /* where the right column of --help starts */

static const option_spec table[] = {
    {"surface", OPT_SURFACE, required_argument, "-s, --surface NAME",
     "loss surface to explore (default valley; see --list)"},
    {"expr", OPT_EXPR, required_argument, "    --expr FORMULA",
     "your own loss in x and y, e.g. 'x^2 + 10*y^2' or\n"
     "'sin(x)*cos(y)'; exact gradient and Hessian (see the man page)"},
    {"vars", OPT_VARS, required_argument, "    --vars X,Y",
     "--expr: the variables' names (default x,y), e.g. w,b"},
    {"domain", OPT_DOMAIN, required_argument, "    --domain X0,X1,Y0,Y1",
     "--expr: the box shown (default: one chosen for you)"},
    {"title", OPT_TITLE, required_argument, "    --title TEXT", "--expr: a title for the panel"},
    {"quadratic", OPT_QUADRATIC, required_argument, "    --quadratic L1,L2,ANGLE",
     "a quadratic with Hessian eigenvalues L1, L2 along axes turned\n"
     "by ANGLE degrees (condition number L1/L2)"},
    {"data", OPT_DATA, required_argument, "    --data CSV|NAME|-",
     "fit a model to data: a CSV file, a shipped set (anscombe-1\n"
     "..4, challenger, iris) or - for stdin; theta = (w, b)"},
    {"columns", OPT_COLUMNS, required_argument, "    --columns X,Y",
     "--data: the columns, by header name or number (default 1,2)"},
    {"model", OPT_MODEL, required_argument, "    --model NAME",
     "--data: linear, neuron or logistic (default: the set's, or linear)"},
    {"loss", OPT_LOSS, required_argument, "    --loss NAME",
     "--data: mse, half-sse or xent (default per model)"},
    {"standardize", OPT_STANDARDIZE, no_argument, "    --standardize",
     "--data: x -> (x - mean)/sd (feature scaling)"},
    {"holdout", OPT_HOLDOUT, required_argument, "    --holdout F",
     "--data: hold out a fraction F of the rows (0 to 0.9)"},
    {"seed", OPT_SEED, required_argument, "    --seed S",
     "--data: the seed of the hold-out split and of --batch"},
    {"batch", OPT_BATCH, required_argument, "    --batch B",
     "--data: stochastic gradients: each step uses B rows,\n"
     "reshuffled each epoch (the optimizer sgd:batch=B); B >= rows\n"
     "is plain gradient descent"},
    {"start", OPT_START, required_argument, "    --start X,Y",
     "start point theta0 (default: the surface's own)"},
    {"eta", OPT_ETA, required_argument, "    --eta E",
     "learning rate, a finite number > 0 (default: the surface's)"},
    {"optimizer", OPT_OPTIMIZER, required_argument, "    --optimizer SPECS",
     "walkers racing on the surface: NAME[:key=value...] joined by\n"
     "commas, e.g. gd,momentum:mu=0.5,adam:eta=0.1 (keys: eta,\n"
     "start=X/Y, and the optimizer's own); names: gd momentum\n"
     "nesterov adagrad rmsprop adam newton gsl-sd gsl-cg-fr\n"
     "gsl-cg-pr gsl-bfgs2 sgd (minibatch, on data: keys batch, seed)"},
    {"ascend", OPT_ASCEND, no_argument, "    --ascend",
     "step uphill, along +grad L, instead of downhill"},
    {"ascii", OPT_ASCII, no_argument, "    --ascii", "ASCII glyphs only, even in a UTF-8 locale"},
    {"mono", OPT_MONO, no_argument, "    --mono",
     "no colours (same as --color=never; NO_COLOR also works)"},
    {"theme", OPT_THEME, required_argument, "    --theme NAME",
     "dark (default), light, or projector (thick lines, big marks)"},
    {"numbers", OPT_NUMBERS, no_argument, "    --numbers",
     "numbers-only view: the panel and a description in words,\n"
     "no drawing (for screen readers and narrow terminals)"},
    {"zoom", OPT_ZOOM, required_argument, "    --zoom Z",
     "zoom the view (1 fits the domain; 2 shows half as much)"},
    {"center", OPT_CENTER, required_argument, "    --center X,Y",
     "the point at the middle of the view"},
    {"play", OPT_PLAY, required_argument, "    --play DEMO",
     "play a demo script (a file, or a shipped demo's name such as\n"
     "why-gradient); p pauses, space goes on, Esc takes over"},
    {"cast", OPT_CAST, required_argument, "    --cast FILE",
     "with --play: record the demo, with its timing, as an\n"
     "asciicast v2 file (asciinema play FILE) without a terminal"},
    {"record", OPT_RECORD, required_argument, "    --record FILE",
     "record the interactive view as an asciicast v2 file\n"
     "(M marks a point in it)"},
    {"color", OPT_COLOR, required_argument, "    --color=WHEN",
     "auto, always or never (default auto)"},
    {"steps", OPT_STEPS, required_argument, "    --steps N",
     "batch mode: take N steps (0 to 10000000) without a terminal"},
    {"trace", OPT_TRACE, required_argument, "    --trace FILE|-",
     "batch mode: write the walk as CSV to FILE, or - for stdout"},
    {"race", OPT_RACE, no_argument, "    --race",
     "batch mode: print a race table at the end (steps and\n"
     "evaluations to |grad L| < 1e-6, final L, status per walker)"},
    {"keep-going", OPT_KEEP_GOING, no_argument, "    --keep-going",
     "batch mode: take all N steps even after convergence\n"
     "(by default the trace stops at the converged step)"},
    {"snapshot", OPT_SNAPSHOT, no_argument, "    --snapshot",
     "print the screen the interactive view would show, as text"},
    {"probe", OPT_PROBE, no_argument, "    --probe",
     "print the Taylor terms of a step along u, every 15 degrees\n"
     "from grad L: beta, cos beta, dL1, dL2, dL1+dL2, actual dL"},
    {"points", OPT_POINTS, no_argument, "    --points",
     "print the surface's stationary points as CSV: x,y,L,kind"},
    {"slice", OPT_SLICE, no_argument, "    --slice",
     "print L along the step direction from theta, t from 0 to 3\n"
     "step lengths: t, actual L, 1st- and 2nd-order Taylor"},
    {"size", OPT_SIZE, required_argument, "    --size CxR",
     "--snapshot size in cells (default 80x24)"},
    {"keys", OPT_KEYS, required_argument, "    --keys KEYS",
     "press these keys before the first frame, e.g. '   a  ++';\n"
     "<Enter> <Esc> <Space> <BS> <Left> <Right> <Up> <Down>\n"
     "<S-Left> <S-Right> <S-Up> <S-Down> <lt> name the others"},
    {"list", OPT_LIST, no_argument, "    --list",
     "list the surfaces with their domain, start and eta"},
    {"demos", OPT_DEMOS, no_argument, "    --demos", "list the shipped demos (for --play NAME)"},
    {"help", OPT_HELP, no_argument, "-h, --help", "show this help"},
    {"version", OPT_VERSION, no_argument, "-V, --version", "show the version"},
    {"colour", OPT_COLOR, required_argument, NULL, NULL},
};
#define N_TABLE (sizeof table / sizeof table[0])

const option_spec *options_table(size_t *n)
{
    *n = N_TABLE;
    return table;
}

const char *options_flag(int id)
{
    static char buf[40];
    for (size_t k = 0; k < N_TABLE; k++)
        if (table[k].id == id) {
            snprintf(buf, sizeof buf, "--%s", table[k].name);
            return buf;
        }
    return "--?";
}

void options_usage(FILE *out)
{
    fputs("steepest " STEEPEST_VERSION " - see why gradient descent moves against the gradient\n"
          "\n"
          "Usage:\n"
          "  steepest [--surface NAME] [--start X,Y] [--eta E] [--ascend] [--ascii] [--mono]\n"
          "  steepest ... --steps N --trace FILE|-\n"
          "  steepest ... --snapshot [--size COLSxROWS] [--keys KEYS] [--color=WHEN]\n"
          "  steepest [--surface NAME] [--start X,Y] [--eta E] --probe | --slice\n"
          "  steepest --play FILE|NAME [--snapshot ...]\n"
          "  steepest --list | --help | --version\n"
          "\n"
          "With no --steps or --snapshot, steepest opens the interactive view (press ? there\n"
          "for every key).\n"
          "\n"
          "Options:\n",
          out);
    for (size_t k = 0; k < N_TABLE; k++) {
        if (!table[k].usage)
            continue;
        const char *h = table[k].help;
        fprintf(out, "  %-*s", HELP_COLUMN - 4, table[k].usage);
        for (bool first = true; *h; first = false) {
            size_t len = strcspn(h, "\n");
            fprintf(out, "%*s%.*s\n", first ? 2 : HELP_COLUMN, "", (int)len, h);
            h += len + (h[len] == '\n');
        }
    }
    fputs("\n"
          "Trace columns: " TRACE_HEADER "\n"
          "Exit status: 0 success, 2 bad usage or input, 1 any other failure.\n",
          out);
}
