# tests/e2e/cases/signals.sh - every way out restores the terminal.
# Sourced by tests/e2e/run.sh (bash), after its own cases: start, cap,
# wait_for, gone_within, pass, fail, want, $T, $TMPD, $BIN, $ENVS, $SEED.
#
# Each case runs yuedu under tests/e2e/sigrun (which records the pid, how
# it ended, exit N or signal N, and its peak RSS) in a pane whose output
# tmux copies to a file, then sends a signal and checks that yuedu is gone
# within a second, with the status a shell would show, and that the last
# bytes it wrote put the normal screen back with nothing drawn after.

if want signals || want lines-columns; then
	if ! cc -O1 -o "$TMPD/sigrun" "$HERE/sigrun.c"; then
		fail sigrun-build
	fi
fi

# sig_start NAME PREFIX ARGS...: yuedu ARGS in a pane of its own under
# sigrun; PREFIX goes between $ENVS and sigrun (extra VAR=value, or "").
# The output is copied to $TMPD/NAME.bin, the pid is in $TMPD/NAME.pid.
sig_start() {
	local name=$1 prefix=$2
	shift 2
	server
	rm -f "$TMPD/$name.pid" "$TMPD/$name.st" "$TMPD/$name.bin"
	$T new-session -d -s "$name" -x 80 -y 24 \
		"sleep 0.3; ulimit -c 0; exec $ENVS $prefix $TMPD/sigrun run $TMPD/$name.pid $TMPD/$name.st $*"
	$T resize-window -t "$name" -x 80 -y 24 2>/dev/null
	# Keep the pane until its last bytes are read and copied.
	$T set-option -w -t "$name" remain-on-exit on
	$T pipe-pane -t "$name" -o "cat > $TMPD/$name.bin"
}

# sig_pid NAME: the pid of yuedu in NAME (waits for sigrun to write it).
sig_pid() {
	local i
	for i in $(seq 100); do
		[ -s "$TMPD/$1.pid" ] && { cat "$TMPD/$1.pid"; return 0; }
		sleep 0.05
	done
	return 1
}

# sig_status NAME: "exit N KB" or "signal N KB", once sigrun has it.
sig_status() {
	local i
	for i in $(seq 40); do
		[ -s "$TMPD/$1.st" ] && { cat "$TMPD/$1.st"; return 0; }
		sleep 0.05
	done
	echo "none"
}

# sig_end NAME: closes the pane; the copy of its output is complete then.
sig_end() {
	sleep 0.2
	$T kill-session -t "$1" 2>/dev/null
	sleep 0.1
}

# sig_bytes CASE NAME: the captured output ends with the terminal restored.
sig_bytes() {
	local why
	if why=$("$TMPD/sigrun" tail "$TMPD/$2.bin"); then
		pass "$1"
	else
		fail "$1" "$why"
	fi
}

# sig_case CASE NAME SIG WANT [UPTO]: sends SIG to yuedu in NAME (started,
# text shown) and checks that it is gone within 1 s and ended as WANT
# ("exit 143", "signal 11"); then the bytes, up to the text UPTO when
# given (what is printed on the restored screen).
sig_case() {
	local case=$1 name=$2 sig=$3 want_st=$4 upto=${5:-} pid="" st off
	if ! pid=$(sig_pid "$name") || ! wait_for "$name" "%"; then
		fail "$case" "yuedu did not start"
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
		$T kill-session -t "$name" 2>/dev/null
		return
	fi
	kill -"$sig" "$pid"
	if gone_within "$pid" 20; then
		st=$(sig_status "$name")
		case $st in
		"$want_st "*) pass "$case" ;;
		*) fail "$case" "ended as '$st', want '$want_st'" ;;
		esac
	else
		fail "$case" "still running 1 s after SIG$sig"
		kill -9 "$pid" 2>/dev/null
	fi
	sig_end "$name"
	if [ -n "$upto" ]; then
		off=$(grep -boa -- "$upto" "$TMPD/$name.bin" | head -n 1)
		off=${off%%:*}
		if [ -z "$off" ]; then
			fail "$case-restores" "no '$upto' in the output"
			return
		fi
		head -c "$off" "$TMPD/$name.bin" >"$TMPD/$name.cut"
		mv "$TMPD/$name.cut" "$TMPD/$name.bin"
	fi
	sig_bytes "$case-restores" "$name"
}

# --- signals that end the process: a clean end, status 128 + N ----------------
if want signals; then
	for sig in HUP INT QUIT TERM USR1 USR2 ALRM PIPE XCPU XFSZ VTALRM PROF; do
		n=$(kill -l "$sig")
		sig_start "q$sig" "" "$BIN" "$SEED"
		sig_case "sig$sig-status" "q$sig" "$sig" "exit $((128 + n))"
	done
fi

# --- crashes: the terminal first, then the default action (core) -------------
# The plain build: under ASan, SEGV, BUS and FPE are the sanitizer's (below).
PLAIN=$ROOT/yuedu
if want signals && [ -x "$PLAIN" ]; then
	for sig in SEGV BUS ABRT FPE ILL; do
		n=$(kill -l "$sig")
		sig_start "c$sig" "" "$PLAIN" "$SEED"
		sig_case "crash$sig-dies-by-signal" "c$sig" "$sig" "signal $n"
	done
fi

# Under ASan, a SEGV goes on to ASan's handler after the restore, and its
# report still appears, on the normal screen.  The report goes to a log of
# its own (the suite fails on reports in $TMPD); UBSAN_OPTIONS' log_path
# wins over ASAN_OPTIONS' in the combined runtime, so both are set.
if want signals && strings "$BIN" 2>/dev/null | grep -q AddressSanitizer; then
	mkdir -p "$TMPD/chain"
	sig_start asegv "ASAN_OPTIONS=abort_on_error=0:log_path=$TMPD/chain/san UBSAN_OPTIONS=log_path=$TMPD/chain/san" \
		"$BIN" "$SEED"
	sig_case crashSEGV-asan-status asegv SEGV "exit 1" AddressSanitizer
	if grep -qs "AddressSanitizer: SEGV" "$TMPD"/chain/san.*; then
		pass crashSEGV-asan-report
	else
		fail crashSEGV-asan-report "no ASan report after the restore"
	fi
fi

# --- absurd LINES/COLUMNS: capped, fast, small, and quick to stop --------------
# ncurses takes them over the real size; 20000x20000 once grew past
# 3.6 GB and took 28 s to stop.
lc_case() {	# CASE ENV MESSAGE KEY-OR-SIGNAL WANT
	local case=$1 env=$2 msg=$3 how=$4 want_st=$5 pid="" st kb line
	sig_start "$case" "$env" "$BIN" "$SEED"
	if ! pid=$(sig_pid "$case") || ! wait_for "$case" "%" 100; then
		fail "$case" "no text within 5 s"
		# Not SIGHUP alone: a runaway one would take its time.
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
		$T kill-session -t "$case" 2>/dev/null
		return
	fi
	line=$(cap "$case" | tail -n 1)
	case $line in
	*"$msg"*) pass "$case-message" ;;
	*) fail "$case-message" "status line: $line" ;;
	esac
	if [ "$how" = q ]; then
		$T send-keys -t "$case" q
	else
		kill -"$how" "$pid"
	fi
	if ! gone_within "$pid" 20; then
		fail "$case-stops" "still running 1 s after $how"
		kill -9 "$pid" 2>/dev/null
		sig_end "$case"
		return
	fi
	st=$(sig_status "$case")
	kb=$(echo "$st" | awk '{ print $3 + 0 }')
	case $st in
	"$want_st "*) pass "$case-stops" ;;
	*) fail "$case-stops" "ended as '$st', want '$want_st'" ;;
	esac
	if [ "$kb" -gt 0 ] && [ "$kb" -lt 300000 ]; then
		pass "$case-rss"
	else
		fail "$case-rss" "peak RSS ${kb} kB (limit 300 MB)"
	fi
	sig_end "$case"
	sig_bytes "$case-restores" "$case"
}
if want lines-columns; then
	lc_case lines-columns-20000 "LINES=20000 COLUMNS=20000" \
		"ignored LINES over 1000, COLUMNS over 1000" TERM "exit 143"
	lc_case lines-columns-20000-q "LINES=20000 COLUMNS=20000" \
		"ignored LINES over 1000" q "exit 0"
	lc_case lines-columns-abc "LINES=abc COLUMNS=99999999999999999999" \
		"ignored LINES not a number, COLUMNS over 1000" TERM "exit 143"
fi
