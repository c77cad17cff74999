/* command.h - the command table: every action a key, the ':' prompt or
 * the config file can name.  A command returns what it dirtied (enum
 * dirty); the main loop redraws once for all of them. */
#ifndef YUEDU_COMMAND_H
#define YUEDU_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keymap.h"

struct app;

enum dirty {
	DIRTY_NONE = 0,
	DIRTY_STATUS = 0x01,	/* status / prompt line */
	DIRTY_BODY = 0x02,	/* reading pane */
	DIRTY_SIDEBAR = 0x04,	/* sidebar rows */
	DIRTY_GEOMETRY = 0x08,	/* sizes changed: relayout */
	DIRTY_CLEAR = 0x10,	/* repaint every cell (Ctrl-L) */
	DIRTY_FOLDS = 0x20,	/* folds changed: rebuild sidebar rows */
	DIRTY_ALL = 0x3f
};

struct cmd_ctx {
	long count;		/* the typed count, 0 without one */
	bool has_count;
	uint32_t ch;		/* CMD_CHAR: the key typed after */
	const char *arg;	/* from the binding or the prompt, or NULL */
};

/* struct command.flags */
#define CMD_CHAR	0x1	/* takes the next key as its argument */
#define CMD_SIDEBAR	0x2	/* acts on the sidebar */
#define CMD_HELP	0x4	/* acts on the help screen */
#define CMD_HIDDEN	0x8	/* not listed in the help screen */
#define CMD_BACK	0x10	/* of a pair: the up, back or close one */

struct command {
	const char *name;
	/* dir: -1 with CMD_BACK, else 1, for a function that serves both
	 * commands of a pair (line-down, line-up). */
	int (*fn)(struct app *, const struct cmd_ctx *, int dir);
	unsigned flags;
	const char *group;	/* help screen section */
	const char *help;	/* one line, English */
};

const struct command *command_find(const char *name);
const struct command *command_list(size_t *n);
int command_run(struct app *a, const struct command *c,
    const struct cmd_ctx *ctx);

/* The help screen, generated from the command table and the key
 * bindings: lines "KEYS\tTEXT", or "#TITLE" for a section heading.  The
 * caller frees each line and the array. */
char **command_help(const struct keymap *km, size_t *n);

#endif
