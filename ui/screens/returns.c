/* The returns screen (returns and refunds): issue 14 fills this file; until then
 * it is not ready and `:` does not offer it. */
#include <stdbool.h>
#include <stddef.h>

#include "ui/screens/screens.h"

const bool returns_screen_ready = false;

struct screen *returns_new(struct console *c)
{
    (void)c;
    return NULL;
}
