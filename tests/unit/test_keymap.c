/* test_keymap.c - key names, sequences, the default tables and lookup
 * through prefixes. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "command.h"
#include "keymap.h"

static void
test_parse_names(void **state)
{
	uint32_t k;

	assert_int_equal(keymap_parse_key("j", &k), 0);
	assert_int_equal(k, 'j');
	assert_int_equal(keymap_parse_key("C-o", &k), 0);
	assert_int_equal(k, 0x0f);
	assert_int_equal(keymap_parse_key("^O", &k), 0);
	assert_int_equal(k, 0x0f);
	assert_int_equal(keymap_parse_key("c-i", &k), 0);
	assert_int_equal(k, YK_TAB);	/* Tab is Ctrl-I */
	assert_int_equal(keymap_parse_key("Tab", &k), 0);
	assert_int_equal(k, YK_TAB);
	assert_int_equal(keymap_parse_key("S-Tab", &k), 0);
	assert_int_equal(k, YK_BTAB);
	assert_int_equal(keymap_parse_key("space", &k), 0);
	assert_int_equal(k, ' ');
	assert_int_equal(keymap_parse_key("PgDn", &k), 0);
	assert_int_equal(k, YK_PGDN);
	assert_int_equal(keymap_parse_key("F1", &k), 0);
	assert_int_equal(k, YK_F1);
	assert_int_equal(keymap_parse_key("M-Left", &k), 0);
	assert_int_equal(k, YK_ALT_LEFT);
	assert_int_equal(keymap_parse_key("中", &k), 0);
	assert_int_equal(k, 0x4e2d);
	assert_int_equal(keymap_parse_key("C-h", &k), 0);
	assert_int_equal(k, YK_BACKSPACE);
	assert_int_equal(keymap_parse_key("", &k), -1);
	assert_int_equal(keymap_parse_key("nope", &k), -1);
	assert_int_equal(keymap_parse_key("\x1b", &k), -1);
	assert_int_equal(keymap_parse_key("\xc2\x9b", &k), -1);
	assert_int_equal(keymap_parse_key("\xff", &k), -1);
}

static void
test_sequences(void **state)
{
	uint32_t k[KEYMAP_SEQ_MAX];
	char name[64];

	assert_int_equal(keymap_parse_seq("gg", k, KEYMAP_SEQ_MAX), 2);
	assert_int_equal(k[0], 'g');
	assert_int_equal(keymap_parse_seq("]]", k, KEYMAP_SEQ_MAX), 2);
	assert_int_equal(keymap_parse_seq("<C-w>l", k, KEYMAP_SEQ_MAX), 2);
	assert_int_equal(k[0], 0x17);
	assert_int_equal(k[1], 'l');
	assert_int_equal(keymap_parse_seq("Enter", k, KEYMAP_SEQ_MAX), 1);
	assert_int_equal(k[0], YK_ENTER);
	assert_int_equal(keymap_parse_seq("<", k, KEYMAP_SEQ_MAX), 1);
	assert_int_equal(k[0], '<');
	assert_int_equal(keymap_parse_seq("abcde", k, KEYMAP_SEQ_MAX), -1);
	assert_int_equal(keymap_parse_seq("<Bogus>x", k, KEYMAP_SEQ_MAX), -1);
	assert_int_equal(keymap_parse_seq("z中", k, KEYMAP_SEQ_MAX), 2);
	/* Names round-trip. */
	k[0] = 'z';
	k[1] = 'o';
	assert_string_equal(keymap_seq_name(k, 2, name, sizeof name), "zo");
	k[0] = 0x0f;
	assert_string_equal(keymap_seq_name(k, 1, name, sizeof name), "C-o");
	k[0] = 0x17;
	k[1] = 'l';
	assert_string_equal(keymap_seq_name(k, 2, name, sizeof name),
	    "<C-w>l");
	assert_int_equal(keymap_parse_seq(name, k, KEYMAP_SEQ_MAX), 2);
	k[0] = ' ';
	assert_string_equal(keymap_seq_name(k, 1, name, sizeof name),
	    "Space");
	k[0] = YK_TAB;
	assert_string_equal(keymap_seq_name(k, 1, name, sizeof name), "Tab");
}

/* Every default binding names a real command, and nothing is bound twice
 * in one table. */
static void
test_defaults_valid(void **state)
{
	struct keymap *km = keymap_new();

	for (int f = 0; f < KM__COUNT; f++) {
		size_t n;
		const struct binding *b = keymap_bindings(km, f, &n);

		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			if (command_find(b[i].command) == NULL)
				fail_msg("unknown command %s", b[i].command);
			for (size_t j = i + 1; j < n; j++)
				if (b[i].nkeys == b[j].nkeys &&
				    memcmp(b[i].keys, b[j].keys,
				    b[i].nkeys * sizeof b[i].keys[0]) == 0)
					fail_msg("%s bound twice",
					    b[i].command);
		}
	}
	keymap_free(km);
}

static void
test_lookup_and_rebind(void **state)
{
	struct keymap *km = keymap_new();
	const struct binding *b;
	uint32_t k[2] = { 'z', 'o' };
	uint32_t tab = YK_TAB, o = 0x0f, q = 'q';

	assert_int_equal(keymap_lookup(km, KM_READER, k, 1, &b), KM_PREFIX);
	assert_int_equal(keymap_lookup(km, KM_READER, k, 2, &b), KM_MATCH);
	assert_string_equal(b->command, "fold-open");
	assert_int_equal(keymap_lookup(km, KM_READER, &tab, 1, &b), KM_MATCH);
	assert_string_equal(b->command, "fold-cycle");
	assert_int_equal(keymap_lookup(km, KM_READER, &o, 1, &b), KM_MATCH);
	assert_string_equal(b->command, "back");
	k[1] = 'x';
	assert_int_equal(keymap_lookup(km, KM_READER, k, 2, &b), KM_NOMATCH);
	keymap_bind(km, KM_READER, &q, 1, "help", NULL);
	assert_int_equal(keymap_lookup(km, KM_READER, &q, 1, &b), KM_MATCH);
	assert_string_equal(b->command, "help");
	assert_int_equal(keymap_unbind(km, KM_READER, &q, 1), 1);
	assert_int_equal(keymap_lookup(km, KM_READER, &q, 1, &b), KM_NOMATCH);
	assert_int_equal(keymap_unbind(km, KM_READER, &q, 1), 0);
	keymap_free(km);
}

/* The help screen lists every visible command. */
static void
test_help_generated(void **state)
{
	struct keymap *km = keymap_new();
	size_t n, nc;
	char **lines = command_help(km, &n);
	const struct command *c = command_list(&nc);

	for (size_t i = 0; i < nc; i++) {
		int found = 0;

		if (c[i].flags & CMD_HIDDEN)
			continue;
		for (size_t j = 0; j < n && !found; j++)
			found = strstr(lines[j], c[i].help) != NULL;
		if (!found)
			fail_msg("%s missing from help", c[i].name);
	}
	for (size_t j = 0; j < n; j++)
		if (strncmp(lines[j], "Tab\t", 4) == 0)
			assert_non_null(strstr(lines[j], "cycle"));
	for (size_t j = 0; j < n; j++)
		free(lines[j]);
	free(lines);
	keymap_free(km);
}

/* Bindings with an argument show words, not command names; the sidebar's
 * q and :q are listed. */
static void
test_help_words(void **state)
{
	struct keymap *km = keymap_new();
	size_t n;
	char **lines = command_help(km, &n);
	bool in_sidebar = false, sidebar_q = false, colon_q = false,
	    wheel = false;

	for (size_t j = 0; j < n; j++) {
		const char *tab = strchr(lines[j], '\t');

		if (lines[j][0] == '#')
			in_sidebar = strncmp(lines[j], "#Sidebar", 8) == 0;
		if (in_sidebar && strcmp(lines[j], "q\thide the sidebar") == 0)
			sidebar_q = true;
		if (strstr(lines[j], " :q\t") != NULL)
			colon_q = true;
		if (strncmp(lines[j], "WheelDown\t", 10) == 0) {
			assert_string_equal(tab + 1, "forward 3 lines");
			wheel = true;
		}
		if (tab != NULL && tab != lines[j] && lines[j][0] != '#') {
			assert_null(strstr(tab, "line-down"));
			assert_null(strstr(tab, "line-up"));
			assert_null(strstr(tab, "fold-levels"));
		}
	}
	assert_true(sidebar_q);
	assert_true(colon_q);
	assert_true(wheel);
	for (size_t j = 0; j < n; j++)
		free(lines[j]);
	free(lines);
	keymap_free(km);
}

/* Sequence names read back as the same sequence, even when the
 * characters spell a key name or a <group>. */
static void
test_seq_name_round_trip(void **state)
{
	static const uint32_t seqs[][KEYMAP_SEQ_MAX + 1] = {
		{ 3, 'e', 'n', 'd' }, { 3, 'C', '-', 'a' },
		{ 3, '<', 'a', '>' }, { 2, '^', 'a' }, { 3, 'T', 'a', 'b' },
		{ 2, '<', '>' }, { 4, '>', '<', 'x', '>' }, { 2, 'g', 'g' },
		{ 2, YK_CTRL('w'), 'l' }, { 3, 'S', 'P', 'C' },
		{ 2, 0x4e2d, ' ' }, { 3, '<', 'F', '1' },
	};

	for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
		size_t n = seqs[i][0];
		uint32_t back[KEYMAP_SEQ_MAX];
		char name[64];

		keymap_seq_name(seqs[i] + 1, n, name, sizeof name);
		if (keymap_parse_seq(name, back, KEYMAP_SEQ_MAX) != (int)n ||
		    memcmp(back, seqs[i] + 1, n * sizeof back[0]) != 0)
			fail_msg("'%s' does not read back", name);
	}
	{
		uint32_t k[4];
		char name[64];

		/* The common forms stay short. */
		assert_int_equal(keymap_parse_seq("gg", k, 4), 2);
		assert_string_equal(keymap_seq_name(k, 2, name, sizeof name),
		    "gg");
		assert_int_equal(keymap_parse_seq("<C-w>l", k, 4), 2);
		assert_string_equal(keymap_seq_name(k, 2, name, sizeof name),
		    "<C-w>l");
		/* A bidi control or unassigned code point is no key: it
		 * would not print as itself. */
		assert_int_equal(keymap_parse_seq("a\342\200\256", k, 4), -1);
		assert_int_equal(keymap_parse_key("\342\200\256", k), -1);
		assert_int_equal(keymap_parse_key("\363\260\200\200", k), 0);
	}
}

/* keymap_print: unbound default keys come out as unbind lines, before
 * the binds, so the output read back gives the same table. */
static void
test_print_unbind(void **state)
{
	struct keymap *km = keymap_new();
	uint32_t q = 'q', j = 'j';
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct out *o;

	assert_int_equal(keymap_unbind(km, KM_READER, &q, 1), 1);
	assert_int_equal(keymap_unbind(km, KM_READER, &j, 1), 1);
	keymap_bind(km, KM_READER, &j, 1, "quit", NULL);
	assert_int_equal(keymap_unbind(km, KM_SIDEBAR, &q, 1), 1);
	assert_non_null(f);
	o = out_file(f);
	keymap_print(km, o);
	out_close(o);
	fclose(f);
	assert_non_null(strstr(text, "unbind j\nunbind q\nbind "));
	assert_non_null(strstr(text, "\nbind C-c quit\n"));
	assert_non_null(strstr(text,
	    "\nbind j quit\nunbind sidebar q\nbind sidebar j "));
	assert_null(strstr(text, "\nbind q "));
	assert_null(strstr(text, "unbind help"));
	free(text);
	keymap_free(km);
}

/* Many unbinds between lookups: the table stays right (each unbind is
 * O(1); readers compact). */
static void
test_unbind_many(void **state)
{
	struct keymap *km = keymap_new();
	const struct binding *b;
	size_t n0, n;
	uint32_t k[2];

	keymap_bindings(km, KM_HELP, &n0);
	for (uint32_t i = 0; i < 20000; i++) {
		k[0] = 0x4e00 + i, k[1] = 'x';
		keymap_bind(km, KM_HELP, k, 2, "help-top", NULL);
	}
	for (uint32_t i = 0; i < 20000; i += 2) {
		k[0] = 0x4e00 + i, k[1] = 'x';
		assert_int_equal(keymap_unbind(km, KM_HELP, k, 2), 1);
		assert_int_equal(keymap_unbind(km, KM_HELP, k, 2), 0);
		if (i % 1000 == 0)
			assert_int_equal(keymap_lookup(km, KM_HELP, k, 1, &b),
			    KM_NOMATCH);
	}
	b = keymap_bindings(km, KM_HELP, &n);
	assert_int_equal(n, n0 + 10000);
	for (size_t i = n0; i < n; i++)
		assert_int_equal(b[i].keys[0], 0x4e00 + 2 * (i - n0) + 1);
	k[0] = 0x4e01, k[1] = 'x';
	assert_int_equal(keymap_lookup(km, KM_HELP, k, 1, &b), KM_PREFIX);
	assert_int_equal(keymap_lookup(km, KM_HELP, k, 2, &b), KM_MATCH);
	keymap_bind(km, KM_HELP, k, 2, "help-bottom", NULL);
	assert_int_equal(keymap_lookup(km, KM_HELP, k, 2, &b), KM_MATCH);
	assert_string_equal(b->command, "help-bottom");
	keymap_free(km);
}

/* Keys resolve to their command once, when bound: a key press finds the
 * command in the binding, not by its name. */
static void
test_commands_resolved(void **state)
{
	struct keymap *km = keymap_new();
	const struct binding *b = NULL;
	const uint32_t j[] = { 'j' }, x[] = { 'X' }, y[] = { 'Y' };
	const struct binding *all;
	size_t n;

	UNUSED(state);
	assert_int_equal(keymap_lookup(km, KM_READER, j, 1, &b), KM_MATCH);
	assert_ptr_equal(b->cmd, command_find("line-down"));
	/* Every default binding names a real command. */
	for (int f = 0; f < KM__COUNT; f++) {
		all = keymap_bindings(km, (enum keymap_focus)f, &n);
		for (size_t i = 0; i < n; i++)
			assert_ptr_equal(all[i].cmd, command_find(all[i].command));
	}
	keymap_bind(km, KM_READER, x, 1, "quit", NULL);
	assert_int_equal(keymap_lookup(km, KM_READER, x, 1, &b), KM_MATCH);
	assert_ptr_equal(b->cmd, command_find("quit"));
	/* Rebinding resolves again; an unknown name resolves to nothing. */
	keymap_bind(km, KM_READER, x, 1, "top", NULL);
	keymap_lookup(km, KM_READER, x, 1, &b);
	assert_ptr_equal(b->cmd, command_find("top"));
	keymap_bind(km, KM_READER, y, 1, "no-such-command", NULL);
	keymap_lookup(km, KM_READER, y, 1, &b);
	assert_null(b->cmd);
	keymap_free(km);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_defaults_valid),
		cmocka_unit_test(test_lookup_and_rebind),
		cmocka_unit_test(test_help_generated),
		cmocka_unit_test(test_help_words),
		cmocka_unit_test(test_seq_name_round_trip),
		cmocka_unit_test(test_print_unbind),
		cmocka_unit_test(test_unbind_many),
		cmocka_unit_test(test_commands_resolved),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
