/* Movement math of the table: where the cursor and the first visible row go.
 * No curses and no data: neomutt's menu/move.c habit, unit-tested. */
#include "ui/widgets/table.h"

void view_clamp(struct table_view *v)
{
    if (v->height < 1)
        v->height = 1;
    if (v->count <= 0) {
        v->cursor = v->top = 0;
        return;
    }
    if (v->cursor >= v->count)
        v->cursor = v->count - 1;
    if (v->cursor < 0)
        v->cursor = 0;
    int max_top = v->count > v->height ? v->count - v->height : 0;
    if (v->top > max_top)
        v->top = max_top;
    if (v->top > v->cursor)
        v->top = v->cursor;
    if (v->cursor >= v->top + v->height)
        v->top = v->cursor - v->height + 1;
    if (v->top < 0)
        v->top = 0;
}

bool view_move(struct table_view *v, int delta)
{
    struct table_view before = *v;
    v->cursor += delta;
    view_clamp(v);
    return v->cursor != before.cursor || v->top != before.top;
}

bool view_page(struct table_view *v, int dir)
{
    struct table_view before = *v;
    int step = v->height > 1 ? v->height - 1 : 1; /* keep one row of context */
    v->cursor += dir * step;
    v->top += dir * step;
    view_clamp(v);
    return v->cursor != before.cursor || v->top != before.top;
}

void view_resize(struct table_view *v, int height)
{
    v->height = height;
    view_clamp(v);
}

void view_shift(struct table_view *v, int by)
{
    v->cursor -= by;
    v->top -= by;
    if (v->top < 0)
        v->top = 0;
    view_clamp(v);
}
