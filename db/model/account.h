/* The account and contact records: a business customer and the people at it. */
#ifndef COMPTOIR_DB_MODEL_ACCOUNT_H
#define COMPTOIR_DB_MODEL_ACCOUNT_H

#include <stdint.h>

struct account {
    int64_t id;
    char code[33];
    char name[201];
    char vat_number[33];
    char email[201];
    char phone[41];
    char billing_address[401];
    char shipping_address[401];
    char city[101];
    char country[61];
    int payment_terms_days;
    int64_t credit_limit; /* minor units */
    int64_t open_balance; /* minor units */
    int64_t rep_id;       /* 0 = unassigned */
    char rep_login[65];   /* read only, joined */
    char tier[33];
    char notes[2001];
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum account_sort { ACCOUNT_SORT_NAME, ACCOUNT_SORT_CODE, ACCOUNT_SORT_CITY, ACCOUNT_SORT_BALANCE };

struct contact {
    int64_t id;
    int64_t account_id;
    char account_code[33]; /* read only, joined */
    char name[201];
    char role[17]; /* one of contact_roles (src/accounts.h) */
    char email[201];
    char phone[41];
    char title[101];
    char updated_at[32]; /* as read: an update made since then is refused (someone else saved) */
};

#endif
