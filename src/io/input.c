/* input.c - reading bytes from a path, "-" or stdin (security.md R8).
 * The path is opened non-blocking and without becoming our controlling
 * terminal, and fstat decides what it is before anything is read. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "sanitize.h"

#define READ_CHUNK ((size_t)1 << 16)

/* "NAME: msg" with the name made safe to print. */
static char *
fail(const char *name, const char *msg)
{
	char *s = sanitize_str(name), *m;

	m = xasprintf("%s: %s", s, msg);
	free(s);
	return m;
}

/* Reads fd to EOF or INPUT_MAX_BYTES.  stream: wait for data with poll,
 * because a FIFO with no writer yet reads as EOF.  Unless force, the
 * first INPUT_SNIFF_BYTES (or all, when shorter) are checked as soon as
 * they are in: returns -2 with *why set when they look binary, so that
 * a 4 GB file or an endless /dev/zero is refused after 8 KB. */
static int
read_all(int fd, bool stream, size_t hint, bool force, struct input *in,
    const char **why)
{
	struct buf *b = &in->bytes;
	bool checked = force;

	if (hint > 0 && checked)
		buf_reserve(b, MIN(hint, INPUT_MAX_BYTES));
	for (;;) {
		size_t want = MIN(READ_CHUNK, INPUT_MAX_BYTES - b->len);
		ssize_t n;

		if (!checked && b->len >= INPUT_SNIFF_BYTES) {
			checked = true;
			*why = input_binary_reason(b->data, INPUT_SNIFF_BYTES);
			if (*why != NULL)
				return -2;
			if (hint > b->len)
				buf_reserve(b, MIN(hint, INPUT_MAX_BYTES) -
				    b->len);
		}
		if (want == 0) {
			char probe;

			/* Exactly at the cap: only say "truncated" when more
			 * bytes really follow. */
			do
				n = read(fd, &probe, 1);
			while (n < 0 && errno == EINTR);
			if (n > 0)
				in->truncated = 1;
			break;
		}
		if (!checked)
			want = MIN(want, INPUT_SNIFF_BYTES - b->len);
		if (stream) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };

			if (poll(&pfd, 1, -1) < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
		}
		buf_reserve(b, want);
		n = read(fd, b->data + b->len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				continue;	/* poll said ready; a race */
			return -1;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	buf_reserve(b, 0);
	b->data[b->len] = '\0';
	if (!checked && (*why = input_binary_reason(b->data, b->len)) != NULL)
		return -2;
	return 0;
}

/* Opens path and decides what it is; see input_open(). */
static int
open_checked(const char *path, struct input *in, char **cause)
{
	bool is_stdin = path == NULL || strcmp(path, "-") == 0;
	const char *name = is_stdin ? "(stdin)" : path;
	struct stat st;
	int fd, err;

	memset(in, 0, sizeof *in);
	buf_init(&in->bytes);
	in->fd = -1;
	if (is_stdin) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			*cause = fail(name, strerror(errno));
			return -1;
		}
	}
	if (fstat(fd, &st) < 0) {
		*cause = fail(name, strerror(errno));
		goto bad;
	}
	if (S_ISDIR(st.st_mode)) {
		*cause = fail(name, "is a directory");
		goto bad;
	}
	/* A named device could be endless (/dev/zero) or have side effects;
	 * a terminal or whatever stdin is are read as streams. */
	if ((S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) && !is_stdin &&
	    !isatty(fd)) {
		*cause = fail(name, "is a device");
		goto bad;
	}
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
	    !S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode) && !is_stdin) {
		*cause = fail(name, "not a regular file");
		goto bad;
	}
	in->fd = fd;
	in->own_fd = !is_stdin;
	in->is_stream = !S_ISREG(st.st_mode);
	in->name = xstrdup(name);
	/* st_size 0 is not "empty" (procfs): always read to EOF. */
	in->size_hint = S_ISREG(st.st_mode) && st.st_size > 0 ?
	    (size_t)st.st_size : 0;
	return 0;

bad:
	err = errno;
	if (!is_stdin)
		close(fd);
	errno = err;
	return -1;
}

int
input_open(const char *path, struct input *in, char **cause)
{
	return open_checked(path, in, cause);
}

int
input_read(const char *path, int force, struct input *in, char **cause)
{
	const char *why = NULL;
	int rc, err;

	if (open_checked(path, in, cause) != 0)
		return -1;
	if (in->is_stream) {
		int fl = fcntl(in->fd, F_GETFL);

		/* stdin may have been given to us non-blocking too. */
		if (fl >= 0 && (fl & O_NONBLOCK))
			fcntl(in->fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	rc = read_all(in->fd, in->is_stream, in->size_hint, force != 0, in,
	    &why);
	if (rc == -2) {
		char *m = xasprintf("looks like a binary file (%s); "
		    "use --force to read it anyway", why);

		*cause = fail(in->name, m);
		free(m);
		goto bad;
	}
	if (rc < 0) {
		*cause = fail(in->name, strerror(errno));
		goto bad;
	}
	input_close(in);
	return 0;

bad:
	err = errno;
	input_close(in);
	buf_free(&in->bytes);
	free(in->name);
	in->name = NULL;
	errno = err;
	return -1;
}

int
input_pump(struct input *in, size_t max)
{
	size_t got = 0;

	if (in->eof || in->fd < 0)
		return -1;
	while (got < max) {
		struct pollfd pfd = { .fd = in->fd, .events = POLLIN };
		size_t want = MIN(READ_CHUNK, INPUT_MAX_BYTES - in->bytes.len);
		ssize_t n;
		int r;

		/* Read only what poll says is there: a FIFO whose writer
		 * has not come yet reads as EOF, but polls as not ready. */
		do
			r = poll(&pfd, 1, 0);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			goto end;
		if (r == 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			break;
		if (want == 0) {
			char probe;

			n = read(in->fd, &probe, 1);
			if (n > 0)
				in->truncated = 1;
			goto end;
		}
		buf_reserve(&in->bytes, want);
		n = read(in->fd, in->bytes.data + in->bytes.len, want);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			goto end;
		}
		if (n == 0)
			goto end;
		in->bytes.len += (size_t)n;
		in->bytes.data[in->bytes.len] = '\0';
		got += (size_t)n;
	}
	return got > 0 ? 1 : 0;
end:
	in->eof = 1;
	input_close(in);
	return got > 0 ? 1 : -1;
}

void
input_close(struct input *in)
{
	if (in->fd >= 0 && in->own_fd)
		close(in->fd);
	in->fd = -1;
}

void
input_free(struct input *in)
{
	input_close(in);
	buf_free(&in->bytes);
	free(in->name);
	in->name = NULL;
}

static bool
starts(const char *p, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(p, magic, m) == 0;
}

const char *
input_binary_reason(const char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} magics[] = {
		{ "\x7f" "ELF", 4, "ELF executable" },
		{ "PK\3\4", 4, "ZIP archive" },
		{ "PK\5\6", 4, "ZIP archive" },
		{ "\x89PNG\r\n\x1a\n", 8, "PNG image" },
		{ "GIF87a", 6, "GIF image" },
		{ "GIF89a", 6, "GIF image" },
		{ "\xff\xd8\xff", 3, "JPEG image" },
		{ "%PDF-", 5, "PDF document" },
		{ "\x1f\x8b", 2, "gzip data" },
		{ "\xfd" "7zXZ\0", 6, "xz data" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd data" },
		{ "7z\xbc\xaf\x27\x1c", 6, "7-zip archive" },
	};
	size_t i, s = MIN(n, (size_t)INPUT_SNIFF_BYTES);

	for (i = 0; i < nitems(magics); i++)
		if (starts(p, n, magics[i].magic, magics[i].len))
			return magics[i].what;
	/* "BZh" and "MZ" are also how text can start: ask for more. */
	if (starts(p, n, "BZh", 3) && n >= 10 && p[3] >= '1' && p[3] <= '9' &&
	    (memcmp(p + 4, "1AY&SY", 6) == 0 ||
	    memcmp(p + 4, "\x17rE8P\x90", 6) == 0))
		return "bzip2 data";
	if (starts(p, n, "MZ", 2) && n >= 64) {
		uint32_t off = (uint32_t)(unsigned char)p[60] |
		    (uint32_t)(unsigned char)p[61] << 8 |
		    (uint32_t)(unsigned char)p[62] << 16 |
		    (uint32_t)(unsigned char)p[63] << 24;

		if ((off <= n - 4 && memcmp(p + off, "PE\0\0", 4) == 0) ||
		    memchr(p, '\0', 64) != NULL)
			return "PE/DOS executable";
	}
	if (memchr(p, '\0', s) != NULL) {
		const char *u = decode_sniff_unicode(p, n);

		/* UTF-16/32 text is full of NULs. */
		if (u == NULL || strcmp(u, "UTF-8") == 0)
			return "NUL bytes";
	}
	return NULL;
}
