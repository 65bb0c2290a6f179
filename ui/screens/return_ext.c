/* The order screen's returns section: open a return, refund (issue 14 fills
 * this file; until then it binds nothing). */
#include "ui/screens/order_sections.h"

const struct order_section return_order_section = {"Returns", NULL, 0};
