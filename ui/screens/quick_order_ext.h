/* The seams of the Quick order screen: what issues 11 (a coupon, F6) and 12
 * (points, F7) add to it, each in its own file (promotion_ext.c, loyalty_ext.c),
 * without touching quick_order.c. An extension binds one action of the key
 * map and may add a line under the totals; it changes the cart through the
 * functions below, which price it again and redraw. Until its owner fills
 * it, an extension binds nothing (run NULL) and adds no line. */
#ifndef COMPTOIR_UI_SCREENS_QUICK_ORDER_EXT_H
#define COMPTOIR_UI_SCREENS_QUICK_ORDER_EXT_H

#include <stddef.h>

#include "src/b2c/cart.h"
#include "ui/keys.h"

struct console;
struct quick_order; /* the screen, opaque to extensions */

struct quick_order_ext {
    enum ui_action action; /* UA_QO_COUPON (11), UA_QO_POINTS (12) */
    const char *label;     /* in the key bar; NULL: the key map's */
    /* The key: returns what changed (UI_*); NULL: nothing bound yet. */
    int (*run)(struct quick_order *qo);
    /* A line for the totals panel ("Coupon NOEL10 −6.00 €"), "" for none; NULL: none. */
    void (*panel)(struct quick_order *qo, char *out, size_t len);
};

extern const struct quick_order_ext promotion_quick_order_ext; /* ui/screens/promotion_ext.c, issue 11 */
extern const struct quick_order_ext loyalty_quick_order_ext;   /* ui/screens/loyalty_ext.c, issue 12 */

/* What an extension may use: the cart being sold (change it, then call
 * quick_order_changed), the cart as last priced, and the console (dialogs,
 * forms, the status line). */
struct cart *quick_order_cart(struct quick_order *qo);
const struct priced_cart *quick_order_priced(const struct quick_order *qo);
struct console *quick_order_console(struct quick_order *qo);
/* The cart changed: prices it again (loading what it lacks); UI_DRAW. */
int quick_order_changed(struct quick_order *qo);

#endif
