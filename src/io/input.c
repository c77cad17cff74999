/* input.c - reading bytes from a path, "-" or stdin (security.md R8).
 * The path is opened non-blocking and without becoming our controlling
 * terminal, and fstat decides what it is before anything is read. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "decompress.h"
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

/* A decompression limit or damaged data: the text so far is kept and
 * the reason is what --info and the message say. */
static void
stopped(struct input *in)
{
	in->truncated = 1;
	if (in->note == NULL) {
		in->note = decomp_message(in->z, in->name);
		in->why = xstrdup(decomp_reason(in->z));
	}
}

/* Once the first bytes in in->head tell (or the input ended): plain text
 * moves to in->bytes, compressed data to a decompressor.  They wait in
 * head so that nobody (the stream's binary check) sees half a magic. */
static void
sniff(struct input *in, bool at_end)
{
	enum decomp_format f;

	f = decomp_sniff(in->head.data, in->head.len, at_end);
	if (f == DECOMP_UNSURE)
		return;
	in->sniffed = 1;
	if (f == DECOMP_NONE) {
		buf_free(&in->bytes);
		in->bytes = in->head;
		buf_init(&in->head);
		if (at_end)
			in->eof = 1;
		return;
	}
	in->compression = decomp_name(f);
	in->z = decomp_new(f, in->limit);
	decomp_feed(in->z, in->head.data, in->head.len);
	buf_free(&in->head);
}

/* Input whose format is not known yet, or compressed: reads raw chunks
 * and decompresses them until max bytes of text came, the input turned
 * out plain (the caller reads it itself), the end, or (unless wait)
 * nothing is ready.  Returns 1 when text came, 0 when none did, -1 at the
 * end, -2 on a read error (errno). */
static int
pull(struct input *in, size_t max, bool wait)
{
	size_t before = in->bytes.len;
	char *chunk = NULL;
	int rc = 0, err = 0;

	while (!in->eof) {
		struct pollfd pfd = { .fd = in->fd, .events = POLLIN };
		size_t got = in->bytes.len - before;
		ssize_t n;
		int r;

		if (in->z != NULL) {
			enum decomp_status st;

			if (got >= max)
				break;
			st = decomp_run(in->z, &in->bytes, max - got);
			if (st == DECOMP_LIMIT || st == DECOMP_DAMAGED)
				stopped(in);
			if (st == DECOMP_LIMIT || st == DECOMP_DAMAGED ||
			    st == DECOMP_DONE) {
				/* xz may hold 65 MiB: give it back now. */
				decomp_free(in->z);
				in->z = NULL;
				in->eof = 1;
				input_close(in);
				break;
			}
			if (st == DECOMP_MORE)
				continue;
			if (in->raw_eof) {
				decomp_end(in->z);
				continue;
			}
		} else if (in->sniffed)
			break;		/* plain: the caller reads on */
		else if (in->raw_eof) {
			sniff(in, true);
			continue;
		}
		if (in->fd < 0) {
			in->raw_eof = 1;
			continue;
		}
		do
			r = poll(&pfd, 1, wait ? -1 : 0);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			rc = -2;
			err = errno;
			break;
		}
		if (r == 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			break;
		if (chunk == NULL)
			chunk = xmalloc(READ_CHUNK);
		n = read(in->fd, chunk, READ_CHUNK);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			rc = -2;
			err = errno;
			break;
		}
		if (n == 0) {
			in->raw_eof = 1;
			input_close(in);
			continue;
		}
		in->raw_bytes += (size_t)n;
		if (in->z != NULL)
			decomp_feed(in->z, chunk, (size_t)n);
		else {
			buf_put(&in->head, chunk, (size_t)n);
			sniff(in, false);
		}
	}
	free(chunk);
	if (rc == -2) {
		errno = err;
		return -2;
	}
	if (in->bytes.len > before)
		return 1;
	return in->eof ? -1 : 0;
}

/* Reads in->fd to EOF or INPUT_MAX_BYTES of text.  stream: wait for data
 * with poll, because a FIFO with no writer yet reads as EOF.  Unless
 * force, the first INPUT_SNIFF_BYTES of text (or all, when shorter) are
 * checked as soon as they are in: returns -2 with *why set when they look
 * binary, so that a 4 GB file or an endless /dev/zero is refused after
 * 8 KB. */
static int
read_all(bool stream, size_t hint, bool force, struct input *in,
    const char **why)
{
	struct buf *b = &in->bytes;
	bool checked = force, reserved = false;
	int fd = in->fd;

	for (;;) {
		size_t want;
		ssize_t n;

		if (!checked && b->len >= INPUT_SNIFF_BYTES) {
			checked = true;
			*why = input_binary_reason(b->data, INPUT_SNIFF_BYTES);
			if (*why != NULL)
				return -2;
		}
		if (!in->sniffed || in->z != NULL) {
			int r = pull(in, checked ? SIZE_MAX : INPUT_SNIFF_BYTES,
			    true);

			if (r == -2)
				return -1;
			if (r == -1)
				break;
			continue;
		}
		if (in->eof)
			break;
		/* Plain text, read straight into bytes; the file's size is
		 * reserved once it passed the binary check. */
		if (checked && !reserved && hint > b->len) {
			buf_reserve(b, MIN(hint, INPUT_MAX_BYTES) - b->len);
			reserved = true;
		}
		want = MIN(READ_CHUNK, INPUT_MAX_BYTES - b->len);
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
	buf_init(&in->head);
	in->fd = -1;
	in->limit = INPUT_MAX_BYTES;
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
	rc = read_all(in->is_stream, in->size_hint, force != 0, in, &why);
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
	decomp_free(in->z);
	in->z = NULL;
	return 0;

bad:
	err = errno;
	input_free(in);
	errno = err;
	return -1;
}

int
input_pump(struct input *in, size_t max)
{
	size_t got = 0, before = in->bytes.len;

	if (in->eof)
		return -1;
	if (!in->sniffed || in->z != NULL) {
		int r = pull(in, max, false);

		if (r != -2)
			return r;
		in->eof = 1;
		input_close(in);
		return in->bytes.len > before ? 1 : -1;
	}
	if (in->fd < 0)
		return -1;
	while (got < max) {
		struct pollfd pfd = { .fd = in->fd, .events = POLLIN };
		size_t want = MIN(READ_CHUNK,
		    in->limit - MIN(in->limit, in->dropped + in->bytes.len));
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
input_drop(struct input *in, size_t n)
{
	n = MIN(n, in->bytes.len);
	if (n == 0)
		return;
	memmove(in->bytes.data, in->bytes.data + n, in->bytes.len - n);
	in->bytes.len -= n;
	in->bytes.data[in->bytes.len] = '\0';
	in->dropped += n;
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
	buf_free(&in->head);
	decomp_free(in->z);
	in->z = NULL;
	free(in->name);
	free(in->note);
	free(in->why);
	in->name = in->note = in->why = NULL;
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
		{ "7z\xbc\xaf\x27\x1c", 6, "7-zip archive" },
	};
	size_t i, s = MIN(n, (size_t)INPUT_SNIFF_BYTES);

	for (i = 0; i < nitems(magics); i++)
		if (starts(p, n, magics[i].magic, magics[i].len))
			return magics[i].what;
	/* gzip, bzip2, xz and zstd data never gets here: it is decompressed
	 * and its text checked.  "MZ" is also how text can start: ask for
	 * more. */
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
