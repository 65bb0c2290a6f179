/* UTF-8 validity, display width and column fitting in the current locale. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

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

bool utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        int n = utf8_sequence_length(*p);
        if (n == 0)
            return false;
        if (n > 1 && !utf8_second_ok(p[0], p[1]))
            return false;
        for (int i = 2; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
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

const char *text_ellipsis(void)
{
    return text_locale_utf8() ? "\xe2\x80\xa6" : "~";
}

/* One character from s: its bytes (*nbytes), a safe form to show and its width. */
struct text_char {
    size_t nbytes;
    wchar_t shown; /* the character, or '?' when it must not reach the terminal */
    int width;
};

static struct text_char text_next(const char *s, size_t avail)
{
    struct text_char c = {1, L'?', 1};
    mbstate_t st = {0};
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, avail, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
        return c;
    c.nbytes = n;
    int w = wcwidth(wc);
    if (w < 0 || !iswprint((wint_t)wc))
        return c; /* control characters would move the cursor: show '?' */
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
        used = text_put(out, used, len, c.shown);
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
