/* "Rows + more": the shape of every list that is not a keyset page. A list
 * function appends the rows it read to a struct rows on the heap and says in
 * `more` how many rows the source still holds past them, so a caller shows
 * "… 12 more" (or reads on) and never shows N + 1 rows as N.
 *
 *     struct rows ev;
 *     rows_init(&ev, sizeof(struct quote_event));
 *     if (quote_events(app, q, 0, &ev, e) == ERR_OK) {     // 0 = every row
 *         const struct quote_event *rows = ev.items;
 *         for (int i = 0; i < ev.n; i++) … rows[i] …
 *         if (ev.more) printf("… %lld more\n", (long long)ev.more);
 *     }
 *     rows_free(&ev);
 *
 * A list function takes `int limit` (0 = every row) and counts the rows it
 * leaves out. Lists over big tables page instead (struct page_req). */
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

/* An empty list of rows of size bytes. */
void rows_init(struct rows *r, size_t size);
/* A zeroed row added at the end (the list grows; allocation failure aborts). */
void *rows_add(struct rows *r);
/* Row i, or NULL when out of range. */
void *rows_at(const struct rows *r, int i);
/* Empties the list (n = 0, more = 0) keeping its memory for a new read. */
void rows_clear(struct rows *r);
/* Frees the rows; the list is empty again and may be reused. */
void rows_free(struct rows *r);

#endif
