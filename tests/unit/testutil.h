/* testutil.h - helpers shared by the unit tests.  The Makefile builds
 * each tests/unit/test_*.c on its own, so they are static inline. */
#ifndef YUEDU_TESTUTIL_H
#define YUEDU_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

/* The shared corpus: $YUEDU_CORPUS, else ../shared/corpus. */
static inline const char *
corpus_dir(void)
{
	const char *d = getenv("YUEDU_CORPUS");

	return d != NULL && *d != '\0' ? d : "../shared/corpus";
}

/* Whether the shared corpus is there: a clone with nothing beside it
 * skips the tests that read it (cmocka's skip(), counted as skipped). */
static inline int
corpus_present(void)
{
	FILE *f;
	char path[4096];

	snprintf(path, sizeof path, "%s/README.md", corpus_dir());
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	fclose(f);
	return 1;
}
/* Use after cmocka.h: skips the calling test without the corpus. */
#define CORPUS_OR_SKIP() do {						\
	if (!corpus_present())						\
		skip();							\
} while (0)

/* The whole file at path, NUL-terminated (*len leaves the NUL out), or
 * NULL when it cannot be opened. */
static inline char *
slurp_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char tmp[65536];
	size_t n;

	if (f == NULL)
		return NULL;
	buf_init(&b);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_put(&b, tmp, n);
	fclose(f);
	return buf_detach(&b, len);
}

/* Writes p[0..n) to path, asserting each step; after cmocka.h. */
#ifdef cmocka_unit_test
static inline void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}
#endif

#endif
