/* The names of approval conditions, as stored and typed. */
#include <stddef.h>

#include "db/model/approval.h"
#include "src/base/err.h"
#include "src/base/names.h"

const char *const approval_condition_names[APPROVAL_CONDITION_COUNT + 1] = {
    "line_discount", "total_discount", "margin", "total", "payment_terms", NULL};

const char *approval_condition_name(enum approval_condition c)
{
    return name_at(approval_condition_names, APPROVAL_CONDITION_COUNT, (int)c);
}

int approval_condition_parse(const char *text, enum approval_condition *out)
{
    int i = name_index(approval_condition_names, APPROVAL_CONDITION_COUNT, text, false);
    if (i < 0)
        return ERR_INVALID;
    *out = (enum approval_condition)i;
    return ERR_OK;
}
