/* Accounts (B2B companies) and their contacts: validation, rights (a rep
 * sees and edits only the accounts assigned to them), audited changes. */
#ifndef COMPTOIR_ACCOUNTS_H
#define COMPTOIR_ACCOUNTS_H

#include <stdint.h>

#include "db/model/account.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;

/* Validation is pure: it names the field at fault and why. */
int account_validate(const struct account *a, struct err *e);
int contact_validate(const struct contact *c, struct err *e);

/* What a contact does at the account, then NULL (a form's choices); the first
 * is a new contact's role. */
extern const char *const contact_roles[];
#define CONTACT_ROLE_COUNT 4

int account_create(struct app *app, struct account *a, struct err *e);
int account_update(struct app *app, struct account *a, struct err *e);
int account_get(struct app *app, int64_t id, struct account *out, struct err *e);
int account_find_code(struct app *app, const char *code, struct account *out, struct err *e);
/* Reps see only their own accounts; the core sets q->owner_id for them. */
int account_page(struct app *app, const struct page_req *q, struct account *rows, int *count, struct err *e);
/* The keyset cursor of an account row for a sort (ACCOUNT_SORT_*). */
void account_cursor(const struct account *a, int sort, struct page_cursor *c);

int contact_add(struct app *app, struct contact *c, struct err *e);
int contact_update(struct app *app, const struct contact *c, struct err *e);
/* One contact of an account the user may see (read again for a form's reload). */
int contact_get(struct app *app, int64_t id, struct contact *out, struct err *e);
/* An account's contacts by name: every one (q NULL) or a keyset window, rows + more. */
int contact_list(struct app *app, int64_t account_id, const struct page_req *q, struct rows *out,
                 struct err *e);
void contact_cursor(const struct contact *c, struct page_cursor *cur);

#endif
