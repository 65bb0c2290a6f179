/* UTF-8 validity, display width and column fitting in the current locale. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "src/base/strbuf.h"
#include "src/base/text.h"

/* Length of the sequence starting with byte b, 0 when b cannot start one. */
static int utf8_sequence_length(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* The valid range of the second byte narrows for E0, ED, F0 and F4 so that
 * overlong forms, surrogates and code points past U+10FFFF are refused. */
static bool utf8_second_ok(unsigned char first, unsigned char second)
{
    switch (first) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return (second & 0xC0) == 0x80;
    }
}

/* Bytes of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_sequence_at(const unsigned char *s, size_t n)
{
    size_t k = (size_t)utf8_sequence_length(s[0]);
    if (k == 0 || k > n || (k > 1 && !utf8_second_ok(s[0], s[1])))
        return 0;
    for (size_t i = 2; i < k; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return k;
}

bool utf8_valid_n(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0, k; i < n; i += k) {
        if (p[i] >= 0x01 && p[i] < 0x80) { /* the common case: plain ASCII */
            k = 1;
            continue;
        }
        if (p[i] == 0 || (k = utf8_sequence_at(p + i, n - i)) == 0)
            return false;
    }
    return true;
}

bool utf8_valid(const char *s)
{
    return utf8_valid_n(s ? s : "", s ? strlen(s) : 0);
}

/* ------------------------------------------------------------ visible */

/* When the character at s must not reach a terminal as it is, writes its
 * visible form to esc and the bytes it takes to *len, and returns true;
 * else *len is its length and it is shown as it is. */
static bool text_escape_at(const unsigned char *s, size_t n, unsigned flags, char esc[8], size_t *len)
{
    static const char hex[] = "0123456789ABCDEF";
    *len = 1;
    if (s[0] == '\n' && (flags & TEXT_SHOW_NEWLINES))
        return false;
    if (s[0] < 0x20 || s[0] == 0x7F) {
        const char *named = s[0] == '\n' ? "\\n" : s[0] == '\r' ? "\\r" : s[0] == '\t' ? "\\t" : NULL;
        if (named)
            memcpy(esc, named, 3);
        else
            memcpy(esc, (char[]){'\\', 'x', hex[s[0] >> 4], hex[s[0] & 15], '\0'}, 5);
        return true;
    }
    if (s[0] < 0x80)
        return false;
    size_t k = utf8_sequence_at(s, n);
    if (k == 0) { /* a byte that does not decode */
        memcpy(esc, (char[]){'\\', 'x', hex[s[0] >> 4], hex[s[0] & 15], '\0'}, 5);
        return true;
    }
    *len = k;
    if (k == 2 && s[0] == 0xC2 && s[1] <= 0x9F) { /* C1 controls, U+0080..U+009F: CSI among them */
        memcpy(esc, (char[]){'\\', 'u', '0', '0', hex[s[1] >> 4], hex[s[1] & 15], '\0'}, 7);
        return true;
    }
    return false;
}

void text_visible(struct strbuf *out, const char *s, size_t n, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
    char esc[8];
    size_t len;
    while (p < end) {
        if (!text_escape_at(p, (size_t)(end - p), flags, esc, &len)) {
            p += len;
            continue;
        }
        strbuf_addn(out, (const char *)run, (size_t)(p - run));
        strbuf_add(out, esc);
        p += len;
        run = p;
    }
    strbuf_addn(out, (const char *)run, (size_t)(p - run));
}

void text_shorten(const char *s, char *out, size_t size)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t n = strlen(s);
    if (size == 0)
        return;
    if (n < size) {
        memcpy(out, s, n + 1);
        return;
    }
    n = size > sizeof ellipsis ? size - sizeof ellipsis : 0;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* never half a character */
    memcpy(out, s, n);
    memcpy(out + n, ellipsis, n + sizeof ellipsis <= size ? sizeof ellipsis : 1);
    out[size - 1] = '\0';
}

/* ------------------------------------------------------------- width */

bool text_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

void text_use_utf8_ctype(void)
{
    setlocale(LC_CTYPE, "");
    if (!text_locale_utf8())
        setlocale(LC_CTYPE, "C.UTF-8");
}

const char *text_plural(long long n, const char *one, const char *many)
{
    return n == 1 || n == -1 ? one : many;
}

const char *text_ellipsis(void)
{
    return text_locale_utf8() ? "\xe2\x80\xa6" : "~";
}

/* One character from s: its bytes (*nbytes), a safe form to show and its width. */
struct text_char {
    size_t nbytes;
    wchar_t shown;  /* the character, or '?' when the locale cannot show it */
    char escape[8]; /* a control character's visible form (text_visible's), shown instead */
    int width;
};

/* Latin-1's letters (U+00C0 to U+00FF) without their accents; '*' for the
 * two that are not letters (x and /), "ss" and "th" below. */
static const char latin1_plain[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty";

/* The ASCII look-alike of code point cp, for a terminal that shows nothing else. */
static const char *text_ascii_for(uint32_t cp, char one[2])
{
    static const struct {
        uint32_t cp;
        const char *ascii;
    } map[] = {{0x00A0, " "},   {0x202F, " "},   {0x2009, " "},   {0x00AB, "\""}, {0x00BB, "\""},
               {0x201C, "\""},  {0x201D, "\""},  {0x2018, "'"},   {0x2019, "'"},  {0x2013, "-"},
               {0x2014, "-"},   {0x2212, "-"},   {0x2026, "..."}, {0x00B7, "|"},  {0x2022, "*"},
               {0x20AC, "EUR"}, {0x00A3, "GBP"}, {0x00A5, "JPY"}, {0x2192, "->"}, {0x2190, "<-"},
               {0x2191, "^"},   {0x2193, "v"},   {0x203A, ">"},   {0x2039, "<"},  {0x25B2, "^"},
               {0x25BC, "v"},   {0x25B6, ">"},   {0x00D7, "x"},   {0x00F7, "/"},  {0x00B0, "o"},
               {0x2713, "v"},   {0x2717, "x"},   {0x00DF, "ss"},  {0x00DE, "Th"}, {0x00FE, "th"},
               {0x00C6, "AE"},  {0x00E6, "ae"},  {0x0152, "OE"},  {0x0153, "oe"}, {0x0160, "S"},
               {0x0161, "s"},   {0x017D, "Z"},   {0x017E, "z"},   {0x0178, "Y"},  {0x2030, "o/oo"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].cp == cp)
            return map[i].ascii;
    one[1] = '\0';
    if (cp >= 0x00C0 && cp <= 0x00FF)
        one[0] = latin1_plain[cp - 0x00C0];
    else if (cp >= 0x2580 && cp <= 0x259F)
        one[0] = '#'; /* block elements: the bars of a chart */
    else if (cp >= 0x2500 && cp <= 0x257F)
        one[0] = '-'; /* box drawing */
    else
        one[0] = '?';
    return one;
}

/* The character of UTF-8 text at s when the locale is not UTF-8 (a terminal
 * of ASCII): its look-alike into c, false when s holds none. */
static bool text_ascii_next(const unsigned char *s, size_t avail, struct text_char *c)
{
    size_t k = utf8_sequence_at(s, avail);
    if (k < 2 || text_locale_utf8())
        return false;
    uint32_t cp = s[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    char one[2];
    snprintf(c->escape, sizeof c->escape, "%s", text_ascii_for(cp, one));
    c->nbytes = k;
    c->width = (int)strlen(c->escape);
    return true;
}

static struct text_char text_next(const char *s, size_t avail)
{
    struct text_char c = {1, L'?', "", 1};
    if (text_escape_at((const unsigned char *)s, avail, 0, c.escape, &c.nbytes)) {
        c.width = (int)strlen(c.escape); /* control characters would move the cursor */
        return c;
    }
    if ((unsigned char)s[0] >= 0x80 && text_ascii_next((const unsigned char *)s, avail, &c))
        return c;
    c.nbytes = 1;
    mbstate_t st = {0};
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, avail, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
        return c;
    c.nbytes = n;
    int w = wcwidth(wc);
    if (w < 0 || !iswprint((wint_t)wc))
        return c; /* not printable in this locale: show '?' */
    c.shown = wc;
    c.width = w;
    return c;
}

int text_width(const char *s)
{
    int width = 0;
    size_t left = strlen(s);
    while (left > 0) {
        struct text_char c = text_next(s, left);
        width += c.width;
        s += c.nbytes;
        left -= c.nbytes;
    }
    return width;
}

/* Appends a wide character to out as multibyte, if it fits. */
static size_t text_put(char *out, size_t used, size_t len, wchar_t wc)
{
    char mb[MB_LEN_MAX];
    mbstate_t st = {0};
    size_t n = wcrtomb(mb, wc, &st);
    if (n == (size_t)-1) {
        mb[0] = '?';
        n = 1;
    }
    if (used + n + 1 > len)
        return used;
    memcpy(out + used, mb, n);
    return used + n;
}

static size_t text_put_bytes(char *out, size_t used, size_t len, const char *bytes)
{
    size_t n = strlen(bytes);
    if (used + n + 1 > len)
        return used;
    memcpy(out + used, bytes, n);
    return used + n;
}

static size_t text_pad(char *out, size_t used, size_t len, int spaces)
{
    for (; spaces > 0 && used + 2 <= len; spaces--)
        out[used++] = ' ';
    return used;
}

void text_fit(const char *s, int width, enum text_align align, char *out, size_t len)
{
    if (len == 0)
        return;
    out[0] = '\0';
    if (width <= 0)
        return;
    int full = text_width(s);
    bool cut = full > width;
    int room = cut ? width - 1 : width; /* the ellipsis takes one column */
    int cols = 0;
    size_t used = 0, left = strlen(s);
    if (!cut && align != TEXT_LEFT) {
        int lead = align == TEXT_RIGHT ? width - full : (width - full) / 2;
        used = text_pad(out, used, len, lead);
        cols += lead;
        room = cols + full;
    }
    while (left > 0) {
        struct text_char c = text_next(s, left);
        if (cols + c.width > room)
            break; /* a wide character that does not fit is left out whole */
        used = c.escape[0] ? text_put_bytes(out, used, len, c.escape) : text_put(out, used, len, c.shown);
        cols += c.width;
        s += c.nbytes;
        left -= c.nbytes;
    }
    if (cut) {
        const char *el = text_ellipsis();
        size_t n = strlen(el);
        if (used + n + 1 <= len) {
            memcpy(out + used, el, n);
            used += n;
        }
        cols++;
    }
    used = text_pad(out, used, len, width - cols);
    out[used] = '\0';
}

/* ------------------------------------------------------------ wrapping */

size_t text_wrap(const char *s, int width, size_t *next)
{
    size_t left = strlen(s), pos = 0, brk = 0;
    int cols = 0;
    if (width < 1)
        width = 1;
    while (pos < left && s[pos] != '\n') {
        struct text_char c = text_next(s + pos, left - pos);
        if (cols + c.width > width)
            break;
        cols += c.width;
        pos += c.nbytes;
        if (s[pos - 1] == ' ')
            brk = pos; /* a line may end after this space */
    }
    size_t end = pos;
    if (pos < left && s[pos] != '\n' && brk > 0)
        end = brk; /* the text goes on: end at the last space */
    if (end == 0 && pos < left && s[pos] != '\n')
        end = text_next(s, left).nbytes; /* not even one character fits: take one */
    size_t after = end;
    if (after < left && s[after] == '\n')
        after++;
    else
        while (after < left && s[after] == ' ')
            after++;
    if (next)
        *next = after;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    return end;
}
