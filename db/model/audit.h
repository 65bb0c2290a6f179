/* The audit log entry: who did what, when, to which object, before and after. */
#ifndef COMPTOIR_DB_MODEL_AUDIT_H
#define COMPTOIR_DB_MODEL_AUDIT_H

#include <stdint.h>

struct audit_entry {
    int64_t id;
    char at[32];
    int64_t user_id;
    char user_login[65];
    char action[33];         /* create, update, status, import, approve … */
    char object_type[33];    /* account, customer, product, order, user … */
    char object_key[65];     /* the natural key: code, e-mail, SKU, number */
    const char *before_json; /* NULL when none; owned by the caller on insert */
    const char *after_json;
};

#endif
