#!/bin/sh
# The screens offer what the command line does for one person, one true
# state: voiding a history entry (reason required, a back-dated effect
# confirmed, a conflict named with its reference), merging another record
# into the patient (both shown side by side, refusals named), and
# correcting the particulars (prefilled; a possible duplicate shown before
# saving; the change rows in the history after).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
D="$DESK"
"$D" patient add --no 8001 --name "佐藤 花子" --kana "サトウ ハナコ" --birth 1980-05-05 >/dev/null
"$D" notice 8001 --date 2026-10-01 --to self --confirm-backdated >/dev/null
"$D" refuse 8001 --date 2026-11-10 --by self --channel desk --id-check insurance --confirm-backdated >/dev/null
"$D" withdraw 8001 --date 2026-11-20 --by self --channel desk --id-check insurance --confirm-backdated >/dev/null
STOP=$("$D" patient show 8001 | grep -o 'R-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}' | tail -n 1)
"$D" patient add --no 8002 --name "佐藤 はな子" --kana "サトウ ハナコ" --birth 1980-05-06 >/dev/null
"$D" notice 8002 --date 2026-11-01 --to self --confirm-backdated >/dev/null
"$D" patient add --no 8003 --name "鈴木 次郎" --kana "スズキ ジロウ" --birth 1990-01-01 >/dev/null

start_desk d 80 24
search d 8001
expect_screen "found" d "佐藤 花子"
keys d Enter
expect_screen "the patient screen" d "患者 8001"
expect_screen "80x24: correct, merge and void are on the key bar" d "F2訂正"
expect_screen "80x24: merge" d "Ctrl-Y統合"
expect_screen "80x24: void (the newest entry is voidable)" d "Ctrl-X取消"
expect_screen "80x24: and F10終了 still" d "F10終了"

# ---- void: the stop, while a later withdrawal needs it: refused, named
keys d Down    # the withdrawal is the newest; the stop is next
keys d C-x
expect_screen "the void form" d "履歴の取消"
expect_screen "it shows the entry to void" d "$STOP"
keys d F12
expect_screen "the reason is required, the field named" d "理由: "
expect_screen "still the void form" d "履歴の取消"
type_text d "誤って登録"
keys d F12
expect_screen "a later withdrawal would be left without a stop" d "撤回"
expect_screen "the conflict names the record" d "R-"
keys d Escape
keys d y 2>/dev/null || true
expect_screen "back on the patient" d "患者 8001"
run_desk patient show 8001
expect_no_match "nothing was voided" "VOIDED" "$OUT"

# ---- void: the withdrawal (newest), back-dated effect confirmed
keys d Up
keys d C-x
expect_screen "the void form again" d "履歴の取消"
type_text d "撤回の申出はなかった"
keys d F12
expect_screen "the past changes: asked first, with the consequence" d "過去の状態を変えます"
keys d y
expect_screen "voided, and said so" d "を取り消しました。履歴には残りますが、判定には使われません。"
expect_screen "the row stays, marked" d "【取消】"
expect_screen "the status line now says stopped" d "提供停止中"
run_desk status 8001
expect_match "the command line agrees" "^stopped " "$OUT"
run_desk patient show 8001
expect_contains "the void's reason is stored" "撤回の申出はなかった" "$OUT"

# ---- merge: 8002 into 8001
keys d C-y
expect_screen "the merge form" d "別の記録をこの患者に統合"
type_text d "9999"
keys d Tab
type_text d "同一人物"
keys d F12
expect_screen "an unknown number is refused, the field named" d "統合する記録の患者番号: 患者番号 9999 の患者はいません"
# The error put the cursor back in the number field.
keys d C-u
type_text d "8001"
keys d F12
expect_screen "its own number is refused" d "この患者自身の番号です"
keys d C-u
type_text d "8002"
expect_screen "both records side by side: the one kept" d "残す記録（この患者）"
expect_screen "and the one merged into it" d "統合される記録"
expect_screen "the other's name" d "佐藤 はな子"
expect_screen "the other's birth date" d "昭和55年5月6日"
keys d F12
expect_screen "asked once more" d "8002 佐藤 はな子 を 8001 佐藤 花子 に統合しますか?"
keys d F12
expect_screen "merged" d "患者 8002 を 8001 に統合しました。"
expect_screen "the history shows the merge" d "患者 8002 をこの"
run_desk patient show 8002
expect_contains "the command line finds 8001 by 8002" "8001" "$OUT"
# Merging it again is refused with the store's reason.
keys d C-y
type_text d "8002"
keys d Tab
type_text d "再度"
keys d F12
expect_screen "an already merged record is refused" d "8002 はすでに 8001 に統合されています"
keys d Escape
keys d y 2>/dev/null || true
expect_screen "back on the patient" d "患者 8001"

# ---- correct the particulars
keys d F2
expect_screen "the correction form" d "患者情報の訂正"
expect_screen "prefilled with the name" d "佐藤 花子"
expect_screen "and the birth date" d "1980-05-05"
keys d C-u
type_text d "佐藤 華子"
keys d F12
expect_screen "saved" d "患者情報を保存しました。元の値は履歴に残ります。"
expect_screen "the history shows the change" d "氏名: 佐藤 花子 →"
run_desk patient show 8001
expect_contains "the command line sees the new name" "佐藤 華子" "$OUT"
# A correction that makes it look like another patient: the duplicate screen.
keys d F2
expect_screen "the correction form again" d "患者情報の訂正"
keys d C-u
type_text d "鈴木 次郎"
keys d Tab C-u
type_text d "スズキ ジロウ"
keys d Tab C-u
type_text d "1990-01-01"
keys d F12
expect_screen "possible duplicate before saving" d "同じ方ではありませんか?"
expect_screen "naming the other patient" d "8003"
keys d Escape
expect_screen "back in the form" d "患者情報の訂正"
keys d Escape
keys d y
expect_screen "back on the patient" d "患者 8001"
run_desk patient show 8001
expect_no_match "nothing saved" "鈴木 次郎" "$OUT"
finish
