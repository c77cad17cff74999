/* input.h - reading bytes from a path, "-", or stdin; nothing interpreted.
 * open(O_NOCTTY|O_NONBLOCK) + fstat decides what the path is before any
 * read, so a directory or a device gets a clear message instead of a hang
 * (security.md R8). */
#ifndef YUEDU_INPUT_H
#define YUEDU_INPUT_H

#include <stddef.h>
#include "util.h"

/* Largest input kept in memory; a stream or file that goes on longer is
 * cut there and the document says so.  Decoding, sanitising and parsing
 * cost several times the input, so this stays well below what a machine
 * has (security.md R8). */
#define INPUT_MAX_BYTES ((size_t)256 << 20)

/* The binary check looks at this many bytes from the start. */
#define INPUT_SNIFF_BYTES 8192

struct decomp;

/* gzip, bzip2, xz and zstd input is decompressed as it is read (the
 * format from its first bytes, decompress.h): bytes holds the text, and
 * the binary check runs on that text. */
struct input {
	struct buf bytes;	/* the bytes (decompressed when compressed) */
	char *name;		/* display name (raw, sanitise before printing) */
	int is_stream;		/* FIFO or stdin: no size known in advance */
	int truncated;		/* stopped at INPUT_MAX_BYTES, a
				 * decompression limit or damaged data */
	int fd;			/* input_open() .. input_close(), else -1 */
	int own_fd;		/* fd is ours to close (not stdin) */
	int eof;		/* input_pump() saw the end */
	size_t size_hint;	/* a regular file's size, else 0 */
	const char *compression;	/* "gzip", ... or NULL */
	size_t raw_bytes;	/* bytes read (the compressed size) */
	char *note;		/* why the text stops early, sanitised, for
				 * a person ("x.gz: damaged gzip data ..."),
				 * or NULL */
	char *why;		/* the same without the name, for --info */
	size_t limit;		/* most text taken (INPUT_MAX_BYTES unless the
				 * caller sets it after input_open) */
	size_t dropped;		/* text dropped from the front of bytes by
				 * input_drop() */
	/* private */
	struct buf head;	/* first bytes, until the format is known */
	int sniffed;		/* the format is known */
	int raw_eof;		/* the fd is at its end (bytes may follow
				 * from the decompressor) */
	struct decomp *z;
};

/* Reads path ("-" or NULL = stdin) into in.  Unless force is set, the
 * first INPUT_SNIFF_BYTES are checked with input_binary_reason() as soon
 * as they are in, and a binary input is refused before the rest is read.
 * Returns 0, or -1 with *cause set to a malloc'd one-line message (name
 * sanitised; the caller frees it). */
int input_read(const char *path, int force, struct input *in, char **cause);
void input_free(struct input *in);

/* The same checks as input_read() (directory, device, unreadable), but
 * nothing is read: in->fd is open and in->is_stream says whether it is a
 * FIFO or pipe.  Returns 0, or -1 with *cause as input_read(). */
int input_open(const char *path, struct input *in, char **cause);
/* Appends what a stream has ready, up to max bytes, without ever
 * waiting: a FIFO with no writer yet, or a writer that is slow, just has
 * nothing ready.  Compressed input is decompressed up to max bytes of
 * text a call.  Returns 1 when bytes came, 0 when none are ready, -1 at
 * the end (EOF, the size cap or a decompression limit: in->truncated,
 * or a read error: errno). */
int input_pump(struct input *in, size_t max);
/* Drops the first n bytes of in->bytes (used by the caller): a long
 * input read piece by piece keeps only what is not used yet. */
void input_drop(struct input *in, size_t n);
/* Closes the fd (not stdin); the bytes stay. */
void input_close(struct input *in);

/* Returns a static reason ("NUL bytes", "ELF executable", ...) when the
 * first bytes look binary, else NULL.  input_read passes at most the
 * first INPUT_SNIFF_BYTES. */
const char *input_binary_reason(const char *p, size_t n);

#endif
