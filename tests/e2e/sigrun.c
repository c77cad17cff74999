/* sigrun.c - helpers for the signal cases (tests/e2e/cases/signals.sh).
 *
 *   sigrun run PIDFILE STATUSFILE CMD [ARG...]
 *	Runs CMD, writes its pid to PIDFILE, and when it ends writes
 *	"exit N KB" or "signal N KB" to STATUSFILE (KB: its peak RSS).  A
 *	shell cannot tell exit(143) from death by SIGTERM; this can.
 *
 *   sigrun tail FILE
 *	FILE is what the pane received (tmux pipe-pane -o).  Passes when it
 *	holds rmcup for TERM=screen (ESC [ ? 1049 l) and nothing after the
 *	last one draws: only mode and attribute sequences (CSI ... h, l, m;
 *	ESC =, ESC >) and CR, LF, CAN, SI, SO may follow.  Otherwise prints
 *	why and exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int
write_file(const char *path, const char *s)
{
	char tmp[4096];
	FILE *f;

	/* Whole or not at all: the script polls for the file. */
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fputs(s, f);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

static int
run(char **argv)
{
	char line[64];
	struct rusage ru;
	pid_t pid;
	int st;

	if ((pid = fork()) < 0)
		return 2;
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	snprintf(line, sizeof line, "%ld\n", (long)pid);
	write_file(argv[0], line);
	while (wait4(pid, &st, 0, &ru) < 0)
		;
	if (WIFSIGNALED(st))
		snprintf(line, sizeof line, "signal %d %ld\n", WTERMSIG(st),
		    ru.ru_maxrss);
	else
		snprintf(line, sizeof line, "exit %d %ld\n", WEXITSTATUS(st),
		    ru.ru_maxrss);
	write_file(argv[1], line);
	return 0;
}

static int
tail(const char *path)
{
	static const char rmcup[] = "\033[?1049l";
	static unsigned char buf[1 << 22];
	const unsigned char *last = NULL, *p, *end;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		printf("cannot open %s\n", path);
		return 1;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	end = buf + n;
	for (p = buf; p + sizeof rmcup - 1 <= end; p++)
		if (memcmp(p, rmcup, sizeof rmcup - 1) == 0)
			last = p;
	if (last == NULL) {
		printf("no rmcup in %zu bytes\n", n);
		return 1;
	}
	if (last == buf) {
		printf("nothing drawn before rmcup\n");
		return 1;
	}
	for (p = last + sizeof rmcup - 1; p < end; p++) {
		if (*p == '\r' || *p == '\n' || *p == 030 || *p == 016 ||
		    *p == 017)
			continue;
		if (p[0] == 033 && p + 1 < end && (p[1] == '=' || p[1] == '>')) {
			p++;
			continue;
		}
		if (p[0] == 033 && p + 1 < end && p[1] == '[') {
			const unsigned char *q = p + 2;

			while (q < end && *q >= 0x20 && *q <= 0x3f)
				q++;
			if (q < end && (*q == 'h' || *q == 'l' || *q == 'm')) {
				p = q;
				continue;
			}
		}
		printf("drawing after rmcup at offset %ld: byte 0x%02x\n",
		    (long)(p - buf), *p);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	if (argc == 3 && strcmp(argv[1], "tail") == 0)
		return tail(argv[2]);
	fprintf(stderr, "usage: sigrun run PIDFILE STATUSFILE CMD...\n"
	    "       sigrun tail FILE\n");
	return 2;
}
