/* format.c - which adapter reads a document: the name first, then the
 * content. */
#include "parse.h"

#include <string.h>
#include <strings.h>

int
format_from_name(const char *s)
{
	if (strcasecmp(s, "txt") == 0 || strcasecmp(s, "text") == 0)
		return FORMAT_TXT;
	if (strcasecmp(s, "md") == 0 || strcasecmp(s, "markdown") == 0)
		return FORMAT_MD;
	if (strcasecmp(s, "html") == 0 || strcasecmp(s, "htm") == 0)
		return FORMAT_HTML;
	return -1;
}

static int
has_suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), k = strlen(suf);

	return n > k && strcasecmp(name + n - k, suf) == 0;
}

enum doc_format
format_sniff(const char *name, const char *utf8, size_t len)
{
	size_t i = 0, n;

	if (name != NULL) {
		if (has_suffix(name, ".md") || has_suffix(name, ".markdown"))
			return FORMAT_MD;
		if (has_suffix(name, ".html") || has_suffix(name, ".htm") ||
		    has_suffix(name, ".xhtml"))
			return FORMAT_HTML;
		if (has_suffix(name, ".txt") || has_suffix(name, ".text"))
			return FORMAT_TXT;
	}
	while (i < len && (utf8[i] == ' ' || utf8[i] == '\n' || utf8[i] == '\t'))
		i++;
	n = len - i;
	if ((n >= 9 && strncasecmp(utf8 + i, "<!doctype", 9) == 0) ||
	    (n >= 5 && strncasecmp(utf8 + i, "<html", 5) == 0))
		return FORMAT_HTML;
	return FORMAT_TXT;
}
