/* output.h - the one way to standard output and standard error.
 *
 * Every byte yuedu prints outside the reading view (the --dump, --outline
 * and --info printers, --print-config, --help, messages, option errors)
 * goes through a struct out, and every struct out runs what it is given
 * through sanitize_append() before it reaches the file: no caller can
 * print raw text (security.md R1).  tests/lint.sh fails the build when a
 * source file other than output.c calls a stdio or write() printer.
 *
 * When the stream is a terminal whose locale is not UTF-8 (LANG=C, a
 * GB18030, Big5 or Latin-1 locale), the text is converted to that
 * charset: characters it lacks become '?', and no byte that the charset
 * would read as a C1 control is ever written. */
#ifndef YUEDU_OUTPUT_H
#define YUEDU_OUTPUT_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct out;

/* Call once, first thing in main(): sets the locale from the environment
 * and records the charset the user's terminal speaks.  A locale that is
 * asked for but not installed (common over SSH) counts by its name: a
 * "...UTF-8" name means UTF-8, anything else ASCII.  Afterwards the
 * process may switch LC_CTYPE to a UTF-8 locale for its own width tables;
 * output_term_locale() keeps the terminal's. */
void output_init(void);
/* The locale ncursesw must run in to speak the terminal's charset, or
 * (locale_t)0 when the terminal is UTF-8 (any UTF-8 locale will do). */
locale_t output_term_locale(void);
/* True when the terminal's charset is a legacy double-byte one (GB18030,
 * Big5, EUC...): such terminals draw East Asian ambiguous characters
 * two columns wide. */
bool output_charset_is_cjk(void);
/* The locale the environment asked for ("zh_CN.UTF-8"), or "C". */
const char *output_locale_name(void);
/* True when that locale is not installed here. */
bool output_locale_missing(void);
/* The terminal's charset as the locale names it ("UTF-8", "GB18030",
 * "ANSI_X3.4-1968", ...), and whether it is UTF-8. */
const char *output_charset(void);
bool output_charset_is_utf8(void);
/* Forces the terminal charset (--term-charset); returns 0, or -1 when
 * iconv cannot convert to it. */
int output_set_charset(const char *name);

/* The width of the terminal standard output is, else $COLUMNS (when a
 * number), else 80: what --dump lays out for. */
int output_columns(void);

struct out *out_stdout(void);
struct out *out_stderr(void);
/* A sanitising stream over an open FILE (tests, fuzzers).  The FILE is
 * not closed by out_close(). */
struct out *out_file(FILE *f);
void out_close(struct out *o);

/* Text: sanitised, LF and TAB kept (TSV needs its tabs), everything
 * else that could drive a terminal made visible. */
void out_text(struct out *o, const char *s, size_t n);
void out_str(struct out *o, const char *s);
void out_printf(struct out *o, const char *fmt, ...) ATTR_PRINTF(2, 3);
void out_spaces(struct out *o, size_t n);
/* 0, or -1 when the stream failed (EPIPE included). */
int out_flush(struct out *o);

/* "yuedu: MESSAGE\n" on standard error, sanitised, on one line (a newline
 * in MESSAGE is shown as a glyph). */
void out_error(const char *fmt, ...) ATTR_PRINTF(1, 2);

/* For fatal(): masks everything but printable ASCII in place and writes
 * "yuedu: MSG\n" to standard error without allocating. */
void out_fatal_message(char *msg);

#endif
