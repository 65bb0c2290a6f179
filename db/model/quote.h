/* The quote records: a quote, its revisions (one per negotiation round,
 * frozen once sent), the lines of a revision, the timeline of events, and
 * the filter of a quote list. */
#ifndef COMPTOIR_DB_MODEL_QUOTE_H
#define COMPTOIR_DB_MODEL_QUOTE_H

#include <stdbool.h>
#include <stdint.h>

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
/* "draft" … "cancelled" in enum quote_status order, then NULL. */
extern const char *const quote_status_names[QUOTE_STATUS_COUNT + 1];
const char *quote_status_name(enum quote_status s);
/* ERR_OK and *out, or ERR_INVALID for a word that names no status. */
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
    int revision;        /* the current revision's number */
    int64_t revision_id; /* and its id */
    int64_t order_id;    /* 0 until ordered */
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
    int64_t real_user_id; /* the person behind an --as (0: the acting user) */
    char user_login[65];  /* read only, joined: "david", or "root as david" */
    char kind[17];        /* create, line, terms, submit, approve, reject, recall, send, counter … */
    char from_status[17];
    char to_status[17];
    char note[401];
};

/* Who asked for a revision's approval (a submit event): acting and real. */
struct quote_asker {
    int64_t user_id, real_user_id;
};

enum quote_sort { QUOTE_SORT_NUMBER, QUOTE_SORT_UPDATED, QUOTE_SORT_VALID, QUOTE_SORT_TOTAL };

/* A set of statuses: the bit 1u << status of each. */
#define QUOTE_STATUS_BIT(s) (1u << (s))

/* Filters of a quote list; zero values mean "any". */
struct quote_filter {
    unsigned statuses; /* QUOTE_STATUS_BIT of each status shown; 0 = any */
    int64_t owner_id;
    int64_t account_id;
    int64_t awaiting_role_of; /* pending quotes this user may approve and has not */
};

#endif
