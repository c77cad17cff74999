/* input.h - reading bytes from a path, "-", or stdin; nothing interpreted.
 * open(O_NOCTTY|O_NONBLOCK) + fstat decides what the path is before any
 * read, so a directory or a device gets a clear message instead of a hang
 * (security.md R8). */
#ifndef YUEDU_INPUT_H
#define YUEDU_INPUT_H

#include <stddef.h>
#include "util.h"

/* Largest input kept in memory; a stream that goes on longer is cut there
 * and the document says so. */
#define INPUT_MAX_BYTES ((size_t)1 << 30)

struct input {
	struct buf bytes;	/* the raw bytes */
	char *name;		/* display name (raw, sanitise before printing) */
	int is_stream;		/* FIFO or stdin: no size known in advance */
	int truncated;		/* stopped at INPUT_MAX_BYTES */
};

/* Reads path ("-" or NULL = stdin) into in.  Returns 0, or -1 with *cause
 * set to a malloc'd one-line message (the caller frees it). */
int input_read(const char *path, struct input *in, char **cause);
void input_free(struct input *in);

/* Returns a static reason ("NUL bytes", "ELF executable", ...) when the
 * first bytes look binary, else NULL. */
const char *input_binary_reason(const char *p, size_t n);

#endif
