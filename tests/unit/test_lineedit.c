/* test_lineedit.c - the one line editor behind every prompt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "keys.h"
#include "lineedit.h"
#include "utf8.h"

static void
type(struct lineedit *e, const char *s)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		uint32_t cp;

		i += utf8_decode(s + i, n - i, &cp);
		assert_int_equal(lineedit_key(e, cp), LINEEDIT_CHANGED);
	}
}

static void
test_edit_keys(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_clear(&e);
	type(&e, "set 行距 = 1");
	assert_string_equal(e.s, "set 行距 = 1");
	assert_int_equal(lineedit_key(&e, YK_BACKSPACE), LINEEDIT_CHANGED);
	assert_string_equal(e.s, "set 行距 = ");
	/* Ctrl-W: the blanks before the end, then the word before them. */
	assert_int_equal(lineedit_key(&e, YK_CTRL('w')), LINEEDIT_CHANGED);
	assert_string_equal(e.s, "set 行距 ");
	lineedit_key(&e, YK_CTRL('w'));
	assert_string_equal(e.s, "set ");
	lineedit_key(&e, YK_BACKSPACE);
	lineedit_key(&e, YK_BACKSPACE);
	assert_string_equal(e.s, "se");
	assert_int_equal(lineedit_key(&e, YK_CTRL('u')), LINEEDIT_CHANGED);
	assert_int_equal(e.len, 0);
	assert_int_equal(lineedit_key(&e, YK_BACKSPACE), LINEEDIT_EMPTY_BACK);
	/* Keys that are not editing are the caller's. */
	assert_int_equal(lineedit_key(&e, YK_ENTER), LINEEDIT_UNUSED);
	assert_int_equal(lineedit_key(&e, YK_ESC), LINEEDIT_UNUSED);
	assert_int_equal(lineedit_key(&e, YK_UP), LINEEDIT_UNUSED);
	assert_int_equal(lineedit_key(&e, 0x9b), LINEEDIT_UNUSED);	/* C1 */
	assert_int_equal(e.len, 0);
}

static void
test_full_line(void **state)
{
	struct lineedit e;

	(void)state;
	lineedit_clear(&e);
	for (int i = 0; i < 200; i++)
		lineedit_key(&e, 0x4E2D);	/* 中: 3 bytes */
	/* Never past the buffer, never half a character. */
	assert_true(e.len < LINEEDIT_MAX);
	assert_int_equal(e.len % 3, 0);
	assert_true(utf8_valid(e.s, e.len));
	assert_int_equal(e.s[e.len], '\0');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_keys),
		cmocka_unit_test(test_full_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
