# tests/e2e/cases/tabs.sh - several documents in one view (sourced by
# tests/e2e/run.sh: start, keys, cap, wait_for, wait_last, status_line,
# pass, fail, want, same_body, quit, $T, $TMPD, $BIN, $SEED come from
# there).
#
# `yuedu SEED two.txt`: the status line counts [1/2]; :n shows the second;
# a heading jump there, then Back twice returns to the exact screen left
# in the first (the jump history crosses documents); the documents list
# (B) opens the second again; a missing file among several is skipped.

if want tabs; then
	printf '第一章 甲\n\n甲的正文第一段。\n\n甲的正文第二段。\n\n第二章 乙\n\n乙的正文。\n\n第三章 丙\n\n丙的正文。\n' \
	    >"$TMPD/two.txt"
	start tb 80 24 "$BIN $SEED $TMPD/two.txt"
	if ! wait_last tb '[1/2]'; then
		fail tabs-start "status: $(status_line tb)"
	else
		pass tabs-start
		keys tb 3 0 j
		cap tb >"$TMPD/tabs-first.txt"
		keys tb : n Enter
		if wait_last tb '[2/2]' && cap tb | grep -qF '第一章 甲'; then
			pass tabs-next
		else
			fail tabs-next "$(cap tb | head -2 | tr '\n' ' ') / $(status_line tb)"
		fi
		keys tb ] ]
		cap tb | head -1 | grep -qF '第二章 乙' && pass tabs-heading-jump ||
			fail tabs-heading-jump "$(cap tb | head -1)"
		keys tb C-o
		cap tb | head -1 | grep -qF '第一章 甲' && pass tabs-back-in-second ||
			fail tabs-back-in-second "$(cap tb | head -1)"
		keys tb C-o
		wait_last tb '[1/2]'
		cap tb >"$TMPD/tabs-back.txt"
		same_body tabs-back-exact "$TMPD/tabs-first.txt" "$TMPD/tabs-back.txt"
		# Forward returns to the second where Back left it.
		keys tb ] j
		wait_last tb '[2/2]' && cap tb | head -1 | grep -qF '第一章 甲' &&
			pass tabs-forward || fail tabs-forward "$(status_line tb)"
		keys tb : p Enter
		wait_last tb '[1/2]' && pass tabs-prev ||
			fail tabs-prev "$(status_line tb)"
		# The documents list: both names, Enter on the second opens it.
		keys tb B
		if cap tb | head -1 | grep -qF '文档' &&
		    cap tb | grep -qF 'two.txt' &&
		    cap tb | grep -qF '关于党建引领'; then
			pass tabs-list
		else
			fail tabs-list "$(cap tb | head -3 | tr '\n' ' ')"
		fi
		keys tb j Enter
		wait_last tb '[2/2]' && pass tabs-list-opens ||
			fail tabs-list-opens "$(status_line tb)"
		quit tb
		[ "$(cat "$TMPD/tb.rc" 2>/dev/null)" = 0 ] && pass tabs-exit ||
			fail tabs-exit "rc $(cat "$TMPD/tb.rc" 2>/dev/null)"
	fi
	$T kill-session -t tb 2>/dev/null

	# A missing file among several: the others open, no [1/2].
	start tm 80 24 "$BIN $TMPD/nope.txt $TMPD/two.txt 2>$TMPD/tm.err"
	if wait_for tm '第一章 甲'; then
		status_line tm | grep -qF '[' && fail tabs-missing-skipped \
		    "$(status_line tm)" || pass tabs-missing-skipped
		grep -qF 'nope.txt' "$TMPD/tm.err" && pass tabs-missing-message ||
			fail tabs-missing-message "$(cat "$TMPD/tm.err")"
	else
		fail tabs-missing-skipped "$(cap tm | head -2 | tr '\n' ' ')"
	fi
	quit tm
	$T kill-session -t tm 2>/dev/null
	# None can be opened: exit 1 without a view.
	start tn 80 24 "$BIN $TMPD/nope.txt $TMPD/nope2.txt 2>$TMPD/tn.err"
	for i in $(seq 60); do
		[ -f "$TMPD/tn.rc" ] && break
		sleep 0.05
	done
	[ "$(cat "$TMPD/tn.rc" 2>/dev/null)" = 1 ] &&
	    [ "$(grep -c nope "$TMPD/tn.err")" = 2 ] && pass tabs-none-open ||
		fail tabs-none-open "rc $(cat "$TMPD/tn.rc" 2>/dev/null)"
	$T kill-session -t tn 2>/dev/null
fi
