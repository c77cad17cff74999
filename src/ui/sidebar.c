/* sidebar.c - the outline sidebar's rows, selection and filter (no
 * curses; view.c draws what this keeps). */
#include "sidebar.h"

#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "utf8.h"
#include "util.h"

static const char *tab_names[SIDEBAR__NTABS] = {
	[SIDEBAR_OUTLINE] = "目录",
	[SIDEBAR_DOCS] = "文档",
};

const char *
sidebar_tab_name(int tab)
{
	return tab >= 0 && tab < SIDEBAR__NTABS ? tab_names[tab] : "?";
}

struct sidebar *
sidebar_new(const struct doc *d, struct reader *r)
{
	struct sidebar *sb = xcalloc(1, sizeof *sb);

	sb->d = sb->doc = d;
	sb->r = r;
	sb->rows = xcalloc(d->nnodes ? d->nnodes : 1, sizeof *sb->rows);
	sb->height = 1;
	sidebar_rebuild(sb);
	return sb;
}

void
sidebar_doc_grew(struct sidebar *sb)
{
	/* Kept as they are: rebuilding looks at the selected row. */
	sb->rows = xreallocarray(sb->rows, sb->d->nnodes ? sb->d->nnodes : 1,
	    sizeof *sb->rows);
	sidebar_rebuild(sb);
}

void
sidebar_free(struct sidebar *sb)
{
	if (sb == NULL)
		return;
	free(sb->rows);
	free(sb);
}

void
sidebar_set_docs(struct sidebar *sb, const struct doc *docs, uint32_t cur)
{
	sb->docs = docs;
	sb->docs_cur = cur;
	if (sb->tab == SIDEBAR_DOCS)
		sidebar_set_tab(sb, docs != NULL ? SIDEBAR_DOCS :
		    SIDEBAR_OUTLINE);
}

void
sidebar_set_tab(struct sidebar *sb, int tab)
{
	if (tab == SIDEBAR_DOCS && sb->docs == NULL)
		tab = SIDEBAR_OUTLINE;
	sb->tab = tab;
	sb->d = tab == SIDEBAR_DOCS ? sb->docs : sb->doc;
	free(sb->rows);
	sb->rows = xcalloc(sb->d->nnodes ? sb->d->nnodes : 1,
	    sizeof *sb->rows);
	sb->nrows = sb->sel = sb->scroll = 0;
	sidebar_filter_clear(sb);
}

uint32_t
sidebar_current(const struct sidebar *sb)
{
	if (sb->tab == SIDEBAR_DOCS)
		return sb->docs_cur;
	return reader_current_node(sb->r);
}

static unsigned char
fold_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive (ASCII) substring search. */
static bool
contains(const char *s, size_t n, const char *pat, size_t m)
{
	if (m == 0)
		return true;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;

		while (j < m && fold_ascii((unsigned char)s[i + j]) ==
		    fold_ascii((unsigned char)pat[j]))
			j++;
		if (j == m)
			return true;
	}
	return false;
}

bool
sidebar_matches(const struct sidebar *sb, uint32_t node)
{
	const char *s;
	size_t n;

	if (sb->filter.len == 0)
		return true;
	reader_heading_text(sb->d, sb->d->nodes[node].block, &s, &n);
	return contains(s, n, sb->filter.s, sb->filter.len);
}

void
sidebar_rebuild(struct sidebar *sb)
{
	const struct doc *d = sb->d;
	uint32_t keep = sidebar_node(sb), i = 0;

	sb->nrows = 0;
	if (sb->filter.len > 0 || sb->tab == SIDEBAR_DOCS) {
		for (i = 0; i < d->nnodes; i++)
			if (sidebar_matches(sb, i))
				sb->rows[sb->nrows++] = i;
	} else {
		/* Nodes are in document order and a subtree is contiguous:
		 * skip the inside of a closed section in one step. */
		while (i < d->nnodes) {
			sb->rows[sb->nrows++] = i;
			if (reader_fold_state(sb->r, i) == FOLD_CLOSED) {
				uint32_t end = d->nodes[i].end_block;

				i++;
				while (i < d->nnodes && d->nodes[i].block < end)
					i++;
			} else
				i++;
		}
	}
	sb->sel = 0;
	if (keep != OUTLINE_NONE)
		for (uint32_t k = 0; k < sb->nrows; k++)
			if (sb->rows[k] >= keep) {
				sb->sel = sb->rows[k] == keep || k == 0 ? k :
				    k - 1;
				break;
			}
	if (sb->nrows > 0 && sb->sel >= sb->nrows)
		sb->sel = sb->nrows - 1;
	sidebar_move(sb, 0);
}

void
sidebar_set_height(struct sidebar *sb, int height)
{
	sb->height = height > 0 ? height : 1;
	sidebar_move(sb, 0);
}

void
sidebar_select(struct sidebar *sb, uint32_t row)
{
	uint32_t h = (uint32_t)sb->height;

	if (sb->nrows == 0) {
		sb->sel = sb->scroll = 0;
		return;
	}
	sb->sel = row < sb->nrows ? row : sb->nrows - 1;
	if (sb->sel < sb->scroll)
		sb->scroll = sb->sel;
	else if (sb->sel >= sb->scroll + h)
		sb->scroll = sb->sel - h + 1;
	if (sb->nrows <= h)
		sb->scroll = 0;
	else if (sb->scroll > sb->nrows - h)
		sb->scroll = sb->nrows - h;
}

void
sidebar_move(struct sidebar *sb, int delta)
{
	int64_t s = (int64_t)sb->sel + delta;

	if (s < 0)
		s = 0;
	sidebar_select(sb, (uint32_t)(s > UINT32_MAX ? UINT32_MAX : s));
}

void
sidebar_follow(struct sidebar *sb)
{
	uint32_t cur = sidebar_current(sb);
	uint32_t lo = 0, hi = sb->nrows;

	if (cur == OUTLINE_NONE || sb->nrows == 0) {
		sidebar_select(sb, 0);
		return;
	}
	/* The last listed node at or before cur: cur itself, or (with a
	 * filter) the nearest match above it. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (sb->rows[mid] <= cur)
			lo = mid + 1;
		else
			hi = mid;
	}
	sidebar_select(sb, lo > 0 ? lo - 1 : 0);
}

uint32_t
sidebar_node(const struct sidebar *sb)
{
	return sb->nrows > 0 && sb->sel < sb->nrows ? sb->rows[sb->sel] :
	    OUTLINE_NONE;
}

int
sidebar_row_at(const struct sidebar *sb, int y)
{
	uint64_t row;

	if (y < 0)
		return -1;
	row = (uint64_t)sb->scroll + (uint64_t)y;
	return row < sb->nrows ? (int)row : -1;
}

void
sidebar_filter_start(struct sidebar *sb)
{
	sb->editing = true;
}

void
sidebar_filter_clear(struct sidebar *sb)
{
	lineedit_clear(&sb->filter);
	sb->editing = false;
	sidebar_rebuild(sb);
	sidebar_follow(sb);
}

bool
sidebar_filter_key(struct sidebar *sb, uint32_t key)
{
	if (!sb->editing) {
		if (!lineedit_printable(key) || key == ' ')
			return false;
		sb->editing = true;
	}
	if (key == YK_ESC) {
		sidebar_filter_clear(sb);
		return true;
	}
	switch (lineedit_key(&sb->filter, key)) {
	case LINEEDIT_UNUSED:
		return false;
	case LINEEDIT_EMPTY_BACK:
		sb->editing = false;
		return true;
	case LINEEDIT_CHANGED:
		break;
	}
	sidebar_rebuild(sb);
	sidebar_select(sb, 0);
	return true;
}
