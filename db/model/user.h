/* The user record: a person at a terminal and their role. */
#ifndef COMPTOIR_DB_MODEL_USER_H
#define COMPTOIR_DB_MODEL_USER_H

#include <stdbool.h>
#include <stdint.h>

enum role { ROLE_REP, ROLE_SUPPORT, ROLE_MANAGER, ROLE_ADMIN };
#define ROLE_COUNT (ROLE_ADMIN + 1)

struct user {
    int64_t id;
    char login[65];
    char full_name[128];
    enum role role;
    bool active;
    bool has_password;
    char created_at[32];
};

/* "rep", "support", "manager", "admin" in enum role order, then NULL. */
extern const char *const role_names[ROLE_COUNT + 1];
const char *role_name(enum role r);
/* ERR_OK and *out, or ERR_INVALID for a word that names no role. */
int role_parse(const char *text, enum role *out);

#endif
