/* test_loader.c - a file loaded a piece at a time (loader.h), alone and
 * under the reading view: the pieces make the document a short file
 * makes at once; what is shown while loading is a prefix of the final
 * text at the same address; keys work during the load and nothing moves
 * when it completes; Ctrl-C stops it; a text whose encoding changes after
 * the first piece; a file that grows or shrinks while it loads; gzip and
 * an xz bomb.  Texts are made here from the bundled fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <lzma.h>
#include <zlib.h>

#include "appstate.h"
#include "docbuild.h"
#include "load.h"
#include "loader.h"
#include "parse.h"
#include "testutil.h"
#include "util.h"

#define SEED "tests/fixtures/party-building-article.txt"

static char tmpdir[] = "/tmp/yuedu-test-loader.XXXXXX";
static const struct load_opts LO = { NULL, -1, 0, 0 };

static int
setup(void **state)
{
	UNUSED(state);
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	UNUSED(state);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

/* A book of about `bytes`: chapters 第N章 of the seed article's
 * paragraphs, so every piece has headings and text. */
static char *
make_book(size_t bytes, size_t *len)
{
	size_t slen, n = 0;
	char *seed = slurp_file(SEED, &slen);
	struct buf b;

	assert_non_null(seed);
	buf_init(&b);
	while (b.len < bytes) {
		char head[64];
		int k;

		n++;
		k = snprintf(head, sizeof head, "\n第%zu章　卷%zu\n\n", n, n);

		buf_put(&b, head, (size_t)k);
		buf_put(&b, seed, slen);
	}
	free(seed);
	return buf_detach(&b, len);
}

/* A short file through the loader is the document load_bytes makes. */
static void
small_file_same_document(void **state)
{
	struct doc *a, *b;
	struct load_src src;
	char *cause = NULL, *bytes;
	size_t len;

	UNUSED(state);
	bytes = slurp_file(SEED, &len);
	assert_non_null(bytes);
	assert_true(len < LOADER_FIRST);
	assert_int_equal(loader_load_all(SEED, &LO, &a, &src, &cause), 1);
	b = load_bytes(SEED, bytes, len, &LO);
	assert_int_equal(a->nblocks, b->nblocks);
	assert_int_equal(a->nnodes, b->nnodes);
	assert_int_equal(a->text_len, b->text_len);
	assert_memory_equal(a->text, b->text, a->text_len);
	assert_int_equal(doc_check(a, NULL), 0);
	assert_null(src.note);
	load_src_free(&src);
	doc_free(a);
	doc_free(b);
	free(bytes);
}

/* While it loads, the document is a prefix of the final one, at the same
 * address, checked whole at every growth; the outline only grows. */
static void
pieces_grow_a_prefix(void **state)
{
	char *path = tmp_path("book.txt"), *cause = NULL, *bytes;
	struct loader *ld;
	struct doc *d, *final;
	size_t len, last_len = 0;
	uint32_t last_nodes = 0;
	char *early;
	size_t early_len;
	int grows = 0;

	UNUSED(state);
	bytes = make_book(4u << 20, &len);
	write_file(path, bytes, len);
	assert_int_equal(loader_open(path, &LO, &ld, &cause), 1);
	d = loader_doc(ld);
	assert_false(loader_done(ld));
	assert_true(d->nblocks > 0);
	assert_true(d->nnodes > 0);
	assert_true(loader_fraction(ld) < 0.2);
	assert_true(d->text_len < len / 4);
	assert_int_equal(doc_check(d, NULL), 0);
	early_len = d->text_len;
	early = xmalloc(early_len);
	memcpy(early, d->text, early_len);
	while (!loader_done(ld)) {
		bool grew = loader_step(ld, 0);	/* one piece a step */

		assert_ptr_equal(loader_doc(ld), d);
		if (grew) {
			grows++;
			assert_true(d->text_len >= last_len);
			assert_true(d->nnodes >= last_nodes);
			assert_int_equal(doc_check(d, NULL), 0);
			last_len = d->text_len;
			last_nodes = d->nnodes;
		}
	}
	final = loader_take(ld);
	assert_ptr_equal(final, d);
	assert_true(grows >= 1);
	assert_true(final->text_len > early_len);
	assert_memory_equal(final->text, early, early_len);
	assert_int_equal(doc_check(final, NULL), 0);
	/* every chapter is a heading, at one level */
	assert_true(final->nnodes >= len / 20000);
	assert_int_equal(final->nodes[final->nnodes - 1].level, 1);
	assert_int_equal(final->source_bytes, len);
	loader_free(ld);
	doc_free(final);
	free(early);
	free(bytes);
	free(path);
}

/* A view over a loading file: a 3 MB book written to name, opened. */
struct fx {
	struct app_args args;
	struct app_input in;
	struct app a;
	struct loader *ld;
	char *path;
	size_t len;		/* bytes of the book */
};

static void
fx_open(struct fx *f, const char *name)
{
	char *cause = NULL, *bytes;

	memset(f, 0, sizeof *f);
	f->path = tmp_path(name);
	bytes = make_book(3u << 20, &f->len);
	write_file(f->path, bytes, f->len);
	free(bytes);
	f->args.config_path = "/dev/null";
	f->args.mouse = -1;
	f->args.gap = -1;
	f->args.ambiguous_wide = -1;
	assert_int_equal(loader_open(f->path, &LO, &f->ld, &cause), 1);
	f->in.path = f->path;
	f->in.ld = f->ld;
	app_init(&f->a, &f->in, 1, &f->args);
	/* One piece per pump, whatever the machine's speed. */
	f->a.load_slice_ms = 0;
	f->a.rows = 30;
	f->a.cols = 100;
	app_geometry(&f->a);
}

static void
fx_finish(struct fx *f)
{
	int n = 0;

	while (app_loading(&f->a) && n++ < 100000)
		app_pump_loaders(&f->a);
	assert_false(app_loading(&f->a));
}

static void
fx_close(struct fx *f)
{
	app_fini(&f->a);
	free(f->path);
}

/* Keys during the load move the reader; when loading completes the same
 * text stays at the top, and the status says the outline is complete. */
static void
keys_during_load_nothing_moves(void **state)
{
	struct fx f;
	doc_off at;

	UNUSED(state);
	fx_open(&f, "keys.txt");
	assert_true(app_loading(&f.a));
	for (int i = 0; i < 25; i++)
		app_key(&f.a, 'j');
	app_pump_loaders(&f.a);
	app_key(&f.a, ' ');
	at = reader_anchor(f.a.r);
	assert_true(at > 0);
	assert_true(app_loading(&f.a));
	fx_finish(&f);
	assert_int_equal(reader_anchor(f.a.r), at);
	assert_non_null(strstr(f.a.msg, "outline complete"));
	assert_true(f.a.r->loaded == 1.0);
	fx_close(&f);
}

/* G while loading goes to the end of what has loaded and says so; the
 * percent shown is of the whole file. */
static void
g_during_load(void **state)
{
	struct fx f;

	UNUSED(state);
	fx_open(&f, "g.txt");
	app_key(&f.a, 'G');
	assert_non_null(strstr(f.a.msg, "so far"));
	assert_true(reader_percent(f.a.r) < 50);
	fx_finish(&f);
	app_key(&f.a, 'G');
	assert_int_equal(reader_percent(f.a.r), 100);
	assert_null(strstr(f.a.msg, "so far"));
	fx_close(&f);
}

/* Ctrl-C stops loading: the text read so far stays, and the note says
 * where it stopped (shown, and printed after the view). */
static void
ctrl_c_stops_loading(void **state)
{
	struct fx f;

	UNUSED(state);
	fx_open(&f, "stop.txt");
	app_key(&f.a, YK_CTRL('c'));
	assert_false(f.a.quit);
	app_pump_loaders(&f.a);
	assert_false(app_loading(&f.a));
	assert_true(f.a.d->text_len < f.len / 2);
	assert_true(f.a.d->truncated);
	assert_non_null(tabs_current(&f.a.tabs)->note);
	assert_non_null(strstr(tabs_current(&f.a.tabs)->note,
	    "loading stopped"));
	assert_int_equal(doc_check(f.a.d, NULL), 0);
	fx_close(&f);
}

/* A file whose first piece is UTF-8 and whose later part is GB18030:
 * the later part is read as GB18030, and the note says from where. */
static void
encoding_changes_late(void **state)
{
	char *path = tmp_path("mixed.txt"), *cause = NULL, *utf8, *gb;
	const char *probe = "第三编　合同";
	struct doc *d;
	struct load_src src;
	struct buf all;
	size_t len, gblen, inl, outl;
	iconv_t cd;
	char *ip, *op;

	UNUSED(state);
	utf8 = make_book(LOADER_FIRST + 4096, &len);
	cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	gb = xmalloc(len * 2 + 64);
	{
		char *tail = xasprintf("\n\n%s\n\n%s", probe, utf8);

		ip = tail;
		inl = strlen(tail);
		op = gb;
		outl = len * 2 + 64;
		assert_true(iconv(cd, &ip, &inl, &op, &outl) != (size_t)-1);
		gblen = (size_t)(op - gb);
		free(tail);
	}
	iconv_close(cd);
	buf_init(&all);
	buf_put(&all, utf8, len);
	buf_put(&all, gb, gblen);
	write_file(path, all.data, all.len);
	assert_int_equal(loader_load_all(path, &LO, &d, &src, &cause), 1);
	assert_non_null(src.note);
	assert_non_null(strstr(src.note, "GB18030"));
	assert_non_null(strstr(d->text, probe));
	assert_int_equal(d->invalid, 0);
	assert_int_equal(doc_check(d, NULL), 0);
	load_src_free(&src);
	doc_free(d);
	buf_free(&all);
	free(gb);
	free(utf8);
	free(path);
}

/* Appended while loading: read to the new end.  Cut while loading: what
 * was there is shown, and the note says the file shrank. */
static void
file_grows_or_shrinks(void **state)
{
	char *path = tmp_path("change.txt"), *cause = NULL, *bytes;
	struct loader *ld;
	struct doc *d;
	size_t len;
	FILE *f;

	UNUSED(state);
	bytes = make_book(2u << 20, &len);
	write_file(path, bytes, len);
	assert_int_equal(loader_open(path, &LO, &ld, &cause), 1);
	f = fopen(path, "ab");
	assert_non_null(f);
	fputs("\n尾声　新加的一段。\n", f);
	fclose(f);
	while (!loader_done(ld))
		loader_step(ld, 1e9);
	d = loader_take(ld);
	assert_non_null(strstr(d->text + d->text_len - 64, "新加的一段"));
	assert_null(loader_note(ld));
	loader_free(ld);
	doc_free(d);

	write_file(path, bytes, len);
	assert_int_equal(loader_open(path, &LO, &ld, &cause), 1);
	assert_int_equal(truncate(path, (off_t)(len / 2)), 0);
	while (!loader_done(ld))
		loader_step(ld, 1e9);
	d = loader_take(ld);
	assert_true(d->source_bytes <= len / 2 + LOADER_FIRST);
	assert_non_null(loader_note(ld));
	assert_non_null(strstr(loader_note(ld), "shrank"));
	assert_int_equal(doc_check(d, NULL), 0);
	loader_free(ld);
	doc_free(d);
	free(bytes);
	free(path);
}

/* gzip is read through the same pieces: the same document as the plain
 * file. */
static void
gzip_same_as_plain(void **state)
{
	char *plain = tmp_path("book2.txt"), *gz = tmp_path("book2.txt.gz");
	char *cause = NULL, *bytes;
	struct doc *a, *b;
	struct load_src src;
	size_t len;
	gzFile z;

	UNUSED(state);
	bytes = make_book(2u << 20, &len);
	write_file(plain, bytes, len);
	z = gzopen(gz, "wb6");
	assert_non_null(z);
	assert_int_equal(gzwrite(z, bytes, (unsigned)len), (int)len);
	gzclose(z);
	assert_int_equal(loader_load_all(plain, &LO, &a, NULL, &cause), 1);
	assert_int_equal(loader_load_all(gz, &LO, &b, &src, &cause), 1);
	assert_string_equal(src.compression, "gzip");
	assert_true(src.raw_bytes < len / 2);
	assert_int_equal(a->text_len, b->text_len);
	assert_memory_equal(a->text, b->text, a->text_len);
	assert_int_equal(a->nnodes, b->nnodes);
	load_src_free(&src);
	doc_free(a);
	doc_free(b);
	free(bytes);
	free(plain);
	free(gz);
}

/* An xz bomb of text: stopped at the ratio limit with a message; the text
 * before it is kept. */
static void
xz_bomb_stops(void **state)
{
	char *path = tmp_path("bomb.txt.xz"), *cause = NULL;
	size_t n = (size_t)64 << 20, out_len = 0, cap = 1 << 20;
	char *text = xmalloc(n), *out = xmalloc(cap);
	struct doc *d;
	struct load_src src;

	UNUSED(state);
	for (size_t i = 0; i < n; i += 4)
		memcpy(text + i, "yes\n", 4);
	assert_int_equal(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL,
	    (const uint8_t *)text, n, (uint8_t *)out, &out_len, cap), LZMA_OK);
	write_file(path, out, out_len);
	assert_int_equal(loader_load_all(path, &LO, &d, &src, &cause), 1);
	assert_non_null(src.note);
	assert_non_null(strstr(src.note, "stopped"));
	assert_true(d->truncated);
	assert_true(d->text_len > (512u << 10));
	assert_true(d->text_len < n / 2);
	load_src_free(&src);
	doc_free(d);
	free(text);
	free(out);
	free(path);
}

/* A pipe is not the loader's: it says so and the feed reads it. */
static void
pipe_is_a_stream(void **state)
{
	int fds[2], saved = dup(0);
	struct loader *ld = NULL;
	char *cause = NULL;

	UNUSED(state);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(dup2(fds[0], 0), 0);
	assert_int_equal(loader_open("-", &LO, &ld, &cause), 0);
	assert_null(ld);
	dup2(saved, 0);
	close(saved);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_file_same_document),
		cmocka_unit_test(pieces_grow_a_prefix),
		cmocka_unit_test(keys_during_load_nothing_moves),
		cmocka_unit_test(g_during_load),
		cmocka_unit_test(ctrl_c_stops_loading),
		cmocka_unit_test(encoding_changes_late),
		cmocka_unit_test(file_grows_or_shrinks),
		cmocka_unit_test(gzip_same_as_plain),
		cmocka_unit_test(xz_bomb_stops),
		cmocka_unit_test(pipe_is_a_stream),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
