/* appstate.h - the state of a running reading view, shared by app.c (the
 * loop), command.c (what keys do) and view.c (how it looks).  Nothing here
 * knows curses: sizes are plain numbers that view.c fills in. */
#ifndef YUEDU_APPSTATE_H
#define YUEDU_APPSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "command.h"
#include "config.h"
#include "doc.h"
#include "keymap.h"
#include "layout.h"
#include "lineedit.h"
#include "reader.h"
#include "screen.h"
#include "sidebar.h"
#include "tab.h"
#include "util.h"

#define APP_MIN_COLS 20
#define APP_MIN_ROWS 5
/* Loading a file between keys: at most this long before the next key is
 * looked at (the shown tab; others get a quarter). */
#define APP_LOAD_SLICE_MS 20.0

struct app {
	/* The open documents; d, l, r and sb are the shown tab's, set only
	 * by app_switch_tab(). */
	struct tabs tabs;
	struct doc *d;
	const struct app_args *args;
	struct config cfg;
	struct layout *l;
	struct reader *r;
	struct sidebar *sb;

	int focus;		/* KM_READER or KM_SIDEBAR */
	double load_slice_ms;	/* loading between keys (APP_LOAD_SLICE_MS;
				 * tests set 0: one piece a pump) */
	bool help;		/* the help screen is up */
	char **help_lines;
	size_t help_n;
	int help_top;		/* first help line shown */

	bool sidebar_on;	/* wanted */
	bool sidebar_shown;	/* wanted and there is room */
	int sidebar_width;

	/* geometry, from the terminal size */
	int rows, cols;
	bool too_small;
	int body_h;		/* rows of the reading pane */
	int body_x, body_w;	/* the pane */
	int text_x, text_w;	/* the text inside it (margins) */
	int sb_x, sb_w;		/* the sidebar (when shown) */
	int sep_x;		/* its border column */

	/* status-line extras: "[2/3]" with several documents, the shown
	 * stream's "waiting for input", "reading 3.2 MB" */
	char progress[96];

	/* the status line */
	char msg[512];
	bool msg_error;
	char *note;		/* shown until the first key (locale etc.) */

	/* the ':' prompt */
	bool prompting;
	struct lineedit prompt;

	/* key sequence being typed */
	uint32_t pending[KEYMAP_SEQ_MAX];
	size_t npending;
	long count;
	bool has_count;
	const struct command *await;	/* CMD_CHAR command waiting */
	struct cmd_ctx await_ctx;

	/* what draw.c lays out and view.c writes */
	struct screen screen;
	/* the shown tab's decorations (tab.h) */
	struct deco_list *deco;

	uint32_t last_node;	/* current section when last drawn */
	int click_y, click_x;	/* last mouse click */
	bool mouse;
	bool quit;
};

/* Sets up a running view's state without a terminal (app_run() then
 * opens one; tests draw it with draw_app() instead): the settings and a
 * tab for each input (its layout, reader and sidebar), the first shown.
 * Set rows and cols, then call app_geometry(). */
void app_init(struct app *a, struct app_input *in, size_t n,
    const struct app_args *args);
/* Frees it, and the documents and feeds it was given. */
void app_fini(struct app *a);
/* One key through the focus chain; returns what to redraw (enum dirty). */
int app_key(struct app *a, uint32_t key);
/* A message for the status line (sanitised here). */
void app_msg(struct app *a, const char *fmt, ...) ATTR_PRINTF(2, 3);
void app_error(struct app *a, const char *fmt, ...) ATTR_PRINTF(2, 3);
/* Sizes from rows x cols; relayouts when the text width changed. */
void app_geometry(struct app *a);
/* Loads the next pieces of files still loading (the shown one for
 * APP_LOAD_SLICE_MS); returns what to redraw.  The loop calls it between
 * keys; tests call it to finish loading. */
unsigned app_pump_loaders(struct app *a);
/* The shown file, while it loads: everything parsed so far is taken in
 * now (before a jump to its end or a percent). */
void app_show_loaded(struct app *a);
/* A file is still loading. */
bool app_loading(const struct app *a);
/* Rebuilds what depends on the configuration (after ':' changed it). */
int app_reconfigure(struct app *a);
/* Shows the tab the list says is current (after tabs_switch/back/...):
 * the d, l, r, sb pointers, sizes, the status line; returns what to
 * redraw. */
int app_switch_tab(struct app *a);

#endif
