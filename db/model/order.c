/* The names of order statuses and sales channels, as stored and typed. */
#include <stddef.h>

#include "db/model/order.h"
#include "src/base/err.h"
#include "src/base/names.h"

const char *const order_status_names[ORDER_STATUS_COUNT + 1] = {
    "placed", "allocated", "partially_shipped", "shipped", "delivered", "closed", "cancelled", NULL};
const char *const order_source_names[ORDER_SOURCE_COUNT + 1] = {"import", "counter",  "quote",
                                                                "demo",   "exchange", NULL};
const char *const line_kind_names[LINE_KIND_COUNT + 1] = {"goods", "shipping", "fee", NULL};
const char *const payment_method_names[PAY_METHOD_COUNT + 1] = {"card",    "cash",   "transfer",
                                                                "account", "credit", NULL};
const char *const adjustment_kind_names[ADJ_KIND_COUNT + 1] = {"manual", "promotion", "points", "exchange",
                                                               NULL};
static const char *const channel_names[] = {"b2b", "b2c"}; /* in enum channel order */

const char *order_status_name(enum order_status s)
{
    return name_at(order_status_names, ORDER_STATUS_COUNT, (int)s);
}

int order_status_parse(const char *text, enum order_status *out)
{
    int i = name_index(order_status_names, ORDER_STATUS_COUNT, text, true);
    if (i < 0)
        return ERR_INVALID;
    *out = (enum order_status)i;
    return ERR_OK;
}

const char *channel_name(enum channel c)
{
    return c == CHANNEL_B2B ? channel_names[CHANNEL_B2B] : channel_names[CHANNEL_B2C];
}

int channel_parse(const char *text, enum channel *out)
{
    int i = name_index(channel_names, 2, text, true);
    if (i < 0)
        return ERR_INVALID;
    *out = (enum channel)i;
    return ERR_OK;
}
