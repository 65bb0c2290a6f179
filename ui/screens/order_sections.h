/* The seams of the order screen: what issues 11-14 add to it, each in its
 * own file (promotion_ext.c 11, loyalty_ext.c 12, fulfilment_ext.c 13,
 * return_ext.c 14), without touching order_detail.c. A section binds actions
 * of the key map on the order screen (browse mode; its handlers get the
 * screen as struct order_view *) — a new action goes into ui/keymap.c first.
 * What an issue shows of an order comes from its *_order_summary rows
 * (src/b2c/b2c_hooks.h), which the screen draws above the timeline. Until
 * its owner fills it, a section binds nothing. */
#ifndef COMPTOIR_UI_SCREENS_ORDER_SECTIONS_H
#define COMPTOIR_UI_SCREENS_ORDER_SECTIONS_H

#include "src/orders.h"
#include "ui/keys.h"

struct console;
struct order_view; /* the order screen, opaque to sections */

struct order_section {
    const char *title;         /* the help's section: "Shipments" */
    const struct keydef *keys; /* its bindings; NULL: none yet */
    int nkeys;
};

extern const struct order_section promotion_order_section;  /* ui/screens/promotion_ext.c, issue 11 */
extern const struct order_section loyalty_order_section;    /* ui/screens/loyalty_ext.c, issue 12 */
extern const struct order_section fulfilment_order_section; /* ui/screens/fulfilment_ext.c, issue 13 */
extern const struct order_section return_order_section;     /* ui/screens/return_ext.c, issue 14 */

/* What a section's handler may use: the order as shown (read again by the
 * core on every operation), the console, and a reload after a change. */
const struct order *order_view_order(const struct order_view *v);
struct console *order_view_console(struct order_view *v);
/* Reads the order, its lines, summary and timeline again; UI_DRAW. */
int order_view_reload(struct order_view *v);

#endif
