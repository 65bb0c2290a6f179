/* The names of quote statuses, as stored and typed. */
#include <stddef.h>

#include "db/model/quote.h"
#include "src/base/err.h"
#include "src/base/names.h"

const char *const quote_status_names[QUOTE_STATUS_COUNT + 1] = {
    "draft", "pending", "approved", "sent", "accepted", "ordered", "rejected", "expired", "cancelled", NULL};

const char *quote_status_name(enum quote_status s)
{
    return name_at(quote_status_names, QUOTE_STATUS_COUNT, (int)s);
}

int quote_status_parse(const char *text, enum quote_status *out)
{
    int i = name_index(quote_status_names, QUOTE_STATUS_COUNT, text, false);
    if (i < 0)
        return ERR_INVALID;
    *out = (enum quote_status)i;
    return ERR_OK;
}
