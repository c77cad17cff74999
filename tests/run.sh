#!/bin/sh
# tests/run.sh - the whole suite, as `make test` runs it (after the build).
#
# Stages, in order; each counts individual cases:
#   unit    every build/tests/test_* binary (cmocka output: "[  PASSED  ] N
#           test(s)." / "[  FAILED  ] N test(s)"); a binary that crashes or
#           exits non-zero without a FAILED line counts as one failure.
#   script  every tests/*.sh except run.sh, fuzz_replay.sh and valgrind.sh,
#           then tests/e2e/run.sh when present: "PASS name" / "FAIL name"
#           lines ("SKIP name" is shown, not counted); a script that exits
#           non-zero without a FAIL line counts as one failure.
#   fuzz    tests/fuzz_replay.sh: saved fuzz corpora under ASan+UBSan.
#   valgrind tests/valgrind.sh: --dump/--outline/--info under valgrind.
#
# Each stage's whole output goes to build/test-logs/<name>.log; the console
# gets one line per stage and, for a failing stage, its FAIL lines and the
# tail of its log.  The last line is exactly "N passed, N failed"; the exit
# status is 0 only when nothing failed and something passed.
#
# Arguments, if any, are substrings: only stages whose name contains one of
# them run (`sh tests/run.sh golden e2e`).
#
# Environment: YUEDU_CORPUS (default ../shared/corpus), YUEDU_TEST_TIMEOUT
# (seconds per stage, default 1800), YUEDU_TEST_TAIL (log lines shown for a
# failure, default 30).  HOME and the XDG directories point into a fresh
# temporary directory so no developer config leaks in; YUEDU, NO_COLOR,
# COLUMNS, LINES and TMUX are unset.
#
# POSIX sh (dash) on purpose: `make test` calls it with sh.

cd "$(dirname "$0")/.." || exit 2
YUEDU_ROOT=$(pwd)
export YUEDU_ROOT	# absolute repo root, for stage scripts that cd

LC_ALL=C.UTF-8
YUEDU_CORPUS=${YUEDU_CORPUS:-../shared/corpus}
export LC_ALL YUEDU_CORPUS
unset YUEDU NO_COLOR COLUMNS LINES TMUX TMUX_PANE LESS LESSOPEN LESSCLOSE
# tmux refuses to start a client without TERM; tests set their own inside.
if [ -z "${TERM:-}" ] || [ "$TERM" = dumb ]; then
	TERM=xterm-256color
	export TERM
fi

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yuedu-test.XXXXXX") || exit 2
CHILD=
# On ^C or a kill, stop the running stage (its whole session) too.
stop_child() {
	if [ -n "$CHILD" ]; then
		kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null
	fi
	rm -rf "$TEST_TMP"
}
trap 'rm -rf "$TEST_TMP"' EXIT
trap 'stop_child; exit 130' INT
trap 'stop_child; exit 143' TERM HUP
mkdir -p "$TEST_TMP/home" "$TEST_TMP/config" "$TEST_TMP/state" \
    "$TEST_TMP/data" "$TEST_TMP/cache" "$TEST_TMP/tmp"
HOME=$TEST_TMP/home
XDG_CONFIG_HOME=$TEST_TMP/config
XDG_STATE_HOME=$TEST_TMP/state
XDG_DATA_HOME=$TEST_TMP/data
XDG_CACHE_HOME=$TEST_TMP/cache
export HOME XDG_CONFIG_HOME XDG_STATE_HOME XDG_DATA_HOME XDG_CACHE_HOME
# Sanitizers: fail loudly with a stack, never continue past a report.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:strict_string_checks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
YUEDU_TEST_TMP=$TEST_TMP/tmp	# scratch space stage scripts may use
export YUEDU_TEST_TMP

LOGDIR=build/test-logs
mkdir -p "$LOGDIR" || exit 2
TIMEOUT=${YUEDU_TEST_TIMEOUT:-1800}
TAIL=${YUEDU_TEST_TAIL:-30}
TOTAL_PASS=0
TOTAL_FAIL=0
STAGES=0
FILTER="$*"

if [ ! -d "$YUEDU_CORPUS" ]; then
	echo "note: corpus not found at $YUEDU_CORPUS (set YUEDU_CORPUS)"
fi

# wanted NAME: true when no filter was given or NAME contains one of them.
wanted() {
	[ -z "$FILTER" ] && return 0
	for w_pat in $FILTER; do
		case $1 in *"$w_pat"*) return 0 ;; esac
	done
	return 1
}

# run_logged LOG CMD...: runs CMD from the repo root with no stdin, in a
# session of its own (no controlling terminal, as in CI: nothing can read
# the developer's tty) and with a time limit; sets RC and SECS.
run_logged() {
	rl_log=$1
	shift
	rl_t0=$(date +%s)
	set -- timeout -k 10 "$TIMEOUT" "$@"
	command -v timeout >/dev/null 2>&1 || shift 4
	command -v setsid >/dev/null 2>&1 && set -- setsid -w "$@"
	"$@" </dev/null >"$rl_log" 2>&1 &
	CHILD=$!
	wait "$CHILD" 2>/dev/null	# dash would print "Segmentation fault"
	RC=$?
	CHILD=
	SECS=$(( $(date +%s) - rl_t0 ))
	if [ "$RC" = 124 ]; then
		echo "run.sh: timed out after ${TIMEOUT}s" >>"$rl_log"
	fi
}

# sum_cmocka LOG WORD: sums N over "[  WORD  ] N test(s)" lines.
sum_cmocka() {
	sed -n "s/^\[  $2  \] \([0-9][0-9]*\) test(s).*/\1/p" "$1" |
	    awk '{ s += $1 } END { print s + 0 }'
}

# count_lines LOG WORD: lines "WORD name" (or "WORD: name", or "WORD").
count_lines() {
	grep -c -E "^$2([ :	]|\$)" "$1" 2>/dev/null
}

# report KIND NAME LOG PASSED FAILED [SKIPPED]
report() {
	rp_kind=$1 rp_name=$2 rp_log=$3 rp_p=$4 rp_f=$5 rp_s=${6:-0}
	TOTAL_PASS=$((TOTAL_PASS + rp_p))
	TOTAL_FAIL=$((TOTAL_FAIL + rp_f))
	STAGES=$((STAGES + 1))
	rp_extra=""
	[ "$rp_s" -gt 0 ] && rp_extra=", $rp_s skipped"
	[ "$rp_p" -eq 0 ] && [ "$rp_f" -eq 0 ] && rp_extra="$rp_extra (no cases)"
	if [ "$RC" = 124 ]; then
		rp_extra="$rp_extra, timed out"
	elif [ "$RC" -gt 128 ] && [ "$RC" -lt 160 ]; then
		rp_extra="$rp_extra, killed by SIG$(kill -l $((RC - 128)) 2>/dev/null)"
	elif [ "$RC" != 0 ]; then
		rp_extra="$rp_extra, exit $RC"
	fi
	if [ "$rp_f" -gt 0 ]; then rp_mark=FAIL; else rp_mark=ok; fi
	printf '%-4s %-8s %-24s %4d passed, %d failed%s  (%ss)\n' \
	    "$rp_mark" "$rp_kind" "$rp_name" "$rp_p" "$rp_f" "$rp_extra" "$SECS"
	if [ "$rp_f" -gt 0 ]; then
		grep -E '^(FAIL([ :	]|$)|\[  FAILED  \] [^0-9])' "$rp_log" |
		    head -n 20 | sed 's/^/     | /'
		echo "     --- last $TAIL lines of $rp_log:"
		tail -n "$TAIL" "$rp_log" | sed 's/^/     | /'
	fi
}

# stage_unit BIN: one cmocka binary.
stage_unit() {
	su_name=$(basename "$1")
	su_log=$LOGDIR/unit-$su_name.log
	run_logged "$su_log" env CMOCKA_MESSAGE_OUTPUT=stdout "$1"
	su_p=$(sum_cmocka "$su_log" PASSED)
	su_f=$(sum_cmocka "$su_log" FAILED)
	if ! grep -q -E '^\[  (PASSED|FAILED)  \] [0-9]' "$su_log"; then
		# Not cmocka (or died before its summary): PASS/FAIL lines,
		# else the exit status is the one case.
		su_p=$(count_lines "$su_log" PASS)
		su_f=$(count_lines "$su_log" FAIL)
		if [ "$su_p" -eq 0 ] && [ "$su_f" -eq 0 ] && [ "$RC" = 0 ]; then
			su_p=1
		fi
	fi
	if [ "$RC" != 0 ] && [ "$su_f" -eq 0 ]; then
		su_f=1
	fi
	report unit "$su_name" "$su_log" "$su_p" "$su_f"
}

# stage_script KIND NAME SCRIPT: a script printing PASS/FAIL lines.
stage_script() {
	ss_kind=$1 ss_name=$2 ss_script=$3
	ss_log=$LOGDIR/$ss_name.log
	if [ -x "$ss_script" ]; then
		run_logged "$ss_log" "./$ss_script"
	elif head -n 1 "$ss_script" | grep -q bash; then
		run_logged "$ss_log" bash "$ss_script"
	else
		run_logged "$ss_log" sh "$ss_script"
	fi
	ss_p=$(count_lines "$ss_log" PASS)
	ss_f=$(count_lines "$ss_log" FAIL)
	ss_s=$(count_lines "$ss_log" SKIP)
	if [ "$RC" != 0 ] && [ "$ss_f" -eq 0 ]; then
		ss_f=1
	fi
	report "$ss_kind" "$ss_name" "$ss_log" "$ss_p" "$ss_f" "$ss_s"
}

echo "yuedu test suite (logs in $LOGDIR/, corpus $YUEDU_CORPUS)"

# (a) unit binaries
n_unit=0
for f in build/tests/test_*; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
	case $(basename "$f") in *.*) continue ;; esac	# .c, .o, .d, .log
	n_unit=$((n_unit + 1))
	wanted "$(basename "$f")" || continue
	stage_unit "$f"
done
[ "$n_unit" -eq 0 ] && echo "note: no unit test binaries in build/tests/"

# (b) test scripts, then the e2e suite
for f in tests/*.sh; do
	[ -f "$f" ] || continue
	case $(basename "$f") in
	run.sh | fuzz_replay.sh | valgrind.sh) continue ;;
	esac
	n=$(basename "$f" .sh)
	wanted "$n" || continue
	stage_script script "$n" "$f"
done
if [ -f tests/e2e/run.sh ] && wanted e2e; then
	stage_script e2e e2e tests/e2e/run.sh
fi

# (c) fuzz corpora replay, (d) valgrind
if [ -f tests/fuzz_replay.sh ] && wanted fuzz_replay; then
	stage_script fuzz fuzz_replay tests/fuzz_replay.sh
fi
if [ -f tests/valgrind.sh ] && wanted valgrind; then
	stage_script valgrind valgrind tests/valgrind.sh
fi

[ "$STAGES" -eq 0 ] && echo "note: no stage ran"
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" -eq 0 ] && [ "$TOTAL_PASS" -gt 0 ]
