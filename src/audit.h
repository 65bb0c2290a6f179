/* The audit log from the core: append an entry inside the caller's
 * transaction, the JSON writer for before/after images, and the images of
 * each record. Append-only: nothing here changes an entry. */
#ifndef COMPTOIR_AUDIT_H
#define COMPTOIR_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/err.h"

struct app;
struct account;
struct contact;
struct customer;
struct product;
struct order;
struct strbuf;

/* Appends to the audit log inside the caller's transaction. */
int audit_record(struct app *app, const char *action, const char *object_type, const char *object_key,
                 const char *before_json, const char *after_json, struct err *e);

/* The latest entry's hash, for an admin to keep elsewhere (`audit head`). */
int audit_head(struct app *app, char hash[65], struct err *e);
/* Recomputes the whole chain (`check`): the first entry that does not match
 * is a problem; with head (a hash kept from `audit head`), so is a chain
 * that does not hold it unbroken — and when it does, the report says that
 * nothing up to it was changed. */
int audit_check_chain(struct app *app, const char *head, struct strbuf *report, int *problems, struct err *e);
/* A save refused because someone else saved first (ERR_CONFLICT): says who
 * and when from the object's latest audit entry — "account DUPONT was
 * changed by bruno at 14:02 — reload" — or, when the change left none of
 * its own (changed_at, the record's updated_at, is later), only when. Returns
 * ERR_CONFLICT; called after the failed transaction has ended. */
int audit_conflict(struct app *app, const char *object_type, const char *object_key, const char *changed_at,
                   const char *what, struct err *e);

/* A small growing JSON writer for audit before/after images. */
struct json {
    char *buf;
    size_t len, cap;
    bool first;
};
void json_begin(struct json *j);
void json_str(struct json *j, const char *key, const char *value);
void json_int(struct json *j, const char *key, int64_t value);
void json_bool(struct json *j, const char *key, bool value);
/* Closes the object and returns the text (owned by j; json_free releases). */
const char *json_end(struct json *j);
void json_free(struct json *j);

char *account_to_json(const struct account *a);   /* owned */
char *contact_to_json(const struct contact *c);   /* owned */
char *customer_to_json(const struct customer *c); /* owned */
char *product_to_json(const struct product *p);   /* owned */
char *order_to_json(const struct order *o);       /* owned */

#endif
