/* The fulfilment screen (what is to ship, shipments, stock): issue 13 fills this file; until then
 * it is not ready and `:` does not offer it. */
#include <stdbool.h>
#include <stddef.h>

#include "ui/screens/screens.h"

const bool fulfilment_screen_ready = false;

struct screen *fulfilment_new(struct console *c)
{
    (void)c;
    return NULL;
}
