/* libFuzzer target for the plain-text pipeline: bytes -> decode ->
 * sanitise -> parse_txt -> document; the model must pass doc_check and the
 * printers must not crash.  The first byte picks a forced encoding or
 * detection. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
#include "dump.h"
#include "load.h"

static const char *const encs[] = {
	NULL, "UTF-8", "GB18030", "BIG5-HKSCS", "UTF-16LE", "WINDOWS-1252",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	struct doc *d;
	FILE *null;

	if (size < 1)
		return 0;
	lo.encoding = encs[data[0] % (sizeof encs / sizeof encs[0])];
	d = load_bytes("fuzz.txt", (const char *)data + 1, size - 1, &lo);
	if (doc_check(d, out_stderr()) != 0)
		abort();
	if ((null = fopen("/dev/null", "w")) != NULL) {
		struct out *o = out_file(null);

		dump_outline(d, OUTLINE_TSV, o);
		dump_info(d, o);
		dump_layout(d, 1 + data[0] % 60, 1, o);
		out_close(o);
		fclose(null);
	}
	doc_free(d);
	return 0;
}
