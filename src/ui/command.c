/* command.c - the command table and what each command does.  Key tables
 * (keymap.c) and the config file refer to commands by name; the help
 * screen is generated from this table and the bindings. */
#include "command.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "appstate.h"
#include "outline.h"
#include "sanitize.h"
#include "view.h"

#define MOVED (DIRTY_BODY | DIRTY_STATUS | DIRTY_SIDEBAR)
#define REFOLD (MOVED | DIRTY_FOLDS)

/* The count, else a numeric argument from the binding, else dflt. */
static long
num(const struct cmd_ctx *c, long dflt)
{
	char *end;
	long v;

	if (c->has_count)
		return c->count;
	if (c->arg != NULL) {
		errno = 0;
		v = strtol(c->arg, &end, 10);
		if (errno == 0 && end != c->arg && *end == '\0')
			return v;
	}
	return dflt;
}

static int
clamp_int(long v)
{
	if (v > 1000000)
		return 1000000;
	if (v < -1000000)
		return -1000000;
	return (int)v;
}

/* Commands that come in pairs (down and up, next and previous, open and
 * close) are one function each: dir is -1 for the entry flagged CMD_BACK
 * in the table below, else 1. */

static int
scroll(struct app *a, long n)
{
	int moved = reader_scroll(a->r, clamp_int(n));

	if (moved == 0 && n > 0 && reader_at_end(a->r))
		app_msg(a, "(END)");
	else if (moved == 0 && n < 0)
		app_msg(a, "(TOP)");
	return MOVED;
}

static int sidebar_room(struct app *a);

static int
cmd_line(struct app *a, const struct cmd_ctx *c, int dir)
{
	return scroll(a, dir * num(c, 1));
}

static int
cmd_half_page(struct app *a, const struct cmd_ctx *c, int dir)
{
	return scroll(a, dir * num(c, a->body_h > 1 ? a->body_h / 2 : 1));
}

static int
cmd_page(struct app *a, const struct cmd_ctx *c, int dir)
{
	return scroll(a, dir * num(c, a->body_h > 0 ? a->body_h : 1));
}

static int
jump_line(struct app *a, long n)
{
	reader_jump(a->r, reader_pos_of_line(a->r, (uint32_t)MAX(1, MIN(n,
	    (long)UINT32_MAX))));
	return MOVED;
}

/* While the file loads, the end is the end of what has loaded: said
 * at once rather than waiting (docs/architecture.md). */
static void
loading_note(struct app *a)
{
	if (a->r->loaded < 1.0)
		app_msg(a, "loaded %d%% so far: this is its end; the rest "
		    "follows (Ctrl-C stops loading)",
		    (int)(a->r->loaded * 100));
}

/* top, bottom: to input line N, else to the beginning or the end. */
static int
cmd_end(struct app *a, const struct cmd_ctx *c, int dir)
{
	long n = num(c, 0);

	if (n > 0)
		return jump_line(a, n);
	if (dir < 0)
		reader_top_of_doc(a->r);
	else {
		app_show_loaded(a);
		reader_bottom_of_doc(a->r);
		loading_note(a);
	}
	return MOVED;
}

static int
cmd_percent(struct app *a, const struct cmd_ctx *c, int dir)
{
	long n = num(c, 0);

	app_show_loaded(a);
	reader_jump(a->r, reader_pos_of_percent(a->r, (int)MAX(0, MIN(n,
	    100))));
	if (n > a->r->loaded * 100)
		loading_note(a);
	return MOVED;
}

static int
cmd_goto_line(struct app *a, const struct cmd_ctx *c, int dir)
{
	return jump_line(a, num(c, 1));
}

/* fn N times (the count), at most as often as it succeeds. */
static int
repeat_nav(struct app *a, const struct cmd_ctx *c, bool (*fn)(struct reader *),
    const char *fail)
{
	long n = num(c, 1), done = 0;

	while (done < n && done < 100000 && fn(a->r))
		done++;
	if (done == 0)
		app_msg(a, "%s", fail);
	return MOVED;
}

static int
cmd_heading(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (dir < 0)
		return repeat_nav(a, c, reader_prev_heading,
		    "no previous heading");
	return repeat_nav(a, c, reader_next_heading, "no next heading");
}

static int
cmd_sibling(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (dir < 0)
		return repeat_nav(a, c, reader_prev_sibling,
		    "no previous heading at this level");
	return repeat_nav(a, c, reader_next_sibling,
	    "no next heading at this level");
}

static int
cmd_parent_heading(struct app *a, const struct cmd_ctx *c, int dir)
{
	return repeat_nav(a, c, reader_parent_heading, "no parent heading");
}

static int
cmd_end_heading(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (!(dir < 0 ? reader_first_heading : reader_last_heading)(a->r))
		app_msg(a, "no headings");
	return MOVED;
}

static int
no_headings(struct app *a)
{
	app_msg(a, "no headings to fold");
	return DIRTY_STATUS;
}

/* Cycle the current section, or the whole document; with a count, show
 * that many levels instead. */
static int
fold_cycle(struct app *a, const struct cmd_ctx *c, bool all)
{
	const char *w;

	if (a->d->nnodes == 0)
		return no_headings(a);
	if (c->has_count) {
		reader_fold_levels(a->r, (unsigned)MAX(1, MIN(c->count, 64)));
		app_msg(a, "%ld levels", c->count);
		return REFOLD;
	}
	w = all ? reader_fold_cycle_all(a->r) :
	    reader_fold_cycle(a->r, reader_current_node(a->r));
	if (w != NULL)
		app_msg(a, "%s", w);
	return REFOLD;
}

static int
cmd_fold_cycle(struct app *a, const struct cmd_ctx *c, int dir)
{
	return fold_cycle(a, c, false);
}

static int
cmd_fold_cycle_all(struct app *a, const struct cmd_ctx *c, int dir)
{
	return fold_cycle(a, c, true);
}

static int
toggle_fold(struct app *a, uint32_t n)
{
	reader_set_fold(a->r, n, reader_fold_state(a->r, n) == FOLD_OPEN ?
	    FOLD_CLOSED : FOLD_OPEN);
	return REFOLD;
}

/* Fold keys act on the current section. */
static int
cmd_fold_toggle(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = reader_current_node(a->r);

	if (n == OUTLINE_NONE)
		return no_headings(a);
	return toggle_fold(a, n);
}

/* fold-open, fold-close. */
static int
cmd_fold(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = reader_current_node(a->r);

	if (n == OUTLINE_NONE)
		return no_headings(a);
	/* zc on a closed fold closes the one around it (vim). */
	if (dir < 0 && reader_fold_state(a->r, n) == FOLD_CLOSED &&
	    a->d->nodes[n].parent != OUTLINE_NONE)
		n = a->d->nodes[n].parent;
	reader_set_fold(a->r, n, dir < 0 ? FOLD_CLOSED : FOLD_OPEN);
	return REFOLD;
}

static int
cmd_fold_all(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (a->d->nnodes == 0)
		return no_headings(a);
	reader_fold_all(a->r, dir < 0 ? FOLD_CLOSED : FOLD_OPEN);
	app_msg(a, "%s", dir < 0 ? "overview" : "show all");
	return REFOLD;
}

static int
set_levels(struct app *a, long n)
{
	if (a->d->nnodes == 0)
		return no_headings(a);
	n = MAX(1, MIN(n, (long)a->r->max_depth + 1));
	reader_fold_levels(a->r, (unsigned)n);
	if (n > (long)a->r->max_depth)
		app_msg(a, "show all");
	else
		app_msg(a, "%ld level%s", n, n > 1 ? "s" : "");
	return REFOLD;
}

static int
cmd_fold_levels(struct app *a, const struct cmd_ctx *c, int dir)
{
	return set_levels(a, num(c, 1));
}

/* fold-more, fold-less: N levels more or less than shown now. */
static int
cmd_fold_step(struct app *a, const struct cmd_ctx *c, int dir)
{
	int now = a->r->levels > 0 ? a->r->levels :
	    (int)a->r->max_depth + 1;

	return set_levels(a, now + dir * num(c, 1));
}

static int
cmd_mark_set(struct app *a, const struct cmd_ctx *c, int dir)
{
	char name[32];

	if (c->ch == YK_ESC)
		return DIRTY_STATUS;
	if (!reader_mark_set(a->r, c->ch)) {
		app_error(a, "marks are letters a-z, A-Z (not %s)",
		    keymap_key_name(c->ch, name, sizeof name));
		return DIRTY_STATUS;
	}
	app_msg(a, "mark %c set", (char)c->ch);
	return DIRTY_STATUS;
}

static int
cmd_mark_goto(struct app *a, const struct cmd_ctx *c, int dir)
{
	char name[32];

	if (c->ch == YK_ESC)
		return DIRTY_STATUS;
	if (!reader_mark_goto(a->r, c->ch)) {
		keymap_key_name(c->ch, name, sizeof name);
		if (c->ch == '\'' || c->ch == '`')
			app_msg(a, "no previous position");
		else
			app_error(a, "mark %s is not set", name);
		return DIRTY_STATUS;
	}
	return MOVED;
}

/* back, forward in the jump history, which crosses documents. */
static int
cmd_history(struct app *a, const struct cmd_ctx *c, int dir)
{
	size_t was = a->tabs.cur;
	long n = num(c, 1), done = 0;

	while (done < n && done < 100000 && (dir < 0 ?
	    tabs_back(&a->tabs) : tabs_forward(&a->tabs)))
		done++;
	if (done == 0)
		app_msg(a, "%s", dir < 0 ? "no older position" :
		    "no newer position");
	if (a->tabs.cur != was)
		return app_switch_tab(a);
	return MOVED;
}

/* Shows document i (0-based), a jump Back returns from. */
static int
open_doc(struct app *a, size_t i)
{
	char *name;
	int dirty;

	if (!tabs_switch(&a->tabs, i))
		return DIRTY_STATUS;
	dirty = app_switch_tab(a);
	name = tab_name(tabs_current(&a->tabs));
	app_msg(a, "%s", name);
	free(name);
	return dirty;
}

/* next-doc, prev-doc: N documents on (a count, or :n 2), wrapping
 * around the list. */
static int
cmd_doc(struct app *a, const struct cmd_ctx *c, int dir)
{
	long n = a->tabs.n, k = num(c, 1) % n;

	if (n < 2) {
		app_msg(a, "only one document");
		return DIRTY_STATUS;
	}
	return open_doc(a, (size_t)(((long)a->tabs.cur + dir * k + n) % n));
}

/* The documents list: the sidebar, focused, on its documents tab. */
static int
cmd_documents(struct app *a, const struct cmd_ctx *c, int dir)
{
	a->sidebar_on = true;
	a->focus = KM_SIDEBAR;
	sidebar_set_tab(a->sb, SIDEBAR_DOCS);
	sidebar_follow(a->sb);
	return sidebar_room(a) | DIRTY_SIDEBAR | DIRTY_STATUS;
}

static int
sidebar_room(struct app *a)
{
	app_geometry(a);
	if (a->sidebar_on && !a->sidebar_shown) {
		app_msg(a, "too narrow for the sidebar");
		a->focus = KM_READER;
	}
	return DIRTY_ALL;
}

static int
cmd_sidebar_toggle(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (!a->sidebar_on) {
		a->sidebar_on = true;
		a->focus = KM_SIDEBAR;
		sidebar_follow(a->sb);
	} else if (a->focus != KM_SIDEBAR && a->sidebar_shown)
		a->focus = KM_SIDEBAR;
	else {
		a->sidebar_on = false;
		a->focus = KM_READER;
	}
	return sidebar_room(a);
}

static int
cmd_focus_toggle(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (a->focus == KM_SIDEBAR)
		a->focus = KM_READER;
	else {
		if (!a->sidebar_on) {
			a->sidebar_on = true;
			sidebar_follow(a->sb);
		}
		a->focus = KM_SIDEBAR;
	}
	return sidebar_room(a);
}

static int
cmd_sidebar_side(struct app *a, const struct cmd_ctx *c, int dir)
{
	a->cfg.sidebar_right = !a->cfg.sidebar_right;
	return sidebar_room(a);
}

/* sidebar-wider, sidebar-narrower. */
static int
cmd_sidebar_width(struct app *a, const struct cmd_ctx *c, int dir)
{
	long w = a->sidebar_width + dir * num(c, 4);

	a->sidebar_width = (int)MAX(10, MIN(w, 200));
	return sidebar_room(a);
}

static int
cmd_sidebar_line(struct app *a, const struct cmd_ctx *c, int dir)
{
	sidebar_move(a->sb, dir * clamp_int(num(c, 1)));
	return DIRTY_SIDEBAR;
}

static int
cmd_sidebar_page(struct app *a, const struct cmd_ctx *c, int dir)
{
	sidebar_move(a->sb, dir * clamp_int(num(c, MAX(1,
	    a->sb->height - 1))));
	return DIRTY_SIDEBAR;
}

/* sidebar-top, sidebar-bottom. */
static int
cmd_sidebar_end(struct app *a, const struct cmd_ctx *c, int dir)
{
	sidebar_select(a->sb, dir < 0 || a->sb->nrows == 0 ? 0 :
	    a->sb->nrows - 1);
	return DIRTY_SIDEBAR;
}

static int
cmd_sidebar_jump(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = sidebar_node(a->sb);

	if (n == OUTLINE_NONE) {
		app_msg(a, a->sb->filter.len ? "no heading matches" : "no headings");
		return DIRTY_STATUS | DIRTY_SIDEBAR;
	}
	if (a->sb->tab == SIDEBAR_DOCS) {
		a->focus = KM_READER;
		if (n == a->tabs.cur) {
			sidebar_filter_clear(a->sb);
			return DIRTY_SIDEBAR | DIRTY_STATUS;
		}
		return open_doc(a, n);
	}
	reader_jump_node(a->r, n);
	if (a->sb->filter.len > 0 || a->sb->editing)
		sidebar_filter_clear(a->sb);
	a->focus = KM_READER;
	return REFOLD;
}

/* sidebar-open, sidebar-close: unfold or fold the selected section; if
 * it already is, go to its first child or to its parent, as in a file
 * tree. */
static int
cmd_sidebar_fold(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = sidebar_node(a->sb), p;
	enum fold_state want = dir < 0 ? FOLD_CLOSED : FOLD_OPEN;

	if (n == OUTLINE_NONE || a->sb->tab != SIDEBAR_OUTLINE)
		return DIRTY_NONE;
	if (reader_fold_state(a->r, n) != want) {
		reader_set_fold(a->r, n, want);
		return REFOLD;
	}
	if (dir > 0) {
		if (a->d->nodes[n].first_child != OUTLINE_NONE)
			sidebar_move(a->sb, 1);
	} else if ((p = a->d->nodes[n].parent) != OUTLINE_NONE)
		for (uint32_t i = 0; i < a->sb->nrows; i++)
			if (a->sb->rows[i] == p) {
				sidebar_select(a->sb, i);
				break;
			}
	return DIRTY_SIDEBAR;
}

static int
cmd_sidebar_fold_cycle(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = sidebar_node(a->sb);
	const char *w;

	if (n == OUTLINE_NONE || a->sb->tab != SIDEBAR_OUTLINE)
		return DIRTY_NONE;
	if ((w = reader_fold_cycle(a->r, n)) != NULL)
		app_msg(a, "%s", w);
	return REFOLD;
}

static int
cmd_sidebar_fold_toggle(struct app *a, const struct cmd_ctx *c, int dir)
{
	uint32_t n = sidebar_node(a->sb);

	if (n == OUTLINE_NONE || a->sb->tab != SIDEBAR_OUTLINE)
		return DIRTY_NONE;
	return toggle_fold(a, n);
}

static int
cmd_sidebar_filter(struct app *a, const struct cmd_ctx *c, int dir)
{
	sidebar_filter_start(a->sb);
	return DIRTY_SIDEBAR | DIRTY_STATUS;
}

static int
cmd_sidebar_escape(struct app *a, const struct cmd_ctx *c, int dir)
{
	if (a->sb->filter.len > 0 || a->sb->editing)
		sidebar_filter_clear(a->sb);
	else
		a->focus = KM_READER;
	return DIRTY_SIDEBAR | DIRTY_STATUS;
}

static int
cmd_sidebar_tab(struct app *a, const struct cmd_ctx *c, int dir)
{
	sidebar_set_tab(a->sb, (a->sb->tab + dir + SIDEBAR__NTABS) %
	    SIDEBAR__NTABS);
	sidebar_follow(a->sb);
	return DIRTY_SIDEBAR | DIRTY_STATUS;
}

static char **help_lines(const struct keymap *km, bool mouse, size_t *n);

static int
cmd_help(struct app *a, const struct cmd_ctx *c, int dir)
{
	for (size_t i = 0; i < a->help_n; i++)
		free(a->help_lines[i]);
	free(a->help_lines);
	a->help_lines = help_lines(a->cfg.km, a->mouse, &a->help_n);
	a->help = true;
	a->help_top = 0;
	return DIRTY_ALL;
}

/* The help screen scrolls to line t, kept between the first and the one
 * that shows the last line at the bottom. */
static int
help_goto(struct app *a, long t)
{
	int h = a->rows - 1, n = (int)a->help_n;

	a->help_top = (int)MAX(0, MIN(t, n > h ? n - h : 0));
	return DIRTY_BODY | DIRTY_STATUS;
}

static int
cmd_help_line(struct app *a, const struct cmd_ctx *c, int dir)
{
	return help_goto(a, a->help_top + dir * num(c, 1));
}

static int
cmd_help_page(struct app *a, const struct cmd_ctx *c, int dir)
{
	return help_goto(a, a->help_top + dir * num(c, MAX(1, a->rows - 2)));
}

/* help-top, help-bottom. */
static int
cmd_help_end(struct app *a, const struct cmd_ctx *c, int dir)
{
	return help_goto(a, dir < 0 ? 0 : LONG_MAX);
}

static int
cmd_help_close(struct app *a, const struct cmd_ctx *c, int dir)
{
	a->help = false;
	return DIRTY_ALL;
}

static int
cmd_redraw(struct app *a, const struct cmd_ctx *c, int dir)
{
	return DIRTY_ALL | DIRTY_CLEAR;
}

static int
cmd_info(struct app *a, const struct cmd_ctx *c, int dir)
{
	const struct doc *d = a->d;
	struct doc_pos p = a->r->top.pos;
	const char *base = d->name != NULL ? d->name : "(stdin)", *slash;
	char *name, inv[40] = "";
	uint32_t line = p.block < d->nblocks ? d->blocks[p.block].line : 0;

	/* The base name: the status line is narrow, the directory is in
	 * the shell's history. */
	if ((slash = strrchr(base, '/')) != NULL && slash[1] != '\0')
		base = slash + 1;
	name = sanitize_str(base);
	/* The percent is on the right of the status line already. */
	/* Invisible format characters only when there are some: the status
	 * line is narrow, and zI reveals them. */
	if (d->invisible > 0)
		snprintf(inv, sizeof inv, "  %zu invisible", d->invisible);
	app_msg(a, "%s  line %u  %zu chars%s  %u headings  %s %s%s",
	    name, (unsigned)line, d->chars, inv, (unsigned)d->nnodes,
	    d->encoding ? d->encoding : "?", doc_format_name(d->format),
	    d->truncated ? "  (truncated)" : "");
	free(name);
	return DIRTY_STATUS;
}

/* Same as ":reveal-invisibles=on|off": the widths change, so the
 * layout is redone (app_reconfigure keeps the reading position). */
static int
cmd_reveal(struct app *a, const struct cmd_ctx *c, int dir)
{
	int dirty;

	a->cfg.reveal_invisibles = !a->cfg.reveal_invisibles;
	dirty = app_reconfigure(a);
	app_msg(a, "reveal-invisibles %s (%zu in the text)",
	    a->cfg.reveal_invisibles ? "on" : "off", a->d->invisible);
	return dirty;
}

static int
cmd_prompt(struct app *a, const struct cmd_ctx *c, int dir)
{
	a->prompting = true;
	lineedit_clear(&a->prompt);
	return DIRTY_STATUS;
}

static int
cmd_suspend(struct app *a, const struct cmd_ctx *c, int dir)
{
	view_suspend();
	return DIRTY_ALL | DIRTY_CLEAR | DIRTY_GEOMETRY;
}

static int
cmd_quit(struct app *a, const struct cmd_ctx *c, int dir)
{
	a->quit = true;
	return DIRTY_NONE;
}

static int
cmd_click(struct app *a, const struct cmd_ctx *c, int dir)
{
	int row;

	if (a->help)
		return DIRTY_NONE;
	if (a->sidebar_shown && a->click_x >= a->sb_x &&
	    a->click_x < a->sb_x + a->sb_w) {
		row = sidebar_row_at(a->sb, a->click_y - 1);
		if (row < 0)
			return DIRTY_NONE;
		sidebar_select(a->sb, (uint32_t)row);
		a->focus = KM_SIDEBAR;
		return cmd_sidebar_jump(a, c, dir);
	}
	if (a->click_y < a->body_h && a->focus == KM_SIDEBAR) {
		a->focus = KM_READER;
		return DIRTY_SIDEBAR | DIRTY_STATUS;
	}
	return DIRTY_NONE;
}

static const struct command commands[] = {
	{ "line-down", cmd_line, 0, "Moving", "forward one line (N lines)" },
	{ "line-up", cmd_line, CMD_BACK, "Moving", "back one line (N lines)" },
	{ "half-page-down", cmd_half_page, 0, "Moving",
	    "forward half a screen (N lines)" },
	{ "half-page-up", cmd_half_page, CMD_BACK, "Moving",
	    "back half a screen (N lines)" },
	{ "page-down", cmd_page, 0, "Moving", "forward one screen (N lines)" },
	{ "page-up", cmd_page, CMD_BACK, "Moving",
	    "back one screen (N lines)" },
	{ "top", cmd_end, CMD_BACK, "Moving",
	    "to the beginning (N: to input line N)" },
	{ "bottom", cmd_end, 0, "Moving", "to the end (N: to input line N)" },
	{ "percent", cmd_percent, 0, "Moving", "to N percent of the text" },
	{ "goto-line", cmd_goto_line, CMD_HIDDEN, "Moving",
	    "to input line N" },
	{ "next-heading", cmd_heading, 0, "Headings",
	    "next heading (any level)" },
	{ "prev-heading", cmd_heading, CMD_BACK, "Headings",
	    "previous heading (any level)" },
	{ "next-sibling", cmd_sibling, 0, "Headings",
	    "next heading at the same level" },
	{ "prev-sibling", cmd_sibling, CMD_BACK, "Headings",
	    "this section's heading, then the previous one at its level" },
	{ "parent-heading", cmd_parent_heading, 0, "Headings",
	    "heading of the enclosing section" },
	{ "first-heading", cmd_end_heading, CMD_BACK, "Headings",
	    "first heading" },
	{ "last-heading", cmd_end_heading, 0, "Headings", "last heading" },
	{ "fold-cycle", cmd_fold_cycle, 0, "Folding",
	    "cycle this section: folded, children, all (N: show N levels)" },
	{ "fold-cycle-all", cmd_fold_cycle_all, 0, "Folding",
	    "cycle the document: overview, contents, all (N: N levels)" },
	{ "fold-toggle", cmd_fold_toggle, 0, "Folding",
	    "fold or unfold this section" },
	{ "fold-open", cmd_fold, 0, "Folding", "unfold this section" },
	{ "fold-close", cmd_fold, CMD_BACK, "Folding",
	    "fold this section (again: the enclosing one)" },
	{ "fold-open-all", cmd_fold_all, 0, "Folding", "unfold everything" },
	{ "fold-close-all", cmd_fold_all, CMD_BACK, "Folding",
	    "fold everything (top-level headings only)" },
	{ "fold-more", cmd_fold_step, 0, "Folding",
	    "show one more heading level" },
	{ "fold-less", cmd_fold_step, CMD_BACK, "Folding",
	    "show one heading level less" },
	{ "fold-levels", cmd_fold_levels, 0, "Folding",
	    "show headings down to level N, text folded" },
	{ "mark-set", cmd_mark_set, CMD_CHAR, "Marks and history",
	    "mark this place with the letter typed next" },
	{ "mark-goto", cmd_mark_goto, CMD_CHAR, "Marks and history",
	    "go to the mark typed next ('' : the place before the last jump)" },
	{ "back", cmd_history, CMD_BACK, "Marks and history",
	    "back to where the last jump started" },
	{ "forward", cmd_history, 0, "Marks and history",
	    "forward again after back" },
	{ "next-doc", cmd_doc, 0, "Documents",
	    "next open document (:n, :next)" },
	{ "prev-doc", cmd_doc, CMD_BACK, "Documents",
	    "previous open document (:p, :prev)" },
	{ "documents", cmd_documents, 0, "Documents",
	    "the list of open documents, in the sidebar (:ls)" },
	{ "sidebar-toggle", cmd_sidebar_toggle, 0, "Sidebar",
	    "outline sidebar: show and focus, then hide" },
	{ "focus-toggle", cmd_focus_toggle, 0, "Sidebar",
	    "move the focus between the text and the sidebar" },
	{ "sidebar-side", cmd_sidebar_side, CMD_SIDEBAR, "Sidebar",
	    "put the sidebar on the other side" },
	{ "sidebar-wider", cmd_sidebar_width, CMD_SIDEBAR, "Sidebar",
	    "widen the sidebar (N columns)" },
	{ "sidebar-narrower", cmd_sidebar_width, CMD_SIDEBAR | CMD_BACK,
	    "Sidebar", "narrow the sidebar (N columns)" },
	{ "sidebar-down", cmd_sidebar_line, CMD_SIDEBAR, "Sidebar",
	    "select the next heading" },
	{ "sidebar-up", cmd_sidebar_line, CMD_SIDEBAR | CMD_BACK, "Sidebar",
	    "select the previous heading" },
	{ "sidebar-page-down", cmd_sidebar_page, CMD_SIDEBAR, "Sidebar",
	    "a page down the list" },
	{ "sidebar-page-up", cmd_sidebar_page, CMD_SIDEBAR | CMD_BACK,
	    "Sidebar", "a page up the list" },
	{ "sidebar-top", cmd_sidebar_end, CMD_SIDEBAR | CMD_BACK, "Sidebar",
	    "first heading in the list" },
	{ "sidebar-bottom", cmd_sidebar_end, CMD_SIDEBAR, "Sidebar",
	    "last heading in the list" },
	{ "sidebar-jump", cmd_sidebar_jump, CMD_SIDEBAR, "Sidebar",
	    "read from the selected heading" },
	{ "sidebar-open", cmd_sidebar_fold, CMD_SIDEBAR, "Sidebar",
	    "unfold the selected section (open: go to its first child)" },
	{ "sidebar-close", cmd_sidebar_fold, CMD_SIDEBAR | CMD_BACK, "Sidebar",
	    "fold the selected section (folded: go to its parent)" },
	{ "sidebar-fold-cycle", cmd_sidebar_fold_cycle, CMD_SIDEBAR,
	    "Sidebar", "cycle the selected section's folding" },
	{ "sidebar-fold-toggle", cmd_sidebar_fold_toggle, CMD_SIDEBAR,
	    "Sidebar", "fold or unfold the selected section" },
	{ "sidebar-filter", cmd_sidebar_filter, CMD_SIDEBAR, "Sidebar",
	    "type to filter the headings (any unbound key starts it too)" },
	{ "sidebar-escape", cmd_sidebar_escape, CMD_SIDEBAR, "Sidebar",
	    "clear the filter, else back to the text" },
	{ "sidebar-next-tab", cmd_sidebar_tab, CMD_SIDEBAR, "Sidebar",
	    "next sidebar tab" },
	{ "sidebar-prev-tab", cmd_sidebar_tab, CMD_SIDEBAR | CMD_BACK, "Sidebar",
	    "previous sidebar tab" },
	{ "help", cmd_help, 0, "Other", "this screen" },
	{ "help-down", cmd_help_line, CMD_HELP | CMD_HIDDEN, "Help",
	    "help: down" },
	{ "help-up", cmd_help_line, CMD_HELP | CMD_HIDDEN | CMD_BACK, "Help",
	    "help: up" },
	{ "help-page-down", cmd_help_page, CMD_HELP | CMD_HIDDEN, "Help",
	    "help: page down" },
	{ "help-page-up", cmd_help_page, CMD_HELP | CMD_HIDDEN | CMD_BACK,
	    "Help", "help: page up" },
	{ "help-top", cmd_help_end, CMD_HELP | CMD_HIDDEN | CMD_BACK, "Help",
	    "help: top" },
	{ "help-bottom", cmd_help_end, CMD_HELP | CMD_HIDDEN, "Help",
	    "help: bottom" },
	{ "help-close", cmd_help_close, CMD_HELP | CMD_HIDDEN, "Help",
	    "close the help screen" },
	{ "redraw", cmd_redraw, 0, "Other", "repaint the screen" },
	{ "info", cmd_info, 0, "Other",
	    "file name, position, counts, encoding and format" },
	{ "reveal-invisibles", cmd_reveal, 0, "Other",
	    "show or hide invisible characters (soft hyphen...) as ‸" },
	{ "prompt", cmd_prompt, 0, "Other",
	    "type a command (:help lists them), a line number, or a setting" },
	{ "suspend", cmd_suspend, 0, "Other", "suspend (fg to come back)" },
	{ "quit", cmd_quit, 0, "Other", "quit" },
	{ "click", cmd_click, CMD_HIDDEN, "Other",
	    "mouse click: a sidebar row jumps" },
};

/* Short names typed at the ':' prompt, as in vim and less. */
static const struct {
	const char *alias, *name;
} aliases[] = {
	{ "n", "next-doc" }, { "next", "next-doc" }, { "bn", "next-doc" },
	{ "p", "prev-doc" }, { "prev", "prev-doc" }, { "N", "prev-doc" },
	{ "bp", "prev-doc" }, { "ls", "documents" }, { "docs", "documents" },
};

const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < nitems(aliases); i++)
		if (strcmp(aliases[i].alias, name) == 0)
			name = aliases[i].name;
	for (size_t i = 0; i < nitems(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

const struct command *
command_list(size_t *n)
{
	*n = nitems(commands);
	return commands;
}

int
command_run(struct app *a, const struct command *c, const struct cmd_ctx *ctx)
{
	return c->fn(a, ctx, (c->flags & CMD_BACK) ? -1 : 1);
}

static void
add_line(char ***lines, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*lines = xreallocarray(*lines, *cap, sizeof **lines);
	}
	(*lines)[(*n)++] = s;
}

/* Keys bound to command name in focus f, "j e C-e Down". */
static void
keys_of(const struct keymap *km, enum keymap_focus f, const char *name,
    struct buf *out)
{
	const struct binding *b;
	size_t nb;

	b = keymap_bindings(km, f, &nb);
	for (size_t i = 0; i < nb; i++) {
		char seq[64];

		if (strcmp(b[i].command, name) != 0)
			continue;
		/* Bindings with an argument (z1 .. z6, wheel) get one
		 * line of their own below. */
		if (b[i].arg != NULL)
			continue;
		keymap_seq_name(b[i].keys, b[i].nkeys, seq, sizeof seq);
		if (out->len > 0)
			buf_putc(out, ' ');
		buf_puts(out, seq);
	}
}

/* A binding with an argument, in words: "forward 3 lines". */
static char *
arg_help(const struct command *c, const char *arg)
{
	if (strcmp(c->name, "line-down") == 0)
		return xasprintf("forward %s lines", arg);
	if (strcmp(c->name, "line-up") == 0)
		return xasprintf("back %s lines", arg);
	if (strcmp(c->name, "fold-levels") == 0)
		return xasprintf("show headings down to level %s, text folded",
		    arg);
	return xasprintf("%s (%s)", c->help, arg);
}

static bool
mouse_binding(const struct binding *b)
{
	for (size_t i = 0; i < b->nkeys; i++)
		if (b->keys[i] == YK_WHEEL_UP || b->keys[i] == YK_WHEEL_DOWN ||
		    b->keys[i] == YK_CLICK)
			return true;
	return false;
}

/* The help lines; mouse rows only when the mouse is on. */
static char **
help_lines(const struct keymap *km, bool mouse, size_t *n)
{
	static const char *groups[] = { "Moving", "Headings", "Folding",
	    "Marks and history", "Documents", "Sidebar", "Other" };
	char **lines = NULL;
	size_t cap = 0;
	const struct binding *b;
	size_t nb;

	*n = 0;
	add_line(&lines, n, &cap, xstrdup("#yuedu: keys (q to close)"));
	add_line(&lines, n, &cap, xstrdup("\tA number typed first is a count: "
	    "5j, 50%, 120g, 2]]."));
	add_line(&lines, n, &cap, xstrdup("\tCommands without a key run "
	    "from the : prompt, e.g. :fold-levels 2"));
	for (size_t g = 0; g < nitems(groups); g++) {
		bool sidebar = strcmp(groups[g], "Sidebar") == 0;

		add_line(&lines, n, &cap, xstrdup(""));
		add_line(&lines, n, &cap, xasprintf("#%s%s", groups[g],
		    sidebar ? " (keys work when it has the focus)" : ""));
		for (size_t i = 0; i < nitems(commands); i++) {
			const struct command *c = &commands[i];
			struct buf keys;

			if (strcmp(c->group, groups[g]) != 0 ||
			    (c->flags & CMD_HIDDEN))
				continue;
			buf_init(&keys);
			keys_of(km, (c->flags & CMD_SIDEBAR) ? KM_SIDEBAR :
			    KM_READER, c->name, &keys);
			if (strcmp(c->name, "quit") == 0)
				buf_puts(&keys, keys.len > 0 ? " :q" : ":q");
			if (keys.len == 0)
				buf_printf(&keys, ":%s", c->name);
			add_line(&lines, n, &cap, xasprintf("%s\t%s",
			    keys.data, c->help));
			buf_free(&keys);
		}
		/* Reader commands bound in the sidebar too (q hides it). */
		b = keymap_bindings(km, KM_SIDEBAR, &nb);
		for (size_t i = 0; sidebar && i < nb; i++) {
			const struct command *c = command_find(b[i].command);
			char seq[64];

			if (c == NULL || (c->flags & (CMD_SIDEBAR | CMD_HIDDEN)) ||
			    b[i].arg != NULL || mouse_binding(&b[i]))
				continue;
			keymap_seq_name(b[i].keys, b[i].nkeys, seq, sizeof seq);
			add_line(&lines, n, &cap, xasprintf("%s\t%s", seq,
			    strcmp(c->name, "sidebar-toggle") == 0 ?
			    "hide the sidebar" : c->help));
		}
		/* Bindings with arguments, in words. */
		for (int f = KM_READER; f <= KM_SIDEBAR; f++) {
			b = keymap_bindings(km, (enum keymap_focus)f, &nb);
			for (size_t i = 0; i < nb; i++) {
				const struct command *c;
				char seq[64], *what;

				if (b[i].arg == NULL ||
				    (c = command_find(b[i].command)) == NULL ||
				    strcmp(c->group, groups[g]) != 0 ||
				    (!mouse && mouse_binding(&b[i])))
					continue;
				keymap_seq_name(b[i].keys, b[i].nkeys, seq,
				    sizeof seq);
				what = arg_help(c, b[i].arg);
				add_line(&lines, n, &cap, xasprintf("%s\t%s",
				    seq, what));
				free(what);
			}
		}
	}
	return lines;
}

char **
command_help(const struct keymap *km, size_t *n)
{
	return help_lines(km, true, n);
}
