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
	return c->st->lines + li + 1;
}

/* The heading's block and style, for txt_parser_finish(). */
static void
note_heading(struct ctx *c, uint32_t block, int style)
{
	struct txt_state *st = c->st;

	if (block == UINT32_MAX)
		return;
	if (st->nheads == st->capheads) {
		st->capheads = st->capheads ? st->capheads * 2 : 64;
		st->heads = xreallocarray(st->heads, st->capheads,
		    sizeof *st->heads);
	}
	st->heads[st->nheads].block = block;
	st->heads[st->nheads].style = (uint8_t)style;
	st->nheads++;
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

/* A table: its rows as preformatted blocks, as written (grid rows keep
 * their lines), each in a row container with one (empty) cell container
 * per column for the column's alignment; rules sit in the table itself. */
static void
emit_table(const struct ctx *c, struct docb *b, const struct para *p)
{
	uint8_t aligns[TXT_COLS_MAX];
	struct cont_attrs a = { 0 };
	unsigned cols = txt_table_columns(c, p->first, aligns), k;
	bool row_open = false;
	uint32_t li;

	a.num = cols;
	docb_open(b, CONT_TABLE, &a);
	for (li = p->first; li <= p->last; li++) {
		const struct line *l = &c->lines[li];
		size_t end = (size_t)l->c_off + l->c_len;

		if (l->table == TL_MORE && row_open) {
			docb_text_clean(b, "\n", 1);
			docb_text_clean(b, c->t + l->off, end - l->off);
			continue;
		}
		if (row_open)
			docb_close(b);
		row_open = false;
		if (l->table != TL_RULE) {
			memset(&a, 0, sizeof a);
			a.header = l->table == TL_HEAD;
			docb_open(b, CONT_ROW, &a);
			for (k = 0; k < cols; k++) {
				a.num = k;
				a.align = (enum cell_align)aligns[k];
				docb_open(b, CONT_CELL, &a);
				docb_close(b);
			}
			row_open = true;
		}
		docb_begin(b, BLOCK_PRE, 0, line_no(c, li));
		docb_text_clean(b, c->t + l->off, end - l->off);
		if (!row_open)
			docb_end(b);
	}
	if (row_open)
		docb_close(b);
	docb_close(b);
}

/* The lists open while emitting, one per indentation of their items. */
#define TXT_LISTS_MAX 16
struct lists {
	struct {
		int style;		/* enum style of its items */
		uint32_t bullet;	/* ST_BULLET: the marker */
		uint16_t indent;
		long next;		/* numbered: the next number in it */
	} open[TXT_LISTS_MAX];
	unsigned depth;
};

/* Closes lists (each with its open item) down to keep. */
static void
close_lists(struct docb *b, struct lists *ls, unsigned keep)
{
	while (ls->depth > keep) {
		docb_close(b);
		docb_close(b);
		ls->depth--;
	}
}

/* Opens the item container for p: in the open list it continues (same
 * marker or the next number at the same indent), in a new list nested in
 * the open item when it is indented deeper, else in a new list. */
static void
open_item(const struct ctx *c, struct docb *b, struct lists *ls,
    const struct para *p)
{
	const char *s = c->t + p->off;
	struct cont_attrs a = { 0 };
	unsigned cap = MIN(TXT_RULES.list_depth_max, TXT_LISTS_MAX);
	uint32_t bullet = 0;
	size_t k, lab = p->label_len, rest;

	if (p->style == ST_BULLET)
		bullet = cp_at(s, p->len, &k);
	while (ls->depth > 0) {
		const unsigned d = ls->depth - 1;

		if (ls->open[d].indent > p->indent) {
			close_lists(b, ls, d);
			continue;
		}
		if (ls->open[d].indent == p->indent &&
		    (ls->open[d].style != p->style ||
		    ls->open[d].bullet != bullet ||
		    (p->style != ST_BULLET && p->num != ls->open[d].next))) {
			close_lists(b, ls, d);
			continue;
		}
		break;
	}
	if (ls->depth > 0 && (ls->open[ls->depth - 1].indent == p->indent ||
	    ls->depth == cap)) {
		docb_close(b);		/* the item before, same list */
	} else {
		a.ordered = p->style != ST_BULLET;
		a.num = a.ordered && p->num > 0 ? (uint32_t)p->num : 0;
		a.bullet = bullet;
		docb_open(b, CONT_LIST, &a);
		ls->open[ls->depth].style = p->style;
		ls->open[ls->depth].bullet = bullet;
		ls->open[ls->depth].indent = p->indent;
		ls->depth++;
	}
	ls->open[ls->depth - 1].next = p->num + 1;
	memset(&a, 0, sizeof a);
	while (lab > 0 && s[lab - 1] == ' ')
		lab--;
	a.label = s;
	a.label_len = lab;
	a.num = p->num > 0 ? (uint32_t)p->num : 0;
	/* "- [ ] to do", "- [x] done" */
	rest = p->label_len;
	if (p->style == ST_BULLET && p->len >= rest + 4 && s[rest] == '[' &&
	    s[rest + 2] == ']' && s[rest + 3] == ' ') {
		if (s[rest + 1] == ' ')
			a.task = TASK_OPEN;
		else if (s[rest + 1] == 'x' || s[rest + 1] == 'X')
			a.task = TASK_DONE;
	}
	docb_open(b, CONT_ITEM, &a);
}

static void
emit(struct ctx *c, struct docb *b)
{
	struct lists ls;
	uint32_t i;

	ls.depth = 0;
	for (i = 0; i < c->nparas; i++) {
		struct para *p = &c->paras[i];
		uint32_t line = line_no(c, p->first);
		unsigned lw;

		if (p->kind == P_ITEM)
			open_item(c, b, &ls, p);
		else
			close_lists(b, &ls, 0);
		switch (p->kind) {
		case P_TABLE:
			emit_table(c, b, p);
			continue;
		case P_META:
			docb_begin(b, BLOCK_META, 0, line);
			docb_set_meta_kind(b, (enum meta_kind)p->meta);
			emit_text(c, b, p, 0);
			break;
		case P_HEADING:
		case P_RELATED: {
			uint32_t bi = docb_begin(b, BLOCK_HEADING,
			    (unsigned)p->level, line);

			if (p->kind == P_HEADING)
				note_heading(c, bi, p->style);
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
		}
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
	close_lists(b, &ls, 0);
}

struct txt_parser {
	struct txt_state st;
};

struct txt_parser *
txt_parser_new(void)
{
	return xcalloc(1, sizeof(struct txt_parser));
}

void
txt_parser_feed(struct txt_parser *tp, struct docb *b, const char *utf8,
    size_t len)
{
	struct ctx c;
	uint32_t body = 0;
	size_t cut = 0, nl = 0;

	memset(&c, 0, sizeof c);
	c.st = &tp->st;
	c.t = utf8;
	c.n = len;
	c.lines = tp->st.line_buf;
	c.lines_cap = tp->st.line_cap;
	c.paras = tp->st.para_buf;
	c.cap = tp->st.para_cap;
	/* Structure costs ~140 bytes a line; past lines_max lines in one
	 * piece (a log, `yes | yuedu`) the rest of it is kept as
	 * preformatted text, which costs one block per 64 KiB.  Nothing is
	 * dropped. */
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
	txt_find_tables(&c);
	txt_split_paragraphs(&c);
	if (!tp->st.started)
		body = txt_classify_header(&c, b);
	tp->st.started = true;
	txt_classify(&c, body);
	txt_find_plain_headings(&c, body);
	txt_assign_levels(&c);
	emit(&c, b);
	if (cut < len) {
		docb_begin(b, BLOCK_PRE, 0,
		    (uint32_t)MIN(tp->st.lines + nl + 1, UINT32_MAX));
		docb_text_clean(b, utf8 + cut, len - cut);
		docb_end(b);
	}
	/* Lines of this piece, for the next one's line numbers. */
	for (const char *q = utf8 + cut; (q = memchr(q, '\n',
	    len - (size_t)(q - utf8))) != NULL; q++)
		nl++;
	tp->st.lines += (uint32_t)MIN(nl, UINT32_MAX - tp->st.lines);
	tp->st.line_buf = c.lines;
	tp->st.line_cap = c.lines_cap;
	tp->st.para_buf = c.paras;
	tp->st.para_cap = c.cap;
}

void
txt_parser_finish(struct txt_parser *tp, struct docb *b)
{
	int level_of[ST__COUNT];

	if (tp == NULL)
		return;
	txt_levels_of(&tp->st, level_of);
	for (uint32_t i = 0; i < tp->st.nheads; i++)
		docb_set_level(b, tp->st.heads[i].block,
		    (unsigned)level_of[tp->st.heads[i].style]);
	free(tp->st.heads);
	free(tp->st.line_buf);
	free(tp->st.para_buf);
	free(tp);
}

unsigned
txt_parser_lines(const struct txt_parser *tp)
{
	return tp->st.lines;
}

int
parse_txt(struct docb *b, const char *utf8, size_t len)
{
	struct txt_parser *tp = txt_parser_new();

	txt_parser_feed(tp, b, utf8, len);
	txt_parser_finish(tp, b);
	return 0;
}
