// SPDX-License-Identifier: MIT
/* Layer: front. The batch face (see batch.h). */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steepest/batch.h"
#include "steepest/setup.h"
#include "steepest/trace.h"

/* Set by SIGINT/SIGTERM while a trace is written, so the run stops and removes its
 * temporary file instead of leaving it behind. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    interrupted = sig;
}

/* Opens a new temporary file beside `path` (never an existing name: mkstemp creates it with
 * O_EXCL), with the mode a plain create would have given it under the umask, to be renamed
 * over `path` only once complete. */
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
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
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

bool batch_open_session(const cli_options *o, session *ss, FILE *err)
{
    if (!session_init(ss, o->surf)) {
        fputs("steepest: out of memory\n", err);
        return false;
    }
    setup_session(o, ss);
    return true;
}

/* Where the CSV goes: stdout for "-", else a temporary file renamed over the name once
 * whole. An existing name is never opened for writing: another user's symlink or FIFO in a
 * shared directory cannot make the run write through it or hang on it. A name that exists
 * and is not a regular file (or a symlink, which the rename replaces) is refused. */
static FILE *open_trace(const char *path, FILE *out, char **tmp_path, FILE *err)
{
    if (strcmp(path, "-") == 0)
        return out;
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        fprintf(err,
                "steepest: --trace: '%s' is %s, not a regular file; give a file name, or - "
                "for standard output\n",
                path,
                S_ISDIR(st.st_mode)                          ? "a directory"
                : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                             : "a special file");
        return NULL;
    }
    FILE *f = open_temp_beside(path, tmp_path);
    if (!f)
        fprintf(err, "steepest: --trace: cannot write '%s': %s\n", path, strerror(errno));
    return f;
}

/* Flushes and closes the trace; a temporary file is renamed into place. */
static bool finish_trace(FILE *f, FILE *out, const char *path, const char *tmp_path, FILE *err)
{
    bool ok = fflush(f) == 0 && !ferror(f);
    int e = errno;
    if (f != out) {
        ok = (fclose(f) == 0) && ok;
        e = ok ? e : errno;
    }
    if (ok && tmp_path && rename(tmp_path, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok)
        fprintf(err, "steepest: --trace: write to '%s' failed: %s\n", path, strerror(e));
    return ok;
}

/* Why walker w stopped, for stderr. */
static void say_end(FILE *err, const session *ss, size_t i, const cli_options *o)
{
    const walker *w = &ss->walkers[i];
    char who[64] = "";
    if (ss->n_walkers > 1)
        snprintf(who, sizeof who, "walker %zu (%s) ", i + 1, w->type->name);
    if (w->status == WALKER_CONVERGED)
        fprintf(err, "steepest: %sconverged at step %lu (|grad L| < %g); %s\n", who, w->step,
                WALKER_GRAD_TOL,
                ss->n_walkers > 1 ? "it stops there"
                                  : "trace stops there (--keep-going takes all the steps)");
    else if (w->status == WALKER_DIVERGED)
        fprintf(
            err, "steepest: %sdiverged at step %lu (%s); %s\n", who, w->step + (w->refused ? 1 : 0),
            w->unbounded
                ? (w->ascend ? "L has no upper bound this way" : "L has no lower bound this way")
                : "eta is too large here",
            ss->n_walkers > 1 ? "it stops there" : "trace stops there");
    (void)o;
}

/* The race table: each walker's optimizer, its eta, the steps and evaluations it took
 * (to |grad L| < tol when it converged), its final L and |grad L|, its status. */
static void race_table(FILE *f, const session *ss)
{
    fprintf(f, "%-6s %-10s %-10s %8s %8s %-22s %-10s %s\n", "walker", "optimizer", "eta", "steps",
            "evals", "L", "|grad L|", "status");
    for (size_t i = 0; i < ss->n_walkers; i++) {
        const walker *w = &ss->walkers[i];
        fprintf(f, "%-6zu %-10s %-10.4g %8lu %8lu %-22.15g %-10.3g %s\n", i + 1, w->type->name,
                w->eta, w->step, w->evals, w->loss, w->gnorm, walker_status_name(w->status));
    }
}

int batch_run(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!batch_open_session(o, &ss, err))
        return CLI_EXIT_FAIL;

    int rc = CLI_EXIT_USAGE;
    char *tmp_path = NULL;
    FILE *f = NULL;
    struct sigaction sa, old_int, old_term, old_xfsz, ignore;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    if (!setup_check_start(o, err))
        goto out;
    if (o->trace) {
        f = open_trace(o->trace, out, &tmp_path, err);
        if (!f)
            goto out;
    }
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    /* Over a file-size limit, a write should fail with EFBIG (and be reported), not kill. */
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGXFSZ, &ignore, &old_xfsz);

    rc = CLI_EXIT_FAIL; /* every write failure ends here, with one status */
    bool ok = true;
    if (f) {
        trace_write_header(f);
        for (size_t k = 0; k < ss.n_walkers; k++)
            trace_write_row(f, &ss, k);
        ok = !ferror(f);
    }
    /* Walkers that are done stop (and are said to be done, once); the run ends when none is
     * left running, unless --keep-going. Long format: a row per walker per step it took. */
    bool done[SESSION_MAX_WALKERS] = {false};
    unsigned long before[SESSION_MAX_WALKERS];
    for (unsigned long i = 0; ok && i < o->steps && !interrupted; i++) {
        bool any = false;
        for (size_t k = 0; k < ss.n_walkers; k++) {
            const walker *w = &ss.walkers[k];
            before[k] = w->step;
            if (!done[k] && w->status != WALKER_RUNNING &&
                (w->status == WALKER_DIVERGED || !o->keep_going)) {
                walker_sync(&ss.walkers[k]);
                say_end(err, &ss, k, o);
                done[k] = true;
            }
            any |= !done[k];
        }
        if (!any)
            break;
        /* Every walker still in the race takes its step (converged ones only with
         * --keep-going, as a single walker always has). */
        for (size_t k = 0; k < ss.n_walkers; k++)
            if (!done[k])
                walker_step(&ss.walkers[k]);
        for (size_t k = 0; f && k < ss.n_walkers; k++) {
            const walker *w = &ss.walkers[k];
            if (done[k])
                continue;
            walker_sync(&ss.walkers[k]); /* a row per step: the full L at every step */
            if (w->status == WALKER_DIVERGED && w->refused)
                trace_write_attempt(f, &ss, k);
            else if (w->step != before[k])
                trace_write_row(f, &ss, k);
        }
        ok = !f || !ferror(f); /* a full disk shows here, at the row that failed */
    }
    session_sync(&ss); /* what is said and tabled is the full L at the last θ */
    for (size_t k = 0; ok && !interrupted && k < ss.n_walkers; k++)
        if (!done[k] && (ss.walkers[k].status == WALKER_DIVERGED ||
                         (ss.walkers[k].status == WALKER_CONVERGED && !o->keep_going)))
            say_end(err, &ss, k, o);
    if (interrupted) {
        fprintf(err, "steepest: interrupted; %s\n",
                tmp_path ? "the trace was not written" : "the trace is incomplete");
        if (f && f != out)
            fclose(f);
        rc = 128 + interrupted;
    } else if (!ok) {
        fprintf(err, "steepest: --trace: write to '%s' failed: %s\n", o->trace, strerror(errno));
        if (f != out)
            fclose(f);
    } else if (!f || finish_trace(f, out, o->trace, tmp_path, err)) {
        rc = CLI_EXIT_OK;
        if (o->race) /* beside a CSV on stdout, the table goes to stderr */
            race_table(o->trace && strcmp(o->trace, "-") == 0 ? err : out, &ss);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGXFSZ, &old_xfsz, NULL);
out:
    if (tmp_path) {
        unlink(tmp_path); /* gone after a rename; removes a partial file otherwise */
        free(tmp_path);
    }
    session_free(&ss);
    return rc;
}
