/* view.c - the only file that includes curses.
 *
 * Life cycle (security.md R9): newterm() on stdout with keys from stdin,
 * or from /dev/tty when stdin is a pipe; never initscr(), which exits on
 * an unknown TERM.  The terminfo entry is checked for cursor addressing
 * first, so TERM=dumb gets the --dump text instead of a broken screen.
 *
 * Drawing: ui/draw.c lays the app onto a screen of cells (render/screen.h,
 * where screen_put() sanitises every string: document text, file names,
 * titles, messages, help lines with the config's binding arguments alike).
 * view_draw() writes the rows that changed, one term_add() per run of
 * cells that look the same; term_add() is the only function that hands
 * characters to curses (tests/lint.sh checks).  Everything goes to stdscr
 * and reaches the terminal through one wnoutrefresh() + doupdate() per
 * key, so ncurses' own diff and its scroll detection (idlok) decide the
 * bytes: a one-line scroll is a scroll, not a repaint.
 *
 * Terminals that are not UTF-8: ncursesw runs in the terminal's own
 * locale (output_term_locale(): GB18030, Big5, Latin-1, or plain C) for
 * every call that measures, writes or reads, so it emits that charset's
 * bytes; term_add() first replaces each character the charset lacks, or
 * that the locale measures differently from the layout, by '?' per
 * column, and never lets through a single byte that the charset reads as
 * a C1 control.  yuedu's own width tables stay in a UTF-8 locale. */
#include "view.h"

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



#include "output.h"

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
static int click_y, click_x;	/* the last mouse click */
static bool size_capped;	/* the last resize was over the limits */

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

void
view_set_styles(const struct style styles[STY__COUNT])
{
	if (scr == NULL)
		return;
	for (int i = 0; i < STY__COUNT; i++) {
		struct style st = styles[i];
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
view_open(bool mouse, char **note_out, const char **why)
{
	FILE *in = stdin;
	struct buf note;

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
	*note_out = note.len > 0 ? buf_detach(&note, NULL) : NULL;
	buf_free(&note);
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
	view_mouse(mouse);
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

static uint32_t
function_key(wint_t k)
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
			click_y = ev.y;
			click_x = ev.x;
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

void
view_click(int *y, int *x)
{
	*y = click_y;
	*x = click_x;
}

bool
view_size_capped(void)
{
	return size_capped;
}

uint32_t
view_getkey(int timeout_ms)
{
	wint_t wch = 0;
	double t0 = util_now_ms();
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
		if (util_now_ms() - t0 < timeout_ms / 2.0) {
			if (++err_run >= 20)
				return YK_ERROR;
		} else
			err_run = 0;
		return YK_NONE;
	}
	err_run = 0;
	if (r == KEY_CODE_YES && wch == KEY_RESIZE)
		size_capped = cap_size();
	if (r == KEY_CODE_YES)
		return function_key(wch);
	if (wch == '\n' || wch == '\r')
		return YK_ENTER;
	if (wch == 0x7f || wch == 0x08)
		return YK_BACKSPACE;
	if ((uint32_t)wch >= YK_BASE)
		return YK_NONE;
	return (uint32_t)wch;
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

/* The attributes of a cell: its element's style with its span's and its
 * decoration's laid over it (an overlay's colour replaces the one below). */
static attr_t
cell_attr(const struct cell *c)
{
	attr_t at = sty_attr[c->style < STY__COUNT ? c->style : STY_TEXT];
	uint8_t over[2] = { c->span, c->deco };

	for (int i = 0; i < 2; i++) {
		attr_t oa;

		if (over[i] >= STY__COUNT)
			continue;
		oa = sty_attr[over[i]];
		if (oa & A_COLOR)
			at &= ~A_COLOR;
		at |= oa;
	}
	return at;
}

void
view_draw(struct screen *S, bool clear)
{
	static struct buf run;

	if (scr == NULL)
		return;
	if (clear) {
		clearok(curscr, TRUE);
		screen_touch(S);
	}
	for (int y = 0; y < S->rows; y++) {
		struct screen_row *r = &S->r[y];
		int x = 0;

		if (!r->dirty)
			continue;
		r->dirty = false;
		/* One term_add() per run of cells that look the same. */
		while (x < S->cols) {
			attr_t at = cell_attr(&r->c[x]);
			int x0 = x;

			run.len = 0;
			while (x < S->cols && (r->c[x].width == 0 ||
			    cell_attr(&r->c[x]) == at)) {
				const struct cell *c = &r->c[x];

				if (c->width != 0)
					buf_put(&run, r->text.data + c->off,
					    c->len);
				x++;
			}
			if (run.len > 0)
				term_add(y, x0, run.data, run.len, at);
		}
	}
	{
		TERM_ENTER();
		wnoutrefresh(stdscr);
		doupdate();
		TERM_LEAVE();
	}
}
