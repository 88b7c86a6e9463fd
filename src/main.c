/* steepest: the program's entry. Everything else lives in libsteepest. */
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "steepest/cli.h"

int main(int argc, char **argv)
{
    /* GSL's default handler abort()s, which would leave a terminal raw: check statuses. */
    gsl_set_error_handler_off();

    cli_options o;
    int rc = cli_parse(argc, argv, &o, stderr);
    if (rc != CLI_EXIT_OK)
        return rc;
    switch (o.mode) {
    case CLI_HELP:
        cli_usage(stdout);
        break;
    case CLI_VERSION:
        puts("steepest " STEEPEST_VERSION);
        break;
    case CLI_LIST:
        cli_list(stdout);
        break;
    case CLI_BATCH:
        rc = cli_batch(&o, stdout, stderr);
        break;
    case CLI_VIEW:
        cli_usage(stdout);
        fputc('\n', stdout);
        cli_list(stdout);
        break;
    }
    if (fflush(stdout) != 0 && rc == CLI_EXIT_OK)
        rc = CLI_EXIT_FAIL;
    return rc;
}
