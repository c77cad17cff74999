/* decompress.h - gzip, bzip2, xz and zstd data to its text, streaming.
 * The format comes from the magic bytes, never from the file name.  Input
 * is fed in chunks of any size and output appended to a struct buf, at
 * most a budget per call, so a whole file and a pipe read between keys
 * use the same code.  Limits against decompression bombs (security.md):
 * the text stops at max_out bytes, and at DECOMP_RATIO times the
 * compressed bytes taken so far plus DECOMP_SLACK; what came before a
 * limit or damaged data is kept. */
#ifndef YUEDU_DECOMPRESS_H
#define YUEDU_DECOMPRESS_H

#include <stddef.h>
#include "util.h"

/* Real text compresses 3:1 to 16:1 with xz -9 (Chinese and English
 * prose, man pages, changelogs, a GB18030 charmap: see docs/security.md);
 * 1000:1 leaves a margin of 60 for unusual text, while a bomb (zeros,
 * one repeated byte) reaches 7000:1 (xz) to millions to one (bzip2). */
#define DECOMP_RATIO 1000
/* The first block of bzip2 (900 KB) comes out only once all of it is in;
 * the slack keeps such a start, and short files, clear of the ratio. */
#define DECOMP_SLACK ((size_t)1 << 20)
/* The most the first bytes must hold to tell a format ("BZh9" + block
 * magic). */
#define DECOMP_MAGIC_BYTES 10

enum decomp_format {
	DECOMP_NONE,		/* not compressed */
	DECOMP_GZIP,
	DECOMP_BZIP2,
	DECOMP_XZ,
	DECOMP_ZSTD,
	DECOMP_UNSURE		/* the start of a magic: need more bytes */
};

enum decomp_status {
	DECOMP_NEED_INPUT,	/* all input used: feed more, or decomp_end() */
	DECOMP_MORE,		/* the budget is used: call decomp_run() again */
	DECOMP_DONE,		/* the input ended after a whole stream */
	DECOMP_LIMIT,		/* a limit stopped it (final) */
	DECOMP_DAMAGED		/* damaged data, or it ends mid-stream (final) */
};

/* The compression p[0..n) starts with.  DECOMP_UNSURE only when n is
 * short of DECOMP_MAGIC_BYTES and at_end is false. */
enum decomp_format decomp_sniff(const void *p, size_t n, int at_end);
/* "gzip", "bzip2", "xz", "zstd"; NULL for DECOMP_NONE. */
const char *decomp_name(enum decomp_format f);

struct decomp;

/* A decompressor for format f whose text stops at max_out bytes. */
struct decomp *decomp_new(enum decomp_format f, size_t max_out);
void decomp_free(struct decomp *z);
/* Queues n more compressed bytes (copied); feed again after
 * DECOMP_NEED_INPUT, so that what is queued stays one chunk. */
void decomp_feed(struct decomp *z, const void *p, size_t n);
/* No more input will come: a stream cut short is damaged. */
void decomp_end(struct decomp *z);
/* Appends at most budget bytes of text to out (NUL-terminated). */
enum decomp_status decomp_run(struct decomp *z, struct buf *out,
    size_t budget);

/* Compressed bytes fed, and text bytes produced. */
size_t decomp_in(const struct decomp *z);
size_t decomp_out(const struct decomp *z);
/* After DECOMP_LIMIT or DECOMP_DAMAGED: why the text stops, without a
 * name ("decompression stopped at 256 MiB"), for --info; else NULL.
 * Lives as long as z. */
const char *decomp_reason(const struct decomp *z);
/* The same for a person, with the name (sanitised here): "x.gz:
 * decompressed size over 256 MiB (ratio 158:1): stopped, showing the
 * first 256 MiB".  malloc'd; NULL when nothing went wrong. */
char *decomp_message(const struct decomp *z, const char *name);

#endif
