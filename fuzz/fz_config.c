/* libFuzzer target for the config parser: bytes -> config_load_text ->
 * config_print.  Invariants: every message is sanitised, the messages
 * about lines stay capped, and the printed settings parse back without a
 * message into a config that prints the same text (--print-config output
 * is a valid config file that means the same). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "output.h"
#include "sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The config as --print-config prints it (malloc'd). */
static char *
printed(const struct config *c, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	struct out *o;

	if (f == NULL)
		abort();
	o = out_file(f);
	config_print(c, o);
	out_close(o);
	fclose(f);
	return text;
}

static void
check_msgs(const struct config *c)
{
	/* CONFIG_MAX_MSGS line messages, one "N more", and none other
	 * without a file here. */
	if (c->nmsgs > CONFIG_MAX_MSGS + 1)
		abort();
	for (size_t i = 0; i < c->nmsgs; i++)
		if (c->msgs[i] == NULL ||
		    !sanitize_is_clean(c->msgs[i], strlen(c->msgs[i])))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c, c2;
	char *p1, *p2;
	size_t n1, n2;

	config_init(&c);
	config_load_text(&c, "fuzz.conf", (const char *)data, size);
	check_msgs(&c);
	p1 = printed(&c, &n1);
	config_init(&c2);
	config_load_text(&c2, "printed", p1, n1);
	check_msgs(&c2);
	if (c2.nmsgs != 0) {
		out_error("printed config has a bad line: %s", c2.msgs[0]);
		abort();
	}
	p2 = printed(&c2, &n2);
	if (n1 != n2 || memcmp(p1, p2, n1) != 0) {
		out_error("printed twice differs:\n%s\n---\n%s", p1, p2);
		abort();
	}
	free(p1);
	free(p2);
	config_free(&c2);
	config_free(&c);
	return 0;
}
