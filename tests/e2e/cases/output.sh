# tests/e2e/cases/output.sh - sourced by tests/e2e/run.sh: every path to
# the screen goes through the sanitiser (file names in the status line,
# key-binding arguments on the help screen), and terminals that are not
# UTF-8 get their own charset's bytes and never a C1 byte.

# rec NAME W H ENV ARGS: runs yuedu with the pane's output recorded to
# $TMPD/rec-NAME.bin (pipe-pane -o, raw bytes as the terminal gets them).
rec() {
	local name=$1 w=$2 h=$3 env=$4
	shift 4
	server
	rm -f "$TMPD/rec-$name.bin"
	$T new-session -d -s "$name" -x "$w" -y "$h" \
		"sleep 0.3; exec $ENVS $env $BIN $*"
	$T resize-window -t "$name" -x "$w" -y "$h" 2>/dev/null
	$T pipe-pane -t "$name" -o "cat > $TMPD/rec-$name.bin"
}
# bytes FILE PATTERN: count of lines of FILE matching a byte regex.
bytes() { LC_ALL=C grep -c -P "$2" "$1"; }

if want status-name; then
	O=$TMPD/out
	mkdir -p "$O"
	# No title: the status line shows the file name.
	body='这是一段足够长的正文，没有标题，所以状态栏显示文件名。它必须长到不像标题，因此再写一句话，让它成为一个真正的段落。'
	n1=$(printf 'evil.sh\rSAFE-REPORT.txt')
	n2=$(printf 'rlo-\342\200\256txt.exe')
	n3=$(printf 'bs-AB\b\bCD.txt')
	i=0
	for n in "$n1" "$n2" "$n3"; do
		i=$((i + 1))
		printf '%s\n' "$body" >"$O/$n"
		rec sn$i 100 10 "" "'$O/$n'"
		wait_for sn$i "%" 60
		st=$(status_line sn$i)
		keys sn$i q
		case $i in
		1) want_txt='evil.sh␍SAFE-REPORT' ;;
		2) want_txt='rlo-<U+202E>txt.exe' ;;
		3) want_txt='bs-AB␈␈CD' ;;
		esac
		case $st in *"$want_txt"*) pass "status-name-$i" ;;
		*) fail "status-name-$i" "status: $st" ;; esac
		if [ "$(bytes "$TMPD/rec-sn$i.bin" '\xe2\x80\xae')" = 0 ] &&
		    "$TMPD/vtcheck" "$TMPD/rec-sn$i.bin" >/dev/null; then
			pass "status-name-$i-bytes"
		else
			fail "status-name-$i-bytes" "raw RLO or a forbidden sequence"
		fi
		$T kill-session -t sn$i 2>/dev/null
	done
fi

if want help-binding; then
	# A binding's argument from the config is shown on the help screen.
	printf 'bind X goto-line 1\342\200\256evil\033]0;t\007\n' \
		>"$XDG_CONFIG_HOME/yuedu/config"
	rec hb 100 40 "" "$SEED"
	wait_for hb "%" 60
	keys hb '?'
	# Find the line on any help page.
	seen=0
	for i in $(seq 12); do
		cap hb | grep -q 'X.*<U+202E>evil␛' && { seen=1; break; }
		keys hb Space
	done
	keys hb q q
	[ "$seen" = 1 ] && pass help-binding-arg-visible ||
		fail help-binding-arg-visible "the binding's argument is not shown as text"
	if [ "$(bytes "$TMPD/rec-hb.bin" '\xe2\x80\xae|\x07|\x1b\]')" = 0 ]; then
		pass help-binding-arg-bytes
	else
		fail help-binding-arg-bytes "RLO, BEL or OSC reached the terminal"
	fi
	$T kill-session -t hb 2>/dev/null
	rm -f "$XDG_CONFIG_HOME/yuedu/config"
fi

# --- terminals that are not UTF-8 ---------------------------------------------
if want locale-ascii; then
	rec la 80 24 "LC_ALL= LANG=C" "$SEED"
	wait_for la "%" 60
	st=$(status_line la)
	keys la o Tab j G
	keys la '?'
	keys la q q
	case $st in *"ASCII"*"C.UTF-8"*) pass locale-c-note ;;
	*) fail locale-c-note "status: $st" ;; esac
	if [ -s "$TMPD/rec-la.bin" ] &&
	    [ "$(bytes "$TMPD/rec-la.bin" '[\x80-\xff]')" = 0 ]; then
		pass locale-c-ascii-only
	else
		fail locale-c-ascii-only "bytes >= 0x80 sent to an ASCII terminal"
	fi
	$T kill-session -t la 2>/dev/null
	# The same terminal, told it is UTF-8 after all.
	rec lu 80 24 "LC_ALL= LANG=C" "--term-charset=utf-8 $SEED"
	wait_for lu "%" 60
	keys lu q
	iconv -f UTF-8 -t UTF-8 "$TMPD/rec-lu.bin" >/dev/null 2>&1 &&
	    LC_ALL=C.UTF-8 grep -q '党建' "$TMPD/rec-lu.bin" &&
		pass locale-c-term-charset-utf8 ||
		fail locale-c-term-charset-utf8 "no UTF-8 text with --term-charset=utf-8"
	$T kill-session -t lu 2>/dev/null
fi

# Legacy locales are generated here (localedef, from Debian's locales
# package) into a private LOCPATH; no system locale is touched.
LOC=$TMPD/locales
mklocale() {
	mkdir -p "$LOC"
	[ -d "$LOC/$1.$2" ] && return 0
	command -v localedef >/dev/null 2>&1 || return 1
	localedef -i "$1" -f "$2" "$LOC/$1.$2" >/dev/null 2>&1
	[ -d "$LOC/$1.$2" ]
}

if want locale-gb18030; then
	if mklocale zh_CN GB18030; then
		rec lg 80 24 "LOCPATH=$LOC LC_ALL= LANG=zh_CN.GB18030" "$SEED"
		wait_for lg "%" 60
		keys lg o j
		keys lg q q
		if iconv -f GB18030 -t UTF-8 "$TMPD/rec-lg.bin" >"$TMPD/lg.txt" 2>/dev/null &&
		    grep -q '关于党建引领基层社区治理' "$TMPD/lg.txt" &&
		    ! LC_ALL=C.UTF-8 grep -q '党建' "$TMPD/rec-lg.bin"; then
			pass locale-gb18030-bytes
		else
			fail locale-gb18030-bytes "output is not the text in GB18030"
		fi
		$T kill-session -t lg 2>/dev/null
	else
		echo "SKIP locale-gb18030 (localedef or the zh_CN source is missing)"
	fi
fi

if want locale-latin1; then
	if mklocale en_US ISO-8859-1; then
		H1=$TMPD/latin1.txt
		# é is in Latin-1; U+009B (a C1 in UTF-8) and U+075B (DD 9B)
		# must never put a 0x9B byte on the wire.
		printf 'Caf\303\251 na\303\257ve \302\233[2J \335\233 \344\270\255\n' >"$H1"
		rec ll 80 24 "LOCPATH=$LOC LC_ALL= LANG=en_US.ISO-8859-1" "$H1"
		wait_for ll "%" 60
		keys ll q
		if [ "$(bytes "$TMPD/rec-ll.bin" '[\x80-\x9f]')" = 0 ] &&
		    [ "$(bytes "$TMPD/rec-ll.bin" 'Caf\xe9')" -ge 1 ]; then
			pass locale-latin1-bytes
		else
			fail locale-latin1-bytes "no é as E9, or a C1 byte was sent"
		fi
		$T kill-session -t ll 2>/dev/null
	else
		echo "SKIP locale-latin1 (localedef missing)"
	fi
fi

if want printer-ascii-tty; then
	# --outline printed to an ASCII terminal: '?' for what it cannot show,
	# no byte >= 0x80 (a pipe would get UTF-8, as docs/yuedu.1 says).
	rm -f "$TMPD/po.bin"
	server
	$T new-session -d -s po -x 100 -y 30 \
		"sleep 0.3; $ENVS LC_ALL= LANG=C $BIN --outline $SEED; sleep 2"
	$T pipe-pane -t po -o "cat > $TMPD/po.bin"
	wait_for po "????" 60
	if [ -s "$TMPD/po.bin" ] &&
	    [ "$(bytes "$TMPD/po.bin" '[\x80-\xff]')" = 0 ] &&
	    grep -q '^  (' "$TMPD/po.bin"; then
		pass printer-ascii-tty
	else
		fail printer-ascii-tty "high bytes on an ASCII terminal"
	fi
	$T kill-session -t po 2>/dev/null
fi
