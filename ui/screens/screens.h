/* ui/screens — one file per screen. A screen calls the core (src/core.h) and
 * draws with the widgets; it never runs SQL and never decides a business
 * rule: the core refuses, the screen shows the core's message. */
#ifndef COMPTOIR_UI_SCREENS_H
#define COMPTOIR_UI_SCREENS_H

#include <stdint.h>

struct console;
struct screen;

struct screen *home_new(struct console *c);
struct screen *accounts_new(struct console *c);
struct screen *account_detail_new(struct console *c, int64_t id);
struct screen *customers_new(struct console *c);
struct screen *customer_detail_new(struct console *c, int64_t id);
struct screen *products_new(struct console *c);
struct screen *product_detail_new(struct console *c, int64_t id);
struct screen *orders_new(struct console *c);
struct screen *order_detail_new(struct console *c, const char *number);
struct screen *admin_new(struct console *c);

#endif
