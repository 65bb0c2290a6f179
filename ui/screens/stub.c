/* TEMPORARY: screens not built yet. */
#include <stdlib.h>
#include "screens/screens.h"
#include "shell.h"

static void stub_draw(struct screen *s)
{
    draw_text(s->y + 1, 2, s->w - 4, "(not built yet)", TEXT_LEFT, STYLE_DIM);
}
static void stub_destroy(struct screen *s)
{
    free(s);
}
static const struct screen_ops stub_ops = {.kind = "stub", .draw = stub_draw, .destroy = stub_destroy};
static struct screen *stub(struct console *c, const char *title)
{
    struct screen *s = xcalloc(1, sizeof *s);
    screen_init(s, &stub_ops, c, title);
    return s;
}
struct screen *home_new(struct console *c) { return stub(c, "Home"); }
struct screen *accounts_new(struct console *c) { return stub(c, "Accounts"); }
struct screen *account_detail_new(struct console *c, int64_t id) { (void)id; return stub(c, "Account"); }
struct screen *customers_new(struct console *c) { return stub(c, "Customers"); }
struct screen *customer_detail_new(struct console *c, int64_t id) { (void)id; return stub(c, "Customer"); }
struct screen *products_new(struct console *c) { return stub(c, "Products"); }
struct screen *product_detail_new(struct console *c, int64_t id) { (void)id; return stub(c, "Product"); }
struct screen *orders_new(struct console *c) { return stub(c, "Orders"); }
struct screen *order_detail_new(struct console *c, const char *n) { (void)n; return stub(c, "Order"); }
struct screen *admin_new(struct console *c) { return stub(c, "Admin"); }
