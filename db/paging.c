/* Keyset paging shared by the stores: choosing the filter, binding the
 * cursor, and putting a page read backwards into display order. */
#include <string.h>

#include "db_private.h"

#define PAGE_DEFAULT 50

/* Trigrams need three characters; "株" is three bytes but one character. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

enum db_filter_mode db_page_filter(const char *filter, char *pattern, size_t len)
{
    char typed[256];
    pattern[0] = '\0';
    /* spaces typed around the text are not part of what is looked for */
    while (filter != NULL && *filter == ' ')
        filter++;
    size_t n = filter ? strlen(filter) : 0;
    while (n > 0 && filter[n - 1] == ' ')
        n--;
    if (n == 0)
        return DB_FILTER_NONE;
    if (n >= sizeof typed)
        n = sizeof typed - 1;
    memcpy(typed, filter, n);
    typed[n] = '\0';
    if (utf8_chars(typed) >= 3 && db_fts_phrase(typed, pattern, len))
        return DB_FILTER_FTS;
    db_like_prefix(typed, pattern, len);
    return DB_FILTER_PREFIX;
}

bool db_page_reads_descending(const struct page_req *q)
{
    return q->descending != (q->has_cursor && q->before);
}

int db_page_limit(const struct page_req *q)
{
    if (q->limit <= 0)
        return PAGE_DEFAULT;
    return q->limit > DB_PAGE_MAX ? DB_PAGE_MAX : q->limit;
}

void db_page_bind(sqlite3_stmt *s, const struct page_req *q, const char *pattern, bool text_key)
{
    bool desc = db_page_reads_descending(q);
    db_bind_text(s, 1, pattern);
    sqlite3_bind_int64(s, 2, q->owner_id);
    if (q->has_cursor) {
        if (text_key)
            db_bind_text(s, 3, q->cursor.text);
        else
            sqlite3_bind_int64(s, 3, q->cursor.num);
        sqlite3_bind_int64(s, 4, q->cursor.id);
    } else if (text_key) {
        /* '' sorts before every text and a blob after every text. */
        if (desc)
            sqlite3_bind_zeroblob(s, 3, 0);
        else
            db_bind_text(s, 3, "");
        sqlite3_bind_int64(s, 4, desc ? INT64_MAX : INT64_MIN);
    } else {
        sqlite3_bind_int64(s, 3, desc ? INT64_MAX : INT64_MIN);
        sqlite3_bind_int64(s, 4, desc ? INT64_MAX : INT64_MIN);
    }
    sqlite3_bind_int(s, 5, db_page_limit(q));
}

void db_page_reverse(void *rows, int n, size_t size)
{
    unsigned char *base = rows;
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        unsigned char *a = base + (size_t)i * size, *b = base + (size_t)j * size;
        for (size_t k = 0; k < size; k++) {
            unsigned char t = a[k];
            a[k] = b[k];
            b[k] = t;
        }
    }
}
