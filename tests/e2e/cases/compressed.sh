# tests/e2e/cases/compressed.sh - compressed files in the view (sourced by
# tests/e2e/run.sh: start, keys, cap, wait_for, status_line, same_body,
# pass, fail, want, $T, $TMPD, $Y, $SEED come from there).
#
# A .gz of the seed shows the seed's screen; Shift-J reaches its first
# body heading.  `cat seed.xz | yuedu` (a pipe read between keys) shows it
# too, and a bomb opens with the text it kept, "(truncated)" on "=" (cut to
# "(truncat…" at 80 columns), and says why on stderr when the view ends.

if want compressed; then
	gzip -c <"$SEED" >"$TMPD/seed.gz"
	xz -c <"$SEED" >"$TMPD/seed.xz"
	start zp 80 24 "$Y $SEED"
	wait_for zp "%"
	settle zp
	cap zp >"$TMPD/zplain.txt"
	quit zp
	start zg 80 24 "$Y $TMPD/seed.gz"
	if ! wait_for zg "%"; then
		fail compressed-gz-open "$(cap zg | head -3 | tr '\n' ' ')"
	else
		settle zg
		cap zg >"$TMPD/zgz.txt"
		same_body compressed-gz-screen "$TMPD/zplain.txt" "$TMPD/zgz.txt"
		keys zg J
		cap zg | grep -qF "一、" && pass compressed-gz-heading ||
			fail compressed-gz-heading "$(cap zg | head -3 | tr '\n' ' ')"
	fi
	quit zg
	start zs 80 24 "cat $TMPD/seed.xz | $Y"
	if ! wait_for zs "%"; then
		fail compressed-pipe-open "$(cap zs | head -3 | tr '\n' ' ')"
	else
		settle zs
		cap zs >"$TMPD/zpipe.txt"
		same_body compressed-pipe-screen "$TMPD/zplain.txt" "$TMPD/zpipe.txt"
		keys zs J
		cap zs | grep -qF "一、" && pass compressed-pipe-heading ||
			fail compressed-pipe-heading "$(cap zs | head -3 | tr '\n' ' ')"
	fi
	quit zs
	yes '这是一行重复的文字。' | head -c 20000000 | xz -0 >"$TMPD/bomb.xz"
	start zb 80 24 "$Y $TMPD/bomb.xz 2>$TMPD/zb.err"
	if ! wait_for zb "这是一行重复的文字。"; then
		fail compressed-bomb-open "$(cap zb | head -3 | tr '\n' ' ')"
	else
		# Why the text stops: said in the status line as soon as
		# loading reaches the limit.
		wait_last zb "decompressed size" 100
		status_line zb | grep -qF "bomb.xz: decompressed size" &&
			pass compressed-bomb-status-says-why ||
			fail compressed-bomb-status-says-why "status: $(status_line zb)"
		keys zb =
		status_line zb | grep -qF "(truncat" &&
			pass compressed-bomb-truncated ||
			fail compressed-bomb-truncated "status: $(status_line zb)"
	fi
	quit zb
	# The same bomb through a pipe: said when the stream ends.
	start zq 80 24 "cat $TMPD/bomb.xz | $Y"
	if wait_last zq "decompressed size" 100; then
		pass compressed-pipe-bomb-status-says-why
	else
		fail compressed-pipe-bomb-status-says-why "status: $(status_line zq)"
	fi
	quit zq
	sleep 0.2
	grep -qF "bomb.xz: decompressed size over 1000 times" "$TMPD/zb.err" &&
		pass compressed-bomb-message-after ||
		fail compressed-bomb-message-after "$(cat "$TMPD/zb.err")"
fi
