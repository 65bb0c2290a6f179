/* Name tables of enums: the words a record's enum is stored and typed as
 * ("pending", "manager"), one array per enum in enum order. */
#ifndef COMPTOIR_BASE_NAMES_H
#define COMPTOIR_BASE_NAMES_H

#include <stdbool.h>

/* The index of text in names[0..n) (a NULL entry ends the table sooner), or -1
 * (also for text NULL); nocase ignores ASCII case. */
int name_index(const char *const *names, int n, const char *text, bool nocase);
/* names[i], or "?" when i is out of range. */
const char *name_at(const char *const *names, int n, int i);

#endif
