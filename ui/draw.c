/* Styles (colour or monochrome) and the small drawing helpers every widget and
 * screen uses, all on stdscr. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/mem.h"
#include "src/base/text.h"
#include "ui/shell.h"

static attr_t styles[STYLE_COUNT];

void ui_styles_init(bool colour)
{
    static const attr_t mono[STYLE_COUNT] = {
        [STYLE_NORMAL] = A_NORMAL,
        [STYLE_HEADER] = A_REVERSE,
        [STYLE_SELECTED] = A_REVERSE,
        [STYLE_KEY] = A_REVERSE,
        [STYLE_LABEL] = A_NORMAL,
        [STYLE_ERROR] = A_BOLD,
        [STYLE_OK] = A_NORMAL,
        [STYLE_DIM] = A_NORMAL,
        [STYLE_TITLE] = A_BOLD,
        [STYLE_FIELD] = A_UNDERLINE,
        [STYLE_FIELD_ACTIVE] = A_REVERSE,
        [STYLE_COLUMN_HEAD] = A_BOLD | A_UNDERLINE,
    };
    memcpy(styles, mono, sizeof styles);
    if (!colour)
        return;
    use_default_colors();
    /* pair: style, foreground, background (-1 = the terminal's own) */
    static const struct {
        enum ui_style style;
        short fg, bg;
        attr_t extra;
    } pairs[] = {
        {STYLE_HEADER, COLOR_WHITE, COLOR_BLUE, A_BOLD},
        {STYLE_SELECTED, COLOR_BLACK, COLOR_CYAN, 0},
        {STYLE_KEY, COLOR_BLACK, COLOR_YELLOW, 0},
        {STYLE_LABEL, COLOR_CYAN, -1, 0},
        {STYLE_ERROR, COLOR_RED, -1, A_BOLD},
        {STYLE_OK, COLOR_GREEN, -1, 0},
        {STYLE_DIM, COLOR_BLUE, -1, A_BOLD},
        {STYLE_FIELD, COLOR_WHITE, COLOR_BLACK, A_UNDERLINE},
        {STYLE_FIELD_ACTIVE, COLOR_BLACK, COLOR_WHITE, 0},
        {STYLE_COLUMN_HEAD, COLOR_YELLOW, -1, A_BOLD},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        short n = (short)(i + 1);
        if (init_pair(n, pairs[i].fg, pairs[i].bg) == OK)
            styles[pairs[i].style] = COLOR_PAIR(n) | pairs[i].extra;
    }
}

attr_t ui_attr(enum ui_style s)
{
    return styles[s];
}

const char *ui_arrow(void)
{
    return text_locale_utf8() ? " \xe2\x80\xba " : " > ";
}

void draw_text(int y, int x, int width, const char *s, enum text_align align, enum ui_style style)
{
    char buf[2048];
    if (width <= 0)
        return;
    if (width > 500)
        width = 500;
    text_fit(s ? s : "", width, align, buf, sizeof buf);
    attrset(ui_attr(style));
    mvaddstr(y, x, buf);
    attrset(A_NORMAL);
}

void draw_textf(int y, int x, int width, enum ui_style style, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    draw_text(y, x, width, buf, TEXT_LEFT, style);
}

void draw_fill(int y, int x, int width, enum ui_style style)
{
    draw_text(y, x, width, "", TEXT_LEFT, style);
}

void draw_box(int y, int x, int h, int w, const char *title)
{
    for (int r = y; r < y + h; r++)
        draw_fill(r, x, w, STYLE_NORMAL);
    mvaddch(y, x, ACS_ULCORNER);
    mvhline(y, x + 1, ACS_HLINE, w - 2);
    mvaddch(y, x + w - 1, ACS_URCORNER);
    mvvline(y + 1, x, ACS_VLINE, h - 2);
    mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvaddch(y + h - 1, x, ACS_LLCORNER);
    mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
    mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
    if (title && title[0]) {
        char t[256];
        snprintf(t, sizeof t, " %s ", title);
        int tw = text_width(t);
        if (tw > w - 4)
            tw = w - 4;
        draw_text(y, x + 2, tw, t, TEXT_LEFT, STYLE_TITLE);
    }
}

void draw_field(int y, int x, int label_width, int width, const char *label, const char *value)
{
    draw_text(y, x, label_width, label, TEXT_LEFT, STYLE_LABEL);
    draw_text(y, x + label_width + 1, width - label_width - 1, value, TEXT_LEFT, STYLE_NORMAL);
}

int draw_wrapped_lines(const char *s, int width)
{
    int rows = 0;
    size_t next = 0;
    const char *p = s ? s : "";
    do {
        text_wrap(p, width, &next);
        p += next;
        rows++;
    } while (*p);
    return rows;
}

int draw_wrapped(int y, int x, int width, int max_rows, const char *s, enum ui_style style)
{
    const char *p = s ? s : "";
    int r = 0;
    for (; r < max_rows && (r == 0 || *p); r++) {
        size_t next = 0, n = text_wrap(p, width, &next);
        char *line = xmalloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        bool last = r == max_rows - 1 && p[next] != '\0';
        if (last) { /* what is left shows its end is cut: the ellipsis */
            char *rest = xstrdup(p);
            for (char *q = rest; *q; q++)
                if (*q == '\n')
                    *q = ' ';
            draw_text(y + r, x, width, rest, TEXT_LEFT, style);
            free(rest);
        } else {
            draw_text(y + r, x, width, line, TEXT_LEFT, style);
        }
        free(line);
        p += next;
    }
    return r;
}
