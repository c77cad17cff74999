/* tab.h - several open documents.  A tab (a "document view") owns one
 * document with everything that reads it: its layout, reader (folds,
 * marks, ''), sidebar and, for a stream, the feed it grows from.  A tab
 * list holds the tabs, which one is shown, and the jump history they
 * share, so Back crosses documents.  No curses here. */
#ifndef YUEDU_TAB_H
#define YUEDU_TAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "reader.h"
#include "screen.h"
#include "sidebar.h"

struct loader;

struct feed;

struct tab {
	uint32_t id;		/* index in the list: the history's doc id */
	char *path;		/* as given; NULL = stdin */
	struct doc *d;		/* owned */
	struct layout *l;
	struct reader *r;
	struct sidebar *sb;
	struct feed *feed;	/* a stream being read (feed.h), or NULL */
	struct loader *ld;	/* a file still loading (loader.h), or NULL;
				 * while set, it owns d */
	char *note;		/* why its text stops early (load notes),
				 * printed again after the view */
	uint32_t grown_nodes;	/* outline nodes the reader knows of */
	char progress[64];	/* "waiting for input", "reading 3.2 MB" */
	bool noted;		/* the stream's feed_note() was shown */
	/* Ranges of this document's text drawn over (search hits, the
	 * current hit, a focused link, a selection), in document offsets;
	 * cleared when the document is rebuilt. */
	struct deco_list deco;
};

struct tabs {
	struct tab **v;
	size_t n;
	size_t cur;		/* the one shown */
	struct jumplist hist;	/* shared by every tab's reader */
	struct doc *list;	/* the documents list, one heading per tab */
};

void tabs_init(struct tabs *ts);
/* Frees every tab (documents and feeds too) and the list. */
void tabs_free(struct tabs *ts);
/* Adds a tab for d (owned from now on; for a stream, the empty document
 * to start with) and feed (or NULL); returns it. */
struct tab *tabs_add(struct tabs *ts, struct doc *d, struct feed *feed,
    const char *path, const struct layout_opts *lo);
static inline struct tab *
tabs_current(const struct tabs *ts)
{
	return ts->v[ts->cur];
}

/* A tab's name in the documents list: the title, else the file name. */
char *tab_name(const struct tab *t);
/* Swaps in a rebuilt document (a stream that grew).  The reading
 * position survives as a text offset; folds start open again.  The
 * layout is made with lo. */
void tab_replace_doc(struct tabs *ts, struct tab *t, struct doc *nd,
    const struct layout_opts *lo);
/* A new layout for every tab (the settings changed); positions kept. */
/* t's document grew while loading (same address, more blocks and
 * headings), or completed (complete: heading levels may have changed, so
 * its layout starts afresh).  Nothing moves under the reader. */
void tab_doc_grew(struct tab *t, bool complete, const struct layout_opts *lo);
void tabs_relayout(struct tabs *ts, const struct layout_opts *lo);

/* Shows tab i; a jump: the place left is recorded in the history (Back
 * returns to it) and the current tab's ''.  False when i is already
 * shown or out of range. */
bool tabs_switch(struct tabs *ts, size_t i);
/* Back / forward in the history, across documents: may change cur.  A
 * tab that is left and shown again is where it was, exactly. */
bool tabs_back(struct tabs *ts);
bool tabs_forward(struct tabs *ts);

#endif
