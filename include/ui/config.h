/* config.h - settings: defaults, the config file, and what --print-config
 * shows.
 *
 * The file is $XDG_CONFIG_HOME/yuedu/config (default
 * ~/.config/yuedu/config) or --config FILE.  Lines are
 *	# comment
 *	key = value
 *	color.ELEMENT = [bold] [dim] [underline] [reverse] [italic] [COLOR] [on COLOR]
 *	bind [reader|sidebar|help] KEYS COMMAND [ARG]
 *	unbind [reader|sidebar|help] KEYS
 * A bad line gets a "FILE:LINE: reason" message and is skipped; the rest
 * of the file still counts.  Options from the YUEDU variable and the
 * command line are applied by main on top (app_args).
 *
 * The file must be a regular file of at most CONFIG_MAX_BYTES: a FIFO, a
 * device or a directory is refused with a message, never read (a read
 * could block or never end). */
#ifndef YUEDU_CONFIG_H
#define YUEDU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "output.h"

#include "keymap.h"
#include "style.h"

/* A config file larger than this is not read at all (see config_load). */
#define CONFIG_MAX_BYTES	(1024 * 1024)
/* Messages about a file's lines kept in struct config; later ones are
 * counted in one "N more" message instead. */
#define CONFIG_MAX_MSGS		100

enum theme { THEME_DEFAULT, THEME_MONO, THEME__COUNT };

struct config {
	int theme;		/* enum theme */
	int sidebar;		/* shown at start */
	int sidebar_right;	/* on the right */
	int sidebar_width;	/* columns */
	int sidebar_hide_below;	/* terminal columns under which it hides */
	int para_gap;		/* blank rows between paragraphs */
	int tab_width;
	int mouse;
	int ambiguous_wide;	/* 1: East Asian Ambiguous is 2 columns */
	int margin;		/* columns left and right of the text */
	int max_width;		/* text columns at most (0: no limit) */
	int reveal_invisibles;	/* invisible format characters drawn as ‸ */
	bool style_set[STY__COUNT];
	struct style styles[STY__COUNT];	/* overrides from the file */
	struct keymap *km;
	char **msgs;		/* "FILE:LINE: problem", sanitised */
	size_t nmsgs;
	size_t nfilemsgs;	/* of them about a file's lines */
	size_t ndropped;	/* file messages past CONFIG_MAX_MSGS */
	size_t more_at;		/* msgs[more_at] counts them (ndropped > 0) */
	char *more_file;	/* the file it names, sanitised */
	char *path;		/* the file read, or NULL */
};

/* Defaults and the default key bindings. */
void config_init(struct config *c);
void config_free(struct config *c);

/* The default file: $XDG_CONFIG_HOME/yuedu/config or
 * $HOME/.config/yuedu/config (malloc'd), or NULL without HOME. */
char *config_default_path(void);
/* Reads a file.  A missing default file is fine (must_exist false); any
 * other problem becomes a message.  Returns the number of bad lines (1
 * when the file itself could not be used). */
int config_load(struct config *c, const char *path, bool must_exist);
/* Parses text[0..len) as the contents of a config file named name (for
 * messages, sanitised here).  No size limit: that is config_load's.
 * Returns the number of bad lines. */
int config_load_text(struct config *c, const char *name, const char *text,
    size_t len);
/* One line (for tests and the ':' prompt).  Returns 0, or -1 after adding
 * a "FILE:LINE: reason" message (file may be NULL). */
int config_line(struct config *c, const char *line, const char *file,
    unsigned lineno);

/* The style of an element under the configured theme (and NO_COLOR,
 * colors = the terminal's colour count: 0 for none, 8, 256). */
struct style config_style(const struct config *c, enum style_id id,
    int colors);
const char *config_style_name(enum style_id id);
const char *config_theme_name(int theme);

/* Writes the effective settings in the file's own syntax. */
void config_print(const struct config *c, struct out *out);

#endif
