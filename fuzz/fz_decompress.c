/* libFuzzer target for decompress.c.  Byte 0 picks the format (whatever
 * the bytes say: each library sees every kind of garbage), byte 1 the
 * chunk size, byte 2 the output budget per call; the rest is the data.
 * Invariants: fed in chunks with a budget, the status equals the
 * single-shot result's and so does the text of a whole stream (when a
 * limit stops one of them, or the data is damaged, the shorter text is
 * a prefix of the longer); the text never passes the size limit
 * nor the ratio limit; nothing leaks or reads past the input (ASan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decompress.h"
#include "util.h"

/* Small, so that a bomb found by the fuzzer costs little. */
#define FZ_MAX_OUT ((size_t)2 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
die(const char *what, int fmt, size_t chunk, size_t budget)
{
	fprintf(stderr, "fz_decompress: %s (format %d, chunk %zu, budget "
	    "%zu)\n", what, fmt, chunk, budget);
	abort();
}

static enum decomp_status
run(enum decomp_format f, const uint8_t *p, size_t n, size_t chunk,
    size_t budget, struct buf *out)
{
	struct decomp *z = decomp_new(f, FZ_MAX_OUT);
	enum decomp_status st;
	size_t off = 0;
	char *m;

	for (;;) {
		size_t before = out->len;

		st = decomp_run(z, out, budget);
		if (out->len - before > budget)
			die("over the budget", (int)f, chunk, budget);
		if (st == DECOMP_MORE)
			continue;
		if (st != DECOMP_NEED_INPUT)
			break;
		if (off == n) {
			decomp_end(z);
			continue;
		}
		decomp_feed(z, p + off, MIN(chunk, n - off));
		off += MIN(chunk, n - off);
	}
	if (out->len > FZ_MAX_OUT ||
	    out->len > (size_t)DECOMP_RATIO * decomp_in(z) + DECOMP_SLACK)
		die("over a limit", (int)f, chunk, budget);
	m = decomp_message(z, "x");
	if ((m != NULL) != (st == DECOMP_LIMIT || st == DECOMP_DAMAGED))
		die("a message without a stop, or a stop without one", (int)f,
		    chunk, budget);
	free(m);
	decomp_free(z);
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum decomp_format fmts[] = {
		DECOMP_GZIP, DECOMP_BZIP2, DECOMP_XZ, DECOMP_ZSTD,
	};
	enum decomp_format f;
	enum decomp_status s1, s2;
	struct buf one, many;
	size_t chunk, budget, n;

	if (size < 3)
		return 0;
	f = fmts[data[0] % nitems(fmts)];
	chunk = (size_t)data[1] % 64 + 1;
	budget = data[2] == 0 ? SIZE_MAX : (size_t)data[2] * 37;
	data += 3;
	size -= 3;
	(void)decomp_sniff(data, size, 0);
	buf_init(&one);
	buf_init(&many);
	s1 = run(f, data, size, size > 0 ? size : 1, SIZE_MAX, &one);
	s2 = run(f, data, size, chunk, budget, &many);
	n = MIN(one.len, many.len);
	if (n > 0 && memcmp(one.data, many.data, n) != 0)
		die("chunked text differs", (int)f, chunk, budget);
	/* Damaged data: the libraries may hold back text they decoded in
	 * the call that found the damage (liblzma does), so only a prefix
	 * is the same. */
	if (s1 != DECOMP_LIMIT && s2 != DECOMP_LIMIT && (s1 != s2 ||
	    (s1 == DECOMP_DONE && one.len != many.len)))
		die("chunked result differs", (int)f, chunk, budget);
	buf_free(&one);
	buf_free(&many);
	return 0;
}
