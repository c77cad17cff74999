/* lineedit.c - the one line editor behind every prompt (lineedit.h). */
#include "lineedit.h"

#include <string.h>

#include "keys.h"
#include "utf8.h"

void
lineedit_clear(struct lineedit *e)
{
	e->len = 0;
	e->s[0] = '\0';
}

bool
lineedit_printable(uint32_t key)
{
	return key >= 0x20 && key < YK_BASE && key != 0x7f &&
	    !(key >= 0x80 && key < 0xa0);
}

enum lineedit_result
lineedit_key(struct lineedit *e, uint32_t key)
{
	if (lineedit_printable(key)) {
		char enc[4];
		size_t m = utf8_encode(key, enc);

		/* A full line takes no more, whole characters only. */
		if (e->len + m < sizeof e->s) {
			memcpy(e->s + e->len, enc, m);
			e->len += m;
			e->s[e->len] = '\0';
		}
		return LINEEDIT_CHANGED;
	}
	if (key == YK_BACKSPACE) {
		if (e->len == 0)
			return LINEEDIT_EMPTY_BACK;
		e->len = utf8_prev(e->s, e->len);
		e->s[e->len] = '\0';
		return LINEEDIT_CHANGED;
	}
	if (key == YK_CTRL('w')) {
		/* The blanks before the end, then the word before them. */
		while (e->len > 0 && e->s[e->len - 1] == ' ')
			e->len--;
		while (e->len > 0 && e->s[e->len - 1] != ' ')
			e->len = utf8_prev(e->s, e->len);
		e->s[e->len] = '\0';
		return LINEEDIT_CHANGED;
	}
	if (key == YK_CTRL('u')) {
		lineedit_clear(e);
		return LINEEDIT_CHANGED;
	}
	return LINEEDIT_UNUSED;
}
