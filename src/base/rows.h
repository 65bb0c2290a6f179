/* "Rows + more": the shape of every list that is not a keyset page of a big
 * table. A list function empties the struct rows it is given, sets its row
 * size, appends the rows it read (on the heap) and says in `more` how many
 * rows the source still holds past them, so a caller shows "… 12 more" (or
 * asks again) and never shows N + 1 rows as N.
 *
 *     struct rows ev = {0};
 *     if (quote_events(app, q, NULL, &ev, e) == ERR_OK) {   // NULL: every row
 *         const struct quote_event *rows = ev.items;
 *         for (int i = 0; i < ev.n; i++) … rows[i] …
 *         if (ev.more) printf("… %lld more\n", (long long)ev.more);
 *     }
 *     rows_free(&ev);
 *
 * Such a function takes `const struct page_req *q`: NULL (or q->limit 0)
 * reads every row; otherwise at most q->limit rows after (or before) the
 * cursor, so the console's tables page through it like any other list. */
#ifndef COMPTOIR_BASE_ROWS_H
#define COMPTOIR_BASE_ROWS_H

#include <stddef.h>
#include <stdint.h>

struct rows {
    void *items;  /* n rows of size bytes; owned (rows_free) */
    size_t size;  /* bytes of one row */
    int n;        /* rows held */
    int cap;      /* rows allocated */
    int64_t more; /* rows the source holds past these; 0 = the list is whole */
};

/* Empties the list for rows of size bytes (n = 0, more = 0), keeping its
 * memory when the size is the same. A struct rows starts as {0}. */
void rows_reset(struct rows *r, size_t size);
/* A zeroed row added at the end (the list grows; allocation failure aborts). */
void *rows_add(struct rows *r);
/* Row i, or NULL when out of range. */
void *rows_at(const struct rows *r, int i);
/* A picker's list: appends the n rows (of r->size bytes) at items, leaving
 * out the one whose id (read by id) is skip, until r holds max rows; more
 * is set (not counted) when a row is left for want of room. */
void rows_take(struct rows *r, const void *items, int n, int64_t skip, int64_t (*id)(const void *row),
               int max);
/* Frees the rows; the list is {0} again and may be reused. */
void rows_free(struct rows *r);

#endif
