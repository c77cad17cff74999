#!/bin/sh
# Golden outlines: ./yuedu --outline=tsv on real documents of the corpus must
# match the hand-checked files in tests/golden/outline/, and ./yuedu
# --dump-tree on the small fixtures tests/golden/tree/*.txt (lists, tables,
# indented quotes: the nesting of containers) must match their .tree files.
# GENERATE=1 rewrites them (then check the diff by eye before committing).
cd "$(dirname "$0")/.." || exit 1
CORPUS=${YUEDU_CORPUS:-../shared/corpus}
BIN=${YUEDU_BIN:-./yuedu}
fail=0
for f in "$CORPUS"/txt-gov-docs-outline/*.txt "$CORPUS"/txt-notes-outline-maogai/*.txt \
	 "$CORPUS"/web-dump/*.txt; do
	case "$f" in */NOTES.txt) continue ;; esac
	if [ ! -f "$f" ]; then
		echo "SKIP outline:$(basename "$f") (corpus absent)"
		continue
	fi
	name=$(basename "$f" .txt)
	gold=tests/golden/outline/$name.tsv
	out=$(mktemp)
	"$BIN" --outline=tsv "$f" >"$out" 2>&1
	if [ -n "$GENERATE" ]; then
		cp "$out" "$gold"
		echo "PASS outline:$name (generated)"
	elif cmp -s "$out" "$gold"; then
		echo "PASS outline:$name"
	else
		echo "FAIL outline:$name"
		diff "$gold" "$out" | head -20
		fail=1
	fi
	rm -f "$out"
done
for f in tests/golden/tree/*.txt; do
	name=$(basename "$f" .txt)
	gold=tests/golden/tree/$name.tree
	out=$(mktemp)
	"$BIN" --dump-tree "$f" >"$out" 2>&1
	if [ -n "$GENERATE" ]; then
		cp "$out" "$gold"
		echo "PASS tree:$name (generated)"
	elif cmp -s "$out" "$gold"; then
		echo "PASS tree:$name"
	else
		echo "FAIL tree:$name"
		diff "$gold" "$out" | head -20
		fail=1
	fi
	rm -f "$out"
done
exit $fail
