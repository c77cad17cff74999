/* keymap.h - yuedu's own key codes, key names, and the binding tables.
 *
 * Keys are the uint32_t codes of keys.h.
 *
 * A binding maps a sequence of up to KEYMAP_SEQ_MAX keys ("gg", "zo",
 * "]]") in one focus to a command name (command.h) and an optional
 * argument.  The defaults are a data table in keymap.c; the config file's
 * bind/unbind lines edit a copy. */
#ifndef YUEDU_KEYMAP_H
#define YUEDU_KEYMAP_H

#include <stddef.h>
#include <stdint.h>
#include "keys.h"
#include "output.h"

#define KEYMAP_SEQ_MAX 4

struct command;

/* Which table a key is looked up in first (focus chain: the focused
 * pane's table, then the reader's, which holds the global keys). */
enum keymap_focus {
	KM_READER,
	KM_SIDEBAR,
	KM_HELP,
	KM__COUNT
};

struct binding {
	uint32_t keys[KEYMAP_SEQ_MAX];
	uint8_t nkeys;
	const char *command;	/* command name (command.h) */
	const char *arg;	/* optional argument, or NULL */
	/* The command, found once when the key is bound (NULL: no such
	 * command), so a key press never looks a name up. */
	const struct command *cmd;
};

enum keymap_match {
	KM_NOMATCH,		/* no binding starts with these keys */
	KM_PREFIX,		/* a longer binding starts with them: wait */
	KM_MATCH		/* *out is set */
};

struct keymap;

/* A copy of the default tables; bind/unbind change only the copy. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* Adds (or replaces) the binding of keys in focus.  command and arg are
 * copied. */
void keymap_bind(struct keymap *km, enum keymap_focus f, const uint32_t *keys,
    size_t n, const char *command, const char *arg);
/* Removes the binding of exactly these keys; returns 1 when one existed. */
int keymap_unbind(struct keymap *km, enum keymap_focus f,
    const uint32_t *keys, size_t n);

/* Looks keys[0..n) up in focus f only. */
enum keymap_match keymap_lookup(const struct keymap *km, enum keymap_focus f,
    const uint32_t *keys, size_t n, const struct binding **out);

/* The bindings of focus f, in table order (for the help screen). */
const struct binding *keymap_bindings(const struct keymap *km,
    enum keymap_focus f, size_t *n);

/* Parses a key name ("j", "C-o", "^O", "Tab", "S-Tab", "Enter", "Space",
 * "PgDn", "F1", "M-Left", "中") into one key.  Returns 0 or -1. */
int keymap_parse_key(const char *name, uint32_t *key);
/* Parses a sequence: a whole name as above, or characters and <Name>
 * groups ("gg", "zo", "]]", "<C-w>l").  Returns the count, or -1. */
int keymap_parse_seq(const char *s, uint32_t *keys, size_t max);
/* Writes the name of one key ("C-o", "Space", "中").  Returns out. */
char *keymap_key_name(uint32_t key, char *out, size_t size);
/* Writes a sequence: "gg", "zo", "C-o", "<C-w>l". */
char *keymap_seq_name(const uint32_t *keys, size_t n, char *out, size_t size);

const char *keymap_focus_name(enum keymap_focus f);
int keymap_focus_from_name(const char *s);

/* Prints the bindings as config lines ("bind [focus] KEYS COMMAND [ARG]"). */
void keymap_print(const struct keymap *km, struct out *out);

#endif
