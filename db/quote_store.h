/* Quotes: the quote row (optimistic version), its revisions, the lines of
 * each revision and the timeline of events.
 * Only the core (src/) includes this header: screens and CLI commands reach
 * the store through the core's functions. */
#ifndef COMPTOIR_DB_QUOTE_STORE_H
#define COMPTOIR_DB_QUOTE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/model/quote.h"
#include "src/base/page.h"
#include "src/base/rows.h"

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
/* Quotes in one of statuses (bits 1u << status; the core's open set) whose
 * valid_until is before date, oldest first: at most max ids. */
int quote_store_due_for_expiry(struct db *db, const char *date, unsigned statuses, int64_t *ids, int max,
                               int *count, struct err *e);
/* The quote an order came from; ERR_NOTFOUND when none. */
int quote_store_find_by_order(struct db *db, int64_t order_id, struct quote *out, struct err *e);
int quote_store_link_order(struct db *db, int64_t quote_id, int64_t order_id, struct err *e);
int quote_store_revision(struct db *db, int64_t quote_id, int number, struct quote_revision *out,
                         struct err *e);
/* A quote's revisions by number: every one (q NULL) or a keyset window. */
int quote_store_revisions(struct db *db, int64_t quote_id, const struct page_req *q, struct rows *out,
                          struct err *e);
/* A new revision copying the lines of revision from_id; fills r->id, r->number. */
int quote_store_add_revision(struct db *db, struct quote_revision *r, int64_t from_id, struct err *e);
/* Saves a draft revision's discount and totals (refused by the schema once frozen). */
int quote_store_update_revision(struct db *db, const struct quote_revision *r, struct err *e);
int quote_store_freeze_revision(struct db *db, struct quote_revision *r, struct err *e);
/* Every line of a revision, in display order. */
int quote_store_lines(struct db *db, int64_t revision_id, struct rows *out, struct err *e);
/* Inserts; takes the next line_no of the quote and the last position when 0. */
int quote_store_insert_line(struct db *db, int64_t quote_id, struct quote_line *l, struct err *e);
int quote_store_update_line(struct db *db, const struct quote_line *l, struct err *e);
int quote_store_delete_line(struct db *db, int64_t line_id, struct err *e);
int quote_store_add_event(struct db *db, struct quote_event *ev, struct err *e);
/* The people who submitted this revision of a quote for approval (struct
 * quote_asker, one per submit event). */
int quote_store_askers(struct db *db, int64_t quote_id, int revision, struct rows *out, struct err *e);
/* A quote's timeline, oldest first: every event (q NULL) or a keyset window. */
int quote_store_events(struct db *db, int64_t quote_id, const struct page_req *q, struct rows *out,
                       struct err *e);
void quote_store_event_cursor(const struct quote_event *ev, struct page_cursor *c);

#endif
