/* Users and rights: the roles' rights (enforced here, not only hidden in the
 * screens), passwords, and the operations on users (admins). */
#ifndef COMPTOIR_USERS_H
#define COMPTOIR_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/model/user.h"
#include "src/base/err.h"
#include "src/base/page.h"
#include "src/base/rows.h"

struct app;
struct db;

enum action {
    ACT_USER_MANAGE,      /* add, disable users, change roles */
    ACT_ACT_AS,           /* --as another user */
    ACT_ACCOUNT_VIEW_ALL, /* see every account (reps see their own) */
    ACT_ACCOUNT_CREATE,
    ACT_ACCOUNT_EDIT,   /* edit an account (reps: their own only) */
    ACT_ACCOUNT_ASSIGN, /* change an account's rep */
    ACT_CUSTOMER_EDIT,
    ACT_PRODUCT_EDIT, /* name, category, stock, flags */
    ACT_PRICE_EDIT,   /* list price, cost, any price */
    ACT_ORDER_VIEW,
    ACT_ORDER_VIEW_ALL, /* every order (reps: their accounts' and those they placed) */
    ACT_ORDER_CREATE,
    ACT_ORDER_STATUS, /* move an order through its life cycle */
    ACT_ORDER_NOTE,
    ACT_IMPORT,
    ACT_EXPORT,
    ACT_BACKUP,
    ACT_SETTINGS,
    ACT_QUOTE_EDIT,
    ACT_QUOTE_APPROVE,
    ACT_APPROVAL_RULES,
    ACT_REPORTS,
    ACT_AUDIT,        /* read the audit log's head */
    ACT_QUOTE_EXPIRE, /* expire the quotes past their date */
    /* The B2C wave (issues 10–15): declared together so each issue only fills its own code. */
    ACT_ORDER_OVER_CREDIT, /* place on account beyond the credit limit */
    ACT_SHIPPING_EDIT,     /* shipping methods and closing days */
    ACT_PROMOTION_VIEW,
    ACT_PROMOTION_EDIT,
    ACT_LOYALTY_VIEW,
    ACT_LOYALTY_ADJUST,
    ACT_LOYALTY_EXPIRE,
    ACT_ORDER_SHIP,   /* ship, deliver (reps: orders they may see) */
    ACT_ORDER_CANCEL, /* (reps: orders they may see) */
    ACT_STOCK_RECEIVE,
    ACT_RETURN_OPEN,    /* open, receive, reject a return (reps: orders they may see) */
    ACT_RETURN_REFUND,  /* refund, exchange, replace up to the threshold */
    ACT_RETURN_LATE,    /* accept a return past the window */
    ACT_REFUND_APPROVE, /* never one they requested */
    ACT_REPORTS_OWN,    /* their own figures */
    ACT_COUNT
};

bool rights_allows(enum role role, enum action action);
const char *action_describe(enum action action); /* "change prices" */

int password_hash(const char *password, char *out, size_t len, struct err *e);
bool password_verify(const char *hash, const char *password);

/* `comptoir init`: the first user to run it becomes admin (idempotent). */
int user_bootstrap_admin(struct db *db, const char *login, struct user *out, struct err *e);
int user_add(struct app *app, const char *login, const char *full_name, enum role role, const char *password,
             struct err *e);
int user_disable(struct app *app, const char *login, struct err *e);
int user_set_password(struct app *app, const char *login, const char *password, struct err *e);
/* Every user (q NULL) or a keyset window of them, by login: rows + more. */
int user_list(struct app *app, const struct page_req *q, struct rows *out, struct err *e);
void user_cursor(const struct user *u, struct page_cursor *c);
/* The comptoir user of the person at the terminal (the Unix login, also when
 * acting --as someone else). */
int user_real(struct app *app, struct user *out, struct err *e);
/* Whether password is the one of user u (*ok); ERR_OK also when it is not. */
int user_password_check(struct app *app, const struct user *u, const char *password, bool *ok, struct err *e);

#endif
