#!/bin/sh
# tests/valgrind.sh - the non-interactive front door under valgrind
# (security.md: uninitialised reads and leaks end to end, which ASan and
# UBSan do not see).  ./yuedu --dump, --outline=tsv and --info over the
# project's own fixture (plain, gzip and xz) and a few small corpus files: a
# web dump, a GB2312 file, a Markdown law (SKIP when the corpus is absent).
# One PASS/FAIL line per run; valgrind errors or definite/indirect leaks
# (exit 99) and any other non-zero exit fail.
#
# Environment: YUEDU_CORPUS (default ../shared/corpus), YUEDU_BIN
# (default ./yuedu).  tests/valgrind.supp is used when present.

cd "$(dirname "$0")/.." || exit 2
corpus=${YUEDU_CORPUS:-../shared/corpus}
bin=${YUEDU_BIN:-./yuedu}
LC_ALL=${LC_ALL:-C.UTF-8}
export LC_ALL

if ! command -v valgrind >/dev/null 2>&1; then
	echo "FAIL valgrind: not installed (make deps)"
	exit 1
fi
if [ ! -x "$bin" ]; then
	echo "FAIL valgrind: $bin not built"
	exit 1
fi

supp=
[ -f tests/valgrind.supp ] && supp=--suppressions=tests/valgrind.supp

files="web-dump/party-building-article.txt
txt-legacy-encodings/python3.11-test-cjkencodings/gb2312.txt
md-laws-subset/DLC/河南地方法规/地方性法规/河南/新乡市大气污染防治条例(2019-07-01).md"

out=$(mktemp "${TMPDIR:-/tmp}/yuedu-vg.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT

fail=0
# run NAME FILE: every printing mode over FILE.
run() {
	for mode in --dump --outline=tsv --info; do
		echo "== valgrind $bin $mode $2"
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    --show-leak-kinds=definite,indirect \
		    --track-origins=yes $supp \
		    "$bin" "$mode" "$2" >"$out" 2>&1 </dev/null
		rc=$?
		# The program's output is kept short in the log; valgrind's
		# reports (lines starting ==PID==) in full.
		grep -v '^==[0-9]*==' "$out" | head -n 5
		grep '^==[0-9]*==' "$out" | sed -n '1,200p'
		if [ "$rc" = 0 ]; then
			echo "PASS valgrind $mode $1"
		elif [ "$rc" = 99 ]; then
			echo "FAIL valgrind $mode $1: valgrind errors"
			fail=1
		else
			grep -v '^==[0-9]*==' "$out" | tail -n 5
			echo "FAIL valgrind $mode $1: exit $rc"
			fail=1
		fi
	done
}

# The project's own fixture, plain and through two decompressors: these
# need nothing beside the clone.
gz=$(mktemp "${TMPDIR:-/tmp}/yuedu-vg.XXXXXX") || exit 2
trap 'rm -f "$out" "$gz" "$gz.xz"' EXIT
gzip -c tests/fixtures/screen.txt >"$gz"
run screen.txt tests/fixtures/screen.txt
run screen.txt.gz "$gz"
if command -v xz >/dev/null 2>&1; then
	xz -c tests/fixtures/screen.txt >"$gz.xz"
	run screen.txt.xz "$gz.xz"
fi

# The file list has no blanks within names; split on newlines only.
IFS='
'
for rel in $files; do
	f=$corpus/$rel
	name=$(basename "$rel")
	if [ ! -f "$f" ]; then
		echo "SKIP valgrind $name: missing $f"
		continue
	fi
	run "$name" "$f"
done
exit "$fail"
