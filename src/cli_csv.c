/* PLACEHOLDER until its owner lands it: cli_csv */
#include <stdio.h>
#include "cli.h"
int cmd_import(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
int cmd_export(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
