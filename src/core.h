/* src/ — the core: business rules (money, rights, accounts, customers,
 * products, orders, audit), CSV import and export, and the CLI. It may include
 * db/db.h and the C and POSIX libraries; never ncurses. Every operation that
 * changes data checks the acting user's rights here, runs in one transaction
 * and writes the audit log. */
#ifndef COMPTOIR_CORE_H
#define COMPTOIR_CORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"

#define COMPTOIR_VERSION "0.1.0"

/* --------------------------------------------------------------- memory */

/* Allocation failure aborts with a message; every other error is returned. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* ---------------------------------------------------------------- money */

/* Amounts are int64_t minor units (cents); rates are basis points (1250 = 12.5 %).
 * The one rounding rule: half away from zero, per line; totals are sums of lines. */

/* out = a × b; ERR_INVALID on overflow. */
int money_mul(int64_t a, int64_t b, int64_t *out, struct err *e);
/* out = a + b; ERR_INVALID on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out, struct err *e);
/* out = amount × bp / 10000, rounded half away from zero. */
int money_apply_bp(int64_t amount, int64_t bp, int64_t *out, struct err *e);
/* num / den rounded half away from zero (den > 0). */
int64_t money_div_round(int64_t num, int64_t den);
/* Splits amount over weights in proportion (largest remainder), so the parts
 * add up exactly to amount. All weights >= 0, at least one > 0. */
int money_spread(int64_t amount, const int64_t *weights, int n, int64_t *parts, struct err *e);

/* Parses "12.50", "12,50", "1 234,50", "1,234.50", "-3", "€ 12.5", "12.50 EUR"
 * into minor units (2 decimals). More than 2 decimals is an error. */
int money_parse(const char *text, int64_t *out, struct err *e);
/* "1234.50" / "-0.05": the plain form used by CSV and the CLI. */
void money_format_plain(int64_t minor, char *out, size_t len);
/* The locale's form through strfmon ("1 234,50 €" in fr_FR); falls back to
 * "1,234.50 EUR" when the locale has no monetary conventions. */
void money_format(int64_t minor, const char *currency, char *out, size_t len);
/* "12.5", "12.5%", "0.125" is NOT accepted (ambiguous); → 1250 basis points. */
int bp_parse(const char *text, int64_t *out, struct err *e);
/* 1250 → "12.5 %"; 1500 → "15 %". */
void bp_format(int64_t bp, char *out, size_t len);

/* --------------------------------------------------------------- rights */

enum action {
    ACT_USER_MANAGE,     /* add, disable users, change roles */
    ACT_ACT_AS,          /* --as another user */
    ACT_ACCOUNT_VIEW_ALL,/* see every account (reps see their own) */
    ACT_ACCOUNT_CREATE,
    ACT_ACCOUNT_EDIT,    /* edit an account (reps: their own only) */
    ACT_ACCOUNT_ASSIGN,  /* change an account's rep */
    ACT_CUSTOMER_EDIT,
    ACT_PRODUCT_EDIT,    /* name, category, stock, flags */
    ACT_PRICE_EDIT,      /* list price, cost, any price */
    ACT_ORDER_VIEW,
    ACT_ORDER_CREATE,
    ACT_ORDER_STATUS,    /* move an order through its life cycle */
    ACT_ORDER_NOTE,
    ACT_IMPORT,
    ACT_EXPORT,
    ACT_BACKUP,
    ACT_SETTINGS,
    ACT_QUOTE_EDIT,
    ACT_QUOTE_APPROVE,
    ACT_APPROVAL_RULES,
    ACT_REPORTS,
    ACT_COUNT
};

bool rights_allows(enum role role, enum action action);
const char *action_describe(enum action action); /* "change prices" */

/* --------------------------------------------------------- the context */

/* What every core operation gets: the database and who is acting. */
struct app {
    struct db *db;
    struct user user;      /* the acting user (after --as) */
    char real_login[65];   /* the Unix login that started the program */
    char currency[8];      /* from settings, "EUR" by default */
};

/* Resolves the database path: explicit, else $COMPTOIR_DB, else
 * $XDG_DATA_HOME/comptoir/comptoir.db (~/.local/share/...), creating the folder. */
int app_db_path(const char *explicit_path, char *out, size_t len, struct err *e);
/* Opens the database and identifies the user: the Unix login mapped to a
 * comptoir user, or as_login when the Unix user is an admin. */
int app_open(struct app *app, const char *path, const char *as_login, struct err *e);
void app_close(struct app *app);
/* ERR_DENIED with a message naming the role and the action when not allowed. */
int app_require(const struct app *app, enum action action, struct err *e);
/* True when the acting user may see / edit this account (reps: their own). */
int app_require_account(const struct app *app, const struct account *a, bool edit, struct err *e);
/* The Unix login of the process owner. */
void unix_login(char *out, size_t len);

/* ----------------------------------------------------------------- text */

/* True when s is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF). */
bool utf8_valid(const char *s);

enum text_flags {
    TEXT_REQUIRED = 1,  /* must not be empty */
    TEXT_MULTILINE = 2, /* line breaks and tabs allowed (addresses, notes) */
    TEXT_KEY = 4        /* a natural key: no space at either end */
};
/* Checks one text field: valid UTF-8, no control characters, at most max
 * bytes; ERR_INVALID naming field and saying why. Reads at most max + 1 bytes. */
int text_check(const char *field, const char *value, size_t max, unsigned flags, struct err *e);
/* An e-mail address: one @, a dot after it, no spaces. Empty passes unless required. */
int text_check_email(const char *field, const char *value, bool required, struct err *e);
/* A phone number: digits, spaces and + - . ( ) only, at least one digit. Empty passes. */
int text_check_phone(const char *field, const char *value, struct err *e);

/* ----------------------------------------------------------------- audit */

/* Appends to the audit log inside the caller's transaction. */
int audit_record(struct app *app, const char *action, const char *object_type,
                 const char *object_key, const char *before_json, const char *after_json,
                 struct err *e);

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

/* ----------------------------------------------------------------- users */

int password_hash(const char *password, char *out, size_t len, struct err *e);
bool password_verify(const char *hash, const char *password);

/* `comptoir init`: the first user to run it becomes admin (idempotent). */
int user_bootstrap_admin(struct db *db, const char *login, struct user *out, struct err *e);
int user_add(struct app *app, const char *login, const char *full_name, enum role role,
             const char *password, struct err *e);
int user_disable(struct app *app, const char *login, struct err *e);
int user_set_password(struct app *app, const char *login, const char *password, struct err *e);
int user_list(struct app *app, struct user *rows, int max, int *count, struct err *e);

/* ------------------------------------------ accounts, contacts, customers */

/* Validation is pure: it names the field at fault and why. */
int account_validate(const struct account *a, struct err *e);
int contact_validate(const struct contact *c, struct err *e);
int customer_validate(const struct customer *c, struct err *e);
int product_validate(const struct product *p, struct err *e);

int account_create(struct app *app, struct account *a, struct err *e);
int account_update(struct app *app, struct account *a, struct err *e);
int account_get(struct app *app, int64_t id, struct account *out, struct err *e);
int account_find_code(struct app *app, const char *code, struct account *out, struct err *e);
/* Reps see only their own accounts; the core sets q->owner_id for them. */
int account_page(struct app *app, const struct page_req *q, struct account *rows, int *count,
                 struct err *e);

int contact_add(struct app *app, struct contact *c, struct err *e);
int contact_update(struct app *app, const struct contact *c, struct err *e);
int contact_list(struct app *app, int64_t account_id, struct contact *rows, int max, int *count,
                 struct err *e);

int customer_create(struct app *app, struct customer *c, struct err *e);
int customer_update(struct app *app, struct customer *c, struct err *e);
int customer_get(struct app *app, int64_t id, struct customer *out, struct err *e);
int customer_page(struct app *app, const struct page_req *q, struct customer *rows, int *count,
                  struct err *e);

int product_create(struct app *app, struct product *p, struct err *e);
/* Refuses a change of list price or cost to anyone without ACT_PRICE_EDIT. */
int product_update(struct app *app, struct product *p, struct err *e);
int product_get(struct app *app, int64_t id, struct product *out, struct err *e);
int product_find_sku(struct app *app, const char *sku, struct product *out, struct err *e);
int product_page(struct app *app, const struct page_req *q, struct product *rows, int *count,
                 struct err *e);

/* ----------------------------------------------------------------- orders */

/* Computes a line's net and tax from quantity, unit price and rate (pure). */
int order_line_compute(struct order_line *l, struct err *e);
/* Sets the order's subtotal, tax and total as the sums of its lines (pure). */
int order_totals_compute(struct order *o, const struct order_line *lines, int n, struct err *e);
/* true when `from → to` is a legal move of the order life cycle. */
bool order_can_move(enum order_status from, enum order_status to);

int order_create(struct app *app, struct order *o, struct order_line *lines, int n, struct err *e);
int order_get(struct app *app, const char *number, struct order *out, struct err *e);
int order_move(struct app *app, struct order *o, enum order_status to, const char *note,
               struct err *e);
int order_find(struct app *app, const char *text, const struct page_req *q, struct order *rows,
               int *count, struct err *e);
/* The lines and the status history of an order the user may see (read again
 * by o->id, so a stale or foreign copy shows nothing it should not). */
int order_lines(struct app *app, const struct order *o, struct order_line *rows, int max, int *count,
                struct err *e);
int order_events(struct app *app, const struct order *o, struct order_event *rows, int max, int *count,
                 struct err *e);
/* One account's orders (a rep: only an account assigned to them) or one
 * customer's, newest first, keyset paged (q->cursor from order_store_cursor
 * with ORDER_SORT_PLACED; q->before for the page before). */
int order_page_for_account(struct app *app, int64_t account_id, const struct page_req *q, struct order *rows,
                           int *count, struct err *e);
int order_page_for_customer(struct app *app, int64_t customer_id, const struct page_req *q,
                            struct order *rows, int *count, struct err *e);

/* ------------------------------------------------------------ CSV import */

enum import_kind { IMPORT_ACCOUNTS, IMPORT_CONTACTS, IMPORT_CUSTOMERS, IMPORT_PRODUCTS, IMPORT_ORDERS,
                   IMPORT_KIND_COUNT };
const char *import_kind_name(enum import_kind k);
int import_kind_parse(const char *text, enum import_kind *out);

struct import_options {
    const char *map;          /* "ours=theirs,ours=theirs" or NULL */
    const char *null_text;    /* text meaning "no value", or NULL */
    bool dry_run;
    bool update;              /* existing keys update instead of erroring */
    const char *rejects_path; /* write bad rows here and import the good ones */
    FILE *errors;             /* where FILE:LINE messages go (stderr) */
    FILE *progress;           /* a terminal for progress, or NULL */
    void (*on_progress)(void *ctx, int64_t rows, int64_t bytes, int64_t total_bytes);
    void *progress_ctx;
};

struct import_report {
    int64_t rows_read;
    int64_t rows_written;
    int64_t rows_rejected;
    int64_t errors;
    double seconds; /* wall time, for the progress line; not money */
};

int csv_import_file(struct app *app, enum import_kind kind, const char *path,
                    const struct import_options *opt, struct import_report *rep, struct err *e);
int csv_export(struct app *app, enum import_kind kind, FILE *out, struct err *e);

/* ------------------------------------------------------------ operations */

struct demo_options {
    unsigned seed;
    int64_t accounts, customers, products, orders; /* 0 = the default size */
};
int demo_fill(struct app *app, const struct demo_options *opt, FILE *progress, struct err *e);

/* The core's invariants on top of SQLite's checks; problems as lines in buf. */
int check_database(struct app *app, char *buf, size_t len, int *problems, struct err *e);

/* ------------------------------------------------------------------ home */

/* What needs the user now (src/home.c). Counts the user's role cannot see stay 0. */
struct home_counts {
    int64_t open_quotes;  /* the user's quotes from draft to sent */
    int64_t awaiting;     /* quotes waiting for the user's approval */
    int64_t orders_today; /* placed since local midnight (reps: those they see) */
    int64_t open_orders;  /* placed, allocated or shipped */
};
int home_counts_load(struct app *app, struct home_counts *out, struct err *e);

/* A month's sales excluding tax per local day, B2B against B2C (cancelled
 * orders left out). */
struct home_sales {
    int year, month, ndays;
    int64_t b2b[31], b2c[31];
    int64_t total_b2b, total_b2c;
    int64_t orders;
};
/* year 0 = this month. Sums in SQL over a date range: never loads the orders. */
int home_sales_month(struct app *app, int year, int month, struct home_sales *out, struct err *e);

/* The CLI: parses argv, runs a command, returns a sysexits.h code. */
int cli_main(int argc, char **argv);
int exit_code_for(enum err_code code);

#endif
