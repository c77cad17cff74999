#!/bin/sh
# tests/fuzz_replay.sh - replays every saved fuzz corpus under ASan+UBSan.
#
# For each fuzz/fz_X.c (and each built build/fuzz/fz_X), runs
#   build/fuzz/fz_X -runs=0 fuzz/corpus/fz_X/
# libFuzzer executes every file of the directory once and stops; any crash,
# leak, sanitizer report or timeout fails the target.  One PASS/FAIL line per
# target.  A target without a corpus directory (or with an empty one) is
# skipped with a note; a target whose source exists but whose binary was not
# built fails.  Crash artifacts go to build/fuzz-artifacts/, not the tree.
#
# Environment: FUZZ_REPLAY_TIMEOUT (seconds per input, default 25).

cd "$(dirname "$0")/.." || exit 2

ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
per_input=${FUZZ_REPLAY_TIMEOUT:-25}
artifacts=build/fuzz-artifacts
mkdir -p "$artifacts" || exit 2

targets=$(
	for f in fuzz/fz_*.c build/fuzz/fz_*; do
		[ -f "$f" ] || continue
		n=$(basename "$f" .c)
		case $n in *.*) continue ;; esac
		echo "$n"
	done | sort -u
)

if [ -z "$targets" ]; then
	echo "note: no fuzz targets (fuzz/fz_*.c)"
	exit 0
fi

fail=0
for n in $targets; do
	bin=build/fuzz/$n
	dir=fuzz/corpus/$n
	if [ ! -d "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then
		echo "note: $n: no saved corpus in $dir/, skipped"
		continue
	fi
	if [ ! -x "$bin" ]; then
		echo "FAIL $n: $bin not built (make fuzz-build)"
		fail=1
		continue
	fi
	count=$(find "$dir" -type f | wc -l | tr -d ' ')
	# libFuzzer cuts seeds at 1 MiB unless told a larger -max_len.
	maxlen=$(find "$dir" -type f -exec wc -c {} + | awk '
	    $2 != "total" && $1 > m { m = $1 } END { print m + 0 }')
	lenopt=
	[ "$maxlen" -gt 1048576 ] && lenopt=-max_len=$maxlen
	echo "== $n: $count inputs in $dir/"
	"$bin" ${lenopt:+"$lenopt"} -runs=0 -timeout="$per_input" -rss_limit_mb=2048 \
	    -artifact_prefix="$artifacts/$n-" -print_final_stats=0 "$dir" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		echo "PASS $n ($count inputs)"
	else
		echo "FAIL $n (exit $rc; reproduce: $bin $artifacts/$n-*)"
		fail=1
	fi
done
exit "$fail"
