#!/bin/bash
# bench/view_bench.sh - the reading view against less, through a real
# pseudo-terminal (a private tmux server) at 120x40:
#   first   ms from start until the first screen is drawn
#   end     ms from pressing G until the last page is shown
#   bytes   bytes written to the terminal for 50 page-downs (pipe-pane)
#   j50     bytes written for 50 one-line scrolls
#   hwm     peak resident memory (VmHWM) after G, in MB
# Texts: bench/out/zh-{1,10,100}mb.txt from bench/make_corpus.sh.
# Not a test: it prints a table.  SIZES="1 10" limits the sizes.
# Opening big texts (medians, GB18030, the loader's targets) is measured by
# bench/load_bench.sh; both use bench/term_lib.sh.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C.UTF-8
exec </dev/null
ROOT=$(pwd)
YUEDU=${YUEDU_BIN:-$ROOT/yuedu}
case $YUEDU in /*) ;; *) YUEDU=$ROOT/${YUEDU#./} ;; esac
SIZES=${SIZES:-1 10 100}
WAIT_MS=300000

[ -x "$YUEDU" ] || { echo "build ./yuedu first (make)" >&2; exit 1; }
command -v less >/dev/null || { echo "needs less" >&2; exit 1; }
sh bench/make_corpus.sh >/dev/null || exit 1

. bench/term_lib.sh
tb_start view

drawn() { [[ $LAST =~ [^[:space:]] ]]; }
at_end_yuedu() { [[ $LAST == *100%* ]]; }
at_end_less() { [[ $LAST == *'(END)'* ]]; }
ms() { # the ms from $1 to $2 (microseconds), or "timeout"
	if [ "$3" = 0 ]; then REPLY=$((($2 - $1 + 500) / 1000)); else REPLY=timeout; fi
}

printf '%-6s %-6s %9s %9s %10s %9s %8s\n' size prog first_ms end_ms \
	bytes_50pg bytes_50j hwm_MB
for mb in $SIZES; do
	f=bench/out/zh-${mb}mb.txt
	[ -f "$f" ] || { echo "missing $f" >&2; continue; }
	for prog in yuedu less; do
		if [ "$prog" = yuedu ]; then cmd=$YUEDU endf=at_end_yuedu
		else cmd=less endf=at_end_less; fi
		tb_launch "$cmd" "$f"
		tb_wait $WAIT_MS drawn
		ms "$TB_T0" "$SEEN" $?
		first=$REPLY
		tb_wait_stable SCREEN 150 $WAIT_MS
		tb_record Space 50
		pg=${BYTES:-?}
		tb_record j 50
		j=${BYTES:-?}
		tb_keys G
		tb_wait $WAIT_MS $endf
		ms "$TB_T0" "$SEEN" $?
		end=$REPLY
		tb_hwm
		hwm=$(awk -v k="${HWM_KB:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
		printf '%-6s %-6s %9s %9s %10s %9s %8s\n' "${mb}MB" "$prog" \
			"$first" "$end" "$pg" "$j" "$hwm"
		tb_end
	done
done
