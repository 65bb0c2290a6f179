/* The customer record: a consumer. */
#ifndef COMPTOIR_DB_MODEL_CUSTOMER_H
#define COMPTOIR_DB_MODEL_CUSTOMER_H

#include <stdint.h>

struct customer {
    int64_t id;
    char name[201];
    char email[201];
    char phone[41];
    char address[401];
    char city[101];
    char country[61];
    int64_t loyalty_points; /* read: the points spendable today (net of any past their day);
                               written only by an insert, as the opening balance */
    char loyalty_tier[17];
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum customer_sort { CUSTOMER_SORT_NAME, CUSTOMER_SORT_EMAIL, CUSTOMER_SORT_CITY, CUSTOMER_SORT_ID };

#endif
