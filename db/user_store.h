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

int user_store_insert(struct db *db, struct user *u, const char *password_hash, struct err *e);
int user_store_find_login(struct db *db, const char *login, struct user *out, struct err *e);
int user_store_get(struct db *db, int64_t id, struct user *out, struct err *e);
int user_store_password_hash(struct db *db, int64_t id, char *out, size_t len, struct err *e);
int user_store_set_active(struct db *db, int64_t id, bool active, struct err *e);
int user_store_set_password(struct db *db, int64_t id, const char *hash, struct err *e);
int user_store_set_role(struct db *db, int64_t id, enum role role, struct err *e);
int user_store_count(struct db *db, int64_t *out, struct err *e);
/* All users, by login (the user table stays small: hundreds). */
int user_store_list(struct db *db, struct user *rows, int max, int *count, struct err *e);

#endif
