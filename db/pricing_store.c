/* The pricing data: price lists and their items, account links, contract
 * prices, volume tiers and floors; and the loader that gathers an account's
 * pricing inputs for a set of products in a handful of queries. */
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

void pricing_inputs_free(struct pricing_inputs *in)
{
    if (in == NULL)
        return;
    free(in->products);
    free(in->items);
    free(in->contracts);
    free(in->tiers);
    free(in->floors);
    memset(in, 0, sizeof *in);
}
