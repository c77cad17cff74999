/* test_decode.c - charset detection and decoding: the strict UTF-8 rules,
 * BOMs, UTF-16/32 without BOM, line ends, legacy CJK charsets, chunk-size
 * independence, the ISO-2022 shift trap, and the real files in
 * ../shared/corpus/txt-legacy-encodings against their UTF-8 twins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"
#include "utf8.h"
#include "util.h"

#include "testutil.h"

#define FFFD "\xEF\xBF\xBD"

/* ---- helpers ------------------------------------------------------ */

/* Reads corpus/txt-legacy-encodings/rel; fails the test when missing. */
static char *
slurp(const char *rel, size_t *len)
{
	char *path, *p;

	CORPUS_OR_SKIP();
	path = xasprintf("%s/txt-legacy-encodings/%s", corpus_dir(), rel);
	p = slurp_file(path, len);

	if (p == NULL)
		fail_msg("cannot open %s (set YUEDU_CORPUS)", path);
	free(path);
	return p;
}

/* The twin as the decoder should give it: no BOM, CRLF -> LF, and a lone
 * CR -> LF only when there is no LF at all. */
static char *
normalise(const char *p, size_t n, size_t *outlen)
{
	struct buf b;
	size_t i = 0;
	bool mac = memchr(p, '\n', n) == NULL;

	buf_init(&b);
	buf_reserve(&b, n);
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < n; i++) {
		if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') {
			buf_putc(&b, '\n');
			i++;
		} else if (p[i] == '\r' && mac) {
			buf_putc(&b, '\n');
		} else {
			buf_putc(&b, p[i]);
		}
	}
	buf_reserve(&b, 0);
	b.data[b.len] = '\0';
	*outlen = b.len;
	return buf_detach(&b, NULL);
}

static void
dec(const char *p, size_t n, const char *forced, struct decoded *d)
{
	char *cause = NULL;
	int rc = decode_bytes(p, n, forced, d, &cause);

	if (rc != 0)
		fail_msg("decode_bytes failed: %s", cause);
	assert_non_null(d->text.data);
	assert_true(utf8_valid(d->text.data, d->text.len));
	/* A CR survives only as a lone CR in text that has LFs. */
	if (memchr(d->text.data, '\r', d->text.len) != NULL)
		assert_non_null(memchr(d->text.data, '\n', d->text.len));
}

static void
expect_text(const struct decoded *d, const char *want, size_t wantlen)
{
	if (d->text.len != wantlen || memcmp(d->text.data, want, wantlen) != 0)
		fail_msg("got %zu bytes '%.*s', want %zu bytes '%.*s'",
		    d->text.len, (int)MIN(d->text.len, 200), d->text.data,
		    wantlen, (int)MIN(wantlen, 200), want);
}

#define EXPECT(d, lit) expect_text((d), (lit), sizeof(lit) - 1)

/* ---- strict UTF-8 (catalogue B1, B2, B4, B9) ----------------------- */

static const struct {
	const char *bytes;
	size_t len;
	size_t fffd;		/* U+FFFD per maximal subpart */
} b1[] = {
	{ "\x80", 1, 1 },
	{ "\xC0\xAF", 2, 2 },
	{ "\xC0\x80", 2, 2 },
	{ "\xED\xA0\x80", 3, 3 },
	{ "\xF4\x90\x80\x80", 4, 4 },
	{ "\xF8\x88\x80\x80\x80", 5, 5 },
	{ "\xFE\xFF", 2, 2 },
	{ "\xE4\xB8", 2, 1 },
};

static void
test_b1_forced_utf8(void **state)
{
	size_t i, k;

	UNUSED(state);
	for (i = 0; i < nitems(b1); i++) {
		struct buf in, want;
		struct decoded d;

		buf_init(&in);
		buf_init(&want);
		buf_puts(&in, "x");
		buf_put(&in, b1[i].bytes, b1[i].len);
		buf_puts(&in, "y\n");
		buf_puts(&want, "x");
		for (k = 0; k < b1[i].fffd; k++)
			buf_puts(&want, FFFD);
		buf_puts(&want, "y\n");
		dec(in.data, in.len, "utf8", &d);
		assert_string_equal(d.encoding, "UTF-8");
		assert_string_equal(d.detected_by, "user");
		assert_int_equal(d.invalid, b1[i].fffd);
		expect_text(&d, want.data, want.len);
		buf_free(&d.text);
		buf_free(&in);
		buf_free(&want);
	}
}

/* Mostly-UTF-8 text with the whole B1 set inside stays UTF-8. */
static void
test_b1_detected_in_utf8_text(void **state)
{
	struct buf in;
	struct decoded d;
	size_t i, total = 0;

	UNUSED(state);
	buf_init(&in);
	for (i = 0; i < 30; i++)
		buf_puts(&in, "这是一段正常的中文文字。");
	for (i = 0; i < nitems(b1); i++) {
		buf_put(&in, b1[i].bytes, b1[i].len);
		buf_puts(&in, " ");
		total += b1[i].fffd;
	}
	buf_puts(&in, "结尾\n");
	dec(in.data, in.len, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_string_equal(d.detected_by, "utf-8");
	assert_int_equal(d.invalid, total);
	assert_int_equal(total, 20);
	assert_non_null(strstr(d.text.data, "结尾\n"));
	buf_free(&d.text);
	buf_free(&in);
}

/* Boundary code points pass through unchanged (B2). */
static void
test_utf8_boundaries(void **state)
{
	static const char s[] = "\x7F|\xC2\x80|\xDF\xBF|\xE0\xA0\x80|"
	    "\xEF\xBF\xBF|\xF0\x90\x80\x80|\xF4\x8F\xBF\xBF|" FFFD "\n";
	struct decoded d;

	UNUSED(state);
	dec(s, sizeof s - 1, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 0);
	EXPECT(&d, s);
	buf_free(&d.text);
}

static void
test_truncated_at_eof(void **state)
{
	struct buf in;
	struct decoded d;
	size_t i;

	UNUSED(state);
	/* UTF-8 ending in E4 B8 (detected). */
	buf_init(&in);
	for (i = 0; i < 20; i++)
		buf_puts(&in, "中文");
	buf_put(&in, "\xE4\xB8", 2);
	dec(in.data, in.len, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 1);
	assert_int_equal(d.text.len, in.len - 2 + 3);
	assert_memory_equal(d.text.data + d.text.len - 3, FFFD, 3);
	buf_free(&d.text);
	buf_free(&in);

	/* Short UTF-8 cut in its last character: the cut does not count
	 * against UTF-8 (it read as GB18030 mojibake). */
	dec("\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8", 8, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_string_equal(d.detected_by, "utf-8");
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, "中文" FFFD);
	buf_free(&d.text);
	dec("\xE4\xB8\xAD\xF0\x9F\x98", 6, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, "中" FFFD);
	buf_free(&d.text);
	/* Only a well-formed start counts as cut: E0 80 is not one, and GBK
	 * text stays GBK. */
	dec("\xD6\xD0\xCE\xC4\xE0\x80", 6, NULL, &d);
	assert_string_not_equal(d.detected_by, "utf-8");
	buf_free(&d.text);

	/* GBK lead byte D6 at EOF. */
	dec("\xD6\xD0\xCE\xC4\xD6", 5, "gbk", &d);
	assert_string_equal(d.encoding, "GB18030");
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, "中文" FFFD);
	buf_free(&d.text);

	/* UTF-16LE lone high surrogate 00 D8 at EOF. */
	dec("a\0\0\xD8", 4, "UTF-16LE", &d);
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, "a" FFFD);
	buf_free(&d.text);

	/* Odd byte at the end of UTF-16BE. */
	dec("\0a\0", 3, "utf-16be", &d);
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, "a" FFFD);
	buf_free(&d.text);

	/* A lone surrogate mid-text costs one code unit, not the alignment. */
	dec("\0\xD8" "A\0" "B\0", 6, "UTF-16LE", &d);
	assert_int_equal(d.invalid, 1);
	EXPECT(&d, FFFD "AB");
	buf_free(&d.text);
}

/* NUL bytes in UTF-8 text are kept (B9), and NULs do not make UTF-16. */
static void
test_nul_bytes(void **state)
{
	struct decoded d;
	char *zeros;

	UNUSED(state);
	dec("a\0b\n", 4, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.text.len, 4);
	assert_memory_equal(d.text.data, "a\0b\n", 4);
	buf_free(&d.text);

	zeros = xcalloc(1, 1 << 20);
	dec(zeros, 1 << 20, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.text.len, 1 << 20);
	assert_int_equal(d.invalid, 0);
	buf_free(&d.text);
	free(zeros);
}

/* ---- BOMs (B7) ----------------------------------------------------- */

static void
test_boms(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *enc;
	} t[] = {
		{ "\xEF\xBB\xBF" "\xE4\xB8\xAD" "a\r\n", 8, "UTF-8" },
		{ "\xFF\xFE" "\x2D\x4E" "a\0\r\0\n\0", 10, "UTF-16LE" },
		{ "\xFE\xFF" "\x4E\x2D" "\0a\0\r\0\n", 10, "UTF-16BE" },
		{ "\xFF\xFE\0\0" "\x2D\x4E\0\0" "a\0\0\0\r\0\0\0\n\0\0\0", 20,
		    "UTF-32LE" },
		{ "\0\0\xFE\xFF" "\0\0\x4E\x2D" "\0\0\0a\0\0\0\r\0\0\0\n", 20,
		    "UTF-32BE" },
	};
	size_t i;

	UNUSED(state);
	for (i = 0; i < nitems(t); i++) {
		struct decoded d;
		size_t blen = i == 0 ? 3 : i < 3 ? 2 : 4;

		dec(t[i].bytes, t[i].len, NULL, &d);
		assert_string_equal(d.encoding, t[i].enc);
		assert_string_equal(d.detected_by, "bom");
		assert_int_equal(d.invalid, 0);
		EXPECT(&d, "中a\n");
		buf_free(&d.text);

		/* BOM-only file: empty text, nothing invalid. */
		dec(t[i].bytes, blen, NULL, &d);
		assert_string_equal(d.encoding, t[i].enc);
		assert_int_equal(d.text.len, 0);
		assert_int_equal(d.invalid, 0);
		buf_free(&d.text);

		/* Forced to the same encoding: the U+FEFF at 0 goes too. */
		dec(t[i].bytes, t[i].len, t[i].enc, &d);
		assert_string_equal(d.detected_by, "user");
		EXPECT(&d, "中a\n");
		buf_free(&d.text);
	}
}

static void
test_feff_mid_file_kept(void **state)
{
	struct decoded d;

	UNUSED(state);
	dec("a\xEF\xBB\xBF" "b", 5, NULL, &d);
	EXPECT(&d, "a\xEF\xBB\xBF" "b");
	buf_free(&d.text);
	/* Two BOMs: the first is the BOM, the second is content. */
	dec("\xEF\xBB\xBF\xEF\xBB\xBF" "a", 7, NULL, &d);
	assert_string_equal(d.detected_by, "bom");
	EXPECT(&d, "\xEF\xBB\xBF" "a");
	buf_free(&d.text);
	/* "UTF-16" without endianness: BOM decides, else LE. */
	dec("\xFE\xFF\0a", 4, "utf-16", &d);
	assert_string_equal(d.encoding, "UTF-16BE");
	EXPECT(&d, "a");
	buf_free(&d.text);
	dec("a\0b\0", 4, "UTF_16", &d);
	assert_string_equal(d.encoding, "UTF-16LE");
	EXPECT(&d, "ab");
	buf_free(&d.text);
	dec("\0\0\xFE\xFF\0\0\0a", 8, "utf32", &d);
	assert_string_equal(d.encoding, "UTF-32BE");
	EXPECT(&d, "a");
	buf_free(&d.text);
}

/* ---- UTF-16 without BOM (B8) -------------------------------------- */

static void
utf16_of(const char *utf8, bool be, struct buf *out)
{
	size_t i = 0, n = strlen(utf8);
	uint32_t cp;

	while (i < n) {
		size_t k = utf8_decode(utf8 + i, n - i, &cp);
		unsigned u[2], m = 1, j;

		if (cp >= 0x10000) {
			u[0] = 0xD800 + ((cp - 0x10000) >> 10);
			u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			m = 2;
		} else {
			u[0] = cp;
		}
		for (j = 0; j < m; j++) {
			char b[2];

			b[be ? 0 : 1] = (char)(u[j] >> 8);
			b[be ? 1 : 0] = (char)(u[j] & 0xFF);
			buf_put(out, b, 2);
		}
		i += k;
	}
}

static void
test_utf16_no_bom(void **state)
{
	static const char *texts[] = {
		"Hello, world\nsecond line\n",
		"第一章 总则\n第一条 为了规范……制定本法。\n😀 emoji\n",
		"再别康桥\n\t轻轻的我走了，正如我轻轻的来；\n",
		/* all bytes below 0x80 in UTF-16: valid UTF-8 too */
		"你好世界\n",
		"一一一一一一一一一一一一一一一一一一一一一一一一一一一\n",
	};
	size_t i;
	int be;

	UNUSED(state);
	for (i = 0; i < nitems(texts); i++) {
		for (be = 0; be <= 1; be++) {
			struct buf in;
			struct decoded d;

			buf_init(&in);
			utf16_of(texts[i], be, &in);
			dec(in.data, in.len, NULL, &d);
			assert_string_equal(d.encoding,
			    be ? "UTF-16BE" : "UTF-16LE");
			assert_string_equal(d.detected_by, "nul-pattern");
			assert_int_equal(d.invalid, 0);
			expect_text(&d, texts[i], strlen(texts[i]));
			buf_free(&d.text);
			buf_free(&in);
		}
	}
}

/* ---- line ends ---------------------------------------------------- */

static void
test_line_ends(void **state)
{
	struct decoded d;

	UNUSED(state);
	/* With LFs in the text a lone CR stays a CR (shown as U+240D
	 * later), so "\r" cannot hide one line under another. */
	dec("a\r\nb\rc\n\r\n\r\r\nd\r", 14, NULL, &d);
	EXPECT(&d, "a\nb\rc\n\n\r\nd\r");
	buf_free(&d.text);
	dec("Pay $100 to Alice\rPay $999 to Mallory\n", 38, NULL, &d);
	EXPECT(&d, "Pay $100 to Alice\rPay $999 to Mallory\n");
	buf_free(&d.text);
	/* No LF at all: an old Mac file, every CR ends a line. */
	dec("a\rb\r\rc", 6, NULL, &d);
	EXPECT(&d, "a\nb\n\nc");
	buf_free(&d.text);
	/* CRLF alone counts as having LFs. */
	dec("a\r\nb\rc", 6, NULL, &d);
	EXPECT(&d, "a\nb\rc");
	buf_free(&d.text);
	/* CR LF split by the encoding: still one LF. */
	dec("a\0\r\0\n\0b\0", 8, "UTF-16LE", &d);
	EXPECT(&d, "a\nb");
	buf_free(&d.text);
	dec("\xD6\xD0\r\n\xCE\xC4\r", 7, "GB2312", &d);
	EXPECT(&d, "中\n文\r");
	buf_free(&d.text);
	dec("\xD6\xD0\r\xCE\xC4\r", 6, "GB2312", &d);
	EXPECT(&d, "中\n文\n");
	buf_free(&d.text);
	/* UTF-16 lone CR with an LF elsewhere: kept. */
	dec("a\0\r\0b\0\n\0", 8, "UTF-16LE", &d);
	EXPECT(&d, "a\rb\n");
	buf_free(&d.text);
}

/* ---- legacy CJK (B5) ---------------------------------------------- */

static void
test_gb18030(void **state)
{
	struct decoded d;

	UNUSED(state);
	/* 4-byte forms: U+0080 and U+10000. */
	dec("\x81\x30\x81\x30|\x90\x30\x81\x30", 9, "GB18030", &d);
	assert_int_equal(d.invalid, 0);
	EXPECT(&d, "\xC2\x80|\xF0\x90\x80\x80");
	buf_free(&d.text);
	/* Short GBK that uchardet calls ISO-8859-7/KOI8-R/nothing. */
	dec("\xD6\xD0\xCE\xC4", 4, NULL, &d);
	assert_string_equal(d.encoding, "GB18030");
	EXPECT(&d, "中文");
	buf_free(&d.text);
	dec("abc\n123\n\xD6\xD0\xB9\xFA\xC8\xCB\xC3\xF1", 16, NULL, &d);
	assert_string_equal(d.encoding, "GB18030");
	EXPECT(&d, "abc\n123\n中国人民");
	buf_free(&d.text);
	/* Aliases. */
	assert_string_equal(decode_canonical("gbk"), "GB18030");
	assert_string_equal(decode_canonical("GB2312"), "GB18030");
	assert_string_equal(decode_canonical("cp936"), "GB18030");
	assert_string_equal(decode_canonical("gb_18030"), "GB18030");
}

static void
test_big5(void **state)
{
	struct decoded d;

	UNUSED(state);
	dec("\xA4\xA4\xA4\xE5", 4, NULL, &d);
	assert_string_equal(d.encoding, "BIG5-HKSCS");
	EXPECT(&d, "中文");
	buf_free(&d.text);
	dec("\xA4\xA4\xB0\xEA\xA4\x48\xA5\xC1", 8, NULL, &d);
	assert_string_equal(d.encoding, "BIG5-HKSCS");
	EXPECT(&d, "中國人民");
	buf_free(&d.text);
	dec("\xA4\xA4\xA4\xE5", 4, "big5", &d);
	assert_string_equal(d.encoding, "BIG5");
	EXPECT(&d, "中文");
	buf_free(&d.text);
}

static void
test_canonical(void **state)
{
	static const char *const pairs[][2] = {
		{ "utf8", "UTF-8" }, { "UTF-8", "UTF-8" },
		{ "utf16le", "UTF-16LE" }, { "UTF-16BE", "UTF-16BE" },
		{ "utf_32le", "UTF-32LE" }, { "UTF32BE", "UTF-32BE" },
		{ "big5hkscs", "BIG5-HKSCS" }, { "Big5", "BIG5" },
		{ "cp950", "CP950" }, { "euc-tw", "EUC-TW" },
		{ "sjis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" },
		{ "cp932", "SHIFT_JIS" }, { "eucjp", "EUC-JP" },
		{ "euc_kr", "EUC-KR" }, { "latin1", "WINDOWS-1252" },
		{ "ISO-8859-1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "utf-16", "UTF-16" }, { "UTF-32", "UTF-32" },
	};
	static const char *const bad[] = {
		"ISO-2022-CN-EXT", "ISO-2022-JP", "UTF-7", "HZ", "HZ-GB-2312",
		"KOI8-R", "IBM1390", "x-unknown", "", "UTF-8//TRANSLIT",
		"UTF-8//IGNORE", "utf 8", "UTF-888888888888888888888888888888888",
	};
	size_t i;

	UNUSED(state);
	for (i = 0; i < nitems(pairs); i++) {
		const char *c = decode_canonical(pairs[i][0]);

		assert_non_null(c);
		assert_string_equal(c, pairs[i][1]);
	}
	for (i = 0; i < nitems(bad); i++)
		assert_null(decode_canonical(bad[i]));
	assert_null(decode_canonical(NULL));
	assert_non_null(strstr(decode_allowlist(), "BIG5-HKSCS"));
}

static void
test_forced_unsupported(void **state)
{
	static const char *const names[] = {
		"ISO-2022-CN-EXT", "UTF-7", "HZ", "bad\x1b]0;pwned\a\n",
	};
	size_t i;

	UNUSED(state);
	for (i = 0; i < nitems(names); i++) {
		struct decoded d;
		char *cause = NULL;

		assert_int_equal(decode_bytes("abc", 3, names[i], &d, &cause),
		    -1);
		assert_non_null(cause);
		assert_non_null(strstr(cause, "unsupported encoding '"));
		assert_non_null(strstr(cause, "supported: UTF-8"));
		assert_null(strchr(cause, '\x1b'));
		assert_null(strchr(cause, '\a'));
		assert_null(strchr(cause, '\n'));
		free(cause);
	}
	/* The streaming core never hands an unknown name to iconv. */
	{
		struct buf out;

		buf_init(&out);
		assert_int_equal(decode_iconv("ISO-2022-CN-EXT", "*\x0e", 2, 1,
		    &out), 0);
		assert_int_equal(out.len, 2);
		assert_memory_equal(out.data, "*\x0e", 2);
		buf_free(&out);
	}
}

/* ---- streaming (B3, B11) ------------------------------------------ */

static const size_t chunks[] = { 1, 2, 3, 4, 7, 4095, 4096, 65536 };

static void
check_chunks(const char *enc, const char *p, size_t n)
{
	struct buf whole;
	size_t inv0, i;

	buf_init(&whole);
	inv0 = decode_iconv(enc, p, n, 0, &whole);
	assert_true(utf8_valid(whole.data, whole.len));
	for (i = 0; i < nitems(chunks); i++) {
		struct buf part;
		size_t inv;

		buf_init(&part);
		inv = decode_iconv(enc, p, n, chunks[i], &part);
		if (inv != inv0 || part.len != whole.len ||
		    memcmp(part.data, whole.data, whole.len) != 0)
			fail_msg("%s: chunk %zu differs (%zu/%zu invalid, "
			    "%zu/%zu bytes)", enc, chunks[i], inv, inv0,
			    part.len, whole.len);
		buf_free(&part);
	}
	buf_free(&whole);
}

static void
test_chunk_independence_corpus(void **state)
{
	static const struct {
		const char *file, *enc;
	} t[] = {
		{ "python3.11-test-cjkencodings/gb18030.txt", "GB18030" },
		{ "python3.11-test-cjkencodings/big5.txt", "BIG5-HKSCS" },
		{ "python3.11-test-cjkencodings/big5hkscs.txt", "BIG5-HKSCS" },
		{ "python3.11-test-cjkencodings/gb18030-utf8.txt", "UTF-8" },
		{ "debian-zh-autoconvert-poem/poem.uni", "UTF-16BE" },
		{ "chardet-tests/UTF-16LE/plane1-utf-16le.html", "UTF-16LE" },
		{ "chardet-tests/UTF-32BE/plane1-utf-32be.html", "UTF-32BE" },
		{ "chardet-tests/EUC-TW/_ude_euc-tw1.txt", "EUC-TW" },
		{ "chardet-tests/Big5/coolloud.org.tw.xml", "BIG5-HKSCS" },
		{ "chardet-tests/GB2312/softsea.net.xml", "GB18030" },
		/* wrong on purpose: many EILSEQ */
		{ "chardet-tests/GB2312/softsea.net.xml", "SHIFT_JIS" },
		{ "chardet-tests/Big5/sanwenji.blogspot.com.xml", "EUC-KR" },
		{ "python3.11-test-cjkencodings/gbk.txt", "UTF-16LE" },
		{ "python3.11-test-cjkencodings/gbk.txt", "UTF-32BE" },
		{ "python3.11-test-cjkencodings/gbk.txt", "UTF-8" },
	};
	size_t i, n;

	UNUSED(state);
	for (i = 0; i < nitems(t); i++) {
		char *p = slurp(t[i].file, &n);

		check_chunks(t[i].enc, p, n);
		free(p);
	}
}

/* B3: 中 repeated, shifted by 0, 1, 2 bytes, in three encodings. */
static void
test_chunk_independence_shifted(void **state)
{
	struct buf u8, gb, u16;
	size_t i, shift;
	struct decoded d;

	UNUSED(state);
	buf_init(&u8);
	buf_init(&gb);
	buf_init(&u16);
	for (i = 0; i < 30000; i++) {
		buf_puts(&u8, "中");
		buf_put(&gb, "\xD6\xD0", 2);
		buf_put(&u16, "\x2D\x4E", 2);
	}
	for (shift = 0; shift < 3; shift++) {
		check_chunks("UTF-8", u8.data + shift, u8.len - shift);
		check_chunks("GB18030", gb.data + shift, gb.len - shift);
		check_chunks("UTF-16LE", u16.data + shift, u16.len - shift);
	}
	/* E2BIG path: output far larger than the internal buffer. */
	dec(gb.data, gb.len, NULL, &d);
	assert_string_equal(d.encoding, "GB18030");
	assert_int_equal(d.text.len, u8.len);
	assert_memory_equal(d.text.data, u8.data, u8.len);
	buf_free(&d.text);
	buf_free(&u8);
	buf_free(&gb);
	buf_free(&u16);
}

/* B11: ISO-2022 shift bytes forced into every allowlisted decoder at every
 * chunk size (security.md finding 5: the skip-one-byte loop underflowed). */
static void
test_iso2022_shift_trap(void **state)
{
	static const char *const inputs[] = {
		"*\x0e", "\x0e", "\x0f", "*\x0e\x0f", "\x1b$)A\x0e!!\x0f",
		"\x1b$A\x1b(B", "\x8e", "\x8f\xa1", "\x1b$+I\x0e#!",
	};
	static const char *const encs[] = {
		"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
		"GB18030", "BIG5-HKSCS", "BIG5", "CP950", "EUC-TW",
		"SHIFT_JIS", "EUC-JP", "EUC-KR", "WINDOWS-1252",
	};
	size_t i, j;

	UNUSED(state);
	for (i = 0; i < nitems(inputs); i++) {
		for (j = 0; j < nitems(encs); j++) {
			size_t n = strlen(inputs[i]);
			char *copy = xmalloc(n);	/* exact size for ASan */
			struct decoded d;

			memcpy(copy, inputs[i], n);
			check_chunks(encs[j], copy, n);
			dec(copy, n, encs[j], &d);
			assert_true(d.text.len > 0);
			buf_free(&d.text);
			free(copy);
		}
	}
}

/* Random byte strings biased towards lead/trail ranges and ISO-2022
 * shifts, every allowlisted decoder, small chunk sizes (fixed seed). */
static void
test_chunk_independence_random(void **state)
{
	static const unsigned char alphabet[] = {
		0x00, 0x0A, 0x0D, 0x0E, 0x0F, 0x1B, 0x24, 0x28, 0x29, 0x30,
		0x39, 0x40, 0x41, 0x7E, 0x7F, 0x80, 0x81, 0x87, 0x88, 0x8E,
		0x8F, 0xA0, 0xA1, 0xA4, 0xC0, 0xC2, 0xD8, 0xDC, 0xDF, 0xE0,
		0xED, 0xEF, 0xF0, 0xF4, 0xF8, 0xFE, 0xFF, 0x62, 0x10, 0x11,
	};
	static const char *const encs[] = {
		"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE",
		"GB18030", "BIG5-HKSCS", "BIG5", "CP950", "EUC-TW",
		"SHIFT_JIS", "EUC-JP", "EUC-KR", "WINDOWS-1252",
	};
	uint32_t seed = 12345;
	size_t e, r, i, c;
	char s[48];

	UNUSED(state);
	for (e = 0; e < nitems(encs); e++) {
		for (r = 0; r < 400; r++) {
			size_t n;
			struct buf whole;
			size_t inv0;

			seed = seed * 1103515245u + 12345u;
			n = (seed >> 16) % sizeof s;
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				s[i] = (char)alphabet[(seed >> 16) %
				    sizeof alphabet];
			}
			buf_init(&whole);
			inv0 = decode_iconv(encs[e], s, n, 0, &whole);
			for (c = 1; c <= 5; c++) {
				struct buf part;

				buf_init(&part);
				if (decode_iconv(encs[e], s, n, c, &part) !=
				    inv0 || part.len != whole.len ||
				    memcmp(part.data, whole.data, whole.len))
					fail_msg("%s: chunk %zu differs on a "
					    "%zu-byte input", encs[e], c, n);
				buf_free(&part);
			}
			assert_true(utf8_valid(whole.data, whole.len));
			buf_free(&whole);
		}
	}
}

/* ---- the corpus --------------------------------------------------- */

static const struct twin {
	const char *file, *twin, *enc;
} twins[] = {
	{ "python3.11-test-cjkencodings/big5.txt",
	    "python3.11-test-cjkencodings/big5-utf8.txt", "BIG5-HKSCS" },
	{ "python3.11-test-cjkencodings/gb2312.txt",
	    "python3.11-test-cjkencodings/gb2312-utf8.txt", "GB18030" },
	{ "python3.11-test-cjkencodings/gbk.txt",
	    "python3.11-test-cjkencodings/gbk-utf8.txt", "GB18030" },
	{ "python3.11-test-cjkencodings/gb18030.txt",
	    "python3.11-test-cjkencodings/gb18030-utf8.txt", "GB18030" },
	{ "debian-fonts-arphic-license/ARPHICPL.big5.TXT",
	    "debian-fonts-arphic-license/ARPHICPL.zh_TW.UTF-8.TXT",
	    "BIG5-HKSCS" },
	{ "debian-fonts-arphic-license/ARPHICPL.gb.TXT",
	    "debian-fonts-arphic-license/ARPHICPL.zh_CN.UTF-8.TXT",
	    "GB18030" },
	{ "debian-zh-autoconvert-poem/poem.gb",
	    "debian-zh-autoconvert-poem/poem.utf8", "GB18030" },
	{ "debian-zh-autoconvert-poem/poem.uni",
	    "debian-zh-autoconvert-poem/poem.utf8", "UTF-16BE" },
	/* The twins themselves, and UTF-8 files that must pass untouched. */
	{ "debian-zh-autoconvert-poem/poem.utf8",
	    "debian-zh-autoconvert-poem/poem.utf8", "UTF-8" },
	{ "python3.11-test-cjkencodings/hz-utf8.txt",
	    "python3.11-test-cjkencodings/hz-utf8.txt", "UTF-8" },
	{ "uchardet-tests-zh/utf-8.txt", "uchardet-tests-zh/utf-8.txt",
	    "UTF-8" },
};

static void
test_corpus_twins(void **state)
{
	size_t i, n, tn, wn;

	UNUSED(state);
	for (i = 0; i < nitems(twins); i++) {
		char *p = slurp(twins[i].file, &n);
		char *t = slurp(twins[i].twin, &tn);
		char *want = normalise(t, tn, &wn);
		struct decoded d;

		dec(p, n, NULL, &d);
		if (strcmp(d.encoding, twins[i].enc) != 0)
			fail_msg("%s: detected %s (%s), want %s",
			    twins[i].file, d.encoding, d.detected_by,
			    twins[i].enc);
		if (d.invalid != 0)
			fail_msg("%s: %zu invalid", twins[i].file, d.invalid);
		if (d.text.len != wn || memcmp(d.text.data, want, wn) != 0)
			fail_msg("%s: differs from %s (%zu vs %zu bytes)",
			    twins[i].file, twins[i].twin, d.text.len, wn);
		print_message("  %-55s %-10s %-11s = twin\n", twins[i].file,
		    d.encoding, d.detected_by);
		buf_free(&d.text);
		free(p);
		free(t);
		free(want);
	}
}

static size_t
count_lines(const char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += p[i] == '\n';
	return k;
}

/* poem.big5 is NOT a twin of poem.utf8: zh-autoconvert converted it to
 * traditional characters.  Same lines, same number of characters per
 * line, traditional title. */
static void
test_corpus_poem_big5_traditional(void **state)
{
	size_t n, tn, wn, a = 0, b = 0;
	char *p = slurp("debian-zh-autoconvert-poem/poem.big5", &n);
	char *t = slurp("debian-zh-autoconvert-poem/poem.utf8", &tn);
	char *want = normalise(t, tn, &wn);
	struct decoded d;

	UNUSED(state);
	dec(p, n, NULL, &d);
	assert_string_equal(d.encoding, "BIG5-HKSCS");
	assert_int_equal(d.invalid, 0);
	assert_int_equal(count_lines(d.text.data, d.text.len),
	    count_lines(want, wn));
	assert_memory_equal(d.text.data, "\t\t再 別 康 橋\n",
	    strlen("\t\t再 別 康 橋\n"));
	while (a < d.text.len && b < wn) {
		char *ea = memchr(d.text.data + a, '\n', d.text.len - a);
		char *eb = memchr(want + b, '\n', wn - b);
		size_t la = ea ? (size_t)(ea - d.text.data) - a : d.text.len - a;
		size_t lb = eb ? (size_t)(eb - want) - b : wn - b;

		assert_int_equal(utf8_count(d.text.data + a, la),
		    utf8_count(want + b, lb));
		a += la + 1;
		b += lb + 1;
	}
	print_message("  %-55s %-10s %-11s traditional, lines match\n",
	    "debian-zh-autoconvert-poem/poem.big5", d.encoding, d.detected_by);
	buf_free(&d.text);
	free(p);
	free(t);
	free(want);
}

/* Files whose encoding is not on the allowlist, or too small to tell. */
static void
test_corpus_exceptions(void **state)
{
	size_t n, tn, wn;
	char *p, *t, *want;
	struct decoded d;

	UNUSED(state);
	/* HZ-GB-2312 has no glibc converter and is not allowlisted; it is
	 * 7-bit, so it shows as its ASCII form (~{...~}). */
	p = slurp("python3.11-test-cjkencodings/hz.txt", &n);
	dec(p, n, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 0);
	assert_true(d.text.len == n && memcmp(d.text.data, p, n) == 0);
	print_message("  %-55s %-10s %-11s exception: HZ not allowed\n",
	    "python3.11-test-cjkencodings/hz.txt", d.encoding, d.detected_by);
	buf_free(&d.text);
	free(p);

	/* UTF-7 is refused (R5): shown as the 7-bit text it is. */
	p = slurp("debian-zh-autoconvert-poem/poem.utf7", &n);
	dec(p, n, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_true(d.text.len > 0);
	print_message("  %-55s %-10s %-11s exception: UTF-7 not allowed\n",
	    "debian-zh-autoconvert-poem/poem.utf7", d.encoding, d.detected_by);
	buf_free(&d.text);
	free(p);

	/* big5hkscs.txt: 23 bytes, every character from the HKSCS extension
	 * rows (88-8D).  uchardet returns nothing and no everyday-character
	 * range applies, so detection cannot know; it must still give text.
	 * Forced to BIG5-HKSCS it equals the twin. */
	p = slurp("python3.11-test-cjkencodings/big5hkscs.txt", &n);
	t = slurp("python3.11-test-cjkencodings/big5hkscs-utf8.txt", &tn);
	want = normalise(t, tn, &wn);
	dec(p, n, NULL, &d);
	assert_true(d.text.len > 0);
	print_message("  %-55s %-10s %-11s exception: too small, "
	    "%zu invalid (twin needs BIG5-HKSCS)\n",
	    "python3.11-test-cjkencodings/big5hkscs.txt", d.encoding,
	    d.detected_by, d.invalid);
	buf_free(&d.text);
	dec(p, n, "big5-hkscs", &d);
	assert_int_equal(d.invalid, 0);
	expect_text(&d, want, wn);
	buf_free(&d.text);
	free(p);
	free(t);
	free(want);
}

/* Detection of the other corpus files: encoding, no invalid sequence
 * (measured: 0 for all), and how the text starts (so ASCII read as the
 * wrong byte order would fail). */
#define SRT "1\n00:00:06,500 --> 00:00:09,000\n"
#define HTML "<!DOCTYPE HTML PUBLIC"
#define CSV "DateTime,Bid,Ask\n07/19/2015"
static const struct {
	const char *file, *enc, *start;
} detected[] = {
	{ "chardet-tests/UTF-16/bom-utf-16-be.srt", "UTF-16BE", SRT },
	{ "chardet-tests/UTF-16/bom-utf-16-le.srt", "UTF-16LE", SRT },
	{ "chardet-tests/UTF-16BE/nobom-utf16be.txt", "UTF-16BE", CSV },
	{ "chardet-tests/UTF-16BE/plane1-utf-16be.html", "UTF-16BE", HTML },
	{ "chardet-tests/UTF-16LE/nobom-utf16le.txt", "UTF-16LE", CSV },
	{ "chardet-tests/UTF-16LE/plane1-utf-16le.html", "UTF-16LE", HTML },
	{ "chardet-tests/UTF-32/bom-utf-32-be.srt", "UTF-32BE", SRT },
	{ "chardet-tests/UTF-32/bom-utf-32-le.srt", "UTF-32LE", SRT },
	{ "chardet-tests/UTF-32BE/nobom-utf32be.txt", "UTF-32BE", CSV },
	{ "chardet-tests/UTF-32BE/plane1-utf-32be.html", "UTF-32BE", HTML },
	{ "chardet-tests/UTF-32LE/nobom-utf32le.txt", "UTF-32LE", CSV },
	{ "chardet-tests/UTF-32LE/plane1-utf-32le.html", "UTF-32LE", HTML },
	{ "chardet-tests/utf-8-sig/_ude_4.txt", "UTF-8", "=====" },
	{ "chardet-tests/utf-8-sig/bom-utf-8.srt", "UTF-8", SRT },
	{ "chardet-tests/EUC-TW/_ude_euc-tw1.txt", "EUC-TW", NULL },
	{ "uchardet-tests-zh/big5.txt", "BIG5-HKSCS", "繁體中文" },
	{ "uchardet-tests-zh/euc-tw.txt", "EUC-TW", "EUC-TW" },
	{ "uchardet-tests-zh/gb18030.txt", "GB18030", "简体中文" },
	{ "debian-zhcon-manual/manual.tex", "GB18030", NULL },
	{ "debian-zh-autoconvert-poem/gbpercent.txt", "GB18030", NULL },
};

static void
test_corpus_detection(void **state)
{
	size_t i, n;

	UNUSED(state);
	for (i = 0; i < nitems(detected); i++) {
		char *p = slurp(detected[i].file, &n);
		struct decoded d;
		const char *st = detected[i].start;

		dec(p, n, NULL, &d);
		if (strcmp(d.encoding, detected[i].enc) != 0)
			fail_msg("%s: detected %s (%s), want %s",
			    detected[i].file, d.encoding, d.detected_by,
			    detected[i].enc);
		if (d.invalid != 0)
			fail_msg("%s: %zu invalid", detected[i].file,
			    d.invalid);
		assert_true(d.text.len > 0);
		if (st != NULL && (d.text.len < strlen(st) ||
		    memcmp(d.text.data, st, strlen(st)) != 0))
			fail_msg("%s: starts '%.40s', want '%s'",
			    detected[i].file, d.text.data, st);
		print_message("  %-55s %-10s %-11s 0 invalid\n",
		    detected[i].file, d.encoding, d.detected_by);
		buf_free(&d.text);
		free(p);
	}
}

/* The chardet Big5 and GB2312 folders: every file (listed here so a
 * missing one fails). */
static const char *const big5_files[] = {
	"0804.blogspot.com.xml", "_chromium_Big5_with_no_encoding_specified.html",
	"_ude_1.txt", "blog.worren.net.xml", "carbonxiv.blogspot.com.xml",
	"catshadow.blogspot.com.xml", "coolloud.org.tw.xml", "digitalwall.com.xml",
	"ebao.us.xml", "fudesign.blogspot.com.xml", "kafkatseng.blogspot.com.xml",
	"ke207.blogspot.com.xml", "leavesth.blogspot.com.xml",
	"letterlego.blogspot.com.xml", "linyijen.blogspot.com.xml",
	"marilynwu.blogspot.com.xml", "myblog.pchome.com.tw.xml",
	"oui-design.com.xml", "sanwenji.blogspot.com.xml", "sinica.edu.tw.xml",
	"sylvia1976.blogspot.com.xml", "tlkkuo.blogspot.com.xml",
	"unoriginalblog.com.xml", "upsaid.com.xml",
	"willythecop.blogspot.com.xml", "ytc.blogspot.com.xml",
};
static const char *const gb_files[] = {
	"14.blog.westca.com.xml", "2.blog.westca.com.xml",
	"_chromium_gb18030_with_no_encoding_specified.html.xml",
	"_mozilla_bug171813_text.html", "acnnewswire.net.xml",
	"bbs.blogsome.com.xml", "cappuccinos.3322.org.xml",
	"chen56.blogcn.com.xml", "cindychen.com.xml", "cnblog.org.xml",
	"coverer.com.xml", "eighthday.blogspot.com.xml",
	"godthink.blogsome.com.xml", "jjgod.3322.org.xml",
	"lily.blogsome.com.xml", "luciferwang.blogcn.com.xml",
	"pda.blogsome.com.xml", "softsea.net.xml", "w3cn.org.xml",
	"xy15400.blogcn.com.xml",
};

#define FAMILY_MAX_INVALID 2	/* measured: 0 for every file */

static void
test_corpus_big5_gb_folders(void **state)
{
	size_t i, n, total = 0;

	UNUSED(state);
	for (i = 0; i < nitems(big5_files); i++) {
		char *rel = xasprintf("chardet-tests/Big5/%s", big5_files[i]);
		char *p = slurp(rel, &n);
		struct decoded d;

		dec(p, n, NULL, &d);
		if (strncmp(d.encoding, "BIG5", 4) != 0 &&
		    strcmp(d.encoding, "CP950") != 0)
			fail_msg("%s: detected %s", rel, d.encoding);
		assert_true(d.invalid <= FAMILY_MAX_INVALID);
		/* Files that BIG5-HKSCS rejects go to CP950/BIG5. */
		if (strstr(rel, "coolloud") || strstr(rel, "upsaid"))
			assert_string_not_equal(d.encoding, "BIG5-HKSCS");
		total += d.invalid;
		print_message("  %-55s %-10s %-11s %zu invalid\n", rel,
		    d.encoding, d.detected_by, d.invalid);
		buf_free(&d.text);
		free(p);
		free(rel);
	}
	for (i = 0; i < nitems(gb_files); i++) {
		char *rel = xasprintf("chardet-tests/GB2312/%s", gb_files[i]);
		char *p = slurp(rel, &n);
		struct decoded d;

		dec(p, n, NULL, &d);
		assert_string_equal(d.encoding, "GB18030");
		assert_true(d.invalid <= FAMILY_MAX_INVALID);
		total += d.invalid;
		print_message("  %-55s %-10s %-11s %zu invalid\n", rel,
		    d.encoding, d.detected_by, d.invalid);
		buf_free(&d.text);
		free(p);
		free(rel);
	}
	print_message("  Big5 + GB2312 folders: %zu invalid in total\n", total);
}

/* utf8_count counts eight bytes at a time: it must agree with the
 * byte-by-byte definition at every length and alignment, on valid and
 * broken text. */
static void
test_utf8_count(void **state)
{
	static const char text[] = "a中文字符\xf0\x9f\x98\x80" "bc\xe2\x80"
	    "\x80\x80\xff\xc3\xa9" " end 混合 mixed 文本。";
	size_t n = sizeof text - 1;

	UNUSED(state);
	for (size_t off = 0; off < 8; off++)
		for (size_t len = 0; off + len <= n; len++) {
			size_t want = 0;

			for (size_t i = off; i < off + len; i++)
				if (((unsigned char)text[i] & 0xC0) != 0x80)
					want++;
			assert_int_equal(utf8_count(text + off, len), want);
		}
}

/* utf8_valid's fast paths (ASCII words, common three-byte sequences)
 * agree with the strict decoder on every three-byte input led by E0..EF
 * and at every position after ASCII of any length. */
static void
test_utf8_valid_fast_paths(void **state)
{
	char buf[16];

	UNUSED(state);
	for (int a = 0xE0; a <= 0xEF; a++)
		for (int b = 0; b < 256; b++)
			for (int c = 0; c < 256; c++) {
				uint32_t cp;
				size_t k;
				bool want;

				buf[0] = (char)a;
				buf[1] = (char)b;
				buf[2] = (char)c;
				k = utf8_decode_slow(buf, 3, &cp);
				want = k == 3 && (cp != UTF8_REPLACEMENT ||
				    (a == 0xEF && b == 0xBF && c == 0xBD));
				assert_int_equal(utf8_valid(buf, 3), want);
			}
	/* After 0..9 ASCII bytes: a bad byte is found, a good one passes. */
	for (size_t pre = 0; pre < 10; pre++) {
		memset(buf, 'a', pre);
		memcpy(buf + pre, "\xe4\xb8\xad", 3);
		assert_true(utf8_valid(buf, pre + 3));
		buf[pre + 2] = 'x';
		assert_false(utf8_valid(buf, pre + 3));
		buf[pre] = (char)0x80;
		assert_false(utf8_valid(buf, pre + 1));
	}
}

/* The "mostly UTF-8 with some damage" count may stop early, but only
 * when the rest cannot change the answer: damage at the start of a long
 * UTF-8 text keeps it UTF-8; text that is damage throughout does not. */
static void
test_damaged_utf8_counting(void **state)
{
	struct buf b;
	struct decoded d;

	UNUSED(state);
	buf_init(&b);
	for (int i = 0; i < 12000; i++)
		buf_puts(&b, "\x80\x80");	/* 24,000 bad bytes first */
	for (int i = 0; i < 40000; i++)
		buf_puts(&b, "中文");		/* then 80,000 good characters */
	memset(&d, 0, sizeof d);
	dec(b.data, b.len, NULL, &d);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 24000);
	buf_free(&d.text);
	/* Damage throughout (bytes that are GB18030 text): not UTF-8. */
	b.len = 0;
	for (int i = 0; i < 50000; i++)
		buf_puts(&b, "\xd6\xd0\xce\xc4");	/* 中文 in GB18030 */
	memset(&d, 0, sizeof d);
	dec(b.data, b.len, NULL, &d);
	assert_string_not_equal(d.encoding, "UTF-8");
	assert_int_equal(d.invalid, 0);
	buf_free(&d.text);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b1_forced_utf8),
		cmocka_unit_test(test_b1_detected_in_utf8_text),
		cmocka_unit_test(test_utf8_boundaries),
		cmocka_unit_test(test_truncated_at_eof),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_boms),
		cmocka_unit_test(test_feff_mid_file_kept),
		cmocka_unit_test(test_utf16_no_bom),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_gb18030),
		cmocka_unit_test(test_big5),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_forced_unsupported),
		cmocka_unit_test(test_chunk_independence_corpus),
		cmocka_unit_test(test_chunk_independence_shifted),
		cmocka_unit_test(test_iso2022_shift_trap),
		cmocka_unit_test(test_chunk_independence_random),
		cmocka_unit_test(test_corpus_twins),
		cmocka_unit_test(test_corpus_poem_big5_traditional),
		cmocka_unit_test(test_corpus_exceptions),
		cmocka_unit_test(test_corpus_detection),
		cmocka_unit_test(test_corpus_big5_gb_folders),
		cmocka_unit_test(test_utf8_count),
		cmocka_unit_test(test_utf8_valid_fast_paths),
		cmocka_unit_test(test_damaged_utf8_counting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
