/* The sort key of a name: what lists order by, so that accents do not move a
 * name (É with E, ß as ss, œ as oe) the way COLLATE NOCASE (ASCII only) does. */
#include <stdint.h>
#include <string.h>

#include "db/db_private.h"

/* The letters of Latin-1 Supplement and Latin Extended-A by range, folded to
 * their base letters; everything else there (×, ÷) is left as it is. */
static const struct sort_fold {
    uint16_t lo, hi;
    const char *to;
} sort_folds[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},  {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},    {0xCC, 0xCF, "i"},
    {0xD0, 0xD0, "d"},   {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},   {0xD8, 0xD8, "o"},    {0xD9, 0xDC, "u"},
    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},  {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},
    {0xE7, 0xE7, "c"},   {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},   {0xF0, 0xF0, "d"},    {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},   {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},    {0xFE, 0xFE, "th"},
    {0xFF, 0xFF, "y"},   {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},  {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
    {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"},  {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"},
    {0x176, 0x178, "y"}, {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

const char *db_fold_latin(unsigned c)
{
    for (size_t i = 0; i < sizeof sort_folds / sizeof sort_folds[0]; i++)
        if (c >= sort_folds[i].lo && c <= sort_folds[i].hi)
            return sort_folds[i].to;
    return NULL;
}

/* Bytes in the UTF-8 sequence starting with b (1 for a stray byte). */
static size_t sort_seq_len(const unsigned char *p)
{
    size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

void db_sort_key(const char *utf8, char *out, size_t len)
{
    if (len == 0)
        return;
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
    while (*p) {
        size_t n = sort_seq_len(p);
        const char *to = NULL;
        char one[2] = {(char)*p, '\0'};
        if (n == 1) {
            if (*p >= 'A' && *p <= 'Z')
                one[0] = (char)(*p - 'A' + 'a');
            to = one;
        } else if (n == 2) {
            to = db_fold_latin(((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F));
        }
        size_t m = to ? strlen(to) : n;
        if (o + m >= len)
            break; /* whole characters only */
        memcpy(out + o, to ? to : (const char *)p, m);
        o += m;
        p += n;
    }
    out[o] = '\0';
}

/* comptoir_sort_key(text): the migration fills the keys of existing rows with it. */
static void sort_key_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (text == NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    /* A key is never longer than its text: each folding is as long as its letter. */
    size_t len = (size_t)sqlite3_value_bytes(argv[0]) + 1;
    char *key = sqlite3_malloc64(len);
    if (key == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    db_sort_key((const char *)text, key, len);
    sqlite3_result_text(ctx, key, -1, sqlite3_free);
}

int db_sort_key_register(sqlite3 *handle)
{
    return sqlite3_create_function_v2(handle, "comptoir_sort_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      NULL, sort_key_sql, NULL, NULL, NULL);
}
