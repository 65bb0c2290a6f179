/* A one-line text editor over wide characters: insert, delete, cursor moves by
 * character and word, and the horizontal scroll that keeps the cursor visible
 * in a field of a given display width. Pure: no curses, unit-tested. */
#ifndef COMPTOIR_UI_LINEEDIT_H
#define COMPTOIR_UI_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define LINEEDIT_MAX 2000

struct lineedit {
    wchar_t buf[LINEEDIT_MAX + 1];
    int len;    /* characters in buf */
    int cursor; /* 0..len */
    int scroll; /* first character shown */
    int max;    /* most characters accepted (<= LINEEDIT_MAX); 0 = LINEEDIT_MAX */
};

/* Sets the text from UTF-8 (the current locale) and puts the cursor at its end. */
void lineedit_set(struct lineedit *l, const char *text);
/* The text as a multibyte string; cut at a character boundary when out is short. */
void lineedit_get(const struct lineedit *l, char *out, size_t len);
void lineedit_clear(struct lineedit *l);
/* Applies an editing key (keys.h codes); false when the key is not an editing key. */
bool lineedit_key(struct lineedit *l, int key);
/* Adjusts scroll so the cursor shows in width columns; returns the cursor's column. */
int lineedit_view(struct lineedit *l, int width);
/* The characters from scroll that fit in width columns, as UTF-8 into out. */
void lineedit_visible(const struct lineedit *l, int width, char *out, size_t len);

#endif
