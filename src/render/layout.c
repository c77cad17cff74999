/* layout.c - line breaking for a width, and a bounded per-block cache.
 *
 * layout_text() is the pure function: UTF-8 text in, rows out.  It works
 * on "clusters" (ICU extended grapheme clusters, see cluster_width()) and
 * decides, for each row, where the row ends:
 *
 *   1. Scan clusters from the row start, summing columns.  ASCII spaces
 *      never overflow: spaces at a break stay in the row's byte range but
 *      not in its drawn part, so they may run past the width.
 *   2. At the first cluster that does not fit (a 2-column cluster that
 *      would take the last column does not fit either), end the row at
 *      the last position that is allowed, in this order of preference:
 *        a. an ICU line break opportunity (zh@lb=strict, with the two
 *           tailorings in tailor_ok()) that passes the kinsoku checks;
 *        b. an emergency break at a grapheme boundary (a word or URL
 *           wider than the line) that passes the kinsoku checks;
 *        c. a terminal-cell boundary inside a cluster wider than 2
 *           columns (a degenerate cluster wider than the line);
 *        d. the last cluster that fits, ignoring kinsoku: width wins
 *           over kinsoku only when nothing else is possible (a row of
 *           forbidden marks at width 2-3), so no text is lost and no row
 *           is wider than the width.
 *   3. '\n' always ends its row (PRE text; a paragraph never has one, but
 *      if it does it is a forced break too).  The '\n' is in the row's
 *      range, not in its drawn part.
 *
 * Kinsoku (clreq 避头尾): a row never starts with a mark of no_start(),
 * never ends (its drawn part) with a mark of no_end(), and —— …… are
 * never split.  ICU's strict rules already do most of it, but they allow
 * a break before — · ～ (classes B2/AI/ID), and emergency breaks know
 * nothing about punctuation, so every candidate is checked here.
 *
 * Cost: one pass of ICU's two iterators and one forward scan per row; a
 * row's scan restarts only after the chosen break, so the work is linear
 * in the text for any input (no backward searches). */
#include "layout.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "utf8.h"
#include "util.h"

/* Cache bounds: a document streamed through --dump never holds more than
 * this many blocks or rows at once. */
#define CACHE_BLOCKS	4096u
#define CACHE_ROWS	(1u << 20)
#define HASH_SIZE	8192u	/* power of two, >= CACHE_BLOCKS */
#define NONE		UINT32_MAX

#define MAX_WIDTH	UINT16_MAX	/* row.cols and row.indent are 16-bit */

/* cluster.f */
#define CF_BRK		0x01	/* line break opportunity before this cluster */
#define CF_SUB		0x02	/* starts inside an ICU grapheme cluster */
#define CF_SP		0x04	/* ASCII space: hangs at a break */
#define CF_NL		0x08	/* '\n': forced break after it */
#define CF_NOSTART	0x10	/* may not start a row */
#define CF_NOEND	0x20	/* may not end a row */

struct cluster {
	uint32_t off;		/* byte offset in the text */
	uint32_t u16;		/* UTF-16 offset, to match ICU's boundaries */
	uint8_t w;		/* columns: 0, 1 or 2 */
	uint8_t f;		/* CF_* */
	uint8_t pair;		/* never-split pair kind (—— ……), 0 none */
};

struct entry {
	uint32_t block;
	uint32_t n;
	struct row *rows;
	uint32_t prev, next;	/* LRU list, head = most recent */
	uint32_t hnext;		/* hash chain */
};

struct layout {
	const struct doc *d;
	int width;
	int para_gap;
	struct entry *ents;	/* CACHE_BLOCKS, allocated on first use */
	uint32_t nents;
	uint32_t head, tail;
	uint32_t free_ent;	/* chain of evicted entries (through next) */
	size_t rows;		/* rows held by the cache */
	uint32_t bucket[HASH_SIZE];
};

/* Line-start-forbidden marks (避头): closing brackets and quotes, stops,
 * dashes, ellipses, iteration marks and small kana, full and half
 * width. */
static bool
no_start(uint32_t c)
{
	switch (c) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A:
	case 0xFF1F: case 0xFF01: case 0xFF09: case 0x3011: case 0x300B:
	case 0x300D: case 0x300F: case 0x3015: case 0x3009: case 0x201D:
	case 0x2019: case 0x2026: case 0x2014: case 0xFF5E: case 0x00B7:
	case 0x30FB: case 0x3005:
	case ',': case '.': case ';': case ':': case '?': case '!':
	case ')': case ']': case '}':
	/* The same marks in other forms. */
	case 0xFF0E: case 0xFF3D: case 0xFF5D: case 0x3017: case 0x3019:
	case 0x301B: case 0xFF60: case 0xFF63: case 0xFF61: case 0xFF64:
	case 0xFF65: case 0x301E: case 0x301F: case 0x2015: case 0x22EF:
	case 0x2025: case 0x301C: case 0x30FC: case 0x309D: case 0x309E:
	case 0x30FD: case 0x30FE: case 0x3099: case 0x309A: case 0x309B:
	case 0x309C: case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54:
	case 0xFE55: case 0xFE56: case 0xFE57: case 0xFE5A: case 0xFE5C:
	case 0xFE5E:
		return true;
	}
	/* Small kana. */
	switch (c) {
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
	case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E:
	case 0x3095: case 0x3096:
	case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9:
	case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE:
	case 0x30F5: case 0x30F6:
		return true;
	}
	return (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF67 && c <= 0xFF70);
}

/* Line-end-forbidden marks (避尾): opening brackets and quotes. */
static bool
no_end(uint32_t c)
{
	switch (c) {
	case 0xFF08: case 0x3010: case 0x300A: case 0x300C: case 0x300E:
	case 0x3014: case 0x3008: case 0x201C: case 0x2018:
	case '(': case '[': case '{':
	case 0xFF3B: case 0xFF5B: case 0x3016: case 0x3018: case 0x301A:
	case 0xFF5F: case 0xFF62: case 0x301D: case 0xFE59: case 0xFE5B:
	case 0xFE5D:
		return true;
	}
	return false;
}

/* Marks that are doubled and never split: —— ―― …… ⋯⋯. */
static uint8_t
pair_kind(uint32_t c)
{
	switch (c) {
	case 0x2014: return 1;
	case 0x2026: return 2;
	case 0x2015: return 3;
	case 0x22EF: return 4;
	}
	return 0;
}

static bool
is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
	    c == 0x3007;
}

static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Tailorings of ICU's opportunities between code points a and b:
 * - none inside a run of printable ASCII (ICU breaks after '/' and '-',
 *   which splits URLs, paths and hyphenated words that would fit);
 * - none between a digit and a following ideograph, which is usually its
 *   unit (2025年, 100元, 3.5万). */
static bool
tailor_ok(uint32_t a, uint32_t b)
{
	if (a > 0x20 && a < 0x7F && b > 0x20 && b < 0x7F)
		return false;
	if (is_digit(a) && is_han(b))
		return false;
	return true;
}

static bool
emoji_base(uint32_t c)
{
	return u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
	    u_hasBinaryProperty((UChar32)c, UCHAR_REGIONAL_INDICATOR) ||
	    (c >= '0' && c <= '9') || c == '#' || c == '*';
}

static bool
emoji_joiner(uint32_t c)
{
	return c == 0x200D || c == 0xFE0F || c == 0x20E3 ||
	    (c >= 0x1F3FB && c <= 0x1F3FF) ||	/* skin tones */
	    (c >= 0x1F1E6 && c <= 0x1F1FF) ||	/* second flag letter */
	    (c >= 0xE0020 && c <= 0xE007F);	/* tag sequences */
}

void
layout_draw_form(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, k, j;
	uint32_t cp, nx;
	char enc[4];

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (cp < 0x80 && !(cp >= '0' && cp <= '9') && cp != '#' &&
		    cp != '*') {
			buf_put(out, s + i, k);
			i += k;
			continue;
		}
		/* The sequence: base, then joiners; after a ZWJ any code point
		 * joins; a flag is exactly two regional indicators. */
		j = i + k;
		if (emoji_base(cp)) {
			bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF, zwj = false;
			int pairs = 0;

			while (j < n) {
				size_t m = utf8_decode(s + j, n - j, &nx);

				if (zwj) {
					zwj = false;
				} else if (nx == 0x200D) {
					zwj = true;
				} else if (ri && nx >= 0x1F1E6 && nx <= 0x1F1FF) {
					if (pairs++ > 0)
						break;
				} else if (!emoji_joiner(nx) ||
				    (nx >= 0x1F1E6 && nx <= 0x1F1FF)) {
					break;
				}
				j += m;
			}
		}
		if (j > i + k && utf8_str_width(s + i, j - i) != 2) {
			int w = utf8_width(cp);

			buf_put(out, enc, utf8_encode(cp, enc));
			for (; w < 2; w++)
				buf_putc(out, ' ');
		} else if (j == i + k && utf8_reveal_invisibles() &&
		    utf8_is_invisible(cp)) {
			/* Revealed: utf8_width() gave it the marker's column.
			 * The marker is East Asian Width Neutral, so it stays
			 * 1 column under --ambiguous-wide too. */
			buf_put(out, enc, utf8_encode(UTF8_REVEAL_MARKER, enc));
		} else
			buf_put(out, s + i, j - i);
		i = j;
	}
}

/* The text as UTF-16 for ICU, with a map from each unit back to its byte
 * offset in the UTF-8 text. */
struct u16text {
	UChar *u;
	uint32_t n;		/* units */
	uint32_t *map;		/* n + 1 entries */
};

/* Code point at unit i (a lone surrogate cannot occur: we encode). */
static uint32_t
u16_at(const struct u16text *t, uint32_t i)
{
	uint32_t c = t->u[i];

	if (c >= 0xD800 && c <= 0xDBFF && i + 1 < t->n)
		c = 0x10000 + ((c - 0xD800) << 10) + (t->u[i + 1] - 0xDC00);
	return c;
}

/* Code point that ends just before unit i (i > 0). */
static uint32_t
u16_before(const struct u16text *t, uint32_t i)
{
	uint32_t c = t->u[i - 1];

	if (c >= 0xDC00 && c <= 0xDFFF && i >= 2)
		return u16_at(t, i - 2);
	return c;
}

/* Columns of the grapheme cluster at units [a, b).  The rule: an emoji
 * sequence (an Extended_Pictographic, regional indicator or keycap base
 * followed by ZWJ, VS16, a skin tone, a second regional indicator, a
 * keycap mark or tags) is 2 columns, which is what current terminals
 * draw for 👨‍👩‍👧, 🇨🇳, ❤️, 👍🏽 and 1️⃣ (security.md R3).  Anything else is
 * the sum of its code points' utf8_width(), which is how ncursesw fills
 * cells (a base and its zero-width marks share the base's cell).
 * Returns -1 for a non-emoji cluster wider than 2 columns (e.g. a run of
 * Hangul leading jamo), which the caller splits into cells. */
static int
cluster_width(const struct u16text *t, uint32_t a, uint32_t b)
{
	uint32_t i = a, cp, first = 0;
	int w = 0;
	bool joined = false;

	while (i < b) {
		cp = u16_at(t, i);
		if (i == a)
			first = cp;
		else if (emoji_joiner(cp))
			joined = true;
		w += utf8_width(cp);
		i += cp >= 0x10000 ? 2 : 1;
	}
	if (joined && emoji_base(first))
		return 2;
	return w > 2 ? -1 : w;
}

/* ICU iterators, opened once and reset with ubrk_setText.  NULL when ICU
 * cannot open them; then every code point is a cluster and every cluster
 * boundary is a break opportunity (degraded but correct). */
static UBreakIterator *line_bi, *char_bi;
static int icu_tried;

/* Closed at exit so that valgrind's leak check (run on the whole binary
 * by the e2e suite) does not report ICU's rule data as possibly lost. */
static void
icu_close(void)
{
	if (line_bi != NULL)
		ubrk_close(line_bi);
	if (char_bi != NULL)
		ubrk_close(char_bi);
	line_bi = char_bi = NULL;
}

static void
icu_open(void)
{
	UErrorCode st = U_ZERO_ERROR;
	static const UChar empty[1];

	if (icu_tried)
		return;
	icu_tried = 1;
	atexit(icu_close);
	line_bi = ubrk_open(UBRK_LINE, "zh@lb=strict", empty, 0, &st);
	if (U_FAILURE(st)) {
		st = U_ZERO_ERROR;
		line_bi = ubrk_open(UBRK_LINE, "zh", empty, 0, &st);
		if (U_FAILURE(st))
			line_bi = NULL;
	}
	st = U_ZERO_ERROR;
	char_bi = ubrk_open(UBRK_CHARACTER, "", empty, 0, &st);
	if (U_FAILURE(st))
		char_bi = NULL;
}

/* Fills the flags of cluster c from its first code point. */
static void
classify(struct cluster *c, uint32_t cp)
{
	if (cp == ' ')
		c->f |= CF_SP;
	else if (cp == '\n')
		c->f |= CF_NL;
	if (no_start(cp))
		c->f |= CF_NOSTART;
	if (no_end(cp))
		c->f |= CF_NOEND;
	c->pair = pair_kind(cp);
}

struct clvec {
	struct cluster *v;
	size_t n, cap;
};

static struct cluster *
cl_add(struct clvec *cv, const struct u16text *t, uint32_t u, int w,
    uint8_t f)
{
	struct cluster *c;

	if (cv->n == cv->cap) {
		cv->cap = cv->cap * 2 + 64;
		cv->v = xreallocarray(cv->v, cv->cap, sizeof *cv->v);
	}
	c = &cv->v[cv->n++];
	c->off = t->map[u];
	c->u16 = u;
	c->w = (uint8_t)w;
	c->f = f;
	classify(c, u16_at(t, u));
	return c;
}

/* Appends the cells of a cluster wider than 2 columns: each code point
 * of nonzero width starts a cell, zero-width ones join the cell before. */
static void
add_cells(struct clvec *cv, const struct u16text *t, uint32_t a, uint32_t b)
{
	uint32_t i = a, cp;
	struct cluster *c = NULL;
	int w;

	while (i < b) {
		cp = u16_at(t, i);
		w = utf8_width(cp);
		if (c == NULL || w > 0)
			c = cl_add(cv, t, i, 0, i == a ? 0 : CF_SUB);
		c->w = (uint8_t)(c->w + w);
		i += cp >= 0x10000 ? 2 : 1;
	}
}

static void
to_utf16(struct u16text *t, const char *text, uint32_t len)
{
	uint32_t i = 0, n = 0, cp;
	size_t k;

	/* The text is sanitised already; stray bad bytes become U+FFFD,
	 * one unit each, so len + 1 units are always enough. */
	t->u = xreallocarray(NULL, (size_t)len + 1, sizeof *t->u);
	t->map = xreallocarray(NULL, (size_t)len + 2, sizeof *t->map);
	while (i < len) {
		if ((unsigned char)text[i] < 0x80) {
			t->map[n] = i;
			t->u[n++] = (UChar)text[i++];
			continue;
		}
		k = utf8_decode(text + i, len - i, &cp);
		t->map[n] = i;
		if (cp >= 0x10000) {
			t->u[n++] = (UChar)(0xD7C0 + (cp >> 10));
			t->map[n] = i;
			t->u[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
		} else {
			t->u[n++] = (UChar)cp;
		}
		i += (uint32_t)k;
	}
	t->map[n] = len;
	t->n = n;
}

/* BMP code units whose Grapheme_Cluster_Break is Other: between two of
 * them there is always a cluster boundary (GB999), so the common case
 * (ASCII, Latin-1, Han, kana, CJK punctuation) skips ICU's character
 * iterator.  Built once from ICU's own property data. */
static uint8_t gcb_other[0x10000 / 8];
static int gcb_ready;

static void
gcb_init(void)
{
	uint32_t c;

	for (c = 0; c < 0x10000; c++)
		if (u_getIntPropertyValue((UChar32)c,
		    UCHAR_GRAPHEME_CLUSTER_BREAK) == U_GCB_OTHER &&
		    !(c >= 0xD800 && c <= 0xDFFF))
			gcb_other[c >> 3] |= (uint8_t)(1u << (c & 7));
	gcb_ready = 1;
}

static bool
simple_unit(UChar c)
{
	return gcb_other[c >> 3] & (1u << (c & 7));
}

/* Splits text into clusters with their widths, flags and the break
 * opportunities before them.  Returns the count; *out is malloc'd. */
static size_t
make_clusters(const char *text, uint32_t len, struct cluster **out)
{
	struct u16text t;
	struct clvec cv = { NULL, 0, 0 };
	struct cluster *cl;
	size_t ci, nc;
	int32_t b1;
	uint32_t i;
	bool use_icu, done = false;

	to_utf16(&t, text, len);
	icu_open();
	if (!gcb_ready)
		gcb_init();
	use_icu = t.n <= (uint32_t)INT32_MAX;
	if (use_icu && char_bi != NULL) {
		UErrorCode st = U_ZERO_ERROR;

		ubrk_setText(char_bi, t.u, (int32_t)t.n, &st);
		if (U_SUCCESS(st)) {
			i = 0;
			while (i < t.n) {
				int w;

				if (simple_unit(t.u[i]) && (i + 1 == t.n ||
				    simple_unit(t.u[i + 1]))) {
					cl_add(&cv, &t, i, utf8_width(t.u[i]), 0);
					i++;
					continue;
				}
				b1 = ubrk_following(char_bi, (int32_t)i);
				if (b1 == UBRK_DONE || (uint32_t)b1 <= i)
					b1 = (int32_t)t.n;	/* cannot happen */
				w = cluster_width(&t, i, (uint32_t)b1);
				if (w < 0)
					add_cells(&cv, &t, i, (uint32_t)b1);
				else
					cl_add(&cv, &t, i, w, 0);
				i = (uint32_t)b1;
			}
			done = true;
		}
	}
	if (!done) {
		/* One cluster per code point (ICU unavailable). */
		for (i = 0; i < t.n; i += t.u[i] >= 0xD800 &&
		    t.u[i] <= 0xDBFF ? 2 : 1)
			cl_add(&cv, &t, i, utf8_width(u16_at(&t, i)), 0);
	}
	cl = cv.v;
	nc = cv.n;

	/* Break opportunities, at true cluster boundaries only. */
	if (use_icu && line_bi != NULL && nc > 0) {
		UErrorCode st = U_ZERO_ERROR;

		ubrk_setText(line_bi, t.u, (int32_t)t.n, &st);
		if (U_SUCCESS(st)) {
			ci = 0;
			ubrk_first(line_bi);
			while ((b1 = ubrk_next(line_bi)) != UBRK_DONE) {
				while (ci < nc && cl[ci].u16 < (uint32_t)b1)
					ci++;
				if (ci >= nc)
					break;
				if (cl[ci].u16 == (uint32_t)b1 &&
				    !(cl[ci].f & CF_SUB))
					cl[ci].f |= CF_BRK;
			}
		}
	} else {
		for (ci = 1; ci < nc; ci++)
			if (!(cl[ci].f & CF_SUB))
				cl[ci].f |= CF_BRK;
	}
	/* Tailorings: compare the code points on both sides. */
	for (ci = 1; ci < nc; ci++) {
		if ((cl[ci].f & CF_BRK) && !tailor_ok(u16_before(&t,
		    cl[ci].u16), u16_at(&t, cl[ci].u16)))
			cl[ci].f &= (uint8_t)~CF_BRK;
	}
	free(t.u);
	free(t.map);
	*out = cl;
	return nc;
}

/* A candidate end of row: the next row starts at cluster pos; the drawn
 * part ends at byte vis_end with cols columns. */
struct cand {
	size_t pos;
	uint32_t vis_end;
	uint32_t cols;
};

static void
push_row(struct row **rows, uint32_t *n, size_t *cap, uint32_t start,
    uint32_t end, uint32_t vis_end, uint32_t indent, uint32_t cols)
{
	struct row *r;

	if (*n == *cap) {
		*cap = *cap * 2 + 8;
		*rows = xreallocarray(*rows, *cap, sizeof **rows);
	}
	r = &(*rows)[(*n)++];
	r->start = start;
	r->end = end;
	r->vis_end = vis_end;
	r->indent = (uint16_t)indent;
	r->cols = (uint16_t)MIN(cols, UINT16_MAX);
}

/* The indent actually used: at least 2 columns stay for text (1 when the
 * width is 1), so a too-deep indent shrinks rather than starving the
 * row of room for a wide glyph. */
static int
clamp_indent(int indent, int width)
{
	int room = width >= 2 ? 2 : 1;

	if (indent < 0)
		indent = 0;
	if (indent > width - room)
		indent = width - room;
	return indent;
}

struct row *
layout_text(const char *text, uint32_t len, int width, int indent, int hang,
    int pre, uint32_t *n)
{
	struct cluster *cl = NULL;
	struct row *rows = NULL;
	size_t nc, i = 0, cap = 0, s, last_nonsp, cum;
	uint32_t nrows = 0, vis_end = 0, cols = 0, avail, ind;
	struct cand brk = { 0, 0, 0 }, emerg = brk, sub = brk, pick = brk;
	bool first = true, has;

	/* PRE and paragraphs share the algorithm: '\n' is a forced break in
	 * both, and breaks inside an overlong line follow the same order. */
	UNUSED(pre);
	if (width < 1)
		width = 1;
	if (width > MAX_WIDTH)
		width = MAX_WIDTH;
	indent = clamp_indent(indent, width);
	hang = clamp_indent(hang, width);
	nc = text != NULL && len > 0 ? make_clusters(text, len, &cl) : 0;

	if (nc == 0) {
		push_row(&rows, &nrows, &cap, 0, 0, 0, (uint32_t)indent, 0);
		*n = nrows;
		return rows;
	}
	while (i < nc) {
		s = i;
		ind = (uint32_t)(first ? indent : hang);
		avail = (uint32_t)width - ind;
		first = false;
		cum = cols = 0;
		vis_end = cl[s].off;
		last_nonsp = SIZE_MAX;
		brk.pos = emerg.pos = sub.pos = 0;	/* 0: none (pos > s >= 0) */
		for (; i < nc; i++) {
			struct cluster *c = &cl[i];

			if (i > s) {
				/* Position i as a row end: kinsoku checks. */
				bool ok = !(c->f & CF_NOSTART) &&
				    !(last_nonsp != SIZE_MAX &&
				    (cl[last_nonsp].f & CF_NOEND)) &&
				    !(c->pair != 0 && cl[i - 1].pair == c->pair);

				if (ok) {
					struct cand here = { i, vis_end, cols };

					if (c->f & CF_BRK)
						brk = here;
					if (!(c->f & CF_SUB))
						emerg = here;
					else
						sub = here;
				}
			}
			if (c->f & CF_NL) {
				i++;
				break;
			}
			if (c->f & CF_SP) {
				cum += c->w;
				continue;
			}
			if (cum + c->w > avail) {
				if (i == s) {
					/* Only a wide cluster at width 1: it
					 * gets a row of its own (layout.h). */
					i++;
					vis_end = i < nc ? cl[i].off : len;
					cols = c->w;
					break;
				}
				has = true;
				if (brk.pos != 0)
					pick = brk;
				else if (emerg.pos != 0)
					pick = emerg;
				else if (sub.pos != 0)
					pick = sub;
				else
					has = false;
				if (has) {
					i = pick.pos;
					vis_end = pick.vis_end;
					cols = pick.cols;
				}
				/* else: last resort, end before cluster i. */
				break;
			}
			cum += c->w;
			cols = (uint32_t)cum;
			last_nonsp = i;
			vis_end = i + 1 < nc ? cl[i + 1].off : len;
		}
		push_row(&rows, &nrows, &cap, cl[s].off,
		    i < nc ? cl[i].off : len, vis_end, ind, cols);
	}
	free(cl);
	*n = nrows;
	return rows;
}

/* --- the cache ------------------------------------------------------- */

struct layout *
layout_new(const struct doc *d, const struct layout_opts *o)
{
	struct layout *l = xcalloc(1, sizeof *l);

	l->d = d;
	l->width = o != NULL ? o->width : 80;
	if (l->width < 1)
		l->width = 1;
	l->para_gap = o != NULL ? o->para_gap : 1;
	l->head = l->tail = l->free_ent = NONE;
	memset(l->bucket, 0xFF, sizeof l->bucket);
	return l;
}

static void
cache_clear(struct layout *l)
{
	uint32_t i;

	for (i = 0; i < l->nents; i++)
		free(l->ents[i].rows);
	l->nents = 0;
	l->head = l->tail = l->free_ent = NONE;
	l->rows = 0;
	memset(l->bucket, 0xFF, sizeof l->bucket);
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	cache_clear(l);
	free(l->ents);
	free(l);
}

void
layout_set_width(struct layout *l, int width)
{
	if (width < 1)
		width = 1;
	if (width == l->width)
		return;
	l->width = width;
	cache_clear(l);
}

int
layout_width(const struct layout *l)
{
	return l->width;
}

static uint32_t
hash_block(uint32_t b)
{
	return (b * 2654435761u) & (HASH_SIZE - 1);
}

static void
lru_unlink(struct layout *l, uint32_t e)
{
	struct entry *en = &l->ents[e];

	if (en->prev != NONE)
		l->ents[en->prev].next = en->next;
	else
		l->head = en->next;
	if (en->next != NONE)
		l->ents[en->next].prev = en->prev;
	else
		l->tail = en->prev;
}

static void
lru_push_front(struct layout *l, uint32_t e)
{
	struct entry *en = &l->ents[e];

	en->prev = NONE;
	en->next = l->head;
	if (l->head != NONE)
		l->ents[l->head].prev = e;
	l->head = e;
	if (l->tail == NONE)
		l->tail = e;
}

/* Drops the least recently used block. */
static void
evict_one(struct layout *l)
{
	uint32_t e = l->tail, *pp;
	struct entry *en;

	if (e == NONE)
		return;
	en = &l->ents[e];
	lru_unlink(l, e);
	for (pp = &l->bucket[hash_block(en->block)]; *pp != NONE;
	    pp = &l->ents[*pp].hnext) {
		if (*pp == e) {
			*pp = en->hnext;
			break;
		}
	}
	l->rows -= en->n;
	free(en->rows);
	en->rows = NULL;
	en->next = l->free_ent;
	l->free_ent = e;
}

static struct row *
block_layout(const struct layout *l, uint32_t b, uint32_t *n)
{
	const struct block *bl = &l->d->blocks[b];
	const char *text = doc_block_text(l->d, b);
	int indent = bl->indent, hang = bl->hang;
	struct row *r;

	switch (bl->type) {
	case BLOCK_RULE:
		/* One row with nothing drawn; the view draws the rule.  Any
		 * text is still covered so rows read back to the text. */
		r = xcalloc(1, sizeof *r);
		r->end = bl->text_len;
		r->indent = (uint16_t)clamp_indent(indent, l->width);
		*n = 1;
		return r;
	case BLOCK_QUOTE:
		/* Two columns per level for the quote bars. */
		indent += 2 * bl->level;
		hang += 2 * bl->level;
		break;
	default:
		break;
	}
	return layout_text(text, bl->text_len, l->width, indent, hang,
	    bl->type == BLOCK_PRE, n);
}

const struct row *
layout_block_rows(struct layout *l, uint32_t b, uint32_t *n)
{
	static const struct row empty_row;
	uint32_t e, h;
	struct entry *en;
	struct row *rows;
	uint32_t nr;

	if (l->d == NULL || b >= l->d->nblocks) {
		*n = 1;
		return &empty_row;
	}
	h = hash_block(b);
	for (e = l->bucket[h]; e != NONE; e = l->ents[e].hnext) {
		if (l->ents[e].block == b) {
			lru_unlink(l, e);
			lru_push_front(l, e);
			*n = l->ents[e].n;
			return l->ents[e].rows;
		}
	}
	rows = block_layout(l, b, &nr);
	if (l->ents == NULL)
		l->ents = xcalloc(CACHE_BLOCKS, sizeof *l->ents);
	while (l->head != NONE && (l->rows + nr > CACHE_ROWS ||
	    (l->free_ent == NONE && l->nents == CACHE_BLOCKS)))
		evict_one(l);
	if (l->free_ent != NONE) {
		e = l->free_ent;
		l->free_ent = l->ents[e].next;
	} else {
		e = l->nents++;
	}
	en = &l->ents[e];
	en->block = b;
	en->n = nr;
	en->rows = rows;
	en->hnext = l->bucket[h];
	l->bucket[h] = e;
	lru_push_front(l, e);
	l->rows += nr;
	*n = nr;
	return rows;
}

int
layout_gap_before(const struct layout *l, uint32_t b)
{
	if (b == 0 || l->d == NULL || b >= l->d->nblocks)
		return 0;
	if (l->d->blocks[b].flags & BLOCK_F_CONT)
		return 0;
	/* The items of a list (a 目录, related links, 1】2】3】) stay together. */
	if (l->d->blocks[b].type == BLOCK_LIST_ITEM &&
	    l->d->blocks[b - 1].type == BLOCK_LIST_ITEM)
		return 0;
	return l->para_gap;
}

uint32_t
layout_row_of(struct layout *l, struct doc_pos p)
{
	const struct row *rows;
	uint32_t n, lo, hi, mid;

	if (l->d == NULL || p.block >= l->d->nblocks)
		return 0;
	rows = layout_block_rows(l, p.block, &n);
	/* Last row whose start is <= off. */
	lo = 0;
	hi = n;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (rows[mid].start <= p.off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
layout_str_width(const char *s, size_t n)
{
	struct cluster *cl;
	size_t nc, i, w = 0;

	if (s == NULL || n == 0 || n > UINT32_MAX)
		return n > UINT32_MAX ? utf8_str_width(s, n) : 0;
	nc = make_clusters(s, (uint32_t)n, &cl);
	for (i = 0; i < nc; i++)
		if (!(cl[i].f & CF_NL))
			w += cl[i].w;
	free(cl);
	return w;
}
