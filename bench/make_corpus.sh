#!/bin/sh
# bench/make_corpus.sh - large Chinese test texts for bench/run.sh, made
# from the real documents in the shared corpus (never stored in git).
#
#   bench/out/zh-1mb.txt            UTF-8, LF, about 1 MB (10^6 bytes)
#   bench/out/zh-10mb.txt           UTF-8, about 10 MB
#   bench/out/zh-100mb.txt          UTF-8, about 100 MB
#   bench/out/zh-1mb.gb18030.txt    iconv -t GB18030 of zh-1mb.txt
#   bench/out/zh-10mb.gb18030.txt   iconv -t GB18030 of zh-10mb.txt
#   bench/out/zh-100mb.gb18030.txt  iconv -t GB18030 of zh-100mb.txt
#   bench/out/zh-10mb.utf16le.txt   iconv -t UTF-16LE of zh-10mb.txt (no BOM)
#
# Only with BIG=1 (they take 1.7 GB of disk and a minute or so):
#   bench/out/zh-1000mb.txt          UTF-8, about 1 GB (10^9 bytes)
#   bench/out/zh-1000mb.gb18030.txt  iconv -t GB18030 of zh-1000mb.txt
# Before making them it checks that bench/out has at least 5 GB free
# (df) and refuses otherwise.
#
# The seed is the concatenation, in C-locale order, of
# txt-gov-docs-outline/*.txt, web-dump/*.txt, txt-notes-outline-maogai/*.txt
# and the text of md-laws-subset/**/*.md (front matter and the '#' marks
# removed), with BOMs and CRs dropped; it is repeated and cut at a line end
# just below each size.  Idempotent: an existing file is kept (FORCE=1
# rebuilds).  Files are written under a temporary name and renamed, so an
# interrupted run leaves nothing half-made.

cd "$(dirname "$0")/.." || exit 2
corpus=${YUEDU_CORPUS:-../shared/corpus}
out=bench/out
LC_ALL=C
export LC_ALL

if [ ! -d "$corpus" ]; then
	echo "make_corpus: corpus not found at $corpus (set YUEDU_CORPUS)" >&2
	exit 1
fi
mkdir -p "$out" || exit 1

# have NAME: the file exists and FORCE is not set.
have() {
	[ -z "${FORCE:-}" ] && [ -s "$out/$1" ]
}

seed=$out/.seed.txt
make_seed() {
	[ -s "$seed" ] && [ -z "${FORCE:-}" ] && return 0
	{
		for d in txt-gov-docs-outline web-dump txt-notes-outline-maogai; do
			find "$corpus/$d" -type f -name '*.txt' ! -name NOTES.txt
		done | sort
		find "$corpus/md-laws-subset" -type f -name '*.md' | sort
	} | while IFS= read -r f; do
		awk '
		BEGIN { bom = sprintf("%c%c%c", 239, 187, 191) }
		FNR == 1 {
			if (substr($0, 1, 3) == bom) $0 = substr($0, 4)
			fm = 0
			if ($0 ~ /^---\r?$/ && FILENAME ~ /\.md$/) { fm = 1; next }
		}
		{ sub(/\r$/, "") }
		fm { if ($0 == "---") fm = 0; next }
		FILENAME ~ /\.md$/ {
			if ($0 ~ /^<!--.*-->$/) next
			sub(/^#+[ \t]+/, "")
		}
		{ gsub(/\r/, "\n"); print }
		END { print "" }
		' "$f"
	done >"$seed.tmp" && mv "$seed.tmp" "$seed"
}

# make_utf8 NAME BYTES: repeats the seed and cuts at a line end below BYTES.
make_utf8() {
	have "$1" && return 0
	make_seed || return 1
	mu_size=$(wc -c <"$seed")
	mu_reps=$(( $2 / mu_size + 1 ))
	echo "make_corpus: $out/$1 ($2 bytes from $mu_reps x $mu_size)"
	mu_i=0
	while [ "$mu_i" -lt "$mu_reps" ]; do
		cat "$seed"
		mu_i=$((mu_i + 1))
	done | awk -v max="$2" '
		{ n += length($0) + 1; if (n > max) exit; print }
	' >"$out/$1.tmp" && mv "$out/$1.tmp" "$out/$1"
}

# make_conv NAME FROM CHARSET
make_conv() {
	have "$1" && return 0
	echo "make_corpus: $out/$1 (iconv -t $3)"
	iconv -f UTF-8 -t "$3" "$out/$2" >"$out/$1.tmp" && mv "$out/$1.tmp" "$out/$1"
}

if ! { make_utf8 zh-1mb.txt 1000000 &&
    make_utf8 zh-10mb.txt 10000000 &&
    make_utf8 zh-100mb.txt 100000000 &&
    make_conv zh-1mb.gb18030.txt zh-1mb.txt GB18030 &&
    make_conv zh-10mb.gb18030.txt zh-10mb.txt GB18030 &&
    make_conv zh-100mb.gb18030.txt zh-100mb.txt GB18030 &&
    make_conv zh-10mb.utf16le.txt zh-10mb.txt UTF-16LE; }; then
	echo "make_corpus: failed" >&2
	rm -f "$out"/*.tmp
	exit 1
fi

# The 1 GB texts, only when asked for and only with room to spare.
if [ -n "${BIG:-}" ] && [ "${BIG:-}" != 0 ] &&
    ! { have zh-1000mb.txt && have zh-1000mb.gb18030.txt; }; then
	need_kb=$((5 * 1024 * 1024))
	free_kb=$(df -Pk "$out" | awk 'NR == 2 { print $4 }')
	case $free_kb in '' | *[!0-9]*) free_kb=0 ;; esac
	if [ "$free_kb" -lt "$need_kb" ]; then
		echo "make_corpus: sorry, only $((free_kb / 1024 / 1024)) GB free in $out; the 1 GB texts need 5 GB free, so they were not made" >&2
		rm -f "$seed"
		exit 1
	fi
	if ! { make_utf8 zh-1000mb.txt 1000000000 &&
	    make_conv zh-1000mb.gb18030.txt zh-1000mb.txt GB18030; }; then
		echo "make_corpus: failed" >&2
		rm -f "$out"/*.tmp
		exit 1
	fi
fi
rm -f "$seed"
