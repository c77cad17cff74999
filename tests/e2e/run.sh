#!/bin/bash
# tests/e2e/run.sh - drives the real binary (the ASan+UBSan build) in a
# private tmux server and compares screens with tests/e2e/golden/*.txt.
# Prints "PASS name" / "FAIL name" per case and exits non-zero when any
# case failed.  GENERATE=1 rewrites the golden screens.
#
# Environment: YUEDU_BIN (default ./yuedu-asan, else ./yuedu),
# YUEDU_CORPUS (default ../shared/corpus), E2E_ONLY (substring: run only
# matching cases), E2E_STORM (resizes in the storm, default 300).
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/tests/e2e
GOLDEN=$HERE/golden
BIN=${YUEDU_BIN:-$ROOT/yuedu-asan}
[ -x "$BIN" ] || BIN=$ROOT/yuedu
CORPUS=${YUEDU_CORPUS:-$ROOT/../shared/corpus}
case $CORPUS in /*) ;; *) CORPUS=$ROOT/$CORPUS ;; esac
# The seed article is bundled (a copy of the corpus's), so the suite runs
# in a clone with nothing beside it; cases on other corpus files skip.
SEED=$ROOT/tests/fixtures/party-building-article.txt
STORM=${E2E_STORM:-300}
GENERATE=${GENERATE:-0}

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP e2e (no tmux)"
	exit 0
fi
if [ ! -x "$BIN" ]; then
	echo "FAIL e2e-binary (build ./yuedu-asan or ./yuedu first)"
	exit 1
fi
if [ ! -f "$SEED" ]; then
	echo "SKIP e2e (seed article not found: $SEED)"
	exit 0
fi

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/yuedu-e2e.XXXXXX")
SOCK=yuedu-e2e-$$
T="tmux -L $SOCK -f /dev/null"
npass=0
nfail=0

cleanup() {
	local p n=0
	$T kill-server >/dev/null 2>&1
	# Nothing of this binary may outlive the run.  Seen once in many
	# runs: after SIGHUP the ASan build stuck in LeakSanitizer's
	# exit-time check (its tracer asleep, the process spinning), an
	# orphan that ate a core for 90 minutes.  Say so, then kill it.
	sleep 0.3
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/exe" 2>/dev/null)" = "$BIN" ] || continue
		kill -9 "${p#/proc/}" 2>/dev/null && n=$((n + 1))
	done
	[ "$n" -gt 0 ] && echo "NOTE e2e: killed $n $(basename "$BIN") left running after the run"
	rm -rf "$TMPD"
}
trap cleanup EXIT INT TERM

# No user settings leak in: a fresh HOME and XDG tree.
mkdir -p "$TMPD/home" "$TMPD/config/yuedu" "$TMPD/state" "$TMPD/data"
export HOME=$TMPD/home XDG_CONFIG_HOME=$TMPD/config
export XDG_STATE_HOME=$TMPD/state XDG_DATA_HOME=$TMPD/data
unset YUEDU NO_COLOR COLUMNS LINES TMUX
ASAN_OPTS="abort_on_error=1:detect_leaks=1:log_path=$TMPD/asan"
UBSAN_OPTS="print_stacktrace=1:halt_on_error=1:log_path=$TMPD/ubsan"
LSAN_OPTS="suppressions=$HERE/lsan.supp:print_suppressions=0"
ENVS="env LC_ALL=C.UTF-8 TERM=screen HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME ASAN_OPTIONS=$ASAN_OPTS UBSAN_OPTIONS=$UBSAN_OPTS LSAN_OPTIONS=$LSAN_OPTS"

# The checker for the byte-level test.
cc -O1 -o "$TMPD/vtcheck" "$HERE/vtcheck.c" || {
	echo "FAIL vtcheck-build"
	exit 1
}

pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() {
	echo "FAIL $1${2:+: $2}"
	nfail=$((nfail + 1))
}
want() { [ -z "${E2E_ONLY:-}" ] || case $1 in *"$E2E_ONLY"*) ;; *) return 1 ;; esac; }

# A server that outlives the cases.  Not "set -g window-size manual":
# tmux 3.3a segfaults on a later detached new-session -x -y with it;
# resize-window makes each window manual by itself.
server() {
	$T has-session -t keep 2>/dev/null && return 0
	$T new-session -d -s keep -x 80 -y 24 "sleep 100000" &&
		$T set -g status off && $T set -g remain-on-exit off
}
server || { echo "FAIL tmux-server"; exit 1; }

# start NAME W H COMMAND...: a session running COMMAND (through sh; its
# exit status goes to $TMPD/NAME.rc).
start() {
	local name=$1 w=$2 h=$3
	shift 3
	server
	rm -f "$TMPD/$name.rc"
	$T new-session -d -s "$name" -x "$w" -y "$h" \
		"$ENVS sh -c '$*; echo \$? > $TMPD/$name.rc'"
	$T resize-window -t "$name" -x "$w" -y "$h" 2>/dev/null
}

# start_exec NAME W H ARGS...: the pane process IS yuedu (for signals).
start_exec() {
	local name=$1 w=$2 h=$3
	shift 3
	server
	$T new-session -d -s "$name" -x "$w" -y "$h" "exec $ENVS $BIN $*"
	$T resize-window -t "$name" -x "$w" -y "$h" 2>/dev/null
}

cap() { $T capture-pane -t "$1" -p 2>/dev/null; }

# settle NAME: waits until the screen stops changing (and is not empty).
settle() {
	local prev="" cur i
	for i in $(seq 60); do
		sleep 0.05
		cur=$(cap "$1")
		if [ -n "$cur" ] && [ "$cur" = "$prev" ]; then
			return 0
		fi
		prev=$cur
	done
	return 1
}

# wait_for NAME TEXT [TRIES]: until TEXT is on screen.
wait_for() {
	local i
	for i in $(seq "${3:-100}"); do
		cap "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	return 1
}

# wait_last NAME TEXT: until the bottom row (yuedu's status line at the
# current size) shows TEXT.  tmux 3.3 throttles pane resizes, so the last
# size can arrive a few hundred milliseconds after resize-window.
wait_last() {
	local i
	for i in $(seq "${3:-100}"); do
		cap "$1" | tail -n 1 | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	return 1
}

keys() {
	local s=$1
	shift
	$T send-keys -t "$s" "$@"
	settle "$s"
}

# golden CASE NAME: compares the screen of NAME with golden/CASE.txt.
golden() {
	local case=$1 s=$2
	settle "$s"
	cap "$s" >"$TMPD/$case.txt"
	if [ ! -s "$TMPD/$case.txt" ] || ! grep -q '[^ ]' "$TMPD/$case.txt"; then
		fail "$case" "empty screen"
	elif [ "$GENERATE" = 1 ]; then
		mkdir -p "$GOLDEN"
		cp "$TMPD/$case.txt" "$GOLDEN/$case.txt"
		pass "$case (generated)"
	elif [ ! -f "$GOLDEN/$case.txt" ]; then
		fail "$case" "no golden file (run with GENERATE=1)"
	elif diff -u "$GOLDEN/$case.txt" "$TMPD/$case.txt" >"$TMPD/$case.diff"; then
		pass "$case"
	else
		fail "$case" "screen differs from golden/$case.txt"
		head -40 "$TMPD/$case.diff"
	fi
}

# same CASE A B: two saved screens are equal.
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "screens differ"
		diff -u "$2" "$3" | head -30
	fi
}

# same_body CASE A B: equal apart from the status line (messages differ).
same_body() {
	sed '$d' "$2" >"$2.body"
	sed '$d' "$3" >"$3.body"
	same "$1" "$2.body" "$3.body"
}

quit() {
	$T send-keys -t "$1" q 2>/dev/null
	local i
	for i in $(seq 60); do
		$T has-session -t "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	$T kill-session -t "$1" 2>/dev/null
	return 1
}

status_line() { cap "$1" | tail -n 1; }

# as_redrawn CASE NAME: the screen of NAME is what C-l repaints from the
# model (nothing stale left over), the status line aside.
as_redrawn() {
	settle "$2"
	cap "$2" >"$TMPD/$1.a.txt"
	keys "$2" C-l
	cap "$2" >"$TMPD/$1.b.txt"
	same_body "$1" "$TMPD/$1.a.txt" "$TMPD/$1.b.txt"
}

Y="$BIN"

# --- the seed article at three sizes -------------------------------------
if want sizes; then
	for sz in 80x24 120x40 40x12; do
		w=${sz%x*} h=${sz#*x}
		start "s$sz" "$w" "$h" "$Y $SEED"
		wait_for "s$sz" "%" || true
		golden "seed-$sz" "s$sz"
		quit "s$sz" || fail "seed-$sz-quit" "did not quit on q"
	done
fi

# --- paging ----------------------------------------------------------------
if want paging; then
	start pg 80 24 "$Y $SEED"
	wait_for pg "%"
	settle pg
	cap pg >"$TMPD/pg0.txt"
	keys pg Space
	golden paging-space pg
	keys pg Space
	keys pg b
	golden paging-space-b pg
	keys pg 5 j
	golden paging-5j pg
	keys pg G
	golden paging-G pg
	status_line pg | grep -q "100%" && pass paging-G-100 ||
		fail paging-G-100 "no 100% at the end"
	keys pg g
	cap pg >"$TMPD/pg1.txt"
	same paging-g-back-to-top "$TMPD/pg0.txt" "$TMPD/pg1.txt"
	keys pg 5 0 %
	golden paging-50pct pg
	quit pg
fi

# --- heading jumps ----------------------------------------------------------
if want headings; then
	start hd 80 24 "$Y $SEED"
	wait_for hd "%"
	keys hd ']' ']'
	golden headings-next hd
	keys hd J J
	golden headings-next3 hd
	keys hd '[' 'u'
	golden headings-parent hd
	keys hd '}'
	golden headings-sibling hd
	keys hd K
	golden headings-prev hd
	quit hd
fi

# --- folding ----------------------------------------------------------------
if want fold; then
	start fd 80 24 "$Y $SEED"
	wait_for fd "%"
	keys fd J
	cap fd >"$TMPD/fd0.txt"
	keys fd Tab
	golden fold-cycle-folded fd
	keys fd Tab
	golden fold-cycle-children fd
	keys fd Tab
	cap fd >"$TMPD/fd1.txt"
	same_body fold-cycle-all-keeps-position "$TMPD/fd0.txt" "$TMPD/fd1.txt"
	keys fd BTab
	golden fold-overview fd
	keys fd BTab
	golden fold-contents fd
	keys fd BTab
	cap fd >"$TMPD/fd2.txt"
	same_body fold-global-keeps-position "$TMPD/fd0.txt" "$TMPD/fd2.txt"
	keys fd z M
	keys fd z o
	golden fold-zM-zo fd
	keys fd z R
	cap fd >"$TMPD/fd3.txt"
	same_body fold-zR-keeps-position "$TMPD/fd0.txt" "$TMPD/fd3.txt"
	# A jump into a folded section opens it.
	keys fd z M
	keys fd g
	keys fd 6 0 %
	golden fold-jump-opens fd
	quit fd
fi

# --- sidebar ----------------------------------------------------------------
if want sidebar; then
	start sb 100 30 "$Y $SEED"
	wait_for sb "%"
	keys sb o
	golden sidebar-open sb
	keys sb j j j Enter
	golden sidebar-jump sb
	keys sb J J
	golden sidebar-follows sb
	# Type-to-filter, then Enter jumps to the match.
	keys sb C-w
	$T send-keys -t sb -l "信息"
	settle sb
	golden sidebar-filter sb
	keys sb Enter
	golden sidebar-filter-jump sb
	# Folding from the sidebar.
	keys sb C-w g h
	golden sidebar-fold sb
	keys sb q
	golden sidebar-closed sb
	quit sb
	# A jump that opens a section folded in the sidebar redraws the
	# sidebar with its children.
	start sr 100 30 "$Y $SEED"
	wait_for sr "%"
	keys sr o
	keys sr g h
	keys sr C-w
	keys sr 1 4 g
	as_redrawn sidebar-jump-unfolds sr
	quit sr
fi

# --- every fold command leaves the screen C-l would draw ---------------------
OUTLINE="$CORPUS/txt-gov-docs-outline/BIT-PythonLearning_新时代中国特色社会主义_十九大报告.txt"
if want foldscreen && [ -f "$OUTLINE" ]; then
	for sz in 100x30; do
		w=${sz%x*} h=${sz#*x}
		start fs "$w" "$h" "$Y '$OUTLINE'"
		wait_for fs "%"
		keys fs 1 6 5 g 4 j
		i=0
		for k in Tab Tab Tab BTab BTab BTab "z M" "z o" "z c" "z R" \
		    "z 1" "z m" "z r" "z a" "z a" "] ]" Tab "z c" "z R" o Tab \
		    "z M" Tab "z R"; do
			i=$((i + 1))
			# shellcheck disable=SC2086
			keys fs $k
			as_redrawn "fold-screen-$sz-$i" fs
		done
		quit fs
	done
fi

# --- marks and history ------------------------------------------------------
if want marks; then
	start mk 80 24 "$Y $SEED"
	wait_for mk "%"
	settle mk
	cap mk >"$TMPD/mk-top.txt"
	keys mk 4 0 %
	cap mk >"$TMPD/mk-40.txt"
	keys mk m a
	keys mk G
	cap mk >"$TMPD/mk-end.txt"
	keys mk "'" a
	cap mk >"$TMPD/mk-a.txt"
	same marks-goto-a "$TMPD/mk-40.txt" "$TMPD/mk-a.txt"
	keys mk "'" "'"
	cap mk >"$TMPD/mk-qq.txt"
	same marks-quote-quote "$TMPD/mk-end.txt" "$TMPD/mk-qq.txt"
	keys mk C-o
	cap mk >"$TMPD/mk-b1.txt"
	same history-back "$TMPD/mk-a.txt" "$TMPD/mk-b1.txt"
	keys mk C-o C-o C-o
	cap mk >"$TMPD/mk-b3.txt"
	same history-back-to-top "$TMPD/mk-top.txt" "$TMPD/mk-b3.txt"
	keys mk ']' 'j'
	cap mk >"$TMPD/mk-f1.txt"
	same history-forward "$TMPD/mk-40.txt" "$TMPD/mk-f1.txt"
	keys mk "'" z
	status_line mk | grep -q "mark z is not set" && pass marks-unset ||
		fail marks-unset "no message for an unset mark"
	quit mk
fi

# --- status-line messages fit an ordinary width ------------------------------
if want messages; then
	start ms 80 24 "$Y $SEED"
	wait_for ms "%"
	keys ms =
	line=$(status_line ms)
	case $line in *"%"*"%"*) fail info-base-name "percent twice: $line" ;;
	*" party-building-article.txt  line "*" chars  "*" headings "*)
		pass info-base-name ;;
	*) fail info-base-name "status: $line" ;; esac
	quit ms
	start mn 50 20 "$Y $SEED"
	wait_for mn "%"
	keys mn o
	line=$(status_line mn)
	case $line in *"too narrow for the sidebar"*…*) fail sidebar-narrow-msg "cut: $line" ;;
	*"too narrow for the sidebar"*) pass sidebar-narrow-msg ;;
	*) fail sidebar-narrow-msg "status: $line" ;; esac
	quit mn
fi

# --- help screen (generated from the binding table) --------------------------
if want help; then
	start hp 80 24 "$Y $SEED"
	wait_for hp "%"
	keys hp '?'
	golden help hp
	keys hp q
	status_line hp | grep -q "%" && pass help-close ||
		fail help-close "help did not close"
	quit hp
fi

# --- resize storm -----------------------------------------------------------
if want storm; then
	start_exec st 80 24 "$SEED"
	wait_for st "%"
	keys st J J 3 j
	cap st >"$TMPD/st0.txt"
	pid=$($T display -p -t st '#{pane_pid}')
	awk -v n="$STORM" 'BEGIN { srand(42); for (i = 0; i < n; i++) {
		r = int(rand() * 8)
		if (r == 0) print "1 1"; else if (r == 1) print "80 2";
		else if (r == 2) print "2 80"; else if (r == 3) print "20 5";
		else print int(rand() * 200) + 1, int(rand() * 60) + 1 } }' |
		while read -r w h; do
			$T resize-window -t st -x "$w" -y "$h"
		done
	$T resize-window -t st -x 15 -y 4
	wait_for st "terminal too" && pass storm-too-small ||
		fail storm-too-small "no 'terminal too small' at 15x4"
	$T resize-window -t st -x 80 -y 24
	wait_last st "%" 200
	settle st
	if kill -0 "$pid" 2>/dev/null; then pass storm-alive; else
		fail storm-alive "yuedu died during the storm"; fi
	cap st >"$TMPD/st1.txt"
	same storm-same-first-text "$TMPD/st0.txt" "$TMPD/st1.txt"
	# A resize inside the ':' prompt keeps the prompt.
	keys st :
	$T send-keys -t st -l "fold-le"
	$T resize-window -t st -x 60 -y 20
	$T resize-window -t st -x 80 -y 24
	wait_last st ":fold-le" 100
	settle st
	status_line st | grep -q ":fold-le" && pass storm-prompt-survives ||
		{ fail storm-prompt-survives "prompt lost in a resize"; cap st; }
	$T send-keys -t st -l "vels 1"
	keys st Enter
	golden storm-prompt-command st
	quit st
fi

# --- resizes keep the first visible text; no drift over several ---------------
if want resize; then
	start rz 50 20 "$Y $SEED"
	wait_for rz "%"
	keys rz 1 9 g j
	cap rz >"$TMPD/rz0.txt"
	for sz in 100x30 20x5 37x11 120x40 23x7 50x20; do
		$T resize-window -t rz -x "${sz%x*}" -y "${sz#*x}"
		wait_last rz "%" 100
		settle rz
	done
	cap rz >"$TMPD/rz1.txt"
	same resize-no-drift "$TMPD/rz0.txt" "$TMPD/rz1.txt"
	quit rz
fi

# --- Ctrl-Z / fg ------------------------------------------------------------
if want suspend; then
	$T new-session -d -s cz -x 80 -y 24 "$ENVS sh"
	$T resize-window -t cz -x 80 -y 24
	sleep 0.2
	$T send-keys -t cz "$Y $SEED" Enter
	wait_for cz "%"
	settle cz
	cap cz >"$TMPD/cz0.txt"
	$T send-keys -t cz C-z
	if wait_for cz "Stopped" 60 || wait_for cz "stopped" 20; then
		pass suspend-stops
	else
		fail suspend-stops "no job-stopped message"
	fi
	$T send-keys -t cz "fg" Enter
	wait_for cz "%"
	settle cz
	cap cz >"$TMPD/cz1.txt"
	same suspend-fg-redraws "$TMPD/cz0.txt" "$TMPD/cz1.txt"
	$T send-keys -t cz q
	sleep 0.3
	$T kill-session -t cz
fi

# --- SIGHUP, SIGTERM, lost terminal ------------------------------------------
gone_within() {	# PID SECONDS*20
	local i
	for i in $(seq "$2"); do
		# A zombie has exited; tmux reaps it when it gets round to it.
		[ -e "/proc/$1" ] || return 0
		grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null &&
			return 0
		sleep 0.05
	done
	return 1
}
if want signals; then
	start_exec hu 80 24 "$SEED"
	wait_for hu "%"
	pid=$($T display -p -t hu '#{pane_pid}')
	$T kill-session -t hu
	gone_within "$pid" 20 && pass sighup-kill-session ||
		{ fail sighup-kill-session "still running after 1 s"; kill -9 "$pid"; }
	for sig in HUP TERM INT; do
		start_exec "k$sig" 80 24 "$SEED"
		wait_for "k$sig" "%"
		pid=$($T display -p -t "k$sig" '#{pane_pid}')
		kill -"$sig" "$pid"
		gone_within "$pid" 20 && pass "sig$sig-exits" ||
			{ fail "sig$sig-exits" "still running after 1 s"; kill -9 "$pid"; }
		$T kill-session -t "k$sig" 2>/dev/null
	done
fi

# --- piped input (curl ... | yuedu) -----------------------------------------
if want pipe; then
	start pp 80 24 "cat $SEED | $Y"
	wait_for pp "%"
	golden pipe-stdin pp
	keys pp J
	cap pp | grep -q "一、" && pass pipe-keys-from-tty ||
		fail pipe-keys-from-tty "keys did not reach yuedu"
	quit pp
fi

# --- config: a rebound key, a bad line ---------------------------------------
if want config; then
	cfg=$TMPD/rebind.conf
	printf '# test\nbind x next-heading\nunbind J\n' >"$cfg"
	start cf 80 24 "$Y --config $cfg $SEED"
	wait_for cf "%"
	keys cf x
	cap cf >"$TMPD/cf-x.txt"
	keys cf g ']' ']'
	cap cf >"$TMPD/cf-brackets.txt"
	same config-rebound-key "$TMPD/cf-brackets.txt" "$TMPD/cf-x.txt"
	keys cf g J
	status_line cf | grep -q "J is not a command" && pass config-unbind ||
		fail config-unbind "J still bound"
	quit cf
	printf 'sidebar-width = 24\nfrobnicate = 3\nbind j\n' \
		>"$XDG_CONFIG_HOME/yuedu/config"
	start bc 80 24 "$Y $SEED"
	wait_for bc "config" 40
	line=$(status_line bc)
	case $line in *"config line 2: unknown setting 'frobnicate' (+1 more)"*)
		pass config-bad-line ;;
	*) fail config-bad-line "status: $line" ;; esac
	keys bc j
	status_line bc | grep -q "%" && pass config-bad-line-still-runs ||
		fail config-bad-line-still-runs "not running after a bad line"
	quit bc
	rm -f "$XDG_CONFIG_HOME/yuedu/config"
fi

# --- unusable terminals -------------------------------------------------------
if want dumb; then
	start dt 80 24 "TERM=dumb $Y $SEED 2>$TMPD/dumb.err"
	for i in $(seq 60); do [ -f "$TMPD/dt.rc" ] && break; sleep 0.05; done
	if [ "$(cat "$TMPD/dt.rc" 2>/dev/null)" = 0 ] &&
	    grep -q "cannot move the cursor" "$TMPD/dumb.err"; then
		pass term-dumb-falls-back
	else
		fail term-dumb-falls-back "rc=$(cat "$TMPD/dt.rc" 2>/dev/null) $(cat "$TMPD/dumb.err")"
	fi
	start dn 80 24 "TERM=no-such-terminal $Y $SEED 2>$TMPD/nots.err"
	for i in $(seq 60); do [ -f "$TMPD/dn.rc" ] && break; sleep 0.05; done
	if [ "$(cat "$TMPD/dn.rc" 2>/dev/null)" = 0 ] &&
	    grep -q "unknown terminal type" "$TMPD/nots.err"; then
		pass term-unknown-falls-back
	else
		fail term-unknown-falls-back "rc=$(cat "$TMPD/dn.rc" 2>/dev/null)"
	fi
	$T kill-session -t dt 2>/dev/null
	$T kill-session -t dn 2>/dev/null
fi

# --- hostile files: what reaches the terminal --------------------------------
if want hostile; then
	H=$TMPD/hostile
	mkdir -p "$H"
	printf '标题\n\n' >"$H/c0.txt"
	for c in 1 2 3 4 5 6 7 8 9 11 12 13 14 15 16 17 18 19 20 21 22 23 24 \
	    25 26 27 28 29 30 31 127; do
		printf "a\\$(printf %o "$c")b\\n" >>"$H/c0.txt"
	done
	printf 'Pay $100 to Alice\rPay $999 to Mallory\n' >"$H/cr.txt"
	printf '\b\b\b\bx\n中\b\b\b\b文\n' >"$H/bs.txt"
	printf 'a\033[2J\033[H\033[31mRED\033[0m\033[1A\033[2K b\n' >"$H/csi.txt"
	printf '\033]52;c;cm0gLXJmIH4=\a\n' >"$H/osc52.txt"
	printf '\033]8;;https://evil/\033\\click\033]8;;\033\\ and \033]8;;x\ay\a\n' >"$H/osc8.txt"
	printf 'x\033]0;title' >"$H/unterm-osc.txt"
	printf '\033P$q m' >"$H/unterm-dcs.txt"
	printf '\033]2;$(id)\a\033[21t\033P$qm\033\\\033[c\033[>0q\n' >"$H/title.txt"
	printf 'a\x9b2Jb\x9d0;t\x9c\n' >"$H/c1-8bit.txt"
	printf 'a\xc2\x9b2Jb\xc2\x9d0;t\xc2\x9c\n' >"$H/c1-utf8.txt"
	printf 'if (admin)\xe2\x80\xae { allow(); } \xe2\x81\xa6// check\xe2\x81\xa9\n' >"$H/bidi.txt"
	name=$(printf 'book\033]0;pwned\a.txt')
	printf 'no title here, the file name is shown\n' >"$H/$name"
	for f in c0 cr bs csi osc52 osc8 unterm-osc unterm-dcs title c1-8bit \
	    c1-utf8 bidi name; do
		case $f in
		c1-8bit) args="-e windows-1252 $H/$f.txt" ;;
		name) args="'$H/$name'" ;;
		*) args="$H/$f.txt" ;;
		esac
		rm -f "$TMPD/out-$f.bin"
		$T new-session -d -s hx -x 80 -y 24 \
			"sleep 0.3; exec $ENVS $BIN $args"
		$T resize-window -t hx -x 80 -y 24
		$T pipe-pane -t hx -o "cat > $TMPD/out-$f.bin"
		wait_for hx "%" 60
		# Exercise every drawing path: text, status, sidebar, help.
		keys hx j G g o Tab
		keys hx C-w '?' q
		$T send-keys -t hx q
		for i in $(seq 40); do
			$T has-session -t hx 2>/dev/null || break
			sleep 0.05
		done
		$T kill-session -t hx 2>/dev/null
		if [ ! -s "$TMPD/out-$f.bin" ]; then
			fail "hostile-$f" "nothing recorded"
		elif "$TMPD/vtcheck" "$TMPD/out-$f.bin" >"$TMPD/vt-$f.txt"; then
			pass "hostile-$f"
		else
			fail "hostile-$f" "$(head -3 "$TMPD/vt-$f.txt" | tr '\n' ' ')"
		fi
	done
fi

# --- cases kept in files of their own (tests/e2e/cases/*.sh) ----------------
# Each is sourced here, so it has every helper above (start, keys, cap,
# pass, fail, want, ...).  One file a theme: signals, inputs, locales.
for f in "$HERE"/cases/*.sh; do
	[ -f "$f" ] || continue
	# shellcheck source=/dev/null
	. "$f"
done

# --- sanitizer reports --------------------------------------------------------
# Either kind of report fails (ls alone would need both to exist).
reports=$(ls "$TMPD"/asan.* "$TMPD"/ubsan.* 2>/dev/null)
if [ -n "$reports" ]; then
	fail sanitizers "reports in $(echo "$reports" | wc -l) files"
	head -40 "$TMPD"/asan.* "$TMPD"/ubsan.* 2>/dev/null
else
	pass sanitizers-clean
fi

echo "e2e: $npass passed, $nfail failed (binary: $(basename "$BIN"))"
[ "$nfail" -eq 0 ]
