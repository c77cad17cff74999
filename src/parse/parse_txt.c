/* parse_txt.c - structure from plain text (reading-quality.md §3-4).
 *
 * Three passes over the already sanitised UTF-8 (load.c runs
 * sanitize_append first, so text goes to the builder as it is):
 *  1. lines: offsets, indent, blank or not;
 *  2. paragraphs: blank lines, an indented new line, a heading-like line,
 *     or a sentence end split paragraphs; hard-wrapped lines are joined;
 *  3. classification: each paragraph's leading number (第一章, 一、, （一）,
 *     1., 1.1, （1）, ①, ...) makes it a *candidate*; candidates are scored
 *     against their context (run-in title, sentence shape, cross-reference
 *     words, dense sibling lists, 目录 blocks, article context, numbering
 *     continuity) before they become headings.  Levels come from the styles
 *     in the order first met, with the chapter words (编 > 分编 > 章 > 节)
 *     ranked by meaning.
 * The title, date and source lines before the body become metadata, and a
 * trailing 相关阅读 / See also section becomes a related-reading list. */
#include "parse.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "util.h"

#define TXT_LINES_MAX 2000000u

struct line {
	uint32_t off;		/* start of the line in the text */
	uint32_t len;		/* bytes, without '\n' */
	uint32_t c_off;		/* content (indent and trailing blanks trimmed) */
	uint32_t c_len;
	uint16_t indent;	/* columns of leading white space */
	uint16_t width;		/* columns of the content */
	bool blank;
};

enum style {
	ST_NONE,
	/* chapter words: ranked by meaning, not by order */
	ST_JUAN, ST_BIAN, ST_FENBIAN, ST_ZHANG, ST_JIE, ST_HUI,
	ST_TIAO,		/* 第N条: an article, never an outline heading */
	/* numbering: levels in the order first met */
	ST_CN_DUN,		/* 一、 一. */
	ST_CN_PAREN,		/* （一） (一) */
	ST_AR_DOT,		/* 1. 1、 1． */
	ST_AR_PAREN,		/* （1） (1) */
	ST_AR_CLOSE,		/* 1) 1】 */
	ST_CIRCLED,		/* ① */
	ST_AR_MULTI2, ST_AR_MULTI3, ST_AR_MULTI4,	/* 1.1  1.1.1  1.1.1.1 */
	ST_EN_CHAPTER,		/* Chapter 3, Part II */
	ST_BULLET,		/* "- ", "• ": a list item, never a heading */
	ST_PLAIN,		/* an unnumbered short line set apart */
	ST_SPECIAL,		/* 序言 前言 后记 附录 ... */
	ST_RELATED,		/* 相关阅读 See also ... */
	ST__COUNT
};

static bool
is_chapter_style(int s)
{
	return s >= ST_JUAN && s <= ST_HUI;
}

static int
chapter_rank(int s)
{
	switch (s) {
	case ST_JUAN:
		return 0;
	case ST_BIAN:
		return 1;
	case ST_FENBIAN:
		return 2;
	case ST_ZHANG:
	case ST_HUI:
		return 3;
	case ST_JIE:
		return 4;
	default:
		return 9;
	}
}

struct para {
	uint32_t first, last;	/* line indices */
	uint32_t off, len;	/* content of the first line .. last line */
	uint16_t indent;
	uint16_t blank_before;	/* blank lines before it */
	/* candidate */
	int style;
	long num;		/* number value (-1 unknown) */
	uint32_t label_len;	/* bytes of label from off */
	uint32_t title_off;	/* from off */
	uint32_t title_len;
	bool runin;
	/* decision */
	enum { P_TEXT, P_HEADING, P_ARTICLE, P_ITEM, P_TOC, P_TOCHEAD,
	    P_META, P_RELATED, P_LINK } kind;
	int meta;
	int level;
};

struct ctx {
	const char *t;
	size_t n;
	struct line *lines;
	uint32_t nlines;
	struct para *paras;
	uint32_t nparas, cap;
	uint32_t wrap_width;	/* typical width of hard-wrapped lines, 0 none */
	bool blank_style;	/* paragraphs are separated by blank lines */
};

/* ---- characters ---- */

static uint32_t
cp_at(const char *s, size_t n, size_t *k)
{
	uint32_t cp = 0;

	*k = utf8_decode(s, n, &cp);
	return cp;
}

static bool
is_space_cp(uint32_t cp)
{
	/* zero-width space, word joiner and BOM count as white space: a line
	 * holding only them is blank */
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 ||
	    cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

/* Sentence or clause ends: a line ending with one is complete. */
static bool
is_terminal(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '.' ||
	    cp == '!' || cp == '?' || cp == 0xFF1B || cp == ';' ||
	    cp == 0x2026 || cp == 0x201D || cp == 0x300D || cp == 0x300F ||
	    cp == 0xFF09 || cp == ')' || cp == 0xFF1A || cp == ':';
}

static bool
is_open_paren(uint32_t cp)
{
	return cp == 0xFF08 || cp == '(';
}

static bool
is_close_paren(uint32_t cp)
{
	return cp == 0xFF09 || cp == ')';
}

static int
cn_digit(uint32_t cp)
{
	static const struct { uint32_t cp; int v; } d[] = {
		{ 0x3007, 0 }, { 0x96F6, 0 }, { 0x4E00, 1 }, { 0x4E8C, 2 },
		{ 0x4E24, 2 }, { 0x4E09, 3 }, { 0x56DB, 4 }, { 0x4E94, 5 },
		{ 0x516D, 6 }, { 0x4E03, 7 }, { 0x516B, 8 }, { 0x4E5D, 9 },
		{ 0x58F9, 1 }, { 0x8D30, 2 }, { 0x53C1, 3 }, { 0x8086, 4 },
		{ 0x4F0D, 5 }, { 0x9646, 6 }, { 0x67D2, 7 }, { 0x634C, 8 },
		{ 0x7396, 9 },
	};
	size_t i;

	for (i = 0; i < nitems(d); i++)
		if (d[i].cp == cp)
			return d[i].v;
	return -1;
}

static int
cn_unit(uint32_t cp)
{
	switch (cp) {
	case 0x5341: case 0x62FE:	/* 十 拾 */
		return 10;
	case 0x767E: case 0x4F70:	/* 百 佰 */
		return 100;
	case 0x5343: case 0x4EDF:	/* 千 仟 */
		return 1000;
	default:
		return 0;
	}
}

/* Parses a Chinese numeral (一, 十二, 二十, 一百零五, 一千二百六十);
 * returns bytes used (0 if none) and the value. */
static size_t
parse_cn_number(const char *s, size_t n, long *val)
{
	size_t i = 0, k;
	long total = 0, digit = -1;
	int chars = 0;

	while (i < n && chars < 12) {
		uint32_t cp = cp_at(s + i, n - i, &k);
		int d = cn_digit(cp), u = cn_unit(cp);

		if (d >= 0)
			digit = d;
		else if (u > 0) {
			total += (digit < 0 ? 1 : digit) * u;
			digit = -1;
		} else
			break;
		i += k;
		chars++;
	}
	if (chars == 0)
		return 0;
	if (digit > 0)
		total += digit;
	*val = total;
	return i;
}

/* ASCII or full-width digits. */
static size_t
parse_ar_number(const char *s, size_t n, long *val)
{
	size_t i = 0, k;
	long v = 0;
	int digits = 0;

	while (i < n && digits < 6) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (cp >= '0' && cp <= '9')
			v = v * 10 + (long)(cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			v = v * 10 + (long)(cp - 0xFF10);
		else
			break;
		i += k;
		digits++;
	}
	if (digits == 0 || digits >= 6)
		return 0;
	*val = v;
	return i;
}

static bool
starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(s, lit, k) == 0;
}

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	size_t k;

	while (i < n && is_space_cp(cp_at(s + i, n - i, &k)))
		i += k;
	return i;
}

/* Compares text ignoring white space (目　　录 == 目录). */
static bool
eq_nospace(const char *s, size_t n, const char *lit)
{
	size_t i = 0, j = 0, k, m = strlen(lit);

	while (i < n) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (is_space_cp(cp)) {
			i += k;
			continue;
		}
		if (j + k > m || memcmp(s + i, lit + j, k) != 0)
			return false;
		i += k;
		j += k;
	}
	return j == m;
}

static const char *const special_words[] = {
	"序言", "序", "前言", "引言", "导言", "绪论", "后记", "跋", "附录",
	"结语", "结束语", "尾声", "楔子", "序章", "引子", "附则", "总则",
	"Preface", "Introduction", "Epilogue", "Appendix", "Conclusion",
	"Foreword", "Afterword", "Prologue",
};

static const char *const related_words[] = {
	"相关阅读", "相关文章", "推荐阅读", "延伸阅读", "最近更新", "热门文章",
	"相关推荐", "猜你喜欢", "热门推荐", "最新文章", "更多阅读", "相关链接",
	"扩展阅读", "参考阅读", "Related", "Related articles", "Related posts",
	"Related reading", "See also", "Further reading", "Read more",
	"Recommended reading", "More to read",
};

static bool
matches_word_line(const char *s, size_t n, const char *const *words,
    size_t nwords)
{
	size_t i, k;
	uint32_t cp;

	if (n > 64)
		return false;	/* every word is short: skip long lines fast */
	/* A trailing colon is allowed after 相关阅读, not after 附录 (a
	 * label introducing what follows). */
	if (n > 0 && words == related_words) {
		size_t p = utf8_prev(s, n);

		cp = cp_at(s + p, n - p, &k);
		if (cp == 0xFF1A || cp == ':')
			n = p;
	}
	if (n == 0)
		return false;
	for (i = 0; i < nwords; i++) {
		size_t m;

		/* Cheap first-byte test: this runs for every short line. */
		if ((unsigned char)s[0] < 0x80 ?
		    tolower((unsigned char)s[0]) !=
		    tolower((unsigned char)words[i][0]) : s[0] != words[i][0])
			continue;
		m = strlen(words[i]);
		if (eq_nospace(s, n, words[i]))
			return true;
		if (n == m && strncasecmp(s, words[i], m) == 0)
			return true;
	}
	return false;
}

/* ---- pass 1: lines ---- */

static void
split_lines(struct ctx *c)
{
	uint32_t cap = 1024, i = 0;
	size_t pos = 0;

	c->lines = xreallocarray(NULL, cap, sizeof *c->lines);
	while (pos < c->n) {
		const char *nl = memchr(c->t + pos, '\n', c->n - pos);
		size_t end = nl ? (size_t)(nl - c->t) : c->n, p = pos, k;
		struct line *l;
		unsigned ind = 0;

		if (i == cap) {
			cap *= 2;
			c->lines = xreallocarray(c->lines, cap, sizeof *c->lines);
		}
		l = &c->lines[i++];
		l->off = (uint32_t)pos;
		l->len = (uint32_t)(end - pos);
		while (p < end) {
			uint32_t cp = cp_at(c->t + p, end - p, &k);

			if (!is_space_cp(cp))
				break;
			ind += cp == 0x3000 ? 2 : 1;
			p += k;
		}
		l->indent = (uint16_t)MIN(ind, 60u);
		l->c_off = (uint32_t)p;
		while (end > p) {
			size_t q = utf8_prev(c->t, end);

			if (!is_space_cp(cp_at(c->t + q, end - q, &k)))
				break;
			end = q;
		}
		l->c_len = (uint32_t)(end - p);
		l->blank = l->c_len == 0;
		/* Only widths up to ~160 columns matter (wrap detection);
		 * do not measure long paragraph lines. */
		l->width = end - p > 512 ? 60000 : (uint16_t)MIN(
		    utf8_str_width(c->t + p, end - p), 60000u);
		pos = nl ? end + (size_t)(c->t + end == nl ? 1 : 0) : c->n;
		if (nl)
			pos = (size_t)(nl - c->t) + 1;
	}
	c->nlines = i;
}

/* How much shorter than the margin a wrapped line may be. */
static uint32_t
wrap_slack(uint32_t wrap)
{
	return MAX(8u, wrap / 5);
}

/* Hard-wrapped text has many lines of nearly the same width, none much
 * longer.  Returns that width, or 0 when lines are paragraphs. */
static uint32_t
find_wrap_width(const struct ctx *c)
{
	uint32_t hist[161] = { 0 }, i, total = 0, over = 0, acc = 0, p90 = 0;

	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].blank)
			continue;
		total++;
		if (c->lines[i].width + c->lines[i].indent > 160)
			over++;
		else
			hist[c->lines[i].width + c->lines[i].indent]++;
	}
	if (total < 8 || over * 20 > total)
		return 0;
	for (i = 160; i > 0; i--) {
		acc += hist[i];
		if (acc * 10 >= total) {
			p90 = i;
			break;
		}
	}
	/* Lines near p90 must be common, or widths are just random.  Word
	 * wrapping leaves lines up to a word shorter than the margin. */
	acc = 0;
	for (i = p90 > wrap_slack(p90) ? p90 - wrap_slack(p90) : 0;
	    i <= p90 + 2 && i <= 160; i++)
		acc += hist[i];
	if (p90 < 30 || acc * 4 < total)
		return 0;
	return p90;
}

/* ---- candidates ---- */

/* Fills the candidate fields of p from its first line. */
static void
find_label(const struct ctx *c, struct para *p)
{
	const char *s = c->t + p->off;
	size_t n = c->lines[p->first].c_len, i = 0, k, j;
	uint32_t cp;
	long v = -1;

	p->style = ST_NONE;
	p->num = -1;
	p->label_len = 0;
	if (n == 0)
		return;
	cp = cp_at(s, n, &k);
	if ((cp == '-' || cp == '*' || cp == '+' || cp == 0x2022 ||
	    cp == 0x00B7 || cp == 0x2013 || cp == 0x25CF || cp == 0x25AA ||
	    cp == 0x25A0 || cp == 0x2023) && k < n && s[k] == ' ') {
		p->style = ST_BULLET;	/* the marker and its space */
		p->label_len = (uint32_t)k + 1;
		return;
	}
	if (cp == 0x7B2C) {			/* 第 */
		j = parse_cn_number(s + k, n - k, &v);
		if (j == 0)
			j = parse_ar_number(s + k, n - k, &v);
		if (j > 0) {
			static const struct { const char *w; int st; } words[] = {
				{ "分编", ST_FENBIAN }, { "编", ST_BIAN },
				{ "部分", ST_JUAN },
				{ "章", ST_ZHANG }, { "节", ST_JIE },
				{ "回", ST_HUI }, { "卷", ST_JUAN },
				{ "部", ST_JUAN }, { "篇", ST_JUAN },
				{ "条", ST_TIAO },
			};
			size_t w;

			i = k + j;
			for (w = 0; w < nitems(words); w++)
				if (starts(s + i, n - i, words[w].w)) {
					p->style = words[w].st;
					p->num = v;
					p->label_len = (uint32_t)(i +
					    strlen(words[w].w));
					break;
				}
		}
	} else if (is_open_paren(cp)) {
		i = k;
		i = skip_spaces(s, n, i);
		if ((j = parse_cn_number(s + i, n - i, &v)) > 0)
			p->style = ST_CN_PAREN;
		else if ((j = parse_ar_number(s + i, n - i, &v)) > 0)
			p->style = ST_AR_PAREN;
		if (j > 0) {
			i = skip_spaces(s, n, i + j);
			if (i < n && is_close_paren(cp_at(s + i, n - i, &k))) {
				p->num = v;
				p->label_len = (uint32_t)(i + k);
			} else
				p->style = ST_NONE;
		}
	} else if (cp >= 0x2460 && cp <= 0x2473) {	/* ① .. ⑳ */
		p->style = ST_CIRCLED;
		p->num = (long)(cp - 0x2460 + 1);
		p->label_len = (uint32_t)k;
	} else if ((j = parse_cn_number(s, n, &v)) > 0) {
		cp = cp_at(s + j, n - j, &k);
		if (j < n && (cp == 0x3001 || cp == 0xFF0E || cp == '.')) {
			p->style = ST_CN_DUN;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		}
	} else if ((j = parse_ar_number(s, n, &v)) > 0) {
		uint32_t sep = j < n ? cp_at(s + j, n - j, &k) : 0;

		if (sep == '.' || sep == 0xFF0E) {
			/* 1.  or 1.2  or 1.2.3 */
			size_t q = j + k;
			int depth = 1;
			long sub;

			while (q < n && depth < 4) {
				size_t d = parse_ar_number(s + q, n - q, &sub);
				uint32_t nx;

				if (d == 0)
					break;
				depth++;
				v = sub;	/* 2.3 continues 2.2: compare the last part */
				q += d;
				nx = q < n ? cp_at(s + q, n - q, &k) : 0;
				if (nx == '.' || nx == 0xFF0E)
					q += k;
				else
					break;
			}
			if (depth == 1) {
				/* "3.14": a decimal, not a label */
				p->style = ST_AR_DOT;
			} else {
				p->style = depth == 2 ? ST_AR_MULTI2 :
				    depth == 3 ? ST_AR_MULTI3 : ST_AR_MULTI4;
				/* "1.1 Title" or "1.1标题"; "1.1x" is not a label */
				if (q < n) {
					uint32_t nx = cp_at(s + q, n - q, &k);

					if (nx < 0x80 && !is_space_cp(nx))
						p->style = ST_NONE;
				}
			}
			p->num = v;
			p->label_len = (uint32_t)q;
		} else if (sep == 0x3001) {		/* 1、 */
			p->style = ST_AR_DOT;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		} else if (sep == ')' || sep == 0x3011) {	/* 1) 1】 */
			p->style = ST_AR_CLOSE;
			p->num = v;
			p->label_len = (uint32_t)(j + k);
		}
	} else if ((starts(s, n, "Chapter ") || starts(s, n, "CHAPTER ") ||
	    starts(s, n, "Part ") || starts(s, n, "PART ")) && n < 120) {
		i = (size_t)(strchr(s, ' ') - s) + 1;
		j = parse_ar_number(s + i, n - i, &v);
		if (j == 0) {
			while (i + j < n && strchr("IVXLCivxlc", s[i + j]))
				j++;
			v = 0;
		}
		if (j > 0 && (i + j == n || s[i + j] == ' ' ||
		    s[i + j] == ':' || s[i + j] == '.')) {
			p->style = ST_EN_CHAPTER;
			p->num = v;
			p->label_len = (uint32_t)(i + j);
		}
	}
	if (p->style == ST_NONE)
		p->label_len = 0;
}

/* Cross-references start like labels but go on like a sentence:
 * （一）至（三）项, （四）、（五）项所列, 第二章规定的, 1.5倍. */
static bool
is_cross_reference(const char *s, size_t n, int style)
{
	static const char *const after[] = {
		"至（", "至(", "至第", "到第", "、（", "、(", "、第", "和（",
		"或（", "和第", "或第", "及第", "项", "款", "规定", "所列",
		"所称", "所述", "的规定", "之规定", "倍", "%", "％",
	};
	size_t i, k;
	uint32_t cp;

	/* 第三条第一款, 第二章第一节: a chapter word right after another */
	if ((style == ST_TIAO || is_chapter_style(style)) && starts(s, n, "第"))
		return true;
	for (i = 0; i < nitems(after); i++)
		if (starts(s, n, after[i]))
			return true;
	/* "1.5": a digit right after the label is a decimal. */
	if (n > 0) {
		cp = cp_at(s, n, &k);
		if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
			return true;
	}
	return false;
}

/* Decides run-in vs standalone; returns false when the paragraph does not
 * have the shape of a heading at all. */
static bool
shape_heading(const struct ctx *c, struct para *p)
{
	const char *s = c->t + p->off;
	size_t n = p->len, i, k, end, chars = 0;
	const struct line *l = &c->lines[p->first];
	uint32_t cp, last = 0;
	bool comma = false;

	i = skip_spaces(s, n, p->label_len);
	/* A label with nothing after it ("一、" alone) is a bare number. */
	if (i >= n)
		return false;
	if (is_cross_reference(s + i, n - i, p->style))
		return false;
	p->title_off = (uint32_t)i;
	/* Standalone: the whole (single-line) paragraph is short and does not
	 * end like a sentence. */
	if (p->first == p->last && l->c_len == p->len) {
		size_t w = utf8_count(s + i, n - i);
		size_t q = utf8_prev(s, n);

		last = cp_at(s + q, n - q, &k);
		for (end = i; end < n; end += k) {
			cp = cp_at(s + end, n - end, &k);
			if (cp == 0xFF1B || cp == ';')
				comma = true;	/* clauses: an item, not a title */
			/* "问：…？" inside: a statement with a lead-in */
			if ((cp == 0xFF1A || cp == ':') && end + k < n &&
			    !is_chapter_style(p->style))
				comma = true;
		}
		if (w <= 40 && !comma && last != 0x3002 && last != 0xFF1B &&
		    last != ';' && last != 0xFF0C && last != ',' &&
		    last != 0x3001) {
			p->title_len = (uint32_t)(n - i);
			p->runin = false;
			return true;
		}
		/* "第一章 总则" lines may be longer but never sentences */
		if (is_chapter_style(p->style) && w <= 60 && last != 0x3002 &&
		    !comma) {
			p->title_len = (uint32_t)(n - i);
			p->runin = false;
			return true;
		}
	}
	/* Run-in: a short title ended by 。 or ：, then the body. */
	for (end = i; end < n && chars <= 30; end += k, chars++) {
		cp = cp_at(s + end, n - end, &k);
		if (cp == ':' && end > i && s[end - 1] >= '0' &&
		    s[end - 1] <= '9' && end + 1 < n && s[end + 1] >= '0' &&
		    s[end + 1] <= '9')
			continue;	/* 7:00 is a time, not a title's end */
		if (cp == 0x3002 || cp == 0xFF1A || cp == ':' ||
		    cp == 0xFF01 || cp == 0xFF1F)
			break;
		if (cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';')
			return false;	/* a clause, not a title */
	}
	if (end >= n || chars > 30 || chars < 2 || is_chapter_style(p->style))
		return false;
	cp = cp_at(s + end, n - end, &k);
	/* "修改为：“…”" introduces a quotation, not a body */
	if ((cp == 0xFF1A || cp == ':') && end + k < n &&
	    cp_at(s + end + k, n - end - k, &k) == 0x201C)
		return false;
	cp_at(s + end, n - end, &k);
	if (skip_spaces(s, n, end + k) >= n)
		return false;	/* nothing after the title: a sentence item */
	p->title_len = (uint32_t)(end - i);
	p->runin = true;
	return true;
}

/* ---- pass 2: paragraphs ---- */

static bool
line_is_candidate(const struct ctx *c, uint32_t li)
{
	struct para tmp;

	memset(&tmp, 0, sizeof tmp);
	tmp.first = tmp.last = li;
	tmp.off = c->lines[li].c_off;
	tmp.len = c->lines[li].c_len;
	find_label(c, &tmp);
	if (tmp.style == ST_NONE) {
		const char *s = c->t + tmp.off;

		return matches_word_line(s, tmp.len, related_words,
		    nitems(related_words)) || matches_word_line(s, tmp.len,
		    special_words, nitems(special_words)) ||
		    (tmp.len <= 64 && eq_nospace(s, tmp.len, "目录"));
	}
	return true;
}

static int
paren_balance(const char *s, size_t n)
{
	size_t i = 0, k;
	int bal = 0;

	while (i < n) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (cp == 0xFF08 || cp == '(' || cp == 0x300A || cp == 0x201C)
			bal++;
		else if ((cp == 0xFF09 || cp == ')' || cp == 0x300B ||
		    cp == 0x201D) && bal > 0)
			bal--;
		i += k;
	}
	return bal;
}

static bool
should_join(const struct ctx *c, uint32_t cur, uint32_t next, int bal)
{
	const struct line *a = &c->lines[cur], *b = &c->lines[next];
	size_t q, k;
	uint32_t last;

	if (b->blank || line_is_candidate(c, next))
		return false;
	q = utf8_prev(c->t + a->c_off, a->c_len);
	last = cp_at(c->t + a->c_off + q, a->c_len - q, &k);
	/* An open bracket continues on the next line: "（2020年…第三次\n会议通过）" */
	if (bal > 0 && b->c_len < 200)
		return true;
	if (c->wrap_width == 0 || is_terminal(last))
		return false;
	/* An indented line starts a paragraph in indented text. */
	if (b->indent > a->indent && b->indent >= 2)
		return false;
	return (uint32_t)a->width + a->indent + wrap_slack(c->wrap_width) >=
	    c->wrap_width;
}

static void
add_para(struct ctx *c, uint32_t first, uint32_t last, uint16_t blanks)
{
	struct para *p;

	if (c->nparas == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->paras = xreallocarray(c->paras, c->cap, sizeof *c->paras);
	}
	p = &c->paras[c->nparas++];
	memset(p, 0, sizeof *p);
	p->first = first;
	p->last = last;
	p->off = c->lines[first].c_off;
	p->len = c->lines[last].c_off + c->lines[last].c_len - p->off;
	p->indent = c->lines[first].indent;
	p->blank_before = blanks;
	p->kind = P_TEXT;
	find_label(c, p);
}

static void
split_paragraphs(struct ctx *c)
{
	uint32_t i = 0, blanks = 0, nonblank = 0, blanklines = 0;

	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].blank)
			blanklines++;
		else
			nonblank++;
	}
	c->blank_style = nonblank > 0 && blanklines * 3 >= nonblank;
	c->wrap_width = find_wrap_width(c);
	i = 0;
	while (i < c->nlines) {
		uint32_t j = i;
		int bal;

		if (c->lines[i].blank) {
			blanks++;
			i++;
			continue;
		}
		/* Brackets only matter when a non-blank line follows. */
		bal = i + 1 < c->nlines && !c->lines[i + 1].blank ?
		    paren_balance(c->t + c->lines[i].c_off,
		    c->lines[i].c_len) : 0;
		while (j + 1 < c->nlines && should_join(c, j, j + 1, bal)) {
			j++;
			bal += paren_balance(c->t + c->lines[j].c_off,
			    c->lines[j].c_len);
		}
		add_para(c, i, j, (uint16_t)MIN(blanks, 60000u));
		blanks = 0;
		i = j + 1;
	}
}

/* ---- pass 3: classification ---- */

static bool
looks_like_date(const char *s, size_t n, size_t *dstart, size_t *dend)
{
	size_t i, j;

	/* 2025-02-26 [20:24:56] | 2025/2/26 | 2025.2.26 | 2018年1月2日 */
	for (i = 0; i + 8 <= n; i++) {
		long y, m, d;
		size_t a, b2, e;

		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		a = parse_ar_number(s + i, n - i, &y);
		if (a != 4 || y < 1000 || y > 2999)
			continue;
		j = i + a;
		if (starts(s + j, n - j, "年"))
			j += 3;
		else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.'))
			j++;
		else
			continue;
		b2 = parse_ar_number(s + j, n - j, &m);
		if (b2 == 0 || b2 > 2 || m < 1 || m > 12)
			continue;
		j += b2;
		if (starts(s + j, n - j, "月"))
			j += 3;
		else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.'))
			j++;
		else
			continue;
		e = parse_ar_number(s + j, n - j, &d);
		if (e == 0 || e > 2 || d < 1 || d > 31)
			continue;
		j += e;
		if (starts(s + j, n - j, "日"))
			j += 3;
		/* an optional time */
		if (j + 5 <= n && s[j] == ' ' && s[j + 1] >= '0' &&
		    s[j + 1] <= '9') {
			size_t t = j + 1;

			while (t < n && ((s[t] >= '0' && s[t] <= '9') ||
			    s[t] == ':'))
				t++;
			if (t - j >= 5)
				j = t;
		}
		*dstart = i;
		*dend = j;
		return true;
	}
	return false;
}

/* Skips what separates a date from its source: spaces, commas, bars,
 * dashes and a "来源：" lead-in. */
static size_t
skip_source_lead(const char *s, size_t n, size_t i)
{
	static const char *const leads[] = {
		"来源：", "来源:", "，", "：", "丨", "|", ",", ":", "-", "—",
	};
	size_t k, j;

	for (;;) {
		if (i < n && is_space_cp(cp_at(s + i, n - i, &k))) {
			i += k;
			continue;
		}
		for (j = 0; j < nitems(leads); j++)
			if (starts(s + i, n - i, leads[j]))
				break;
		if (j == nitems(leads))
			return i;
		i += strlen(leads[j]);
	}
}

/* An official document number: 国发〔2018〕1号, 法释〔2022〕2号. */
static bool
is_doc_number(const char *s, size_t n)
{
	const char *open = NULL;
	size_t i;

	for (i = 0; i + 3 <= n && open == NULL; i++)
		if (memcmp(s + i, "〔", 3) == 0 || memcmp(s + i, "［", 3) == 0)
			open = s + i + 3;
	return open != NULL && n >= 3 && memcmp(s + n - 3, "号", 3) == 0 &&
	    open + 4 <= s + n && open[0] >= '0' && open[0] <= '9';
}

/* The source ends where an author, editor or a wide gap begins:
 * "科技日报  作者：王小明" -> "科技日报". */
static size_t
source_len(const char *s, size_t n)
{
	static const char *const stops[] = {
		"  ", "　", "作者", "编辑", "记者", "责任编辑", "|", "丨",
	};
	size_t i, j, end = n;

	for (i = 0; i < n && end == n; i++)
		for (j = 0; j < nitems(stops); j++)
			if (i > 0 && starts(s + i, n - i, stops[j])) {
				end = i;
				break;
			}
	while (end > 0 && s[end - 1] == ' ')
		end--;
	return end;
}

static bool
ends_with(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);

	return n >= k && memcmp(s + n - k, lit, k) == 0;
}

/* "科技日报网" above "人工智能如何改变…" above the date: the first short
 * line is the site, the next one the title. */
static void
fix_site_title(struct ctx *c, struct docb *b, uint32_t body)
{
	uint32_t t, i;
	bool dated = false;
	struct para *a, *z;
	size_t wa, wz;

	for (t = 0; t < body && !(c->paras[t].kind == P_META &&
	    c->paras[t].meta == META_TITLE); t++)
		;
	if (t + 1 >= body || c->paras[t + 1].kind != P_META ||
	    c->paras[t + 1].meta != META_SUBTITLE)
		return;
	for (i = t + 2; i < body; i++)
		if (c->paras[i].kind == P_META && c->paras[i].meta == META_DATE)
			dated = true;
	a = &c->paras[t];
	z = &c->paras[t + 1];
	wa = utf8_count(c->t + a->off, a->len);
	wz = utf8_count(c->t + z->off, z->len);
	if (!dated || !(ends_with(c->t + a->off, a->len, "网") ||
	    ends_with(c->t + a->off, a->len, "网站") ||
	    ends_with(c->t + a->off, a->len, "频道") ||
	    ends_with(c->t + a->off, a->len, "在线") || wa * 2 <= wz))
		return;
	a->meta = META_SITE;
	z->meta = META_TITLE;
	docb_set_meta(b, META_SITE, c->t + a->off, a->len);
	docb_set_meta(b, META_TITLE, c->t + z->off, z->len);
}

/* The lines before the body: site, title, subtitles, date and source. */
static uint32_t
classify_header(struct ctx *c, struct docb *b)
{
	uint32_t i, limit = MIN(c->nparas, 10u), body = 0;
	bool have_title = false;

	for (i = 0; i < limit; i++) {
		struct para *p = &c->paras[i];
		const char *s = c->t + p->off;
		size_t n = p->len, ds, de, w = utf8_count(s, n), q, k;
		uint32_t last;

		if (p->first != p->last || p->style != ST_NONE)
			break;
		if (matches_word_line(s, n, special_words,
		    nitems(special_words)) || eq_nospace(s, n, "目录") ||
		    matches_word_line(s, n, related_words,
		    nitems(related_words)))
			break;
		q = utf8_prev(s, n);
		last = cp_at(s + q, n - q, &k);
		if (looks_like_date(s, n, &ds, &de) && w <= 80) {
			size_t src;

			p->kind = P_META;
			p->meta = META_DATE;
			/* "（2018年1月2日）" -> the date without brackets */
			docb_set_meta(b, META_DATE, s + ds, de - ds);
			/* "2026-11-25, 来源：某报" -> source "某报" */
			src = skip_source_lead(s, n, de);
			if (src < n && !is_close_paren(cp_at(s + src, n - src,
			    &k)))
				docb_set_meta(b, META_SOURCE, s + src,
				    source_len(s + src, n - src));
			body = i + 1;
			continue;
		}
		if (w > 50 || last == 0x3002 || last == 0xFF1A ||
		    last == ':' || last == 0xFF0C || last == 0xFF1B)
			break;
		if (!have_title && (strstr(s, "首页") != NULL &&
		    (size_t)(strstr(s, "首页") - s) < n)) {
			size_t e = (size_t)(strstr(s, "首页") - s);

			while (e > 0 && s[e - 1] == ' ')
				e--;
			p->kind = P_META;
			p->meta = META_SITE;
			docb_set_meta(b, META_SITE, s, e);
			body = i + 1;
			continue;
		}
		p->kind = P_META;
		if (!have_title) {
			p->meta = META_TITLE;
			docb_set_meta(b, META_TITLE, s, n);
			have_title = true;
		} else
			p->meta = META_SUBTITLE;
		body = i + 1;
	}
	fix_site_title(c, b, body);
	/* The last short line of the header, right before a long paragraph
	 * and after the title, is the body's first heading ("基本案情"), not
	 * a subtitle; find_plain_headings() decides. */
	if (c->blank_style && body >= 2 && body < c->nparas &&
	    c->paras[body - 1].kind == P_META &&
	    c->paras[body - 1].meta == META_SUBTITLE &&
	    !is_doc_number(c->t + c->paras[body - 1].off,
	    c->paras[body - 1].len) &&
	    c->paras[body].style == ST_NONE &&
	    utf8_count(c->t + c->paras[body].off, c->paras[body].len) >= 40) {
		c->paras[body - 1].kind = P_TEXT;
		body--;
	}
	/* A header must be followed by a body; a document of short lines is
	 * all body (a poem, a list), except its first line as the title. */
	if (body >= c->nparas && c->nparas > 1) {
		for (i = 1; i < body; i++)
			c->paras[i].kind = P_TEXT;
		body = 1;
	}
	return body;
}

static bool
para_is_toc_entry(const struct ctx *c, const struct para *p)
{
	size_t w = utf8_count(c->t + p->off, p->len);

	if (p->first != p->last || w > 40)
		return false;
	return p->style != ST_NONE || matches_word_line(c->t + p->off, p->len,
	    special_words, nitems(special_words));
}

/* A contents entry or heading reduced to what identifies it: no white
 * space, no dot leader and no page number ("一、概况 ……… 1" == "一、概况"). */
static void
toc_key(const struct ctx *c, const struct para *p, struct buf *out)
{
	const char *s = c->t + p->off;
	size_t i, k, keep;
	uint32_t prev = 0;

	out->len = 0;
	for (i = 0; i < p->len; i += k) {
		uint32_t cp = cp_at(s + i, p->len - i, &k);

		if (is_space_cp(cp))
			continue;
		/* two leader characters in a row end the title */
		if ((cp == '.' || cp == 0x2026 || cp == 0x00B7 ||
		    cp == 0x22EF || cp == 0x30FB) && (prev == '.' ||
		    prev == 0x2026 || prev == 0x00B7 || prev == 0x22EF ||
		    prev == 0x30FB || cp == 0x2026)) {
			if (out->len > 0 && cp != 0x2026 && (prev == '.' ||
			    prev == 0x00B7 || prev == 0x22EF || prev == 0x30FB))
				out->len = utf8_prev(out->data, out->len);
			break;
		}
		buf_put(out, s + i, k);
		prev = cp;
	}
	/* a page number left at the end */
	keep = out->len;
	while (keep > 0 && out->data[keep - 1] >= '0' &&
	    out->data[keep - 1] <= '9')
		keep--;
	if (keep > 0)
		out->len = keep;
	buf_putc(out, '\0');
	out->len--;
}

static bool
same_text(const struct ctx *c, const struct para *a, const struct para *b)
{
	struct buf x, y;
	bool eq;

	buf_init(&x);
	buf_init(&y);
	toc_key(c, a, &x);
	toc_key(c, b, &y);
	eq = x.len == y.len && x.len > 0 && memcmp(x.data, y.data, x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return eq;
}

/* 目录: the entries that follow, until the body repeats the first one. */
static void
mark_toc(struct ctx *c, uint32_t from)
{
	uint32_t i, j, first;

	for (i = from; i < c->nparas; i++) {
		struct para *p = &c->paras[i];

		if (p->kind != P_TEXT || !eq_nospace(c->t + p->off, p->len,
		    "目录"))
			continue;
		p->kind = P_TOCHEAD;
		first = i + 1;
		for (j = first; j < c->nparas; j++) {
			if (j > first && same_text(c, &c->paras[first],
			    &c->paras[j]))
				break;
			if (!para_is_toc_entry(c, &c->paras[j]))
				break;
			c->paras[j].kind = P_TOC;
		}
		i = j;
	}
}

/* Dot leaders ("....", "……", "····") join a contents entry to its page. */
static bool
has_dot_leader(const char *s, size_t n)
{
	size_t i, k, run = 0;

	for (i = 0; i < n; i += k) {
		uint32_t cp = cp_at(s + i, n - i, &k);

		if (cp == '.' || cp == 0x2026 || cp == 0x00B7 || cp == 0x22EF ||
		    cp == 0x30FB) {
			if (++run >= 4)
				return true;
		} else
			run = 0;
	}
	return false;
}

#define LAW_MIN_ARTICLES 3

/* "…战术（103）" or "…战术 103": a page number closes a contents line. */
static bool
ends_page_number(const char *s, size_t n)
{
	size_t e = n, d;

	if (e >= 3 && (memcmp(s + e - 3, "）", 3) == 0))
		e -= 3;
	else if (e >= 1 && s[e - 1] == ')')
		e--;
	for (d = e; d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9'; d--)
		;
	return d < e && e - d <= 4 && d > 0;
}

static bool
is_article_para(const struct ctx *c, const struct para *p)
{
	return p->style == ST_TIAO && p->kind == P_TEXT &&
	    !is_cross_reference(c->t + p->off + p->label_len,
	    p->len - p->label_len, ST_TIAO);
}

static void
classify(struct ctx *c, uint32_t body)
{
	uint32_t i, j, articles = 0;
	long last_num[ST__COUNT];
	bool in_article = false, in_related = false;

	for (i = 0; i < ST__COUNT; i++)
		last_num[i] = 0;
	mark_toc(c, body);
	for (i = body; i < c->nparas; i++)
		if (is_article_para(c, &c->paras[i]))
			articles++;
	/* One sentence that starts "第一条经验是…" does not make a law: the
	 * article rules need a run of them. */
	if (articles < LAW_MIN_ARTICLES) {
		articles = 0;
		for (i = body; i < c->nparas; i++)
			if (c->paras[i].style == ST_TIAO)
				c->paras[i].style = ST_NONE;
	}

	for (i = body; i < c->nparas; i++) {
		struct para *p = &c->paras[i];
		const char *s = c->t + p->off;

		if (p->kind != P_TEXT)
			continue;
		if (p->style == ST_NONE) {
			if (p->first == p->last && matches_word_line(s, p->len,
			    related_words, nitems(related_words))) {
				p->kind = P_RELATED;
				p->title_off = 0;
				p->title_len = p->len;
				in_related = true;
				continue;
			}
			if (in_related) {
				/* short lines after 相关阅读 are its links */
				if (p->first == p->last &&
				    utf8_count(s, p->len) <= 60)
					p->kind = P_LINK;
				else
					in_related = false;
				continue;
			}
			if (p->first == p->last && matches_word_line(s, p->len,
			    special_words, nitems(special_words)) &&
			    (articles > 0 || p->blank_before > 0 ||
			    !c->blank_style)) {
				p->kind = P_HEADING;
				p->style = ST_SPECIAL;
				p->title_off = 0;
				p->title_len = p->len;
				in_article = false;
			}
			continue;
		}
		if (in_related && p->first == p->last &&
		    utf8_count(s, p->len) <= 60) {
			p->kind = P_LINK;
			continue;
		}
		in_related = false;
		if (p->style == ST_BULLET) {
			p->kind = P_ITEM;
			continue;
		}
		if (p->style == ST_TIAO) {
			if (is_article_para(c, p)) {
				p->kind = P_ARTICLE;
				in_article = true;
			}
			continue;
		}
		if (!shape_heading(c, p))
			continue;
		if (has_dot_leader(s, p->len) || (i > body &&
		    c->paras[i - 1].kind == P_TOC && ends_page_number(s, p->len))) {
			p->kind = P_TOC;	/* "第一章 概述……12": a contents line */
			continue;
		}
		if (is_chapter_style(p->style) || p->style == ST_EN_CHAPTER) {
			p->kind = P_HEADING;
			in_article = false;
			for (j = 0; j < ST__COUNT; j++)
				if (!is_chapter_style((int)j) ||
				    chapter_rank((int)j) > chapter_rank(p->style))
					last_num[j] = 0;
			last_num[p->style] = p->num;
			continue;
		}
		/* Inside an article, numbers are its items, unless the
		 * candidate introduces the next group of articles. */
		if (in_article || (articles > 0 && !p->runin &&
		    i + 1 < c->nparas && !is_article_para(c, &c->paras[i + 1]) &&
		    c->paras[i + 1].style != p->style)) {
			j = i + 1;
			if (!(j < c->nparas && is_article_para(c, &c->paras[j])))
				continue;
		}
		/* Dense siblings: standalone items that follow each other with
		 * nothing between them form a list, not sections. */
		if (!p->runin) {
			bool prev_sib = i > body && c->paras[i - 1].style ==
			    p->style && c->paras[i - 1].num == p->num - 1 &&
			    c->paras[i - 1].kind != P_HEADING;
			bool next_sib = i + 1 < c->nparas &&
			    c->paras[i + 1].style == p->style &&
			    c->paras[i + 1].num == p->num + 1;

			if (prev_sib || next_sib) {
				p->kind = P_ITEM;
				continue;
			}
		} else if (c->blank_style) {
			/* Run-in items on consecutive lines of a text that
			 * separates paragraphs by blank lines: a list
			 * ("1、对立统一规律：…" / "2、质量互变规律：…"). */
			bool prev_sib = i > body && p->blank_before == 0 &&
			    c->paras[i - 1].style == p->style &&
			    c->paras[i - 1].num == p->num - 1;
			bool next_sib = i + 1 < c->nparas &&
			    c->paras[i + 1].blank_before == 0 &&
			    c->paras[i + 1].style == p->style &&
			    c->paras[i + 1].num == p->num + 1;

			if (prev_sib || next_sib) {
				p->kind = P_ITEM;
				continue;
			}
		}
		/* Numbering must continue (gaps are real, restarts are not). */
		if (p->num > 1 && last_num[p->style] > 0 &&
		    p->num <= last_num[p->style])
			continue;
		if (p->num > 1 && last_num[p->style] == 0 && p->num > 3 &&
		    p->style != ST_CN_DUN)
			continue;
		p->kind = P_HEADING;
		last_num[p->style] = p->num;
		/* a new parent restarts the numbering of deeper styles */
		for (j = 0; j < ST__COUNT; j++)
			if (!is_chapter_style((int)j) && (int)j != p->style &&
			    j != ST_SPECIAL && j != ST_RELATED)
				if (j > (uint32_t)p->style)
					last_num[j] = 0;
	}
}

static bool
has_period(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "\xE3\x80\x82", 3) == 0)	/* 。 */
			return true;
	return false;
}

/* A paragraph that ends with 。！？ or a colon that introduces what follows. */
static bool
ends_sentence(const struct ctx *c, const struct para *p)
{
	const char *s = c->t + p->off;
	size_t q = utf8_prev(s, p->len), k;
	uint32_t last = cp_at(s + q, p->len - q, &k);

	return last == 0x3002 || last == 0xFF01 || last == 0xFF1F ||
	    last == 0xFF1A || last == '.' || last == '!' || last == '?' ||
	    last == ':';
}

/* A paragraph that ends a thought: a sentence end, or a heading. */
static bool
prev_complete(const struct ctx *c, const struct para *p)
{
	const char *s = c->t + p->off;
	size_t q, k;
	uint32_t last;

	if (p->kind != P_TEXT && p->kind != P_ARTICLE && p->kind != P_ITEM)
		return true;
	q = utf8_prev(s, p->len);
	last = cp_at(s + q, p->len - q, &k);
	return is_terminal(last) || utf8_count(s, p->len) >= 40;
}

static bool
is_heading_kind(const struct para *p)
{
	return p->kind == P_HEADING || p->kind == P_RELATED;
}

/* Unnumbered headings: in text whose paragraphs are set apart by blank
 * lines, a short line without sentence punctuation that introduces a long
 * paragraph (or another heading) is a heading.  Walks backwards so that a
 * chain "Q&A / 我是…怎么办？ / answer" is found.  Disabled when it would
 * make too many headings (a poem, a list of short lines). */
static void
find_plain_headings(struct ctx *c, uint32_t body)
{
	uint32_t i, count = 0, text = 0, indented = 0, body_text = 0;
	bool *mark, indent_style;

	if (c->nparas == 0)
		return;
	/* Text whose paragraphs are indented sets a heading apart by not
	 * indenting it, where other text uses blank lines. */
	for (i = body; i < c->nparas; i++)
		if (c->paras[i].kind == P_TEXT && utf8_count(c->t +
		    c->paras[i].off, c->paras[i].len) >= 30) {
			body_text++;	/* long paragraphs: the body text */
			if (c->paras[i].indent >= 2)
				indented++;
		}
	indent_style = body_text >= 3 && indented * 10 >= body_text * 6;
	if (!c->blank_style && !indent_style)
		return;
	mark = xcalloc(c->nparas, sizeof *mark);
	for (i = c->nparas; i-- > body;) {
		struct para *p = &c->paras[i];
		const struct para *nx = i + 1 < c->nparas ? &c->paras[i + 1] :
		    NULL;
		const char *s = c->t + p->off;
		size_t w, q, k;
		uint32_t last;
		bool next_ok;

		if (p->kind == P_TEXT)
			text++;
		if (p->kind != P_TEXT || p->style != ST_NONE ||
		    p->first != p->last || nx == NULL)
			continue;
		if (indent_style ? p->indent >= 2 || nx->indent < 2 :
		    p->blank_before == 0 || nx->blank_before == 0)
			continue;
		w = utf8_count(s, p->len);
		if (w < 2 || w > 30 || has_period(s, p->len))
			continue;
		q = utf8_prev(s, p->len);
		last = cp_at(s + q, p->len - q, &k);
		if (last == 0x3002 || last == 0xFF1B || last == 0xFF0C ||
		    last == 0x3001 || last == 0xFF1A || last == ':' ||
		    last == ';' || last == ',' || last == '.' || last == 0x2026)
			continue;
		if (i > body && !prev_complete(c, &c->paras[i - 1]))
			continue;	/* rows of a table, lines of a poem */
		next_ok = is_heading_kind(nx) || nx->kind == P_ARTICLE ||
		    (nx->kind == P_TEXT && (utf8_count(c->t + nx->off,
		    nx->len) >= MAX(40, 2 * w) || (ends_sentence(c, nx) &&
		    utf8_count(c->t + nx->off, nx->len) > w + 4)));
		if (!next_ok)
			continue;
		mark[i] = true;
		count++;
	}
	/* Too many would mean short lines are the text itself (a poem, a
	 * list): then none of them is a heading. */
	if (count > 0 && count * 2 <= text + count) {
		for (i = body; i < c->nparas; i++)
			if (mark[i]) {
				struct para *p = &c->paras[i];

				p->kind = P_HEADING;
				p->style = ST_PLAIN;
				p->title_off = 0;
				p->title_len = p->len;
			}
	}
	free(mark);
}

/* Levels: chapter words by rank, then the other styles in the order first
 * met; special headings and related sections sit at the top. */
static void
assign_levels(struct ctx *c)
{
	int order[ST__COUNT], level_of[ST__COUNT], n = 0, i, lvl = 1, r;
	bool used[ST__COUNT] = { false };
	uint32_t p;

	for (p = 0; p < c->nparas; p++)
		if (c->paras[p].kind == P_HEADING &&
		    !used[c->paras[p].style]) {
			used[c->paras[p].style] = true;
			order[n++] = c->paras[p].style;
		}
	for (i = 0; i < ST__COUNT; i++)
		level_of[i] = 1;
	for (r = 0; r <= 4; r++)
		for (i = 0; i < n; i++)
			if (is_chapter_style(order[i]) &&
			    chapter_rank(order[i]) == r) {
				/* 回 and 章 share a rank */
				bool dup = false;
				int k;

				for (k = 0; k < i; k++)
					if (is_chapter_style(order[k]) &&
					    chapter_rank(order[k]) == r)
						dup = true;
				level_of[order[i]] = dup ? lvl - 1 : lvl++;
			}
	for (i = 0; i < n; i++)
		if (!is_chapter_style(order[i]) && order[i] != ST_SPECIAL &&
		    order[i] != ST_RELATED && order[i] != ST_EN_CHAPTER)
			level_of[order[i]] = lvl++;
	level_of[ST_SPECIAL] = 1;
	level_of[ST_RELATED] = 1;
	level_of[ST_EN_CHAPTER] = 1;
	for (p = 0; p < c->nparas; p++)
		if (c->paras[p].kind == P_HEADING)
			c->paras[p].level = level_of[c->paras[p].style];
		else if (c->paras[p].kind == P_RELATED)
			c->paras[p].level = 1;
}

/* ---- output ---- */

static uint32_t
line_no(const struct ctx *c, uint32_t li)
{
	return li + 1;
}

/* Appends a paragraph's lines, joining hard wraps: nothing between two
 * CJK characters, one space otherwise. */
static void
emit_text(const struct ctx *c, struct docb *b, const struct para *p,
    uint32_t from)
{
	uint32_t li;
	const char *t = c->t;

	for (li = p->first; li <= p->last; li++) {
		const struct line *l = &c->lines[li];
		uint32_t s = l->c_off, e = l->c_off + l->c_len;

		if (li == p->first)
			s = p->off + from;
		if (s >= e)
			continue;
		if (li > p->first && docb_text_len(b) > 0) {
			const struct line *pl = &c->lines[li - 1];
			size_t q = utf8_prev(t + pl->c_off, pl->c_len), k;
			uint32_t a = cp_at(t + pl->c_off + q, pl->c_len - q, &k);
			uint32_t z = cp_at(t + s, e - s, &k);

			if (!(utf8_is_cjk(a) && utf8_is_cjk(z)))
				docb_text(b, " ", 1);
		}
		docb_text_clean(b, t + s, e - s);
	}
}

static void
emit(struct ctx *c, struct docb *b)
{
	uint32_t i;

	for (i = 0; i < c->nparas; i++) {
		struct para *p = &c->paras[i];
		uint32_t line = line_no(c, p->first);
		unsigned lw;

		switch (p->kind) {
		case P_META:
			docb_begin(b, BLOCK_META, 0, line);
			docb_set_meta_kind(b, (enum meta_kind)p->meta);
			emit_text(c, b, p, 0);
			break;
		case P_HEADING:
		case P_RELATED:
			docb_begin(b, BLOCK_HEADING, (unsigned)p->level, line);
			emit_text(c, b, p, 0);
			docb_set_label(b, p->label_len, p->title_off,
			    p->title_len);
			if (p->kind == P_RELATED)
				docb_set_flags(b, BLOCK_F_RELATED);
			if (p->runin) {
				docb_set_flags(b, BLOCK_F_RUNIN);
				docb_set_indent(b, p->indent, 0);
				docb_span(b, STYLE_HEADING_TITLE, 0,
				    p->title_off + p->title_len, NULL);
			}
			break;
		case P_ARTICLE:
			docb_begin(b, BLOCK_PARA, 0, line);
			emit_text(c, b, p, 0);
			docb_set_flags(b, BLOCK_F_ARTICLE);
			docb_set_label(b, p->label_len, p->label_len, 0);
			docb_set_indent(b, p->indent, 0);
			docb_span(b, STYLE_STRONG, 0, p->label_len, NULL);
			break;
		case P_ITEM:
		case P_LINK:
		case P_TOC:
			docb_begin(b, BLOCK_LIST_ITEM, 1, line);
			emit_text(c, b, p, 0);
			lw = (unsigned)utf8_str_width(c->t + p->off,
			    p->label_len);
			docb_set_indent(b, p->indent, p->indent + lw);
			if (p->kind == P_ITEM)
				docb_set_label(b, p->label_len, p->label_len,
				    0);
			docb_set_flags(b, p->kind == P_LINK ? BLOCK_F_LINK :
			    p->kind == P_TOC ? BLOCK_F_TOC : 0);
			break;
		case P_TOCHEAD:
		default:
			docb_begin(b, BLOCK_PARA, 0, line);
			emit_text(c, b, p, 0);
			docb_set_indent(b, p->indent, 0);
			if (p->kind == P_TOCHEAD)
				docb_set_flags(b, BLOCK_F_TOC);
			break;
		}
		docb_end(b);
	}
}

int
parse_txt(struct docb *b, const char *utf8, size_t len)
{
	struct ctx c;
	uint32_t body;

	size_t cut = 0, nl = 0;

	memset(&c, 0, sizeof c);
	c.t = utf8;
	c.n = len;
	/* Structure costs ~140 bytes a line; past TXT_LINES_MAX lines (a log,
	 * `yes | yuedu`) the rest is kept as preformatted text, which costs
	 * one block per 64 KiB.  Nothing is dropped. */
	while (cut < len && nl < TXT_LINES_MAX) {
		const char *e = memchr(utf8 + cut, '\n', len - cut);

		if (e == NULL) {
			cut = len;
			break;
		}
		cut = (size_t)(e - utf8) + 1;
		nl++;
	}
	c.n = cut;
	split_lines(&c);
	split_paragraphs(&c);
	body = classify_header(&c, b);
	classify(&c, body);
	find_plain_headings(&c, body);
	assign_levels(&c);
	emit(&c, b);
	if (cut < len) {
		docb_begin(b, BLOCK_PRE, 0, (uint32_t)MIN(nl + 1, UINT32_MAX));
		docb_text_clean(b, utf8 + cut, len - cut);
		docb_end(b);
	}
	free(c.lines);
	free(c.paras);
	return 0;
}
