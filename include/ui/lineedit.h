/* lineedit.h - the one line editor behind every prompt: the ':' command
 * line and the sidebar's filter (and the search prompt later).  The same
 * keys edit everywhere: a character is inserted, Backspace deletes one,
 * Ctrl-W the word before the end, Ctrl-U everything. */
#ifndef YUEDU_LINEEDIT_H
#define YUEDU_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 256

struct lineedit {
	char s[LINEEDIT_MAX];	/* UTF-8, NUL-terminated */
	size_t len;
};

enum lineedit_result {
	LINEEDIT_UNUSED,	/* not an editing key: the caller's */
	LINEEDIT_CHANGED,	/* the text changed (or a full line refused) */
	LINEEDIT_EMPTY_BACK	/* Backspace on an empty line: close it */
};

void lineedit_clear(struct lineedit *e);
enum lineedit_result lineedit_key(struct lineedit *e, uint32_t key);
/* A key that is a character to insert (not a control, not a YK_ code). */
bool lineedit_printable(uint32_t key);

#endif
