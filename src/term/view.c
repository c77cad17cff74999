/* view.c - the only file that includes curses.
 *
 * Life cycle (security.md R9): newterm() on stdout with keys from stdin,
 * or from /dev/tty when stdin is a pipe; never initscr(), which exits on
 * an unknown TERM.  The terminfo entry is checked for cursor addressing
 * first, so TERM=dumb gets the --dump text instead of a broken screen.
 *
 * Drawing: everything goes to stdscr and reaches the terminal through one
 * wnoutrefresh() + doupdate() per key, so ncurses' own diff and its
 * scroll detection (idlok) decide the bytes: a one-line scroll is a
 * scroll, not a repaint.
 *
 * One way to the screen: every string reaches curses through put(), which
 * sanitises it (document text, file names, titles, messages, help lines
 * with the config's binding arguments alike) and then term_add(), the
 * only function that hands characters to curses (tests/lint.sh checks).
 *
 * Terminals that are not UTF-8: ncursesw runs in the terminal's own
 * locale (output_term_locale(): GB18030, Big5, Latin-1, or plain C) for
 * every call that measures, writes or reads, so it emits that charset's
 * bytes; term_add() first replaces each character the charset lacks, or
 * that the locale measures differently from the layout, by '?' per
 * column, and never lets through a single byte that the charset reads as
 * a C1 control.  yuedu's own width tables stay in a UTF-8 locale. */
#include "view.h"
#include "layout.h"

#include <curses.h>
#include <term.h>
/* term.h names every capability as a macro; these collide. */
#undef tab
#undef lines
#undef columns

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "appstate.h"
#include "outline.h"
#include "output.h"
#include "sanitize.h"
#include "utf8.h"

/* ncursesw in the terminal's locale (see the top of the file). */
static locale_t term_loc;
#define TERM_ENTER() \
	locale_t term_saved_ = term_loc != (locale_t)0 ? \
	    uselocale(term_loc) : (locale_t)0
#define TERM_LEAVE() do {						\
	if (term_saved_ != (locale_t)0)					\
		uselocale(term_saved_);					\
} while (0)

static SCREEN *scr;
static FILE *tty_in;
static int ncolors;
static int err_run;		/* ERRs in a row that did not wait */
static attr_t sty_attr[STY__COUNT];

/* The way back from a crash: a signal handler may not call curses or
 * stdio, so the modes and the bytes endwin() would send are made ready
 * at view_open(). */
static struct termios crash_tio;
static bool crash_have_tio;
static char crash_seq[256];
static size_t crash_len;
static volatile sig_atomic_t crash_armed;
static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
static struct sigaction crash_old[nitems(crash_sigs)];
static bool crash_installed;
static char crash_stack[65536];	/* the handler must run on a blown stack */
static bool crash_own_stack;

const char *
view_check_terminal(void)
{
	static char why[160];
	const char *term = getenv("TERM");
	const char *cup;
	int err = 0;

	if (term == NULL || term[0] == '\0')
		return "TERM is not set";
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		snprintf(why, sizeof why, "unknown terminal type '%.64s'",
		    term);
		return why;
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0 ||
	    tigetflag("gn") > 0) {
		del_curterm(cur_term);
		snprintf(why, sizeof why, "terminal '%.64s' cannot move the "
		    "cursor", term);
		return why;
	}
	del_curterm(cur_term);
	return NULL;
}

static attr_t
to_attr(const struct style *st, short pair)
{
	attr_t a = A_NORMAL;

	if (st->attrs & SA_BOLD)
		a |= A_BOLD;
	if (st->attrs & SA_DIM)
		a |= A_DIM;
	if (st->attrs & SA_UNDERLINE)
		a |= A_UNDERLINE;
	if (st->attrs & SA_REVERSE)
		a |= A_REVERSE;
	if (st->attrs & SA_ITALIC)
		a |= A_ITALIC;
	if (st->attrs & SA_STANDOUT)
		a |= A_STANDOUT;
	if (pair > 0)
		a |= COLOR_PAIR(pair);
	return a;
}

static void
styles_init(const struct app *a)
{
	for (int i = 0; i < STY__COUNT; i++) {
		struct style st = config_style(&a->cfg, (enum style_id)i,
		    ncolors);
		short pair = 0;

		if (ncolors > 0 && (st.fg != SC_DEFAULT || st.bg != SC_DEFAULT) &&
		    i + 1 < COLOR_PAIRS) {
			pair = (short)(i + 1);
			init_pair(pair, st.fg, st.bg);
		}
		sty_attr[i] = to_attr(&st, pair);
	}
}

void
view_mouse(bool on)
{
	if (scr == NULL)
		return;
	if (on) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
	} else
		mousemask(0, NULL);
}

int
view_colors(void)
{
	return ncolors;
}

enum view_dim
view_dim_check(const char *val, int max)
{
	long v = 0;

	if (val == NULL || val[0] == '\0')
		return VIEW_DIM_UNSET;
	for (const char *p = val; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return VIEW_DIM_BAD;
		if (v <= max)
			v = v * 10 + (*p - '0');
	}
	if (v == 0)
		return VIEW_DIM_BAD;
	return v > max ? VIEW_DIM_TOO_BIG : VIEW_DIM_OK;
}

/* Drops a $LINES or $COLUMNS that is garbage or too big, so that newterm()
 * uses the real size; appends what it did to *note. */
static void
cap_env(const char *name, int max, struct buf *note)
{
	enum view_dim k = view_dim_check(getenv(name), max);

	if (k != VIEW_DIM_TOO_BIG && k != VIEW_DIM_BAD)
		return;
	unsetenv(name);
	/* The value itself is not shown: it could be anything. */
	if (k == VIEW_DIM_BAD)
		buf_printf(note, "%s%s not a number",
		    note->len > 0 ? ", " : "ignored ", name);
	else
		buf_printf(note, "%s%s over %d",
		    note->len > 0 ? ", " : "ignored ", name, max);
}

/* A real terminal bigger than the limit is used in its top-left corner;
 * returns whether it was. */
static bool
cap_size(void)
{
	if (LINES <= VIEW_MAX_ROWS && COLS <= VIEW_MAX_COLS)
		return false;
	resizeterm(MIN(LINES, VIEW_MAX_ROWS), MIN(COLS, VIEW_MAX_COLS));
	return true;
}

/* Appends terminfo string cap, without its padding ($<5>): written raw,
 * not through tputs(). */
static void
crash_add(const char *cap)
{
	char tmp[sizeof crash_seq];
	const char *s = cap;
	size_t n = 0;

	if (s == NULL || s == (char *)-1)
		return;
	while (*s != '\0' && n < sizeof tmp) {
		if (s[0] == '$' && s[1] == '<' && strchr(s, '>') != NULL) {
			s = strchr(s, '>') + 1;
			continue;
		}
		tmp[n++] = *s++;
	}
	if (*s != '\0' || crash_len + n >= sizeof crash_seq)
		return;
	memcpy(crash_seq + crash_len, tmp, n);
	crash_len += n;
}

/* What endwin() would send: attributes and colours off, mouse reports
 * off, keypad off, cursor back, normal screen (last, so that it is the
 * end on terminals that keep one attribute state for both screens). */
static void
crash_prepare(void)
{
	const char *km = tigetstr("kmous"), *xm = tigetstr("XM");

	crash_len = 0;
	/* CAN ends an escape sequence the crash cut in half. */
	crash_seq[crash_len++] = '\030';
	crash_add(tigetstr("sgr0"));
	crash_add(tigetstr("op"));
	if (km != NULL && km != (char *)-1) {
		/* ncurses' own defaults when the entry has no XM. */
		if (xm == NULL || xm == (char *)-1)
			xm = strncmp(km, "\033[<", 3) == 0 ?
			    "\033[?1006;1000%?%p1%{1}%=%th%el%;" :
			    "\033[?1000%?%p1%{1}%=%th%el%;";
		crash_add(tiparm(xm, 0));
	}
	crash_add(tigetstr("rmkx"));
	crash_add(tigetstr("cnorm"));
	crash_add(tigetstr("rmcup"));
}

void
view_emergency_restore(void)
{
	size_t off = 0;
	ssize_t r;

	if (!crash_armed)
		return;
	crash_armed = 0;
	if (crash_have_tio)
		tcsetattr(STDOUT_FILENO, TCSANOW, &crash_tio);
	/* The one write() to stdout outside output.c: from a signal handler,
	 * where stdio and curses are off limits, and only our own terminfo
	 * bytes, never text. */
	while (off < crash_len) {
		r = write(STDOUT_FILENO, crash_seq + off, /* lint: raw write */
		    crash_len - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		off += (size_t)r;
	}
}

static void
on_crash(int sig, siginfo_t *si, void *ctx)
{
	const struct sigaction *old = NULL;
	int e = errno;

	for (size_t i = 0; i < nitems(crash_sigs); i++)
		if (crash_sigs[i] == sig)
			old = &crash_old[i];
	if (old == NULL)
		return;
	/* Ignored before us and sent by kill(): still ignored.  A real fault
	 * cannot be ignored; the kernel kills on the retry. */
	if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_IGN &&
	    si != NULL && si->si_code <= 0)
		return;
	view_emergency_restore();
	/* A sanitizer's handler (ASan's SEGV) reports and ends the process
	 * itself: chain to it, on the restored screen. */
	if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction != NULL) {
		old->sa_sigaction(sig, si, ctx);
		errno = e;
		return;
	}
	if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
		errno = e;
		return;
	}
	/* The default action, so the process still dies by sig (and dumps
	 * core): pending until we return, or raised again by the retried
	 * instruction. */
	sigaction(sig, old, NULL);
	raise(sig);
	errno = e;
}

static void
crash_install(void)
{
	struct sigaction sa;
	stack_t ss;

	/* ASan brings its own alternate stack; otherwise a stack overflow
	 * would leave no stack to restore the terminal on. */
	if (sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE)) {
		ss.ss_sp = crash_stack;
		ss.ss_size = sizeof crash_stack;
		ss.ss_flags = 0;
		crash_own_stack = sigaltstack(&ss, NULL) == 0;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_crash;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	for (size_t i = 0; i < nitems(crash_sigs); i++)
		sigaction(crash_sigs[i], &sa, &crash_old[i]);
	crash_installed = true;
}

static void
crash_remove(void)
{
	stack_t ss;

	crash_armed = 0;
	if (!crash_installed)
		return;
	for (size_t i = 0; i < nitems(crash_sigs); i++)
		sigaction(crash_sigs[i], &crash_old[i], NULL);
	crash_installed = false;
	if (crash_own_stack) {
		memset(&ss, 0, sizeof ss);
		ss.ss_flags = SS_DISABLE;
		sigaltstack(&ss, NULL);
		crash_own_stack = false;
	}
}

int
view_open(struct app *a, const char **why)
{
	FILE *in = stdin;
	struct buf note;
	char *both;

	if (!isatty(STDIN_FILENO)) {
		/* curl ... | yuedu: the text came on stdin, keys come from
		 * the terminal. */
		if ((tty_in = fopen("/dev/tty", "r")) == NULL) {
			*why = "no terminal to read keys from (/dev/tty)";
			return -1;
		}
		in = tty_in;
	}
	buf_init(&note);
	cap_env("LINES", VIEW_MAX_ROWS, &note);
	cap_env("COLUMNS", VIEW_MAX_COLS, &note);
	crash_have_tio = tcgetattr(STDOUT_FILENO, &crash_tio) == 0;
	term_loc = output_term_locale();
	{
		TERM_ENTER();
		scr = newterm(NULL, stdout, in);
		TERM_LEAVE();
	}
	if (scr == NULL) {
		if (tty_in != NULL)
			fclose(tty_in);
		tty_in = NULL;
		buf_free(&note);
		*why = "cannot start the terminal";
		return -1;
	}
	set_term(scr);
	if (cap_size())
		buf_printf(&note, "%sterminal over %dx%d: using its top-left "
		    "corner", note.len > 0 ? "; " : "", VIEW_MAX_ROWS,
		    VIEW_MAX_COLS);
	if (note.len > 0) {
		/* Before the locale's note: the status line may cut it. */
		if (a->note != NULL) {
			both = xasprintf("%s; %s", note.data, a->note);
			free(a->note);
			a->note = both;
			buf_free(&note);
		} else
			a->note = buf_detach(&note, NULL);
	}
	raw();			/* Ctrl-Z, Ctrl-C, Ctrl-O, Ctrl-V reach us */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	idlok(stdscr, TRUE);	/* scrolls become terminal scrolls */
	scrollok(stdscr, FALSE);
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		ncolors = COLORS >= 256 ? 256 : COLORS >= 8 ? 8 : 0;
	}
	styles_init(a);
	view_mouse(a->mouse);
	crash_prepare();
	crash_armed = 1;
	crash_install();
	return 0;
}

void
view_close(void)
{
	crash_remove();
	if (scr == NULL)
		return;
	TERM_ENTER();
	mousemask(0, NULL);
	endwin();
	delscreen(scr);
	TERM_LEAVE();
	scr = NULL;
	if (tty_in != NULL)
		fclose(tty_in);
	tty_in = NULL;
	fflush(stdout);
}

void
view_size(int *rows, int *cols)
{
	int y, x;

	getmaxyx(stdscr, y, x);
	*rows = y > 0 ? y : 0;
	*cols = x > 0 ? x : 0;
}

void
view_suspend(void)
{
	struct sigaction dfl, old;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	{
		TERM_ENTER();
		endwin();
		TERM_LEAVE();
	}
	fflush(stdout);
	/* The whole job stops, as with a shell's own Ctrl-Z. */
	kill(0, SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	clearok(curscr, TRUE);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t
function_key(struct app *a, wint_t k)
{
	static const struct {
		int curses;
		uint32_t yk;
	} keys[] = {
		{ KEY_UP, YK_UP }, { KEY_DOWN, YK_DOWN }, { KEY_LEFT, YK_LEFT },
		{ KEY_RIGHT, YK_RIGHT }, { KEY_PPAGE, YK_PGUP },
		{ KEY_NPAGE, YK_PGDN }, { KEY_HOME, YK_HOME },
		{ KEY_END, YK_END }, { KEY_IC, YK_INSERT },
		{ KEY_DC, YK_DELETE }, { KEY_BTAB, YK_BTAB },
		{ KEY_BACKSPACE, YK_BACKSPACE }, { KEY_ENTER, YK_ENTER },
		{ KEY_RESIZE, YK_RESIZE }, { KEY_A1, YK_HOME },
		{ KEY_C1, YK_END }, { KEY_A3, YK_PGUP }, { KEY_C3, YK_PGDN },
	};
	static const struct {
		const char *name;
		uint32_t yk;
	} ext[] = {
		{ "kLFT3", YK_ALT_LEFT }, { "kRIT3", YK_ALT_RIGHT },
		{ "kUP3", YK_ALT_UP }, { "kDN3", YK_ALT_DOWN },
		{ "kLFT5", YK_CTRL_LEFT }, { "kRIT5", YK_CTRL_RIGHT },
		{ "kUP5", YK_CTRL_UP }, { "kDN5", YK_CTRL_DOWN },
	};
	const char *name;

	for (size_t i = 0; i < nitems(keys); i++)
		if ((wint_t)keys[i].curses == k)
			return keys[i].yk;
	if (k >= (wint_t)KEY_F(1) && k <= (wint_t)KEY_F(12))
		return YK_F1 + (uint32_t)(k - KEY_F(1));
	if (k == KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			return YK_NONE;
		if (ev.bstate & BUTTON4_PRESSED)
			return YK_WHEEL_UP;
		if (ev.bstate & BUTTON5_PRESSED)
			return YK_WHEEL_DOWN;
		if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
			a->click_y = ev.y;
			a->click_x = ev.x;
			return YK_CLICK;
		}
		return YK_NONE;
	}
	/* Alt/Ctrl arrows have no fixed codes: ncurses names them. */
	if ((name = keyname((int)k)) != NULL)
		for (size_t i = 0; i < nitems(ext); i++)
			if (strcmp(name, ext[i].name) == 0)
				return ext[i].yk;
	return YK_NONE;
}

uint32_t
view_getkey(struct app *a, int timeout_ms)
{
	wint_t wch = 0;
	long t0 = now_ms();
	int r;

	wtimeout(stdscr, timeout_ms);
	errno = 0;
	{
		/* Keys arrive in the terminal's charset. */
		TERM_ENTER();
		r = wget_wch(stdscr, &wch);
		TERM_LEAVE();
	}
	if (r == ERR) {
		int e = errno;

		if (e == EINTR)
			return YK_NONE;
		if (e == EIO || e == ENXIO || e == EBADF)
			return YK_ERROR;
		/* A read that fails without waiting, again and again, is a
		 * terminal that went away (EOF): never spin. */
		if (now_ms() - t0 < timeout_ms / 2) {
			if (++err_run >= 20)
				return YK_ERROR;
		} else
			err_run = 0;
		return YK_NONE;
	}
	err_run = 0;
	if (r == KEY_CODE_YES && wch == KEY_RESIZE && cap_size())
		app_msg(a, "terminal over %dx%d: using its top-left corner",
		    VIEW_MAX_ROWS, VIEW_MAX_COLS);
	if (r == KEY_CODE_YES)
		return function_key(a, wch);
	if (wch == '\n' || wch == '\r')
		return YK_ENTER;
	if (wch == 0x7f || wch == 0x08)
		return YK_BACKSPACE;
	if ((uint32_t)wch >= YK_BASE)
		return YK_NONE;
	return (uint32_t)wch;
}

/* Bytes of s[0..n) that fit in cols columns; *used gets the columns. */
static size_t
fit(const char *s, size_t n, int cols, int *used)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t m = utf8_decode(s + i, n - i, &cp);
		int cw = cp == '\n' ? 0 : utf8_width(cp);

		if (w + cw > cols)
			break;
		w += cw;
		i += m;
	}
	if (used != NULL)
		*used = w;
	return i;
}

/* ASCII stand-ins for the view's own marks, for terminals without them. */
static wchar_t
ascii_mark(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		char c;
	} marks[] = {
		{ 0x2502, '|' }, { 0x2500, '-' }, { 0x203A, '>' },
		{ 0x25B8, '>' }, { 0x25BE, 'v' }, { 0x2026, '~' },
		{ 0x00B7, '.' }, { 0x201C, '"' }, { 0x201D, '"' },
		{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x2014, '-' },
	};

	for (size_t i = 0; i < nitems(marks); i++)
		if (marks[i].cp == cp)
			return (wchar_t)marks[i].c;
	return L'?';
}

/* Whether the terminal's locale can show cp in exactly w columns, and as
 * something other than a lone byte it would read as a C1 control.
 * Cached for the BMP: 0 unknown, 1 yes, 2 no. */
static bool
term_can_show(uint32_t cp, int w)
{
	static unsigned char cache[0x10000];
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t k;
	bool ok;

	if (cp < 0x10000 && cache[cp] != 0)
		return cache[cp] == 1;
	{
		TERM_ENTER();
		memset(&st, 0, sizeof st);
		k = wcrtomb(mb, (wchar_t)cp, &st);
		ok = k != (size_t)-1 && wcwidth((wchar_t)cp) == w &&
		    !(k == 1 && (unsigned char)mb[0] >= 0x80 &&
		    (unsigned char)mb[0] < 0xA0);
		TERM_LEAVE();
	}
	if (cp < 0x10000)
		cache[cp] = ok ? 1 : 2;
	return ok;
}

/* The one function that hands characters to curses: s[0..n) is sanitised
 * text that fits.  A UTF-8 terminal takes it as it is; any other gets
 * what its charset can show and '?' (or an ASCII stand-in) for the rest,
 * column for column. */
static void
term_add(int y, int x, const char *s, size_t n, attr_t attr)
{
	static wchar_t *ws;
	static size_t wcap;
	size_t i = 0, m = 0;

	attrset(attr);
	if (term_loc == (locale_t)0) {
		mvaddnstr(y, x, s, (int)n);
		attrset(A_NORMAL);
		return;
	}
	if (wcap < 2 * n + 1) {
		wcap = 2 * n + 1;
		ws = xreallocarray(ws, wcap, sizeof *ws);
	}
	while (i < n) {
		uint32_t cp;
		int w;

		i += utf8_decode(s + i, n - i, &cp);
		w = utf8_width(cp);
		if (cp < 0x80 || term_can_show(cp, w))
			ws[m++] = (wchar_t)cp;
		else if (w == 1)
			ws[m++] = ascii_mark(cp);
		else
			for (; w > 0; w--)
				ws[m++] = L'?';
	}
	{
		TERM_ENTER();
		mvaddnwstr(y, x, ws, (int)m);
		TERM_LEAVE();
	}
	attrset(A_NORMAL);
}

/* Draws s at (y, x) in at most cols columns; returns the columns used.
 * Everything on the screen comes through here and is sanitised here,
 * whatever its source. */
static int
put(int y, int x, const char *s, size_t n, int cols, attr_t attr)
{
	static struct buf clean, form;
	int used;
	size_t k;

	if (cols <= 0)
		return 0;
	/* Idempotent on the document's text, which is sanitised already;
	 * file names, messages and help lines may not be. */
	clean.len = 0;
	sanitize_append(&clean, s, n, 0, 8, NULL);
	/* Emoji sequences in the cell count layout planned for them. */
	form.len = 0;
	layout_draw_form(clean.data != NULL ? clean.data : "", clean.len,
	    &form);
	s = form.data != NULL ? form.data : "";
	n = form.len;
	k = fit(s, n, cols, &used);
	if (k == 0)
		return 0;
	term_add(y, x, s, k, attr);
	return used;
}

/* Same, with a '…' when s does not fit. */
static int
put_trunc(int y, int x, const char *s, size_t n, int cols, attr_t attr)
{
	int used;
	size_t k = fit(s, n, cols, &used);

	if (k == n)
		return put(y, x, s, n, cols, attr);
	if (cols < 1)
		return 0;
	k = fit(s, n, cols - 1, &used);
	put(y, x, s, k, cols - 1, attr);
	return used + put(y, x + used, "…", strlen("…"), 1, attr);
}

static void
blank(int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', cols);
	attrset(A_NORMAL);
}

static enum style_id
heading_style(const struct doc *d, uint32_t b)
{
	uint32_t n = outline_node_at_block(d, b);
	unsigned lv = n != OUTLINE_NONE ? d->nodes[n].level :
	    d->blocks[b].level;

	if (lv <= 1)
		return STY_H1;
	if (lv == 2)
		return STY_H2;
	if (lv == 3)
		return STY_H3;
	return STY_H4;
}

static enum style_id
block_style(const struct doc *d, uint32_t b)
{
	const struct block *bk = &d->blocks[b];

	switch (bk->type) {
	case BLOCK_HEADING:
		return bk->flags & BLOCK_F_RUNIN ? STY_TEXT :
		    heading_style(d, b);
	case BLOCK_META:
		return bk->meta == META_TITLE ? STY_TITLE : STY_META;
	case BLOCK_QUOTE:
		return STY_QUOTE;
	case BLOCK_PRE:
		return STY_CODE;
	case BLOCK_RULE:
		return STY_RULE;
	default:
		return bk->flags & BLOCK_F_LINK ? STY_RELATED : STY_TEXT;
	}
}

static const enum style_id span_styles[STYLE__COUNT] = {
	[STYLE_NONE] = STY_TEXT, [STYLE_STRONG] = STY_STRONG,
	[STYLE_EM] = STY_EM, [STYLE_CODE] = STY_CODE,
	[STYLE_LINK] = STY_LINK, [STYLE_STRIKE] = STY_STRIKE,
	[STYLE_HEADING_TITLE] = STY_RUNIN, [STYLE_CONTROL] = STY_CONTROL,
};

/* Attributes at byte off of block b: the block's style plus every span
 * (and a run-in title) covering off.  *next gets where that may change. */
static attr_t
attr_at(const struct doc *d, uint32_t b, uint32_t off, uint32_t end,
    uint32_t *next)
{
	const struct block *bk = &d->blocks[b];
	attr_t at = sty_attr[block_style(d, b)];
	uint32_t nx = end;

	if (bk->type == BLOCK_HEADING && (bk->flags & BLOCK_F_RUNIN)) {
		uint32_t te = bk->title_off + bk->title_len;

		if (off < te) {
			at |= sty_attr[STY_RUNIN];
			nx = MIN(nx, te);
		}
	}
	for (uint32_t i = 0; i < bk->span_count; i++) {
		const struct span *sp = &d->spans[bk->span_first + i];
		uint32_t se = sp->off + sp->len;

		if (sp->off > off) {
			nx = MIN(nx, sp->off);
			break;	/* spans are sorted by offset */
		}
		if (se > off) {
			attr_t sa = sty_attr[sp->style < STYLE__COUNT ?
			    span_styles[sp->style] : STY_TEXT];

			/* A span's colour replaces the block's. */
			if (sa & A_COLOR)
				at &= ~A_COLOR;
			at |= sa;
			nx = MIN(nx, se);
		}
	}
	*next = nx > off ? nx : end;
	return at;
}

static void
draw_text_row(struct app *a, int y, const struct rrow *rw)
{
	const struct doc *d = a->d;
	const struct block *bk = &d->blocks[rw->block];
	const char *t = doc_block_text(d, rw->block);
	int x = a->text_x + rw->row.indent, room = a->text_w - rw->row.indent;
	uint32_t off = rw->row.start, end = rw->row.vis_end;

	if (bk->type == BLOCK_RULE) {
		int w = MIN(a->text_w, 40);

		attrset(sty_attr[STY_RULE]);
		mvhline(y, a->text_x + (a->text_w - w) / 2, ACS_HLINE, w);
		attrset(A_NORMAL);
		return;
	}
	if (end > bk->text_len)
		end = bk->text_len;
	while (off < end && room > 0) {
		uint32_t next;
		attr_t at = attr_at(d, rw->block, off, end, &next);
		int used = put(y, x, t + off, next - off, room, at);

		x += used;
		room -= used;
		off = next;
	}
}

static void
draw_fold_row(struct app *a, int y, const struct rrow *rw)
{
	const struct doc *d = a->d;
	const struct outline_node *nd = &d->nodes[rw->node];
	struct buf all;
	const char *h;
	size_t hl, split;
	attr_t at = sty_attr[heading_style(d, nd->block)] | A_BOLD;
	int used, cw;

	buf_init(&all);
	reader_fold_text(a->r, rw->node, &all);
	reader_heading_text(d, nd->block, &h, &hl);
	/* "▸ " + heading, then the counts in their own style. */
	split = all.len;
	for (size_t i = all.len; i >= 3; i--)
		if (memcmp(all.data + i - 3, "  (", 3) == 0) {
			split = i - 3;
			break;
		}
	cw = (int)utf8_str_width(all.data + split, all.len - split);
	if (cw >= a->text_w)
		cw = 0;
	used = put_trunc(y, a->text_x, all.data, split, a->text_w - cw, at);
	if (cw > 0)
		put(y, a->text_x + used, all.data + split, all.len - split, cw,
		    sty_attr[STY_FOLD_COUNT]);
	buf_free(&all);
}

static void
draw_body(struct app *a)
{
	struct reader_iter it;
	struct rrow rw;
	int y = 0;

	reader_iter_top(a->r, &it);
	for (y = 0; y < a->body_h; y++) {
		blank(y, a->body_x, a->body_w, A_NORMAL);
		if (!reader_iter_next(a->r, &it, &rw)) {
			/* Below the end, as in less: the end is visible. */
			if (a->d->nblocks > 0)
				put(y, a->text_x, "~", 1, a->text_w,
				    sty_attr[STY_META]);
			continue;
		}
		if (rw.kind == RROW_TEXT)
			draw_text_row(a, y, &rw);
		else if (rw.kind == RROW_FOLD)
			draw_fold_row(a, y, &rw);
	}
	if (a->d->nblocks == 0)
		put(0, a->text_x, "(empty)", 7, a->text_w,
		    sty_attr[STY_META]);
}

static void
heading_line(const struct doc *d, uint32_t n, const char **s, size_t *len)
{
	reader_heading_text(d, d->nodes[n].block, s, len);
	for (size_t i = 0; i < *len; i++)
		if ((*s)[i] == '\n') {
			*len = i;
			break;
		}
}

static void
draw_sidebar(struct app *a)
{
	const struct doc *d = a->sb->d;
	struct sidebar *sb = a->sb;
	uint32_t cur = sidebar_current(sb);
	int x = a->sb_x, w = a->sb_w, used;
	char hdr[SIDEBAR_FILTER_MAX + 64];
	bool focus = a->focus == KM_SIDEBAR;

	for (int y = 0; y < a->body_h; y++) {
		blank(y, x, w, sty_attr[STY_SIDEBAR]);
		put(y, a->sep_x, "│", strlen("│"), 1, sty_attr[STY_BORDER]);
	}
	/* Tab row: the tab names, then the filter. */
	used = 1;
	for (int t = 0; t < SIDEBAR__NTABS; t++) {
		const char *name = sidebar_tab_name(t);

		used += put(0, x + used, name, strlen(name), w - used,
		    t == sb->tab ? sty_attr[STY_SIDEBAR_TAB] :
		    sty_attr[STY_SIDEBAR]);
		used += 1;
	}
	if (sb->flen > 0 || sb->editing) {
		snprintf(hdr, sizeof hdr, "/%s%s %u", sb->filter,
		    sb->editing ? "▏" : "", (unsigned)sb->nrows);
		put_trunc(0, x + used, hdr, strlen(hdr), w - used - 1,
		    sty_attr[STY_PROMPT]);
	} else if (d->nnodes == 0)
		put(1, x + 1, "(no headings)", 13, w - 1,
		    sty_attr[STY_SIDEBAR_MARKER]);
	for (int y = 1; y < a->body_h; y++) {
		int row = sidebar_row_at(sb, y - 1), ind;
		uint32_t n;
		const char *s, *mark;
		size_t len;
		attr_t at;
		enum fold_state fs;

		if (row < 0)
			break;
		n = sb->rows[row];
		ind = sb->flen > 0 ? 0 :
		    MIN((int)(d->nodes[n].level - 1) * 2, w / 3);
		fs = reader_fold_state(a->r, n);
		if (d->nodes[n].first_child == OUTLINE_NONE &&
		    d->nodes[n].paras == 0)
			mark = " ";
		else
			mark = fs == FOLD_CLOSED ? "▸" : fs == FOLD_BODY ?
			    "▹" : "▾";
		at = n == cur ? sty_attr[STY_SIDEBAR_CURRENT] :
		    sty_attr[STY_SIDEBAR];
		if (focus && (uint32_t)row == sb->sel) {
			at = sty_attr[STY_SIDEBAR_SELECTED] |
			    (n == cur ? A_BOLD : 0);
			blank(y, x, w, at);
		}
		put(y, x + 1 + ind, mark, strlen(mark), w - 1 - ind,
		    (focus && (uint32_t)row == sb->sel) ? at :
		    sty_attr[STY_SIDEBAR_MARKER]);
		heading_line(d, n, &s, &len);
		put_trunc(y, x + 3 + ind, s, len, w - 3 - ind - 1, at);
	}
}

/* One piece of the status line. */
struct piece {
	const char *s;
	size_t n;
	attr_t at;
};

static int
pieces_width(const struct piece *p, int np)
{
	int w = 0;

	for (int i = 0; i < np; i++)
		w += (int)utf8_str_width(p[i].s, p[i].n);
	return w;
}

/* The label of a heading and an ellipsis ("一、…"), or its first
 * characters when it has no label. */
static size_t
short_form(const struct doc *d, uint32_t n, char *out, size_t size)
{
	const struct block *bk = &d->blocks[d->nodes[n].block];
	const char *s;
	size_t len, k;

	heading_line(d, n, &s, &len);
	if (bk->label_len > 0 && bk->label_len < len)
		k = bk->label_len;
	else
		k = fit(s, len, 6, NULL);
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k + 4 > size)
		k = 0;
	memcpy(out, s, k);
	memcpy(out + k, "…", strlen("…") + 1);
	return k + strlen("…");
}

static void
draw_status(struct app *a)
{
	const struct doc *d = a->d;
	int y = a->rows - 1, cols = a->cols, rw, x;
	char right[128], pend[64] = "", shorts[16][64];
	uint32_t path[16];
	size_t np = reader_path(a->r, path, 16);
	struct piece pc[40];
	int npc = 0, avail;
	const char *title = d->title != NULL ? d->title :
	    d->name != NULL ? d->name : "(stdin)";
	static const char sep[] = " › ";

	blank(y, 0, cols, sty_attr[STY_STATUS]);
	if (a->prompting) {
		int used;

		blank(y, 0, cols, sty_attr[STY_PROMPT]);
		used = put(y, 0, ":", 1, cols, sty_attr[STY_PROMPT]);
		/* Show the end of a long line. */
		{
			const char *s = a->prompt;
			size_t n = a->plen;

			while (n > 0 && (int)utf8_str_width(s, n) > cols - 2) {
				size_t m;
				uint32_t cp;

				m = utf8_decode(s, n, &cp);
				s += m;
				n -= m;
			}
			used += put(y, used, s, n, cols - used - 1,
			    sty_attr[STY_PROMPT]);
		}
		put(y, used, " ", 1, 1, sty_attr[STY_PROMPT] | A_REVERSE);
		return;
	}
	/* Right side: pending keys, percent, encoding and format. */
	if (a->has_count)
		snprintf(pend, sizeof pend, "%ld", a->count);
	if (a->npending > 0 || a->await != NULL) {
		char seq[48];

		keymap_seq_name(a->pending, a->npending, seq, sizeof seq);
		snprintf(pend + strlen(pend), sizeof pend - strlen(pend), "%s%s",
		    a->await != NULL ? a->await->name : seq,
		    a->await != NULL ? " …" : "");
	}
	if (a->help)
		snprintf(right, sizeof right, " %s  %d/%zu  q: close ", pend,
		    a->help_top + 1, a->help_n);
	else
		snprintf(right, sizeof right, " %s%s%s%s%s%d%%  %s·%s ", pend,
		    pend[0] ? "  " : "", a->progress,
		    a->progress[0] ? "  " : "",
		    a->focus == KM_SIDEBAR ? "目录  " : "",
		    reader_percent(a->r), d->encoding ? d->encoding : "?",
		    doc_format_name(d->format));
	rw = (int)utf8_str_width(right, strlen(right));
	if (rw > cols)
		rw = cols;
	put(y, cols - rw, right, strlen(right), rw, sty_attr[STY_STATUS_INFO]);
	avail = cols - rw - 1;
	if (avail <= 0)
		return;
	if (a->msg[0] != '\0' || a->note != NULL) {
		const char *m = a->msg[0] != '\0' ? a->msg : a->note;
		attr_t at = a->msg_error ? sty_attr[STY_ERROR] :
		    sty_attr[STY_MESSAGE];

		blank(y, 0, avail + 1, at);
		put_trunc(y, 1, m, strlen(m), avail - 1, at);
		return;
	}
	if (a->help) {
		put(y, 1, "yuedu help", 10, avail - 1, sty_attr[STY_STATUS]);
		return;
	}
	/* Left side: title › path, current section highlighted, shortened
	 * from the outside in until it fits. */
	for (int stage = 0; stage < 4; stage++) {
		npc = 0;
		if (stage == 0 || np == 0)
			pc[npc++] = (struct piece){ title, strlen(title),
			    sty_attr[STY_STATUS] };
		for (size_t i = 0; i < np; i++) {
			const char *s;
			size_t len;
			bool last = i + 1 == np;

			if (npc > 0)
				pc[npc++] = (struct piece){ sep, strlen(sep),
				    sty_attr[STY_STATUS_CRUMB] };
			if (!last && stage >= 2) {
				len = short_form(d, path[i], shorts[i],
				    sizeof shorts[i]);
				s = shorts[i];
			} else
				heading_line(d, path[i], &s, &len);
			pc[npc++] = (struct piece){ s, len, last ?
			    sty_attr[STY_STATUS_CURRENT] :
			    sty_attr[STY_STATUS_CRUMB] };
		}
		if (pieces_width(pc, npc) <= avail - 1 || stage == 3)
			break;
	}
	x = 1;
	for (int i = 0; i < npc && x < avail; i++) {
		int room = avail - x;

		if (i == npc - 1 || pieces_width(pc + i, 1) <= room)
			x += put_trunc(y, x, pc[i].s, pc[i].n, room, pc[i].at);
		else {
			x += put_trunc(y, x, pc[i].s, pc[i].n, room, pc[i].at);
			break;
		}
	}
}

static void
draw_help(struct app *a)
{
	int h = a->rows - 1, kw = 0;

	for (size_t i = 0; i < a->help_n; i++) {
		const char *tab = strchr(a->help_lines[i], '\t');

		if (a->help_lines[i][0] != '#' && tab != NULL)
			kw = MAX(kw, (int)utf8_str_width(a->help_lines[i],
			    (size_t)(tab - a->help_lines[i])));
	}
	kw = MIN(kw, a->cols / 3);
	for (int y = 0; y < h; y++) {
		size_t i = (size_t)a->help_top + (size_t)y;
		const char *s, *tab;

		blank(y, 0, a->cols, A_NORMAL);
		if (i >= a->help_n)
			continue;
		s = a->help_lines[i];
		if (s[0] == '#') {
			put_trunc(y, 1, s + 1, strlen(s + 1), a->cols - 2,
			    sty_attr[STY_HELP_HEAD]);
			continue;
		}
		if ((tab = strchr(s, '\t')) == NULL)
			continue;
		put_trunc(y, 2, s, (size_t)(tab - s), kw, sty_attr[STY_HELP_KEY]);
		put_trunc(y, 2 + kw + 2, tab + 1, strlen(tab + 1),
		    a->cols - kw - 5, A_NORMAL);
	}
}

static void
draw_too_small(struct app *a)
{
	static const char msg[] = "terminal too small";

	erase();
	if (a->rows >= 1 && a->cols >= 1)
		put(0, 0, msg, sizeof msg - 1, a->cols, A_BOLD);
}

void
view_draw(struct app *a, unsigned dirty)
{
	if (scr == NULL)
		return;
	if (dirty & DIRTY_CLEAR) {
		styles_init(a);
		clearok(curscr, TRUE);
	}
	if (a->too_small)
		draw_too_small(a);
	else if (a->help) {
		if (dirty & (DIRTY_BODY | DIRTY_SIDEBAR | DIRTY_CLEAR))
			draw_help(a);
		draw_status(a);
	} else {
		if (dirty & (DIRTY_BODY | DIRTY_CLEAR))
			draw_body(a);
		if (a->sidebar_shown &&
		    (dirty & (DIRTY_SIDEBAR | DIRTY_CLEAR | DIRTY_BODY)))
			draw_sidebar(a);
		if (dirty & (DIRTY_STATUS | DIRTY_CLEAR | DIRTY_BODY))
			draw_status(a);
	}
	{
		TERM_ENTER();
		wnoutrefresh(stdscr);
		doupdate();
		TERM_LEAVE();
	}
}
