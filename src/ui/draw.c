/* draw.c - the app's state laid onto a screen of cells (render/screen.h):
 * the reading pane with block and span styles and decorations, fold rows,
 * the sidebar, the status line and the help screen.  No curses here:
 * term/view.c writes the cells, and tests read them as text. */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "utf8.h"

static enum style_id
heading_style(const struct doc *d, uint32_t b)
{
	uint32_t n = outline_node_at_block(d, b);
	unsigned lv = n != OUTLINE_NONE ? d->nodes[n].level :
	    d->blocks[b].level;

	if (lv <= 1)
		return STY_H1;
	if (lv == 2)
		return STY_H2;
	if (lv == 3)
		return STY_H3;
	return STY_H4;
}

static enum style_id
block_style(const struct doc *d, uint32_t b)
{
	const struct block *bk = &d->blocks[b];

	switch (bk->type) {
	case BLOCK_HEADING:
		return bk->flags & BLOCK_F_RUNIN ? STY_TEXT :
		    heading_style(d, b);
	case BLOCK_META:
		return bk->meta == META_TITLE ? STY_TITLE : STY_META;
	case BLOCK_QUOTE:
		return STY_QUOTE;
	case BLOCK_PRE:
		return STY_CODE;
	case BLOCK_RULE:
		return STY_RULE;
	default:
		return bk->flags & BLOCK_F_LINK ? STY_RELATED : STY_TEXT;
	}
}

static const enum style_id span_styles[STYLE__COUNT] = {
	[STYLE_NONE] = STY_TEXT, [STYLE_STRONG] = STY_STRONG,
	[STYLE_EM] = STY_EM, [STYLE_CODE] = STY_CODE,
	[STYLE_LINK] = STY_LINK, [STYLE_STRIKE] = STY_STRIKE,
	[STYLE_HEADING_TITLE] = STY_RUNIN, [STYLE_CONTROL] = STY_CONTROL,
};

/* The styles at byte off of block b: the block's own, the innermost span
 * (or a run-in title) covering off, and the decoration over that text.
 * *next gets where any of them may change. */
static struct cell_style
style_at(const struct app *a, uint32_t b, uint32_t off, uint32_t end,
    uint32_t *next)
{
	const struct doc *d = a->d;
	const struct block *bk = &d->blocks[b];
	struct cell_style st = cell_style(block_style(d, b));
	uint32_t nx = end, dn;

	if (bk->type == BLOCK_HEADING && (bk->flags & BLOCK_F_RUNIN)) {
		uint32_t te = bk->title_off + bk->title_len;

		if (off < te) {
			st.span = STY_RUNIN;
			nx = MIN(nx, te);
		}
	}
	for (uint32_t i = 0; i < bk->span_count; i++) {
		const struct span *sp = &d->spans[bk->span_first + i];
		uint32_t se = sp->off + sp->len;

		if (sp->off > off) {
			nx = MIN(nx, sp->off);
			break;	/* spans are sorted by offset */
		}
		if (se > off) {
			st.span = sp->style < STYLE__COUNT ?
			    span_styles[sp->style] : STY_TEXT;
			nx = MIN(nx, se);
		}
	}
	/* Decorations are kept in document offsets. */
	st.deco = deco_at(a->deco, bk->text_off + off, bk->text_off + nx,
	    &dn);
	nx = dn - bk->text_off;
	*next = nx > off ? nx : end;
	return st;
}

static void
draw_text_row(struct app *a, struct screen *S, int y, const struct rrow *rw)
{
	const struct doc *d = a->d;
	const struct block *bk = &d->blocks[rw->block];
	const char *t = doc_block_text(d, rw->block);
	int x = a->text_x + rw->row.indent, room = a->text_w - rw->row.indent;
	uint32_t off = rw->row.start, end = rw->row.vis_end;

	if (bk->type == BLOCK_RULE) {
		static const char hr[] = "─";
		struct buf line;
		int w = MIN(a->text_w, 40);

		buf_init(&line);
		for (int i = 0; i < w; i++)
			buf_puts(&line, hr);
		screen_put(S, y, a->text_x + (a->text_w - w) / 2, line.data,
		    line.len, w, cell_style(STY_RULE));
		buf_free(&line);
		return;
	}
	if (end > bk->text_len)
		end = bk->text_len;
	while (off < end && room > 0) {
		uint32_t next;
		struct cell_style st = style_at(a, rw->block, off, end, &next);
		int used = screen_put(S, y, x, t + off, next - off, room, st);

		x += used;
		room -= used;
		off = next;
	}
}

static void
draw_fold_row(struct app *a, struct screen *S, int y, const struct rrow *rw)
{
	const struct doc *d = a->d;
	const struct outline_node *nd = &d->nodes[rw->node];
	struct buf all;
	const char *h;
	size_t hl, split;
	struct cell_style at = (struct cell_style){ heading_style(d, nd->block), STY_STRONG,
	    STY_NONE };
	int used, cw;

	buf_init(&all);
	reader_fold_text(a->r, rw->node, &all);
	reader_heading_text(d, nd->block, &h, &hl);
	/* "▸ " + heading, then the counts in their own style. */
	split = all.len;
	for (size_t i = all.len; i >= 3; i--)
		if (memcmp(all.data + i - 3, "  (", 3) == 0) {
			split = i - 3;
			break;
		}
	cw = (int)utf8_str_width(all.data + split, all.len - split);
	if (cw >= a->text_w)
		cw = 0;
	used = screen_put_trunc(S, y, a->text_x, all.data, split, a->text_w - cw, at);
	if (cw > 0)
		screen_put(S, y, a->text_x + used, all.data + split, all.len - split, cw,
		    cell_style(STY_FOLD_COUNT));
	buf_free(&all);
}

static void
draw_body(struct app *a, struct screen *S)
{
	struct reader_iter it;
	struct rrow rw;
	int y = 0;

	reader_iter_top(a->r, &it);
	for (y = 0; y < a->body_h; y++) {
		screen_fill(S, y, a->body_x, a->body_w, cell_style(STY_TEXT));
		if (!reader_iter_next(a->r, &it, &rw)) {
			/* Below the end, as in less: the end is visible. */
			if (a->d->nblocks > 0)
				screen_put(S, y, a->text_x, "~", 1, a->text_w,
				    cell_style(STY_META));
			continue;
		}
		if (rw.kind == RROW_TEXT)
			draw_text_row(a, S, y, &rw);
		else if (rw.kind == RROW_FOLD)
			draw_fold_row(a, S, y, &rw);
	}
	if (a->d->nblocks == 0)
		screen_put(S, 0, a->text_x, "(empty)", 7, a->text_w,
		    cell_style(STY_META));
}

static void
heading_line(const struct doc *d, uint32_t n, const char **s, size_t *len)
{
	reader_heading_line(d, d->nodes[n].block, s, len);
}

static void
draw_sidebar(struct app *a, struct screen *S)
{
	/* The sidebar's own document: the outline's, or the documents
	 * list's. */
	const struct doc *d = a->sb->d;
	struct sidebar *sb = a->sb;
	uint32_t cur = sidebar_current(sb);
	int x = a->sb_x, w = a->sb_w, used;
	char hdr[SIDEBAR_FILTER_MAX + 64];
	bool focus = a->focus == KM_SIDEBAR;

	for (int y = 0; y < a->body_h; y++) {
		screen_fill(S, y, x, w, cell_style(STY_SIDEBAR));
		screen_put(S, y, a->sep_x, "│", strlen("│"), 1, cell_style(STY_BORDER));
	}
	/* Tab row: the tab names, then the filter. */
	used = 1;
	for (int t = 0; t < SIDEBAR__NTABS; t++) {
		const char *name = sidebar_tab_name(t);

		used += screen_put(S, 0, x + used, name, strlen(name), w - used,
		    t == sb->tab ? cell_style(STY_SIDEBAR_TAB) :
		    cell_style(STY_SIDEBAR));
		used += 1;
	}
	if (sb->filter.len > 0 || sb->editing) {
		snprintf(hdr, sizeof hdr, "/%s%s %u", sb->filter.s,
		    sb->editing ? "▏" : "", (unsigned)sb->nrows);
		screen_put_trunc(S, 0, x + used, hdr, strlen(hdr), w - used - 1,
		    cell_style(STY_PROMPT));
	} else if (d->nnodes == 0)
		screen_put(S, 1, x + 1, "(no headings)", 13, w - 1,
		    cell_style(STY_SIDEBAR_MARKER));
	for (int y = 1; y < a->body_h; y++) {
		int row = sidebar_row_at(sb, y - 1), ind;
		uint32_t n;
		const char *s, *mark;
		size_t len;
		struct cell_style at;
		enum fold_state fs;

		if (row < 0)
			break;
		n = sb->rows[row];
		ind = sb->filter.len > 0 ? 0 :
		    MIN((int)(d->nodes[n].level - 1) * 2, w / 3);
		fs = reader_fold_state(a->r, n);
		if (d->nodes[n].first_child == OUTLINE_NONE &&
		    d->nodes[n].paras == 0)
			mark = " ";
		else
			mark = fs == FOLD_CLOSED ? "▸" : fs == FOLD_BODY ?
			    "▹" : "▾";
		at = n == cur ? cell_style(STY_SIDEBAR_CURRENT) :
		    cell_style(STY_SIDEBAR);
		if (focus && (uint32_t)row == sb->sel) {
			at = (struct cell_style){ STY_SIDEBAR_SELECTED,
			    n == cur ? STY_STRONG : STY_NONE, STY_NONE };
			screen_fill(S, y, x, w, at);
		}
		screen_put(S, y, x + 1 + ind, mark, strlen(mark), w - 1 - ind,
		    (focus && (uint32_t)row == sb->sel) ? at :
		    cell_style(STY_SIDEBAR_MARKER));
		heading_line(d, n, &s, &len);
		screen_put_trunc(S, y, x + 3 + ind, s, len, w - 3 - ind - 1, at);
	}
}

/* One piece of the status line. */
struct piece {
	const char *s;
	size_t n;
	struct cell_style at;
};

static int
pieces_width(const struct piece *p, int np)
{
	int w = 0;

	for (int i = 0; i < np; i++)
		w += (int)utf8_str_width(p[i].s, p[i].n);
	return w;
}

/* The label of a heading and an ellipsis ("一、…"), or its first
 * characters when it has no label. */
static size_t
short_form(const struct doc *d, uint32_t n, char *out, size_t size)
{
	const struct block *bk = &d->blocks[d->nodes[n].block];
	const char *s;
	size_t len, k;

	heading_line(d, n, &s, &len);
	if (bk->label_len > 0 && bk->label_len < len)
		k = bk->label_len;
	else
		k = screen_fit(s, len, 6, NULL);
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k + 4 > size)
		k = 0;
	memcpy(out, s, k);
	memcpy(out + k, "…", strlen("…") + 1);
	return k + strlen("…");
}

static void
draw_status(struct app *a, struct screen *S)
{
	const struct doc *d = a->d;
	int y = a->rows - 1, cols = a->cols, rw, x;
	char right[128], pend[64] = "", shorts[16][64];
	uint32_t path[16];
	size_t np = reader_path(a->r, path, 16);
	struct piece pc[40];
	int npc = 0, avail;
	const char *title = d->title != NULL ? d->title :
	    d->name != NULL ? d->name : "(stdin)";
	static const char sep[] = " › ";

	screen_fill(S, y, 0, cols, cell_style(STY_STATUS));
	if (a->prompting) {
		int used;

		screen_fill(S, y, 0, cols, cell_style(STY_PROMPT));
		used = screen_put(S, y, 0, ":", 1, cols, cell_style(STY_PROMPT));
		/* Show the end of a long line. */
		{
			const char *s = a->prompt.s;
			size_t n = a->prompt.len;

			while (n > 0 && (int)utf8_str_width(s, n) > cols - 2) {
				size_t m;
				uint32_t cp;

				m = utf8_decode(s, n, &cp);
				s += m;
				n -= m;
			}
			used += screen_put(S, y, used, s, n, cols - used - 1,
			    cell_style(STY_PROMPT));
		}
		screen_put(S, y, used, " ", 1, 1, (struct cell_style){ STY_PROMPT, STY_NONE, STY_SELECTION });
		return;
	}
	/* Right side: pending keys, percent, encoding and format. */
	if (a->has_count)
		snprintf(pend, sizeof pend, "%ld", a->count);
	if (a->npending > 0 || a->await != NULL) {
		char seq[48];

		keymap_seq_name(a->pending, a->npending, seq, sizeof seq);
		snprintf(pend + strlen(pend), sizeof pend - strlen(pend), "%s%s",
		    a->await != NULL ? a->await->name : seq,
		    a->await != NULL ? " …" : "");
	}
	if (a->help)
		snprintf(right, sizeof right, " %s  %d/%zu  q: close ", pend,
		    a->help_top + 1, a->help_n);
	else
		snprintf(right, sizeof right, " %s%s%s%s%s%s%d%%  %s·%s ", pend,
		    pend[0] ? "  " : "", a->progress,
		    a->progress[0] ? "  " : "",
		    /* The focused sidebar tab: 目录 or 文档. */
		    a->focus == KM_SIDEBAR ? sidebar_tab_name(a->sb->tab) : "",
		    a->focus == KM_SIDEBAR ? "  " : "",
		    reader_percent(a->r), d->encoding ? d->encoding : "?",
		    doc_format_name(d->format));
	rw = (int)utf8_str_width(right, strlen(right));
	if (rw > cols)
		rw = cols;
	screen_put(S, y, cols - rw, right, strlen(right), rw,
	    cell_style(STY_STATUS_INFO));
	avail = cols - rw - 1;
	if (avail <= 0)
		return;
	if (a->msg[0] != '\0' || a->note != NULL) {
		const char *m = a->msg[0] != '\0' ? a->msg : a->note;
		struct cell_style at = a->msg_error ? cell_style(STY_ERROR) :
		    cell_style(STY_MESSAGE);

		screen_fill(S, y, 0, avail + 1, at);
		screen_put_trunc(S, y, 1, m, strlen(m), avail - 1, at);
		return;
	}
	if (a->help) {
		screen_put(S, y, 1, "yuedu help", 10, avail - 1, cell_style(STY_STATUS));
		return;
	}
	/* Left side: title › path, current section highlighted, shortened
	 * from the outside in until it fits. */
	for (int stage = 0; stage < 4; stage++) {
		npc = 0;
		if (stage == 0 || np == 0)
			pc[npc++] = (struct piece){ title, strlen(title),
			    cell_style(STY_STATUS) };
		for (size_t i = 0; i < np; i++) {
			const char *s;
			size_t len;
			bool last = i + 1 == np;

			if (npc > 0)
				pc[npc++] = (struct piece){ sep, strlen(sep),
				    cell_style(STY_STATUS_CRUMB) };
			if (!last && stage >= 2) {
				len = short_form(d, path[i], shorts[i],
				    sizeof shorts[i]);
				s = shorts[i];
			} else
				heading_line(d, path[i], &s, &len);
			pc[npc++] = (struct piece){ s, len, last ?
			    cell_style(STY_STATUS_CURRENT) :
			    cell_style(STY_STATUS_CRUMB) };
		}
		if (pieces_width(pc, npc) <= avail - 1 || stage == 3)
			break;
	}
	x = 1;
	for (int i = 0; i < npc && x < avail; i++) {
		int room = avail - x;

		if (i == npc - 1 || pieces_width(pc + i, 1) <= room)
			x += screen_put_trunc(S, y, x, pc[i].s, pc[i].n, room, pc[i].at);
		else {
			x += screen_put_trunc(S, y, x, pc[i].s, pc[i].n, room, pc[i].at);
			break;
		}
	}
}

static void
draw_help(struct app *a, struct screen *S)
{
	int h = a->rows - 1, kw = 0;

	for (size_t i = 0; i < a->help_n; i++) {
		const char *tab = strchr(a->help_lines[i], '\t');

		if (a->help_lines[i][0] != '#' && tab != NULL)
			kw = MAX(kw, (int)utf8_str_width(a->help_lines[i],
			    (size_t)(tab - a->help_lines[i])));
	}
	kw = MIN(kw, a->cols / 3);
	for (int y = 0; y < h; y++) {
		size_t i = (size_t)a->help_top + (size_t)y;
		const char *s, *tab;

		screen_fill(S, y, 0, a->cols, cell_style(STY_TEXT));
		if (i >= a->help_n)
			continue;
		s = a->help_lines[i];
		if (s[0] == '#') {
			screen_put_trunc(S, y, 1, s + 1, strlen(s + 1), a->cols - 2,
			    cell_style(STY_HELP_HEAD));
			continue;
		}
		if ((tab = strchr(s, '\t')) == NULL)
			continue;
		screen_put_trunc(S, y, 2, s, (size_t)(tab - s), kw, cell_style(STY_HELP_KEY));
		screen_put_trunc(S, y, 2 + kw + 2, tab + 1, strlen(tab + 1),
		    a->cols - kw - 5, cell_style(STY_TEXT));
	}
}

static void
draw_too_small(struct app *a, struct screen *S)
{
	static const char msg[] = "terminal too small";

	for (int y = 0; y < S->rows; y++)
		screen_fill(S, y, 0, S->cols, cell_style(STY_TEXT));
	if (a->rows >= 1 && a->cols >= 1)
		screen_put(S, 0, 0, msg, sizeof msg - 1, a->cols,
		    (struct cell_style){ STY_TEXT, STY_STRONG, STY_NONE });
}

void
draw_app(struct app *a, struct screen *S, unsigned dirty)
{
	if (S->rows != a->rows || S->cols != a->cols) {
		screen_resize(S, a->rows, a->cols);
		dirty |= DIRTY_ALL;
	}
	if (dirty & DIRTY_CLEAR)
		screen_touch(S);
	if (a->too_small)
		draw_too_small(a, S);
	else if (a->help) {
		if (dirty & (DIRTY_BODY | DIRTY_SIDEBAR | DIRTY_CLEAR))
			draw_help(a, S);
		draw_status(a, S);
	} else {
		if (dirty & (DIRTY_BODY | DIRTY_CLEAR))
			draw_body(a, S);
		if (a->sidebar_shown &&
		    (dirty & (DIRTY_SIDEBAR | DIRTY_CLEAR | DIRTY_BODY)))
			draw_sidebar(a, S);
		if (dirty & (DIRTY_STATUS | DIRTY_CLEAR | DIRTY_BODY))
			draw_status(a, S);
	}
}
