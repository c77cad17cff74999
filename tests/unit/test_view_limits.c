/* test_view_limits.c - view_dim_check(): which $LINES and $COLUMNS values
 * ncurses may have (the rest are dropped before newterm()). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util.h"
#include "view.h"

static void
test_unset(void **state)
{
	UNUSED(state);
	assert_int_equal(view_dim_check(NULL, 1000), VIEW_DIM_UNSET);
	assert_int_equal(view_dim_check("", 1000), VIEW_DIM_UNSET);
}

static void
test_ok(void **state)
{
	UNUSED(state);
	assert_int_equal(view_dim_check("1", 1000), VIEW_DIM_OK);
	assert_int_equal(view_dim_check("24", 1000), VIEW_DIM_OK);
	assert_int_equal(view_dim_check("0080", 1000), VIEW_DIM_OK);
	/* The limit itself is allowed. */
	assert_int_equal(view_dim_check("1000", VIEW_MAX_ROWS), VIEW_DIM_OK);
	assert_int_equal(view_dim_check("1000", VIEW_MAX_COLS), VIEW_DIM_OK);
}

static void
test_too_big(void **state)
{
	UNUSED(state);
	assert_int_equal(view_dim_check("1001", 1000), VIEW_DIM_TOO_BIG);
	assert_int_equal(view_dim_check("20000", 1000), VIEW_DIM_TOO_BIG);
	/* Overflowing long and int: still too big, not wrapped round. */
	assert_int_equal(view_dim_check("2147483648", 1000), VIEW_DIM_TOO_BIG);
	assert_int_equal(view_dim_check("4294967297", 1000), VIEW_DIM_TOO_BIG);
	assert_int_equal(view_dim_check(
	    "99999999999999999999999999999999999999", 1000), VIEW_DIM_TOO_BIG);
	assert_int_equal(view_dim_check("000000000000000000001001", 1000),
	    VIEW_DIM_TOO_BIG);
}

static void
test_bad(void **state)
{
	static const char *bad[] = {
		"abc", "0", "00", "-5", "+5", " 24", "24 ", "24x", "0x10",
		"1e3", "2.5", "\033[2J", "２４",
	};

	UNUSED(state);
	for (size_t i = 0; i < nitems(bad); i++)
		assert_int_equal(view_dim_check(bad[i], 1000), VIEW_DIM_BAD);
	/* Small but not a number is still garbage. */
	assert_int_equal(view_dim_check("000000000000000000000", 1000),
	    VIEW_DIM_BAD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unset),
		cmocka_unit_test(test_ok),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
