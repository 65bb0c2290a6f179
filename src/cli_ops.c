/* PLACEHOLDER until its owner lands it: cli_ops */
#include <stdio.h>
#include "cli.h"
int cmd_init(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
int cmd_backup(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
int cmd_check(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
int cmd_console(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
