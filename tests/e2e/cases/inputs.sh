# tests/e2e/cases/inputs.sh - sourced by tests/e2e/run.sh: a FIFO or a slow
# pipe never blocks the view.  What has arrived is shown, the status line
# says "waiting for input" until the first bytes, and keys (q above all)
# work at once.  Time limits live here in the runner, as retries.

# pane_pid NAME: the pid of the pane's process.
pane_pid() { $T display -p -t "$1" '#{pane_pid}' 2>/dev/null; }

if want fifo-no-writer; then
	F=$TMPD/fifo1
	rm -f "$F"
	mkfifo "$F"
	start_exec fw 80 12 "$F"
	pid=$(pane_pid fw)
	if wait_last fw "waiting for input" 60; then
		pass fifo-no-writer-waits
	else
		fail fifo-no-writer-waits "status: $(status_line fw)"
	fi
	$T send-keys -t fw q
	if gone_within "$pid" 20; then pass fifo-no-writer-q; else
		fail fifo-no-writer-q "q did not end it within 1 s"; fi
	$T kill-session -t fw 2>/dev/null
fi

if want fifo-slow-writer; then
	F=$TMPD/fifo2
	rm -f "$F"
	mkfifo "$F"
	start_exec fs 80 12 "$F"
	wait_last fs "waiting for input" 60
	# The writer keeps the FIFO open between its lines.
	(
		printf '第一章 开始\n\n这是第一段，写者还没有写完。\n'
		sleep 1.5
		printf '\n第二章 继续\n\n第二段在一秒半以后才到。\n'
		sleep 1
	) >"$F" &
	wpid=$!
	if wait_for fs "这是第一段" 30; then
		pass fifo-first-part-shown
	else
		fail fifo-first-part-shown "$(cap fs | head -3)"
	fi
	case $(status_line fs) in *reading*) pass fifo-status-reading ;;
	*) fail fifo-status-reading "status: $(status_line fs)" ;; esac
	# Keys work while the writer is silent.
	keys fs G
	if wait_for fs "第二段在一秒半以后才到" 60; then
		pass fifo-second-part-shown
	else
		fail fifo-second-part-shown "$(cap fs | head -6)"
	fi
	wait "$wpid" 2>/dev/null
	# The end of input: the progress goes, the outline is whole.
	for i in $(seq 40); do
		case $(status_line fs) in *reading*) sleep 0.05 ;; *) break ;; esac
	done
	case $(status_line fs) in *reading*|*waiting*)
		fail fifo-done "status: $(status_line fs)" ;;
	*) pass fifo-done ;; esac
	keys fs o
	if cap fs | grep -q '第二章'; then pass fifo-outline-complete; else
		fail fifo-outline-complete "no 第二章 in the sidebar"; fi
	quit fs
fi

if want pipe-slow; then
	# stdin is a pipe whose writer stays silent after one line.
	start ps 80 12 "(printf '管道里的第一行文字。\\\\n'; sleep 20) | $Y"
	if wait_for ps "管道里的第一行文字" 60; then
		pass pipe-partial-shown
	else
		fail pipe-partial-shown "$(cap ps | head -3)"
	fi
	$T send-keys -t ps q
	gone=0
	for i in $(seq 20); do
		cap ps | grep -q "管道里的第一行文字" || { gone=1; break; }
		sleep 0.05
	done
	[ "$gone" = 1 ] && pass pipe-q-at-once ||
		fail pipe-q-at-once "the view was still up 1 s after q"
	$T kill-session -t ps 2>/dev/null
fi

if want stream-binary; then
	start sb 80 12 "cat /bin/ls | $Y 2>$TMPD/sb.err"
	for i in $(seq 100); do [ -f "$TMPD/sb.rc" ] && break; sleep 0.05; done
	if [ "$(cat "$TMPD/sb.rc" 2>/dev/null)" = 1 ] &&
	    grep -q '(stdin): looks like a binary file' "$TMPD/sb.err"; then
		pass stream-binary-refused
	else
		fail stream-binary-refused "rc=$(cat "$TMPD/sb.rc" 2>/dev/null) $(cat "$TMPD/sb.err" 2>/dev/null)"
	fi
	$T kill-session -t sb 2>/dev/null
fi
