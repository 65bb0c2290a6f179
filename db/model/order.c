/* The names of order statuses and sales channels, as stored and typed. */
#include <stddef.h>

#include "db/model/order.h"
#include "src/base/err.h"
#include "src/base/names.h"

const char *const order_status_names[ORDER_STATUS_COUNT + 1] = {"placed", "allocated", "shipped", "delivered",
                                                                "closed", "cancelled", NULL};
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
