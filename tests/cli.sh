#!/bin/sh
# The command-line contract (docs/yuedu.1): outputs on real documents, exit
# statuses, and that no printed byte can drive a terminal.
cd "$(dirname "$0")/.." || exit 1
CORPUS=${YUEDU_CORPUS:-../shared/corpus}
BIN=${YUEDU_BIN:-./yuedu}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
pass() { echo "PASS $1"; }
bad() { echo "FAIL $1"; fail=1; }
check() { if [ "$2" = "$3" ]; then pass "$1"; else bad "$1"; printf '  expected: %s\n  got:      %s\n' "$3" "$2"; fi; }

# The seed article is bundled (a copy of the corpus's web-dump one), so
# these run in a clone with nothing beside it.
seed=tests/fixtures/party-building-article.txt
tab=$(printf '\t')
# The eight body headings of the seed article, exactly, in order.
"$BIN" --outline=tsv "$seed" | head -8 >"$T/o8"
cat >"$T/want8" <<W
1${tab}9${tab}一、${tab}基层党建在城市社区治理中的重要作用
2${tab}11${tab}(一)${tab}提供有力的组织保障
2${tab}13${tab}(二)${tab}党员队伍的素质和能力
2${tab}15${tab}(三)${tab}政府支持和社会参与
1${tab}17${tab}三、${tab}完善基层党建引领城市社区治理的建议
2${tab}19${tab}(一)${tab}加强党组织建设
2${tab}21${tab}(二)${tab}推动社区治理体系和治理能力的现代化
2${tab}23${tab}(三)${tab}加强信息化建设
W
if cmp -s "$T/o8" "$T/want8"; then pass seed-outline-tsv; else bad seed-outline-tsv; diff "$T/want8" "$T/o8"; fi
# Anything after them is a related-reading section.
rest=$("$BIN" --outline=tsv "$seed" | tail -n +9 | cut -f4 | tr '\n' ' ')
check seed-outline-related "$rest" "相关阅读 最近更新 "
check seed-info-title "$("$BIN" --info "$seed" | sed -n 's/^title: //p')" "关于党建引领基层社区治理水平现代化的调研与思考"
check seed-info-date "$("$BIN" --info "$seed" | sed -n 's/^date: //p')" "2025-02-26 20:24:56"
check seed-info-encoding "$("$BIN" --info "$seed" | sed -n 's/^encoding: //p')" "UTF-8"
check seed-outline-text "$("$BIN" --outline "$seed" | sed -n 2p)" "  (一)提供有力的组织保障"

# --dump: no row wider than -w, and the text of the body is all there.
"$BIN" --dump -w 40 "$seed" >"$T/d40"
check dump-width-40 "$(LC_ALL=C.UTF-8 wc -L <"$T/d40")" 40
check dump-has-last-words "$(grep -c '最近更新' "$T/d40")" 1

# stdin and "-" read the same document as the path.
check stdin-pipe "$(cat "$seed" | "$BIN" --outline=tsv | md5sum)" "$("$BIN" --outline=tsv "$seed" | md5sum)"
check stdin-dash "$("$BIN" --outline=tsv - <"$seed" | md5sum)" "$("$BIN" --outline=tsv "$seed" | md5sum)"

# Exit statuses: 0 ok, 1 cannot read, 2 usage.
"$BIN" --dump "$T" >/dev/null 2>"$T/err"; check dir-exit "$?" 1
check dir-message "$(grep -c 'is a directory' "$T/err")" 1
"$BIN" --dump "$T/nope" >/dev/null 2>&1; check missing-exit "$?" 1
"$BIN" --bogus >/dev/null 2>&1; check bad-option-exit "$?" 2
"$BIN" -w 0 --dump "$seed" >/dev/null 2>&1; check bad-width-exit "$?" 2
"$BIN" -e UTF-7 --dump "$seed" >/dev/null 2>&1; check bad-encoding-exit "$?" 2
"$BIN" --outline=xml "$seed" >/dev/null 2>&1; check bad-outline-fmt-exit "$?" 2
: >"$T/empty"; "$BIN" --dump "$T/empty" >"$T/out" 2>&1; check empty-exit "$?" 0
check empty-output "$(wc -c <"$T/out" | tr -d ' ')" 0
printf '\177ELF\002\001\001\000\000\000' >"$T/elf"
"$BIN" --dump "$T/elf" >/dev/null 2>"$T/err"; check binary-refused "$?" 1
"$BIN" --dump --force "$T/elf" >/dev/null 2>&1; check binary-forced "$?" 0
"$BIN" --version >/dev/null; check version-exit "$?" 0
"$BIN" --help | grep -q -- '--outline'; check help-lists-options "$?" 0

# Several files: printed in turn, a "==> NAME <==" line before each (as
# head does); one that cannot be read is reported, the others printed,
# exit 1.
printf '第一章 甲\n\n正文。\n\n第二章 乙\n\n正文。\n' >"$T/two.txt"
"$BIN" --outline=tsv "$seed" "$T/two.txt" >"$T/out" 2>"$T/err"; check several-exit "$?" 0
check several-headers "$(grep -c '^==> ' "$T/out")" 2
check several-first-header "$(head -1 "$T/out")" "==> $seed <=="
check several-second "$(sed -n "/^==> .*two.txt <==\$/,\$p" "$T/out" | sed -n 2p | cut -f4)" "甲"
check several-blank-between "$(grep -B1 '^==> .*two.txt' "$T/out" | head -1)" ""
check several-same-outline "$(sed -n "2,/^\$/p" "$T/out" | sed '/^$/d' | md5sum)" "$("$BIN" --outline=tsv "$seed" | md5sum)"
"$BIN" --outline "$T/nope" "$T/two.txt" >"$T/out" 2>"$T/err"; check several-missing-exit "$?" 1
check several-missing-message "$(grep -c 'nope' "$T/err")" 1
check several-missing-others "$(grep -c '^==> .*two.txt <==$' "$T/out")" 1
check one-file-no-header "$("$BIN" --outline "$T/two.txt" | grep -c '^==>')" 0
check env-options "$(YUEDU='-w 30' "$BIN" --dump "$seed" | LC_ALL=C.UTF-8 wc -L)" 30

# No byte from a file drives the terminal: ESC, BEL, C1, CR never reach
# stdout or stderr, whatever the file holds (security.md catalogue A).
printf 'a\033[2J\033]52;c;cm0gLXJmIH4=\007b\r\010c\302\233d\342\200\256e\n\033]0;title' >"$T/hostile.txt"
"$BIN" --dump "$T/hostile.txt" >"$T/out" 2>&1
check hostile-dump-clean "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C grep -c "$(printf '[\001-\037\177]')")" 0
check hostile-dump-c1 "$(LC_ALL=C grep -c "$(printf '\302[\200-\237]')" "$T/out")" 0
"$BIN" --outline "$T/hostile.txt" >"$T/out" 2>&1; "$BIN" --info "$T/hostile.txt" >>"$T/out" 2>&1
check hostile-outline-info-clean "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C grep -c "$(printf '[\001-\037\177]')")" 0
evil="$T/$(printf 'book\033]0;pwned\007.txt')"
"$BIN" --dump "$evil" >"$T/out" 2>&1
check hostile-filename-message "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C grep -c "$(printf '[\001-\037\177]')")" 0

# Legacy encodings are detected and can be forced.
gb=$CORPUS/txt-legacy-encodings/python3.11-test-cjkencodings/gb2312.txt
if [ -f "$gb" ]; then
	check gb-detected "$("$BIN" --info "$gb" | sed -n 's/^encoding: //p')" "GB18030"
	check gb-forced "$("$BIN" -e gbk --info "$gb" | sed -n 's/^encoding: //p')" "GB18030"
else
	echo "SKIP gb-detected gb-forced (corpus absent: $gb)"
fi

# Binary input is refused from its first 8 KB, without reading the rest:
# under a 300 MB address-space limit a 4 GB sparse file and an endless
# stream of NULs are refused with the usual message and exit status 1.
# (ASan reserves terabytes of address space: no limit for it.)
vlim=300000
case $BIN in *asan*) vlim=unlimited ;; esac
truncate -s 4G "$T/sparse.bin"
(ulimit -v $vlim; "$BIN" --info "$T/sparse.bin") >/dev/null 2>"$T/err"; check binary-sparse-exit "$?" 1
check binary-sparse-message "$(grep -c 'sparse.bin: looks like a binary file (NUL bytes); use --force to read it anyway' "$T/err")" 1
rm -f "$T/sparse.bin"
cat /dev/zero | (ulimit -v $vlim; "$BIN" --info) >/dev/null 2>"$T/err"; check binary-stream-exit "$?" 1
check binary-stream-message "$(grep -c '^yuedu: (stdin): looks like a binary file (NUL bytes)' "$T/err")" 1

# A lone CR in text with LFs stays on its line, shown as U+240D; without
# any LF (old Mac files) CR ends lines.
check lone-cr-kept "$(printf 'Pay $100 to Alice\rPay $999 to Mallory\n' | "$BIN" --dump)" "Pay \$100 to Alice␍Pay \$999 to Mallory"
check mac-cr-lines "$(printf 'Alice\r\rMallory\r' | "$BIN" --dump | grep -c '␍')" 0

# A short UTF-8 file cut inside its last character is still UTF-8.
printf '中文\344\270' >"$T/cut.txt"
check utf8-cut-encoding "$("$BIN" --info "$T/cut.txt" | sed -n 's/^encoding: //p')" "UTF-8"
check utf8-cut-invalid "$("$BIN" --info "$T/cut.txt" | sed -n 's/^invalid: //p')" "1"

# --info bytes: the input's size; text-bytes: the decoded UTF-8 text's.
printf '\326\320\316\304\n' >"$T/gbk.txt"
check info-bytes-input "$("$BIN" --info "$T/gbk.txt" | sed -n 's/^bytes: //p')" "5"
check info-text-bytes "$("$BIN" --info "$T/gbk.txt" | sed -n 's/^text-bytes: //p')" "6"
check info-not-truncated "$("$BIN" --info "$T/gbk.txt" | sed -n 's/^truncated: //p')" "no"
# A mistake in $YUEDU is reported as such and the variable ignored.
YUEDU=--bogus "$BIN" --outline=tsv "$seed" >"$T/out" 2>"$T/err"; check yuedu-env-bad-option-runs "$?" 0
check yuedu-env-bad-option-says-so "$(grep -c 'in \$YUEDU' "$T/err")" 1
check yuedu-env-bad-option-output "$(head -1 "$T/out" | cut -f3)" "一、"
YUEDU='--gap=0' "$BIN" --dump -w 40 "$seed" >"$T/g0"
check yuedu-env-applies "$(grep -c '^$' "$T/g0")" 0
check cmdline-beats-env "$(YUEDU='-w 30' "$BIN" -w 50 --dump "$seed" | LC_ALL=C.UTF-8 wc -L)" 50

# Option errors are yuedu's own messages, sanitised: no ESC, BEL or C1
# byte from an argument reaches stderr (getopt used to echo them raw).
"$BIN" "$(printf -- '--\033]0;pwn\007')" x >/dev/null 2>"$T/err"; check opt-error-exit "$?" 2
check opt-error-no-escape "$(LC_ALL=C grep -c "$(printf '[\033\007]')" "$T/err")" 0
check opt-error-visible "$(grep -c "unknown option --'␛]0;pwn␇'" "$T/err")" 1
"$BIN" "$(printf -- '-\233')" x >/dev/null 2>"$T/err"; check opt-error-c1-exit "$?" 2
check opt-error-c1-no-raw "$(LC_ALL=C grep -c -P '(?<![\xc2-\xef])\x9b' "$T/err")" 0
check opt-error-c1-shown "$(grep -c "unknown option -'�'" "$T/err")" 1
"$BIN" --outline=$(printf 'x\342\200\256y') "$seed" >/dev/null 2>"$T/err"; check opt-error-value-exit "$?" 2
check opt-error-value-rlo "$(grep -c 'x<U+202E>y' "$T/err")" 1
YUEDU="$(printf -- '--\033[2J')" "$BIN" --info "$seed" >/dev/null 2>"$T/err"
check opt-error-env-no-escape "$(LC_ALL=C grep -c "$(printf '\033')" "$T/err")" 0
# The parser takes what getopt took: abbreviations, -wN, --opt VALUE, --.
check opt-abbrev "$("$BIN" --outl=tsv "$seed" | head -1 | cut -f3)" "一、"
check opt-short-joined "$("$BIN" -w33 --dump "$seed" | LC_ALL=C.UTF-8 wc -L)" 33
check opt-long-separate "$("$BIN" --width 34 --dump "$seed" | LC_ALL=C.UTF-8 wc -L)" 34
"$BIN" --d "$seed" >/dev/null 2>"$T/err"; check opt-ambiguous-exit "$?" 2
check opt-ambiguous-message "$(grep -c "ambiguous option --'d'" "$T/err")" 1
cp "$seed" "$T/-dash.txt"
check opt-double-dash "$(cd "$T" && "$OLDPWD/$BIN" --info -- -dash.txt | sed -n 's/^name: //p')" "-dash.txt"
# A newline in an argument cannot forge a line of its own on stderr.
"$BIN" "$(printf -- '--a\nyuedu: all good')" >/dev/null 2>"$T/err"
check opt-error-one-line "$(grep -c '^yuedu: all good' "$T/err")" 0
check opt-error-newline-shown "$(grep -c "unknown option --'a␊yuedu: all good'" "$T/err")" 1
"$BIN" --term-charset=no-such-charset --info "$seed" >/dev/null 2>"$T/err"; check opt-term-charset-bad "$?" 2

# Invisible format characters: counted by --info, kept zero width by
# --dump, drawn as ‸ with reveal-invisibles = on; tag characters (hidden
# ASCII) always shown as text; what wcwidth cannot measure is U+FFFD.
printf 'soft\302\255hy zw\342\200\213sp j\342\201\240oin \360\237\221\250\342\200\215\360\237\221\251 tag:\363\240\201\210\363\240\201\251 new\360\237\253\250.\n' >"$T/inv.txt"
check info-invisible "$("$BIN" --info "$T/inv.txt" | sed -n 's/^invisible: //p')" "3"
check info-invisible-none "$(printf '中文\n' | "$BIN" --info | sed -n 's/^invisible: //p')" "0"
check dump-invisible-kept "$("$BIN" --dump -w 80 "$T/inv.txt" | grep -c "$(printf 'soft\302\255hy zw\342\200\213sp')")" 1
check dump-tags-shown "$("$BIN" --dump -w 80 "$T/inv.txt" | grep -c 'tag:<U+E0048><U+E0069> ')" 1
check dump-unknown-width-fffd "$("$BIN" --dump -w 80 "$T/inv.txt" | grep -c 'new�\.')" 1
check dump-no-marker-by-default "$("$BIN" --dump -w 80 "$T/inv.txt" | grep -c '‸')" 0
printf 'reveal-invisibles = on\n' >"$T/reveal.conf"
check dump-reveal "$("$BIN" --config "$T/reveal.conf" --dump -w 80 "$T/inv.txt" | sed -n 1p | cut -d' ' -f1-3)" "soft‸hy zw‸sp j‸oin"
check dump-reveal-width "$("$BIN" --config "$T/reveal.conf" --dump -w 12 "$T/inv.txt" | LC_ALL=C.UTF-8 wc -L)" 12
check print-config-reveal "$("$BIN" --config "$T/reveal.conf" --print-config | grep -c '^reveal-invisibles = on$')" 1
# The config file must be a regular file of at most 1 MiB: a FIFO or a
# device is refused at once (never read: a read would block or not end),
# a larger file is refused whole; the defaults apply and yuedu runs.
mkfifo "$T/fifo"
timeout 10 "$BIN" --config="$T/fifo" --print-config >"$T/out" 2>"$T/err"; check config-fifo-exit "$?" 0
check config-fifo-message "$(grep -c 'fifo is not a regular file (a FIFO)$' "$T/err")" 1
check config-fifo-defaults "$(grep -c '^sidebar-width = 30$' "$T/out")" 1
timeout 10 "$BIN" --config="$T/fifo" --dump -w 40 "$seed" >/dev/null 2>&1; check config-fifo-dump-exit "$?" 0
timeout 10 "$BIN" --config=/dev/zero --print-config >/dev/null 2>"$T/err"; check config-devzero-exit "$?" 0
check config-devzero-message "$(grep -c '/dev/zero is not a regular file (a device)$' "$T/err")" 1
{ echo 'sidebar-width = 40'; head -c 1100000 /dev/zero | tr '\0' '#'; } >"$T/big.conf"
timeout 10 "$BIN" --config="$T/big.conf" --print-config >"$T/out" 2>"$T/err"; check config-big-exit "$?" 0
check config-big-message "$(grep -c 'big.conf is larger than 1 MiB; not read$' "$T/err")" 1
check config-big-not-used "$(grep -c '^sidebar-width = 30$' "$T/out")" 1
# --print-config never prints a control byte or a bidi control from the
# config file (ESC, BEL, OSC, U+202E in a binding's argument).
printf 'bind x quit\nbind y quit \033]0;pwned\007\nbind w quit a\342\200\256b\nbind v quit \302\233c\n' >"$T/evil.conf"
"$BIN" --config="$T/evil.conf" --print-config >"$T/out" 2>"$T/err"; check config-evil-exit "$?" 0
check config-evil-bound "$(grep -c '^bind x quit$' "$T/out")" 1
check config-evil-no-esc "$(od -An -v -tx1 "$T/out" "$T/err" | tr -s ' \n' '\n\n' | grep -c -E '^(1b|07)$')" 0
check config-evil-no-rlo "$(LC_ALL=C grep -c "$(printf '\342\200\256')" "$T/out")" 0
check config-evil-no-c1 "$(LC_ALL=C grep -c "$(printf '\302\233')" "$T/out")" 0
check config-evil-shown "$(grep -c '^bind w quit a<U+202E>b$' "$T/out")" 1
# 100 messages about bad lines at most, then one count of the rest.
i=0; while [ $i -lt 300 ]; do echo 'not a setting'; i=$((i + 1)); done >"$T/bad.conf"
"$BIN" --config="$T/bad.conf" --print-config >/dev/null 2>"$T/err"; check config-msg-cap "$(wc -l <"$T/err" | tr -d ' ')" 101
check config-msg-more "$(grep -c 'bad.conf: 200 more problems not shown$' "$T/err")" 1
# Compressed input (gzip, bzip2, xz, zstd), told by its bytes: the same
# document as the text, from a file, a pipe or a FIFO.
"$BIN" --outline=tsv "$seed" >"$T/o-plain"
for z in gzip bzip2 xz zstd; do
	command -v $z >/dev/null 2>&1 || { echo "SKIP compressed-outline-$z (no $z)"; continue; }
	$z -c <"$seed" >"$T/seed.$z"
	check compressed-outline-$z "$("$BIN" --outline=tsv "$T/seed.$z" | md5sum)" "$(md5sum <"$T/o-plain")"
done
check compressed-stdin-info "$(cat "$T/seed.xz" | "$BIN" --info | grep -E '^(compression|bytes):' | tr '\n' ' ')" "compression: xz bytes: $(wc -c <"$T/seed.xz" | tr -d ' ') "
check compressed-info-decompressed "$("$BIN" --info "$T/seed.gzip" | sed -n 's/^decompressed-bytes: //p')" "$(wc -c <"$seed" | tr -d ' ')"
mkfifo "$T/zfifo"
(gzip -c <"$seed" >"$T/zfifo" &)
check compressed-fifo "$(timeout 10 "$BIN" --outline=tsv "$T/zfifo" | md5sum)" "$(md5sum <"$T/o-plain")"
# The name does not decide: plain text named .gz is text.
cp "$seed" "$T/plain.gz"
check compressed-name-only "$("$BIN" --info "$T/plain.gz" | grep -c '^compression:')" 0
# A bomb (over 1000:1) keeps what it read, says why, exits 0.
yes '这是一行重复的文字。' | head -c 20000000 | xz -0 >"$T/bomb.xz"
"$BIN" --dump -w 40 "$T/bomb.xz" >"$T/out" 2>"$T/err"; check compressed-bomb-exit "$?" 0
check compressed-bomb-message "$(grep -c 'bomb.xz: decompressed size over 1000 times the compressed size .*: stopped, showing the first' "$T/err")" 1
check compressed-bomb-text "$(grep -c '这是一行重复的文字。' "$T/out" | awk '{ print ($1 > 1000) }')" 1
check compressed-bomb-info "$("$BIN" --info "$T/bomb.xz" 2>/dev/null | grep -c '^truncated: yes (decompression stopped at .*, over 1000:1)$')" 1
# Damaged (cut short): the text before it, and where it broke.
head -c 1500 "$T/seed.gzip" >"$T/cut.gz"
"$BIN" --dump -w 40 "$T/cut.gz" >"$T/out" 2>"$T/err"; check compressed-cut-exit "$?" 0
check compressed-cut-message "$(grep -c 'cut.gz: damaged gzip data after 1500 bytes: it ends mid-stream' "$T/err")" 1
check compressed-cut-text "$(grep -c '基层' "$T/out" | awk '{ print ($1 > 0) }')" 1
# A gzip of a binary is refused as the binary itself is.
printf '\177ELF\002\001\001\000\000\000' | gzip >"$T/elf.gz"
"$BIN" --dump "$T/elf.gz" >/dev/null 2>"$T/err"; check compressed-binary-exit "$?" 1
check compressed-binary-message "$(grep -c 'looks like a binary file (ELF executable)' "$T/err")" 1
exit $fail
