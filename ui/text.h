/* Text as the terminal shows it: display width of UTF-8 (accents, CJK) through
 * wcwidth, fitting into a column with an ellipsis that never splits a wide
 * character, and control characters made harmless. Pure: no curses. */
#ifndef COMPTOIR_UI_TEXT_H
#define COMPTOIR_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };

/* Display columns of a UTF-8 string in the current locale. Bytes that do not
 * decode and control characters count as one column (they are shown as '?'). */
int text_width(const char *s);
/* Writes s into out as exactly width display columns: padded with spaces, or
 * cut with an ellipsis ("…", or "~" when the locale has no UTF-8). out gets a
 * NUL-terminated multibyte string; len must hold width*4+4 bytes to be safe. */
void text_fit(const char *s, int width, enum text_align align, char *out, size_t len);
/* The ellipsis of the current locale. */
const char *text_ellipsis(void);
/* True when the locale encodes UTF-8 (wide characters can be shown). */
bool text_locale_utf8(void);

#endif
