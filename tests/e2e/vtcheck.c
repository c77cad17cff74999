/* vtcheck.c - the terminal-output firewall oracle (security.md §5.2 T2).
 * Reads what yuedu wrote to the terminal (tmux pipe-pane -o) and fails on
 * anything ncurses would not send for screen drawing: OSC, DCS, APC, PM,
 * SOS, C1 controls (8-bit or UTF-8 encoded), BEL, ENQ, CSI ... t (window
 * ops, title reports), CSI ... q (DECSCUSR, XTVERSION), and bidi or
 * invisible format characters passed through raw.
 *
 * Usage: vtcheck FILE; prints one line per problem (at most 20) and exits
 * 1 when there was any. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int problems;

static void
bad(long off, const char *what)
{
	if (++problems <= 20)
		printf("offset %ld: %s\n", off, what);
}

/* Length of the UTF-8 sequence at p (1 when invalid) and its value. */
static size_t
decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = 0xfffffffful;
		return 1;
	}
	if (n < len) {
		*cp = 0xfffffffful;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = 0xfffffffful;
			return 1;
		}
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return len;
}

static int
bidi_or_invisible(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c || c == 0x200b ||
	    (c >= 0x2060 && c <= 0x2064) || c == 0xfeff;
}

int
main(int argc, char **argv)
{
	FILE *f;
	unsigned char *buf;
	size_t n, i = 0, cap = 1 << 20;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: vtcheck FILE\n");
		return 2;
	}
	buf = malloc(cap);
	n = 0;
	for (;;) {
		size_t r = fread(buf + n, 1, cap - n, f);

		n += r;
		if (n < cap)
			break;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	fclose(f);
	while (i < n) {
		unsigned char c = buf[i];
		uint32_t cp;
		size_t len;

		if (c == 0x1b) {
			unsigned char d = i + 1 < n ? buf[i + 1] : 0;

			switch (d) {
			case ']':
				bad((long)i, "OSC");
				break;
			case 'P':
				bad((long)i, "DCS");
				break;
			case '_':
				bad((long)i, "APC");
				break;
			case '^':
				bad((long)i, "PM");
				break;
			case 'X':
				bad((long)i, "SOS");
				break;
			case '[': {
				size_t j = i + 2;

				while (j < n && (buf[j] < 0x40 || buf[j] > 0x7e))
					j++;
				if (j < n && (buf[j] == 't' || buf[j] == 'q'))
					bad((long)i, buf[j] == 't' ?
					    "CSI ... t (window/title)" :
					    "CSI ... q");
				i = j + 1;
				continue;
			}
			default:
				break;
			}
			i += 2;
			continue;
		}
		if (c == 0x07) {
			bad((long)i, "BEL");
			i++;
			continue;
		}
		if (c == 0x05) {
			bad((long)i, "ENQ");
			i++;
			continue;
		}
		len = decode(buf + i, n - i, &cp);
		if (cp == 0xfffffffful) {
			if (c >= 0x80 && c <= 0x9f)
				bad((long)i, "8-bit C1 byte");
		} else if (cp >= 0x80 && cp <= 0x9f)
			bad((long)i, "C1 control (UTF-8)");
		else if (bidi_or_invisible(cp))
			bad((long)i, "bidi/format character passed raw");
		i += len;
	}
	free(buf);
	if (problems > 20)
		printf("... %d problems\n", problems);
	return problems > 0;
}
