/* test_config.c - the config file: good lines, bad lines with FILE:LINE
 * messages, bindings, styles, the printer. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "keymap.h"

static void
test_good_lines(void **state)
{
	struct config c;

	config_init(&c);
	assert_int_equal(config_line(&c, "# comment", "f", 1), 0);
	assert_int_equal(config_line(&c, "   ", "f", 2), 0);
	assert_int_equal(config_line(&c, "sidebar = on", "f", 3), 0);
	assert_int_equal(c.sidebar, 1);
	assert_int_equal(config_line(&c, "sidebar-side=right", "f", 4), 0);
	assert_int_equal(c.sidebar_right, 1);
	assert_int_equal(config_line(&c, "sidebar-width = 40\r\n", "f", 5), 0);
	assert_int_equal(c.sidebar_width, 40);
	assert_int_equal(config_line(&c, "paragraph-spacing = 0", "f", 6), 0);
	assert_int_equal(c.para_gap, 0);
	assert_int_equal(config_line(&c, "theme = mono", "f", 7), 0);
	assert_int_equal(c.theme, THEME_MONO);
	assert_int_equal(config_line(&c, "mouse = yes", "f", 8), 0);
	assert_int_equal(c.mouse, 1);
	assert_int_equal(config_line(&c, "ambiguous-width = 2", "f", 9), 0);
	assert_int_equal(c.ambiguous_wide, 1);
	assert_int_equal(config_line(&c, "tab-width = 4", "f", 10), 0);
	assert_int_equal(c.tab_width, 4);
	assert_int_equal(c.nmsgs, 0);
	config_free(&c);
}

static void
test_bad_lines(void **state)
{
	struct config c;

	config_init(&c);
	assert_int_equal(config_line(&c, "bogus = 1", "cfg", 3), -1);
	assert_int_equal(config_line(&c, "sidebar = maybe", "cfg", 4), -1);
	assert_int_equal(config_line(&c, "sidebar-width = 5", "cfg", 5), -1);
	assert_int_equal(config_line(&c, "sidebar-width = 30x", "cfg", 6), -1);
	assert_int_equal(config_line(&c, "just words", "cfg", 7), -1);
	assert_int_equal(config_line(&c, "theme =", "cfg", 8), -1);
	assert_int_equal(config_line(&c, "bind j no-such-command", "cfg", 9),
	    -1);
	assert_int_equal(config_line(&c, "bind <Nope> quit", "cfg", 10), -1);
	assert_int_equal(config_line(&c, "bind j", "cfg", 11), -1);
	assert_int_equal(config_line(&c, "color.heading1 = bold sparkly", "cfg",
	    12), -1);
	assert_int_equal(config_line(&c, "color.nothing = bold", "cfg", 13),
	    -1);
	assert_int_equal(c.nmsgs, 11);
	assert_string_equal(c.msgs[0], "cfg:3: unknown setting 'bogus'");
	assert_non_null(strstr(c.msgs[1], "cfg:4: sidebar: expected on or off"));
	assert_non_null(strstr(c.msgs[2], "from 10 to 200"));
	assert_non_null(strstr(c.msgs[6], "cfg:9: unknown command"));
	/* Nothing changed. */
	assert_int_equal(c.sidebar, 0);
	assert_int_equal(c.sidebar_width, 30);
	config_free(&c);
}

static void
test_bindings(void **state)
{
	struct config c;
	const struct binding *b;
	uint32_t x = 'x', j = 'j', zz[2] = { 'z', 'z' };

	config_init(&c);
	assert_int_equal(config_line(&c, "bind x next-heading", "f", 1), 0);
	assert_int_equal(keymap_lookup(c.km, KM_READER, &x, 1, &b), KM_MATCH);
	assert_string_equal(b->command, "next-heading");
	assert_int_equal(config_line(&c, "bind sidebar x sidebar-jump", "f",
	    2), 0);
	assert_int_equal(keymap_lookup(c.km, KM_SIDEBAR, &x, 1, &b),
	    KM_MATCH);
	assert_int_equal(config_line(&c, "bind zz fold-levels 2", "f", 3), 0);
	assert_int_equal(keymap_lookup(c.km, KM_READER, zz, 2, &b), KM_MATCH);
	assert_string_equal(b->arg, "2");
	assert_int_equal(config_line(&c, "unbind j", "f", 4), 0);
	assert_int_equal(keymap_lookup(c.km, KM_READER, &j, 1, &b),
	    KM_NOMATCH);
	assert_int_equal(config_line(&c, "unbind j", "f", 5), -1);
	assert_int_equal(c.nmsgs, 1);
	config_free(&c);
}

static void
test_styles(void **state)
{
	struct config c;
	struct style st;

	unsetenv("NO_COLOR");
	config_init(&c);
	st = config_style(&c, STY_H1, 256);
	assert_true(st.attrs & SA_BOLD);
	assert_int_equal(st.fg, 133);
	st = config_style(&c, STY_H1, 8);
	assert_true(st.fg >= 0 && st.fg < 8);
	st = config_style(&c, STY_H1, 0);
	assert_int_equal(st.fg, SC_DEFAULT);
	assert_int_equal(config_line(&c, "color.heading1 = underline red on "
	    "default", "f", 1), 0);
	st = config_style(&c, STY_H1, 256);
	assert_int_equal(st.attrs, SA_UNDERLINE);
	assert_int_equal(st.fg, 1);
	assert_int_equal(config_line(&c, "color.quote = 244 on 17", "f", 2),
	    0);
	st = config_style(&c, STY_QUOTE, 8);
	assert_true(st.fg < 8 && st.bg < 8);
	setenv("NO_COLOR", "1", 1);
	st = config_style(&c, STY_H1, 256);
	assert_int_equal(st.fg, SC_DEFAULT);
	assert_true(st.attrs != 0);
	unsetenv("NO_COLOR");
	config_free(&c);
}

static void
test_file_and_print(void **state)
{
	struct config c;
	char path[] = "/tmp/yuedu-test-config-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w"), *out;
	char *text = NULL;
	size_t len = 0;

	assert_non_null(f);
	fputs("sidebar = on\nnot a line\nbind J quit\n\nmargin = 99\n", f);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true), 2);
	assert_int_equal(c.nmsgs, 2);
	assert_non_null(strstr(c.msgs[0], ":2: expected"));
	assert_non_null(strstr(c.msgs[1], ":5: margin"));
	assert_int_equal(c.sidebar, 1);
	out = open_memstream(&text, &len);
	{
		struct out *o = out_file(out);

		config_print(&c, o);
		out_close(o);
	}
	fclose(out);
	assert_non_null(strstr(text, "\nsidebar = on\n"));
	assert_non_null(strstr(text, "\nbind J quit\n"));
	assert_non_null(strstr(text, "\nbind sidebar Enter sidebar-jump\n"));
	/* The printed form parses back without complaint. */
	{
		struct config c2;
		char *line = text, *nl;
		unsigned n = 0;

		config_init(&c2);
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			config_line(&c2, line, "printed", ++n);
			line = nl + 1;
		}
		for (size_t i = 0; i < c2.nmsgs; i++)
			fprintf(stderr, "%s\n", c2.msgs[i]);
		assert_int_equal(c2.nmsgs, 0);
		config_free(&c2);
	}
	free(text);
	config_free(&c);
	unlink(path);
	/* A missing default file is fine; a missing --config is not. */
	config_init(&c);
	assert_int_equal(config_load(&c, "/nonexistent/yuedu", false), 0);
	assert_int_equal(c.nmsgs, 0);
	assert_int_equal(config_load(&c, "/nonexistent/yuedu", true), 1);
	assert_int_equal(c.nmsgs, 1);
	config_free(&c);
}

static void
test_default_path(void **state)
{
	char *p;

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = config_default_path();
	assert_string_equal(p, "/x/cfg/yuedu/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = config_default_path();
	assert_string_equal(p, "/home/u/.config/yuedu/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_file_and_print),
		cmocka_unit_test(test_default_path),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
