/* libFuzzer target for the option parser: the input split at NUL bytes is
 * an argv, parsed as the command line and as $YUEDU's words; the input up
 * to its first NUL also goes through options_env_argv.  Invariants: an
 * error comes with a message and success without one, $YUEDU never gives
 * files, and files and --config point into argv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when p points into one of argv[1..argc). */
static int
in_argv(const char *p, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
			return 1;
	return 0;
}

static void
parse(int argc, char **argv, bool env)
{
	struct options o;
	char *err = (char *)(uintptr_t)1;	/* must be overwritten */
	int rc;

	options_defaults(&o);
	rc = options_parse(argc, argv, env, &o, &err);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1 && (err == NULL || err[0] == '\0'))
		abort();
	if (rc == 0 && err != NULL)
		abort();
	if (rc == 0) {
		if (env && o.nfiles != 0)
			abort();
		if (o.nfiles < 0 || o.nfiles >= argc)
			abort();
		for (int i = 0; i < o.nfiles; i++) {
			int found = 0;

			for (int k = 1; k < argc; k++)
				found |= o.files[i] == argv[k];
			if (!found)
				abort();
		}
		if (o.aa.config_path != NULL &&
		    !in_argv(o.aa.config_path, argc, argv))
			abort();
		if (o.term_charset != NULL &&
		    !in_argv(o.term_charset, argc, argv))
			abort();
	}
	free(o.files);
	free(err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, **argv, **envv, *store;
	int argc = 1, envc;
	size_t words = 1;

	if (size > 4096)
		return 0;
	/* A copy with a NUL at the end: every word is a C string. */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t i = 0; i < size; i++)
		words += copy[i] == '\0';
	argv = calloc(words + 2, sizeof *argv);
	if (argv == NULL) {
		free(copy);
		return 0;
	}
	argv[0] = (char *)(uintptr_t)"yuedu";
	for (size_t i = 0; i <= size; i += strlen(copy + i) + 1)
		argv[argc++] = copy + i;
	argv[argc] = NULL;
	parse(argc, argv, false);
	parse(argc, argv, true);
	envv = options_env_argv(copy, &envc, &store);
	if (envv != NULL) {
		if (envc < 2 || envv[envc] != NULL)
			abort();
		parse(envc, envv, true);
	}
	free(envv);
	free(store);
	free(argv);
	free(copy);
	return 0;
}
