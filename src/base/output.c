/* output.c - the one way to standard output and standard error (see
 * output.h).  Nothing else in yuedu calls a stdio printer. */
#include "output.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sanitize.h"
#include "utf8.h"

struct out {
	FILE *f;
	bool owned;		/* out_file(): freed by out_close() */
	int convert;		/* -1 unknown, 0 UTF-8 as is, 1 to term_cs */
	struct buf clean;	/* sanitised text */
	struct buf conv;	/* converted text */
};

static char term_cs[64] = "UTF-8";
static bool term_utf8 = true;
static iconv_t to_term = (iconv_t)-1;
static locale_t term_loc;		/* (locale_t)0 while term_utf8 */
static char loc_name[64] = "C";
static bool loc_missing;
static struct out std_out, std_err;

static bool
is_utf8_name(const char *cs)
{
	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 ||
	    strcmp(cs, "UTF8") == 0 || strcmp(cs, "utf-8") == 0;
}

/* The ASCII locale every C library has. */
static void
term_locale_c(void)
{
	if (term_loc != (locale_t)0)
		freelocale(term_loc);
	term_loc = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
}

int
output_set_charset(const char *name)
{
	iconv_t cd;

	if (name == NULL || *name == '\0' || strlen(name) >= sizeof term_cs)
		return -1;
	if (is_utf8_name(name)) {
		snprintf(term_cs, sizeof term_cs, "UTF-8");
		term_utf8 = true;
		return 0;
	}
	if (term_loc == (locale_t)0 || strcasecmp(name, term_cs) != 0) {
		/* No locale here is known to speak it: the view draws
		 * ASCII (output_init() puts the user's locale back when
		 * it is the one). */
		term_locale_c();
	}
	if ((cd = iconv_open(name, "UTF-8")) == (iconv_t)-1)
		return -1;
	if (to_term != (iconv_t)-1)
		iconv_close(to_term);
	to_term = cd;
	snprintf(term_cs, sizeof term_cs, "%s", name);
	term_utf8 = false;
	std_out.convert = std_err.convert = -1;
	return 0;
}

static bool
names_utf8(const char *s)
{
	const char *dot = strchr(s, '.');

	return dot != NULL && (strncasecmp(dot + 1, "utf-8", 5) == 0 ||
	    strncasecmp(dot + 1, "utf8", 4) == 0);
}

void
output_init(void)
{
	static const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *want = NULL, *cs;

	for (size_t i = 0; i < nitems(vars) && want == NULL; i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0')
			want = v;
	}
	snprintf(loc_name, sizeof loc_name, "%s", want != NULL ? want : "C");
	if (setlocale(LC_ALL, "") == NULL) {
		/* Not installed: believe the name, as the terminal was set
		 * up by whoever chose it. */
		loc_missing = true;
		setlocale(LC_ALL, "C");
		if (names_utf8(loc_name))
			return;
		output_set_charset("ANSI_X3.4-1968");
		term_locale_c();
		return;
	}
	cs = nl_langinfo(CODESET);
	if (cs != NULL && is_utf8_name(cs))
		return;
	if (cs == NULL || *cs == '\0' || output_set_charset(cs) != 0) {
		output_set_charset("ANSI_X3.4-1968");
		term_locale_c();
		return;
	}
	{
		locale_t l = newlocale(LC_CTYPE_MASK, "", (locale_t)0);

		if (l != (locale_t)0) {
			freelocale(term_loc);
			term_loc = l;
		}
	}
}

locale_t
output_term_locale(void)
{
	return term_utf8 ? (locale_t)0 : term_loc;
}

bool
output_charset_is_cjk(void)
{
	locale_t old;
	bool cjk;

	if (term_utf8 || term_loc == (locale_t)0)
		return false;
	old = uselocale(term_loc);
	cjk = MB_CUR_MAX > 1;
	uselocale(old);
	return cjk;
}

const char *
output_locale_name(void)
{
	return loc_name;
}

bool
output_locale_missing(void)
{
	return loc_missing;
}

const char *
output_charset(void)
{
	return term_cs;
}

bool
output_charset_is_utf8(void)
{
	return term_utf8;
}

int
output_columns(void)
{
	struct winsize ws;
	const char *c;

	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((c = getenv("COLUMNS")) != NULL && atoi(c) > 0)
		return atoi(c);
	return 80;
}

struct out *
out_stdout(void)
{
	if (std_out.f == NULL) {
		std_out.f = stdout;
		std_out.convert = -1;
	}
	return &std_out;
}

struct out *
out_stderr(void)
{
	if (std_err.f == NULL) {
		std_err.f = stderr;
		std_err.convert = -1;
	}
	return &std_err;
}

struct out *
out_file(FILE *f)
{
	struct out *o = xcalloc(1, sizeof *o);

	o->f = f;
	o->owned = true;
	o->convert = 0;		/* files get UTF-8 */
	return o;
}

void
out_close(struct out *o)
{
	if (o == NULL)
		return;
	fflush(o->f);
	buf_free(&o->clean);
	buf_free(&o->conv);
	if (o->owned)
		free(o);
}

/* One character to the terminal's charset: '?' for each column of a
 * character it lacks, and for any single byte the charset would read as
 * a C1 control (0x80-0x9F in ISO 8859 and the like). */
static void
convert_char(struct buf *out, const char *s, size_t k, uint32_t cp)
{
	char tmp[16], *ip = (char *)(uintptr_t)s, *op = tmp;
	size_t il = k, ol = sizeof tmp;
	int w;

	iconv(to_term, NULL, NULL, NULL, NULL);
	if (iconv(to_term, &ip, &il, &op, &ol) != (size_t)-1 && il == 0) {
		size_t n = sizeof tmp - ol;

		/* Any shift sequence back to the initial state. */
		iconv(to_term, NULL, NULL, &op, &ol);
		n = sizeof tmp - ol;
		if (!(n == 1 && (unsigned char)tmp[0] >= 0x80 &&
		    (unsigned char)tmp[0] < 0xA0)) {
			buf_put(out, tmp, n);
			return;
		}
	}
	w = utf8_width(cp);
	do
		buf_putc(out, '?');
	while (--w > 0);
}

static void
convert(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	out->len = 0;
	buf_reserve(out, n);
	while (i < n) {
		uint32_t cp;
		size_t j = i, k;

		while (j < n && (unsigned char)s[j] < 0x80)
			j++;
		buf_put(out, s + i, j - i);	/* ASCII is ASCII everywhere */
		if ((i = j) >= n)
			break;
		k = utf8_decode(s + i, n - i, &cp);
		convert_char(out, s + i, k, cp);
		i += k;
	}
}

/* Sanitises s[0..n) with flags, converts it for a non-UTF-8 terminal,
 * writes it. */
static void
out_clean(struct out *o, const char *s, size_t n, int flags)
{
	const struct buf *b;

	if (n == 0)
		return;
	if (o->convert < 0)
		o->convert = !term_utf8 && to_term != (iconv_t)-1 &&
		    isatty(fileno(o->f));
	o->clean.len = 0;
	sanitize_append(&o->clean, s, n, flags, 8, NULL);
	b = &o->clean;
	if (o->convert) {
		convert(&o->conv, o->clean.data, o->clean.len);
		b = &o->conv;
	}
	if (b->len > 0)
		fwrite(b->data, 1, b->len, o->f);
}

void
out_text(struct out *o, const char *s, size_t n)
{
	out_clean(o, s, n, SAN_KEEP_NEWLINE | SAN_KEEP_TAB);
}

void
out_str(struct out *o, const char *s)
{
	out_text(o, s, strlen(s));
}

void
out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	out_text(o, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
}

void
out_spaces(struct out *o, size_t n)
{
	static const char sp[] = "                                ";

	while (n > 0) {
		size_t k = MIN(n, sizeof sp - 1);

		fwrite(sp, 1, k, o->f);
		n -= k;
	}
}

int
out_flush(struct out *o)
{
	return fflush(o->f) != 0 || ferror(o->f) ? -1 : 0;
}

void
out_error(const char *fmt, ...)
{
	va_list ap;
	struct buf b;
	struct out *e = out_stderr();

	buf_init(&b);
	buf_puts(&b, "yuedu: ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* One line: a newline inside (from a file name or an argument)
	 * is shown as ␊, so no message can forge a line of its own. */
	out_clean(e, b.data, b.len, SAN_TAB_SPACE);
	out_clean(e, "\n", 1, SAN_KEEP_NEWLINE);
	buf_free(&b);
	out_flush(e);
}

void
out_fatal_message(char *msg)
{
	size_t n = strlen(msg);
	ssize_t r;

	for (char *p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
	fflush(stderr);
	r = write(STDERR_FILENO, "yuedu: ", 7);
	r = write(STDERR_FILENO, msg, n);
	r = write(STDERR_FILENO, "\n", 1);
	(void)r;
}
