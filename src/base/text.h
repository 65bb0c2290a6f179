/* Text as people see it: UTF-8 validity, and the display width of UTF-8
 * (accents, CJK, combining marks) through wcwidth — the one width the CLI
 * and the console both use — with fitting into a column by an ellipsis that
 * never splits a wide character, and control characters made harmless.
 * No curses: the console draws what these functions fit. */
#ifndef COMPTOIR_BASE_TEXT_H
#define COMPTOIR_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_align { TEXT_LEFT, TEXT_RIGHT, TEXT_CENTER };

/* True when s is well-formed UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF). */
bool utf8_valid(const char *s);

/* Display columns of a UTF-8 string in the current locale (LC_CTYPE). Bytes
 * that do not decode and control characters count as one column (they are
 * shown as '?'). */
int text_width(const char *s);
/* Writes s into out as exactly width display columns: padded with spaces, or
 * cut with an ellipsis ("…", or "~" when the locale has no UTF-8). out gets a
 * NUL-terminated multibyte string; len must hold width*4+4 bytes to be safe. */
void text_fit(const char *s, int width, enum text_align align, char *out, size_t len);
/* One line of s wrapped at width display columns: returns how many bytes of s
 * it shows (blanks at its end left out), broken after a space when the text
 * goes on (a word wider than the line is cut), and at a '\n'. *next gets where
 * the next line starts; it equals strlen(s) after the last line. */
size_t text_wrap(const char *s, int width, size_t *next);
/* The ellipsis of the current locale. */
const char *text_ellipsis(void);
/* True when the locale encodes UTF-8 (wide characters can be shown). */
bool text_locale_utf8(void);
/* For a program that prints UTF-8 whatever the terminal (the CLI): the
 * character type of the environment, or C.UTF-8 when that is not UTF-8, so
 * widths are measured as the text is written. Only LC_CTYPE changes. */
void text_use_utf8_ctype(void);

#endif
