/* app.c - the reading view's main loop: settings, terminal life cycle,
 * keys through the focus chain to commands, dirty flags, one redraw per
 * key.  Curses lives in view.c; the screen model in reader.c and
 * sidebar.c. */
#include "appstate.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "dump.h"
#include "feed.h"
#include "loader.h"
#include "output.h"
#include "sanitize.h"
#include "utf8.h"
#include "view.h"

static volatile sig_atomic_t got_signal;

/* Every signal whose default action ends the process ends the view
 * instead: normal screen back, status 128 + N as a shell would show.
 * PIPE too: a broken terminal write ends the view, not the process
 * halfway through a frame. */
static const int exit_sigs[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
	SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
};
static struct sigaction exit_old[nitems(exit_sigs)];

static void
on_signal(int sig)
{
	int e = errno;

	if (got_signal == 0) {
		got_signal = sig;
		/* The loop sees got_signal within its 500 ms key wait; if it
		 * is busy for longer (a huge relayout), SIGALRM comes back
		 * here as a second signal. */
		alarm(1);
	} else {
		/* A second signal, or the loop did not get there in time:
		 * restore what can be restored safely here, and go. */
		view_emergency_restore();
		_exit(128 + got_signal);
	}
	errno = e;
}

static void __attribute__((format(printf, 3, 0)))
vmsg(struct app *a, bool error, const char *fmt, va_list ap)
{
	char tmp[sizeof a->msg], *s;

	vsnprintf(tmp, sizeof tmp, fmt, ap);
	s = sanitize_str(tmp);
	snprintf(a->msg, sizeof a->msg, "%s", s);
	free(s);
	a->msg_error = error;
}

void
app_msg(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, false, fmt, ap);
	va_end(ap);
}

void
app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(a, true, fmt, ap);
	va_end(ap);
}

void
app_geometry(struct app *a)
{
	int m, w;

	/* a->rows and a->cols come from the terminal (the loop asks it) or
	 * from a test. */
	a->too_small = a->cols < APP_MIN_COLS || a->rows < APP_MIN_ROWS;
	if (a->too_small)
		return;	/* no layout maths at 1x1 */
	a->body_h = a->rows - 1;
	a->sidebar_shown = a->sidebar_on &&
	    a->cols >= a->cfg.sidebar_hide_below;
	if (a->sidebar_shown) {
		a->sb_w = MIN(a->sidebar_width, a->cols / 2);
		if (a->cfg.sidebar_right) {
			a->body_x = 0;
			a->body_w = a->cols - a->sb_w - 1;
			a->sep_x = a->body_w;
			a->sb_x = a->sep_x + 1;
		} else {
			a->sb_x = 0;
			a->sep_x = a->sb_w;
			a->body_x = a->sb_w + 1;
			a->body_w = a->cols - a->body_x;
		}
	} else {
		a->body_x = 0;
		a->body_w = a->cols;
		a->sb_w = 0;
		if (a->focus == KM_SIDEBAR)
			a->focus = KM_READER;
	}
	m = a->cfg.margin;
	if (a->body_w - 2 * m < 20)
		m = 0;
	a->text_x = a->body_x + m;
	a->text_w = a->body_w - 2 * m;
	if (a->cfg.max_width > 0 && a->text_w > a->cfg.max_width) {
		a->text_x += (a->text_w - a->cfg.max_width) / 2;
		a->text_w = a->cfg.max_width;
	}
	w = MAX(2, a->text_w);
	reader_set_height(a->r, a->body_h);
	if (layout_width(a->l) != w) {
		layout_set_width(a->l, w);
		reader_relayout(a->r);
	}
	sidebar_set_height(a->sb, a->body_h - 1);
}

static struct layout_opts
layout_opts(const struct app *a)
{
	struct layout_opts o = { 80, a->cfg.para_gap };

	if (a->text_w >= 2)
		o.width = a->text_w;
	return o;
}

/* "[2/3]" with several documents, then the shown stream's progress. */
static void
set_progress(struct app *a)
{
	const struct tab *t = tabs_current(&a->tabs);
	int n = 0;

	if (a->tabs.n > 1)
		n = snprintf(a->progress, sizeof a->progress, "[%zu/%zu]",
		    a->tabs.cur + 1, a->tabs.n);
	snprintf(a->progress + n, sizeof a->progress - (size_t)n, "%s%s",
	    n > 0 && t->progress[0] ? "  " : "", t->progress);
}

int
app_switch_tab(struct app *a)
{
	struct tab *t = tabs_current(&a->tabs);

	a->d = t->d;
	a->l = t->l;
	a->r = t->r;
	a->sb = t->sb;
	a->deco = &t->deco;
	a->last_node = OUTLINE_NONE - 1;
	set_progress(a);
	/* Sizes are known once the view is open; this tab's layout may
	 * still have the width it had when it was last shown. */
	if (a->rows > 0)
		app_geometry(a);
	sidebar_rebuild(a->sb);
	sidebar_follow(a->sb);
	return DIRTY_ALL | DIRTY_GEOMETRY | DIRTY_FOLDS;
}

/* The styles the settings give, for the colours the terminal has. */
static void
apply_styles(const struct app *a)
{
	struct style st[STY__COUNT];

	for (int i = 0; i < STY__COUNT; i++)
		st[i] = config_style(&a->cfg, (enum style_id)i, view_colors());
	view_set_styles(st);
}

int
app_reconfigure(struct app *a)
{
	if (a->cfg.ambiguous_wide)
		utf8_set_ambiguous_wide(true);
	utf8_set_reveal_invisibles(a->cfg.reveal_invisibles != 0);
	if (a->r != NULL) {
		struct layout_opts o = layout_opts(a);

		/* Widths may have changed (reveal-invisibles): every tab. */
		tabs_relayout(&a->tabs, &o);
		a->l = tabs_current(&a->tabs)->l;
	}
	a->mouse = a->cfg.mouse;
	view_mouse(a->mouse);
	apply_styles(a);
	a->sidebar_width = a->cfg.sidebar_width;
	app_geometry(a);
	return DIRTY_ALL | DIRTY_CLEAR | DIRTY_GEOMETRY | DIRTY_FOLDS;
}

static void
load_config(struct app *a)
{
	char *path;

	config_init(&a->cfg);
	if (a->args->config_path != NULL)
		config_load(&a->cfg, a->args->config_path, true);
	else if ((path = config_default_path()) != NULL) {
		config_load(&a->cfg, path, false);
		free(path);
	}
	if (a->args->mouse >= 0)
		a->cfg.mouse = a->args->mouse;
	if (a->args->gap >= 0)
		a->cfg.para_gap = a->args->gap;
	if (a->args->ambiguous_wide > 0)
		a->cfg.ambiguous_wide = 1;
	if (a->cfg.ambiguous_wide)
		utf8_set_ambiguous_wide(true);
}

/* A note when the terminal cannot show everything, or the locale the
 * environment asked for is missing (common over SSH: LANG=zh_CN.UTF-8
 * sent to a host without it). */
static char *
locale_note(void)
{
	char *want = sanitize_str(output_locale_name()), *note = NULL;

	if (!output_charset_is_utf8()) {
		/* GB18030, Big5 and Latin-1 terminals get their own bytes;
		 * only plain ASCII loses most text, so only it is told. */
		if (strcmp(output_charset(), "ANSI_X3.4-1968") == 0)
			note = xasprintf("%s%s is ASCII: other characters show "
			    "as ?; set LANG=C.UTF-8 or use --term-charset=utf-8",
			    want, output_locale_missing() ? " (not installed)" :
			    "");
	} else if (output_locale_missing())
		note = xasprintf("locale %s is not installed; drawing UTF-8",
		    want);
	free(want);
	return note;
}

static void
reset_keys(struct app *a)
{
	a->npending = 0;
	a->count = 0;
	a->has_count = false;
}

static int
run_prompt(struct app *a, char *s)
{
	char *name, *rest, *end;
	const struct command *c;
	struct cmd_ctx ctx = { 0, false, 0, NULL };
	long v;

	while (*s == ' ' || *s == ':')
		s++;
	if (*s == '\0')
		return DIRTY_STATUS;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == 0 && end != s && *end == '\0' && v >= 0) {
		ctx.count = v;
		ctx.has_count = true;
		return command_run(a, command_find("goto-line"), &ctx);
	}
	if (strcmp(s, "q") == 0 || strcmp(s, "q!") == 0 ||
	    strcmp(s, "x") == 0)
		return command_run(a, command_find("quit"), &ctx);
	if (strchr(s, '=') != NULL || strncmp(s, "bind ", 5) == 0 ||
	    strncmp(s, "unbind ", 7) == 0) {
		size_t before = a->cfg.nmsgs;

		if (config_line(&a->cfg, s, NULL, 0) != 0) {
			app_error(a, "%s", a->cfg.nmsgs > before ?
			    a->cfg.msgs[a->cfg.nmsgs - 1] : "bad setting");
			return DIRTY_STATUS;
		}
		app_msg(a, "set: %s", s);
		return app_reconfigure(a);
	}
	name = s;
	rest = strpbrk(s, " \t");
	if (rest != NULL) {
		*rest++ = '\0';
		while (*rest == ' ' || *rest == '\t')
			rest++;
		if (*rest == '\0')
			rest = NULL;
	}
	if ((c = command_find(name)) == NULL) {
		app_error(a, "unknown command '%s' (:help lists them)", name);
		return DIRTY_STATUS;
	}
	ctx.arg = rest;
	if (rest != NULL) {
		errno = 0;
		v = strtol(rest, &end, 10);
		if (errno == 0 && end != rest && *end == '\0') {
			ctx.count = v;
			ctx.has_count = true;
		}
	}
	if (c->flags & CMD_CHAR) {
		uint32_t ch = 0;

		if (rest == NULL) {
			app_error(a, "%s needs a letter", c->name);
			return DIRTY_STATUS;
		}
		utf8_decode(rest, strlen(rest), &ch);
		ctx.ch = ch;
	}
	return command_run(a, c, &ctx);
}

static int
prompt_key(struct app *a, uint32_t key)
{
	if (key == YK_ENTER) {
		char line[LINEEDIT_MAX];

		memcpy(line, a->prompt.s, a->prompt.len + 1);
		a->prompting = false;
		return DIRTY_STATUS | run_prompt(a, line);
	}
	if (key == YK_ESC || key == YK_CTRL('c') || key == YK_CTRL('g')) {
		a->prompting = false;
		return DIRTY_STATUS;
	}
	if (lineedit_key(&a->prompt, key) == LINEEDIT_EMPTY_BACK)
		a->prompting = false;
	return DIRTY_STATUS;
}

int
app_key(struct app *a, uint32_t key)
{
	int dirty = 0;
	enum keymap_focus chain[2];
	size_t nchain = 0;
	const struct binding *b = NULL;
	const struct command *c;
	struct cmd_ctx ctx;

	if (a->msg[0] != '\0' || a->note != NULL) {
		a->msg[0] = '\0';
		free(a->note);
		a->note = NULL;
		dirty |= DIRTY_STATUS;
	}
	if (key == YK_CLICK && a->too_small)
		return dirty;
	if (a->too_small) {
		if (key == 'q' || key == 'Q' || key == YK_CTRL('c'))
			a->quit = true;
		return dirty;
	}
	if (a->prompting)
		return dirty | prompt_key(a, key);
	/* Ctrl-C while the shown file loads stops loading, as in less;
	 * the text read so far stays (the next pump completes it). */
	if (key == YK_CTRL('c') && tabs_current(&a->tabs)->ld != NULL &&
	    a->npending == 0 && a->await == NULL) {
		loader_stop(tabs_current(&a->tabs)->ld);
		return dirty | DIRTY_STATUS;
	}
	if (a->await != NULL) {
		c = a->await;
		ctx = a->await_ctx;
		ctx.ch = key;
		a->await = NULL;
		return dirty | DIRTY_STATUS | command_run(a, c, &ctx);
	}
	if (!a->help && a->focus == KM_SIDEBAR && a->sb->editing &&
	    a->npending == 0 && sidebar_filter_key(a->sb, key))
		return dirty | DIRTY_SIDEBAR | DIRTY_STATUS;
	if (key == YK_ESC && (a->npending > 0 || a->has_count)) {
		reset_keys(a);
		return dirty | DIRTY_STATUS;
	}
	if (a->npending == 0 && key >= '0' && key <= '9' &&
	    (key != '0' || a->has_count)) {
		if (a->count < 100000000)
			a->count = a->count * 10 + (long)(key - '0');
		a->has_count = true;
		return dirty | DIRTY_STATUS;
	}
	a->pending[a->npending++] = key;
	if (a->help)
		chain[nchain++] = KM_HELP;
	else {
		if (a->focus == KM_SIDEBAR && a->sidebar_shown)
			chain[nchain++] = KM_SIDEBAR;
		chain[nchain++] = KM_READER;
	}
	for (size_t i = 0; i < nchain; i++) {
		enum keymap_match m = keymap_lookup(a->cfg.km, chain[i],
		    a->pending, a->npending, &b);

		if (m == KM_MATCH)
			break;
		b = NULL;
		if (m == KM_PREFIX) {
			if (a->npending < KEYMAP_SEQ_MAX)
				return dirty | DIRTY_STATUS;
			break;
		}
	}
	if (b == NULL) {
		char name[64];

		if (!a->help && a->focus == KM_SIDEBAR && a->npending == 1 &&
		    sidebar_filter_key(a->sb, key)) {
			reset_keys(a);
			return dirty | DIRTY_SIDEBAR | DIRTY_STATUS;
		}
		keymap_seq_name(a->pending, a->npending, name, sizeof name);
		if (key != YK_ESC && key != YK_NONE)
			app_msg(a, "%s is not a command here (? for help)",
			    name);
		reset_keys(a);
		return dirty | DIRTY_STATUS;
	}
	ctx.count = a->count;
	ctx.has_count = a->has_count;
	ctx.ch = 0;
	ctx.arg = b->arg;
	reset_keys(a);
	if ((c = command_find(b->command)) == NULL) {
		app_error(a, "unknown command '%s'", b->command);
		return dirty | DIRTY_STATUS;
	}
	if (c->flags & CMD_CHAR) {
		a->await = c;
		a->await_ctx = ctx;
		return dirty | DIRTY_STATUS;
	}
	return dirty | command_run(a, c, &ctx);
}

/* Reads what t's stream has ready; returns what to redraw. */
static unsigned
pump_feed(struct app *a, struct tab *t, bool *refused)
{
	unsigned dirty = 0;
	bool shown = t == tabs_current(&a->tabs);
	char prev[sizeof t->progress];
	size_t n;

	memcpy(prev, t->progress, sizeof prev);
	switch (feed_pump(t->feed, util_now_ms())) {
	case FEED_DOC: {
		struct layout_opts o = layout_opts(a);

		tab_replace_doc(&a->tabs, t, feed_take(t->feed), &o);
		if (shown)
			dirty |= (unsigned)app_switch_tab(a);
		break;
	}
	case FEED_ERROR:
		*refused = true;
		return 0;
	case FEED_NOTHING:
		break;
	}
	n = feed_bytes(t->feed);
	/* The end of a stream that stopped early says why, once. */
	if (feed_done(t->feed) && !t->noted && shown &&
	    feed_note(t->feed) != NULL) {
		t->noted = true;
		app_error(a, "%s", feed_note(t->feed));
		dirty |= DIRTY_STATUS;
	}
	if (feed_done(t->feed))
		t->progress[0] = '\0';
	else if (n == 0)
		snprintf(t->progress, sizeof t->progress, "waiting for input");
	else if (n < (1u << 20))
		snprintf(t->progress, sizeof t->progress, "reading %zu KB",
		    (n + 1023) >> 10);
	else
		snprintf(t->progress, sizeof t->progress, "reading %.1f MB",
		    (double)n / (1 << 20));
	if (shown && strcmp(prev, t->progress) != 0) {
		set_progress(a);
		dirty |= DIRTY_STATUS;
	}
	return dirty;
}

/* Loads the next pieces of t's file for about budget_ms; returns what
 * to redraw.  The document keeps its address and its text offsets as it
 * grows, so the reader stays where it is. */
static unsigned
pump_loader(struct app *a, struct tab *t, double budget_ms)
{
	bool shown = t == tabs_current(&a->tabs);
	struct layout_opts o = layout_opts(a);
	size_t noted = t->note != NULL ? strlen(t->note) : 0;
	const char *note;
	char prev[sizeof t->progress];
	unsigned dirty = 0;
	bool grew;

	memcpy(prev, t->progress, sizeof prev);
	grew = loader_step(t->ld, budget_ms);
	/* A note that came or grew (a later encoding, a limit): said once,
	 * in the status line, and again after the view. */
	note = loader_note(t->ld);
	if (note != NULL && strlen(note) != noted) {
		free(t->note);
		t->note = xstrdup(note);
		if (shown) {
			app_error(a, "%s", note + MIN(noted ? noted + 2 : 0,
			    strlen(note)));
			dirty |= DIRTY_STATUS;
		}
	}
	if (loader_done(t->ld)) {
		struct loader *ld = t->ld;

		t->d = loader_take(ld);
		t->ld = NULL;
		loader_free(ld);
		t->r->loaded = 1.0;
		tab_doc_grew(t, true, &o);
		t->progress[0] = '\0';
		if (shown) {
			dirty |= (unsigned)app_switch_tab(a) | DIRTY_ALL;
			/* Only after a load that was seen: a short file is
			 * complete before the first screen. */
			if (note == NULL && prev[0] != '\0')
				app_msg(a, "outline complete: %u headings",
				    t->d->nnodes);
		}
		return dirty;
	}
	t->r->loaded = loader_shown_fraction(t->ld);
	if (grew) {
		tab_doc_grew(t, false, &o);
		if (shown)
			dirty |= DIRTY_ALL;
	}
	snprintf(t->progress, sizeof t->progress, "loading %d%%",
	    (int)(loader_fraction(t->ld) * 100));
	if (shown && strcmp(prev, t->progress) != 0) {
		set_progress(a);
		dirty |= DIRTY_STATUS;
	}
	return dirty;
}

void
app_show_loaded(struct app *a)
{
	struct tab *t = tabs_current(&a->tabs);
	struct layout_opts o;

	if (t->ld == NULL || loader_done(t->ld))
		return;
	o = layout_opts(a);
	loader_publish(t->ld);
	t->r->loaded = loader_shown_fraction(t->ld);
	tab_doc_grew(t, false, &o);
}

/* Every loading tab gets a turn; the shown one first and longest. */
unsigned
app_pump_loaders(struct app *a)
{
	struct tab *cur = tabs_current(&a->tabs);
	unsigned dirty = 0;

	if (cur->ld != NULL)
		dirty |= pump_loader(a, cur, a->load_slice_ms);
	for (size_t i = 0; i < a->tabs.n; i++)
		if (a->tabs.v[i] != cur && a->tabs.v[i]->ld != NULL)
			dirty |= pump_loader(a, a->tabs.v[i],
			    a->load_slice_ms / 4);
	return dirty;
}

bool
app_loading(const struct app *a)
{
	for (size_t i = 0; i < a->tabs.n; i++)
		if (a->tabs.v[i]->ld != NULL)
			return true;
	return false;
}

/* Every tab's stream; a refused one ends the view when it is the only
 * document, else it is reported and left as it is. */
static unsigned
pump_feeds(struct app *a, bool *refused)
{
	unsigned dirty = 0;

	for (size_t i = 0; i < a->tabs.n; i++) {
		struct tab *t = a->tabs.v[i];
		bool bad = false;

		if (t->feed == NULL || feed_error(t->feed) != NULL)
			continue;
		dirty |= pump_feed(a, t, &bad);
		if (bad && a->tabs.n == 1) {
			*refused = true;
			return 0;
		}
		if (bad) {
			char *name = tab_name(t);

			app_error(a, "%s: %s", name, feed_error(t->feed));
			free(name);
			snprintf(t->progress, sizeof t->progress, "refused");
			dirty |= DIRTY_STATUS;
		}
	}
	return dirty;
}

/* True while a stream may still bring text. */
static bool
feeds_busy(const struct app *a)
{
	for (size_t i = 0; i < a->tabs.n; i++) {
		const struct feed *f = a->tabs.v[i]->feed;

		if (f != NULL && !feed_done(f) && feed_error(f) == NULL)
			return true;
	}
	return false;
}

/* Without a usable view a stream is read to its end, then printed. */
static void
feed_drain(struct app *a, struct tab *t)
{
	bool refused = false;

	while (!feed_done(t->feed) && !refused) {
		pump_feed(a, t, &refused);
		if (!feed_done(t->feed))
			poll(NULL, 0, 20);
	}
	if (refused)
		out_error("%s", feed_error(t->feed));
}

/* Returns the exit status: 1 when a stream was refused. */
static int
fallback_dump(struct app *a, const char *why)
{
	int w = a->args->dump_width > 0 ? a->args->dump_width : output_columns();
	int rc = 0;

	out_error("%s; printing the text instead", why);
	for (size_t i = 0; i < a->tabs.n; i++) {
		struct tab *t = a->tabs.v[i];

		while (t->ld != NULL)
			pump_loader(a, t, 1e9);
		if (t->feed != NULL) {
			feed_drain(a, t);
			if (feed_error(t->feed) != NULL) {
				rc = 1;
				continue;
			}
		}
		/* Several documents: a header each, as head(1) does. */
		if (a->tabs.n > 1)
			out_printf(out_stdout(), "%s==> %s <==\n", i > 0 ?
			    "\n" : "", t->path != NULL ? t->path : "-");
		dump_layout(t->d, w, a->cfg.para_gap, out_stdout());
	}
	out_flush(out_stdout());
	return rc;
}

/* "/long/path/config:10: reason" -> "config line 10: reason; see yuedu
 * --print-config": the status line is narrow, so the line number and the
 * reason come first and the pointer to the full list last. */
static void
config_error(struct app *a)
{
	const char *m = a->cfg.msgs[0], *colon = strstr(m, ": "), *num;
	char more[32] = "";

	if (a->cfg.nmsgs > 1)
		snprintf(more, sizeof more, " (+%zu more)", a->cfg.nmsgs - 1);
	for (num = colon; num != NULL && num > m && num[-1] != ':'; num--)
		;
	if (colon == NULL || num == NULL || num == m || num == colon ||
	    strspn(num, "0123456789") != (size_t)(colon - num)) {
		app_error(a, "config: %s%s; see yuedu --print-config", m, more);
		return;
	}
	app_error(a, "config line %.*s: %s%s; see yuedu --print-config",
	    (int)(colon - num), num, colon + 2, more);
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the blocking read must come back to the loop. */
	for (size_t i = 0; i < nitems(exit_sigs); i++)
		sigaction(exit_sigs[i], &sa, &exit_old[i]);
}

/* After the view: what the process had before (a --dump fallback then
 * dies of SIGPIPE as main's printers do). */
static void
restore_signals(void)
{
	alarm(0);
	for (size_t i = 0; i < nitems(exit_sigs); i++)
		sigaction(exit_sigs[i], &exit_old[i], NULL);
}

void
app_init(struct app *a, struct app_input *in, size_t n,
    const struct app_args *args)
{
	struct layout_opts lo;

	memset(a, 0, sizeof *a);
	a->args = args;
	a->focus = KM_READER;
	a->last_node = OUTLINE_NONE - 1;
	a->load_slice_ms = APP_LOAD_SLICE_MS;
	load_config(a);
	tabs_init(&a->tabs);
	lo = layout_opts(a);
	for (size_t i = 0; i < n; i++) {
		struct doc *d = in[i].d;
		struct tab *t;

		/* A stream starts empty and grows. */
		if (in[i].feed != NULL) {
			static const struct load_opts none = { NULL, -1, 0, 0 };

			d = load_bytes(in[i].path, "", 0, &none);
		}
		if (in[i].ld != NULL)
			d = loader_doc(in[i].ld);
		t = tabs_add(&a->tabs, d, in[i].feed, in[i].path, &lo);
		if ((t->ld = in[i].ld) != NULL)
			t->r->loaded = loader_shown_fraction(t->ld);
	}
	app_switch_tab(a);
	a->sidebar_on = a->cfg.sidebar;
	a->sidebar_width = a->cfg.sidebar_width;
	a->mouse = a->cfg.mouse;
}

void
app_fini(struct app *a)
{
	for (size_t i = 0; i < a->help_n; i++)
		free(a->help_lines[i]);
	free(a->help_lines);
	tabs_free(&a->tabs);
	free(a->note);
	screen_free(&a->screen);
	config_free(&a->cfg);
}

int
app_run(struct app_input *in, size_t n, const struct app_args *args)
{
	struct app a;
	const char *why;
	char *note = NULL;
	unsigned dirty, fold_gen;
	int rc = 0;
	bool refused = false, idle = true;

	app_init(&a, in, n, args);
	a.note = locale_note();
	if ((why = view_check_terminal()) != NULL) {
		rc = fallback_dump(&a, why);
		app_fini(&a);
		return rc;
	}
	install_signals();
	if (view_open(a.mouse, &note, &why) != 0) {
		restore_signals();
		rc = fallback_dump(&a, why);
		app_fini(&a);
		return rc;
	}
	fatal_set_hook(view_close);
	apply_styles(&a);
	if (note != NULL) {
		/* Before the locale's note: the status line may cut it. */
		if (a.note != NULL) {
			char *both = xasprintf("%s; %s", note, a.note);

			free(a.note);
			a.note = both;
			free(note);
		} else
			a.note = note;
	}
	if (a.cfg.nmsgs > 0)
		config_error(&a);
	else if (n > 0 && in[0].note != NULL)
		app_error(&a, "%s", in[0].note);

	dirty = DIRTY_ALL;
	fold_gen = a.r->fold_gen;
	while (!a.quit && !got_signal) {
		uint32_t key, cur;

		dirty |= pump_feeds(&a, &refused);
		if (refused)
			break;
		if (dirty & DIRTY_GEOMETRY) {
			view_size(&a.rows, &a.cols);
			app_geometry(&a);
		}
		if (dirty & DIRTY_CLEAR)
			apply_styles(&a);
		/* Any fold change (a jump that opens a section too) shows in
		 * the sidebar. */
		if ((dirty & DIRTY_FOLDS) || a.r->fold_gen != fold_gen) {
			fold_gen = a.r->fold_gen;
			sidebar_rebuild(a.sb);
			dirty |= DIRTY_SIDEBAR | DIRTY_STATUS;
		}
		/* The sidebar follows the reading position. */
		if (!a.too_small &&
		    (cur = reader_current_node(a.r)) != a.last_node) {
			a.last_node = cur;
			sidebar_follow(a.sb);
			dirty |= DIRTY_SIDEBAR | DIRTY_STATUS;
		}
		if (dirty != 0) {
			draw_app(&a, &a.screen, dirty);
			view_draw(&a.screen, (dirty & DIRTY_CLEAR) != 0);
		}
		dirty = 0;
		/* A file loads after the screen is drawn, so the first
		 * screen never waits for a slice of loading, and only when
		 * no key came last time round: keys typed together ("50%")
		 * are all read before the next slice. */
		if (app_loading(&a) && idle)
			dirty |= app_pump_loaders(&a);
		/* While a stream arrives, look at it 20 times a second;
		 * what loading changed is drawn before any wait. */
		key = view_getkey(app_loading(&a) || dirty != 0 ? 0 :
		    feeds_busy(&a) ? 50 : 500);
		if (got_signal)
			break;
		if (key == YK_ERROR) {
			rc = 1;
			break;
		}
		idle = key == YK_NONE;
		if (key == YK_NONE)
			continue;
		if (key == YK_RESIZE) {
			if (view_size_capped())
				app_msg(&a, "terminal over %dx%d: using its "
				    "top-left corner", VIEW_MAX_ROWS,
				    VIEW_MAX_COLS);
			dirty |= DIRTY_ALL | DIRTY_GEOMETRY;
			continue;
		}
		if (key == YK_CLICK)
			view_click(&a.click_y, &a.click_x);
		dirty |= (unsigned)app_key(&a, key);
		if (dirty & DIRTY_SIDEBAR)
			dirty |= DIRTY_STATUS;
	}
	alarm(0);
	view_close();
	fatal_set_hook(NULL);
	restore_signals();
	/* Why a text stops early, once the screen is back. */
	for (size_t i = 0; i < a.tabs.n; i++)
		if (a.tabs.v[i]->note != NULL)
			out_error("%s", a.tabs.v[i]->note);
	if (got_signal)
		rc = 128 + got_signal;
	else if (refused) {
		out_error("%s", feed_error(a.tabs.v[0]->feed));
		rc = 1;
	}
	app_fini(&a);
	return rc;
}

int
app_print_config(const struct app_args *args, struct out *out)
{
	struct app a;

	memset(&a, 0, sizeof a);
	a.args = args;
	load_config(&a);
	config_print(&a.cfg, out);
	for (size_t i = 0; i < a.cfg.nmsgs; i++)
		out_error("%s", a.cfg.msgs[i]);
	config_free(&a.cfg);
	return 0;
}
