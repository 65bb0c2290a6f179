/* Accounts and their contacts: insert, optimistic update, look-ups, keyset pages.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_ACCOUNT_STORE_H
#define COMPTOIR_DB_ACCOUNT_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/account.h"
#include "src/base/page.h"
#include "src/base/rows.h"

int account_store_insert(struct db *db, struct account *a, struct err *e);
/* Saves only if a->version is still current; bumps a->version. ERR_CONFLICT otherwise. */
int account_store_update(struct db *db, struct account *a, struct err *e);
int account_store_get(struct db *db, int64_t id, struct account *out, struct err *e);
int account_store_find_code(struct db *db, const char *code, struct account *out, struct err *e);
int account_store_page(struct db *db, const struct page_req *q, struct account *rows, int *count,
                       struct err *e);
void account_store_cursor(const struct account *a, int sort, struct page_cursor *c);
int account_store_count(struct db *db, const struct page_req *q, int64_t *out, struct err *e);
int contact_store_insert(struct db *db, struct contact *c, struct err *e);
int contact_store_update(struct db *db, const struct contact *c, struct err *e);
int contact_store_get(struct db *db, int64_t id, struct contact *out, struct err *e);
int contact_store_delete(struct db *db, int64_t id, struct err *e);
/* The account's first contact (by id) of this name in this role (a person
 * may be the buyer and the approver: two contacts); ERR_NOTFOUND when none. */
int contact_store_find_name(struct db *db, int64_t account_id, const char *name, const char *role,
                            struct contact *out, struct err *e);
/* An account's contacts by name: every one (q NULL) or a keyset window. */
int contact_store_list_for_account(struct db *db, int64_t account_id, const struct page_req *q,
                                   struct rows *out, struct err *e);
void contact_store_cursor(const struct contact *c, struct page_cursor *cur);
/* Contacts of all accounts in (account code, id) order, after a cursor (export). */
int contact_store_page(struct db *db, const struct page_req *q, struct contact *rows, int *count,
                       struct err *e);

#endif
