/* Promotions in the console (issue 11 fills this file): the Quick order's
 * coupon key (F6) and its line under the totals, the order screen's section.
 * Until then each binds nothing. */
#include "ui/screens/order_sections.h"
#include "ui/screens/quick_order_ext.h"

const struct quick_order_ext promotion_quick_order_ext = {UA_QO_COUPON, NULL, NULL, NULL};

/* The order screen's promotions section (issue 11): no keys yet. */
const struct order_section promotion_order_section = {"Promotions", NULL, 0};
