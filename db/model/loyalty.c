/* The names of the loyalty ledger's kinds and buckets, as stored and shown. */
#include <stddef.h>

#include "db/model/loyalty.h"

const char *const loyalty_kind_names[LOYALTY_KIND_COUNT + 1] = {
    "opening", "earn", "release", "cancel", "redeem", "restore", "reverse", "expire", "adjust", NULL};
const char *const loyalty_bucket_names[LOYALTY_BUCKET_COUNT + 1] = {"pending", "available", NULL};
