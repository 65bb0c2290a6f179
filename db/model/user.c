/* The names of roles, as stored and typed. */
#include <stddef.h>

#include "db/model/user.h"
#include "src/base/err.h"
#include "src/base/names.h"

const char *const role_names[ROLE_COUNT + 1] = {"rep", "support", "manager", "admin", NULL};

const char *role_name(enum role r)
{
    return name_at(role_names, ROLE_COUNT, (int)r);
}

int role_parse(const char *text, enum role *out)
{
    int i = name_index(role_names, ROLE_COUNT, text, false);
    if (i < 0)
        return ERR_INVALID;
    *out = (enum role)i;
    return ERR_OK;
}
