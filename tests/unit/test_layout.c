/* test_layout.c - targeted cases for the line breaker (reading-quality.md
 * §1-2, security.md catalogue C) and the per-block cache. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "layout.h"
#include "utf8.h"
#include "util.h"

/* --- helpers ---------------------------------------------------------- */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Time budgets are for a normal build on an idle machine; valgrind or
 * a busy CI box can scale them with YUEDU_TIME_SCALE. */
static double
budget(double seconds)
{
	const char *e = getenv("YUEDU_TIME_SCALE");
	double k = e != NULL ? atof(e) : 1.0;

	return seconds * (k > 0 ? k : 1.0);
}

static uint32_t
cp_at(const char *s, uint32_t len, uint32_t off)
{
	uint32_t cp;

	utf8_decode(s + off, len - off, &cp);
	return cp;
}

/* Last code point of the drawn part of row r (0 when empty). */
static uint32_t
last_cp(const char *s, const struct row *r)
{
	if (r->vis_end == r->start)
		return 0;
	return cp_at(s, r->vis_end, (uint32_t)utf8_prev(s, r->vis_end));
}

/* Checks what holds for every layout: rows cover the text in order, the
 * drawn part is measured right and fits (width 1 exception), every row
 * makes progress. */
static void
check_rows(const char *s, uint32_t len, int width, const struct row *r,
    uint32_t n)
{
	uint32_t i, pos = 0;

	assert_true(n >= 1);
	for (i = 0; i < n; i++) {
		assert_int_equal(r[i].start, pos);
		assert_true(r[i].start <= r[i].vis_end);
		assert_true(r[i].vis_end <= r[i].end);
		if (len > 0)
			assert_true(r[i].end > r[i].start);
		assert_int_equal(r[i].cols, layout_str_width(s + r[i].start,
		    r[i].vis_end - r[i].start));
		if (width >= 2 || r[i].cols <= 1)
			assert_true(r[i].indent + r[i].cols <= width);
		else
			assert_int_equal(r[i].cols, 2);
		pos = r[i].end;
	}
	assert_int_equal(pos, len);
}

static struct row *
lay(const char *s, int width, int indent, int hang, int pre, uint32_t *n)
{
	uint32_t len = (uint32_t)strlen(s);
	struct row *r = layout_text(s, len, width, indent, hang, pre, n);

	check_rows(s, len, width, r, *n);
	return r;
}

/* Row i's full range as a NUL-terminated string (static buffer). */
static const char *
row_str(const char *s, const struct row *r, int vis)
{
	static char buf[4096];
	uint32_t e = vis ? r->vis_end : r->end;
	size_t k = MIN((size_t)(e - r->start), sizeof buf - 1);

	memcpy(buf, s + r->start, k);
	buf[k] = '\0';
	return buf;
}

static const uint32_t no_start_marks[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
	0x3011, 0x300B, 0x300D, 0x300F, 0x3015, 0x3009, 0x201D, 0x2019,
	0x2026, 0x2014, 0xFF5E, 0x00B7, 0x30FB, 0x3005, ',', '.', ';', ':',
	'?', '!', ')', ']', '}', 0x3041, 0x3063, 0x30A1, 0x30C3, 0x30E3,
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

/* Kinsoku over all rows: returns the number of violations. */
static int
kinsoku_violations(const char *s, uint32_t len, const struct row *r,
    uint32_t n)
{
	uint32_t i, a, b;
	int bad = 0;

	for (i = 0; i + 1 < n; i++) {
		if (r[i].end == r[i].vis_end + 1 && s[r[i].vis_end] == '\n')
			continue;	/* forced break */
		b = cp_at(s, len, r[i + 1].start);
		a = cp_at(s, len, (uint32_t)utf8_prev(s, r[i].end));
		if (in_list(b, no_start_marks, nitems(no_start_marks)))
			bad++;
		if (in_list(last_cp(s, &r[i]), no_end_marks,
		    nitems(no_end_marks)))
			bad++;
		if ((a == 0x2014 && b == 0x2014) ||
		    (a == 0x2026 && b == 0x2026))
			bad++;
	}
	return bad;
}

/* True when needle (which occurs once in s) is inside one row. */
static int
kept_whole(const char *s, const struct row *r, uint32_t n, const char *needle)
{
	const char *p = strstr(s, needle);
	uint32_t a, b, i;

	assert_non_null(p);
	a = (uint32_t)(p - s);
	b = a + (uint32_t)strlen(needle);
	for (i = 0; i < n; i++)
		if (r[i].start <= a && a < r[i].end)
			return b <= r[i].vis_end;
	return 0;
}

static const char *zh_text =
    "（一）指导思想。全面贯彻党的十九大精神，以习近平新时代中国特色社会主义"
    "思想为指导，加强党对“三农”工作的全面领导，坚持稳中求进工作总基调，牢固"
    "树立新发展理念——落实高质量发展的要求……统筹推进“五位一体”总体布局、协调"
    "推进“四个全面”战略布局。他说：“我们要《认真学习》「这篇文章」！”然后（"
    "暂停）继续【注释】这是『引号』里的话〔按〕〈书〉。其中“这”字、“那”字；"
    "还有：问号？感叹号！省略号……以及破折号——都要注意……好的——对。";

/* --- tests ------------------------------------------------------------- */

static void
test_empty(void **state)
{
	struct row *r;
	uint32_t n;

	(void)state;
	r = layout_text("", 0, 40, 4, 0, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].start, 0);
	assert_int_equal(r[0].end, 0);
	assert_int_equal(r[0].vis_end, 0);
	assert_int_equal(r[0].cols, 0);
	free(r);
	r = layout_text(NULL, 0, 1, 0, 0, 1, &n);
	assert_int_equal(n, 1);
	free(r);
}

static void
test_kinsoku(void **state)
{
	uint32_t len = (uint32_t)strlen(zh_text), n;
	struct row *r;
	int w;

	(void)state;
	/* From 10 columns up (6 on the indented first row) every mark can
	 * take its neighbours along: the longest glued runs in the text are
	 * （一） on the first row and 〈书〉。 (8 columns). */
	for (w = 10; w <= 120; w++) {
		r = lay(zh_text, w, 4, 0, 0, &n);
		assert_int_equal(kinsoku_violations(zh_text, len, r, n), 0);
		free(r);
	}
	/* Below that, width wins: still total, no row too wide. */
	for (w = 1; w < 10; w++) {
		r = lay(zh_text, w, 0, 0, 0, &n);
		free(r);
	}
}

static void
test_kinsoku_each_mark(void **state)
{
	static const char *marks[] = {
		"，", "。", "、", "；", "：", "？", "！", "）", "】", "》", "」",
		"』", "〕", "〉", "”", "’", "…", "—", "～", "·", "・", "々",
		",", ".", ";", ":", "?", "!", ")", "]", "}", "ぁ", "っ", "ャ",
	};
	static const char *opens[] = {
		"（", "【", "《", "「", "『", "〔", "〈", "“", "‘", "(", "[", "{",
	};
	char buf[256];
	struct row *r;
	uint32_t n;
	size_t i;
	int w;

	(void)state;
	/* The mark falls just past the row end: it must not start row 2. */
	for (i = 0; i < nitems(marks); i++) {
		for (w = 4; w <= 12; w++) {
			int k;

			buf[0] = '\0';
			for (k = 0; k < w / 2; k++)
				strcat(buf, "中");
			strcat(buf, marks[i]);
			strcat(buf, "文字");
			r = lay(buf, w, 0, 0, 0, &n);
			assert_int_equal(kinsoku_violations(buf,
			    (uint32_t)strlen(buf), r, n), 0);
			free(r);
		}
	}
	/* An opening mark at the row end must move down. */
	for (i = 0; i < nitems(opens); i++) {
		for (w = 4; w <= 12; w++) {
			int k;

			buf[0] = '\0';
			for (k = 0; k < w / 2 - 1; k++)
				strcat(buf, "中");
			strcat(buf, "文");
			strcat(buf, opens[i]);
			strcat(buf, "引文字");
			r = lay(buf, w, 0, 0, 0, &n);
			assert_int_equal(kinsoku_violations(buf,
			    (uint32_t)strlen(buf), r, n), 0);
			free(r);
		}
	}
}

static void
test_dash_ellipsis(void **state)
{
	static const char *t = "一二三四五六七八九十——一二三四五六七八九十……"
	    "一二三四五六七八九十——……——一二三四五六七八九十";
	uint32_t len = (uint32_t)strlen(t), n, i;
	struct row *r;
	int w;

	(void)state;
	/* 十——……—— cannot be split anywhere: 8 columns (— and … are
	 * ambiguous, 1 column here); below that width wins. */
	for (w = 1; w < 8; w++)
		free(lay(t, w, 0, 0, 0, &n));
	for (w = 8; w <= 60; w++) {
		r = lay(t, w, 0, 0, 0, &n);
		for (i = 0; i + 1 < n; i++) {
			uint32_t a = cp_at(t, len,
			    (uint32_t)utf8_prev(t, r[i].end));
			uint32_t b = cp_at(t, len, r[i + 1].start);

			assert_false(a == 0x2014 && b == 0x2014);
			assert_false(a == 0x2026 && b == 0x2026);
			assert_false(b == 0x2014 || b == 0x2026);
		}
		free(r);
	}
}

static void
test_latin_words(void **state)
{
	static const char *t = "The quick brown fox jumps over the lazy dog "
	    "and then extraordinarily keeps running.";
	uint32_t n, i, len = (uint32_t)strlen(t);
	struct row *r;
	int w;

	(void)state;
	for (w = 16; w <= 80; w++) {
		r = lay(t, w, 0, 0, 0, &n);
		/* Every row ends at a space or the end: no word split. */
		for (i = 0; i + 1 < n; i++) {
			assert_int_equal(t[r[i].end - 1], ' ');
			assert_true(r[i].cols <= w);
		}
		assert_int_equal(r[n - 1].end, len);
		free(r);
	}
	/* A word longer than the line breaks at the width. */
	r = lay("a supercalifragilisticexpialidocious b", 10, 0, 0, 0, &n);
	assert_string_equal(row_str("a supercalifragilisticexpialidocious b",
	    &r[0], 1), "a");
	assert_int_equal(r[1].cols, 10);
	assert_string_equal(row_str("a supercalifragilisticexpialidocious b",
	    &r[1], 1), "supercalif");
	free(r);
	/* Trailing spaces stay in the range but are not drawn. */
	r = lay("hello   world", 8, 0, 0, 0, &n);
	assert_int_equal(n, 2);
	assert_string_equal(row_str("hello   world", &r[0], 0), "hello   ");
	assert_string_equal(row_str("hello   world", &r[0], 1), "hello");
	assert_int_equal(r[0].cols, 5);
	free(r);
}

static void
test_numbers_urls(void **state)
{
	static const char *t = "圆周率约为3.14，日期是2025-02-26，完成率100%，"
	    "网址https://example.com/a/b供参考，价格¥100元，温度-5℃左右。";
	static const char *keep[] = {
		"3.14", "2025-02-26", "100%", "https://example.com/a/b",
		"¥100元", "-5℃",
	};
	uint32_t n;
	struct row *r;
	size_t k;
	int w;

	(void)state;
	for (w = 24; w <= 100; w++) {
		r = lay(t, w, 0, 0, 0, &n);
		for (k = 0; k < nitems(keep); k++)
			assert_true(kept_whole(t, r, n, keep[k]));
		free(r);
	}
	/* In Latin text too. */
	for (w = 24; w <= 60; w++) {
		static const char *e = "see https://example.com/a/b and "
		    "2025-02-26 or 3.14 or 100% today";

		r = lay(e, w, 0, 0, 0, &n);
		for (k = 0; k < 4; k++)
			assert_true(kept_whole(e, r, n, keep[k]));
		free(r);
	}
	/* A URL longer than the line breaks at the width, nothing lost. */
	r = lay("x https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbb",
	    12, 0, 0, 0, &n);
	assert_true(n >= 5);
	assert_string_equal(row_str(
	    "x https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaa/bbbbbbbbbbb",
	    &r[0], 1), "x");
	assert_int_equal(r[1].cols, 12);
	free(r);
}

static void
test_clusters(void **state)
{
	static const char *parts[] = {
		"e\xcc\x81",					/* é */
		"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
		"\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6",	/* family */
		"\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3",		/* flag CN */
		"\xe2\x9d\xa4\xef\xb8\x8f",			/* ❤️ */
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",		/* 👍🏽 */
		"1\xef\xb8\x8f\xe2\x83\xa3",			/* 1️⃣ */
	};
	static const int widths[] = { 1, 2, 2, 2, 2, 2 };
	char buf[1024];
	struct row *r;
	uint32_t n, i, j;
	size_t k;
	int w;

	(void)state;
	for (k = 0; k < nitems(parts); k++)
		assert_int_equal(layout_str_width(parts[k], strlen(parts[k])),
		    widths[k]);
	/* A run of each cluster (no spaces, so breaks are emergency or
	 * ICU's): every row boundary is a cluster boundary. */
	for (k = 0; k < nitems(parts); k++) {
		size_t pl = strlen(parts[k]);

		buf[0] = '\0';
		for (j = 0; j < 20 && strlen(buf) + pl < sizeof buf; j++)
			strcat(buf, parts[k]);
		for (w = 1; w <= 13; w++) {
			r = lay(buf, w, 0, 0, 0, &n);
			for (i = 0; i < n; i++)
				assert_int_equal(r[i].start % pl, 0);
			free(r);
		}
	}
	/* Combining storm: one cluster of width 1, no split, fast. */
	{
		size_t m = 100000, len = 1 + 2 * m;
		char *s = xmalloc(len + 2);
		double t0 = now();

		s[0] = 'e';
		for (j = 0; j < m; j++)
			memcpy(s + 1 + 2 * j, "\xcc\x81", 2);
		s[len] = 'x';
		s[len + 1] = '\0';
		r = lay(s, 10, 0, 0, 0, &n);
		assert_int_equal(n, 1);
		assert_int_equal(r[0].cols, 2);
		free(r);
		r = lay(s, 1, 0, 0, 0, &n);
		assert_int_equal(n, 2);
		assert_int_equal(r[0].end, len);
		free(r);
		free(s);
		assert_true(now() - t0 < budget(2.0));
	}
}

static void
test_wide_last_column(void **state)
{
	static const int widths[] = { 2, 3, 10, 11, 40, 79, 80, 81, 199 };
	char buf[256];
	struct row *r;
	uint32_t n;
	size_t k;

	(void)state;
	/* COLS-1 ASCII then 中: 中 goes to the next row (catalogue C6). */
	for (k = 0; k < nitems(widths); k++) {
		int w = widths[k];

		memset(buf, 'a', (size_t)w - 1);
		strcpy(buf + w - 1, "中");
		r = lay(buf, w, 0, 0, 0, &n);
		assert_int_equal(n, 2);
		assert_int_equal(r[0].cols, w - 1);
		assert_string_equal(row_str(buf, &r[1], 1), "中");
		free(r);
	}
	/* Odd widths of pure CJK: rows are one column short. */
	r = lay("一二三四五六七八九十", 7, 0, 0, 0, &n);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].cols, 6);
	free(r);
	/* Width 1: a wide glyph gets a row of its own (the exception). */
	r = lay("a中b", 1, 0, 0, 0, &n);
	assert_int_equal(n, 3);
	assert_int_equal(r[1].cols, 2);
	free(r);
}

static void
test_indent_hang(void **state)
{
	static const char *t = "一二三四五六七八九十一二三四五六七八九十";
	struct row *r;
	uint32_t n, i;

	(void)state;
	r = lay(t, 20, 4, 2, 0, &n);
	assert_int_equal(r[0].indent, 4);
	assert_int_equal(r[0].cols, 16);
	for (i = 1; i < n; i++) {
		assert_int_equal(r[i].indent, 2);
		assert_true(r[i].cols <= 18);
	}
	assert_int_equal(r[1].cols, 18);
	free(r);
	/* Too deep: at least 2 columns stay (1 at width 1). */
	r = lay(t, 10, 40, 40, 0, &n);
	for (i = 0; i < n; i++) {
		assert_int_equal(r[i].indent, 8);
		assert_int_equal(r[i].cols, 2);
	}
	free(r);
	r = lay("abc", 1, 5, 5, 0, &n);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].indent, 0);
	free(r);
	/* Negative indents are treated as 0. */
	r = lay("abc", 10, -3, -3, 0, &n);
	assert_int_equal(r[0].indent, 0);
	free(r);
}

static void
test_pre(void **state)
{
	static const char *t = "line one\n  indented line two is long\n\nend\n";
	struct row *r;
	uint32_t n;

	(void)state;
	r = lay(t, 80, 0, 0, 1, &n);
	assert_int_equal(n, 4);
	assert_string_equal(row_str(t, &r[0], 0), "line one\n");
	assert_string_equal(row_str(t, &r[0], 1), "line one");
	assert_string_equal(row_str(t, &r[1], 1), "  indented line two is long");
	assert_string_equal(row_str(t, &r[2], 0), "\n");
	assert_int_equal(r[2].cols, 0);
	assert_string_equal(row_str(t, &r[3], 0), "end\n");
	free(r);
	/* Long lines wrap, never across '\n'. */
	r = lay(t, 12, 0, 0, 1, &n);
	assert_string_equal(row_str(t, &r[0], 0), "line one\n");
	assert_string_equal(row_str(t, &r[1], 1), "  indented");
	free(r);
	/* A '\n' in a paragraph is a forced break too. */
	r = lay("中文\n字", 40, 0, 0, 0, &n);
	assert_int_equal(n, 2);
	free(r);
	/* Width 1 and 2 in pre mode terminate. */
	r = lay(t, 1, 0, 0, 1, &n);
	free(r);
	r = lay("中\n\n中中\n", 2, 0, 0, 1, &n);
	assert_int_equal(n, 4);
	free(r);
}

static void
test_narrow(void **state)
{
	static const char *t[] = {
		"中文，测试。", "（（（（（（", "。。。。。。", "——……——",
		"a中b，c。d", "ab cd ef", "  ", "\n\n", "ﾟ", "e\xcc\x81",
		"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
	};
	struct row *r;
	uint32_t n;
	size_t k;
	int w;

	(void)state;
	for (k = 0; k < nitems(t); k++) {
		for (w = -1; w <= 4; w++) {
			r = lay(t[k], w < 1 ? 1 : w, 0, 0, 0, &n);
			free(r);
			r = lay(t[k], w < 1 ? 1 : w, 3, 1, 1, &n);
			free(r);
		}
	}
	/* A width of 0 or less is treated as 1 and still terminates. */
	r = layout_text("abc", 3, 0, 0, 0, 0, &n);
	assert_int_equal(n, 3);
	free(r);
}

static void
test_zero_width_storm(void **state)
{
	size_t m = 1000000, len = 3 * m + 3, j;
	char *s = xmalloc(len + 1);
	double t0;
	struct row *r;
	uint32_t n;

	(void)state;
	for (j = 0; j < m; j++)
		memcpy(s + 3 * j, "\xe2\x80\x8b", 3);	/* U+200B */
	memcpy(s + 3 * m, "END", 4);
	t0 = now();
	r = layout_text(s, (uint32_t)len, 80, 0, 0, 0, &n);
	check_rows(s, (uint32_t)len, 80, r, n);
	assert_int_equal(r[n - 1].cols, 3);
	free(r);
	/* Word joiners: no break opportunities at all. */
	for (j = 0; j < m; j++)
		memcpy(s + 3 * j, "\xe2\x81\xa0", 3);	/* U+2060 */
	r = layout_text(s, (uint32_t)len, 2, 0, 0, 0, &n);
	check_rows(s, (uint32_t)len, 2, r, n);
	free(r);
	/* ZWJ: one giant cluster. */
	for (j = 0; j < m; j++)
		memcpy(s + 3 * j, "\xe2\x80\x8d", 3);	/* U+200D */
	r = layout_text(s, (uint32_t)len, 2, 0, 0, 0, &n);
	check_rows(s, (uint32_t)len, 2, r, n);
	free(r);
	free(s);
	print_message("zero-width storms (3 x 10^6 chars): %.2f s\n",
	    now() - t0);
	assert_true(now() - t0 < budget(5.0));
}

static void
test_big_block(void **state)
{
	/* A 64 KiB block of CJK, of Latin words and of one long word. */
	size_t len = 64 * 1024, j;
	char *s = xmalloc(len + 4);
	double t0 = now();
	struct row *r;
	uint32_t n, nn;
	int w;

	(void)state;
	for (j = 0; j + 3 <= len; j += 3)
		memcpy(s + j, (j / 3) % 17 == 16 ? "。" : "中", 3);
	nn = (uint32_t)j;
	for (w = 10; w <= 200; w += 19) {
		r = layout_text(s, nn, w, 4, 0, 0, &n);
		check_rows(s, nn, w, r, n);
		free(r);
	}
	for (j = 0; j < len; j++)
		s[j] = (j % 7 == 6) ? ' ' : 'a' + (char)(j % 26);
	for (w = 10; w <= 200; w += 19) {
		r = layout_text(s, (uint32_t)len, w, 0, 0, 0, &n);
		check_rows(s, (uint32_t)len, w, r, n);
		free(r);
	}
	memset(s, 'x', len);
	r = layout_text(s, (uint32_t)len, 80, 0, 0, 0, &n);
	check_rows(s, (uint32_t)len, 80, r, n);
	assert_int_equal(n, (len + 79) / 80);
	free(r);
	free(s);
	assert_true(now() - t0 < budget(3.0));
}

static void
test_invalid_utf8(void **state)
{
	static const char t[] = "ab\xff\xfe中\xe4\xb8文\xc0\x80";
	struct row *r;
	uint32_t n;
	int w;

	(void)state;
	for (w = 1; w <= 12; w++) {
		r = layout_text(t, sizeof t - 1, w, 0, 0, 0, &n);
		check_rows(t, sizeof t - 1, w, r, n);
		free(r);
	}
}

/* --- the cache over a hand-built doc ---------------------------------- */

static struct doc *
make_doc(uint32_t nblocks)
{
	static const char *texts[] = {
		"标题", "第一段文字，比较长一些，用来测试换行。", "",
		"引用的文字内容", "code line\n  second\n", "续段落",
	};
	static const uint8_t types[] = {
		BLOCK_HEADING, BLOCK_PARA, BLOCK_RULE, BLOCK_QUOTE, BLOCK_PRE,
		BLOCK_PARA,
	};
	struct doc *d = xcalloc(1, sizeof *d);
	struct buf b;
	uint32_t i;

	buf_init(&b);
	d->blocks = xcalloc(nblocks, sizeof *d->blocks);
	for (i = 0; i < nblocks; i++) {
		struct block *bl = &d->blocks[i];
		const char *t = texts[i % nitems(texts)];

		bl->text_off = (uint32_t)b.len;
		bl->text_len = (uint32_t)strlen(t);
		buf_put(&b, t, strlen(t));
		bl->type = types[i % nitems(types)];
		bl->level = bl->type == BLOCK_QUOTE ? 2 : 1;
		if (bl->type == BLOCK_PARA)
			bl->indent = 4;
		if (i % nitems(texts) == 5)
			bl->flags = BLOCK_F_CONT;
	}
	buf_putc(&b, '\0');
	d->text = buf_detach(&b, &d->text_len);
	d->text_len--;
	d->nblocks = nblocks;
	return d;
}

static void
free_doc(struct doc *d)
{
	free(d->text);
	free(d->blocks);
	free(d);
}

static void
test_cache(void **state)
{
	struct layout_opts o = { 12, 1 };
	struct doc *d = make_doc(20000);
	struct layout *l = layout_new(d, &o);
	const struct row *r;
	uint32_t n, b, k;
	struct doc_pos p;

	(void)state;
	assert_int_equal(layout_width(l), 12);
	/* Paragraph: indent 4 on the first row. */
	r = layout_block_rows(l, 1, &n);
	assert_true(n >= 3);
	assert_int_equal(r[0].indent, 4);
	assert_int_equal(r[0].cols, 8);
	assert_int_equal(r[1].indent, 0);
	check_rows(doc_block_text(d, 1), d->blocks[1].text_len, 12, r, n);
	/* Rule: one empty row. */
	r = layout_block_rows(l, 2, &n);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].end, 0);
	/* Quote level 2: 4 columns of bars. */
	r = layout_block_rows(l, 3, &n);
	assert_int_equal(r[0].indent, 4);
	assert_int_equal(r[1].indent, 4);
	/* PRE keeps its lines. */
	r = layout_block_rows(l, 4, &n);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].end, 10);
	/* Out of range: one empty row, no crash. */
	r = layout_block_rows(l, 999999, &n);
	assert_int_equal(n, 1);
	/* Gaps. */
	assert_int_equal(layout_gap_before(l, 0), 0);
	assert_int_equal(layout_gap_before(l, 1), 1);
	assert_int_equal(layout_gap_before(l, 5), 0);	/* BLOCK_F_CONT */
	assert_int_equal(layout_gap_before(l, 999999), 0);
	/* Row of a position. */
	p.block = 1;
	r = layout_block_rows(l, 1, &n);
	for (k = 0; k < n; k++) {
		p.off = r[k].start;
		assert_int_equal(layout_row_of(l, p), k);
		p.off = r[k].end - 1;
		assert_int_equal(layout_row_of(l, p), k);
	}
	p.off = 100000;
	assert_int_equal(layout_row_of(l, p), n - 1);
	/* Stream every block twice (evictions), then compare with a
	 * fresh layout_text for a sample. */
	for (k = 0; k < 2; k++)
		for (b = 0; b < d->nblocks; b++) {
			r = layout_block_rows(l, b, &n);
			assert_true(n >= 1);
		}
	for (b = 0; b < d->nblocks; b += 997) {
		struct row *fresh;
		uint32_t nf;
		const struct block *bl = &d->blocks[b];

		r = layout_block_rows(l, b, &n);
		if (bl->type == BLOCK_RULE || bl->type == BLOCK_QUOTE)
			continue;
		fresh = layout_text(doc_block_text(d, b), bl->text_len, 12,
		    bl->indent, bl->hang, bl->type == BLOCK_PRE, &nf);
		assert_int_equal(nf, n);
		assert_memory_equal(fresh, r, n * sizeof *r);
		free(fresh);
	}
	/* New width drops the cache. */
	layout_set_width(l, 40);
	assert_int_equal(layout_width(l), 40);
	r = layout_block_rows(l, 1, &n);
	assert_int_equal(n, 2);
	layout_set_width(l, 0);
	assert_int_equal(layout_width(l), 1);
	r = layout_block_rows(l, 1, &n);
	check_rows(doc_block_text(d, 1), d->blocks[1].text_len, 1, r, n);
	layout_free(l);
	layout_free(NULL);
	free_doc(d);
}

/* What the view draws takes exactly the columns layout planned, whatever
 * the emoji sequence: ncursesw counts cells per code point. */
static void
test_draw_form(void **state)
{
	static const char *const cases[] = {
		"a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" "b",
		"\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xA8",	/* 🇨🇳 + a lone RI */
		"\xE2\x9D\xA4\xEF\xB8\x8F ok",		/* ❤️ */
		"1\xEF\xB8\x8F\xE2\x83\xA3 12",		/* 1️⃣ then plain digits */
		"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD\xE4\xB8\xAD",	/* 👍🏽中 */
		"\xF0\x9F\x91\x89 mbgs777 \xF0\x9F\x91\x88",	/* 👉 … 👈 */
		"e\xCC\x81 \xE4\xB8\xAD\xE6\x96\x87 plain",
	};
	struct buf out;
	size_t i;

	(void)state;
	buf_init(&out);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		out.len = 0;
		layout_draw_form(cases[i], strlen(cases[i]), &out);
		assert_int_equal(utf8_str_width(out.data, out.len),
		    layout_str_width(cases[i], strlen(cases[i])));
	}
	/* plain text is drawn as it is */
	out.len = 0;
	layout_draw_form(cases[6], strlen(cases[6]), &out);
	assert_int_equal(out.len, strlen(cases[6]));
	assert_memory_equal(out.data, cases[6], out.len);
	buf_free(&out);
}

/* Occurrences of the n-byte needle in s[0..len) (memmem is not C11). */
static unsigned
count_bytes(const char *s, size_t len, const char *needle, size_t n)
{
	unsigned c = 0;

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			c++;
	return c;
}

/* Reveal-invisibles: soft hyphen, zero-width space and word joiner take
 * a column each, the rows still fit, and what the view draws has the ‸
 * marker where they are, in exactly the columns layout planned. */
static void
test_reveal_invisibles(void **state)
{
	static const char text[] =
	    "\xE8\xBD\xAF\xC2\xAD\xE4\xBB\xB6 zero\xE2\x80\x8Bwidth "
	    "\xE4\xB8\xAD\xE6\x96\x87\xE2\x81\xA0\xE5\xAD\x97 "
	    "soft\xC2\xADhy\xC2\xADphen \xE2\x80\x8B\xE2\x80\x8B "
	    "a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9" "b";
	const uint32_t len = (uint32_t)strlen(text);
	const int widths[] = { 2, 3, 7, 10, 80 };
	struct buf form;
	struct row *r;
	uint32_t n, i, markers;
	size_t w_off, w_on;

	(void)state;
	buf_init(&form);
	w_off = layout_str_width(text, len);
	utf8_set_reveal_invisibles(true);
	assert_int_equal(utf8_width(0xAD), 1);
	assert_int_equal(utf8_width(0x200B), 1);
	assert_int_equal(utf8_width(UTF8_REVEAL_MARKER), 1);
	w_on = layout_str_width(text, len);
	/* 0xAD is 1 column in glibc already; U+200B x3 and U+2060 gain one */
	assert_int_equal(w_on, w_off + 4);
	for (size_t k = 0; k < nitems(widths); k++) {
		r = lay(text, widths[k], 0, 0, 0, &n);
		markers = 0;
		for (i = 0; i < n; i++) {
			form.len = 0;
			layout_draw_form(text + r[i].start,
			    r[i].vis_end - r[i].start, &form);
			assert_int_equal(utf8_str_width(form.data, form.len),
			    r[i].cols);
			assert_true(r[i].cols <= widths[k]);
			markers += count_bytes(form.data, form.len,
			    "\xE2\x80\xB8", 3);
			/* nothing invisible is left in what is drawn */
			assert_int_equal(count_bytes(form.data, form.len,
			    "\xC2\xAD", 2), 0);
			assert_int_equal(count_bytes(form.data, form.len,
			    "\xE2\x80\x8B", 3), 0);
		}
		/* 3 soft hyphens, 3 ZWSP, 1 WJ; the emoji's ZWJ is not one */
		assert_int_equal(markers, 7);
		free(r);
	}
	utf8_set_reveal_invisibles(false);
	assert_int_equal(utf8_width(0x200B), 0);
	assert_int_equal(layout_str_width(text, len), w_off);
	form.len = 0;
	layout_draw_form(text, len, &form);
	assert_int_equal(count_bytes(form.data, form.len, "\xE2\x80\xB8", 3),
	    0);
	buf_free(&form);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_kinsoku),
		cmocka_unit_test(test_kinsoku_each_mark),
		cmocka_unit_test(test_dash_ellipsis),
		cmocka_unit_test(test_latin_words),
		cmocka_unit_test(test_numbers_urls),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_wide_last_column),
		cmocka_unit_test(test_indent_hang),
		cmocka_unit_test(test_pre),
		cmocka_unit_test(test_narrow),
		cmocka_unit_test(test_zero_width_storm),
		cmocka_unit_test(test_big_block),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_draw_form),
		cmocka_unit_test(test_reveal_invisibles),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
