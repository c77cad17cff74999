/* libFuzzer target for decode.c (security.md 5.1 fz_decode).  Byte 0
 * picks a forced allowlisted encoding or detection, byte 1 a chunk size.
 * Invariants: the chunked decode equals the single-chunk decode (text and
 * invalid count), the output is valid UTF-8, decode_bytes gives valid
 * UTF-8 with no CR unless the text has an LF (a lone CR in text with
 * LFs is kept), and nothing reads past the input (ASan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "input.h"
#include "utf8.h"
#include "util.h"

static const char *const encs[] = {
	"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030",
	"BIG5-HKSCS", "BIG5", "CP950", "EUC-TW", "SHIFT_JIS", "EUC-JP",
	"EUC-KR", "WINDOWS-1252", "UTF-16", "UTF-32",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
die(const char *what, const char *enc, size_t chunk)
{
	fprintf(stderr, "fz_decode: %s (encoding %s, chunk %zu)\n", what,
	    enc != NULL ? enc : "detect", chunk);
	abort();
}

static void
check_text(const struct buf *t, const char *enc, size_t chunk)
{
	if (t->data == NULL || !utf8_valid(t->data, t->len))
		die("decode_bytes output is not valid UTF-8", enc, chunk);
	if (memchr(t->data, '\r', t->len) != NULL &&
	    memchr(t->data, '\n', t->len) == NULL)
		die("CR left in decode_bytes output without LF", enc, chunk);
}

/* Chunked decode_iconv must equal the one-shot decode. */
static void
check_chunks(const char *enc, const char *p, size_t n, size_t chunk)
{
	struct buf whole, part;
	size_t a, b;

	buf_init(&whole);
	buf_init(&part);
	a = decode_iconv(enc, p, n, 0, &whole);
	b = decode_iconv(enc, p, n, chunk, &part);
	if (!utf8_valid(whole.data, whole.len))
		die("decode_iconv output is not valid UTF-8", enc, chunk);
	if (a != b || whole.len != part.len ||
	    memcmp(whole.data, part.data, whole.len) != 0)
		die("chunked output differs", enc, chunk);
	buf_free(&whole);
	buf_free(&part);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p, *enc;
	size_t n, chunk, pick;
	struct decoded d;
	char *cause = NULL;

	if (size < 2)
		return 0;
	pick = data[0] % (nitems(encs) + 1);
	/* Small chunks are where the tail handling is; 1..64, or 4096. */
	chunk = data[1] == 0xFF ? 4096 : (size_t)(data[1] % 64) + 1;
	p = (const char *)data + 2;
	n = size - 2;
	enc = pick < nitems(encs) ? encs[pick] : NULL;

	(void)input_binary_reason(p, n);
	if (decode_bytes(p, n, enc, &d, &cause) != 0)
		die("decode_bytes refused an allowlisted name", enc, chunk);
	check_text(&d.text, enc, chunk);
	if (decode_canonical(d.encoding) != d.encoding)
		die("result encoding not canonical", enc, chunk);
	check_chunks(enc != NULL ? enc : d.encoding, p, n, chunk);
	buf_free(&d.text);
	return 0;
}
