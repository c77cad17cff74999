/* test_decompress.c - gzip, bzip2, xz and zstd through the streaming
 * decompressor (decompress.h) and through input.c: every format with
 * several chunk sizes, concatenated streams, damaged and cut streams,
 * bombs against both limits, magic detection.  Fixtures are made here
 * with the libraries themselves, so no compressor CLI is needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"
#include "input.h"
#include "util.h"


static char tmpdir[] = "/tmp/yuedu-test-decomp.XXXXXX";

static int
setup(void **state)
{
	UNUSED(state);
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	UNUSED(state);
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Text that compresses like prose (about 4:1), n bytes. */
static char *
gen_text(size_t n)
{
	struct buf b;
	uint32_t x = 12345;
	unsigned i = 0;

	buf_init(&b);
	while (b.len < n) {
		x = x * 1103515245u + 12345u;
		buf_printf(&b, "第%u段：这是一段用来测试解压缩的文字，编号%u。"
		    "The quick brown fox %u jumps.\n", i++, x >> 8, x % 977);
	}
	b.len = n;
	b.data[n] = '\0';
	return buf_detach(&b, NULL);
}

/* p[0..n) repeated to n2 bytes: what a bomb is made of. */
static char *
gen_repeat(const char *p, size_t n, size_t n2)
{
	char *s = xmalloc(n2 + 1);

	for (size_t i = 0; i < n2; i++)
		s[i] = p[i % n];
	s[n2] = '\0';
	return s;
}

/* One compressed stream of p[0..n) in format f, appended to out. */
static void
compress_to(enum decomp_format f, const char *p, size_t n, int level,
    struct buf *out)
{
	switch (f) {
	case DECOMP_GZIP: {
		z_stream s;

		memset(&s, 0, sizeof s);
		assert_int_equal(deflateInit2(&s, level, Z_DEFLATED, 16 + 15, 8,
		    Z_DEFAULT_STRATEGY), Z_OK);
		buf_reserve(out, deflateBound(&s, n));
		s.next_in = (Bytef *)(uintptr_t)p;
		s.avail_in = (uInt)n;
		s.next_out = (Bytef *)out->data + out->len;
		s.avail_out = (uInt)(out->cap - out->len - 1);
		assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
		out->len += s.total_out;
		deflateEnd(&s);
		break;
	}
	case DECOMP_BZIP2: {
		unsigned dl = (unsigned)(n + n / 100 + 600);

		buf_reserve(out, dl);
		assert_int_equal(BZ2_bzBuffToBuffCompress(out->data + out->len,
		    &dl, (char *)(uintptr_t)p, (unsigned)n, level, 0, 0), BZ_OK);
		out->len += dl;
		break;
	}
	case DECOMP_XZ: {
		size_t cap = lzma_stream_buffer_bound(n), pos = 0;

		buf_reserve(out, cap);
		assert_int_equal(lzma_easy_buffer_encode((uint32_t)level,
		    LZMA_CHECK_CRC64, NULL, (const uint8_t *)p, n,
		    (uint8_t *)out->data + out->len, &pos, cap), LZMA_OK);
		out->len += pos;
		break;
	}
	case DECOMP_ZSTD: {
		size_t cap = ZSTD_compressBound(n) + 4, r;

		buf_reserve(out, cap);
		ZSTD_CCtx *cc = ZSTD_createCCtx();

		/* With a checksum, as the zstd CLI writes. */
		ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, level);
		ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
		r = ZSTD_compress2(cc, out->data + out->len, cap, p, n);
		ZSTD_freeCCtx(cc);
		assert_false(ZSTD_isError(r));
		out->len += r;
		break;
	}
	default:
		fail();
	}
	out->data[out->len] = '\0';
}

static const enum decomp_format formats[] = {
	DECOMP_GZIP, DECOMP_BZIP2, DECOMP_XZ, DECOMP_ZSTD,
};

static int
level_of(enum decomp_format f)
{
	return f == DECOMP_ZSTD ? 3 : f == DECOMP_XZ ? 6 : 9;
}

/* Decompresses c[0..n) fed in chunks of chunk bytes (0: whole), each run
 * with the given output budget.  Returns the final status. */
static enum decomp_status
inflate_chunked(enum decomp_format f, const char *c, size_t n, size_t chunk,
    size_t budget, size_t max_out, struct buf *out, char **msg)
{
	struct decomp *z = decomp_new(f, max_out);
	enum decomp_status st = DECOMP_NEED_INPUT;
	size_t off = 0;

	if (chunk == 0)
		chunk = n > 0 ? n : 1;
	for (;;) {
		size_t before = out->len;

		st = decomp_run(z, out, budget);
		assert_true(out->len - before <= budget);
		if (st == DECOMP_MORE)
			continue;
		if (st != DECOMP_NEED_INPUT)
			break;
		if (off == n) {
			decomp_end(z);
			continue;
		}
		decomp_feed(z, c + off, MIN(chunk, n - off));
		off += MIN(chunk, n - off);
	}
	assert_int_equal(decomp_out(z), out->len);
	if (msg != NULL)
		*msg = decomp_message(z, "x.gz");
	decomp_free(z);
	return st;
}

static void
test_sniff(void **state)
{
	static const struct {
		const char *p;
		size_t n;
		int at_end;
		enum decomp_format want;
	} t[] = {
		{ "\x1f\x8b\x08\0", 4, 0, DECOMP_GZIP },
		{ "\x1f", 1, 0, DECOMP_UNSURE },
		{ "\x1f", 1, 1, DECOMP_NONE },
		{ "\xfd" "7zXZ\0\0", 7, 0, DECOMP_XZ },
		{ "\xfd" "7z", 3, 0, DECOMP_UNSURE },
		{ "\x28\xb5\x2f\xfd\x24", 5, 0, DECOMP_ZSTD },
		{ "BZh91AY&SY", 10, 0, DECOMP_BZIP2 },
		{ "BZh1\x17rE8P\x90", 10, 0, DECOMP_BZIP2 },
		{ "BZh9", 4, 0, DECOMP_UNSURE },
		{ "BZh9", 4, 1, DECOMP_NONE },
		{ "BZh is text\n", 12, 0, DECOMP_NONE },
		{ "BZhx", 4, 0, DECOMP_NONE },
		{ "hello", 5, 0, DECOMP_NONE },
		{ "", 0, 1, DECOMP_NONE },
		{ "\xe4\xb8\xad", 3, 0, DECOMP_NONE },
	};

	UNUSED(state);
	for (size_t i = 0; i < nitems(t); i++)
		if (decomp_sniff(t[i].p, t[i].n, t[i].at_end) != t[i].want)
			fail_msg("case %zu: %d, want %d", i,
			    (int)decomp_sniff(t[i].p, t[i].n, t[i].at_end),
			    (int)t[i].want);
	assert_string_equal(decomp_name(DECOMP_ZSTD), "zstd");
	assert_null(decomp_name(DECOMP_NONE));
}

/* Every format, chunks of 1, 7, 4096 and whole, budgets small and none:
 * the same text. */
static void
test_roundtrip(void **state)
{
	static const size_t chunks[] = { 1, 7, 4096, 0 };
	char *text = gen_text(300000);

	UNUSED(state);
	for (size_t i = 0; i < nitems(formats); i++) {
		struct buf c;

		buf_init(&c);
		compress_to(formats[i], text, 300000, level_of(formats[i]), &c);
		assert_int_equal(decomp_sniff(c.data, c.len, 0), formats[i]);
		for (size_t k = 0; k < nitems(chunks); k++) {
			struct buf out;

			buf_init(&out);
			assert_int_equal(inflate_chunked(formats[i], c.data,
			    c.len, chunks[k], k == 1 ? 1000 : SIZE_MAX,
			    INPUT_MAX_BYTES, &out, NULL), DECOMP_DONE);
			assert_int_equal(out.len, 300000);
			assert_memory_equal(out.data, text, 300000);
			buf_free(&out);
		}
		buf_free(&c);
	}
	free(text);
}

/* Concatenated gzip members (with tar's zero padding after them),
 * bzip2 streams, xz streams and zstd frames are read whole. */
static void
test_concatenated(void **state)
{
	char *text = gen_text(50000);

	UNUSED(state);
	for (size_t i = 0; i < nitems(formats); i++) {
		struct buf c, out;
		char zeros[512] = { 0 };

		buf_init(&c);
		buf_init(&out);
		compress_to(formats[i], text, 20000, level_of(formats[i]), &c);
		compress_to(formats[i], text + 20000, 30000,
		    level_of(formats[i]), &c);
		if (formats[i] == DECOMP_GZIP)
			buf_put(&c, zeros, sizeof zeros);
		assert_int_equal(inflate_chunked(formats[i], c.data, c.len, 7,
		    SIZE_MAX, INPUT_MAX_BYTES, &out, NULL), DECOMP_DONE);
		assert_int_equal(out.len, 50000);
		assert_memory_equal(out.data, text, 50000);
		buf_free(&out);
		buf_free(&c);
	}
	free(text);
}

/* Cut in the middle, or a byte changed: what came before is kept (a
 * prefix of the text), the status says damaged, the message says where. */
static void
test_damaged(void **state)
{
	char *text = gen_text(2000000);

	UNUSED(state);
	for (size_t i = 0; i < nitems(formats); i++) {
		struct buf c, out;
		char *msg = NULL;

		buf_init(&c);
		compress_to(formats[i], text, 2000000, level_of(formats[i]),
		    &c);
		for (int how = 0; how < 3; how++) {
			size_t n = how == 0 ? c.len / 2 : c.len;
			char keep = c.data[c.len / 2];

			if (how == 1)
				c.data[c.len / 2] ^= 0x55;
			if (how == 2)	/* garbage after the end */
				n = c.len + 5, buf_put(&c, "junk!", 5);
			buf_init(&out);
			assert_int_equal(inflate_chunked(formats[i], c.data, n,
			    4096, SIZE_MAX, INPUT_MAX_BYTES, &out, &msg),
			    DECOMP_DAMAGED);
			assert_true(out.len <= 2000000);
			/* A changed byte may come out as changed text before
			 * a check sum finds it; cut or followed by garbage,
			 * the text is a true prefix. */
			if (how != 1)
				assert_memory_equal(out.data != NULL ?
				    out.data : "", text, out.len);
			if (how == 0 || how == 2)	/* the text before it */
				assert_true(out.len > (how == 2 ? 1999999 :
				    formats[i] == DECOMP_BZIP2 ? 0 : 100000));
			assert_non_null(msg);
			assert_non_null(strstr(msg, "x.gz: damaged "));
			assert_non_null(strstr(msg, decomp_name(formats[i])));
			if (how == 0)
				assert_non_null(strstr(msg, "mid-stream"));
			free(msg);
			buf_free(&out);
			if (how == 1)
				c.data[c.len / 2] = keep;
		}
		buf_free(&c);
	}
	free(text);
}

/* The size limit: a gzip of 40 MiB of prose-like text, read with a limit
 * of 32 MiB, stops at exactly 32 MiB. */
static void
test_bomb_size(void **state)
{
	size_t n = (size_t)40 << 20, max = (size_t)32 << 20;
	char *text = gen_text(n), *msg = NULL;
	struct buf c, out;

	UNUSED(state);
	buf_init(&c);
	buf_init(&out);
	compress_to(DECOMP_GZIP, text, n, 1, &c);
	assert_int_equal(inflate_chunked(DECOMP_GZIP, c.data, c.len, 65536,
	    SIZE_MAX, max, &out, &msg), DECOMP_LIMIT);
	assert_int_equal(out.len, max);
	assert_memory_equal(out.data, text, max);
	assert_non_null(strstr(msg, "x.gz: decompressed size over 32 MiB "
	    "(ratio "));
	assert_non_null(strstr(msg, "stopped, showing the first 32 MiB"));
	free(msg);
	buf_free(&out);
	buf_free(&c);
	free(text);
}

/* The ratio limit: 2 GB of zeros (and of one repeated line) in a few
 * MB or less, each format; stops at 1000 times what was read plus 1 MiB,
 * quickly, the buffer bounded. */
static void
test_bomb_ratio(void **state)
{
	static const char line[] = "这是一行重复的文字。\n";
	size_t piece = (size_t)64 << 20;

	UNUSED(state);
	for (int zeros = 0; zeros < 2; zeros++)
	for (size_t i = 0; i < nitems(formats); i++) {
		enum decomp_format f = formats[i];
		/* bzip2 and xz compress slowly: a smaller piece is a bomb
		 * all the same. */
		size_t pn = f == DECOMP_GZIP || f == DECOMP_ZSTD ? piece :
		    piece / 8;
		char *p = zeros ? xcalloc(1, pn + 1) :
		    gen_repeat(line, sizeof line - 1, pn), *msg = NULL;
		struct buf c, bomb, out;
		size_t total = 0;
		double t0;

		buf_init(&c);
		buf_init(&bomb);
		buf_init(&out);
		compress_to(f, p, pn, f == DECOMP_XZ ? 0 : f == DECOMP_GZIP ?
		    9 : 1, &c);
		free(p);
		/* Repeated streams: 2 GB of text. */
		while (total < ((size_t)2 << 30)) {
			buf_put(&bomb, c.data, c.len);
			total += pn;
		}
		t0 = now();
		assert_int_equal(inflate_chunked(f, bomb.data, bomb.len, 65536,
		    SIZE_MAX, INPUT_MAX_BYTES, &out, &msg), DECOMP_LIMIT);
		assert_true(now() - t0 < 10);
		assert_true(out.len <= INPUT_MAX_BYTES);
		assert_true(out.len <= (size_t)DECOMP_RATIO * bomb.len +
		    DECOMP_SLACK);
		/* Bounded: the output's buffer, not 2 GB. */
		assert_true(out.cap <= 2 * INPUT_MAX_BYTES + 1);
		assert_non_null(strstr(msg, "x.gz: decompressed size over "));
		free(msg);
		buf_free(&out);
		buf_free(&bomb);
		buf_free(&c);
	}
}

static char *
write_file(const char *name, const void *p, size_t n)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
	return path;
}

/* Through input_read(): the format by its bytes, not by its name. */
static void
test_input_by_magic(void **state)
{
	char *text = gen_text(100000), *cause = NULL, *p1, *p2;
	struct input in;
	struct buf c;

	UNUSED(state);
	/* Plain text with a .gz name stays text. */
	p1 = write_file("plain.txt.gz", text, 100000);
	assert_int_equal(input_read(p1, 0, &in, &cause), 0);
	assert_null(in.compression);
	assert_int_equal(in.bytes.len, 100000);
	input_free(&in);
	/* xz without an extension is still xz. */
	buf_init(&c);
	compress_to(DECOMP_XZ, text, 100000, 6, &c);
	p2 = write_file("noext", c.data, c.len);
	assert_int_equal(input_read(p2, 0, &in, &cause), 0);
	assert_string_equal(in.compression, "xz");
	assert_int_equal(in.raw_bytes, c.len);
	assert_int_equal(in.bytes.len, 100000);
	assert_memory_equal(in.bytes.data, text, 100000);
	assert_false(in.truncated);
	assert_null(in.note);
	input_free(&in);
	buf_free(&c);
	free(p1);
	free(p2);
	free(text);
}

/* A gzip of a binary is refused as the binary is; a bomb file is cut at
 * INPUT_MAX_BYTES with the message; a damaged file keeps its text. */
static void
test_input_limits(void **state)
{
	static const char line[] = "这是一行重复的文字。\n";
	char elf[9000] = "\x7f" "ELF\2\1\1", *cause = NULL, *p, *t;
	struct input in;
	struct buf c, bomb;

	UNUSED(state);
	buf_init(&c);
	compress_to(DECOMP_GZIP, elf, sizeof elf, 9, &c);
	p = write_file("elf.gz", c.data, c.len);
	assert_int_equal(input_read(p, 0, &in, &cause), -1);
	assert_non_null(strstr(cause, "ELF executable"));
	free(cause);
	free(p);
	buf_free(&c);

	buf_init(&c);
	buf_init(&bomb);
	t = gen_repeat(line, sizeof line - 1, (size_t)64 << 20);
	compress_to(DECOMP_GZIP, t, (size_t)64 << 20, 1, &c);
	free(t);
	for (int i = 0; i < 5; i++)
		buf_put(&bomb, c.data, c.len);
	p = write_file("bomb.gz", bomb.data, bomb.len);
	assert_int_equal(input_read(p, 0, &in, &cause), 0);
	assert_true(in.truncated);
	assert_int_equal(in.bytes.len, INPUT_MAX_BYTES);
	assert_non_null(strstr(in.note, "bomb.gz: decompressed size over "
	    "256 MiB (ratio "));
	assert_string_equal(in.why, "decompression stopped at 256 MiB");
	input_free(&in);
	free(p);

	/* Cut short: the first half's text, and why. */
	p = write_file("cut.gz", bomb.data, c.len / 2);
	assert_int_equal(input_read(p, 0, &in, &cause), 0);
	assert_true(in.truncated);
	assert_true(in.bytes.len > 0);
	assert_non_null(strstr(in.note, "cut.gz: damaged gzip data after "));
	input_free(&in);
	free(p);
	buf_free(&bomb);
	buf_free(&c);
}

/* A pipe read between keys (input_pump) gives the same text, a bounded
 * amount per call. */
static void
test_input_pump(void **state)
{
	char *text = gen_text(200000), *path, *cause = NULL;
	struct input in;
	struct buf c;
	int fds[2], calls = 0, r;

	UNUSED(state);
	for (size_t i = 0; i < nitems(formats); i++) {
		size_t off = 0;

		buf_init(&c);
		compress_to(formats[i], text, 200000, level_of(formats[i]), &c);
		assert_true(c.len < 60000);	/* fits the pipe's buffer */
		assert_int_equal(pipe(fds), 0);
		while (off < c.len)
			off += (size_t)write(fds[1], c.data + off, c.len - off);
		close(fds[1]);
		path = xasprintf("/dev/fd/%d", fds[0]);
		assert_int_equal(input_open(path, &in, &cause), 0);
		assert_true(in.is_stream);
		while ((r = input_pump(&in, 4096)) >= 0)
			assert_true(++calls < 100000);
		assert_string_equal(in.compression, decomp_name(formats[i]));
		assert_int_equal(in.bytes.len, 200000);
		assert_memory_equal(in.bytes.data, text, 200000);
		assert_false(in.truncated);
		input_free(&in);
		close(fds[0]);
		free(path);
		buf_free(&c);
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_bomb_size),
		cmocka_unit_test(test_bomb_ratio),
		cmocka_unit_test(test_input_by_magic),
		cmocka_unit_test(test_input_limits),
		cmocka_unit_test(test_input_pump),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
