/* ui/screens — one file per screen. A screen calls the core (src/core.h) and
 * draws with the widgets; it never runs SQL and never decides a business
 * rule: the core refuses, the screen shows the core's message. */
#ifndef COMPTOIR_UI_SCREENS_H
#define COMPTOIR_UI_SCREENS_H

#include <stdbool.h>
#include <stdint.h>

struct console;
struct screen;
struct account;
struct contact;
struct customer;
struct product;

struct screen *home_new(struct console *c);
struct screen *accounts_new(struct console *c);
struct screen *account_detail_new(struct console *c, int64_t id);
/* The account form; a NULL account creates one. */
struct screen *account_edit_new(struct console *c, const struct account *a);
/* The contact form; c->id == 0 adds one to c->account_id. */
struct screen *contact_edit_new(struct console *c, const struct contact *ct);
struct screen *customers_new(struct console *c);
struct screen *customer_detail_new(struct console *c, int64_t id);
struct screen *customer_edit_new(struct console *c, const struct customer *cu);
struct screen *products_new(struct console *c);
struct screen *product_detail_new(struct console *c, int64_t id);
struct screen *product_edit_new(struct console *c, const struct product *p);
struct screen *orders_new(struct console *c);
/* Fulfilment: the orders to ship, the back-orders by SKU, the late orders. */
struct screen *fulfilment_new(struct console *c);
struct order;
/* The ship form of an order (its ready lines and quantities, carrier,
 * tracking, parcels), pushed over the current screen; UI_DRAW. */
int order_ship_form_open(struct console *c, const struct order *o);
/* Quick order: a sale to a customer (or an account) from an empty cart. */
struct screen *quick_order_new(struct console *c);
/* The B2C wave's screens, each in its own file, opened by `:` (ui/command.c);
 * until its owner fills it a screen is not ready and `:` does not offer it. */
struct screen *promotions_new(struct console *c); /* ui/screens/promotions.c, issue 11 */
struct screen *fulfilment_new(struct console *c); /* ui/screens/fulfilment.c, issue 13 */
struct screen *returns_new(struct console *c);    /* ui/screens/returns.c, issue 14 */
/* One return (R-000123): its lines, receipt, refunds; m the next step (ui/screens/returns.c). */
struct screen *return_detail_new(struct console *c, const char *number);
struct screen *reports_new(struct console *c); /* ui/screens/reports.c, issue 15 */
extern const bool promotions_screen_ready, fulfilment_screen_ready, returns_screen_ready,
    reports_screen_ready;
struct screen *order_detail_new(struct console *c, const char *number);
struct screen *admin_new(struct console *c);
/* Quotes: the list (mine / awaiting me / all), the editor of one quote by its
 * number, and the compare of two of its revisions (0, 0 = the last two). */
struct screen *quotes_new(struct console *c);
struct screen *quote_editor_new(struct console *c, const char *number);
/* Pushes the editor of a quote just made; with no line yet, its first line's form too. */
void quote_editor_open(struct console *c, const char *number);
struct screen *quote_compare_new(struct console *c, const char *number, int revision_a, int revision_b);
/* Approvals: the queue of quotes waiting for the user's decision, oldest
 * first, with why each needs approval; v approves, x rejects with a comment. */
struct screen *approvals_new(struct console *c);
/* Approval rules (managers, admins): the list and a form to add, edit or disable one. */
struct screen *rules_new(struct console *c);
struct approval_rule;
struct screen *rule_edit_new(struct console *c, const struct approval_rule *r);

#endif
