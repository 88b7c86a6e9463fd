// SPDX-License-Identifier: MIT
/* What the user reads: every option in --help and every key in the help overlay appears in
 * the man page, and `meson install --destdir` delivers the binary, the man page and demos. */
#include <ctype.h>
#include <ftw.h>

#include <gsl/gsl_errno.h>

#include "check_main.h"
#include "harness.h"
#include "steepest/bindings.h"
#include "steepest/dataset.h"
#include "steepest/optimizer.h"

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The man page as plain text: roff's \- becomes -, font escapes go. */
static char *man_text(void)
{
    const char *path = getenv("MAN_PAGE");
    ck_assert_msg(path != NULL, "MAN_PAGE is not set (run through meson test)");
    char *raw = slurp(path), *out = malloc(strlen(raw) + 1), *o = out;
    for (const char *p = raw; *p;) {
        if (p[0] == '\\' && p[1] == '-') {
            *o++ = '-';
            p += 2;
        } else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
            p += 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    free(raw);
    return out;
}

/* The next "--option" named in text from *p on, into opt; false at the end. */
static bool next_option(const char **p, char opt[40])
{
    for (const char *q; (q = strstr(*p, "--")) != NULL;) {
        size_t n = 2;
        while (n < 39 && (isalnum((unsigned char)q[n]) || q[n] == '-'))
            n++;
        memcpy(opt, q, n);
        opt[n] = '\0';
        *p = q + n;
        if (n > 2)
            return true;
    }
    return false;
}

/* The README's first screen is what the program draws now, not a capture grown stale: the
 * command its caption names, run again, prints the same 24 lines. */
START_TEST(test_readme_capture_is_current)
{
    const char *root = getenv("SOURCE_ROOT");
    ck_assert_msg(root != NULL, "SOURCE_ROOT is not set (run through meson test)");
    char path[4096];
    snprintf(path, sizeof path, "%s/README.md", root);
    char *readme = slurp(path);
    const char *start = strstr(readme, "```\ny    3");
    ck_assert_ptr_nonnull(start);
    start += 4;
    const char *end = strstr(start, "```");
    ck_assert_ptr_nonnull(end);
    ck_assert(strstr(readme, "after eight steps with η = 0.095"));
    setenv("LC_ALL", "C.UTF-8", 1);
    run_result r =
        run_steepest(ARGS("--snapshot", "-s", "valley", "--eta", "0.095", "--keys", "        "));
    ck_assert_int_eq(r.code, 0);
    ck_assert_msg(strlen(r.out) == (size_t)(end - start) &&
                      memcmp(r.out, start, strlen(r.out)) == 0,
                  "README's first capture differs from the program's output:\n%s", r.out);
    run_free(&r);
    free(readme);
}
END_TEST

START_TEST(test_help_options_in_man_page)
{
    run_result r = run_steepest(ARGS("--help"));
    ck_assert_int_eq(r.code, 0);
    char *man = man_text();
    int options = 0;
    char opt[40];
    for (const char *p = r.out; next_option(&p, opt);) {
        options++;
        ck_assert_msg(strstr(man, opt) != NULL, "--help mentions %s; the man page does not", opt);
    }
    ck_assert_int_ge(options, 20);
    free(man);
    run_free(&r);
}
END_TEST

/* Does text contain word as a whole shell word ("--seed" but not inside "--seed-x")? */
static int has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
        char before = p == text ? ' ' : p[-1], after = p[n];
        if (!isalnum((unsigned char)before) && before != '-' && !isalnum((unsigned char)after) &&
            after != '-')
            return 1;
    }
    return 0;
}

/* Tab completion offers every option --help documents, every optimizer and data set. */
START_TEST(test_completion_knows_options)
{
    const char *root = getenv("SOURCE_ROOT");
    ck_assert_msg(root != NULL, "SOURCE_ROOT is not set (run through meson test)");
    char path[4096];
    snprintf(path, sizeof path, "%s/completions/steepest", root);
    char *comp = slurp(path);
    run_result r = run_steepest(ARGS("--help"));
    ck_assert_int_eq(r.code, 0);
    int options = 0;
    char opt[40];
    for (const char *p = r.out; next_option(&p, opt);) {
        options++;
        ck_assert_msg(has_word(comp, opt), "--help mentions %s; the completion does not", opt);
    }
    ck_assert_int_ge(options, 20);
    for (size_t k = 0; k < optimizer_count(); k++)
        ck_assert_msg(has_word(comp, optimizer_at(k)->name),
                      "optimizer %s is not offered by the completion", optimizer_at(k)->name);
    for (size_t k = 0; k < dataset_shipped_count(); k++)
        ck_assert_msg(has_word(comp, dataset_shipped_at(k)->name),
                      "data set %s is not offered by the completion", dataset_shipped_at(k)->name);
    free(comp);
    run_free(&r);
}
END_TEST

START_TEST(test_keys_in_man_page)
{
    char *man = man_text();
    size_t n;
    const binding *lines = bindings_table(&n);
    for (size_t k = 0; k < n; k++)
        ck_assert_msg(!lines[k].keys || strstr(man, lines[k].what) != NULL,
                      "key '%s' (%s) is not in the man page", lines[k].ascii_keys, lines[k].what);
    free(man);
}
END_TEST

/* Every C source and header says its licence in its first line (SPDX), matching LICENSE. */
static int spdx_files, spdx_missing;
static char spdx_first_missing[4096];

static int check_spdx(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || n < 2 || path[n - 2] != '.' || (path[n - 1] != 'c' && path[n - 1] != 'h'))
        return 0;
    FILE *f = fopen(path, "r");
    char line[80] = "";
    if (f) {
        if (!fgets(line, sizeof line, f))
            line[0] = '\0';
        fclose(f);
    }
    spdx_files++;
    if (strcmp(line, "// SPDX-License-Identifier: MIT\n") != 0 && spdx_missing++ == 0)
        snprintf(spdx_first_missing, sizeof spdx_first_missing, "%s", path);
    return 0;
}

START_TEST(test_sources_carry_spdx)
{
    const char *root = getenv("SOURCE_ROOT");
    ck_assert_msg(root != NULL, "SOURCE_ROOT is not set (run through meson test)");
    char *licence = NULL, path[4096];
    snprintf(path, sizeof path, "%s/LICENSE", root);
    licence = slurp(path);
    ck_assert_msg(strncmp(licence, "MIT License", 11) == 0, "LICENSE is not the MIT licence");
    free(licence);
    const char *dirs[] = {"src", "include", "tests", "fuzz", "bench", "tools"};
    for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
        snprintf(path, sizeof path, "%s/%s", root, dirs[k]);
        nftw(path, check_spdx, 16, FTW_PHYS);
    }
    ck_assert_int_ge(spdx_files, 100);
    ck_assert_msg(spdx_missing == 0, "%d sources lack the SPDX line, first %s", spdx_missing,
                  spdx_first_missing);
}
END_TEST

static int found_bin, found_man, found_demos, found_completion, found_doc;

/* The shipped demos: every file in the source tree's demos/ is installed. */
static int shipped_demos(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '[.]demo$'", getenv("DEMO_DIR"));
    FILE *p = popen(cmd, "r");
    int n = 0;
    ck_assert_int_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type != FTW_F)
        return 0;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (strcmp(base, "steepest") == 0 && strstr(path, "/bin/") && access(path, X_OK) == 0)
        found_bin++;
    if (strcmp(base, "steepest.1") == 0 && strstr(path, "/man1/"))
        found_man++;
    if (strstr(base, ".demo") && strstr(path, "/share/steepest/demos/"))
        found_demos++;
    if (strcmp(base, "steepest") == 0 && strstr(path, "/bash-completion/completions/"))
        found_completion++;
    if (strcmp(base, "argument.md") == 0 && strstr(path, "/doc/steepest/"))
        found_doc++;
    return 0;
}

START_TEST(test_install_destdir)
{
    const char *build = getenv("BUILD_ROOT");
    ck_assert_ptr_nonnull(build);
    char dest[] = "/tmp/steepest-install-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dest));
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "meson install -C '%s' --destdir '%s' --no-rebuild --quiet >/dev/null 2>&1", build,
             dest);
    ck_assert_int_eq(system(cmd), 0);
    ck_assert_int_eq(nftw(dest, visit, 16, FTW_PHYS), 0);
    ck_assert_int_eq(found_bin, 1);
    ck_assert_int_eq(found_man, 1);
    ck_assert_int_ge(found_demos, 6);
    ck_assert_int_eq(found_demos, shipped_demos());
    ck_assert_int_eq(found_completion, 1);
    ck_assert_int_eq(found_doc, 1);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dest);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off();
    Suite *s = suite_create("docs");
    TCase *tc = tcase_create("docs");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_help_options_in_man_page);
    tcase_add_test(tc, test_readme_capture_is_current);
    tcase_add_test(tc, test_keys_in_man_page);
    tcase_add_test(tc, test_completion_knows_options);
    tcase_add_test(tc, test_sources_carry_spdx);
    tcase_add_test(tc, test_install_destdir);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
