#!/bin/sh
# bench/run.sh - throughput of the non-interactive front door on large
# Chinese texts (made by bench/make_corpus.sh from the shared corpus).
#
# For each file: `yuedu --dump -w 80 FILE` and `yuedu --outline=tsv FILE`,
# best of BENCH_RUNS (default 3) wall-clock runs, MB/s (10^6 bytes of the
# file as stored), and peak RSS (/usr/bin/time %M, from the time package).
# Baselines in the same run: `cat FILE` (reading the bytes) and `wc -m FILE`
# (decoding UTF-8), or `iconv -f ENC -t UTF-8` for the GB18030 and UTF-16
# files.  When ./yuedu offers --bench-layout (first screen's layout at the
# start, middle and end, in milliseconds) its output is included too.
# The comparison with less needs a terminal: see bench/view_bench.sh.
#
# Prints a Markdown report and writes it to bench/out/results.md.
# Environment: BENCH_RUNS, BENCH_FILES (space-separated names in
# bench/out/, default all), YUEDU_BIN (default ./yuedu).

cd "$(dirname "$0")/.." || exit 2
LC_ALL=C.UTF-8
export LC_ALL
unset YUEDU COLUMNS LINES
bin=${YUEDU_BIN:-./yuedu}
runs=${BENCH_RUNS:-3}
out=bench/out
results=$out/results.md
files=${BENCH_FILES:-"zh-1mb.txt zh-10mb.txt zh-100mb.txt zh-10mb.gb18030.txt zh-100mb.gb18030.txt zh-10mb.utf16le.txt"}

if [ ! -x "$bin" ]; then
	echo "bench: $bin not built (make)" >&2
	exit 1
fi
sh bench/make_corpus.sh || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/yuedu-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
: >"$results.tmp"

emit() {
	printf '%s\n' "$*" | tee -a "$results.tmp"
}

timer=/usr/bin/time
[ -x "$timer" ] || timer=

now_ns() {
	date +%s%N
}

# measure CMD...: best wall time in seconds and largest peak RSS in KiB
# over $runs runs, into BEST and RSS; STATUS is the last non-zero exit or 0.
measure() {
	BEST='' RSS=0 STATUS=0
	m_i=0
	while [ "$m_i" -lt "$runs" ]; do
		m_t0=$(now_ns)
		if [ -n "$timer" ]; then
			"$timer" -f '%M' -o "$tmp/rss" "$@" >/dev/null 2>"$tmp/err" </dev/null
		else
			"$@" >/dev/null 2>"$tmp/err" </dev/null
		fi
		m_rc=$?
		m_t1=$(now_ns)
		[ "$m_rc" != 0 ] && STATUS=$m_rc
		m_ns=$((m_t1 - m_t0))
		if [ -z "$BEST" ] || [ "$m_ns" -lt "$BEST" ]; then BEST=$m_ns; fi
		if [ -n "$timer" ]; then
			m_rss=$(tail -n 1 "$tmp/rss")
			case $m_rss in '' | *[!0-9]*) m_rss=0 ;; esac
			[ "$m_rss" -gt "$RSS" ] && RSS=$m_rss
		fi
		m_i=$((m_i + 1))
	done
}

# row FILE LABEL CMD...: one table row.
row() {
	r_file=$1 r_label=$2
	shift 2
	r_size=$(wc -c <"$out/$r_file")
	measure "$@"
	if [ "$STATUS" != 0 ]; then
		r_msg=$(grep -v '^Command exited' "$tmp/err" | head -n 1 | sed 's/^\(.\{0,60\}\).*/\1/' | tr '|' '/')
		emit "| $r_file | $(awk -v b="$r_size" 'BEGIN { printf "%.1f", b / 1e6 }') | \`$r_label\` | exit $STATUS | | | $r_msg |"
		return
	fi
	if [ -n "$timer" ]; then
		r_rss=$(awk -v k="$RSS" 'BEGIN { printf "%.1f", k / 1024 }')
	else
		r_rss=n/a
	fi
	awk -v b="$r_size" -v ns="$BEST" -v rss="$r_rss" -v f="$r_file" \
	    -v l="$r_label" 'BEGIN {
		s = ns / 1e9
		mbs = (s > 0) ? sprintf("%.1f", b / 1e6 / s) : "inf"
		printf "| %s | %.1f | `%s` | %.3f | %s | %s | |\n", \
		    f, b / 1e6, l, s, mbs, rss
	}' | tee -a "$results.tmp"
}

case $(now_ns) in
*N* | '') echo "bench: date +%N unsupported (GNU date needed)" >&2; exit 1 ;;
esac

emit "# yuedu benchmark"
emit ""
emit "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
emit "- yuedu: $("$bin" -V 2>/dev/null | head -n 1) ($(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
emit "- machine: $(uname -sm), $(nproc 2>/dev/null) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
emit "- method: best of $runs wall-clock runs, output to /dev/null; MB = 10^6 bytes of the file as stored; RSS = peak resident set (/usr/bin/time %M)"
[ -z "$timer" ] && emit "- note: /usr/bin/time missing (apt-get install time): no RSS"
emit ""
emit "| file | MB | command | best s | MB/s | peak RSS MB | note |"
emit "|---|---:|---|---:|---:|---:|---|"

for f in $files; do
	if [ ! -s "$out/$f" ]; then
		echo "bench: $out/$f missing" >&2
		continue
	fi
	case $f in
	*.gb18030.*) enc=GB18030 ;;
	*.utf16le.*) enc=UTF-16LE ;;
	*) enc=UTF-8 ;;
	esac
	row "$f" "yuedu --dump -w 80" "$bin" --dump -w 80 "$out/$f"
	row "$f" "yuedu --outline=tsv" "$bin" --outline=tsv "$out/$f"
	row "$f" "cat" cat "$out/$f"
	if [ "$enc" = UTF-8 ]; then
		row "$f" "wc -m" wc -m "$out/$f"
	else
		row "$f" "iconv -f $enc -t UTF-8" iconv -f "$enc" -t UTF-8 "$out/$f"
	fi
done

emit ""
emit "## First screen's layout (start, middle, end)"
emit ""
if "$bin" --help 2>&1 | grep -q -e '--bench-layout'; then
	emit '```'
	for f in $files; do
		[ -s "$out/$f" ] || continue
		emit "$ $bin --bench-layout $out/$f"
		"$bin" --bench-layout "$out/$f" 2>&1 </dev/null | head -n 20 |
		    tee -a "$results.tmp"
	done
	emit '```'
else
	emit "skipped: this yuedu has no --bench-layout option."
fi
emit ""
emit "The comparison with less (time to the first screen and to the end through a pseudo-terminal) is bench/view_bench.sh."

mv "$results.tmp" "$results"
echo "bench: wrote $results" >&2
