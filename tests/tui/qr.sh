#!/bin/sh
# The QR code drawn on screen decodes with a real reader: captured from
# tmux, turned back into an image, read by zbarimg. When it does not fit,
# the screen says so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"
if ! command -v zbarimg >/dev/null 2>&1; then
	echo "SKIP: zbarimg is not installed"
	exit 77
fi
TOPBM="$top_builddir/tests/print/topbm"

init_clinic
"$DESK" patient add --no 7001 --name "小林 愛" --kana "コバヤシ アイ" --birth 1990-02-02 >/dev/null
REF=$("$DESK" notice 7001 --date 2026-11-24 --to self | cut -d' ' -f1)
URL="https://clinic.example.jp/optout?ref=$REF"

start_desk d 100 40
search d "7001"
expect_screen "found" d "小林 愛"
keys d Enter
expect_screen "patient" d "患者 7001"
keys d F9
expect_screen "the QR screen shows the URL" d "$URL"
wait_for d "█" || true
# The code's lines only (the title, URL and key bar have no half blocks),
# with the blank rows of the quiet zone above and below put back:
# capture-pane does not keep lines or line ends that are only spaces.
{
	printf '    \n    \n'
	screen d | grep '[▀▄█]'
	printf '    \n    \n'
} >"$TEST_TMP/screen.txt"
if "$TOPBM" blocks 4 <"$TEST_TMP/screen.txt" >"$TEST_TMP/screen.pbm"; then pass; else fail "topbm could not read the screen"; fi
GOT=$(zbarimg --quiet --raw "$TEST_TMP/screen.pbm" 2>/dev/null || true)
expect_eq "the on-screen QR decodes to the notice URL" "$URL" "$GOT"

# At 80x24 this code does not fit: the screen says so and offers to print.
tmux_ resize-window -t d -x 80 -y 24
expect_screen "too big for the screen: said" d "QRコードが画面に収まりません"
expect_screen "and printing is offered" d "で印刷してください"
keys d F4
expect_screen "F4 prints the slip instead" d "プリンタが設定されていないため保存しました"
finish
