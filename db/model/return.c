/* The names of a return's enums, as stored. */
#include <stddef.h>

#include "db/model/return.h"

const char *const return_status_names[RETURN_STATUS_COUNT + 1] = {
    "requested", "received", "awaiting_approval", "refunded", "exchanged", "replaced", "rejected",
    "closed",    NULL};
const char *const return_resolution_names[RESOLUTION_COUNT + 1] = {"refund", "exchange", "replacement", NULL};
const char *const return_reason_names[RETURN_REASON_COUNT + 1] = {
    "damaged", "wrong_item", "not_as_described", "changed_mind", "late_delivery", NULL};
const char *const shipping_rule_names[SHIPPING_RULE_COUNT + 1] = {
    "kept", "whole_order", "our_fault", "was_free", "none", "refunded", NULL};
const char *const return_disposition_names[DISPOSITION_COUNT + 1] = {"", "restock", "scrap", NULL};
