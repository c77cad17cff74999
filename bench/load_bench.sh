#!/bin/bash
# bench/load_bench.sh - opening big texts: yuedu against less in the same
# run, through a real pseudo-terminal (a private tmux server, 120x40), as
# issue 8 asks.  For each size in SIZES and encoding in ENCS, RUNS runs of
# each program; every number is the median of the runs.
#
# Columns (one row per size x encoding x program):
#   size, enc   bench/out/zh-<size>mb.txt (utf8) or zh-<size>mb.gb18030.txt
#               (gb18030: the same text in GB18030, about 0.67 of the bytes)
#   prog        yuedu (reads the file itself), or the baseline: `less FILE`
#               for UTF-8, `iconv -f GB18030 -t UTF-8 FILE | less` for
#               GB18030 ("less through iconv"; less reads a pipe)
#   first ms    from the start until the first screen is drawn (5 or more
#               non-blank rows and a non-blank last row)
#   G ms        `G` pressed after loading is complete and after the 50
#               page-downs, until the last row shows the end (yuedu: "100%",
#               less: "(END)"); less through iconv must read the whole pipe
#   G load ms   yuedu only: a fresh start, `G` pressed as soon as the first
#               screen is drawn (one capture later, the reference), until
#               the text rows (all but the last row) change.  "†": the
#               text had already finished loading when the key went (the
#               view showed no loading word), so it was not measured
#               during loading
#   50% load ms the same for `50%` (a percent jump while loading)
#   outline ms  yuedu only: from the start until the last row stops
#               changing (SETTLE_MS, default 500) and shows no loading word
#               (LOADING_RE: loading, reading, indexing, scanning, 加载 ...);
#               the time is when it first showed that final content
#   pgdn bytes  bytes written to the terminal for 50 page-downs (Space, one
#               every 30 ms), recorded with tmux pipe-pane
#   peak MB     VmHWM (peak resident memory) of the program after G, in
#               10^6 bytes.  For less through iconv it is less alone
#   x file      peak memory / size of the file as stored
#   ol MB/s     yuedu only: `yuedu --outline=tsv FILE >/dev/null`, 10^6
#               bytes of the file as stored per second of wall time
#   ol RSS MB   its peak RSS (/usr/bin/time %M, else VmHWM polled)
#   x less      yuedu's median / less's median (first, G, bytes)
#   missed      the targets of issue 8 that this row misses ("ok": none):
#               first   first <= 1.0 x less (GB18030: <= 0.5 x less
#                       through iconv)
#               G       G <= 1.0 x less
#               G-load  G load <= 50 ms; %-load: 50% load <= 50 ms
#               bytes   pgdn bytes <= 1.0 x less
#               mem     peak <= 1.25 x file (GB18030: <= 1.6 x file)
#               outline outline <= 1000 ms (sizes up to 100 MB; none for
#                       1 GB)
#               MB/s    --outline >= 100 MB/s (UTF-8 only)
#               A timeout or a dead program misses its target.  A time
#               target missed by less than one poll (the resolution, see
#               below) shows as e.g. "G~": within the noise.
#
# Times run from when the tmux command that started the program (or sent
# the key) returned, to the midpoint of the first capture that showed the
# result; the resolution is one tmux call, printed as "poll" in the report.
# A wait that takes longer than WAIT_S (default 300) seconds prints
# "timeout"; a program that dies prints "died".
#
# Usage (from anywhere; needs no stdin):
#   bash bench/load_bench.sh
#   SIZES="1 10" ENCS=utf8 RUNS=1 bash bench/load_bench.sh
#   SIZES=1000 bash bench/load_bench.sh         # makes the 1 GB texts
#   YUEDU_BIN=/work/main/yuedu bash bench/load_bench.sh
# Environment: SIZES (default "1 10 100"; 1000 = 1 GB, made on demand with
# BIG=1 bench/make_corpus.sh), ENCS ("utf8 gb18030"), RUNS (3), YUEDU_BIN
# (./yuedu; a relative path is from the repository's root), WAIT_S,
# SETTLE_MS, LOADING_RE, YUEDU_END_RE ("100%").
# Prints a Markdown report and writes it to bench/out/load-results.md; the
# single runs go to bench/out/load-raw.tsv.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C.UTF-8
exec </dev/null
shopt -s nocasematch

YUEDU=${YUEDU_BIN:-./yuedu}
case $YUEDU in /*) ;; *) YUEDU=$PWD/${YUEDU#./} ;; esac
SIZES=${SIZES:-1 10 100}
ENCS=${ENCS:-utf8 gb18030}
RUNS=${RUNS:-3}
WAIT_S=${WAIT_S:-300}
SETTLE_MS=${SETTLE_MS:-500}
LOADING_RE=${LOADING_RE:-(^|[^a-z])(loading|reading|indexing|scanning|parsing)|加载|载入|读取|索引|解析}
YUEDU_END_RE=${YUEDU_END_RE:-100%}
LESS_END_RE='\(END\)'
out=bench/out
results=$out/load-results.md
raw=$out/load-raw.tsv

[ -x "$YUEDU" ] || { echo "load_bench: $YUEDU not built (make)" >&2; exit 1; }
for c in tmux less iconv awk; do
	command -v "$c" >/dev/null || { echo "load_bench: needs $c" >&2; exit 1; }
done
case $RUNS in '' | *[!0-9]* | 0) echo "load_bench: RUNS must be a number > 0" >&2; exit 2 ;; esac
for mb in $SIZES; do
	case $mb in 1 | 10 | 100 | 1000) ;; *) echo "load_bench: sizes are 1 10 100 1000, not $mb" >&2; exit 2 ;; esac
done
for enc in $ENCS; do
	case $enc in utf8 | gb18030) ;; *) echo "load_bench: encodings are utf8 gb18030, not $enc" >&2; exit 2 ;; esac
done
big=
case " $SIZES " in *" 1000 "*) big=1 ;; esac
BIG=$big sh bench/make_corpus.sh >&2 || exit 1

# shellcheck source=bench/term_lib.sh
. bench/term_lib.sh
tb_start load

timer=/usr/bin/time
[ -x "$timer" ] || timer=
capper=
command -v timeout >/dev/null && capper="timeout -k 5 $WAIT_S"

# The cost of one capture, the resolution of every time below.
tb_now
p0=$NOW
for _ in 1 2 3 4 5 6 7 8 9 10; do "${TB[@]}" capture-pane -p -t keep >/dev/null; done
tb_now
POLL_MS=$(((NOW - p0) / 10000))

ms_since() { # ms from $1 to $2 (microseconds)
	REPLY=$((($2 - $1 + 500) / 1000))
}

# Predicates for tb_wait.
nonblank_rows() {
	local r n=0
	for r in "${ROWS[@]}"; do
		[[ $r =~ [^[:space:]] ]] && n=$((n + 1))
	done
	REPLY=$n
}
first_drawn() {
	[[ $LAST =~ [^[:space:]] ]] || return 1
	nonblank_rows
	[ "$REPLY" -ge 5 ]
}
at_end_yuedu() { [[ $LAST =~ $YUEDU_END_RE ]]; }
at_end_less() { [[ $LAST =~ $LESS_END_RE ]]; }
text_changed() { [ "$TEXT" != "$REF_TEXT" ]; }

# result RC MS: the number, or why there is none.
result() {
	case $1 in
	0) REPLY=$2 ;;
	1) REPLY=timeout ;;
	*) REPLY=died ;;
	esac
}

# note KEY VALUE: one measurement, kept for the medians and in load-raw.tsv.
declare -A VAL
note() {
	VAL[$prog.$1]+="$2 "
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mb" "$enc" "$prog" "$run" "$1" "$2" >>"$raw.tmp"
}

# One run of a program: first screen, (yuedu: loading done), 50
# page-downs, G, peak memory.
run_main() {
	local endp=$1 rc first
	shift
	tb_launch "$@"
	tb_wait $((WAIT_S * 1000)) first_drawn
	rc=$?
	result $rc 0
	if [ $rc = 0 ]; then
		ms_since "$TB_T0" "$SEEN"
		first=$REPLY
	else
		first=$REPLY
	fi
	note first "$first"
	if [ $rc != 0 ]; then
		[ "$prog" = yuedu ] && note outline "$first"
		note G "$first"
		note bytes "$first"
		note peak "$first"
		tb_end
		return
	fi
	if [ "$prog" = yuedu ]; then
		tb_wait_stable LAST "$SETTLE_MS" $((WAIT_S * 1000)) "$LOADING_RE" "$LAST" "$SEEN"
		rc=$?
		ms_since "$TB_T0" "$SINCE"
		result $rc "$REPLY"
		note outline "$REPLY"
		note outline_status "${LAST//$'\t'/ }"
	fi
	tb_wait_stable SCREEN 150 10000
	tb_record Space 50
	note bytes "${BYTES:-died}"
	tb_keys G
	tb_wait $((WAIT_S * 1000)) "$endp"
	rc=$?
	ms_since "$TB_T0" "$SEEN"
	result $rc "$REPLY"
	note G "$REPLY"
	if tb_hwm; then
		note peak "$HWM_KB"
	else
		note peak died
	fi
	tb_end
}

# run_in_load NAME KEY...: yuedu afresh, KEYs as soon as the first screen
# is there, until the text rows change.
run_in_load() {
	local name=$1 rc loading=no
	shift
	tb_launch "$YUEDU" "$file"
	tb_wait $((WAIT_S * 1000)) first_drawn
	rc=$?
	# One more capture is the reference: a first screen caught half drawn
	# must not count as the answer to the key.
	[ $rc = 0 ] && { tb_screen; rc=$?; }
	if [ $rc = 0 ]; then
		REF_TEXT=$TEXT
		[[ $LAST =~ $LOADING_RE ]] && loading=yes
		tb_keys "$@"
		tb_wait $((WAIT_S * 1000)) text_changed
		rc=$?
		ms_since "$TB_T0" "$SEEN"
	fi
	result $rc "${REPLY:-}"
	note "$name" "$REPLY"
	note "${name}_loading" "$loading"
	note "${name}_status" "${LAST//$'\t'/ }"
	tb_end
}

# run_outline: yuedu --outline=tsv, wall time and peak RSS, at most WAIT_S
# seconds.
run_outline() {
	local a rc kb='' pid v
	tb_now
	a=$NOW
	if [ -n "$timer" ]; then
		# In the background so that a signal ends the wait at once.
		$capper "$timer" -f '%M' -o "$TB_TMP/rss" "$YUEDU" --outline=tsv "$file" >/dev/null 2>"$TB_TMP/err" &
		TB_BG=$!
		wait "$TB_BG"
		rc=$?
		TB_BG=
		tb_now
		kb=$(tail -n 1 "$TB_TMP/rss" 2>/dev/null)
	else
		"$YUEDU" --outline=tsv "$file" >/dev/null 2>"$TB_TMP/err" &
		pid=$!
		TB_BG=$pid
		while [ -d "/proc/$pid" ]; do
			v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
			[ -n "$v" ] && kb=$v
			tb_now
			[ $((NOW - a)) -gt $((WAIT_S * 1000000)) ] && kill -KILL "$pid" 2>/dev/null
			tb_nap 0.01
		done
		wait "$pid"
		rc=$?
		TB_BG=
		tb_now
		[ $((NOW - a)) -gt $((WAIT_S * 1000000)) ] && rc=124
	fi
	case $kb in '' | *[!0-9]*) kb=n/a ;; esac
	case $rc in
	0) note ol_us $((NOW - a)) ;;
	124 | 137) note ol_us timeout ;;
	*) note ol_us "exit$rc" ;;
	esac
	note ol_kb "$kb"
}

# median KEY: the median of the runs (non-numbers sort last); "-" if none.
median() {
	local v=${VAL[$1]:-}
	if [ -z "$v" ]; then
		REPLY=-
		return
	fi
	# shellcheck disable=SC2086 # one word a run
	REPLY=$(printf '%s\n' $v | awk '
		/^[0-9.]+$/ { print 0, $1; next } { print 1, $1 }' |
	    sort -k1,1n -k2,2g | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
}
isnum() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }
ratio() { # A B: A / B (2 decimals; 2 digits when small, none when big), or "-"
	if isnum "$1" && isnum "$2" && [ "$2" != 0 ]; then
		REPLY=$(awk -v a="$1" -v b="$2" 'BEGIN { r = a / b
			printf (r >= 100 ? "%.0f" : r >= 0.01 ? "%.2f" : "%.2g"), r }')
	else
		REPLY=-
	fi
}
le() { # A LIMIT [B]: A is a number no larger than LIMIT (times B if given)
	isnum "$1" && isnum "${3:-1}" &&
	    awk -v a="$1" -v l="$2" -v b="${3:-1}" 'BEGIN { exit !(a <= l * b) }'
}

# miss_ms NAME MS LIMIT [B]: a time target; missed by less than one poll
# (the resolution) is "NAME~".
miss_ms() {
	le "$2" "$3" "${4:-1}" && return
	if le "$2" 1 "$(awk -v l="$3" -v b="${4:-1}" -v p="$POLL_MS" 'BEGIN { print l * b + p }')"; then
		missed+=" $1~"
	else
		missed+=" $1"
	fi
}

emit() {
	printf '%s\n' "$*" | tee -a "$results.tmp"
}

: >"$results.tmp"
printf 'size_mb\tenc\tprog\trun\tmetric\tvalue\n' >"$raw.tmp"
emit "# yuedu against less: opening big texts (issue 8)"
emit ""
emit "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
emit "- yuedu: $YUEDU ($("$YUEDU" -V 2>/dev/null | head -n 1); $(git -C "$(dirname "$YUEDU")" rev-parse --short HEAD 2>/dev/null || echo '?'))"
emit "- less: $(less --version | head -n 1)"
emit "- machine: $(uname -sm), $(nproc 2>/dev/null) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
emit "- method: tmux ${TB_W}x${TB_H}, median of $RUNS run(s); poll ≈ $POLL_MS ms (one tmux call: the resolution of the times); MB = 10^6 bytes"
[ -z "$timer" ] && emit "- note: /usr/bin/time missing: --outline RSS is VmHWM polled every 10 ms"
emit ""
emit "| size | enc | prog | first ms | x less | G ms | x less | G load ms | 50% load ms | outline ms | pgdn bytes | x less | peak MB | x file | ol MB/s | ol RSS MB | missed |"
emit "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"

for mb in $SIZES; do
	for enc in $ENCS; do
		if [ "$enc" = utf8 ]; then file=$out/zh-${mb}mb.txt; else file=$out/zh-${mb}mb.gb18030.txt; fi
		if [ ! -s "$file" ]; then
			echo "load_bench: $file missing" >&2
			continue
		fi
		fsize=$(stat -c %s "$file")
		cat "$file" >/dev/null # the page cache, for both programs alike
		VAL=()
		for ((run = 1; run <= RUNS; run++)); do
			echo "load_bench: ${mb} MB $enc, run $run of $RUNS" >&2
			prog=yuedu
			run_main at_end_yuedu "$YUEDU" "$file"
			run_in_load gload G
			run_in_load pload 5 0 %
			prog=less
			if [ "$enc" = utf8 ]; then
				run_main at_end_less less "$file"
			else
				# shellcheck disable=SC2016 # $1 is bash -c's
				run_main at_end_less bash -c 'exec less < <(iconv -f GB18030 -t UTF-8 -- "$1")' less-iconv "$file"
			fi
			prog=yuedu
			run_outline
		done

		# less's medians first: yuedu's ratios need them.
		median less.first; l_first=$REPLY
		median less.G; l_G=$REPLY
		median less.bytes; l_bytes=$REPLY
		for prog in yuedu less; do
			median "$prog.first"; first=$REPLY
			median "$prog.G"; G=$REPLY
			median "$prog.bytes"; bytes=$REPLY
			median "$prog.peak"; peak=$REPLY
			if isnum "$peak"; then
				peak_mb=$(awk -v k="$peak" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
				xfile=$(awk -v k="$peak" -v s="$fsize" 'BEGIN { printf "%.2f", k * 1024 / s }')
			else
				peak_mb=$peak xfile=-
			fi
			if [ "$prog" = less ]; then
				lname=less
				[ "$enc" = gb18030 ] && lname="less (iconv)"
				emit "| $mb MB | $enc | $lname | $first | - | $G | - | - | - | - | $bytes | - | $peak_mb | $xfile | - | - | - |"
				continue
			fi
			median yuedu.gload; gload=$REPLY
			median yuedu.pload; pload=$REPLY
			median yuedu.outline; outline=$REPLY
			median yuedu.ol_us; ol_us=$REPLY
			median yuedu.ol_kb; ol_kb=$REPLY
			[[ ${VAL[yuedu.gload_loading]:-} == *no* ]] && isnum "$gload" && gload="$gload†"
			[[ ${VAL[yuedu.pload_loading]:-} == *no* ]] && isnum "$pload" && pload="$pload†"
			if isnum "$ol_us" && [ "$ol_us" -gt 0 ]; then
				olmbs=$(awk -v b="$fsize" -v us="$ol_us" 'BEGIN { printf "%.1f", b / us }')
			else
				olmbs=$ol_us
			fi
			if isnum "$ol_kb"; then
				olrss=$(awk -v k="$ol_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
			else
				olrss=$ol_kb
			fi
			ratio "$first" "$l_first"; r_first=$REPLY
			ratio "$G" "$l_G"; r_G=$REPLY
			ratio "$bytes" "$l_bytes"; r_bytes=$REPLY

			missed=
			if [ "$enc" = gb18030 ]; then lim_first=0.5 lim_mem=1.6; else lim_first=1.0 lim_mem=1.25; fi
			miss_ms first "$first" "$lim_first" "$l_first"
			miss_ms G "$G" 1.0 "$l_G"
			miss_ms G-load "${gload%†}" 50
			miss_ms %-load "${pload%†}" 50
			le "$bytes" 1.0 "$l_bytes" || missed+=" bytes"
			le "$peak" "$lim_mem" "$(awk -v s="$fsize" 'BEGIN { printf "%.0f", s / 1024 }')" || missed+=" mem"
			[ "$mb" -le 100 ] && { le "$outline" 1000 || missed+=" outline"; }
			[ "$enc" = utf8 ] && { isnum "$olmbs" && le 100 "$olmbs" || missed+=" MB/s"; }
			missed=${missed# }
			emit "| $mb MB | $enc | yuedu | $first | $r_first | $G | $r_G | $gload | $pload | $outline | $bytes | $r_bytes | $peak_mb | $xfile | $olmbs | $olrss | ${missed:-ok} |"
		done
	done
done

emit ""
emit "Targets (issue 8): first <= 1.0x less (GB18030: <= 0.5x less through iconv); G <= 1.0x less;"
emit "G or 50% while loading <= 50 ms; page-down bytes <= 1.0x less; peak <= 1.25x the file"
emit "(GB18030 1.6x); outline of up to 100 MB complete <= 1000 ms; --outline >= 100 MB/s (UTF-8)."
emit "†: the text had finished loading before the key was sent in at least one run."
emit "~ after a missed target: missed by less than one poll ($POLL_MS ms), within the noise."
emit "Columns: see the header of bench/load_bench.sh; single runs: $raw."

mv "$results.tmp" "$results"
mv "$raw.tmp" "$raw"
echo "load_bench: wrote $results and $raw" >&2
