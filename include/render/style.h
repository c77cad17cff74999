/* style.h - the screen's style ids and what a style is, shared by the
 * screen model (render/screen.c, which knows only ids), the config file
 * (ui/config.c, which names and sets them) and the terminal (term/view.c,
 * which maps them to attributes).  No curses here. */
#ifndef YUEDU_STYLE_H
#define YUEDU_STYLE_H

#include <stdint.h>

/* Screen elements that have a style. */
enum style_id {
	STY_TEXT, STY_H1, STY_H2, STY_H3, STY_H4, STY_RUNIN, STY_TITLE,
	STY_META, STY_QUOTE, STY_CODE, STY_LINK, STY_STRONG, STY_EM,
	STY_STRIKE, STY_CONTROL, STY_FOLD, STY_FOLD_COUNT, STY_RULE,
	STY_RELATED,
	STY_STATUS, STY_STATUS_CRUMB, STY_STATUS_CURRENT, STY_STATUS_INFO,
	STY_MESSAGE, STY_ERROR, STY_PROMPT,
	STY_SIDEBAR, STY_SIDEBAR_TAB, STY_SIDEBAR_CURRENT,
	STY_SIDEBAR_SELECTED, STY_SIDEBAR_MARKER, STY_BORDER,
	STY_HELP_KEY, STY_HELP_HEAD,
	/* decorations laid over the text (screen.h) */
	STY_SEARCH, STY_SEARCH_CURRENT, STY_LINK_FOCUS, STY_SELECTION,
	STY__COUNT
};

/* No style in a cell's overlay layers. */
#define STY_NONE 0xFF

/* struct style.attrs */
#define SA_BOLD		0x01
#define SA_DIM		0x02
#define SA_UNDERLINE	0x04
#define SA_REVERSE	0x08
#define SA_ITALIC	0x10
#define SA_STANDOUT	0x20

#define SC_DEFAULT	(-1)	/* the terminal's own colour */

struct style {
	uint8_t attrs;
	int16_t fg;		/* 0..255 or SC_DEFAULT */
	int16_t bg;
};

#endif
