// SPDX-License-Identifier: MIT
/* Test helper: run the real steepest binary (path from $STEEPEST_BIN) with an argv, capture
 * its exit code, stdout and stderr. Header-only because only tests use it. */
#ifndef STEEPEST_TEST_HARNESS_H
#define STEEPEST_TEST_HARNESS_H

#include <fcntl.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

extern char **environ;

typedef struct {
    int code; /* exit status, or 128 + signal */
    char *out, *err;
} run_result;

static inline char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

/* args: NULL-terminated, without argv[0]. `input` (may be NULL) becomes stdin. */
static inline run_result run_steepest_in(const char *const *args, const char *input)
{
    const char *bin = getenv("STEEPEST_BIN");
    ck_assert_msg(bin != NULL, "STEEPEST_BIN is not set (run through meson test)");
    char out_path[] = "/tmp/steepest-out-XXXXXX", err_path[] = "/tmp/steepest-err-XXXXXX";
    int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    ck_assert(out_fd >= 0 && err_fd >= 0);
    int in_fd = open(input ? input : "/dev/null", O_RDONLY);
    ck_assert(in_fd >= 0);

    const char *argv[64];
    size_t n = 0;
    argv[n++] = bin;
    for (; args[n - 1] && n < 63; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
    pid_t pid;
    ck_assert_int_eq(posix_spawn(&pid, bin, &fa, NULL, (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    close(in_fd);
    close(out_fd);
    close(err_fd);

    run_result r;
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    unlink(out_path);
    unlink(err_path);
    return r;
}

static inline run_result run_steepest(const char *const *args)
{
    return run_steepest_in(args, NULL);
}

static inline void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* A bad input: exit 2, nothing on stdout, one line on stderr naming the bad value. */
static inline void expect_usage_error(const char *const *args, const char *must_name)
{
    run_result r = run_steepest(args);
    ck_assert_msg(r.code == 2, "exit %d for bad input %s (stderr: %s)", r.code, must_name, r.err);
    ck_assert_str_eq(r.out, "");
    ck_assert_int_eq(count_lines(r.err), 1);
    ck_assert_msg(strstr(r.err, must_name) != NULL, "message does not name '%s': %s", must_name,
                  r.err);
    ck_assert_msg(strncmp(r.err, "steepest: ", 10) == 0, "message: %s", r.err);
    run_free(&r);
}

#endif
