/* Layer: front. The batch face (see batch.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "steepest/batch.h"
#include "steepest/setup.h"
#include "steepest/trace.h"

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

bool batch_open_session(const cli_options *o, session *ss, FILE *err)
{
    if (!session_init(ss, o->surf)) {
        fputs("steepest: out of memory\n", err);
        return false;
    }
    setup_session(o, ss);
    return true;
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

int batch_run(const cli_options *o, FILE *out, FILE *err)
{
    session ss;
    if (!batch_open_session(o, &ss, err))
        return CLI_EXIT_FAIL;

    int rc = CLI_EXIT_USAGE;
    char *tmp_path = NULL;
    trace_dest dest = DEST_STDOUT;
    FILE *f = NULL;
    const walker *w = session_walker(&ss);
    if (!isfinite(w->loss)) {
        fprintf(err, "steepest: --start: L is not finite at (%g, %g) on %s\n", w->x, w->y,
                ss.surf->name);
        goto out;
    }
    f = open_trace(o->trace, out, &dest, &tmp_path, err);
    if (!f)
        goto out;

    trace_write_header(f);
    trace_write_row(f, w);
    for (unsigned long i = 0; i < o->steps; i++) {
        if (session_step(&ss) == WALKER_DIVERGED) {
            trace_write_attempt(f, w);
            fprintf(err,
                    "steepest: diverged at step %lu (eta %g is too large here); trace stops "
                    "there\n",
                    w->step + 1, w->eta);
            break;
        }
        trace_write_row(f, w);
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
