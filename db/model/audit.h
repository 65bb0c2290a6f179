/* The audit log entry: who did what, when, to which object, before and after. */
#ifndef COMPTOIR_DB_MODEL_AUDIT_H
#define COMPTOIR_DB_MODEL_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

struct audit_entry {
    int64_t id;
    char at[32];
    int64_t user_id;
    int64_t real_user_id;    /* the person behind an --as (0: not recorded) */
    char user_login[65];     /* "david", or "root as david" */
    char action[33];         /* create, update, status, import, approve … */
    char object_type[33];    /* account, customer, product, order, user … */
    char object_key[65];     /* the natural key: code, e-mail, SKU, number */
    const char *before_json; /* NULL when none; owned by the caller on insert */
    const char *after_json;
    char prev_hash[65]; /* the chain: the previous entry's hash ("" for the first) */
    char hash[65];      /* of this entry's fields and prev_hash (audit_store_append sets both) */
};

/* What walking the chain found (audit_store_verify). */
struct audit_verdict {
    int64_t entries;    /* entries read */
    int64_t bad_id;     /* the first entry that does not match (0: none) */
    bool bad_content;   /* its hash is not its content's (else: it does not follow the one before) */
    char bad_at[32];    /* its time (UTC) */
    char bad_what[200]; /* "alice update customer x@y" */
    int64_t head_id;    /* the entry whose hash is the head asked for (0: not found) */
    char last_hash[65]; /* the latest entry's hash */
};

#endif
