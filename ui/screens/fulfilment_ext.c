/* The order screen's shipments section: ship, deliver, cancel (issue 13
 * fills this file; until then it binds nothing). */
#include "ui/screens/order_sections.h"

const struct order_section fulfilment_order_section = {"Shipments", NULL, 0};
