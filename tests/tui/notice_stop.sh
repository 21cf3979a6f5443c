#!/bin/sh
# A notice to a guardian for a 15-year-old, a stop by the parent seen on the
# search list, a withdrawal refused for the child and accepted from the
# guardian, and a parent's stop for a 17-year-old recorded only after
# staff confirm the mismatch.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
# 15 on 2026-11-24 (16 on 2027-03-01).
"$DESK" patient add --no 2001 --name "鈴木 一郎" --kana "スズキ イチロウ" --birth 2011-03-01 >/dev/null
# 17.
"$DESK" patient add --no 2002 --name "高橋 健" --kana "タカハシ ケン" --birth 2009-01-01 >/dev/null

start_desk d
expect_screen "search" d "optout-desk 患者検索"
search d "2001"
expect_screen "found" d "鈴木 一郎"
keys d Enter
expect_screen "the patient opens" d "患者 2001"
keys d F3
expect_screen "the notice form opens" d "通知の交付の記録"
expect_screen "a guardian is proposed for a 15-year-old" d "交付先 *                 < 保護者等 >"
expect_screen "relationships fit a guardian" d "< 親 >"
keys d Tab Tab
type_text d "鈴木 花子"
keys d F12
expect_screen "the notice is saved" d "通知を記録しました。"
expect_screen "with a reference number" d "通知番号: N-"
expect_screen "and the flow-from date" d "提供開始日: 令和8年12月25日"
run_desk status 2001 --as-of 2026-11-24
expect_eq "the command line agrees" "waiting 2026-11-24 2026-12-25" "$OUT"
expect_not_screen "no receipt to print after a notice" d "F5受付控え印刷"
# Print the slip: with no printer set up it is saved, and the path said.
keys d 2
expect_screen "the slip is saved as a PDF" d "プリンタが設定されていないため保存しました:"
SLIP=$(ls "$HOME"/Documents/optout-desk/slip-*.pdf 2>/dev/null | head -n 1)
if [ -n "$SLIP" ]; then pass; else fail "no slip PDF in the output folder"; fi
NREF=$("$DESK" patient show 2001 | grep -o 'N-[0-9A-Z]*-[0-9A-Z]*' | head -n 1)
expect_contains "the slip carries the notice's reference" "$NREF" "$(pdftotext "$SLIP" - 2>/dev/null)"
keys d Escape
expect_screen "the status panel counts the days" d "待機中（あと31日、提供開始日 令和8年12月25日）"
expect_screen "the history names the guardian" d "保護者等 鈴木 花子 (親)"

# A stop by the parent.
keys d F4
expect_screen "the stop form opens" d "提供停止の求めの記録"
expect_screen "a guardian is proposed" d "< 保護者等 >"
keys d Tab Tab
type_text d "鈴木 花子"
keys d F12
expect_screen "the stop is saved" d "提供停止の求めを記録しました。"
expect_screen "with a receipt number" d "受付番号: R-"
keys d F5
expect_screen "the receipt is saved as a PDF" d "プリンタが設定されていないため保存しました:"
RECEIPT=$(ls "$HOME"/Documents/optout-desk/receipt-*.pdf 2>/dev/null | head -n 1)
RREF=$("$DESK" patient show 2001 | grep -o 'R-[0-9A-Z]*-[0-9A-Z]*' | head -n 1)
expect_contains "the receipt names the requester's receipt number" "$RREF" "$(pdftotext "$RECEIPT" - 2>/dev/null)"
expect_no_match "the first printing is no reprint" "再発行" "$(pdftotext "$RECEIPT" - 2>/dev/null)"
# Printed again from the screen: the printing was recorded, so the second
# copy says it is a reprint (再発行).
keys d F5
i=0
while [ "$(ls "$HOME"/Documents/optout-desk/receipt-*.pdf 2>/dev/null | wc -l)" -lt 2 ] && [ $i -lt 200 ]; do
	sleep 0.05; i=$((i + 1))
done
RECEIPT2=$(ls -t "$HOME"/Documents/optout-desk/receipt-*.pdf 2>/dev/null | grep -vxF "$RECEIPT" | head -n 1)
if [ -n "$RECEIPT2" ]; then pass; else fail "no second receipt PDF in the output folder"; fi
expect_contains "the second printing says 再発行" "再発行" "$(pdftotext "$RECEIPT2" - 2>/dev/null)"
keys d Escape
expect_screen "the patient is stopped" d "提供停止中（令和8年11月24日 から、申出者: 保護者等）"
keys d Escape
search d "すずき"
expect_screen "the search list shows the change" d "提供停止中"

# The child cannot withdraw; the guardian can.
keys d Enter
expect_screen "back on the patient" d "患者 2001"
keys d F5
expect_screen "the withdrawal form opens" d "撤回の記録"
keys d Tab Left
expect_screen "self is chosen" d "< 本人 >"
expect_screen "refused on the spot, with why" d "患者はその日に16歳未満のため、撤回は保護者等から受け付けてください。"
expect_screen "and what would fit" d "該当する区分: 保護者等"
keys d F12
expect_screen "saving is refused, naming the field" d "申出者: 患者はその日に16歳未満のため"
run_desk status 2001
expect_match "nothing was saved" "^stopped " "$OUT"
keys d Right
keys d Tab
type_text d "鈴木 花子"
keys d F12
expect_screen "the guardian's withdrawal is saved" d "撤回を記録しました。"
keys d Escape
expect_screen "data waits again for the notice's month" d "待機中（あと31日"

# A parent of a 17-year-old: a stop is still recorded, after confirming.
keys d Escape
search d "2002"
expect_screen "the 17-year-old is found" d "高橋 健"
keys d Enter
keys d F4
expect_screen "self is proposed for a 17-year-old" d "申出者 *                 < 本人 >"
keys d Tab Right
expect_screen "the mismatch is explained" d "患者はその日に16歳以上のため、保護者等は代わりに手続きできません。"
keys d Tab
type_text d "高橋 真理"
keys d F12
expect_screen "staff are asked to confirm" d "提供停止を記録しますか? (y/n)"
keys d y
expect_screen "then it is recorded as a mismatch" d "申出者の区分不一致として、職員確認のうえ記録しました。"
run_desk status 2002
expect_eq "the stop counts" "stopped 2026-11-24 guardian" "$OUT"
finish
