/* `comptoir return`: returns and refunds (issue 14 fills this file; until then the
 * command has no summary, so --help leaves it out, and it says it is not available). */
#include <stdio.h>

#include "src/cli/cli_private.h"

static int cmd_return(const struct cli_global *g, int argc, char **argv)
{
    (void)g, (void)argc, (void)argv;
    fprintf(stderr, "comptoir: return is not available in this version\n");
    return EX_USAGE;
}

const struct cli_command cli_return_command = {"return", cmd_return, "return …", NULL, NULL};
