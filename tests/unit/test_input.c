/* test_input.c - input_read on directories, missing paths, devices, empty
 * and procfs files, FIFOs with a late writer, stdin; input_binary_reason
 * (security.md R8, catalogue E). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "dump.h"
#include "input.h"
#include "load.h"
#include "util.h"
#include "testutil.h"

static char tmpdir[] = "/tmp/yuedu-test-input.XXXXXX";

static int
setup(void **state)
{
	UNUSED(state);
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
teardown(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;

	UNUSED(state);
	/* Only our own mkdtemp directory, which is flat. */
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", tmpdir, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(d);
	return rmdir(tmpdir);
}

static char *
tpath(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void
expect_error(const char *path, const char *want)
{
	struct input in;
	char *cause = NULL;

	assert_int_equal(input_read(path, 0, &in, &cause), -1);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("cause '%s', want '%s'", cause, want);
	assert_null(strchr(cause, '\n'));
	free(cause);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void
test_directory(void **state)
{
	char *want = xasprintf("%s: is a directory", tmpdir);

	UNUSED(state);
	expect_error(tmpdir, want);
	free(want);
}

static void
test_nonexistent(void **state)
{
	char *p = tpath("no-such-file"), *want;

	UNUSED(state);
	want = xasprintf("%s: %s", p, strerror(ENOENT));
	expect_error(p, want);
	free(want);
	free(p);
}

static void
test_eloop_and_long_name(void **state)
{
	char *a = tpath("loop-a"), *b = tpath("loop-b"), *want;
	struct input in;
	char *cause = NULL, *longp;

	UNUSED(state);
	assert_int_equal(symlink(b, a), 0);
	assert_int_equal(symlink(a, b), 0);
	want = xasprintf("%s: %s", a, strerror(ELOOP));
	expect_error(a, want);
	free(want);

	longp = xmalloc(5001);
	memset(longp, 'x', 5000);
	longp[5000] = '\0';
	assert_int_equal(input_read(longp, 0, &in, &cause), -1);
	assert_non_null(strstr(cause, strerror(ENAMETOOLONG)));
	free(cause);
	free(longp);
	free(a);
	free(b);
}

static void
test_unreadable(void **state)
{
	char *p = tpath("secret"), *want;
	pid_t pid;
	int st;

	UNUSED(state);
	write_file(p, "x", 1);
	assert_int_equal(chmod(p, 0), 0);
	want = xasprintf("%s: %s", p, strerror(EACCES));
	if (geteuid() != 0) {
		expect_error(p, want);
	} else {
		/* Root reads mode 000 files: check as nobody in a child. */
		assert_int_equal(chmod(tmpdir, 0711), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			struct input in;
			char *cause = NULL;

			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(3);
			if (input_read(p, 0, &in, &cause) != -1)
				_exit(1);
			_exit(strcmp(cause, want) == 0 ? 0 : 2);
		}
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
		assert_int_equal(chmod(tmpdir, 0700), 0);
	}
	free(want);
	free(p);
}

static void
test_name_sanitised(void **state)
{
	char *p = tpath("book\x1b]0;pwned\a\n.txt");
	struct input in;
	char *cause = NULL;

	UNUSED(state);
	assert_int_equal(input_read(p, 0, &in, &cause), -1);
	assert_null(strchr(cause, '\x1b'));
	assert_null(strchr(cause, '\a'));
	assert_null(strchr(cause, '\n'));
	assert_non_null(strstr(cause, strerror(ENOENT)));
	free(cause);
	free(p);
}

static void
test_devices(void **state)
{
	UNUSED(state);
	expect_error("/dev/null", "/dev/null: is a device");
	expect_error("/dev/zero", "/dev/zero: is a device");
	expect_error("/dev/urandom", "/dev/urandom: is a device");
}

static void
test_empty_file(void **state)
{
	char *p = tpath("empty");
	struct input in;
	char *cause = NULL;

	UNUSED(state);
	write_file(p, "", 0);
	assert_int_equal(input_read(p, 0, &in, &cause), 0);
	assert_int_equal(in.bytes.len, 0);
	assert_non_null(in.bytes.data);
	assert_int_equal(in.bytes.data[0], '\0');
	assert_false(in.is_stream);
	assert_false(in.truncated);
	assert_string_equal(in.name, p);
	input_free(&in);
	free(p);
}

static void
test_regular_file(void **state)
{
	char *p = tpath("big"), *data;
	size_t i, n = 300000;
	struct input in;
	char *cause = NULL;

	UNUSED(state);
	data = xmalloc(n);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 + i / 251);
	write_file(p, data, n);
	/* The pattern has NULs: read it as --force would. */
	assert_int_equal(input_read(p, 1, &in, &cause), 0);
	assert_int_equal(in.bytes.len, n);
	assert_memory_equal(in.bytes.data, data, n);
	assert_false(in.is_stream);
	input_free(&in);
	free(data);
	free(p);
}

/* st_size is 0 on procfs: read to EOF anyway (less #282). */
static void
test_procfs(void **state)
{
	struct input in;
	char *cause = NULL;
	struct stat st;

	UNUSED(state);
	assert_int_equal(stat("/proc/self/status", &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(input_read("/proc/self/status", 0, &in, &cause), 0);
	assert_true(in.bytes.len > 0);
	assert_non_null(strstr(in.bytes.data, "Name:"));
	input_free(&in);
}

/* Writes the test pattern to fd in pieces, with pauses. */
static void
writer(int fd, long delay_ms)
{
	static char big[100000];
	size_t i;

	for (i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	sleep_ms(delay_ms);
	if (write(fd, "hello ", 6) != 6)
		_exit(2);
	sleep_ms(50);
	if (write(fd, "world\n", 6) != 6)
		_exit(2);
	for (i = 0; i < sizeof big; i += 4096)
		if (write(fd, big + i, MIN(4096, sizeof big - i)) < 0)
			_exit(2);
}

static void
check_pattern(const struct input *in)
{
	size_t i;

	assert_int_equal(in->bytes.len, 12 + 100000);
	assert_memory_equal(in->bytes.data, "hello world\n", 12);
	for (i = 0; i < 100000; i++)
		assert_int_equal(in->bytes.data[12 + i], 'a' + i % 26);
}

/* E3: the FIFO is opened before any writer; the reader must wait for it
 * instead of taking "no writer" as EOF. */
static void
test_fifo_late_writer(void **state)
{
	char *p = tpath("fifo");
	struct input in;
	char *cause = NULL;
	pid_t pid;
	int st;

	UNUSED(state);
	assert_int_equal(mkfifo(p, 0600), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd;

		sleep_ms(300);
		fd = open(p, O_WRONLY);
		if (fd < 0)
			_exit(1);
		writer(fd, 100);
		close(fd);
		_exit(0);
	}
	assert_int_equal(input_read(p, 0, &in, &cause), 0);
	assert_true(in.is_stream);
	assert_string_equal(in.name, p);
	check_pattern(&in);
	input_free(&in);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	free(p);
}

static void
read_stdin_from_child(const char *arg)
{
	struct input in;
	char *cause = NULL;
	int fds[2], saved;
	pid_t pid;
	int st;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		writer(fds[1], 50);
		close(fds[1]);
		_exit(0);
	}
	close(fds[1]);
	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
	assert_int_equal(input_read(arg, 0, &in, &cause), 0);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_true(in.is_stream);
	assert_string_equal(in.name, "(stdin)");
	check_pattern(&in);
	input_free(&in);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void
test_stdin(void **state)
{
	UNUSED(state);
	read_stdin_from_child(NULL);
	read_stdin_from_child("-");
}

/* `yuedu < /dev/null`: stdin may be any device; empty input is fine. */
static void
test_stdin_dev_null(void **state)
{
	struct input in;
	char *cause = NULL;
	int fd = open("/dev/null", O_RDONLY), saved = dup(STDIN_FILENO);

	UNUSED(state);
	assert_true(fd >= 0 && saved >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	assert_int_equal(input_read("-", 0, &in, &cause), 0);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_int_equal(in.bytes.len, 0);
	input_free(&in);
}

static void
test_binary_reason(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want;	/* NULL: text */
	} t[] = {
		{ "\x7f" "ELF\2\1\1\0\0\0", 10, "ELF executable" },
		{ "PK\3\4\x14\0\0\0", 8, "ZIP archive" },
		{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "PNG image" },
		{ "GIF89a\1\0", 8, "GIF image" },
		{ "\xff\xd8\xff\xe0\0\x10JFIF", 10, "JPEG image" },
		{ "%PDF-1.7\n", 9, "PDF document" },
		{ "a\0b\n", 4, "NUL bytes" },
		/* text */
		{ "hello\n", 6, NULL },
		{ "", 0, NULL },
		{ "MZ is how this line starts\n", 27, NULL },
		{ "BZh is not bzip2 here\n", 22, NULL },
		/* Compressed data is decompressed before this check. */
		{ "BZh91AY&SY", 10, NULL },
		{ "\xe4\xb8\xad\xe6\x96\x87\n", 7, NULL },
		{ "\xff\xfe" "a\0b\0", 6, NULL },
		{ "\xfe\xff\0a\0b", 6, NULL },
		{ "h\0e\0l\0l\0o\0\n\0", 12, NULL },
		{ "\0h\0e\0l\0l\0o\0\n", 12, NULL },
		{ "h\0\0\0i\0\0\0\n\0\0\0", 12, NULL },
		{ "\x60\x4f\x7d\x59\x16\x4e\x4c\x75\x0a\x00", 10, NULL },
	};
	size_t i;
	char *zeros, *mz;

	UNUSED(state);
	for (i = 0; i < nitems(t); i++) {
		const char *r = input_binary_reason(t[i].bytes, t[i].len);

		if (t[i].want == NULL && r != NULL)
			fail_msg("case %zu: binary (%s), want text", i, r);
		if (t[i].want != NULL &&
		    (r == NULL || strcmp(r, t[i].want) != 0))
			fail_msg("case %zu: %s, want %s", i, r ? r : "text",
			    t[i].want);
	}
	zeros = xcalloc(1, 1 << 20);
	assert_string_equal(input_binary_reason(zeros, 1 << 20), "NUL bytes");
	/* A NUL after the first 8 KB does not count. */
	memset(zeros, 'a', 9000);
	assert_null(input_binary_reason(zeros, 9001));
	free(zeros);
	mz = xcalloc(1, 128);
	memcpy(mz, "MZ\x90", 3);
	assert_string_equal(input_binary_reason(mz, 128), "PE/DOS executable");
	free(mz);
}

/* The real /bin/ls through input_read. */
static void
test_binary_file(void **state)
{
	struct input in;
	char *cause = NULL;

	UNUSED(state);
	if (access("/bin/ls", R_OK) != 0)
		skip();
	assert_int_equal(input_read("/bin/ls", 1, &in, &cause), 0);
	assert_string_equal(input_binary_reason(in.bytes.data, in.bytes.len),
	    "ELF executable");
	input_free(&in);
	/* Without force input_read refuses it itself. */
	assert_int_equal(input_read("/bin/ls", 0, &in, &cause), -1);
	assert_string_equal(cause, "/bin/ls: looks like a binary file "
	    "(ELF executable); use --force to read it anyway");
	free(cause);
}

/* Binary input is refused after its first 8 KB, not after all of it: a
 * writer that sends 9000 NULs and then holds the pipe open for 3 s must
 * not be waited for (`cat /dev/zero | yuedu` read 1 GB first). */
static void
test_binary_refused_early(void **state)
{
	struct input in;
	char *cause = NULL, *p, *want;
	int fds[2], saved, fd, st;
	struct timespec t0, t1;
	double secs;
	pid_t pid;

	UNUSED(state);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char zeros[9000];

		close(fds[0]);
		if (write(fds[1], zeros, sizeof zeros) < 0)
			_exit(2);
		sleep_ms(3000);
		_exit(0);
	}
	close(fds[1]);
	saved = dup(STDIN_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(input_read("-", 0, &in, &cause), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_string_equal(cause, "(stdin): looks like a binary file "
	    "(NUL bytes); use --force to read it anyway");
	free(cause);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs > 1.5)
		fail_msg("took %.2f s: waited for the rest of the input", secs);

	/* A 1 GiB sparse file: refused, name sanitised. */
	p = tpath("sparse\x1b[2J.bin");
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0);
	close(fd);
	assert_int_equal(input_read(p, 0, &in, &cause), -1);
	assert_null(strchr(cause, '\x1b'));
	want = xasprintf("%.*s\xe2\x90\x9b[2J.bin: looks like a binary file "
	    "(NUL bytes); use --force to read it anyway",
	    (int)(strlen(p) - 8), p);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	unlink(p);
	free(p);

	/* A short binary file (less than 8 KB) too. */
	p = tpath("short.bin");
	write_file(p, "a\0b\n", 4);
	assert_int_equal(input_read(p, 0, &in, &cause), -1);
	assert_non_null(strstr(cause, "(NUL bytes)"));
	free(cause);
	assert_int_equal(input_read(p, 1, &in, &cause), 0);
	assert_int_equal(in.bytes.len, 4);
	input_free(&in);
	free(p);

	/* UTF-16 text is full of NULs and is not binary. */
	p = tpath("utf16.txt");
	write_file(p, "h\0e\0l\0l\0o\0\n\0", 12);
	assert_int_equal(input_read(p, 0, &in, &cause), 0);
	assert_int_equal(in.bytes.len, 12);
	input_free(&in);
	free(p);
}

/* Input stops at 256 MiB (security.md R8: processing costs several times
 * the input), and says so. */
static void
test_size_cap(void **state)
{
	char *p = tpath("huge");
	struct input in;
	char *cause = NULL;
	int fd;

	UNUSED(state);
	assert_int_equal(INPUT_MAX_BYTES, (size_t)256 << 20);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)300 << 20), 0);
	close(fd);
	assert_int_equal(input_read(p, 1, &in, &cause), 0);
	assert_int_equal(in.bytes.len, (size_t)256 << 20);
	assert_true(in.truncated);
	input_free(&in);
	unlink(p);
	free(p);
}

/* --info says where a truncated input stopped. */
static void
test_info_truncated(void **state)
{
	struct load_opts lo = { NULL, -1, 0, 0 };
	struct doc *d = load_bytes("t.txt", "abc\n", 4, &lo);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f;

	UNUSED(state);
	d->truncated = 1;
	d->source_bytes = INPUT_MAX_BYTES;
	f = open_memstream(&out, &outlen);
	assert_non_null(f);
	{
		struct out *o = out_file(f);

		dump_info(d, o);
		out_close(o);
	}
	fclose(f);
	assert_non_null(strstr(out,
	    "\ntruncated: yes (input stopped at 256 MiB)\n"));
	free(out);
	doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_nonexistent),
		cmocka_unit_test(test_eloop_and_long_name),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_name_sanitised),
		cmocka_unit_test(test_devices),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_procfs),
		cmocka_unit_test(test_fifo_late_writer),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_stdin_dev_null),
		cmocka_unit_test(test_binary_reason),
		cmocka_unit_test(test_binary_file),
		cmocka_unit_test(test_binary_refused_early),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_info_truncated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
