/* The users table: logins, roles, password hashes, the active flag.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_USER_STORE_H
#define COMPTOIR_DB_USER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/user.h"
#include "src/base/page.h"
#include "src/base/rows.h"

int user_store_insert(struct db *db, struct user *u, const char *password_hash, struct err *e);
int user_store_find_login(struct db *db, const char *login, struct user *out, struct err *e);
int user_store_get(struct db *db, int64_t id, struct user *out, struct err *e);
int user_store_password_hash(struct db *db, int64_t id, char *out, size_t len, struct err *e);
int user_store_set_active(struct db *db, int64_t id, bool active, struct err *e);
int user_store_set_password(struct db *db, int64_t id, const char *hash, struct err *e);
int user_store_set_role(struct db *db, int64_t id, enum role role, struct err *e);
int user_store_count(struct db *db, int64_t *out, struct err *e);
/* Every user (q NULL) or a keyset window of them, by login. */
int user_store_list(struct db *db, const struct page_req *q, struct rows *out, struct err *e);
void user_store_cursor(const struct user *u, struct page_cursor *c);

#endif
