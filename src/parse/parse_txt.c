/* parse_txt.c - structure from plain text (reading-quality.md §3-4).
 *
 * Three passes over the already sanitised UTF-8 (load.c runs
 * sanitize_append first, so text goes to the builder as it is), each in its
 * own file, with the thresholds they decide by in txt_rules.h:
 *  1. lines (txt_lines.c): offsets, indent, blank or not;
 *  2. paragraphs (txt_paras.c): blank lines, an indented new line, a
 *     heading-like line, or a sentence end split paragraphs; hard-wrapped
 *     lines are joined;
 *  3. classification (txt_labels.c, txt_header.c, txt_headings.c): each
 *     paragraph's leading number (第一章, 一、, （一）, 1., 1.1, （1）, ①,
 *     ...) makes it a *candidate*; candidates are scored
 *     against their context (run-in title, sentence shape, cross-reference
 *     words, dense sibling lists, 目录 blocks, article context, numbering
 *     continuity) before they become headings.  Levels come from the styles
 *     in the order first met, with the chapter words (编 > 分编 > 章 > 节)
 *     ranked by meaning.
 * The title, date and source lines before the body become metadata, and a
 * trailing 相关阅读 / See also section becomes a related-reading list. */
#include "parse.h"
#include "txt.h"

#include <stdlib.h>

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
	/* Structure costs ~140 bytes a line; past lines_max lines (a log,
	 * `yes | yuedu`) the rest is kept as preformatted text, which costs
	 * one block per 64 KiB.  Nothing is dropped. */
	while (cut < len && nl < TXT_RULES.lines_max) {
		const char *e = memchr(utf8 + cut, '\n', len - cut);

		if (e == NULL) {
			cut = len;
			break;
		}
		cut = (size_t)(e - utf8) + 1;
		nl++;
	}
	c.n = cut;
	txt_split_lines(&c);
	txt_split_paragraphs(&c);
	body = txt_classify_header(&c, b);
	txt_classify(&c, body);
	txt_find_plain_headings(&c, body);
	txt_assign_levels(&c);
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
