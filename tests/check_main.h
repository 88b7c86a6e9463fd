// SPDX-License-Identifier: MIT
/* The end of every test program's main: run the suite, report, exit non-zero on failure. */
#ifndef STEEPEST_TEST_CHECK_MAIN_H
#define STEEPEST_TEST_CHECK_MAIN_H

#include <stdlib.h>

#include <check.h>

static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
