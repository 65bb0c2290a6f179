/* PLACEHOLDER until its owner lands it: cli_users */
#include <stdio.h>
#include "cli.h"
int cmd_user(const struct cli_global *g, int argc, char **argv)
{
    (void)g; (void)argc; (void)argv;
    fputs("comptoir: not built yet\n", stderr);
    return EX_UNAVAILABLE;
}
