/* sidebar.h - the sidebar's model, without curses: tabs (the outline and
 * the open documents; related reading and links later), the outline
 * flattened into rows that follow the reader's folds, the selection, and
 * type-to-filter.
 *
 * Rows are outline node indices of sb->d: the document's own outline, or
 * on the documents tab a list made as a document with one heading per
 * open document (tab.h), so both draw and filter the same way.  Fold
 * state is the reader's own, so folding in the sidebar folds the text and
 * the other way round. */
#ifndef YUEDU_SIDEBAR_H
#define YUEDU_SIDEBAR_H

#include <stdbool.h>
#include <stdint.h>
#include "doc.h"
#include "lineedit.h"
#include "reader.h"

enum sidebar_tab {
	SIDEBAR_OUTLINE,
	SIDEBAR_DOCS,		/* the open documents */
	SIDEBAR__NTABS
};

#define SIDEBAR_FILTER_MAX LINEEDIT_MAX

struct sidebar {
	const struct doc *d;	/* what the rows list: doc, or docs */
	const struct doc *doc;	/* the reader's document */
	const struct doc *docs;	/* the documents list, or NULL */
	uint32_t docs_cur;	/* the document shown, in docs */
	struct reader *r;
	int tab;		/* enum sidebar_tab */
	uint32_t *rows;		/* node indices, document order */
	uint32_t nrows;
	uint32_t sel;		/* selected row */
	uint32_t scroll;	/* first row on screen */
	int height;		/* rows available for the list */
	struct lineedit filter;
	bool editing;		/* keys go to the filter */
};

struct sidebar *sidebar_new(const struct doc *d, struct reader *r);
/* The outline grew (a document loading): rows for its new headings,
 * the selection kept. */
void sidebar_doc_grew(struct sidebar *sb);
void sidebar_free(struct sidebar *sb);
const char *sidebar_tab_name(int tab);
/* The documents list (owned by the caller, NULL for none) and which one
 * is shown. */
void sidebar_set_docs(struct sidebar *sb, const struct doc *docs,
    uint32_t cur);
/* Shows tab (enum sidebar_tab); the filter is cleared. */
void sidebar_set_tab(struct sidebar *sb, int tab);
/* The row to highlight as current: the reader's section, or the document
 * shown. */
uint32_t sidebar_current(const struct sidebar *sb);

/* Rebuilds the rows after folds or the filter changed; keeps the
 * selected node when it is still listed. */
void sidebar_rebuild(struct sidebar *sb);
void sidebar_set_height(struct sidebar *sb, int height);
/* Selects the reader's current section (or its nearest listed ancestor)
 * and scrolls it into view. */
void sidebar_follow(struct sidebar *sb);
/* Moves the selection by delta rows (clamped); keeps it on screen. */
void sidebar_move(struct sidebar *sb, int delta);
void sidebar_select(struct sidebar *sb, uint32_t row);
/* The selected node, or OUTLINE_NONE when the list is empty. */
uint32_t sidebar_node(const struct sidebar *sb);
/* The row under screen row y of the list (0 = first list row), or -1. */
int sidebar_row_at(const struct sidebar *sb, int y);

/* Type-to-filter.  sidebar_filter_key() takes a key while editing (or a
 * printable key that starts editing); returns true when it used the key. */
void sidebar_filter_start(struct sidebar *sb);
void sidebar_filter_clear(struct sidebar *sb);
bool sidebar_filter_key(struct sidebar *sb, uint32_t key);
/* True when the node matches the filter (always true without one). */
bool sidebar_matches(const struct sidebar *sb, uint32_t node);

#endif
