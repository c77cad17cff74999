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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "keymap.h"
#include "testutil.h"

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

/* A temporary directory for files the tests make (removed by rm_tmp). */
static char tmpdir[64];

static const char *
tmp_path(const char *name)
{
	static char p[128];

	if (tmpdir[0] == '\0') {
		snprintf(tmpdir, sizeof tmpdir, "/tmp/yuedu-test-cfg-XXXXXX");
		assert_non_null(mkdtemp(tmpdir));
	}
	snprintf(p, sizeof p, "%s/%s", tmpdir, name);
	return p;
}

/* config_load on something that is not a regular file: one message that
 * says so, the defaults kept, and no read that could block or not end. */
static void
refused(const char *path, const char *kind)
{
	struct config c;

	config_init(&c);
	alarm(5);	/* a regression hangs: fail instead */
	assert_int_equal(config_load(&c, path, true), 1);
	alarm(0);
	assert_int_equal(c.nmsgs, 1);
	assert_non_null(strstr(c.msgs[0], "is not a regular file"));
	assert_non_null(strstr(c.msgs[0], kind));
	assert_null(c.path);
	assert_int_equal(c.sidebar_width, 30);
	config_free(&c);
	/* A default path that is not a regular file is reported too. */
	config_init(&c);
	alarm(5);
	assert_int_equal(config_load(&c, path, false), 1);
	alarm(0);
	assert_int_equal(c.nmsgs, 1);
	config_free(&c);
}

static void
test_not_regular(void **state)
{
	const char *fifo = tmp_path("fifo");

	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	refused(fifo, "FIFO");
	unlink(fifo);
	refused("/dev/zero", "device");
	/* /dev/null is the usual "no settings": empty, not refused. */
	{
		struct config c;

		config_init(&c);
		assert_int_equal(config_load(&c, "/dev/null", true), 0);
		assert_int_equal(c.nmsgs, 0);
		config_free(&c);
	}
	refused("/tmp", "directory");
}

static void
test_size_limit(void **state)
{
	struct config c;
	const char *path = tmp_path("big");
	size_t n = 2 * CONFIG_MAX_BYTES, head = strlen("sidebar = on\n");
	char *text = malloc(n);

	/* 2 MiB: refused whole, even the good first line. */
	assert_non_null(text);
	memset(text, '#', n);
	memcpy(text, "sidebar = on\n", head);
	for (size_t i = head + 70; i < n; i += 72)
		text[i] = '\n';
	write_file(path, text, n);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true), 1);
	assert_int_equal(c.nmsgs, 1);
	assert_non_null(strstr(c.msgs[0], "larger than 1 MiB"));
	assert_int_equal(c.sidebar, 0);
	config_free(&c);
	/* Exactly the limit: read. */
	text[CONFIG_MAX_BYTES - 1] = '\n';
	write_file(path, text, CONFIG_MAX_BYTES);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true), 0);
	assert_int_equal(c.nmsgs, 0);
	assert_int_equal(c.sidebar, 1);
	assert_non_null(c.path);
	config_free(&c);
	/* One byte more: refused. */
	write_file(path, text, CONFIG_MAX_BYTES + 1);
	config_init(&c);
	assert_int_equal(config_load(&c, path, true), 1);
	assert_int_equal(c.sidebar, 0);
	config_free(&c);
	unlink(path);
	free(text);
}

/* 100k bind lines (in memory: they do not fit in 1 MiB) parse, and the
 * table behaves as with a few: later binds win, unbind works.  The time
 * is in the commit message; a quadratic parser took 17 s here. */
static void
test_many_binds(void **state)
{
	static const char al[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
	    "QRSTUVWXYZ";
	struct config c;
	struct buf b;
	const struct binding *bd;
	size_t n0, n;
	uint32_t k[4];

	buf_init(&b);
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "bind _%c%c%c %s\n", al[i % 52],
		    al[i / 52 % 52], al[i / 2704 % 52], i % 2 ? "top" :
		    "bottom");
	/* Rebound, unbound, unbound and bound again. */
	buf_puts(&b, "bind _aaa quit\nunbind _baa\nunbind _caa\n"
	    "bind _caa help\nunbind j\nbind j line-up\n");
	config_init(&c);
	keymap_bindings(c.km, KM_READER, &n0);
	assert_int_equal(config_load_text(&c, "many", b.data, b.len), 0);
	assert_int_equal(c.nmsgs, 0);
	keymap_bindings(c.km, KM_READER, &n);
	assert_int_equal(n, n0 + 100000 - 1);
	k[0] = '_', k[1] = 'a', k[2] = 'a', k[3] = 'a';
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 4, &bd), KM_MATCH);
	assert_string_equal(bd->command, "quit");
	k[1] = 'b';
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 4, &bd),
	    KM_NOMATCH);
	k[1] = 'c';
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 4, &bd), KM_MATCH);
	assert_string_equal(bd->command, "help");
	k[1] = 'd', k[2] = 'Z', k[3] = 'K';	/* the last line's keys */
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 4, &bd), KM_MATCH);
	assert_string_equal(bd->command, "top");
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 3, &bd),
	    KM_PREFIX);
	k[0] = 'j';
	assert_int_equal(keymap_lookup(c.km, KM_READER, k, 1, &bd), KM_MATCH);
	assert_string_equal(bd->command, "line-up");
	config_free(&c);
	buf_free(&b);
}

/* The first CONFIG_MAX_MSGS line messages are kept, the rest counted in
 * one; a ':' prompt message still comes last. */
static void
test_message_cap(void **state)
{
	struct config c;
	struct buf b;
	char want[64];

	buf_init(&b);
	for (int i = 0; i < 250; i++)
		buf_puts(&b, "not a setting\n");
	config_init(&c);
	assert_int_equal(config_load_text(&c, "cap", b.data, b.len), 250);
	assert_int_equal(c.nmsgs, CONFIG_MAX_MSGS + 1);
	assert_non_null(strstr(c.msgs[CONFIG_MAX_MSGS - 1], "cap:100: "));
	snprintf(want, sizeof want, "cap: %d more problems not shown",
	    250 - CONFIG_MAX_MSGS);
	assert_string_equal(c.msgs[CONFIG_MAX_MSGS], want);
	assert_int_equal(config_line(&c, "bogus = 1", NULL, 0), -1);
	assert_int_equal(c.nmsgs, CONFIG_MAX_MSGS + 2);
	assert_string_equal(c.msgs[c.nmsgs - 1], "unknown setting 'bogus'");
	/* More bad lines update the count in its place. */
	assert_int_equal(config_load_text(&c, "cap", "x\n", 2), 1);
	assert_int_equal(c.nmsgs, CONFIG_MAX_MSGS + 2);
	assert_string_equal(c.msgs[CONFIG_MAX_MSGS],
	    "cap: 151 more problems not shown");
	config_free(&c);
	buf_free(&b);
}

/* --print-config prints a binding's argument sanitised: no ESC, BEL or
 * U+202E reaches the output, and the output reads back cleanly. */
static void
test_print_sanitised(void **state)
{
	struct config c;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	struct out *o;
	static const char cfg[] = "bind x quit\n"
	    "bind y quit \033]0;pwned\007\n"
	    "bind w quit a\342\200\256b\n"
	    "bind v quit \302\233c\n";

	config_init(&c);
	assert_int_equal(config_load_text(&c, "evil", cfg, sizeof cfg - 1),
	    0);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	o = out_file(f);
	config_print(&c, o);
	out_close(o);
	fclose(f);
	assert_null(memchr(text, 0x1b, len));
	assert_null(memchr(text, 0x07, len));
	assert_null(strstr(text, "\342\200\256"));
	assert_null(strstr(text, "\302\233"));
	assert_non_null(strstr(text, "\nbind x quit\n"));
	assert_non_null(strstr(text, "\nbind w quit a<U+202E>b\n"));
	config_free(&c);
	config_init(&c);
	assert_int_equal(config_load_text(&c, "printed", text, len), 0);
	config_free(&c);
	free(text);
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
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_many_binds),
		cmocka_unit_test(test_message_cap),
		cmocka_unit_test(test_print_sanitised),
	};
	int rc;

	setlocale(LC_ALL, "C.UTF-8");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	if (tmpdir[0] != '\0')
		rmdir(tmpdir);
	return rc;
}
