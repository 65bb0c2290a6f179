/* The reports screen (reports for managers): issue 15 fills this file; until then
 * it is not ready and `:` does not offer it. */
#include <stdbool.h>
#include <stddef.h>

#include "ui/screens/screens.h"

const bool reports_screen_ready = false;

struct screen *reports_new(struct console *c)
{
    (void)c;
    return NULL;
}
