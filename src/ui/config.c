/* config.c - defaults, the config file parser, themes, --print-config.
 * Settings are a table (name, type, field, range, help) so the parser,
 * the printer and the man page stay in step. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "command.h"
#include "sanitize.h"
#include "util.h"

enum set_type { SET_BOOL, SET_INT, SET_ENUM };

struct setting {
	const char *name;
	enum set_type type;
	size_t off;		/* int field in struct config */
	int min, max;
	const char *const *words;	/* SET_ENUM: value names */
	const char *help;
};

static const char *const theme_words[] = { "default", "mono", NULL };
static const char *const side_words[] = { "left", "right", NULL };

#define F(x) offsetof(struct config, x)
static const struct setting settings[] = {
	{ "theme", SET_ENUM, F(theme), 0, 0, theme_words,
	    "colour theme: default (dark and light terminals) or mono" },
	{ "sidebar", SET_BOOL, F(sidebar), 0, 1, NULL,
	    "show the outline sidebar at start" },
	{ "sidebar-side", SET_ENUM, F(sidebar_right), 0, 0, side_words,
	    "left or right" },
	{ "sidebar-width", SET_INT, F(sidebar_width), 10, 200, NULL,
	    "sidebar columns" },
	{ "sidebar-hide-below", SET_INT, F(sidebar_hide_below), 0, 1000, NULL,
	    "hide the sidebar when the terminal is narrower than this" },
	{ "paragraph-spacing", SET_INT, F(para_gap), 0, 1, NULL,
	    "blank rows between paragraphs (0 or 1)" },
	{ "tab-width", SET_INT, F(tab_width), 1, 16, NULL,
	    "columns per tab stop" },
	{ "mouse", SET_BOOL, F(mouse), 0, 1, NULL,
	    "wheel scrolls, clicks jump (takes text selection away)" },
	{ "ambiguous-width", SET_INT, F(ambiguous_wide), 1, 2, NULL,
	    "columns of East Asian Ambiguous characters such as “ ” …" },
	{ "margin", SET_INT, F(margin), 0, 20, NULL,
	    "blank columns left and right of the text" },
	{ "max-width", SET_INT, F(max_width), 0, 1000, NULL,
	    "widest text column, centred (0: the whole pane)" },
	{ "reveal-invisibles", SET_BOOL, F(reveal_invisibles), 0, 1, NULL,
	    "draw invisible format characters (soft hyphen, zero-width "
	    "space...) as ‸" },
};
#undef F

static const char *style_names[STY__COUNT] = {
	[STY_TEXT] = "text", [STY_H1] = "heading1", [STY_H2] = "heading2",
	[STY_H3] = "heading3", [STY_H4] = "heading4", [STY_RUNIN] = "runin",
	[STY_TITLE] = "title", [STY_META] = "meta", [STY_QUOTE] = "quote",
	[STY_CODE] = "code", [STY_LINK] = "link", [STY_STRONG] = "strong",
	[STY_EM] = "emphasis", [STY_STRIKE] = "strike",
	[STY_CONTROL] = "control", [STY_FOLD] = "fold",
	[STY_FOLD_COUNT] = "fold-count", [STY_RULE] = "rule",
	[STY_RELATED] = "related", [STY_STATUS] = "status",
	[STY_STATUS_CRUMB] = "status-path",
	[STY_STATUS_CURRENT] = "status-current",
	[STY_STATUS_INFO] = "status-info", [STY_MESSAGE] = "message",
	[STY_ERROR] = "error", [STY_PROMPT] = "prompt",
	[STY_SIDEBAR] = "sidebar", [STY_SIDEBAR_TAB] = "sidebar-tab",
	[STY_SIDEBAR_CURRENT] = "sidebar-current",
	[STY_SIDEBAR_SELECTED] = "sidebar-selected",
	[STY_SIDEBAR_MARKER] = "sidebar-marker", [STY_BORDER] = "border",
	[STY_HELP_KEY] = "help-key", [STY_HELP_HEAD] = "help-heading",
	[STY_SEARCH] = "search", [STY_SEARCH_CURRENT] = "search-current",
	[STY_LINK_FOCUS] = "link-focus", [STY_SELECTION] = "selection",
};

/* The default theme: attributes carry the structure, so it reads the same
 * in mono; colours are mid-tones that work on dark and light backgrounds
 * (no yellow, no white, no bright blue). */
struct theme_entry {
	uint8_t attrs;
	int16_t fg8;		/* 8-colour terminals */
	int16_t fg256;		/* 256-colour terminals */
};

#define D SC_DEFAULT
static const struct theme_entry theme_default[STY__COUNT] = {
	[STY_TEXT] = { 0, D, D },
	[STY_H1] = { SA_BOLD | SA_UNDERLINE, 5, 133 },
	[STY_H2] = { SA_BOLD, 4, 31 },
	[STY_H3] = { SA_BOLD, 6, 30 },
	[STY_H4] = { SA_BOLD, D, D },
	[STY_RUNIN] = { SA_BOLD, D, D },
	[STY_TITLE] = { SA_BOLD, 5, 133 },
	[STY_META] = { SA_DIM, D, 244 },
	[STY_QUOTE] = { 0, 2, 65 },
	[STY_CODE] = { 0, 6, 30 },
	[STY_LINK] = { SA_UNDERLINE, 4, 31 },
	[STY_STRONG] = { SA_BOLD, D, D },
	[STY_EM] = { SA_UNDERLINE, D, D },
	[STY_STRIKE] = { SA_DIM, D, D },
	[STY_CONTROL] = { SA_BOLD, 1, 160 },
	[STY_FOLD] = { SA_BOLD, 5, 133 },
	[STY_FOLD_COUNT] = { SA_DIM, D, 244 },
	[STY_RULE] = { SA_DIM, D, 244 },
	[STY_RELATED] = { 0, 4, 31 },
	[STY_STATUS] = { SA_REVERSE, D, D },
	[STY_STATUS_CRUMB] = { SA_REVERSE, D, D },
	[STY_STATUS_CURRENT] = { SA_REVERSE | SA_BOLD, D, D },
	[STY_STATUS_INFO] = { SA_REVERSE, D, D },
	[STY_MESSAGE] = { SA_BOLD, D, D },
	[STY_ERROR] = { SA_BOLD, 1, 160 },
	[STY_PROMPT] = { 0, D, D },
	[STY_SIDEBAR] = { 0, D, D },
	[STY_SIDEBAR_TAB] = { SA_BOLD | SA_UNDERLINE, D, D },
	[STY_SIDEBAR_CURRENT] = { SA_BOLD, 5, 133 },
	[STY_SIDEBAR_SELECTED] = { SA_REVERSE, D, D },
	[STY_SIDEBAR_MARKER] = { SA_DIM, D, 244 },
	[STY_BORDER] = { SA_DIM, D, 244 },
	[STY_HELP_KEY] = { SA_BOLD, D, D },
	[STY_HELP_HEAD] = { SA_BOLD | SA_UNDERLINE, D, D },
	/* Decorations: reverse video reads in every theme and in mono. */
	[STY_SEARCH] = { SA_REVERSE, D, D },
	[STY_SEARCH_CURRENT] = { SA_REVERSE | SA_BOLD, 5, 133 },
	[STY_LINK_FOCUS] = { SA_REVERSE | SA_UNDERLINE, D, D },
	[STY_SELECTION] = { SA_REVERSE, D, D },
};
#undef D

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	uint8_t attr;
} attr_names[] = {
	{ "bold", SA_BOLD }, { "dim", SA_DIM }, { "underline", SA_UNDERLINE },
	{ "reverse", SA_REVERSE }, { "italic", SA_ITALIC },
	{ "standout", SA_STANDOUT },
};

void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->theme = THEME_DEFAULT;
	c->sidebar = 0;
	c->sidebar_right = 0;
	c->sidebar_width = 30;
	c->sidebar_hide_below = 60;
	c->para_gap = 1;
	c->tab_width = 8;
	c->mouse = 0;
	c->ambiguous_wide = 0;
	c->margin = 1;
	c->max_width = 0;
	c->km = keymap_new();
}

void
config_free(struct config *c)
{
	keymap_free(c->km);
	for (size_t i = 0; i < c->nmsgs; i++)
		free(c->msgs[i]);
	free(c->msgs);
	free(c->more_file);
	free(c->path);
	memset(c, 0, sizeof *c);
}

static void
msg_add(struct config *c, char *s)
{
	c->msgs = xreallocarray(c->msgs, c->nmsgs + 1, sizeof *c->msgs);
	c->msgs[c->nmsgs++] = s;
}

static void ATTR_PRINTF(4, 5)
config_msg(struct config *c, const char *file, unsigned lineno,
    const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	char *s;

	/* A file of bad lines must not make a message each: keep the first
	 * ones and count the rest in one line (its place stays fixed, so the
	 * ':' prompt's own messages still come last). */
	if (file != NULL && c->nfilemsgs >= CONFIG_MAX_MSGS) {
		if (c->ndropped++ == 0) {
			c->more_at = c->nmsgs;
			c->more_file = sanitize_str(file);
			msg_add(c, NULL);
		}
		free(c->msgs[c->more_at]);
		c->msgs[c->more_at] = xasprintf("%s: %zu more problems not "
		    "shown", c->more_file, c->ndropped);
		return;
	}
	if (file != NULL)
		c->nfilemsgs++;
	buf_init(&b);
	if (file != NULL)
		buf_printf(&b, "%s:%u: ", file, lineno);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	s = sanitize_str(b.data != NULL ? b.data : "");
	buf_free(&b);
	msg_add(c, s);
}

char *
config_default_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* The XDG spec: a relative XDG_CONFIG_HOME is invalid, ignore it. */
	if (x != NULL && x[0] == '/')
		return xasprintf("%s/yuedu/config", x);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/yuedu/config", home);
	return NULL;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

static int
parse_bool(const char *v)
{
	static const char *yes[] = { "on", "yes", "true", "1" };
	static const char *no[] = { "off", "no", "false", "0" };

	for (size_t i = 0; i < nitems(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* The number of colour name w (0-7), or -1. */
static int
color_index(const char *w)
{
	for (size_t i = 0; i < nitems(color_names); i++)
		if (strcasecmp(w, color_names[i]) == 0)
			return (int)i;
	return -1;
}

static int
parse_color(const char *w, int16_t *out)
{
	char *end;
	long v;
	int i;

	if (strcasecmp(w, "default") == 0) {
		*out = SC_DEFAULT;
		return 0;
	}
	if ((i = color_index(w)) >= 0) {
		*out = (int16_t)i;
		return 0;
	}
	if (strncasecmp(w, "bright-", 7) == 0 &&
	    (i = color_index(w + 7)) >= 0) {
		*out = (int16_t)(i + 8);
		return 0;
	}
	if (strncasecmp(w, "color", 5) == 0)
		w += 5;
	errno = 0;
	v = strtol(w, &end, 10);
	if (errno != 0 || end == w || *end != '\0' || v < 0 || v > 255)
		return -1;
	*out = (int16_t)v;
	return 0;
}

/* "bold red on default" -> style; returns NULL or the bad word. */
static const char *
parse_style(char *v, struct style *st)
{
	static char bad[64];
	char *save = NULL, *w;
	int want_bg = 0, have_fg = 0;

	st->attrs = 0;
	st->fg = st->bg = SC_DEFAULT;
	for (w = strtok_r(v, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		int16_t col;
		size_t i;

		if (strcasecmp(w, "on") == 0) {
			want_bg = 1;
			continue;
		}
		if (strcasecmp(w, "normal") == 0 ||
		    strcasecmp(w, "none") == 0) {
			st->attrs = 0;
			continue;
		}
		for (i = 0; i < nitems(attr_names); i++)
			if (strcasecmp(w, attr_names[i].name) == 0)
				break;
		if (i < nitems(attr_names) && !want_bg) {
			st->attrs |= attr_names[i].attr;
			continue;
		}
		if (parse_color(w, &col) == 0) {
			if (want_bg) {
				st->bg = col;
				want_bg = 0;
			} else if (!have_fg) {
				st->fg = col;
				have_fg = 1;
			} else
				goto fail;
			continue;
		}
fail:
		snprintf(bad, sizeof bad, "%s", w);
		return bad;
	}
	if (want_bg) {
		snprintf(bad, sizeof bad, "on");
		return bad;
	}
	return NULL;
}

static int
style_from_name(const char *s)
{
	for (int i = 0; i < STY__COUNT; i++)
		if (strcasecmp(s, style_names[i]) == 0)
			return i;
	return -1;
}

static int
bind_line(struct config *c, char *rest, int unbind, const char *file,
    unsigned lineno)
{
	char *tok[8], *save = NULL, *w;
	int n = 0, f = KM_READER, i = 0, nk;
	uint32_t keys[KEYMAP_SEQ_MAX];
	const char *arg = NULL;

	for (w = strtok_r(rest, " \t", &save); w != NULL && n < 8;
	    w = strtok_r(NULL, " \t", &save))
		tok[n++] = w;
	if (n >= (unbind ? 2 : 3) && keymap_focus_from_name(tok[0]) >= 0) {
		f = keymap_focus_from_name(tok[0]);
		i = 1;
	}
	if (n - i < (unbind ? 1 : 2)) {
		config_msg(c, file, lineno, unbind ?
		    "usage: unbind [reader|sidebar|help] KEYS" :
		    "usage: bind [reader|sidebar|help] KEYS COMMAND [ARG]");
		return -1;
	}
	if ((nk = keymap_parse_seq(tok[i], keys, KEYMAP_SEQ_MAX)) < 0) {
		config_msg(c, file, lineno, "bad key '%s'", tok[i]);
		return -1;
	}
	if (unbind) {
		if (n - i > 1) {
			config_msg(c, file, lineno,
			    "unbind takes only the keys");
			return -1;
		}
		if (!keymap_unbind(c->km, f, keys, (size_t)nk)) {
			config_msg(c, file, lineno, "'%s' is not bound",
			    tok[i]);
			return -1;
		}
		return 0;
	}
	if (command_find(tok[i + 1]) == NULL) {
		config_msg(c, file, lineno, "unknown command '%s'",
		    tok[i + 1]);
		return -1;
	}
	if (n - i > 3) {
		config_msg(c, file, lineno, "too many words after the command");
		return -1;
	}
	if (n - i == 3)
		arg = tok[i + 2];
	keymap_bind(c->km, f, keys, (size_t)nk, tok[i + 1], arg);
	return 0;
}

int
config_line(struct config *c, const char *line, const char *file,
    unsigned lineno)
{
	char buf[1024], *s, *eq, *key, *val;

	if (strlen(line) >= sizeof buf) {
		config_msg(c, file, lineno, "line too long");
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", line);
	s = trim(buf);
	if (*s == '\0' || *s == '#')
		return 0;
	if (strncmp(s, "bind", 4) == 0 && (s[4] == ' ' || s[4] == '\t'))
		return bind_line(c, s + 5, 0, file, lineno);
	if (strncmp(s, "unbind", 6) == 0 && (s[6] == ' ' || s[6] == '\t'))
		return bind_line(c, s + 7, 1, file, lineno);
	if ((eq = strchr(s, '=')) == NULL) {
		config_msg(c, file, lineno,
		    "expected 'key = value' or 'bind KEY COMMAND'");
		return -1;
	}
	*eq = '\0';
	key = trim(s);
	val = trim(eq + 1);
	if (*val == '\0') {
		config_msg(c, file, lineno, "no value for '%s'", key);
		return -1;
	}
	if (strncasecmp(key, "color.", 6) == 0 ||
	    strncasecmp(key, "style.", 6) == 0) {
		int id = style_from_name(key + 6);
		struct style st;
		const char *bad;

		if (id < 0) {
			config_msg(c, file, lineno, "unknown element '%s'",
			    key + 6);
			return -1;
		}
		if ((bad = parse_style(val, &st)) != NULL) {
			config_msg(c, file, lineno,
			    "bad style word '%s' (attributes: bold dim "
			    "underline reverse italic; colours: names, "
			    "0-255, on COLOR)", bad);
			return -1;
		}
		c->styles[id] = st;
		c->style_set[id] = true;
		return 0;
	}
	for (size_t i = 0; i < nitems(settings); i++) {
		const struct setting *st = &settings[i];
		int *field = (int *)((char *)c + st->off), v = -1;

		if (strcasecmp(key, st->name) != 0)
			continue;
		switch (st->type) {
		case SET_BOOL:
			if ((v = parse_bool(val)) < 0) {
				config_msg(c, file, lineno,
				    "%s: expected on or off, not '%s'",
				    st->name, val);
				return -1;
			}
			break;
		case SET_INT: {
			char *end;
			long l;

			errno = 0;
			l = strtol(val, &end, 10);
			if (errno != 0 || end == val || *end != '\0' ||
			    l < st->min || l > st->max) {
				config_msg(c, file, lineno,
				    "%s: expected a number from %d to %d, "
				    "not '%s'", st->name, st->min, st->max,
				    val);
				return -1;
			}
			v = (int)l;
			break;
		}
		case SET_ENUM:
			for (int k = 0; st->words[k] != NULL; k++)
				if (strcasecmp(val, st->words[k]) == 0)
					v = k;
			if (v < 0) {
				struct buf w;

				buf_init(&w);
				for (int k = 0; st->words[k] != NULL; k++)
					buf_printf(&w, "%s%s", k ? ", " : "",
					    st->words[k]);
				config_msg(c, file, lineno,
				    "%s: expected one of %s, not '%s'",
				    st->name, w.data, val);
				buf_free(&w);
				return -1;
			}
			break;
		}
		if (st->off == offsetof(struct config, ambiguous_wide))
			v = v == 2;
		*field = v;
		return 0;
	}
	config_msg(c, file, lineno, "unknown setting '%s'", key);
	return -1;
}

int
config_load_text(struct config *c, const char *name, const char *text,
    size_t len)
{
	char line[1024 + 1];
	unsigned lineno = 0;
	int bad = 0;
	char *shown = sanitize_str(name != NULL ? name : "config");
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - (text + pos)) + 1 :
		    len - pos;

		lineno++;
		if (memchr(text + pos, '\0', n) != NULL) {
			config_msg(c, shown, lineno, "NUL byte in line");
			bad++;
		} else if (n >= sizeof line) {
			/* config_line would refuse it too; no copy needed. */
			config_msg(c, shown, lineno, "line too long");
			bad++;
		} else {
			memcpy(line, text + pos, n);
			line[n] = '\0';
			if (config_line(c, line, shown, lineno) != 0)
				bad++;
		}
		pos += n;
	}
	free(shown);
	return bad;
}

/* Reads at most CONFIG_MAX_BYTES + 1 bytes of fd into *out: the extra
 * byte tells a file that grew past the limit while read.  Returns the
 * length, or -1 with errno set. */
static ssize_t
read_bounded(int fd, char **out)
{
	size_t cap = 65536, len = 0;
	char *p = xmalloc(cap);

	for (;;) {
		ssize_t r;

		if (len == cap) {
			if (cap > CONFIG_MAX_BYTES)
				break;
			cap = MIN(cap * 2, (size_t)CONFIG_MAX_BYTES + 1);
			p = xreallocarray(p, cap, 1);
		}
		r = read(fd, p + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(p);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	*out = p;
	return (ssize_t)len;
}

/* What a non-regular file is, for the message. */
static const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return " (a directory)";
	if (S_ISFIFO(m))
		return " (a FIFO)";
	if (S_ISSOCK(m))
		return " (a socket)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return " (a device)";
	return "";
}

/* --config=/dev/null is the usual way to say "no settings": an empty
 * file, not a device to refuse. */
static bool
is_dev_null(const struct stat *st)
{
	struct stat null;

	return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 &&
	    S_ISCHR(null.st_mode) && st->st_rdev == null.st_rdev;
}

int
config_load(struct config *c, const char *path, bool must_exist)
{
	struct stat st;
	char *text = NULL, *shown;
	ssize_t len = 0;
	int fd = -1, bad;

	if (path == NULL)
		return 0;
	shown = sanitize_str(path);
	/* stat() first so that a device is never even opened; O_NONBLOCK so
	 * that opening a FIFO swapped in after the stat() does not wait for
	 * a writer (fstat() then refuses it before any read). */
	if (stat(path, &st) != 0) {
		int e = errno;

		if (must_exist || e != ENOENT)
			config_msg(c, NULL, 0, "%s: %s", shown, strerror(e));
		free(shown);
		return must_exist || e != ENOENT;
	}
	if (is_dev_null(&st)) {
		free(shown);
		return 0;
	}
	if (S_ISREG(st.st_mode) && (fd = open(path, O_RDONLY | O_NOCTTY |
	    O_NONBLOCK | O_CLOEXEC)) < 0) {
		config_msg(c, NULL, 0, "%s: %s", shown, strerror(errno));
		goto refuse;
	}
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		config_msg(c, NULL, 0, "%s is not a regular file%s", shown,
		    file_kind(st.st_mode));
		goto refuse;
	}
	/* Too large: refused whole rather than cut at the limit, since half a
	 * file could silently drop the settings or unbinds at its end.  The
	 * read stops one byte past the limit, so a file that grows while read
	 * is bounded too. */
	if (st.st_size > CONFIG_MAX_BYTES ||
	    (len = read_bounded(fd, &text)) > CONFIG_MAX_BYTES) {
		config_msg(c, NULL, 0, "%s is larger than %d MiB; not read",
		    shown, CONFIG_MAX_BYTES / (1024 * 1024));
		goto refuse;
	}
	if (len < 0) {
		config_msg(c, NULL, 0, "%s: %s", shown, strerror(errno));
		goto refuse;
	}
	close(fd);
	free(c->path);
	c->path = xstrdup(path);
	bad = config_load_text(c, path, text, (size_t)len);
	free(text);
	free(shown);
	return bad;
refuse:
	free(text);
	if (fd >= 0)
		close(fd);
	free(shown);
	return 1;
}

static bool
no_color(void)
{
	const char *v = getenv("NO_COLOR");

	/* no-color.org: set and not empty. */
	return v != NULL && v[0] != '\0';
}

struct style
config_style(const struct config *c, enum style_id id, int colors)
{
	struct style st;
	const struct theme_entry *t = &theme_default[id];

	st.attrs = t->attrs;
	st.fg = colors >= 256 ? t->fg256 : t->fg8;
	st.bg = SC_DEFAULT;
	if (c->style_set[id])
		st = c->styles[id];
	if (c->theme == THEME_MONO || no_color() || colors < 8) {
		st.fg = st.bg = SC_DEFAULT;
		/* Mono keeps structure through attributes only; a coloured
		 * element without attributes becomes dim or bold. */
		if (st.attrs == 0 && t->attrs == 0 && id != STY_TEXT &&
		    id != STY_PROMPT && id != STY_SIDEBAR)
			st.attrs = id == STY_QUOTE || id == STY_CODE ?
			    SA_DIM : 0;
	}
	if (colors > 0 && colors < 256) {
		if (st.fg >= colors)
			st.fg = (int16_t)(st.fg % 8);
		if (st.bg >= colors)
			st.bg = (int16_t)(st.bg % 8);
	}
	return st;
}

const char *
config_style_name(enum style_id id)
{
	return (unsigned)id < STY__COUNT ? style_names[id] : "?";
}

const char *
config_theme_name(int theme)
{
	return theme >= 0 && theme < THEME__COUNT ? theme_words[theme] : "?";
}

static void
print_color(struct out *out, int16_t c)
{
	if (c == SC_DEFAULT)
		out_str(out, "default");
	else if (c < 8)
		out_str(out, color_names[c]);
	else
		out_printf(out, "%d", c);
}

void
config_print(const struct config *c, struct out *out)
{
	out_printf(out, "# yuedu effective settings (config file: %s)\n",
	    c->path != NULL ? "read" : "none");
	for (size_t i = 0; i < nitems(settings); i++) {
		const struct setting *st = &settings[i];
		int v = *(const int *)((const char *)c + st->off);

		out_printf(out, "# %s\n%s = ", st->help, st->name);
		switch (st->type) {
		case SET_BOOL:
			out_str(out, v ? "on" : "off");
			break;
		case SET_INT:
			if (st->off == offsetof(struct config, ambiguous_wide))
				v = v ? 2 : 1;
			out_printf(out, "%d", v);
			break;
		case SET_ENUM:
			out_str(out, st->words[v]);
			break;
		}
		out_str(out, "\n");
	}
	out_str(out, "# styles (as 256-colour terminals get them)\n");
	for (int i = 0; i < STY__COUNT; i++) {
		struct style st = config_style(c, (enum style_id)i, 256);
		int any = 0;

		out_printf(out, "color.%s =", style_names[i]);
		for (size_t k = 0; k < nitems(attr_names); k++)
			if (st.attrs & attr_names[k].attr) {
				out_printf(out, " %s", attr_names[k].name);
				any = 1;
			}
		if (st.fg != SC_DEFAULT || !any) {
			out_str(out, " ");
			print_color(out, st.fg);
		}
		if (st.bg != SC_DEFAULT) {
			out_str(out, " on ");
			print_color(out, st.bg);
		}
		out_str(out, "\n");
	}
	out_str(out, "# key bindings\n");
	keymap_print(c->km, out);
}
