/* test_layout_corpus.c - the layout invariants of reading-quality.md §5 at
 * every width from 10 to 200, over real documents from the shared corpus:
 *
 *   - the rows read back give the paragraph exactly;
 *   - row.cols is the re-measured width of the drawn part (utf8_width
 *     summed here, independently of layout's cluster code) and no row is
 *     wider than the width;
 *   - no row starts with a line-start-forbidden mark, none ends with an
 *     opening mark, —— and …… are never split, except where the glued run
 *     is wider than the row (layout's documented last resort; counted and
 *     checked against that reason);
 *   - no ASCII word/number/URL is broken when it would have fitted on a
 *     row of its own after a natural break point.
 *
 * Paragraphs are the raw lines (BOM stripped, CRLF -> LF, tabs -> space,
 * leading whitespace taken as indent), read from the first
 * YUEDU_CORPUS_KB (default 64) KiB of each file.  The second test runs
 * the same checks on the blocks that load_bytes() builds from the first
 * YUEDU_CORPUS_DOC_KB (default 32) KiB of each file, through the cache
 * (layout_block_rows, layout_row_of). */
#include <dirent.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "layout.h"
#include "load.h"
#include "utf8.h"
#include "util.h"

#include "testutil.h"

#define WMIN 10
#define WMAX 200

struct para {
	const char *s;
	uint32_t len;
	int indent;
};

struct file {
	char *path;
	char *data;		/* normalised text, paragraphs point into it */
	struct para *p;
	size_t np;
};

struct stats {
	unsigned long rows, paras, calls;
	unsigned long bad_width, bad_cols, bad_cover;
	unsigned long bad_start, bad_end, bad_pair, bad_word;
	unsigned long fallback;	/* kinsoku given up: run wider than the row */
	int reported;
};

static const char *corpus_root;
static size_t limit_kb = 64;
static size_t doc_kb = 32;
static struct file *files;
static struct {
	char *data;
	size_t len;
} *files_raw;
static size_t nfiles;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- corpus loading -------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every *.ext file under dir (recursively when deep), sorted, at
 * most max of them. */
static void
collect(const char *dir, const char *ext, int deep, size_t max, char ***out,
    size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **list = NULL;
	size_t nl = 0, i, el = strlen(ext);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		list = xreallocarray(list, nl + 1, sizeof *list);
		list[nl++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort(list, nl, sizeof *list, cmp_str);
	for (i = 0; i < nl; i++) {
		struct stat st;
		size_t pl = strlen(list[i]);

		if (*n < max && stat(list[i], &st) == 0) {
			if (S_ISDIR(st.st_mode) && deep) {
				collect(list[i], ext, deep, max, out, n);
			} else if (S_ISREG(st.st_mode) && pl > el &&
			    strcmp(list[i] + pl - el, ext) == 0 &&
			    strstr(list[i], "NOTES") == NULL) {
				*out = xreallocarray(*out, *n + 1, sizeof **out);
				(*out)[(*n)++] = list[i];
				continue;
			}
		}
		free(list[i]);
	}
	free(list);
}

/* Normalises the text in place (BOM, CRLF, tabs) and splits it into
 * paragraphs, leading whitespace becoming the indent. */
static void
split_file(struct file *f, size_t len)
{
	char *s = f->data, *w = s, *line;
	size_t i = 0;

	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (len > limit_kb * 1024) {
		len = limit_kb * 1024;
		while (len > 0 && s[len] != '\n')
			len--;
	}
	for (; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		*w++ = s[i] == '\t' ? ' ' : s[i];
	}
	*w = '\0';
	line = s;
	while (line < w) {
		char *e = memchr(line, '\n', (size_t)(w - line));
		int ind = 0;

		if (e == NULL)
			e = w;
		for (;;) {
			if (line < e && *line == ' ') {
				ind++;
				line++;
			} else if (e - line >= 3 &&
			    memcmp(line, "\xE3\x80\x80", 3) == 0) {
				ind += 2;
				line += 3;
			} else {
				break;
			}
		}
		if (e > line) {
			f->p = xreallocarray(f->p, f->np + 1, sizeof *f->p);
			f->p[f->np].s = line;
			f->p[f->np].len = (uint32_t)(e - line);
			f->p[f->np].indent = MIN(ind, 8);
			f->np++;
		}
		line = e + 1;
	}
}

static int
setup(void **state)
{
	static const char *txt_dirs[] = {
		"txt-gov-docs-outline", "web-dump", "txt-notes-outline-maogai",
	};
	char **paths = NULL, *dir;
	size_t np = 0, i, len, nmd = 0;
	const char *e;

	(void)state;
	corpus_root = corpus_dir();
	if ((e = getenv("YUEDU_CORPUS_KB")) != NULL && atoi(e) > 0)
		limit_kb = (size_t)atoi(e);
	if ((e = getenv("YUEDU_CORPUS_DOC_KB")) != NULL && atoi(e) > 0)
		doc_kb = (size_t)atoi(e);
	for (i = 0; i < nitems(txt_dirs); i++) {
		dir = xasprintf("%s/%s", corpus_root, txt_dirs[i]);
		collect(dir, ".txt", 0, SIZE_MAX, &paths, &np);
		free(dir);
	}
	dir = xasprintf("%s/md-laws-subset", corpus_root);
	collect(dir, ".md", 1, np + 4, &paths, &np);
	free(dir);
	files = xcalloc(np + 1, sizeof *files);
	files_raw = xcalloc(np + 1, sizeof *files_raw);
	for (i = 0; i < np; i++) {
		struct file *f = &files[nfiles];

		f->data = slurp_file(paths[i], &len);
		if (f->data == NULL) {
			free(paths[i]);
			continue;
		}
		if (strstr(paths[i], ".md") != NULL)
			nmd++;
		f->path = paths[i];
		/* The raw bytes for the document pipeline, cut at a line end. */
		files_raw[nfiles].len = MIN(len, doc_kb * 1024);
		while (files_raw[nfiles].len < len && files_raw[nfiles].len > 0 &&
		    f->data[files_raw[nfiles].len - 1] != '\n')
			files_raw[nfiles].len--;
		files_raw[nfiles].data = xstrndup(f->data, files_raw[nfiles].len);
		split_file(f, len);
		nfiles++;
	}
	free(paths);
	print_message("corpus: %zu files (%zu md) from %s, first %zu KiB each\n",
	    nfiles, nmd, corpus_root, limit_kb);
	return 0;
}

static int
teardown(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < nfiles; i++) {
		free(files[i].path);
		free(files[i].data);
		free(files[i].p);
		free(files_raw[i].data);
	}
	free(files);
	free(files_raw);
	return 0;
}

/* --- the independent checker ----------------------------------------- */

static const uint32_t no_start_marks[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
	0x3011, 0x300B, 0x300D, 0x300F, 0x3015, 0x3009, 0x201D, 0x2019,
	0x2026, 0x2014, 0xFF5E, 0x00B7, 0x30FB, 0x3005, ',', '.', ';', ':',
	'?', '!', ')', ']', '}',
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
	0x3087, 0x308E, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
	0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
};
static const uint32_t no_end_marks[] = {
	0xFF08, 0x3010, 0x300A, 0x300C, 0x300E, 0x3014, 0x3008, 0x201C,
	0x2018, '(', '[', '{',
};

static int
in_list(uint32_t c, const uint32_t *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i] == c)
			return 1;
	return 0;
}

static uint32_t
cp_at(const char *s, uint32_t len, uint32_t off)
{
	uint32_t cp = 0;

	if (off < len)
		utf8_decode(s + off, len - off, &cp);
	return cp;
}

static uint32_t
cp_before(const char *s, uint32_t off)
{
	uint32_t cp = 0;

	if (off > 0) {
		size_t p = utf8_prev(s, off);

		utf8_decode(s + p, off - p, &cp);
	}
	return cp;
}

static int
is_ascii_graph(char c)
{
	return c > 0x20 && c < 0x7F;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Whether a row may end at byte off by the kinsoku rules alone. */
static int
valid_break(const char *s, uint32_t len, uint32_t off)
{
	uint32_t a = cp_before(s, off), b = cp_at(s, len, off);

	if (off == 0 || off >= len)
		return 1;
	if (in_list(b, no_start_marks, nitems(no_start_marks)) ||
	    in_list(a, no_end_marks, nitems(no_end_marks)))
		return 0;
	return !((a == 0x2014 && b == 0x2014) || (a == 0x2026 && b == 0x2026));
}

/* Width of the glued run around a forbidden break at off: from the last
 * allowed break before it to the first one after it (bounded walk).  If
 * it fits in the row, layout had a better choice. */
static uint32_t
glued_width(const char *s, uint32_t len, uint32_t off)
{
	uint32_t a = off, b = off, cp;
	int k;

	for (k = 0; k < 64 && a > 0; k++) {
		a = (uint32_t)utf8_prev(s, a);
		if (valid_break(s, len, a))
			break;
	}
	for (k = 0; k < 64 && b < len; k++) {
		b += (uint32_t)utf8_decode(s + b, len - b, &cp);
		if (valid_break(s, len, b))
			break;
	}
	return (uint32_t)utf8_str_width(s + a, b - a);
}

static void
report(struct stats *st, const char *what, const char *path, int w,
    size_t pi, const char *s, const struct row *r)
{
	if (st->reported++ >= 12)
		return;
	print_error("%s: %s w=%d para %zu row [%u,%u) \"%.*s\"\n", what, path,
	    w, pi, r->start, r->end, (int)MIN(r->end - r->start, 120u),
	    s + r->start);
}

static void
check_rows(struct stats *st, const char *path, size_t pi, const char *s,
    uint32_t len, int w, const struct row *r, uint32_t n)
{
	uint32_t i, pos = 0;

	st->calls++;
	st->rows += n;
	for (i = 0; i < n; i++) {
		size_t cols = utf8_str_width(s + r[i].start,
		    r[i].vis_end - r[i].start);

		if (r[i].start != pos || r[i].vis_end < r[i].start ||
		    r[i].end < r[i].vis_end || r[i].end <= r[i].start) {
			st->bad_cover++;
			report(st, "coverage", path, w, pi, s, &r[i]);
		}
		pos = r[i].end;
		if (cols != r[i].cols) {
			st->bad_cols++;
			report(st, "cols", path, w, pi, s, &r[i]);
		}
		if (r[i].indent + cols > (size_t)w) {
			st->bad_width++;
			report(st, "too wide", path, w, pi, s, &r[i]);
		}
		if (i + 1 < n && r[i].end > 0 && s[r[i].end - 1] != '\n') {
			uint32_t b = cp_at(s, len, r[i + 1].start);
			uint32_t a = cp_before(s, r[i].end);
			/* A better break must be on this row; a broken
			 * word would have gone to the next one. */
			uint32_t room = (uint32_t)w - r[i].indent;
			uint32_t room2 = (uint32_t)w - r[i + 1].indent;
			int bad = 0;

			if (in_list(b, no_start_marks, nitems(no_start_marks))) {
				bad = 1;
				if (glued_width(s, len, r[i].end) <= room) {
					st->bad_start++;
					report(st, "row starts with a mark",
					    path, w, pi, s, &r[i + 1]);
				}
			}
			if (in_list(cp_before(s, r[i].vis_end), no_end_marks,
			    nitems(no_end_marks))) {
				bad = 1;
				if (glued_width(s, len, r[i].end) <= room) {
					st->bad_end++;
					report(st, "row ends with an opening",
					    path, w, pi, s, &r[i]);
				}
			}
			if ((a == 0x2014 && b == 0x2014) ||
			    (a == 0x2026 && b == 0x2026)) {
				bad = 1;
				if (glued_width(s, len, r[i].end) <= room) {
					st->bad_pair++;
					report(st, "split pair", path, w, pi,
					    s, &r[i]);
				}
			}
			st->fallback += (unsigned long)bad;
			/* A broken ASCII token that would have fitted. */
			if (r[i].end == r[i].vis_end && is_alnum(s[r[i].end - 1])
			    && is_alnum(s[r[i].end])) {
				uint32_t ta = r[i].end, tb = r[i].end, pc;
				size_t tw;

				while (ta > r[i].start && is_ascii_graph(s[ta - 1]))
					ta--;
				while (tb < len && is_ascii_graph(s[tb]))
					tb++;
				pc = cp_before(s, ta);
				tw = utf8_str_width(s + ta, tb - ta);
				/* A number keeps its unit: 1956年. */
				if (s[tb - 1] >= '0' && s[tb - 1] <= '9' &&
				    utf8_is_cjk(cp_at(s, len, tb)))
					tw += 2;
				if (ta > r[i].start && is_alnum(s[ta]) &&
				    (pc == ' ' ||
				    (utf8_is_cjk(pc) && !in_list(pc,
				    no_end_marks, nitems(no_end_marks)))) &&
				    !in_list(cp_at(s, len, tb), no_start_marks,
				    nitems(no_start_marks)) &&
				    tw <= room2) {
					st->bad_word++;
					report(st, "broken word", path, w, pi,
					    s, &r[i]);
				}
			}
		}
	}
	if (pos != len) {
		st->bad_cover++;
		print_error("coverage: %s w=%d para %zu ends at %u of %u\n",
		    path, w, pi, pos, len);
	}
}

static void
check_para(struct stats *st, const char *path, size_t pi, const struct para *p,
    int w)
{
	uint32_t n;
	struct row *r = layout_text(p->s, p->len, w, p->indent, 0, 0, &n);

	check_rows(st, path, pi, p->s, p->len, w, r, n);
	free(r);
}

static void
test_corpus_all_widths(void **state)
{
	struct stats st;
	double t0 = now();
	size_t fi, pi, bytes = 0;
	int w;

	(void)state;
	memset(&st, 0, sizeof st);
	if (nfiles == 0) {
		print_message("corpus not found under %s; skipped\n",
		    corpus_root);
		skip();
	}
	for (fi = 0; fi < nfiles; fi++)
		for (pi = 0; pi < files[fi].np; pi++)
			bytes += files[fi].p[pi].len;
	for (w = WMIN; w <= WMAX; w++)
		for (fi = 0; fi < nfiles; fi++)
			for (pi = 0; pi < files[fi].np; pi++)
				check_para(&st, files[fi].path, pi,
				    &files[fi].p[pi], w);
	print_message("corpus: %zu KiB of paragraphs x %d widths: %lu layouts, "
	    "%lu rows in %.2f s\n", bytes / 1024, WMAX - WMIN + 1, st.calls,
	    st.rows, now() - t0);
	print_message("corpus: kinsoku given up where the glued run is wider "
	    "than the row: %lu\n", st.fallback);
	print_message("corpus: violations: width %lu cols %lu coverage %lu "
	    "start %lu end %lu pair %lu word %lu\n", st.bad_width, st.bad_cols,
	    st.bad_cover, st.bad_start, st.bad_end, st.bad_pair, st.bad_word);
	assert_int_equal(st.bad_cover, 0);
	assert_int_equal(st.bad_width, 0);
	assert_int_equal(st.bad_cols, 0);
	assert_int_equal(st.bad_start, 0);
	assert_int_equal(st.bad_end, 0);
	assert_int_equal(st.bad_pair, 0);
	assert_int_equal(st.bad_word, 0);
}

/* The same invariants on the blocks the real pipeline builds (decode,
 * sanitise, parse_txt, docbuild), through the cache. */
static void
test_corpus_docs_all_widths(void **state)
{
	struct stats st;
	struct load_opts lo = { NULL, -1, 0, 0 };
	struct layout_opts o = { WMIN, 1 };
	double t0 = now();
	size_t fi, bytes = 0;
	unsigned long blocks = 0, bad_rowof = 0;
	int w;

	(void)state;
	memset(&st, 0, sizeof st);
	if (nfiles == 0)
		skip();
	for (fi = 0; fi < nfiles; fi++) {
		struct doc *d = load_bytes(files[fi].path, files_raw[fi].data,
		    files_raw[fi].len, &lo);
		struct layout *l;
		uint32_t b, n, k;

		assert_non_null(d);
		bytes += files_raw[fi].len;
		blocks += d->nblocks;
		l = layout_new(d, &o);
		for (w = WMIN; w <= WMAX; w++) {
			layout_set_width(l, w);
			for (b = 0; b < d->nblocks; b++) {
				const struct row *r = layout_block_rows(l, b, &n);

				check_rows(&st, files[fi].path, b,
				    doc_block_text(d, b), d->blocks[b].text_len,
				    w, r, n);
				for (k = 0; k < n; k += 7) {
					struct doc_pos p = { b, r[k].start };

					if (layout_row_of(l, p) != k)
						bad_rowof++;
					/* row_of may evict; fetch again. */
					r = layout_block_rows(l, b, &n);
				}
			}
		}
		layout_free(l);
		doc_free(d);
	}
	print_message("docs: %zu KiB through load_bytes, %lu blocks x %d widths: "
	    "%lu rows in %.2f s\n", bytes / 1024, blocks, WMAX - WMIN + 1,
	    st.rows, now() - t0);
	print_message("docs: kinsoku given up where the glued run is wider "
	    "than the row: %lu\n", st.fallback);
	print_message("docs: violations: width %lu cols %lu coverage %lu "
	    "start %lu end %lu pair %lu word %lu row_of %lu\n", st.bad_width,
	    st.bad_cols, st.bad_cover, st.bad_start, st.bad_end, st.bad_pair,
	    st.bad_word, bad_rowof);
	assert_int_equal(st.bad_cover, 0);
	assert_int_equal(st.bad_width, 0);
	assert_int_equal(st.bad_cols, 0);
	assert_int_equal(st.bad_start, 0);
	assert_int_equal(st.bad_end, 0);
	assert_int_equal(st.bad_pair, 0);
	assert_int_equal(st.bad_word, 0);
	assert_int_equal(bad_rowof, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_all_widths),
		cmocka_unit_test(test_corpus_docs_all_widths),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, setup, teardown);
}
