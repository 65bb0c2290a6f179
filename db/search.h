/* Search that finds the same way everywhere: how a stored text is folded for
 * the search indexes, how typed text becomes the words looked for, and the
 * test of a row against them. Every filter, picker and the order search use
 * these rules (the stores through db/paging.c, the SQL through the functions
 * and the tokenizer registered on each connection):
 *
 *  - case and accents do not count: "societe" finds "Société", "creme
 *    brulee" "Crème brûlée", "MULLER" "Müller", "ｔｏｋｙｏ" "tokyo";
 *  - punctuation is a space, an apostrophe nothing: "o'neil" finds "O'Neil"
 *    and "oneil", "example.fr" only "…@example.fr";
 *  - a space between two CJK characters does not count: "山田花子" finds
 *    "山田 花子"; every typed word must appear, in any order: "花子 山田";
 *  - a word of three characters or more, a digit or a CJK word of any
 *    length is found anywhere ("商事" in "株式会社山田商事"); one or two
 *    letters of an alphabet are found at the start of a word ("societe g"
 *    finds "Société Générale", "du" finds "Jean Dupont");
 *  - a phone is its digits, with and without its country code: "9760",
 *    "07 22 90", "+33 7 22 90" and "0033722…" find "+33 7 22 90 97 60".
 *
 * The indexes hold trigrams of each folded field framed as " text$$" (the
 * space marks word starts, the two ends let one- and two-character words be
 * found as trigram prefixes); a query's tokens select candidate rows, and
 * search_row_matches (comptoir_hit in SQL) keeps exactly those that match. */
#ifndef COMPTOIR_DB_SEARCH_H
#define COMPTOIR_DB_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEARCH_WORDS_MAX 8
#define SEARCH_WORD_MAX 96 /* bytes of one folded word */
#define SEARCH_TOKEN_MAX 16

enum search_word_kind {
    SEARCH_ANYWHERE,   /* a substring of a field */
    SEARCH_WORD_START, /* at the start of a word (one or two letters) */
};

struct search_word {
    char text[SEARCH_WORD_MAX];
    int chars; /* characters (not bytes) */
    enum search_word_kind kind;
    bool cjk;                         /* every character is CJK (kana, ideographs, hangul) */
    char needle[SEARCH_WORD_MAX + 1]; /* what is looked for in " field\x1f …" */
    size_t needle_len;
};

/* What a typed text looks for: every word must match. */
struct search_query {
    struct search_word words[SEARCH_WORDS_MAX];
    int n;
    bool phone; /* typed as a phone number: one word of digits */
};

/* One token of a full-text query: a trigram, or a prefix of trigrams. */
struct search_token {
    char text[SEARCH_TOKEN_MAX];
    bool prefix;
    bool costly;   /* a prefix of many trigrams (" a"*, "77"*): looking it up reads every row it is in */
    int64_t count; /* rows with it, counted up to a cap by the planner */
};

/* Folds one stored field as the indexes see it: lower case, no accents,
 * runs of punctuation and spaces as one space (none between CJK
 * characters), apostrophes dropped; a phone number as its digit strings
 * (as written, national with a leading 0, without the country code),
 * separated by spaces. n bytes of text (or up to its NUL when n < 0).
 * Returns the length written to out (always NUL-terminated, cut at a whole
 * character when len is short; 3 * n + 8 bytes are always enough). */
size_t search_fold(const char *text, long n, char *out, size_t len);

/* Reads typed text into the words it looks for (none: q->n == 0). */
void search_query_parse(const char *typed, struct search_query *q);

/* True when every word of q is found in one of the n fields (as stored). */
bool search_row_matches(const struct search_query *q, const char *const *fields, const int *lengths, int n);

/* The index tokens that any row matching q must have, at most max (the
 * most selective first when a word has more than it needs): trigrams of
 * long words, prefixes for one- and two-character words. A one-character
 * word that is not CJK adds none (it is in most rows: the bounded walks
 * answer it). Returns how many. */
int search_query_tokens(const struct search_query *q, struct search_token *out, int max);

/* An FTS5 MATCH expression: the tokens ANDed ("abc" AND "d"*). */
void search_match_expr(const struct search_token *tokens, int n, char *out, size_t len);

#endif
