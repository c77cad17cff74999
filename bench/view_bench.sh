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
set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
YUEDU=${YUEDU_BIN:-$ROOT/yuedu}
SIZES=${SIZES:-1 10 100}
W=120
H=40

[ -x "$YUEDU" ] || { echo "build ./yuedu first (make)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
command -v less >/dev/null || { echo "needs less" >&2; exit 1; }
sh bench/make_corpus.sh >/dev/null || exit 1

TMPD=$(mktemp -d)
T="tmux -L yuedu-bench-$$ -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMPD"' EXIT
$T new-session -d -s keep "sleep 100000"
$T set -g status off
ENVS="env LC_ALL=C.UTF-8 TERM=screen HOME=$TMPD XDG_CONFIG_HOME=$TMPD LESS= LESSHISTFILE=-"

ms() { date +%s%3N; }
last_line() { $T capture-pane -t B -p | tail -n 1; }

# until CMD succeeds (polling every 10 ms, at most 300 s)
until_ok() {
	local i
	for i in $(seq 30000); do
		"$@" && return 0
		sleep 0.01
	done
	return 1
}
drawn() { [ -n "$(last_line | tr -d ' ')" ]; }
at_end_yuedu() { last_line | grep -q '100%'; }
at_end_less() { last_line | grep -q '(END)'; }
settled() {
	local a b
	a=$($T capture-pane -t B -p)
	sleep 0.15
	b=$($T capture-pane -t B -p)
	[ "$a" = "$b" ]
}

# record FILE KEY N: bytes written while N KEYs are handled.
record() {
	local out=$1 key=$2 n=$3 i
	rm -f "$out"
	$T pipe-pane -t B -o "cat > $out"
	sleep 0.2
	for i in $(seq "$n"); do
		$T send-keys -t B "$key"
		sleep 0.03
	done
	until_ok settled
	$T pipe-pane -t B
	sleep 0.2
	stat -c %s "$out"
}

printf '%-6s %-6s %9s %9s %10s %9s %8s\n' size prog first_ms end_ms \
	bytes_50pg bytes_50j hwm_MB
for mb in $SIZES; do
	f=bench/out/zh-${mb}mb.txt
	[ -f "$f" ] || { echo "missing $f" >&2; continue; }
	for prog in yuedu less; do
		if [ "$prog" = yuedu ]; then cmd="$YUEDU $f"; endf=at_end_yuedu
		else cmd="less $f"; endf=at_end_less; fi
		t0=$(ms)
		$T new-session -d -s B -x $W -y $H "exec $ENVS $cmd"
		$T resize-window -t B -x $W -y $H
		until_ok drawn
		t1=$(ms)
		pid=$($T display -p -t B '#{pane_pid}')
		until_ok settled
		pg=$(record "$TMPD/pg.bin" Space 50)
		j=$(record "$TMPD/j.bin" j 50)
		t2=$(ms)
		$T send-keys -t B G
		until_ok $endf
		t3=$(ms)
		hwm=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
		printf '%-6s %-6s %9d %9d %10d %9d %8s\n' "${mb}MB" "$prog" \
			$((t1 - t0)) $((t3 - t2)) "$pg" "$j" "$hwm"
		$T send-keys -t B q
		sleep 0.3
		$T kill-session -t B 2>/dev/null
	done
done
