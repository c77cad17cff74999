/* txt_headings.c - pass 3b of the plain-text parser: which candidates
 * become headings.  Contents (目录) blocks, law articles, dense sibling
 * lists, numbering continuity, related reading, unnumbered headings, and
 * the levels: chapter words by rank, other styles in the order first met. */
#include "txt.h"

#include <stdlib.h>

static bool
para_is_toc_entry(const struct ctx *c, const struct para *p)
{
	if (p->first != p->last || utf8_at_least(c->t + p->off, p->len,
	    TXT_RULES.toc_entry_max + 1))
		return false;
	return p->style != ST_NONE || txt_is_special_line(c->t + p->off,
	    p->len);
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

		if (p->kind != P_TEXT || !txt_eq_nospace(c->t + p->off, p->len,
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
			if (++run >= TXT_RULES.dot_leader_min)
				return true;
		} else
			run = 0;
	}
	return false;
}

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
	return d < e && e - d <= TXT_RULES.page_digits_max && d > 0;
}

static bool
is_article_para(const struct ctx *c, const struct para *p)
{
	return p->style == ST_TIAO && p->kind == P_TEXT &&
	    !txt_is_cross_reference(c->t + p->off + p->label_len,
	    p->len - p->label_len, ST_TIAO);
}

void
txt_classify(struct ctx *c, uint32_t body)
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
	if (articles < TXT_RULES.law_min_articles) {
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
			if (p->first == p->last &&
			    txt_is_related_line(s, p->len)) {
				p->kind = P_RELATED;
				p->title_off = 0;
				p->title_len = p->len;
				in_related = true;
				continue;
			}
			if (in_related) {
				/* short lines after 相关阅读 are its links */
				if (p->first == p->last && !utf8_at_least(s,
				    p->len, TXT_RULES.link_max + 1))
					p->kind = P_LINK;
				else
					in_related = false;
				continue;
			}
			if (p->first == p->last &&
			    txt_is_special_line(s, p->len) &&
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
		    !utf8_at_least(s, p->len, TXT_RULES.link_max + 1)) {
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
		if (!txt_shape_heading(c, p))
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
				    txt_chapter_rank((int)j) >
				    txt_chapter_rank(p->style))
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
		if (p->num > 1 && last_num[p->style] == 0 &&
		    p->num > (long)TXT_RULES.first_num_max &&
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
	return txt_is_terminal(last) || utf8_at_least(s, p->len,
	    TXT_RULES.complete_min);
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
void
txt_find_plain_headings(struct ctx *c, uint32_t body)
{
	uint32_t i, count = 0, text = 0, indented = 0, body_text = 0;
	bool *mark, indent_style;

	if (c->nparas == 0)
		return;
	/* Text whose paragraphs are indented sets a heading apart by not
	 * indenting it, where other text uses blank lines. */
	for (i = body; i < c->nparas; i++)
		if (c->paras[i].kind == P_TEXT && utf8_at_least(c->t +
		    c->paras[i].off, c->paras[i].len,
		    TXT_RULES.body_para_min)) {
			body_text++;	/* long paragraphs: the body text */
			if (c->paras[i].indent >= TXT_RULES.indent_para_min)
				indented++;
		}
	indent_style = body_text >= TXT_RULES.indent_min_paras &&
	    indented * 10 >= body_text * TXT_RULES.indent_share_tenths;
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
		if (indent_style ? p->indent >= TXT_RULES.indent_para_min ||
		    nx->indent < TXT_RULES.indent_para_min :
		    p->blank_before == 0 || nx->blank_before == 0)
			continue;
		w = utf8_count(s, p->len);
		if (w < TXT_RULES.plain_min || w > TXT_RULES.plain_max ||
		    txt_has_period(s, p->len))
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
		    (nx->kind == P_TEXT && (utf8_at_least(c->t + nx->off,
		    nx->len, MAX(TXT_RULES.plain_next_min, 2 * w)) ||
		    (ends_sentence(c, nx) && utf8_at_least(c->t + nx->off,
		    nx->len, w + TXT_RULES.plain_next_extra + 1))));
		if (!next_ok)
			continue;
		mark[i] = true;
		count++;
	}
	/* Too many would mean short lines are the text itself (a poem, a
	 * list): then none of them is a heading. */
	if (count > 0 && count * TXT_RULES.plain_share_max <= text + count) {
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
void
txt_levels_of(const struct txt_state *st, int *level_of)
{
	const int *order = st->order, n = st->norder;
	int i, lvl = 1, r;

	for (i = 0; i < ST__COUNT; i++)
		level_of[i] = 1;
	for (r = 0; r <= 4; r++)
		for (i = 0; i < n; i++)
			if (is_chapter_style(order[i]) &&
			    txt_chapter_rank(order[i]) == r) {
				/* 回 and 章 share a rank */
				bool dup = false;
				int k;

				for (k = 0; k < i; k++)
					if (is_chapter_style(order[k]) &&
					    txt_chapter_rank(order[k]) == r)
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
}

/* Styles join the order as first met, over all pieces of the text. */
void
txt_assign_levels(struct ctx *c)
{
	struct txt_state *st = c->st;
	int level_of[ST__COUNT];
	uint32_t p;

	for (p = 0; p < c->nparas; p++)
		if (c->paras[p].kind == P_HEADING &&
		    !st->used[c->paras[p].style]) {
			st->used[c->paras[p].style] = true;
			st->order[st->norder++] = c->paras[p].style;
		}
	txt_levels_of(st, level_of);
	for (p = 0; p < c->nparas; p++)
		if (c->paras[p].kind == P_HEADING)
			c->paras[p].level = level_of[c->paras[p].style];
		else if (c->paras[p].kind == P_RELATED)
			c->paras[p].level = 1;
}
