/* Search folding, typed queries, the row test and the tokens of the search
 * indexes (see db/search.h), with their SQL side: the FTS5 tokenizer
 * "comptoir" and the functions comptoir_hit and comptoir_in_set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_private.h"
#include "db/search.h"

/* ------------------------------------------------------------- folding */

enum fold_kind { FOLD_KEEP, FOLD_SEPARATOR, FOLD_DROP };

/* Decodes one UTF-8 character at p (before end) into *cp; returns its bytes
 * (1 for a byte that starts no valid sequence, read as U+FFFD). */
static size_t utf8_next(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
    size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
    if (n == 0 || (size_t)(end - p) < n) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t c = n == 1 ? *p : n == 2 ? (*p & 0x1Fu) : n == 3 ? (*p & 0x0Fu) : (*p & 0x07u);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    *cp = c;
    return n;
}

static size_t utf8_put(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Kana, ideographs and hangul: scripts written without spaces between words. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* Ranges folded to one base letter, beyond those of the sort key (Latin-1,
 * Latin Extended-A): Latin Extended-B and Additional (Romanian, Pinyin,
 * Vietnamese), Greek with tonos, Cyrillic ё. */
static const struct {
    uint32_t lo, hi, to;
} fold_ranges[] = {
    {0x1A0, 0x1A1, 'o'},   {0x1AF, 0x1B0, 'u'},   {0x1CD, 0x1CE, 'a'},   {0x1CF, 0x1D0, 'i'},
    {0x1D1, 0x1D2, 'o'},   {0x1D3, 0x1DC, 'u'},   {0x218, 0x219, 's'},   {0x21A, 0x21B, 't'},
    {0x1EA0, 0x1EB7, 'a'}, {0x1EB8, 0x1EC7, 'e'}, {0x1EC8, 0x1ECB, 'i'}, {0x1ECC, 0x1EE3, 'o'},
    {0x1EE4, 0x1EF1, 'u'}, {0x1EF2, 0x1EF9, 'y'}, {0x386, 0x386, 0x3B1}, {0x388, 0x388, 0x3B5},
    {0x389, 0x389, 0x3B7}, {0x38A, 0x38A, 0x3B9}, {0x38C, 0x38C, 0x3BF}, {0x38E, 0x38E, 0x3C5},
    {0x38F, 0x38F, 0x3C9}, {0x390, 0x390, 0x3B9}, {0x3AA, 0x3AA, 0x3B9}, {0x3AB, 0x3AB, 0x3C5},
    {0x3AC, 0x3AC, 0x3B1}, {0x3AD, 0x3AD, 0x3B5}, {0x3AE, 0x3AE, 0x3B7}, {0x3AF, 0x3AF, 0x3B9},
    {0x3B0, 0x3B0, 0x3C5}, {0x3C2, 0x3C2, 0x3C3}, {0x3CA, 0x3CA, 0x3B9}, {0x3CB, 0x3CB, 0x3C5},
    {0x3CC, 0x3CC, 0x3BF}, {0x3CD, 0x3CD, 0x3C5}, {0x3CE, 0x3CE, 0x3C9}, {0x401, 0x401, 0x435},
    {0x451, 0x451, 0x435}, {0x212A, 0x212A, 'k'}, {0x212B, 0x212B, 'a'},
};

/* Characters that join what they stand between: apostrophes, the soft
 * hyphen, zero-width characters, combining marks (an accent written apart),
 * variation selectors. */
static bool is_dropped(uint32_t c)
{
    return c == '\'' || c == '`' || c == 0xAD || c == 0xB4 || (c >= 0x300 && c <= 0x36F) || c == 0x2018 ||
           c == 0x2019 || c == 0x201B || c == 0x2032 || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFF07;
}

static bool is_separator(uint32_t c)
{
    if (c < 0x80)
        return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    return c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) ||
           c == 0x30FB || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD;
}

/* One character as the index sees it, into out (at most 4 bytes). */
static enum fold_kind fold_char(uint32_t c, char *out, size_t *n, bool *cjk)
{
    *cjk = false;
    if (is_dropped(c))
        return FOLD_DROP;
    if (is_separator(c))
        return FOLD_SEPARATOR;
    if (c >= 0xFF10 && c <= 0xFF5A)
        c -= 0xFEE0; /* full-width digits and letters */
    if (c < 0x80) {
        out[0] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        *n = 1;
        return FOLD_KEEP;
    }
    const char *latin = c <= 0x17F ? db_fold_latin((unsigned)c) : NULL;
    if (latin != NULL) {
        *n = strlen(latin);
        memcpy(out, latin, *n);
        return FOLD_KEEP;
    }
    for (size_t i = 0; i < sizeof fold_ranges / sizeof fold_ranges[0]; i++)
        if (c >= fold_ranges[i].lo && c <= fold_ranges[i].hi) {
            c = fold_ranges[i].to;
            break;
        }
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F))
        c += 0x20; /* Greek and Cyrillic capitals */
    else if (c >= 0x400 && c <= 0x40F)
        c += 0x50;
    *cjk = is_cjk(c);
    *n = utf8_put(c, out);
    return FOLD_KEEP;
}

/* Appends n bytes when they fit (with room for the NUL); false when not. */
static bool out_add(char *out, size_t len, size_t *o, const char *bytes, size_t n)
{
    if (*o + n >= len)
        return false;
    memcpy(out + *o, bytes, n);
    *o += n;
    return true;
}

/* The words of a text: folded characters, one space for each run of
 * separators (none between two CJK characters). */
static size_t fold_words(const char *text, size_t n, char *out, size_t len)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    size_t o = 0;
    bool sep = false, prev_cjk = false, any = false;
    while (p < end) {
        if (*p < 0x80) { /* ASCII, most of what is stored: the quick way */
            unsigned char b = *p++;
            if ((unsigned)((b | 0x20) - 'a') < 26u)
                b |= 0x20;
            else if ((unsigned)(b - '0') >= 10u) {
                sep = sep || (any && b != '\'' && b != '`');
                continue;
            }
            if (o + 1 + sep >= len)
                break;
            if (sep)
                out[o++] = ' ';
            out[o++] = (char)b;
            sep = prev_cjk = false;
            any = true;
            continue;
        }
        uint32_t c;
        p += utf8_next(p, end, &c);
        char ch[8];
        size_t cn = 0;
        bool cjk;
        enum fold_kind k = fold_char(c, ch, &cn, &cjk);
        if (k == FOLD_DROP)
            continue;
        if (k == FOLD_SEPARATOR) {
            sep = any;
            continue;
        }
        bool space = sep && !(prev_cjk && cjk);
        if (o + cn + space >= len)
            break; /* whole characters only */
        if (space)
            out[o++] = ' ';
        memcpy(out + o, ch, cn);
        o += cn;
        sep = false;
        prev_cjk = cjk;
        any = true;
    }
    out[o] = '\0';
    return o;
}

/* ------------------------------------------------------------- phones */

/* Country calling codes (ITU E.164, a prefix-free set): enough to tell where
 * the national number starts in "+33 6 …", "+49 30 …", "+81 3 …". */
static const char *const country_codes[] = {
    "1",   "7",   "20",  "27",  "30",  "31",  "32",  "33",  "34",  "36",  "39",  "40",  "41",  "43",  "44",
    "45",  "46",  "47",  "48",  "49",  "51",  "52",  "53",  "54",  "55",  "56",  "57",  "58",  "60",  "61",
    "62",  "63",  "64",  "65",  "66",  "81",  "82",  "84",  "86",  "90",  "91",  "92",  "93",  "94",  "95",
    "98",  "212", "213", "216", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371",
    "372", "380", "381", "385", "386", "420", "421", "852", "886", "971", "972",
};

static size_t country_code_length(const char *digits)
{
    for (size_t i = 0; i < sizeof country_codes / sizeof country_codes[0]; i++) {
        const char *cc = country_codes[i];
        size_t n = 0;
        while (cc[n] != '\0' && cc[n] == digits[n])
            n++;
        if (cc[n] == '\0')
            return n;
    }
    return 0;
}

/* Only digits and what people write between them, with at least min digits. */
static bool phone_like(const char *text, size_t n, int min)
{
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        switch (text[i]) {
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9': digits++; break;
        case ' ':
        case '+':
        case '-':
        case '.':
        case '(':
        case ')':
        case '/': break;
        case '\xC2': /* a no-break space */
            if (i + 1 < n && text[i + 1] == '\xA0') {
                i++;
                break;
            }
            return false;
        default: return false;
        }
    }
    return digits >= min;
}

/* The parts of a phone number: its digits, and the national number
 * (without country code and trunk zeros) when it can be told. */
struct phone_parts {
    char digits[64]; /* as written, without the international prefix */
    const char *national;
    bool international; /* written +CC or 00CC with a known code */
};

static void phone_split(const char *text, size_t n, struct phone_parts *ph)
{
    size_t d = 0;
    bool plus = false, seen = false;
    for (size_t i = 0; i < n; i++) {
        if (text[i] >= '0' && text[i] <= '9') {
            if (d + 1 < sizeof ph->digits)
                ph->digits[d++] = text[i];
            seen = true;
        } else if (text[i] == '+' && !seen) {
            plus = true;
        }
    }
    ph->digits[d] = '\0';
    const char *intl = plus ? ph->digits : strncmp(ph->digits, "00", 2) == 0 ? ph->digits + 2 : NULL;
    size_t cc = intl ? country_code_length(intl) : 0;
    if (intl && intl != ph->digits)
        memmove(ph->digits, intl, strlen(intl) + 1);
    ph->international = cc > 0;
    ph->national = ph->digits + cc;
    while (*ph->national == '0')
        ph->national++;
}

/* A stored phone: its digits, then "0" + the national number, then the
 * national number, each once (one inside another is left out). */
static size_t fold_phone(const char *text, size_t n, char *out, size_t len)
{
    struct phone_parts ph;
    phone_split(text, n, &ph);
    size_t o = 0, digits = strlen(ph.digits), national = strlen(ph.national);
    if (!out_add(out, len, &o, ph.digits, digits))
        digits = 0;
    if (ph.international && o + national + 2 < len) {
        out[o++] = ' ';
        out[o++] = '0';
        out_add(out, len, &o, ph.national, national);
    }
    /* the national number alone ends the others: found there already */
    out[o] = '\0';
    return o;
}

size_t search_fold(const char *text, long n, char *out, size_t len)
{
    if (len == 0)
        return 0;
    out[0] = '\0';
    if (text == NULL)
        return 0;
    size_t size = n < 0 ? strlen(text) : (size_t)n;
    if (phone_like(text, size, 6))
        return fold_phone(text, size, out, len);
    return fold_words(text, size, out, len);
}

/* ------------------------------------------------------------- queries */

static int utf8_count(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* Sets the kind of a folded word: one or two letters of an alphabet look
 * for a word start; digits, CJK and longer words anywhere. */
static void word_classify(struct search_word *w)
{
    const unsigned char *p = (const unsigned char *)w->text, *end = p + strlen(w->text);
    bool digit = false, all_cjk = true;
    while (p < end) {
        uint32_t c;
        p += utf8_next(p, end, &c);
        digit = digit || (c >= '0' && c <= '9');
        all_cjk = all_cjk && (is_cjk(c) || c == ' ');
    }
    w->chars = utf8_count(w->text);
    w->cjk = all_cjk;
    w->kind = w->chars <= 2 && !all_cjk && !digit ? SEARCH_WORD_START : SEARCH_ANYWHERE;
    size_t n = strlen(w->text), at = w->kind == SEARCH_WORD_START;
    w->needle[0] = ' ';
    memcpy(w->needle + at, w->text, n + 1);
    w->needle_len = at + n;
}

static void query_add(struct search_query *q, const char *folded)
{
    if (folded[0] == '\0' || q->n == SEARCH_WORDS_MAX)
        return;
    for (int i = 0; i < q->n; i++)
        if (strcmp(q->words[i].text, folded) == 0)
            return;
    struct search_word *w = &q->words[q->n++];
    snprintf(w->text, sizeof w->text, "%s", folded);
    word_classify(w);
}

/* Bytes of a space a person types between words at p (0 when none). */
static size_t typed_space(const char *p)
{
    if (*p == ' ' || *p == '\t')
        return 1;
    if (strncmp(p, "\xE3\x80\x80", 3) == 0)
        return 3; /* ideographic space */
    if (strncmp(p, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

void search_query_parse(const char *typed, struct search_query *q)
{
    memset(q, 0, sizeof *q);
    const char *t = typed ? typed : "";
    size_t n = strlen(t);
    if (phone_like(t, n, 3)) {
        struct phone_parts ph;
        phone_split(t, n, &ph);
        q->phone = true;
        query_add(q, ph.international ? ph.national : ph.digits);
        return;
    }
    const char *p = t;
    while (*p) {
        size_t sp;
        while ((sp = typed_space(p)) > 0)
            p += sp;
        const char *start = p;
        while (*p && typed_space(p) == 0)
            p++;
        if (p > start) {
            char folded[SEARCH_WORD_MAX];
            fold_words(start, (size_t)(p - start), folded, sizeof folded);
            query_add(q, folded);
        }
    }
}

/* ------------------------------------------------------------ matching */

/* Every field as " folded\x1f": a word start is after a space, and no word
 * is found across two fields. */
static size_t hit_text(const char *const *fields, const int *lengths, int n, char *out, size_t len)
{
    size_t o = 0;
    for (int i = 0; i < n && o + 3 < len; i++) {
        out[o++] = ' ';
        o += search_fold(fields[i], lengths ? lengths[i] : -1, out + o, len - o - 1);
        out[o++] = '\x1f';
    }
    out[o] = '\0';
    return o;
}

/* memmem, which C11 lacks. */
static bool bytes_find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0)
        return true;
    for (const char *p = hay; m <= n - (size_t)(p - hay);) {
        const char *c = memchr(p, needle[0], n - (size_t)(p - hay) - m + 1);
        if (c == NULL)
            return false;
        if (memcmp(c, needle, m) == 0)
            return true;
        p = c + 1;
    }
    return false;
}

bool search_row_matches(const struct search_query *q, const char *const *fields, const int *lengths, int n)
{
    if (q->n == 0)
        return true;
    size_t need = 8;
    for (int i = 0; i < n; i++) {
        size_t bytes = lengths     ? (size_t)(lengths[i] > 0 ? lengths[i] : 0)
                       : fields[i] ? strlen(fields[i])
                                   : 0;
        need += 3 * bytes + 8;
    }
    char stack[2048];
    char *buf = need <= sizeof stack ? stack : xmalloc(need);
    size_t size = hit_text(fields, lengths, n, buf, need);
    bool all = true;
    for (int i = 0; all && i < q->n; i++) {
        all = bytes_find(buf, size, q->words[i].needle, q->words[i].needle_len);
    }
    if (buf != stack)
        free(buf);
    return all;
}

/* ------------------------------------------------------------- tokens */

static int token_add(struct search_token *out, int n, int max, const char *text, size_t bytes, bool prefix,
                     bool costly)
{
    if (n >= max || bytes == 0 || bytes >= SEARCH_TOKEN_MAX)
        return n;
    for (int i = 0; i < n; i++)
        if (out[i].prefix == prefix && strlen(out[i].text) == bytes && memcmp(out[i].text, text, bytes) == 0)
            return n;
    memset(&out[n], 0, sizeof out[n]);
    memcpy(out[n].text, text, bytes);
    out[n].prefix = prefix;
    out[n].costly = costly;
    return n + 1;
}

/* The trigrams of a word; a long word gives its first, last and some
 * between, at most per_word (rows with all of them are few enough). */
static int word_trigrams(const struct search_word *w, struct search_token *out, int n, int max, int per_word)
{
    size_t starts[SEARCH_WORD_MAX + 1];
    int chars = 0;
    for (size_t i = 0; w->text[i]; i++)
        if (((unsigned char)w->text[i] & 0xC0) != 0x80)
            starts[chars++] = i;
    starts[chars] = strlen(w->text);
    int count = chars - 2;
    for (int k = 0; k < count && k < per_word; k++) {
        int i = per_word >= count ? k : (int)((int64_t)k * (count - 1) / (per_word - 1));
        n = token_add(out, n, max, w->text + starts[i], starts[i + 3] - starts[i], false, false);
    }
    return n;
}

int search_query_tokens(const struct search_query *q, struct search_token *out, int max)
{
    int n = 0;
    for (int i = 0; i < q->n; i++) {
        const struct search_word *w = &q->words[i];
        char framed[SEARCH_WORD_MAX + 2];
        if (w->kind == SEARCH_WORD_START) {
            snprintf(framed, sizeof framed, " %s", w->text);
            n = token_add(out, n, max, framed, strlen(framed), w->chars == 1, w->chars == 1);
        } else if (w->chars >= 3) {
            n = word_trigrams(w, out, n, max, 12);
        } else if (w->chars == 2 || w->cjk) {
            n = token_add(out, n, max, w->text, strlen(w->text), true, !w->cjk);
        }
    }
    return n;
}

void search_match_expr(const struct search_token *tokens, int n, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        int k = snprintf(out + o, len - o, "%s\"%s\"%s", i ? " AND " : "", tokens[i].text,
                         tokens[i].prefix ? "*" : "");
        if (k < 0 || (size_t)k >= len - o) {
            out[o] = '\0';
            return;
        }
        o += (size_t)k;
    }
}

/* ---------------------------------------------------------- tokenizer */

/* The FTS5 tokenizer "comptoir": a document's field folded and framed as
 * " text$$", every trigram of it; a query's phrase is one token as written
 * (the stores build their queries from search_query_tokens). */
struct search_tokenizer {
    int unused;
};

static int tokenizer_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    *out = (Fts5Tokenizer *)xcalloc(1, sizeof(struct search_tokenizer));
    return SQLITE_OK;
}

static void tokenizer_delete(Fts5Tokenizer *t)
{
    free(t);
}

typedef int (*token_fn)(void *ctx, int flags, const char *token, int n, int start, int end);

static int tokenize_document(void *ctx, const char *text, int n, token_fn emit)
{
    size_t len = 3 * (size_t)n + 16;
    char stack[1024];
    char *buf = len <= sizeof stack ? stack : xmalloc(len);
    buf[0] = ' ';
    size_t size = 1 + search_fold(text, n, buf + 1, len - 4);
    int rc = SQLITE_OK;
    if (size > 1) {
        memcpy(buf + size, "$$", 3);
        size += 2;
        /* c0, c1, c2: where the three characters of the next trigram start */
        const unsigned char *b = (const unsigned char *)buf, *end = b + size;
        uint32_t cp;
        size_t c0 = 0, c1 = 1, c2 = c1 + utf8_next(b + c1, end, &cp);
        while (rc == SQLITE_OK && c2 < size) {
            size_t next = c2 + utf8_next(b + c2, end, &cp);
            rc = emit(ctx, 0, buf + c0, (int)(next - c0), 0, n);
            c0 = c1;
            c1 = c2;
            c2 = next;
        }
    }
    if (buf != stack)
        free(buf);
    return rc;
}

static int tokenizer_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n, token_fn emit)
{
    (void)t;
    if (n <= 0)
        return SQLITE_OK;
    if (flags & FTS5_TOKENIZE_QUERY)
        return emit(ctx, 0, text, n, 0, n);
    return tokenize_document(ctx, text, n, emit);
}

static fts5_api *fts5_api_of(sqlite3 *handle)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(s);
    }
    sqlite3_finalize(s);
    return api;
}

/* ------------------------------------------------------- SQL functions */

static void query_free(void *p)
{
    free(p);
}

/* comptoir_hit(typed, field, …): 1 when the row's fields match what was typed. */
static void hit_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct search_query *q = sqlite3_get_auxdata(ctx, 0);
    if (q == NULL) {
        q = xmalloc(sizeof *q);
        search_query_parse((const char *)sqlite3_value_text(argv[0]), q);
        sqlite3_set_auxdata(ctx, 0, q, query_free);
        q = sqlite3_get_auxdata(ctx, 0);
        if (q == NULL) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
    }
    const char *fields[8];
    int lengths[8], n = 0;
    for (int i = 1; i < argc && n < 8; i++, n++) {
        fields[n] = (const char *)sqlite3_value_text(argv[i]);
        lengths[n] = fields[n] ? sqlite3_value_bytes(argv[i]) : 0;
        if (fields[n] == NULL)
            fields[n] = "";
    }
    sqlite3_result_int(ctx, search_row_matches(q, fields, lengths, n));
}

/* comptoir_in_set(set, id): 1 when id is in the set bound as a pointer. */
static void in_set_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const struct db_id_set *set = sqlite3_value_pointer(argv[0], DB_ID_SET_POINTER);
    sqlite3_result_int(ctx, set != NULL && db_id_set_has(set, sqlite3_value_int64(argv[1])));
}

int db_search_register(sqlite3 *handle)
{
    static fts5_tokenizer tokenizer = {tokenizer_create, tokenizer_delete, tokenizer_tokenize};
    fts5_api *api = fts5_api_of(handle);
    if (api == NULL || api->iVersion < 2)
        return SQLITE_ERROR;
    int rc = api->xCreateTokenizer(api, "comptoir", NULL, &tokenizer, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(handle, "comptoir_hit", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                        hit_sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function_v2(handle, "comptoir_in_set", 2, SQLITE_UTF8, NULL, in_set_sql, NULL,
                                        NULL, NULL);
    return rc;
}
