/* libFuzzer target for the loader (loader.h): a file read, decoded and
 * parsed in pieces of a few bytes to a few KB, so short inputs cross many
 * piece boundaries, encoding switches and heading-level refinements.  The
 * document shown while loading must pass doc_check at every growth, keep
 * its address, and be a prefix of the final text.  The first byte picks
 * a forced encoding or detection and the piece sizes. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "doc.h"
#include "loader.h"

static const char *const encs[] = {
	NULL, NULL, NULL, "UTF-8", "GB18030", "UTF-16LE",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_opts lo = { NULL, -1, 1, 0 };
	struct loader *ld = NULL;
	struct doc *d, *final;
	char path[64], *cause = NULL, *early = NULL;
	size_t early_len = 0;
	int fd;

	if (size < 1)
		return 0;
	lo.encoding = encs[data[0] % (sizeof encs / sizeof encs[0])];
	loader_first_bytes = 16u << (data[0] >> 5);	/* 16 .. 2048 */
	loader_piece_bytes = 8u << ((data[0] >> 3) & 3);	/* 8 .. 64 */
	fd = memfd_create("fz_loader", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (loader_open(path, &lo, &ld, &cause) != 1) {
		free(cause);
		close(fd);
		return 0;
	}
	d = loader_doc(ld);
	if (doc_check(d, out_stderr()) != 0)
		abort();
	early_len = d->text_len;
	early = malloc(early_len + 1);
	if (early != NULL)
		memcpy(early, d->text, early_len);
	while (!loader_done(ld)) {
		if (loader_step(ld, 0) && doc_check(loader_doc(ld),
		    out_stderr()) != 0)
			abort();
		if (loader_doc(ld) != d)
			abort();
	}
	final = loader_take(ld);
	if (final != d || doc_check(final, out_stderr()) != 0)
		abort();
	if (early != NULL && (final->text_len < early_len ||
	    memcmp(final->text, early, early_len) != 0))
		abort();
	free(early);
	loader_free(ld);
	doc_free(final);
	close(fd);
	return 0;
}
