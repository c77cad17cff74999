# tests/e2e/cases/loading.sh - a 100 MB file in the view (sourced by
# tests/e2e/run.sh: start, cap, wait_for, wait_last, status_line, pass,
# fail, want, $T, $TMPD, $Y, $SEED come from there).
#
# The first screen comes while the file still loads, and says "loading";
# Space pages during the load; G goes to the end of what has loaded and
# says so; the load completes ("outline complete") and the text at the
# top stays where it was; G then reaches 100%.  Keys are sent with
# send-keys, not keys(): the status line changes as it loads, so the
# screen never settles until the end.  The file is made here from the
# bundled seed (100 MB in $TMPD, removed with it).

if want loading; then
	big=$TMPD/big.txt
	cp "$SEED" "$big"
	while [ "$(stat -c %s "$big")" -lt 100000000 ]; do
		cat "$big" "$big" >"$big.2" && mv "$big.2" "$big"
	done
	start ld 100 30 "$Y $big"
	if ! wait_for ld "%" 200; then
		fail loading-first-screen "$(cap ld | tail -n 1)"
	else
		pass loading-first-screen
		status_line ld | grep -q "loading [0-9]*%" &&
			pass loading-progress-shown ||
			fail loading-progress-shown "status: $(status_line ld)"
		top0=$(cap ld | head -n 1)
		$T send-keys -t ld Space
		sleep 0.3
		top1=$(cap ld | head -n 1)
		[ "$top0" != "$top1" ] && pass loading-page-during-load ||
			fail loading-page-during-load "Space did not page"
		$T send-keys -t ld G
		if wait_last ld "so far" 40; then
			pass loading-g-says-loaded-end
		else
			# Fast machines finish 100 MB before G arrives.
			status_line ld | grep -q "loading" &&
				fail loading-g-says-loaded-end \
				"status: $(status_line ld)" ||
				pass loading-g-says-loaded-end
		fi
		$T send-keys -t ld g
		sleep 0.3
		$T send-keys -t ld Space
		sleep 0.3
		before=$(cap ld | head -n 3)
		if wait_last ld "outline complete" 1200; then
			pass loading-completes
		else
			fail loading-completes "status: $(status_line ld)"
		fi
		after=$(cap ld | head -n 3)
		[ "$before" = "$after" ] && pass loading-nothing-moves ||
			fail loading-nothing-moves "top changed when loading ended"
		$T send-keys -t ld G
		wait_last ld "100%" 100 && pass loading-g-after-load ||
			fail loading-g-after-load "status: $(status_line ld)"
	fi
	quit ld
	rm -f "$big"
fi
