# tests/e2e/cases/chars.sh - invisible and hidden characters on the screen
# (sourced by tests/e2e/run.sh: start, keys, cap, wait_for, pass, fail,
# want, $T, $TMPD, $BIN come from there).
#
# The file holds a soft hyphen, a zero-width space and "Hi" written in tag
# characters (text smuggled past the eye).  The tags are always shown as
# <U+E00xx> text; zI (reveal-invisibles) draws the other two as ‸ and
# hides them again; ":reveal-invisibles=on" does the same as the key.

if want chars; then
	printf 'soft\302\255hy zw\342\200\213sp end\ntag:\363\240\201\210\363\240\201\251 ok\n' \
	    >"$TMPD/chars.txt"
	start ch 80 24 "$BIN $TMPD/chars.txt"
	if ! wait_for ch "ok"; then
		fail chars-start "text not shown: $(cap ch | head -3 | tr '\n' ' ')"
	else
		cap ch | grep -qF 'tag:<U+E0048><U+E0069> ok' &&
			pass chars-tags-shown ||
			fail chars-tags-shown "$(cap ch | grep tag)"
		n=$(cap ch | grep -c '‸')
		[ "$n" -eq 0 ] && pass chars-hidden-by-default ||
			fail chars-hidden-by-default "$n rows with a marker"
		keys ch =
		status_line ch | grep -qF '  2 invisible  ' &&
			pass chars-info-count ||
			fail chars-info-count "status: $(status_line ch)"
		keys ch z I
		if wait_for ch 'soft‸hy zw‸sp end' 40; then
			pass chars-reveal-on
		else
			fail chars-reveal-on "$(cap ch | head -3 | tr '\n' ' ')"
		fi
		status_line ch | grep -qF 'reveal-invisibles on (2 in the text)' &&
			pass chars-reveal-message ||
			fail chars-reveal-message "status: $(status_line ch)"
		keys ch z I
		n=$(cap ch | grep -c '‸')
		[ "$n" -eq 0 ] && cap ch | grep -qF 'sp end' &&
			pass chars-reveal-off ||
			fail chars-reveal-off "$n rows with a marker"
		keys ch :
		keys ch 'reveal-invisibles=on' Enter
		if wait_for ch 'soft‸hy zw‸sp end' 40; then
			pass chars-reveal-setting
		else
			fail chars-reveal-setting "$(cap ch | head -3 | tr '\n' ' ')"
		fi
		cap ch | grep -qF 'tag:<U+E0048><U+E0069> ok' &&
			pass chars-tags-still-shown ||
			fail chars-tags-still-shown "$(cap ch | grep tag)"
	fi
	quit ch
fi
