// SPDX-License-Identifier: MIT
/* Memory and time of long walks: peak RSS after 100,000 steps of 1 and of 8 gradient-descent
 * walkers (different η) on one surface, with a 120x40 frame rendered at the end as the view
 * would, each case in a fresh process so one does not inherit the other's pages.
 * Targets: 1 walker <= 8 MiB, 8 walkers <= 16 MiB. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "steepest/app.h"
#include "steepest/frame.h"

extern char **environ;

enum { STEPS = 100000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int child(int walkers)
{
    gsl_set_error_handler_off();
    registry reg;
    app a;
    frame f;
    scene sc;
    /* valley at small η: far from converged after 100,000 steps, so every walker keeps going
     * and keeps a full trail. */
    if (!registry_init(&reg) || !app_init(&a, &reg, registry_find(&reg, "valley"), 120, 40, true))
        return 1;
    session_set_eta(&a.ss, 1e-5);
    for (int k = 1; k < walkers; k++) {
        if (session_add_walker(&a.ss, optimizer_gd) < 0)
            return 1;
        session_set_eta(&a.ss, 1e-5 * (k + 1));
    }
    double t0 = now_s();
    for (int s = 0; s < STEPS; s++)
        session_step(&a.ss);
    double dt = now_s() - t0;
    frame_init(&f);
    app_scene(&a, &sc);
    if (!frame_render(&f, &sc))
        return 1;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    size_t trail = 0;
    for (size_t k = 0; k < a.ss.n_walkers; k++)
        trail += a.ss.walkers[k].trail_cap * sizeof(walker_point);
    double limit = walkers == 1 ? 8 : 16;
    printf("%d walker%s x %d steps: peak RSS %.2f MiB [target <= %.0f MiB], trails %.2f MiB, "
           "%.3f us per walker-step\n",
           walkers, walkers == 1 ? "" : "s", STEPS, ru.ru_maxrss / 1024.0, limit, trail / 1048576.0,
           dt * 1e6 / STEPS / walkers);
    frame_free(&f);
    app_free(&a);
    registry_free(&reg);
    return ru.ru_maxrss / 1024.0 <= limit ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--child") == 0)
        return child(atoi(argv[2]));
    int rc = 0;
    static const char *const counts[] = {"1", "8"};
    for (int k = 0; k < 2; k++) {
        fflush(stdout);
        char *args[] = {argv[0], "--child", (char *)counts[k], NULL};
        pid_t pid;
        int st;
        if (posix_spawn(&pid, argv[0], NULL, NULL, args, environ) != 0 ||
            waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
            return 1;
        rc |= WEXITSTATUS(st);
    }
    return rc;
}
