#!/bin/sh
# tests/lint.sh - the "one way to the terminal" rule, checked on the source
# (security.md R1, docs/architecture.md):
#   - only src/base/output.c calls a stdio printer or write()s to fd 1/2
#     (a line may opt out with the comment "lint: raw write" and a reason:
#     the crash handler's async-signal-safe terminal restore);
#   - only src/term/view.c includes curses, and inside it only term_add()
#     hands characters to curses.
# Each check first runs on a planted violation, so a check that can no
# longer fail is a failure too.
cd "$(dirname "$0")/.." || exit 1
fail=0
pass() { echo "PASS $1"; }
bad() { echo "FAIL $1"; fail=1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

PRINTERS='(^|[^A-Za-z0-9_.>])(printf|fprintf|vprintf|vfprintf|dprintf|puts|fputs|fputc|putc|putchar|fwrite|perror|psignal|err|errx|warn|warnx|vwarn|vwarnx)[ ]*\('
RAWWRITE='(^|[^A-Za-z0-9_])write[ ]*\([ ]*(1|2|STDOUT_FILENO|STDERR_FILENO|fileno\()'
# printers DIR: the offending lines outside output.c
printers() {
	for f in "$1"/*.c "$1"/*/*.c; do
		[ -f "$f" ] || continue
		case $f in */base/output.c) continue ;; esac
		grep -nE "$PRINTERS|$RAWWRITE" "$f" | grep -v 'lint: raw write' |
			sed "s|^|$f:|"
	done
}
# curses_writers FILE: curses text calls outside term_add()
CURSES='(^|[^A-Za-z0-9_])(mv|w|mvw)?(addstr|addnstr|addwstr|addnwstr|add_wch|add_wchstr|add_wchnstr|addch|addchstr|addchnstr|printw|vw_printw|insstr|insnstr|ins_wstr|ins_nwstr|ins_wch|insch|echochar|echo_wchar)[ ]*\('
curses_writers() {
	awk -v re="$CURSES" '
		/^[a-z_][a-z0-9_]*\(/ { fn = $0; sub(/\(.*/, "", fn) }
		/^}/ { fn = "" }
		$0 ~ re && fn != "term_add" { print FILENAME ":" FNR ": " $0 }
	' "$1"
}

mkdir -p "$T/src"
printf 'static void\nf(void)\n{\n\tfprintf(stderr, "x");\n}\n' >"$T/src/bad.c"
printf 'static void\ng(void)\n{\n\tmvaddstr(0, 0, s);\n}\n' >"$T/view.c"
if [ -n "$(printers "$T/src")" ] && [ -n "$(curses_writers "$T/view.c")" ]; then
	pass lint-checks-can-fail
else
	bad lint-checks-can-fail
fi

out=$(printers src)
if [ -z "$out" ]; then pass lint-printers-only-in-output-c; else
	bad lint-printers-only-in-output-c; echo "$out"; fi
out=$(curses_writers src/term/view.c)
if [ -z "$out" ]; then pass lint-curses-text-only-in-term-add; else
	bad lint-curses-text-only-in-term-add; echo "$out"; fi
out=$(grep -lE '#include <(n?curses|ncursesw/curses|term)\.h>' src/*/*.c include/*/*.h |
	grep -v '^src/term/view\.c$')
if [ -z "$out" ]; then pass lint-curses-only-in-view-c; else
	bad lint-curses-only-in-view-c; echo "$out"; fi
exit $fail
