/* The promotions screen (promotions and coupon codes): issue 11 fills this file; until then
 * it is not ready and `:` does not offer it. */
#include <stdbool.h>
#include <stddef.h>

#include "ui/screens/screens.h"

const bool promotions_screen_ready = false;

struct screen *promotions_new(struct console *c)
{
    (void)c;
    return NULL;
}
