/* `comptoir loyalty`: loyalty points and tiers (issue 12 fills this file; until then the
 * command has no summary, so --help leaves it out, and it says it is not available). */
#include <stdio.h>

#include "src/cli/cli_private.h"

static int cmd_loyalty(const struct cli_global *g, int argc, char **argv)
{
    (void)g, (void)argc, (void)argv;
    fprintf(stderr, "comptoir: loyalty is not available in this version\n");
    return EX_USAGE;
}

const struct cli_command cli_loyalty_command = {"loyalty", cmd_loyalty, "loyalty …", NULL, NULL};
