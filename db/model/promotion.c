/* The names of a promotion's kinds, targets, triggers and states. */
#include <stddef.h>

#include "db/model/promotion.h"

const char *const promotion_kind_names[PROMO_KIND_COUNT + 1] = {"percent",       "fixed", "buy_get",
                                                                "free_shipping", "price", NULL};
const char *const promotion_target_names[PROMO_TARGET_COUNT + 1] = {"order", "category", "skus", NULL};
const char *const promotion_activation_names[PROMO_ACTIVATION_COUNT + 1] = {"auto", "code", NULL};
const char *const promotion_state_names[PROMO_STATE_COUNT + 1] = {"active", "scheduled", "ended", "disabled",
                                                                  NULL};
