/* Keyset paging: how a list over a big table asks for one window of rows —
 * after (or before) the sort key of a boundary row, filtered and sorted in
 * SQL, never with OFFSET. A page function fills at most q->limit rows in
 * display order and says how many in *count; fewer than asked means the
 * list ends there. To know whether rows follow a page, ask for one more. */
#ifndef COMPTOIR_BASE_PAGE_H
#define COMPTOIR_BASE_PAGE_H

#include <stdbool.h>
#include <stdint.h>

/* The sort key of the row at a page boundary. */
struct page_cursor {
    char text[256];
    int64_t num;
    int64_t id;
};

/* One window of a list. */
struct page_req {
    const char *filter; /* typed text, NULL or "" for none */
    int sort;           /* the list's *_SORT_* value */
    bool descending;
    bool has_cursor;
    bool before; /* rows before the cursor; still returned in display order */
    struct page_cursor cursor;
    int limit;        /* at most this many rows (<= 500) */
    int64_t owner_id; /* accounts: only this rep's; orders: only this account's/customer's; 0 = all */
};

#endif
