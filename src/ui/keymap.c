/* keymap.c - default key bindings (data), key names, sequence lookup.
 *
 * The default tables below are the whole key design: less keys first
 * (so a less user is at home), vi keys next, then yuedu's own for
 * headings and folds.  Tab is Ctrl-I in a terminal, so Tab belongs to
 * folding (org-mode) and the jump history uses Ctrl-O / Backspace /
 * Alt-arrows instead of vim's Ctrl-O / Ctrl-I pair. */
#include "keymap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sanitize.h"
#include "command.h"
#include "utf8.h"
#include "util.h"

/* The default tables: what struct binding holds before it is bound. */
struct default_binding {
	uint32_t keys[KEYMAP_SEQ_MAX];
	uint8_t nkeys;
	const char *command;
	const char *arg;
};

#define K1(a)		{ (a) }, 1
#define K2(a, b)	{ (a), (b) }, 2
#define C(c)		YK_CTRL(c)

/* The reader pane.  Global keys (quit, help, sidebar) live here too:
 * every focus falls back to this table. */
static const struct default_binding reader_defaults[] = {
	{ K1('j'), "line-down", NULL },
	{ K1('e'), "line-down", NULL },
	{ K1(C('e')), "line-down", NULL },
	{ K1(C('n')), "line-down", NULL },
	{ K1(YK_DOWN), "line-down", NULL },
	{ K1(YK_ENTER), "line-down", NULL },
	{ K1('k'), "line-up", NULL },
	{ K1('y'), "line-up", NULL },
	{ K1(C('y')), "line-up", NULL },
	{ K1(C('p')), "line-up", NULL },
	{ K1(C('k')), "line-up", NULL },
	{ K1(YK_UP), "line-up", NULL },
	{ K1('d'), "half-page-down", NULL },
	{ K1(C('d')), "half-page-down", NULL },
	{ K1('u'), "half-page-up", NULL },
	{ K1(C('u')), "half-page-up", NULL },
	{ K1('f'), "page-down", NULL },
	{ K1(' '), "page-down", NULL },
	{ K1(C('f')), "page-down", NULL },
	{ K1(C('v')), "page-down", NULL },
	{ K1(YK_PGDN), "page-down", NULL },
	{ K1('b'), "page-up", NULL },
	{ K1(C('b')), "page-up", NULL },
	{ K1(YK_PGUP), "page-up", NULL },
	{ K1('g'), "top", NULL },
	{ K1('<'), "top", NULL },
	{ K1(YK_HOME), "top", NULL },
	{ K1('G'), "bottom", NULL },
	{ K1('>'), "bottom", NULL },
	{ K1(YK_END), "bottom", NULL },
	{ K1('%'), "percent", NULL },
	{ K1('p'), "percent", NULL },
	{ K2(']', ']'), "next-heading", NULL },
	{ K1('J'), "next-heading", NULL },
	{ K2('[', '['), "prev-heading", NULL },
	{ K1('K'), "prev-heading", NULL },
	{ K1('}'), "next-sibling", NULL },
	{ K2(']', 's'), "next-sibling", NULL },
	{ K1('{'), "prev-sibling", NULL },
	{ K2('[', 's'), "prev-sibling", NULL },
	{ K2('[', 'u'), "parent-heading", NULL },
	{ K1('^'), "parent-heading", NULL },
	{ K2('[', 'h'), "first-heading", NULL },
	{ K2(']', 'h'), "last-heading", NULL },
	{ K1(YK_TAB), "fold-cycle", NULL },
	{ K1(YK_BTAB), "fold-cycle-all", NULL },
	{ K2('z', 'a'), "fold-toggle", NULL },
	{ K2('z', 'o'), "fold-open", NULL },
	{ K2('z', 'c'), "fold-close", NULL },
	{ K2('z', 'R'), "fold-open-all", NULL },
	{ K2('z', 'M'), "fold-close-all", NULL },
	{ K2('z', 'r'), "fold-more", NULL },
	{ K2('z', 'm'), "fold-less", NULL },
	{ K2('z', '1'), "fold-levels", "1" },
	{ K2('z', '2'), "fold-levels", "2" },
	{ K2('z', '3'), "fold-levels", "3" },
	{ K2('z', '4'), "fold-levels", "4" },
	{ K2('z', '5'), "fold-levels", "5" },
	{ K2('z', '6'), "fold-levels", "6" },
	{ K1('m'), "mark-set", NULL },
	{ K1('\''), "mark-goto", NULL },
	{ K1('`'), "mark-goto", NULL },
	{ K1(C('o')), "back", NULL },
	{ K1(YK_BACKSPACE), "back", NULL },
	{ K1(YK_ALT_LEFT), "back", NULL },
	{ K2('[', 'j'), "back", NULL },
	{ K1(YK_ALT_RIGHT), "forward", NULL },
	{ K2(']', 'j'), "forward", NULL },
	{ K2(']', 'b'), "next-doc", NULL },
	{ K2('[', 'b'), "prev-doc", NULL },
	{ K1('B'), "documents", NULL },
	{ K1('o'), "sidebar-toggle", NULL },
	{ K1(C('w')), "focus-toggle", NULL },
	{ K1('?'), "help", NULL },
	{ K1('h'), "help", NULL },
	{ K1(YK_F1), "help", NULL },
	{ K1(C('l')), "redraw", NULL },
	{ K1('r'), "redraw", NULL },
	{ K1(C('r')), "redraw", NULL },
	{ K1('='), "info", NULL },
	{ K1(C('g')), "info", NULL },
	{ K2('z', 'I'), "reveal-invisibles", NULL },
	{ K1(':'), "prompt", NULL },
	{ K1(C('z')), "suspend", NULL },
	{ K1('q'), "quit", NULL },
	{ K1('Q'), "quit", NULL },
	{ K2('Z', 'Z'), "quit", NULL },
	{ K1(C('c')), "quit", NULL },
	{ K1(YK_WHEEL_DOWN), "line-down", "3" },
	{ K1(YK_WHEEL_UP), "line-up", "3" },
	{ K1(YK_CLICK), "click", NULL },
};

/* The outline sidebar, when it has the focus.  Unbound printable keys
 * start the type-to-filter (sidebar.c). */
static const struct default_binding sidebar_defaults[] = {
	{ K1('j'), "sidebar-down", NULL },
	{ K1(C('n')), "sidebar-down", NULL },
	{ K1(YK_DOWN), "sidebar-down", NULL },
	{ K1('k'), "sidebar-up", NULL },
	{ K1(C('p')), "sidebar-up", NULL },
	{ K1(YK_UP), "sidebar-up", NULL },
	{ K1(C('d')), "sidebar-page-down", NULL },
	{ K1(C('f')), "sidebar-page-down", NULL },
	{ K1(YK_PGDN), "sidebar-page-down", NULL },
	{ K1(' '), "sidebar-page-down", NULL },
	{ K1(C('u')), "sidebar-page-up", NULL },
	{ K1(C('b')), "sidebar-page-up", NULL },
	{ K1(YK_PGUP), "sidebar-page-up", NULL },
	{ K1('g'), "sidebar-top", NULL },
	{ K1(YK_HOME), "sidebar-top", NULL },
	{ K1('G'), "sidebar-bottom", NULL },
	{ K1(YK_END), "sidebar-bottom", NULL },
	{ K1(YK_ENTER), "sidebar-jump", NULL },
	{ K1('l'), "sidebar-open", NULL },
	{ K1(YK_RIGHT), "sidebar-open", NULL },
	{ K1('h'), "sidebar-close", NULL },
	{ K1(YK_LEFT), "sidebar-close", NULL },
	{ K1(YK_TAB), "sidebar-fold-cycle", NULL },
	{ K2('z', 'a'), "sidebar-fold-toggle", NULL },
	{ K1('/'), "sidebar-filter", NULL },
	{ K1(YK_ESC), "sidebar-escape", NULL },
	{ K1('q'), "sidebar-toggle", NULL },
	{ K1('<'), "sidebar-narrower", NULL },
	{ K1('>'), "sidebar-wider", NULL },
	{ K1('|'), "sidebar-side", NULL },
	{ K2(']', 't'), "sidebar-next-tab", NULL },
	{ K2('[', 't'), "sidebar-prev-tab", NULL },
};

/* The help screen: scrolling and closing only. */
static const struct default_binding help_defaults[] = {
	{ K1('j'), "help-down", NULL },
	{ K1('e'), "help-down", NULL },
	{ K1(C('e')), "help-down", NULL },
	{ K1(C('n')), "help-down", NULL },
	{ K1(YK_DOWN), "help-down", NULL },
	{ K1(YK_ENTER), "help-down", NULL },
	{ K1(YK_WHEEL_DOWN), "help-down", "3" },
	{ K1('k'), "help-up", NULL },
	{ K1('y'), "help-up", NULL },
	{ K1(C('y')), "help-up", NULL },
	{ K1(C('p')), "help-up", NULL },
	{ K1(YK_UP), "help-up", NULL },
	{ K1(YK_WHEEL_UP), "help-up", "3" },
	{ K1(' '), "help-page-down", NULL },
	{ K1('f'), "help-page-down", NULL },
	{ K1('d'), "help-page-down", NULL },
	{ K1(C('f')), "help-page-down", NULL },
	{ K1(C('d')), "help-page-down", NULL },
	{ K1(YK_PGDN), "help-page-down", NULL },
	{ K1('b'), "help-page-up", NULL },
	{ K1('u'), "help-page-up", NULL },
	{ K1(C('b')), "help-page-up", NULL },
	{ K1(C('u')), "help-page-up", NULL },
	{ K1(YK_PGUP), "help-page-up", NULL },
	{ K1('g'), "help-top", NULL },
	{ K1(YK_HOME), "help-top", NULL },
	{ K1('G'), "help-bottom", NULL },
	{ K1(YK_END), "help-bottom", NULL },
	{ K1('q'), "help-close", NULL },
	{ K1('Q'), "help-close", NULL },
	{ K1(YK_ESC), "help-close", NULL },
	{ K1('?'), "help-close", NULL },
	{ K1('h'), "help-close", NULL },
	{ K1(YK_F1), "help-close", NULL },
	{ K1(C('c')), "quit", NULL },
	{ K1(C('l')), "redraw", NULL },
	{ K1(C('z')), "suspend", NULL },
};

static const struct {
	const struct default_binding *b;
	size_t n;
} defaults[KM__COUNT] = {
	[KM_READER] = { reader_defaults, nitems(reader_defaults) },
	[KM_SIDEBAR] = { sidebar_defaults, nitems(sidebar_defaults) },
	[KM_HELP] = { help_defaults, nitems(help_defaults) },
};

static const char *focus_names[KM__COUNT] = {
	[KM_READER] = "reader",
	[KM_SIDEBAR] = "sidebar",
	[KM_HELP] = "help",
};

/* Names of keys without a character.  The first name of a key is the one
 * printed; the others are accepted when parsing. */
static const struct {
	uint32_t key;
	const char *name;
} key_names[] = {
	{ YK_TAB, "Tab" },
	{ YK_ENTER, "Enter" }, { YK_ENTER, "Return" }, { YK_ENTER, "RET" },
	{ YK_ENTER, "CR" },
	{ YK_ESC, "Esc" }, { YK_ESC, "Escape" },
	{ ' ', "Space" }, { ' ', "SPC" },
	{ YK_BACKSPACE, "BSpace" }, { YK_BACKSPACE, "Backspace" },
	{ YK_BACKSPACE, "BS" },
	{ YK_BTAB, "S-Tab" }, { YK_BTAB, "BTab" }, { YK_BTAB, "Backtab" },
	{ YK_UP, "Up" }, { YK_DOWN, "Down" }, { YK_LEFT, "Left" },
	{ YK_RIGHT, "Right" },
	{ YK_PGUP, "PgUp" }, { YK_PGUP, "PageUp" }, { YK_PGUP, "PPage" },
	{ YK_PGDN, "PgDn" }, { YK_PGDN, "PageDown" }, { YK_PGDN, "NPage" },
	{ YK_HOME, "Home" }, { YK_END, "End" },
	{ YK_INSERT, "Insert" }, { YK_INSERT, "IC" },
	{ YK_DELETE, "Delete" }, { YK_DELETE, "DC" }, { YK_DELETE, "Del" },
	{ YK_ALT_LEFT, "M-Left" }, { YK_ALT_RIGHT, "M-Right" },
	{ YK_ALT_UP, "M-Up" }, { YK_ALT_DOWN, "M-Down" },
	{ YK_CTRL_LEFT, "C-Left" }, { YK_CTRL_RIGHT, "C-Right" },
	{ YK_CTRL_UP, "C-Up" }, { YK_CTRL_DOWN, "C-Down" },
	{ YK_F1, "F1" }, { YK_F2, "F2" }, { YK_F3, "F3" }, { YK_F4, "F4" },
	{ YK_F5, "F5" }, { YK_F6, "F6" }, { YK_F7, "F7" }, { YK_F8, "F8" },
	{ YK_F9, "F9" }, { YK_F10, "F10" }, { YK_F11, "F11" },
	{ YK_F12, "F12" },
	{ YK_WHEEL_UP, "WheelUp" }, { YK_WHEEL_DOWN, "WheelDown" },
	{ YK_CLICK, "Click" },
};

/* A table keeps its bindings in order (help and --print-config list them
 * so) and an open-addressing index from key sequence to slot, so that a
 * config file of n bind/unbind lines takes O(n), not O(n^2): 100k bind
 * lines took 17 s with a linear search per line.  unbind only marks the
 * slot dead; the array is compacted before anyone reads it. */
struct kmtab {
	struct binding *b;	/* command == NULL: unbound, awaiting compaction */
	size_t n;
	size_t cap;
	size_t ndead;
	size_t ninit;		/* b[0..ninit) are default slots, in order */
	size_t *idx;		/* slot + 1 per hash bucket, 0: empty */
	size_t idxcap;		/* a power of two, at least twice the used */
	size_t idxused;
};

struct keymap {
	struct kmtab t[KM__COUNT];
};

static void
binding_free(struct binding *b)
{
	free((char *)b->command);
	free((char *)b->arg);
	b->command = b->arg = NULL;
}

static int
seq_eq(const struct binding *b, const uint32_t *keys, size_t n)
{
	return b->nkeys == n && memcmp(b->keys, keys, n * sizeof *keys) == 0;
}

static size_t
seq_hash(const uint32_t *keys, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;	/* FNV-1a over the key codes */

	for (size_t i = 0; i < n; i++) {
		h ^= keys[i];
		h *= 0x100000001b3u;
	}
	h ^= n;
	/* FNV's low bits see only the keys' low bits: mix (murmur3's
	 * finaliser) before the table masks them off. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (size_t)h;
}

/* The bucket of keys: the one holding its slot, or the empty one where it
 * would go.  Several live or dead slots never share a sequence, so the
 * first slot with equal keys is the one. */
static size_t *
idx_find(const struct kmtab *t, const uint32_t *keys, size_t n)
{
	size_t mask = t->idxcap - 1, h = seq_hash(keys, n) & mask;

	while (t->idx[h] != 0 && !seq_eq(&t->b[t->idx[h] - 1], keys, n))
		h = (h + 1) & mask;
	return &t->idx[h];
}

/* Rebuilds the index for the live slots (after a compaction or to grow). */
static void
idx_rebuild(struct kmtab *t, size_t want)
{
	size_t cap = 64;

	while (cap < want * 2)
		cap *= 2;
	free(t->idx);
	t->idx = xcalloc(cap, sizeof *t->idx);
	t->idxcap = cap;
	t->idxused = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->b[i].command == NULL)
			continue;
		*idx_find(t, t->b[i].keys, t->b[i].nkeys) = i + 1;
		t->idxused++;
	}
}

static void
tab_add(struct kmtab *t, const uint32_t *keys, size_t n, const char *command,
    const char *arg)
{
	struct binding *b;
	size_t *slot;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->b = xreallocarray(t->b, t->cap, sizeof *t->b);
	}
	b = &t->b[t->n++];
	memset(b, 0, sizeof *b);
	memcpy(b->keys, keys, n * sizeof *keys);
	b->nkeys = (uint8_t)n;
	b->command = xstrdup(command);
	b->arg = arg != NULL ? xstrdup(arg) : NULL;
	b->cmd = command_find(command);
	if ((t->idxused + 1) * 2 > t->idxcap)
		idx_rebuild(t, t->idxused + 1);
	else {
		slot = idx_find(t, keys, n);
		/* A dead slot with these keys keeps its bucket; point it
		 * at the new slot. */
		if (*slot == 0)
			t->idxused++;
		*slot = t->n;
	}
}

/* Drops the dead slots, keeping the order of the live ones.  The table is
 * logically unchanged, so readers of a const keymap may call it. */
static void
tab_compact(const struct kmtab *ct)
{
	struct kmtab *t = (struct kmtab *)(uintptr_t)ct;
	size_t j = 0, ninit = 0;

	if (t->ndead == 0)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (t->b[i].command != NULL) {
			ninit += i < t->ninit;
			t->b[j++] = t->b[i];
		}
	t->n = j;
	t->ninit = ninit;
	t->ndead = 0;
	idx_rebuild(t, t->n);
}

struct keymap *
keymap_new(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);

	for (int f = 0; f < KM__COUNT; f++)
		for (size_t i = 0; i < defaults[f].n; i++) {
			const struct default_binding *d = &defaults[f].b[i];
			tab_add(&km->t[f], d->keys, d->nkeys, d->command,
			    d->arg);
			km->t[f].ninit++;
		}
	return km;
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	for (int f = 0; f < KM__COUNT; f++) {
		for (size_t i = 0; i < km->t[f].n; i++)
			binding_free(&km->t[f].b[i]);
		free(km->t[f].b);
		free(km->t[f].idx);
	}
	free(km);
}

void
keymap_bind(struct keymap *km, enum keymap_focus f, const uint32_t *keys,
    size_t n, const char *command, const char *arg)
{
	struct kmtab *t = &km->t[f];
	size_t *slot;

	if (n == 0 || n > KEYMAP_SEQ_MAX)
		return;
	slot = idx_find(t, keys, n);
	if (*slot != 0 && t->b[*slot - 1].command != NULL) {
		/* Rebinding keeps the binding's place in the table. */
		struct binding *b = &t->b[*slot - 1];

		binding_free(b);
		b->command = xstrdup(command);
		b->arg = arg != NULL ? xstrdup(arg) : NULL;
		b->cmd = command_find(command);
		return;
	}
	/* New (or unbound earlier): at the end, as before. */
	tab_add(t, keys, n, command, arg);
}

int
keymap_unbind(struct keymap *km, enum keymap_focus f, const uint32_t *keys,
    size_t n)
{
	struct kmtab *t = &km->t[f];
	size_t *slot;

	if (n == 0 || n > KEYMAP_SEQ_MAX)
		return 0;
	slot = idx_find(t, keys, n);
	if (*slot == 0 || t->b[*slot - 1].command == NULL)
		return 0;
	binding_free(&t->b[*slot - 1]);
	t->ndead++;
	return 1;
}

enum keymap_match
keymap_lookup(const struct keymap *km, enum keymap_focus f,
    const uint32_t *keys, size_t n, const struct binding **out)
{
	const struct kmtab *t = &km->t[f];
	int prefix = 0;

	tab_compact(t);
	for (size_t i = 0; i < t->n; i++) {
		const struct binding *b = &t->b[i];

		if (b->nkeys < n ||
		    memcmp(b->keys, keys, n * sizeof *keys) != 0)
			continue;
		if (b->nkeys == n) {
			*out = b;
			return KM_MATCH;
		}
		prefix = 1;
	}
	return prefix ? KM_PREFIX : KM_NOMATCH;
}

const struct binding *
keymap_bindings(const struct keymap *km, enum keymap_focus f, size_t *n)
{
	tab_compact(&km->t[f]);
	*n = km->t[f].n;
	return km->t[f].b;
}

/* A character can be a key when it prints as itself: a bidi control or an
 * unassigned code point would be shown as "<U+202E>" or U+FFFD by
 * --print-config, which then would not read back as the same key. */
static int
key_char_ok(uint32_t cp)
{
	char enc[5];
	size_t m;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == UTF8_REPLACEMENT)
		return 0;
	m = utf8_encode(cp, enc);
	return sanitize_is_clean(enc, m);
}

int
keymap_parse_key(const char *name, uint32_t *key)
{
	size_t len = strlen(name);
	uint32_t cp;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < nitems(key_names); i++)
		if (strcasecmp(name, key_names[i].name) == 0) {
			*key = key_names[i].key;
			return 0;
		}
	/* C-x, c-x, ^X: control keys. */
	if ((len == 3 && (name[0] == 'C' || name[0] == 'c') &&
	    name[1] == '-') || (len == 2 && name[0] == '^')) {
		unsigned char c = (unsigned char)name[len - 1];

		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (c == '?') {
			*key = YK_BACKSPACE;	/* ^? is DEL */
			return 0;
		}
		if (c < '@' || c > '_')
			return -1;
		*key = YK_CTRL(c);
		if (*key == 0x08 || *key == 0x7f)
			*key = YK_BACKSPACE;
		return 0;
	}
	/* One character. */
	if (utf8_decode(name, len, &cp) != len || !key_char_ok(cp))
		return -1;
	*key = cp;
	return 0;
}

int
keymap_parse_seq(const char *s, uint32_t *keys, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0;

	if (max == 0)
		return -1;
	if (keymap_parse_key(s, &keys[0]) == 0)
		return 1;
	while (i < len) {
		uint32_t k;
		const char *gt;

		if (n == max)
			return -1;
		if (s[i] == '<' && (gt = strchr(s + i + 1, '>')) != NULL &&
		    gt > s + i + 1) {
			char tmp[32];
			size_t m = (size_t)(gt - (s + i + 1));

			if (m >= sizeof tmp)
				return -1;
			memcpy(tmp, s + i + 1, m);
			tmp[m] = '\0';
			if (keymap_parse_key(tmp, &k) != 0)
				return -1;
			keys[n++] = k;
			i += m + 2;
			continue;
		}
		{
			size_t m = utf8_decode(s + i, len - i, &k);

			if (!key_char_ok(k) || k == ' ')
				return -1;
			keys[n++] = k;
			i += m;
		}
	}
	return n > 0 ? (int)n : -1;
}

char *
keymap_key_name(uint32_t key, char *out, size_t size)
{
	char enc[5];
	size_t m;

	if (size == 0)
		return out;
	for (size_t i = 0; i < nitems(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(out, size, "%s", key_names[i].name);
			return out;
		}
	if (key < 0x20) {
		char c = (char)(key + '@');

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		snprintf(out, size, "C-%c", c);
		return out;
	}
	if (key >= YK_BASE || (key >= 0x7f && key < 0xa0)) {
		snprintf(out, size, "<%#x>", (unsigned)key);
		return out;
	}
	m = utf8_encode(key, enc);
	enc[m] = '\0';
	snprintf(out, size, "%s", enc);
	return out;
}

/* The sequence written as characters and <Name> groups; wrap_all puts
 * every key but '>' in a group. */
static void
seq_write(const uint32_t *keys, size_t n, int wrap_all, char *out,
    size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char name[32];
		int special;

		keymap_key_name(keys[i], name, sizeof name);
		special = keys[i] == ' ' || keys[i] < 0x20 ||
		    keys[i] >= YK_BASE || (wrap_all && keys[i] != '>');
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
		    special ? "<%s>" : "%s", name);
		if (len >= size) {
			out[size - 1] = '\0';
			break;
		}
	}
}

char *
keymap_seq_name(const uint32_t *keys, size_t n, char *out, size_t size)
{
	uint32_t back[KEYMAP_SEQ_MAX];
	int m;

	if (size == 0)
		return out;
	out[0] = '\0';
	if (n == 1)
		return keymap_key_name(keys[0], out, size);
	seq_write(keys, n, 0, out, size);
	/* Characters can spell a key name ("end" is End, "C-a" is Ctrl-A)
	 * or a group ("<a>"): then every key goes in a group, so that the
	 * name reads back as this sequence. */
	m = keymap_parse_seq(out, back, KEYMAP_SEQ_MAX);
	if (m != (int)n || memcmp(back, keys, n * sizeof *keys) != 0)
		seq_write(keys, n, 1, out, size);
	return out;
}

const char *
keymap_focus_name(enum keymap_focus f)
{
	return (unsigned)f < KM__COUNT ? focus_names[f] : "?";
}

int
keymap_focus_from_name(const char *s)
{
	for (int f = 0; f < KM__COUNT; f++)
		if (strcmp(s, focus_names[f]) == 0)
			return f;
	return -1;
}

void
keymap_print(const struct keymap *km, struct out *out)
{
	for (int f = 0; f < KM__COUNT; f++) {
		const struct kmtab *t = &km->t[f];
		const char *fn = f == KM_READER ? "" : focus_names[f];
		const char *sp = f == KM_READER ? "" : " ";
		char name[64];
		size_t j = 0;

		tab_compact(t);
		/* Default keys unbound (or unbound and bound again, which
		 * moved them to the end) come first as unbind lines, so the
		 * output read as a config gives this table, in this order.
		 * b[0..ninit) is what is left of the defaults, in order. */
		for (size_t i = 0; i < defaults[f].n; i++) {
			const struct default_binding *d = &defaults[f].b[i];

			if (j < t->ninit && seq_eq(&t->b[j], d->keys,
			    d->nkeys)) {
				j++;
				continue;
			}
			keymap_seq_name(d->keys, d->nkeys, name, sizeof name);
			out_printf(out, "unbind %s%s%s\n", fn, sp, name);
		}
		for (size_t i = 0; i < t->n; i++) {
			const struct binding *b = &t->b[i];

			keymap_seq_name(b->keys, b->nkeys, name, sizeof name);
			out_printf(out, "bind %s%s%s %s%s%s\n", fn, sp, name,
			    b->command, b->arg ? " " : "",
			    b->arg ? b->arg : "");
		}
	}
}
