/* db/ — the SQLite store: connection, migrations, transactions, and one store
 * per aggregate whose functions are named for what they do. Only db/ includes
 * sqlite3.h; callers see plain structs and error values. This header includes
 * nothing of src/ or ui/. */
#ifndef COMPTOIR_DB_H
#define COMPTOIR_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- errors */

/* Error kinds; the CLI maps them to sysexits.h codes. */
enum err_code {
    ERR_OK = 0,
    ERR_USAGE,    /* bad command line */
    ERR_INVALID,  /* bad input: a field, a row, a value */
    ERR_NOTFOUND, /* no such object */
    ERR_EXISTS,   /* a natural key already taken */
    ERR_DENIED,   /* the user's role or ownership forbids it */
    ERR_STATE,    /* an illegal move in a life cycle */
    ERR_CONFLICT, /* someone else saved first (version mismatch) */
    ERR_BUSY,     /* the database stayed locked past the busy timeout */
    ERR_IO,       /* a file could not be read or written */
    ERR_SCHEMA,   /* the database was made by a newer comptoir */
    ERR_INTERNAL  /* a bug or a corrupt database */
};

/* An error as a value: the kind, and a message for a person. */
struct err {
    enum err_code code;
    char field[64]; /* the field at fault, when there is one ("email") */
    char msg[512];
};

/* Sets *e (when e is not NULL) and returns code, so callers can write
 * `return err_set(e, ERR_INVALID, "name", "must not be empty");`. */
int err_set(struct err *e, enum err_code code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void err_clear(struct err *e);

/* ---------------------------------------------------------- connection */

struct db;

/* Opens (creating if needed) the database at path, applies the connection
 * pragmas (foreign keys, WAL, busy timeout, synchronous=FULL) and migrates the
 * schema. Refuses a database whose schema is newer than this program. */
int db_open(const char *path, struct db **out, struct err *e);
/* Opens without migrating (for `check` and read-only inspection). */
int db_open_existing(const char *path, struct db **out, struct err *e);
void db_close(struct db **db);
int db_migrate(struct db *db, struct err *e);
int db_schema_version(struct db *db);
int db_latest_schema_version(void);
const char *db_path(const struct db *db);

/* Transactions. Writes use BEGIN IMMEDIATE; nested begins join the outer
 * transaction (a depth counter). A rollback at any depth dooms the whole. */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);
/* A read that must see one snapshot (a long export): BEGIN DEFERRED, joined
 * with the same depth counter (inside a transaction it just joins; a write
 * inside it joins too and takes the write lock at its first write). */
int db_begin_read(struct db *db, struct err *e);
/* Ends what db_begin_read began (COMMIT at the outermost level; ROLLBACK when
 * an inner step failed). */
int db_end_read(struct db *db, struct err *e);
bool db_in_transaction(const struct db *db);

/* Changes whenever another connection commits (PRAGMA data_version). */
int64_t db_data_version(struct db *db);
/* Changes whenever anyone, this connection included, changed the database:
 * data_version plus the rows this connection changed (both only grow). */
int64_t db_change_stamp(struct db *db);
/* Online backup through SQLite's backup API, safe while others write. */
int db_backup_to(struct db *db, const char *dest_path, struct err *e);
/* integrity_check and foreign_key_check; problems appended as lines to buf. */
int db_check_structure(struct db *db, char *buf, size_t len, int *problems, struct err *e);

/* Current time as UTC ISO 8601 ("2026-11-25T14:02:11Z"). */
void db_now_utc(char out[32]);

/* Settings (key/value, text). */
int settings_store_get(struct db *db, const char *key, char *out, size_t len, struct err *e);
int settings_store_set(struct db *db, const char *key, const char *value, struct err *e);
/* Next value of a named counter ("order", "quote"), inside the caller's transaction. */
int counters_store_next(struct db *db, const char *name, int64_t *out, struct err *e);
/* Moves a counter to at least this value (a number taken from outside). */
int counters_store_raise(struct db *db, const char *name, int64_t at_least, struct err *e);

/* ---------------------------------------------------------------- paging */

/* The sort key of the row at a page boundary, for keyset pagination. */
struct page_cursor {
    char text[256];
    int64_t num;
    int64_t id;
};

/* One window of a list: rows after (or before) a cursor, filtered in SQL. */
struct page_req {
    const char *filter;  /* typed text, NULL or "" for none */
    int sort;            /* a store's *_SORT_* value */
    bool descending;
    bool has_cursor;
    bool before;         /* rows before the cursor; still returned in display order */
    struct page_cursor cursor;
    int limit;           /* at most this many rows (<= 500) */
    int64_t owner_id;    /* accounts: only this rep's; orders: only this account's/customer's; 0 = all */
};

/* ----------------------------------------------------------------- users */

enum role { ROLE_REP, ROLE_SUPPORT, ROLE_MANAGER, ROLE_ADMIN };

struct user {
    int64_t id;
    char login[65];
    char full_name[128];
    enum role role;
    bool active;
    bool has_password;
    char created_at[32];
};

const char *role_name(enum role r);
int role_parse(const char *text, enum role *out);

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

/* ------------------------------------------------------- accounts, contacts */

struct account {
    int64_t id;
    char code[33];
    char name[201];
    char vat_number[33];
    char email[201];
    char phone[41];
    char billing_address[401];
    char shipping_address[401];
    char city[101];
    char country[61];
    int payment_terms_days;
    int64_t credit_limit; /* minor units */
    int64_t open_balance; /* minor units */
    int64_t rep_id;       /* 0 = unassigned */
    char rep_login[65];   /* read only, joined */
    char tier[33];
    char notes[2001];
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum account_sort { ACCOUNT_SORT_NAME, ACCOUNT_SORT_CODE, ACCOUNT_SORT_CITY, ACCOUNT_SORT_BALANCE };

int account_store_insert(struct db *db, struct account *a, struct err *e);
/* Saves only if a->version is still current; bumps a->version. ERR_CONFLICT otherwise. */
int account_store_update(struct db *db, struct account *a, struct err *e);
int account_store_get(struct db *db, int64_t id, struct account *out, struct err *e);
int account_store_find_code(struct db *db, const char *code, struct account *out, struct err *e);
int account_store_page(struct db *db, const struct page_req *q, struct account *rows, int *count,
                       struct err *e);
void account_store_cursor(const struct account *a, int sort, struct page_cursor *c);
int account_store_count(struct db *db, const struct page_req *q, int64_t *out, struct err *e);

struct contact {
    int64_t id;
    int64_t account_id;
    char account_code[33]; /* read only, joined */
    char name[201];
    char role[17]; /* buyer, approver, billing, other */
    char email[201];
    char phone[41];
    char title[101];
};

int contact_store_insert(struct db *db, struct contact *c, struct err *e);
int contact_store_update(struct db *db, const struct contact *c, struct err *e);
int contact_store_get(struct db *db, int64_t id, struct contact *out, struct err *e);
int contact_store_delete(struct db *db, int64_t id, struct err *e);
/* An account's contacts, by name (an account has tens, not thousands). */
int contact_store_list_for_account(struct db *db, int64_t account_id, struct contact *rows, int max,
                                   int *count, struct err *e);
/* Contacts of all accounts in (account code, id) order, after a cursor (export). */
int contact_store_page(struct db *db, const struct page_req *q, struct contact *rows, int *count,
                       struct err *e);

/* -------------------------------------------------------------- customers */

struct customer {
    int64_t id;
    char name[201];
    char email[201];
    char phone[41];
    char address[401];
    char city[101];
    char country[61];
    int64_t loyalty_points;
    char loyalty_tier[17];
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum customer_sort { CUSTOMER_SORT_NAME, CUSTOMER_SORT_EMAIL, CUSTOMER_SORT_CITY, CUSTOMER_SORT_ID };

int customer_store_insert(struct db *db, struct customer *c, struct err *e);
int customer_store_update(struct db *db, struct customer *c, struct err *e);
int customer_store_get(struct db *db, int64_t id, struct customer *out, struct err *e);
int customer_store_find_email(struct db *db, const char *email, struct customer *out, struct err *e);
int customer_store_page(struct db *db, const struct page_req *q, struct customer *rows, int *count,
                        struct err *e);
void customer_store_cursor(const struct customer *c, int sort, struct page_cursor *cur);

/* --------------------------------------------------------------- products */

struct product {
    int64_t id;
    char sku[65];
    char name[201];
    char category[101];
    char unit[17];
    int64_t list_price; /* minor units, excluding tax */
    char tax_class[17];
    int64_t unit_cost;  /* minor units */
    int64_t stock_on_hand;
    int64_t stock_reserved;
    int64_t min_order_qty;
    int64_t pack_size;
    bool active;
    char created_at[32];
    char updated_at[32];
    int64_t version;
};

enum product_sort { PRODUCT_SORT_NAME, PRODUCT_SORT_SKU, PRODUCT_SORT_CATEGORY, PRODUCT_SORT_PRICE };

int product_store_insert(struct db *db, struct product *p, struct err *e);
int product_store_update(struct db *db, struct product *p, struct err *e);
int product_store_get(struct db *db, int64_t id, struct product *out, struct err *e);
int product_store_find_sku(struct db *db, const char *sku, struct product *out, struct err *e);
int product_store_page(struct db *db, const struct page_req *q, struct product *rows, int *count,
                       struct err *e);
void product_store_cursor(const struct product *p, int sort, struct page_cursor *c);

struct tax_class {
    char code[17];
    char name[65];
    int rate_bp;
};
int tax_store_get(struct db *db, const char *code, struct tax_class *out, struct err *e);
int tax_store_list(struct db *db, struct tax_class *rows, int max, int *count, struct err *e);

/* ----------------------------------------------------------------- orders */

enum order_status {
    ORDER_PLACED,
    ORDER_ALLOCATED,
    ORDER_SHIPPED,
    ORDER_DELIVERED,
    ORDER_CLOSED,
    ORDER_CANCELLED
};
enum channel { CHANNEL_B2B, CHANNEL_B2C };

const char *order_status_name(enum order_status s);
int order_status_parse(const char *text, enum order_status *out);
const char *channel_name(enum channel c);
int channel_parse(const char *text, enum channel *out);

struct order {
    int64_t id;
    char number[33]; /* O-000123, or the number an import brought */
    enum channel channel;
    int64_t account_id;  /* 0 = none */
    int64_t contact_id;  /* 0 = none */
    int64_t customer_id; /* 0 = none (cash sale) */
    enum order_status status;
    char placed_at[32];
    char shipping_method[17];
    char requested_date[11]; /* YYYY-MM-DD or "" */
    char promised_date[11];
    char ship_name[201];
    char ship_address[401];
    int64_t subtotal;  /* sum of line net amounts */
    int64_t tax_total; /* sum of line tax amounts */
    int64_t total;     /* subtotal + tax_total */
    char note[2001];
    int64_t created_by;
    int64_t version;
    /* read only, joined: who the order is for */
    char party_code[33];  /* account code, or "" */
    char party_name[201]; /* account or customer name */
    char party_email[201];
    char party_phone[41];
    int line_count;
};

struct order_line {
    int64_t id;
    int64_t order_id;
    int line_no;
    int64_t product_id; /* 0 = not a catalogue product */
    char sku[65];
    char description[201];
    int64_t quantity;
    int64_t unit_price; /* charged, excluding tax, minor units */
    int tax_rate_bp;
    int64_t discount_amount; /* this line's share of an order discount, >= 0 */
    int64_t net_amount;      /* quantity × unit_price − discount_amount */
    int64_t tax_amount; /* net × rate, rounded half away from zero */
};

struct order_event {
    int64_t id;
    char from_status[17];
    char to_status[17];
    char at[32];
    char user_login[65];
    char note[401];
};

enum order_sort { ORDER_SORT_PLACED, ORDER_SORT_NUMBER, ORDER_SORT_TOTAL, ORDER_SORT_STATUS };

/* Inserts the order with its lines and its first status event. When
 * o->number is empty, it takes the next number O-000123. */
int order_store_insert(struct db *db, struct order *o, const struct order_line *lines, int nlines,
                       int64_t user_id, struct err *e);
int order_store_get(struct db *db, int64_t id, struct order *out, struct err *e);
int order_store_find_number(struct db *db, const char *number, struct order *out, struct err *e);
int order_store_lines(struct db *db, int64_t order_id, struct order_line *rows, int max, int *count,
                      struct err *e);
int order_store_events(struct db *db, int64_t order_id, struct order_event *rows, int max,
                       int *count, struct err *e);
/* Moves status if o->version is current; records the event; bumps version. */
int order_store_set_status(struct db *db, struct order *o, enum order_status to, int64_t user_id,
                           const char *note, struct err *e);
int order_store_set_note(struct db *db, struct order *o, struct err *e);
/* Orders matching what a caller says: number, name, e-mail, phone, company,
 * SKU; newest first; pages with q->cursor. Never scans a table. */
int order_store_search(struct db *db, const char *text, const struct page_req *q,
                       struct order *rows, int *count, struct err *e);
/* Plain list (filter = number prefix), sorted, keyset paged. owner_id unused. */
int order_store_page(struct db *db, const struct page_req *q, struct order *rows, int *count,
                     struct err *e);
/* One account's (or one customer's) orders, newest first, keyset paged on
 * (placed_at, id) through orders_account (orders_customer); q->before reads
 * the page before the cursor; the filter and sort are not used. */
int order_store_page_for_account(struct db *db, int64_t account_id, const struct page_req *q,
                                 struct order *rows, int *count, struct err *e);
int order_store_page_for_customer(struct db *db, int64_t customer_id, const struct page_req *q,
                                  struct order *rows, int *count, struct err *e);
void order_store_cursor(const struct order *o, int sort, struct page_cursor *c);
/* Orders whose totals differ from the sum of their lines; appends lines to buf. */
int order_store_check_totals(struct db *db, char *buf, size_t len, int *problems, struct err *e);

/* ------------------------------------------------------------------ check */

/* The core's invariants that only SQL can see (`comptoir check`). Each appends
 * one line per problem to buf and counts it in *problems. */

/* Orders whose status is not where their history ends, orders without lines,
 * B2B orders whose contact belongs to another account. */
int check_store_orders(struct db *db, char *buf, size_t len, int *problems, struct err *e);
/* Counters behind the numbers in use, audit log triggers missing, full-text
 * indexes out of step with their tables. */
int check_store_schema(struct db *db, char *buf, size_t len, int *problems, struct err *e);

/* ------------------------------------------------------------------- demo */

/* Gives a freshly inserted demo order the rest of its past: records events
 * (their from, to and at are used) and moves the order to the last one's
 * status, so that a year of demo orders has dated histories. */
int demo_store_order_history(struct db *db, struct order *o, const struct order_event *events, int n,
                             int64_t user_id, struct err *e);
/* A bigger page cache while a large demo runs (on), the usual one after (off). */
int demo_store_bulk_mode(struct db *db, bool on, struct err *e);

/* ------------------------------------------------------------------ audit */

struct audit_entry {
    int64_t id;
    char at[32];
    int64_t user_id;
    char user_login[65];
    char action[33];      /* create, update, status, import, approve … */
    char object_type[33]; /* account, customer, product, order, user … */
    char object_key[65];  /* the natural key: code, e-mail, SKU, number */
    const char *before_json; /* NULL when none; owned by the caller on insert */
    const char *after_json;
};

int audit_store_append(struct db *db, const struct audit_entry *a, struct err *e);
/* The latest entries for one object, newest first; the json pointers of the
 * returned rows point into buf (owned by the caller). */
int audit_store_for_object(struct db *db, const char *object_type, const char *object_key,
                           struct audit_entry *rows, int max, int *count, char *buf, size_t buflen,
                           struct err *e);

/* ==================================================================== B2B
 * Price lists, contract prices, volume tiers, floors, quotes with their
 * revisions and lines, approval rules and approvals (migration 0004, the
 * stores db/pricing_store.c, db/quote_store.c, db/approval_store.c). The
 * rules over these records live in src/pricing.c, src/approval.c, src/quote.c. */

/* ---------------------------------------------------------- pricing data */

/* What pricing needs to know of a product. */
struct pricing_product {
    int64_t product_id;
    char sku[65];
    char name[201];
    char category[101];
    int64_t list_price; /* minor units, excluding tax */
    int64_t unit_cost;
    int64_t min_order_qty;
    int64_t pack_size;
    char tax_class[17];
    int tax_rate_bp;
    bool active;
};

/* A price list: its own prices for some products, and a discount off the
 * list price for the others. Accounts get one explicitly, or through their tier. */
struct price_list {
    int64_t id;
    char code[33];
    char name[101];
    char tier[33];       /* accounts of this tier use it unless they have their own; "" = none */
    int64_t discount_bp; /* off the list price of products without an item */
    int64_t version;
};

struct price_list_item {
    int64_t price_list_id;
    char price_list_code[33]; /* read only, joined */
    int64_t product_id;
    char sku[65];             /* read only, joined */
    int64_t price;
};

/* An account's negotiated price for one product, between two dates (inclusive;
 * "" = open). */
struct contract_price {
    int64_t id;
    int64_t account_id;
    char account_code[33]; /* read only, joined */
    int64_t product_id;
    char sku[65];          /* read only, joined */
    int64_t price;
    char valid_from[11];
    char valid_to[11];
};

/* A quantity break: from min_qty units, a unit price or a discount. It belongs
 * to a product (everyone), a price list (all its products), or both. */
struct volume_tier {
    int64_t id;
    int64_t product_id;    /* 0 = every product of the price list */
    char sku[65];          /* read only, joined */
    int64_t price_list_id; /* 0 = every account */
    char price_list_code[33];
    int64_t min_qty;
    int64_t price;       /* 0 = none: the discount applies */
    int64_t discount_bp; /* 0 = none: the price applies */
};

/* The lowest acceptable unit price or margin, for a product or a category. */
struct price_floor {
    int64_t id;
    int64_t product_id; /* 0 = the category's floor */
    char sku[65];       /* read only, joined */
    char category[101];
    int64_t min_price;     /* minor units; 0 = none */
    int64_t min_margin_bp; /* -1 = none */
};

/* Everything that prices one account's lines, loaded in a handful of queries.
 * Arrays are sorted by product_id (tiers then by min_qty); owned, see
 * pricing_inputs_free. */
struct pricing_inputs {
    int64_t account_id;
    bool has_list;
    bool list_from_tier; /* the list came from the account's tier, not its own */
    struct price_list list;
    struct pricing_product *products;
    int nproducts;
    struct price_list_item *items;
    int nitems;
    struct contract_price *contracts;
    int ncontracts;
    struct volume_tier *tiers;
    int ntiers;
    struct price_floor *floors;
    int nfloors;
};

/* Loads the inputs for account_id and the given products on date (YYYY-MM-DD). */
int pricing_store_load(struct db *db, int64_t account_id, const int64_t *product_ids, int n,
                       const char *date, struct pricing_inputs *out, struct err *e);
void pricing_inputs_free(struct pricing_inputs *in);

int price_list_store_insert(struct db *db, struct price_list *pl, struct err *e);
int price_list_store_update(struct db *db, struct price_list *pl, struct err *e);
int price_list_store_find_code(struct db *db, const char *code, struct price_list *out, struct err *e);
int price_list_store_list(struct db *db, struct price_list *rows, int max, int *count, struct err *e);
/* Sets (or replaces) the price of a product in a list. */
int price_list_store_set_item(struct db *db, int64_t price_list_id, int64_t product_id, int64_t price,
                              struct err *e);
/* Ties an account to a price list (0 = untie: the tier decides again). */
int price_list_store_assign(struct db *db, int64_t account_id, int64_t price_list_id, struct err *e);
int price_list_store_for_account(struct db *db, int64_t account_id, struct price_list *out,
                                 bool *from_tier, struct err *e);
int contract_price_store_insert(struct db *db, struct contract_price *c, struct err *e);
/* An account's contract prices, by SKU (an account has tens or hundreds). */
int contract_price_store_list(struct db *db, int64_t account_id, struct contract_price *rows, int max,
                              int *count, struct err *e);
int volume_tier_store_insert(struct db *db, struct volume_tier *t, struct err *e);
int price_floor_store_insert(struct db *db, struct price_floor *f, struct err *e);

/* Export pages: rows after the cursor id, by id. */
int price_list_item_store_page(struct db *db, int64_t after_key, struct price_list_item *rows, int max,
                               int *count, struct err *e);
int contract_price_store_page(struct db *db, int64_t after_id, struct contract_price *rows, int max,
                              int *count, struct err *e);
int volume_tier_store_page(struct db *db, int64_t after_id, struct volume_tier *rows, int max, int *count,
                           struct err *e);
int price_floor_store_page(struct db *db, int64_t after_id, struct price_floor *rows, int max, int *count,
                           struct err *e);
/* Accounts tied to a price list of their own, by account id after the cursor. */
struct account_price_list {
    int64_t account_id;
    char account_code[33];
    int64_t price_list_id;
    char price_list_code[33];
};
int account_price_list_store_page(struct db *db, int64_t after_account_id, struct account_price_list *rows,
                                  int max, int *count, struct err *e);
/* Upserts: a floor per product or per category replaces the one before. */
int price_floor_store_set(struct db *db, struct price_floor *f, struct err *e);

/* ---------------------------------------------------------------- quotes */

enum quote_status {
    QUOTE_DRAFT,
    QUOTE_PENDING, /* waiting for approval */
    QUOTE_APPROVED,
    QUOTE_SENT,
    QUOTE_ACCEPTED,
    QUOTE_ORDERED,
    QUOTE_REJECTED,
    QUOTE_EXPIRED,
    QUOTE_CANCELLED,
    QUOTE_STATUS_COUNT
};
const char *quote_status_name(enum quote_status s);
int quote_status_parse(const char *text, enum quote_status *out);

struct quote {
    int64_t id;
    char number[17]; /* Q-001042 */
    int64_t account_id;
    int64_t contact_id; /* 0 = none */
    int64_t owner_id;
    enum quote_status status;
    char valid_until[11];
    int payment_terms_days;
    char requested_date[11]; /* "" = none */
    char notes[2001];
    int revision;          /* the current revision's number */
    int64_t revision_id;   /* and its id */
    int64_t order_id;      /* 0 until ordered */
    char created_at[32];
    char updated_at[32];
    int64_t updated_by;
    int64_t version;
    /* read only, joined */
    char account_code[33];
    char account_name[201];
    char contact_name[201];
    char owner_login[65];
    char updated_by_login[65];
    char order_number[33];
    int64_t total; /* the current revision's total excluding tax */
    int64_t margin_bp;
};

enum quote_side { QUOTE_SIDE_OURS, QUOTE_SIDE_CUSTOMER };

/* A negotiation round. Frozen when sent: from then on nothing of it changes. */
struct quote_revision {
    int64_t id;
    int64_t quote_id;
    int number;
    enum quote_side proposed_by;
    char comment[1001];
    int64_t order_discount;    /* minor units off the whole revision; or */
    int64_t order_discount_bp; /* a rate off it (at most one of the two) */
    int payment_terms_days;    /* the terms when frozen */
    char valid_until[11];
    /* totals, kept current while a draft and frozen with it */
    int64_t subtotal; /* excluding tax, after the order discount */
    int64_t tax_total;
    int64_t total; /* including tax */
    int64_t cost_total;
    int64_t margin_bp;
    int64_t discount_bp;
    char created_at[32];
    int64_t created_by;
    char created_by_login[65]; /* read only, joined */
    char frozen_at[32];        /* "" = still a draft */
};

enum manual_price { MANUAL_NONE, MANUAL_DISCOUNT, MANUAL_PRICE };

struct quote_line {
    int64_t id;
    int64_t revision_id;
    int line_no;  /* stable across revisions: how revisions are compared */
    int position; /* display order */
    int64_t product_id;
    char sku[65];
    char description[201];
    int64_t quantity;
    int64_t list_price;
    int64_t base_price;  /* what the account pays before the rep's change */
    int64_t unit_price;  /* offered, excluding tax */
    int64_t discount_bp; /* unit_price against base_price */
    enum manual_price manual;
    int64_t manual_value; /* basis points or minor units */
    char price_source[48];
    int64_t unit_cost;
    char tax_class[17];
    int tax_rate_bp;
    char note[401];
};

struct quote_event {
    int64_t id;
    int64_t quote_id;
    int revision;
    char at[32];
    int64_t user_id;
    char user_login[65]; /* read only, joined */
    char kind[17];       /* create, line, terms, submit, approve, reject, recall, send, counter … */
    char from_status[17];
    char to_status[17];
    char note[401];
};

enum quote_sort { QUOTE_SORT_NUMBER, QUOTE_SORT_UPDATED, QUOTE_SORT_VALID, QUOTE_SORT_TOTAL };

/* Filters of a quote list; zero values mean "any". */
struct quote_filter {
    bool has_status;
    enum quote_status status;
    int64_t owner_id;
    int64_t account_id;
    int64_t awaiting_role_of; /* pending quotes this user may approve and has not */
};

/* Inserts the quote (numbering it when q->number is empty) with revision 1. */
int quote_store_insert(struct db *db, struct quote *q, int64_t user_id, struct err *e);
int quote_store_get(struct db *db, int64_t id, struct quote *out, struct err *e);
int quote_store_find_number(struct db *db, const char *number, struct quote *out, struct err *e);
/* Saves the quote's own fields when q->version is current; bumps it and sets
 * updated_at/by. ERR_CONFLICT otherwise (the message names who and when). */
int quote_store_update(struct db *db, struct quote *q, int64_t user_id, struct err *e);
int quote_store_page(struct db *db, const struct quote_filter *f, const struct page_req *q,
                     struct quote *rows, int *count, struct err *e);
void quote_store_cursor(const struct quote *q, int sort, struct page_cursor *c);
/* Open quotes (draft … sent) whose valid_until is before date, oldest first. */
int quote_store_due_for_expiry(struct db *db, const char *date, int64_t *ids, int max, int *count,
                               struct err *e);
/* The quote an order came from; ERR_NOTFOUND when none. */
int quote_store_find_by_order(struct db *db, int64_t order_id, struct quote *out, struct err *e);
int quote_store_link_order(struct db *db, int64_t quote_id, int64_t order_id, struct err *e);

int quote_store_revision(struct db *db, int64_t quote_id, int number, struct quote_revision *out,
                         struct err *e);
int quote_store_revisions(struct db *db, int64_t quote_id, struct quote_revision *rows, int max, int *count,
                          struct err *e);
/* A new revision copying the lines of revision from_id; fills r->id, r->number. */
int quote_store_add_revision(struct db *db, struct quote_revision *r, int64_t from_id, struct err *e);
/* Saves a draft revision's discount and totals (refused by the schema once frozen). */
int quote_store_update_revision(struct db *db, const struct quote_revision *r, struct err *e);
int quote_store_freeze_revision(struct db *db, struct quote_revision *r, struct err *e);

/* Lines of a revision in display order. */
int quote_store_lines(struct db *db, int64_t revision_id, struct quote_line *rows, int max, int *count,
                      struct err *e);
int quote_store_line_count(struct db *db, int64_t revision_id, int *count, struct err *e);
/* Inserts; takes the next line_no of the quote and the last position when 0. */
int quote_store_insert_line(struct db *db, int64_t quote_id, struct quote_line *l, struct err *e);
int quote_store_update_line(struct db *db, const struct quote_line *l, struct err *e);
int quote_store_delete_line(struct db *db, int64_t line_id, struct err *e);

int quote_store_add_event(struct db *db, struct quote_event *ev, struct err *e);
int quote_store_events(struct db *db, int64_t quote_id, struct quote_event *rows, int max, int *count,
                       struct err *e);

/* ------------------------------------------------------------- approvals */

enum approval_condition {
    APPROVAL_LINE_DISCOUNT, /* the largest line discount is above threshold bp */
    APPROVAL_TOTAL_DISCOUNT,/* the quote's total discount is above threshold bp */
    APPROVAL_MARGIN,        /* the quote's margin is under threshold bp */
    APPROVAL_TOTAL,         /* the total excluding tax is above threshold minor units */
    APPROVAL_PAYMENT_TERMS, /* terms longer than the account's by more than threshold days */
    APPROVAL_CONDITION_COUNT
};
const char *approval_condition_name(enum approval_condition c);
int approval_condition_parse(const char *text, enum approval_condition *out);

struct approval_rule {
    int64_t id;
    char name[65]; /* shown in the reasons: "rep limit" */
    enum approval_condition condition;
    int64_t threshold;
    enum role approver_role;
    int approvals_needed;
    int level; /* rules stack: a higher level asks more */
    bool active;
    int64_t version;
};

int approval_rule_store_insert(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_update(struct db *db, struct approval_rule *r, struct err *e);
int approval_rule_store_get(struct db *db, int64_t id, struct approval_rule *out, struct err *e);
/* The active rules (tens, a few hundred at most), by level then id. */
int approval_rule_store_active(struct db *db, struct approval_rule *rows, int max, int *count,
                               struct err *e);
/* Every rule, by level then id, for the admin screen. */
int approval_rule_store_list(struct db *db, struct approval_rule *rows, int max, int *count, struct err *e);

enum approval_decision { APPROVAL_APPROVE, APPROVAL_REJECT };

struct approval {
    int64_t id;
    int64_t quote_id;
    int64_t revision_id;
    int64_t approver_id;
    char approver_login[65]; /* read only, joined */
    enum role approver_role; /* read only, joined */
    enum approval_decision decision;
    char comment[1001];
    char at[32];
    char superseded_at[32]; /* "" = still counts */
};

/* Refused by the schema when the approver owns the quote. */
int approval_store_insert(struct db *db, struct approval *a, struct err *e);
/* The approvals of a revision that still count, oldest first. */
int approval_store_current(struct db *db, int64_t revision_id, struct approval *rows, int max, int *count,
                           struct err *e);
/* Every decision on a quote, oldest first (the timeline). */
int approval_store_for_quote(struct db *db, int64_t quote_id, struct approval *rows, int max, int *count,
                             struct err *e);
/* Marks the counting approvals of a revision as superseded (a price changed). */
int approval_store_supersede(struct db *db, int64_t revision_id, struct err *e);

/* ------------------------------------------------------------------ home */

/* Counts and sums for the Home screen (db/home_store.c), each one aggregate
 * query over an index. rep_id limits orders to what that rep sees (B2C and
 * their accounts' orders); 0 = every order. */
struct sales_sum {
    int64_t b2b; /* sum of subtotals excluding tax, minor units */
    int64_t b2c;
    int64_t orders;
};

int home_store_count_open_quotes(struct db *db, int64_t owner_id, int64_t *out, struct err *e);
/* Pending quotes not owned by user_id that user_id has not yet decided on. */
int home_store_count_awaiting(struct db *db, int64_t user_id, int64_t *out, struct err *e);
int home_store_count_orders_since(struct db *db, const char *since_utc, int64_t rep_id, int64_t *out,
                                  struct err *e);
int home_store_count_open_orders(struct db *db, int64_t rep_id, int64_t *out, struct err *e);
/* Sales placed in [from_utc, to_utc), cancelled orders left out. */
int home_store_sales_between(struct db *db, const char *from_utc, const char *to_utc, int64_t rep_id,
                             struct sales_sum *out, struct err *e);

#endif
