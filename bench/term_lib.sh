# bench/term_lib.sh - a pseudo-terminal for the benchmarks, sourced by
# bench/view_bench.sh and bench/load_bench.sh (bash only).
#
# A private tmux server (its own -L socket, killed on exit) runs one program
# at a time in session "B" of TB_W x TB_H cells (default 120x40, no status
# bar).  The helpers keep their results in globals so that a poll costs one
# tmux client and nothing more:
#
#   tb_start NAME        start the server; TB_TMP is a private directory
#   tb_launch CMD...     run CMD in B (fresh HOME, LC_ALL=C.UTF-8,
#                        TERM=screen, LESS= ...); TB_PID its pid, TB_T0
#                        the time the start command returned
#   tb_screen            capture B: SCREEN, ROWS, TEXT (every row but the
#                        last), LAST (the last row) and SEEN (the time of
#                        the capture: the midpoint of the tmux call)
#   tb_wait CAP_MS PRED  capture until the function PRED succeeds
#   tb_wait_stable VAR MS CAP_MS [RE [INIT INIT_TIME]]
#                        capture until $VAR (SCREEN, TEXT or LAST) has not
#                        changed for MS ms and does not match RE; SINCE is
#                        when it first showed its final value
#   tb_keys KEY...       send keys; TB_T0 the time send-keys returned
#   tb_record KEY N      bytes written to the terminal while N KEYs are
#                        handled, one every 30 ms, into BYTES
#   tb_hwm               peak resident memory of TB_PID (VmHWM) into HWM_KB
#   tb_end               quit (q), then end the session; kills TB_PID if it
#                        outlives it
# A caller that runs a command in the background puts its pid in TB_BG: on
# exit it gets SIGTERM.
# shellcheck shell=bash disable=SC2034,SC2015 # results are globals
# Times are integer microseconds (EPOCHREALTIME).  The waits return 0 when
# done, 1 on timeout and 2 when the session has gone (the program died).

TB_W=${TB_W:-120}
TB_H=${TB_H:-40}
TB_S=B

tb_now() {
	NOW=${EPOCHREALTIME//[.,]/}
}

# tb_nap SECONDS: sleeps without a fork (read on a FIFO nobody writes).
tb_nap() {
	read -r -t "$1" -u "$TB_NAPFD" _ 2>/dev/null
	return 0
}

tb_start() {
	command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
	TB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yuedu-$1.XXXXXX") || exit 1
	TB_SOCK="yuedu-$1-$$-$RANDOM"
	TB=(tmux -u -L "$TB_SOCK" -f /dev/null)
	TB_PID=
	TB_BG=
	trap tb_stop EXIT
	trap 'exit 130' INT TERM HUP
	mkfifo "$TB_TMP/nap" && exec {TB_NAPFD}<>"$TB_TMP/nap" || exit 1
	"${TB[@]}" new-session -d -s keep -x "$TB_W" -y "$TB_H" "sleep 100000" ||
	    { echo "tmux: cannot start a server" >&2; exit 1; }
	TB_SOCKPATH=$("${TB[@]}" display -p '#{socket_path}')
	"${TB[@]}" set -g status off \; set -g default-shell /bin/sh \
	    \; set -g remain-on-exit off >/dev/null
	TB_ENV=(env -u YUEDU -u COLUMNS -u LINES LC_ALL=C.UTF-8 TERM=screen
	    "HOME=$TB_TMP" "XDG_CONFIG_HOME=$TB_TMP" LESS= LESSOPEN= LESSCLOSE=
	    LESSHISTFILE=-)
}

tb_stop() {
	if [ -n "${TB_SOCK:-}" ]; then
		"${TB[@]}" kill-server >/dev/null 2>&1
		# tmux 3.3 leaves the socket behind.
		case ${TB_SOCKPATH:-} in */yuedu-*) rm -f "$TB_SOCKPATH" ;; esac
		TB_SOCK=
	fi
	tb_kill_pid
	if [ -n "${TB_BG:-}" ] && [ -d "/proc/$TB_BG" ]; then
		kill -TERM "$TB_BG" 2>/dev/null
	fi
	TB_BG=
	[ -n "${TB_TMP:-}" ] && rm -rf "$TB_TMP"
	TB_TMP=
}

# tb_kill_pid: TB_PID, if it is still running, gets SIGKILL (a program that
# ignores the hang-up must not outlive the benchmark).
tb_kill_pid() {
	if [ -n "${TB_PID:-}" ] && [ -d "/proc/$TB_PID" ]; then
		kill -KILL "$TB_PID" 2>/dev/null
	fi
	TB_PID=
}

tb_launch() {
	local cmd
	printf -v cmd '%q ' exec "${TB_ENV[@]}" "$@"
	TB_PID=$("${TB[@]}" new-session -d -P -F '#{pane_pid}' -s "$TB_S" \
	    -x "$TB_W" -y "$TB_H" "$cmd")
	tb_now
	TB_T0=$NOW
}

tb_screen() {
	local a=${EPOCHREALTIME//[.,]/}
	SCREEN=$("${TB[@]}" capture-pane -p -t "$TB_S" 2>/dev/null) || return 2
	tb_now
	SEEN=$(((a + NOW) / 2))
	mapfile -t ROWS <<<"$SCREEN"
	# $(...) drops trailing blank rows: fewer rows means a blank last row.
	if [ "${#ROWS[@]}" -ge "$TB_H" ]; then
		LAST=${ROWS[TB_H - 1]}
	else
		LAST=
	fi
	printf -v TEXT '%s\n' "${ROWS[@]:0:TB_H-1}"
}

tb_wait() {
	local cap=$1 pred=$2 start
	tb_now
	start=$NOW
	while :; do
		tb_screen || return 2
		"$pred" && return 0
		[ $((NOW - start)) -gt $((cap * 1000)) ] && return 1
		tb_nap 0.01
	done
}

tb_wait_stable() {
	local var=$1 ms=$2 cap=$3 re=${4:-} prev=${5-} have=0 start cur
	[ $# -ge 6 ] && { have=1; SINCE=$6; }
	tb_now
	start=$NOW
	while :; do
		tb_screen || return 2
		cur=${!var}
		if [ "$have" = 0 ] || [ "$cur" != "$prev" ]; then
			prev=$cur
			SINCE=$SEEN
			have=1
		elif [ $((SEEN - SINCE)) -ge $((ms * 1000)) ] &&
		    { [ -z "$re" ] || ! [[ $cur =~ $re ]]; }; then
			return 0
		fi
		[ $((NOW - start)) -gt $((cap * 1000)) ] && return 1
		tb_nap 0.02
	done
}

tb_keys() {
	"${TB[@]}" send-keys -t "$TB_S" "$@" 2>/dev/null
	tb_now
	TB_T0=$NOW
}

tb_record() {
	local key=$1 n=$2 i out=$TB_TMP/record.bin
	rm -f "$out"
	"${TB[@]}" pipe-pane -t "$TB_S" -o "cat > $out"
	tb_nap 0.2
	for ((i = 0; i < n; i++)); do
		"${TB[@]}" send-keys -t "$TB_S" "$key"
		tb_nap 0.03
	done
	tb_wait_stable SCREEN 150 20000
	"${TB[@]}" pipe-pane -t "$TB_S"
	tb_nap 0.2
	BYTES=$(stat -c %s "$out" 2>/dev/null) || BYTES=
}

tb_hwm() {
	HWM_KB=
	[ -n "${TB_PID:-}" ] || return 1
	HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$TB_PID/status" 2>/dev/null)
	[ -n "$HWM_KB" ]
}

tb_end() {
	local i
	"${TB[@]}" send-keys -t "$TB_S" q 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		[ -n "${TB_PID:-}" ] && [ -d "/proc/$TB_PID" ] || break
		tb_nap 0.03
	done
	"${TB[@]}" kill-session -t "$TB_S" >/dev/null 2>&1
	for ((i = 0; i < 50; i++)); do
		[ -n "${TB_PID:-}" ] && [ -d "/proc/$TB_PID" ] || break
		tb_nap 0.02
	done
	tb_kill_pid
}
