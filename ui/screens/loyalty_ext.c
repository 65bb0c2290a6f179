/* Loyalty in the console (issue 12 fills this file): the Quick order's
 * points key (F7) and its line under the totals, the order screen's section.
 * Until then each binds nothing. */
#include "ui/screens/order_sections.h"
#include "ui/screens/quick_order_ext.h"

const struct quick_order_ext loyalty_quick_order_ext = {UA_QO_POINTS, NULL, NULL, NULL};

/* The order screen's points section (issue 12): no keys yet. */
const struct order_section loyalty_order_section = {"Points", NULL, 0};
