/* The single output choke point (security.md R1-R3): what every byte
 * from a file becomes before anything prints it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize.h"
#include "utf8.h"
#include "util.h"

static char *
san(const char *in, size_t n, int flags, size_t *col)
{
	struct buf b;

	buf_init(&b);
	sanitize_append(&b, in, n, flags, 8, col);
	return buf_detach(&b, NULL);
}

/* No byte a terminal interprets: C0 (but LF), DEL, C1, raw bidi. */
static void
assert_inert(const char *s)
{
	size_t i = 0, k;
	uint32_t cp;

	assert_true(utf8_valid(s, strlen(s)));
	while (s[i] != '\0') {
		k = utf8_decode(s + i, strlen(s + i), &cp);
		assert_false(cp < 0x20 && cp != '\n');
		assert_false(cp >= 0x7F && cp < 0xA0);
		assert_false(cp >= 0x202A && cp <= 0x202E);
		assert_false(cp >= 0x2066 && cp <= 0x2069);
		i += k;
	}
}

static void
test_controls_become_glyphs(void **state)
{
	char in[64], *out;
	size_t n = 0;
	int c;

	(void)state;
	for (c = 0; c < 0x20; c++)
		if (c != '\n' && c != '\t')
			in[n++] = (char)c;
	in[n++] = 0x7F;
	out = san(in, n, SAN_KEEP_NEWLINE, NULL);
	assert_inert(out);
	/* ESC is ␛, CR is ␍, BS is ␈, DEL is ␡ */
	assert_non_null(strstr(out, "\xE2\x90\x9B"));
	assert_non_null(strstr(out, "\xE2\x90\x8D"));
	assert_non_null(strstr(out, "\xE2\x90\x88"));
	assert_non_null(strstr(out, "\xE2\x90\xA1"));
	free(out);
	out = san("a\nb", 3, 0, NULL);		/* LF only when asked */
	assert_string_equal(out, "a\xE2\x90\x8A" "b");
	free(out);
}

static void
test_c1_bidi_and_invalid(void **state)
{
	static const char in[] = "a\xC2\x9B" "2J b\xE2\x80\xAE" "c \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 z";
	char *out;

	(void)state;
	out = san(in, sizeof in - 1, 0, NULL);
	assert_inert(out);
	assert_non_null(strstr(out, "<9B>2J"));
	assert_non_null(strstr(out, "<U+202E>"));
	/* invalid sequences become U+FFFD, text after them survives */
	assert_non_null(strstr(out, "\xEF\xBF\xBD"));
	assert_int_equal(out[strlen(out) - 1], 'z');
	free(out);
}

static void
test_tabs_expand_by_columns(void **state)
{
	char *out;
	size_t col = 0;

	(void)state;
	/* 中 is two columns: the tab after it goes to column 8 */
	out = san("\xE4\xB8\xAD\tx\n\tyz", strlen("\xE4\xB8\xAD\tx\n\tyz"),
	    SAN_KEEP_NEWLINE, &col);
	assert_string_equal(out, "\xE4\xB8\xAD      x\n        yz");
	assert_int_equal(col, 10);
	free(out);
	/* the column carries over between calls */
	col = 3;
	out = san("\t", 1, 0, &col);
	assert_string_equal(out, "     ");
	assert_int_equal(col, 8);
	free(out);
	out = san("a\tb", 3, SAN_TAB_SPACE, NULL);
	assert_string_equal(out, "a b");
	free(out);
}

static void
test_combining_storm_bounded(void **state)
{
	struct buf in;
	char *out;
	size_t i;

	(void)state;
	buf_init(&in);
	buf_putc(&in, 'e');
	for (i = 0; i < 100000; i++)
		buf_puts(&in, "\xCC\x81");
	out = san(in.data, in.len, 0, NULL);
	/* base + SAN_MAX_MARKS marks + one … */
	assert_int_equal(strlen(out), 1 + 2 * SAN_MAX_MARKS + 3);
	free(out);
	buf_free(&in);
}

static void
test_idempotent_and_plain_text_untouched(void **state)
{
	static const char *const cases[] = {
		"\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C plain \xE2\x80\x94\xE2\x80\x94",
		"\x1B]52;c;x\x07\r\b\xC2\x9B\xE2\x80\xAE\tend",
		"e\xCC\x81\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *a = san(cases[i], strlen(cases[i]), SAN_KEEP_NEWLINE,
		    NULL);
		char *b = san(a, strlen(a), SAN_KEEP_NEWLINE, NULL);

		assert_inert(a);
		assert_string_equal(a, b);
		assert_true(sanitize_is_clean(a, strlen(a)));
		free(a);
		free(b);
	}
	/* ordinary text, ZWJ emoji included, passes unchanged */
	assert_true(sanitize_is_clean(cases[0], strlen(cases[0])));
	assert_true(sanitize_is_clean(cases[2], strlen(cases[2])));
}

static void
test_file_names(void **state)
{
	char *out = sanitize_str("book\x1B]0;pwned\x07\n.txt");

	(void)state;
	assert_inert(out);
	assert_null(strchr(out, '\n'));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_become_glyphs),
		cmocka_unit_test(test_c1_bidi_and_invalid),
		cmocka_unit_test(test_tabs_expand_by_columns),
		cmocka_unit_test(test_combining_storm_bounded),
		cmocka_unit_test(test_idempotent_and_plain_text_untouched),
		cmocka_unit_test(test_file_names),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
