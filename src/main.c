/* steepest: the program's entry. Everything else lives in libsteepest. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "steepest/cli.h"
#include "steepest/snapshot.h"
#include "steepest/tui.h"

int main(int argc, char **argv)
{
    /* GSL's default handler abort()s, which would leave a terminal raw: check statuses. */
    gsl_set_error_handler_off();
    setlocale(LC_ALL, "");
    bool utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    /* Numbers are always printed and read with '.', whatever the locale. */
    setlocale(LC_NUMERIC, "C");

    cli_options *o = malloc(sizeof *o);
    if (!o) {
        fputs("steepest: out of memory\n", stderr);
        return CLI_EXIT_FAIL;
    }
    int rc = cli_parse(argc, argv, o, stderr);
    if (rc == CLI_EXIT_OK) {
        switch (o->mode) {
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
            rc = cli_batch(o, stdout, stderr);
            break;
        case CLI_PROBE:
            rc = cli_probe(o, stdout, stderr);
            break;
        case CLI_SNAPSHOT:
            rc = snapshot_run(o, utf8, stdout, stderr);
            break;
        case CLI_VIEW:
            rc = tui_run(o, utf8, stderr);
            break;
        }
    }
    free(o);
    if (fflush(stdout) != 0 && rc == CLI_EXIT_OK)
        rc = CLI_EXIT_FAIL;
    return rc;
}
