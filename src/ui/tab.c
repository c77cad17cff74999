/* tab.c - the open documents: one tab per document (its layout, reader,
 * sidebar and stream feed), the one shown, the jump history they share,
 * and the documents list the sidebar shows. */
#include "tab.h"

#include <stdlib.h>
#include <string.h>

#include "docbuild.h"
#include "feed.h"
#include "loader.h"
#include "sanitize.h"
#include "util.h"

void
tabs_init(struct tabs *ts)
{
	memset(ts, 0, sizeof *ts);
}

static void
tab_free(struct tab *t)
{
	sidebar_free(t->sb);
	reader_free(t->r);
	layout_free(t->l);
	if (t->ld != NULL)
		loader_free(t->ld);	/* and the document it shows */
	else
		doc_free(t->d);
	deco_free(&t->deco);
	if (t->feed != NULL)
		feed_free(t->feed);
	free(t->note);
	free(t->path);
	free(t);
}

void
tabs_free(struct tabs *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		tab_free(ts->v[i]);
	free(ts->v);
	doc_free(ts->list);
	tabs_init(ts);
}

char *
tab_name(const struct tab *t)
{
	const char *s = t->d->title, *slash;

	if (s == NULL || *s == '\0') {
		s = t->path != NULL ? t->path : "(stdin)";
		/* The base name: the sidebar is narrow. */
		if ((slash = strrchr(s, '/')) != NULL && slash[1] != '\0')
			s = slash + 1;
	}
	return sanitize_str(s);
}

/* The documents list as a document: one heading per tab, so the sidebar
 * lists, filters and draws it as it does an outline. */
static void
make_list(struct tabs *ts)
{
	struct docb *b = docb_new();

	for (size_t i = 0; i < ts->n; i++) {
		char *name = tab_name(ts->v[i]);
		size_t len = strlen(name);

		docb_begin(b, BLOCK_HEADING, 1, (uint32_t)i + 1);
		docb_text(b, name, len);
		docb_set_label(b, 0, 0, (uint32_t)len);
		docb_end(b);
		free(name);
	}
	doc_free(ts->list);
	ts->list = docb_finish(b);
	for (size_t i = 0; i < ts->n; i++)
		sidebar_set_docs(ts->v[i]->sb, ts->list, (uint32_t)ts->cur);
}

/* The reader and sidebar for t's document. */
static void
tab_views(struct tabs *ts, struct tab *t, const struct layout_opts *lo)
{
	t->l = layout_new(t->d, lo);
	t->r = reader_new(t->d, t->l);
	reader_share_history(t->r, &ts->hist, t->id);
	t->sb = sidebar_new(t->d, t->r);
	t->grown_nodes = t->d->nnodes;
	sidebar_set_docs(t->sb, ts->list, (uint32_t)ts->cur);
}

struct tab *
tabs_add(struct tabs *ts, struct doc *d, struct feed *feed, const char *path,
    const struct layout_opts *lo)
{
	struct tab *t = xcalloc(1, sizeof *t);

	t->id = (uint32_t)ts->n;
	t->d = d;
	t->feed = feed;
	t->path = path != NULL ? xstrdup(path) : NULL;
	tab_views(ts, t, lo);
	ts->v = xreallocarray(ts->v, ts->n + 1, sizeof *ts->v);
	ts->v[ts->n++] = t;
	make_list(ts);
	return t;
}

void
tab_replace_doc(struct tabs *ts, struct tab *t, struct doc *nd,
    const struct layout_opts *lo)
{
	doc_off at = reader_anchor(t->r);
	bool titled = t->d->title != NULL;

	sidebar_free(t->sb);
	reader_free(t->r);
	layout_free(t->l);
	doc_free(t->d);
	t->d = nd;
	/* Their offsets were the old document's. */
	deco_clear(&t->deco);
	tab_views(ts, t, lo);
	if (at > 0)
		reader_goto(t->r, at);
	/* A stream's title arrives with its first lines. */
	if (titled != (nd->title != NULL))
		make_list(ts);
}

void
tab_doc_grew(struct tab *t, bool complete, const struct layout_opts *lo)
{
	if (complete) {
		struct layout *l = layout_new(t->d, lo);

		t->r->l = l;
		layout_free(t->l);
		t->l = l;
	}
	reader_doc_grew(t->r, t->grown_nodes);
	t->grown_nodes = t->d->nnodes;
	sidebar_doc_grew(t->sb);
	reader_relayout(t->r);
}

void
tabs_relayout(struct tabs *ts, const struct layout_opts *lo)
{
	for (size_t i = 0; i < ts->n; i++) {
		struct tab *t = ts->v[i];
		struct layout *old = t->l;

		t->l = layout_new(t->d, lo);
		t->r->l = t->l;
		layout_free(old);
		reader_relayout(t->r);
	}
}

/* Shows tab i without touching the history. */
static void
show(struct tabs *ts, size_t i)
{
	ts->cur = i;
	for (size_t k = 0; k < ts->n; k++)
		ts->v[k]->sb->docs_cur = (uint32_t)i;
}

bool
tabs_switch(struct tabs *ts, size_t i)
{
	if (i >= ts->n || i == ts->cur)
		return false;
	reader_record_jump(tabs_current(ts)->r);
	show(ts, i);
	return true;
}

/* Goes to history entry to: another tab is shown as it was left (its
 * anchor is that entry unless it moved since); within a tab, the reader
 * goes there (opening folds that hide it). */
static void
go(struct tabs *ts, struct jump to)
{
	struct tab *t;

	if (to.doc >= ts->n)
		return;
	t = ts->v[to.doc];
	if (to.doc != ts->cur) {
		show(ts, to.doc);
		if (reader_anchor(t->r) == to.off)
			return;
	}
	reader_goto(t->r, to.off);
}

bool
tabs_back(struct tabs *ts)
{
	struct jump to;

	if (!jumplist_back(&ts->hist, reader_here(tabs_current(ts)->r), &to))
		return false;
	go(ts, to);
	return true;
}

bool
tabs_forward(struct tabs *ts)
{
	struct jump to;

	if (!jumplist_forward(&ts->hist, reader_here(tabs_current(ts)->r),
	    &to))
		return false;
	go(ts, to);
	return true;
}
