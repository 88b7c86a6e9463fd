// SPDX-License-Identifier: MIT
/* The house's layer order, checked on every #include: core < model < picture < control <
 * terminal < front. A file may include headers of its own layer and the layers below, never
 * above; the headers' includes have no cycle; curses.h appears in the terminal layer alone.
 * A header's layer is the folder of its .c file under src/. (The build enforces the same
 * order at link time: each layer's library and tests link only the layers below.) */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_main.h"

static const char *const layers[] = {"core", "model", "picture", "control", "terminal", "front"};
#define N_LAYERS ((int)(sizeof layers / sizeof layers[0]))

#define MAX_FILES 256
#define MAX_INC   32

typedef struct {
    char path[512];
    char name[64]; /* base name without extension */
    int layer;
    bool header;
    char inc[MAX_INC][64]; /* base names of steepest/ headers it includes */
    int n_inc;
    bool curses;
} source;

static source files[MAX_FILES];
static int n_files;

static const char *root(void)
{
    const char *r = getenv("SOURCE_ROOT");
    ck_assert_msg(r != NULL, "SOURCE_ROOT is not set (run through meson test)");
    return r;
}

static void read_includes(source *s)
{
    FILE *f = fopen(s->path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", s->path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char name[64];
        if (sscanf(line, " #include \"steepest/%63[^.].h\"", name) == 1 ||
            sscanf(line, " #include \"%63[^./].h\"", name) == 1) {
            ck_assert_int_lt(s->n_inc, MAX_INC);
            snprintf(s->inc[s->n_inc++], sizeof s->inc[0], "%s", name);
        }
        if (strstr(line, "#include") && strstr(line, "curses.h"))
            s->curses = true;
    }
    fclose(f);
}

static void add(const char *dir, const char *file, int layer)
{
    size_t len = strlen(file);
    if (len < 3 || file[len - 2] != '.' || (file[len - 1] != 'c' && file[len - 1] != 'h'))
        return;
    ck_assert_int_lt(n_files, MAX_FILES);
    source *s = &files[n_files++];
    memset(s, 0, sizeof *s);
    snprintf(s->path, sizeof s->path, "%s/%s", dir, file);
    snprintf(s->name, sizeof s->name, "%.*s", (int)(len - 2), file);
    s->layer = layer;
    s->header = file[len - 1] == 'h';
    read_includes(s);
}

static void scan(const char *dir, int layer)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    while ((e = readdir(d)))
        add(dir, e->d_name, layer);
    closedir(d);
}

/* The layer of a header, from where its .c lives; -1 if nowhere. */
static int layer_of(const char *name)
{
    for (int k = 0; k < n_files; k++)
        if (!files[k].header && strcmp(files[k].name, name) == 0 && files[k].layer >= 0)
            return files[k].layer;
    for (int k = 0; k < n_files; k++) /* a private header beside its layer's sources */
        if (files[k].header && strcmp(files[k].name, name) == 0 && files[k].layer >= 0)
            return files[k].layer;
    return -1;
}

static void load(void)
{
    char dir[600];
    n_files = 0;
    for (int l = 0; l < N_LAYERS; l++) {
        snprintf(dir, sizeof dir, "%s/src/%s", root(), layers[l]);
        scan(dir, l);
    }
    snprintf(dir, sizeof dir, "%s/surfaces", root());
    scan(dir, 0);
    snprintf(dir, sizeof dir, "%s/include/steepest", root());
    scan(dir, -1); /* public headers: their layer comes from their .c */
    for (int k = 0; k < n_files; k++)
        if (files[k].layer < 0)
            files[k].layer = layer_of(files[k].name);
}

START_TEST(test_every_header_has_a_layer)
{
    load();
    ck_assert_int_gt(n_files, 40);
    for (int k = 0; k < n_files; k++)
        ck_assert_msg(files[k].layer >= 0, "%s: no src/<layer>/%s.c says which layer it is in",
                      files[k].path, files[k].name);
}
END_TEST

START_TEST(test_no_upward_include)
{
    load();
    for (int k = 0; k < n_files; k++)
        for (int i = 0; i < files[k].n_inc; i++) {
            int l = layer_of(files[k].inc[i]);
            ck_assert_msg(l >= 0, "%s includes %s.h, which has no layer", files[k].path,
                          files[k].inc[i]);
            ck_assert_msg(l <= files[k].layer, "%s (%s) includes %s.h from %s above it",
                          files[k].path, layers[files[k].layer], files[k].inc[i], layers[l]);
        }
}
END_TEST

static int header_index(const char *name)
{
    for (int k = 0; k < n_files; k++)
        if (files[k].header && strcmp(files[k].name, name) == 0)
            return k;
    return -1;
}

/* Depth-first: 0 unseen, 1 on the stack, 2 done. */
static bool cyclic(int k, int *mark)
{
    if (mark[k] == 1)
        return true;
    if (mark[k] == 2)
        return false;
    mark[k] = 1;
    for (int i = 0; i < files[k].n_inc; i++) {
        int j = header_index(files[k].inc[i]);
        if (j >= 0 && cyclic(j, mark)) {
            fprintf(stderr, "cycle through %s\n", files[k].path);
            return true;
        }
    }
    mark[k] = 2;
    return false;
}

START_TEST(test_no_include_cycle)
{
    load();
    int mark[MAX_FILES] = {0};
    for (int k = 0; k < n_files; k++)
        if (files[k].header)
            ck_assert_msg(!cyclic(k, mark), "an include cycle through %s", files[k].path);
}
END_TEST

START_TEST(test_curses_only_in_terminal)
{
    load();
    int seen = 0;
    for (int k = 0; k < n_files; k++)
        if (files[k].curses) {
            ck_assert_msg(strcmp(layers[files[k].layer], "terminal") == 0,
                          "%s includes curses.h outside the terminal layer", files[k].path);
            seen++;
        }
    ck_assert_int_eq(seen, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("layers");
    TCase *tc = tcase_create("layers");
    tcase_add_test(tc, test_every_header_has_a_layer);
    tcase_add_test(tc, test_no_upward_include);
    tcase_add_test(tc, test_no_include_cycle);
    tcase_add_test(tc, test_curses_only_in_terminal);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
