/* txt_paras.c - pass 2 of the plain-text parser: paragraphs.  Blank
 * lines, an indented new line, a heading-like line or a sentence end
 * split them; hard-wrapped lines are joined. */
#include "txt.h"

bool
txt_line_is_candidate(const struct ctx *c, uint32_t li)
{
	struct para tmp;

	memset(&tmp, 0, sizeof tmp);
	tmp.first = tmp.last = li;
	tmp.off = c->lines[li].c_off;
	tmp.len = c->lines[li].c_len;
	txt_find_label(c, &tmp);
	if (tmp.style == ST_NONE) {
		const char *s = c->t + tmp.off;

		return txt_is_related_line(s, tmp.len) ||
		    txt_is_special_line(s, tmp.len) ||
		    (tmp.len <= TXT_RULES.word_line_max &&
		    txt_eq_nospace(s, tmp.len, "目录"));
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

	if (b->blank || b->table != TL_NONE || txt_line_is_candidate(c, next))
		return false;
	q = utf8_prev(c->t + a->c_off, a->c_len);
	last = cp_at(c->t + a->c_off + q, a->c_len - q, &k);
	/* An open bracket continues on the next line: "（2020年…第三次\n会议通过）" */
	if (bal > 0 && b->c_len < TXT_RULES.bracket_join_max)
		return true;
	if (c->wrap_width == 0 || txt_is_terminal(last))
		return false;
	/* An indented line starts a paragraph in indented text. */
	if (b->indent > a->indent &&
	    b->indent >= TXT_RULES.indent_para_min)
		return false;
	return (uint32_t)a->width + a->indent + txt_wrap_slack(c->wrap_width) >=
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
	txt_find_label(c, p);
}

void
txt_split_paragraphs(struct ctx *c)
{
	uint32_t i = 0, blanks = 0, nonblank = 0, blanklines = 0;

	for (i = 0; i < c->nlines; i++) {
		if (c->lines[i].blank)
			blanklines++;
		else
			nonblank++;
	}
	c->blank_style = nonblank > 0 &&
	    blanklines * TXT_RULES.blank_style_ratio >= nonblank;
	c->wrap_width = txt_find_wrap_width(c);
	i = 0;
	while (i < c->nlines) {
		uint32_t j = i;
		int bal;

		if (c->lines[i].blank) {
			blanks++;
			i++;
			continue;
		}
		if (c->lines[i].table_first) {
			/* A table is one paragraph of its rows, never joined
			 * to the text around it. */
			while (j + 1 < c->nlines && c->lines[j + 1].table &&
			    !c->lines[j + 1].table_first)
				j++;
			add_para(c, i, j, (uint16_t)MIN(blanks, 60000u));
			c->paras[c->nparas - 1].kind = P_TABLE;
			c->paras[c->nparas - 1].style = ST_NONE;
			c->paras[c->nparas - 1].label_len = 0;
			blanks = 0;
			i = j + 1;
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
