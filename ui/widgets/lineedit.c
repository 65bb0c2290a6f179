/* The one-line editor behind the filter, the command line and form fields. */
#include <limits.h>
#include <string.h>
#include <wctype.h>

#include "ui/keys.h"
#include "ui/widgets/lineedit.h"

static int lineedit_cap(const struct lineedit *l)
{
    return (l->max > 0 && l->max < LINEEDIT_MAX) ? l->max : LINEEDIT_MAX;
}

static int char_width(wchar_t c)
{
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

void lineedit_clear(struct lineedit *l)
{
    l->len = l->cursor = l->scroll = 0;
    l->buf[0] = L'\0';
}

void lineedit_set(struct lineedit *l, const char *text)
{
    mbstate_t st = {0};
    int cap = lineedit_cap(l);
    size_t left = strlen(text);
    lineedit_clear(l);
    while (left > 0 && l->len < cap) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, text, left, &st);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            wc = L'?';
            n = 1;
            memset(&st, 0, sizeof st);
        }
        l->buf[l->len++] = wc;
        text += n;
        left -= n;
    }
    l->buf[l->len] = L'\0';
    l->cursor = l->len;
}

void lineedit_get(const struct lineedit *l, char *out, size_t len)
{
    size_t used = 0;
    mbstate_t st = {0};
    for (int i = 0; i < l->len; i++) {
        char mb[MB_LEN_MAX];
        size_t n = wcrtomb(mb, l->buf[i], &st);
        if (n == (size_t)-1) {
            mb[0] = '?';
            n = 1;
        }
        if (used + n + 1 > len)
            break;
        memcpy(out + used, mb, n);
        used += n;
    }
    if (len > 0)
        out[used] = '\0';
}

static void lineedit_delete_range(struct lineedit *l, int from, int to)
{
    if (from >= to)
        return;
    memmove(l->buf + from, l->buf + to, (size_t)(l->len - to + 1) * sizeof(wchar_t));
    l->len -= to - from;
    if (l->cursor > to)
        l->cursor -= to - from;
    else if (l->cursor > from)
        l->cursor = from;
}

static bool lineedit_insert(struct lineedit *l, wchar_t c)
{
    if (l->len >= lineedit_cap(l))
        return true; /* full: the key is still ours, it just does nothing */
    memmove(l->buf + l->cursor + 1, l->buf + l->cursor, (size_t)(l->len - l->cursor + 1) * sizeof(wchar_t));
    l->buf[l->cursor++] = c;
    l->len++;
    return true;
}

static int word_left(const struct lineedit *l, int i)
{
    while (i > 0 && !iswalnum((wint_t)l->buf[i - 1]))
        i--;
    while (i > 0 && iswalnum((wint_t)l->buf[i - 1]))
        i--;
    return i;
}

bool lineedit_key(struct lineedit *l, int key)
{
    if (key_is_text(key))
        return lineedit_insert(l, (wchar_t)key);
    switch (key) {
    case UI_KEY_LEFT:
        if (l->cursor > 0)
            l->cursor--;
        return true;
    case UI_KEY_RIGHT:
        if (l->cursor < l->len)
            l->cursor++;
        return true;
    case UI_KEY_HOME:
    case UI_CTRL('a'): l->cursor = 0; return true;
    case UI_KEY_END:
    case UI_CTRL('e'): l->cursor = l->len; return true;
    case UI_KEY_BACKSPACE:
    case 127:
    case UI_CTRL('h'): lineedit_delete_range(l, l->cursor > 0 ? l->cursor - 1 : 0, l->cursor); return true;
    case UI_KEY_DELETE:
    case UI_CTRL('d'):
        lineedit_delete_range(l, l->cursor, l->cursor < l->len ? l->cursor + 1 : l->len);
        return true;
    case UI_CTRL('k'): lineedit_delete_range(l, l->cursor, l->len); return true;
    case UI_CTRL('u'): lineedit_delete_range(l, 0, l->cursor); return true;
    case UI_CTRL('w'): lineedit_delete_range(l, word_left(l, l->cursor), l->cursor); return true;
    default: break;
    }
    return false;
}

/* Columns taken by characters from..to-1. */
static int span_width(const struct lineedit *l, int from, int to)
{
    int w = 0;
    for (int i = from; i < to; i++)
        w += char_width(l->buf[i]);
    return w;
}

int lineedit_view(struct lineedit *l, int width)
{
    if (width < 2)
        width = 2;
    if (l->cursor < l->scroll)
        l->scroll = l->cursor;
    /* the cursor needs one column of its own after the text before it */
    while (l->scroll < l->cursor && span_width(l, l->scroll, l->cursor) + 1 > width)
        l->scroll++;
    /* show as much as possible when the text got shorter */
    while (l->scroll > 0 && span_width(l, l->scroll - 1, l->len) + 1 <= width)
        l->scroll--;
    return span_width(l, l->scroll, l->cursor);
}

void lineedit_visible(const struct lineedit *l, int width, char *out, size_t len)
{
    size_t used = 0;
    int cols = 0;
    mbstate_t st = {0};
    for (int i = l->scroll; i < l->len; i++) {
        int w = char_width(l->buf[i]);
        if (cols + w > width)
            break;
        char mb[MB_LEN_MAX];
        wchar_t c = iswprint((wint_t)l->buf[i]) ? l->buf[i] : L'?';
        size_t n = wcrtomb(mb, c, &st);
        if (n == (size_t)-1) {
            mb[0] = '?';
            n = 1;
        }
        if (used + n + 1 > len)
            break;
        memcpy(out + used, mb, n);
        used += n;
        cols += w;
    }
    if (len > 0)
        out[used] = '\0';
}
