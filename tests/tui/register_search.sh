#!/bin/sh
# Registering a patient typed in Japanese, then finding her by hiragana for
# a katakana name, by half-width kana, and by birth date in the forms staff
# type (S45.3.2, the receipt computer's 3450302, ISO).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
start_desk d
expect_screen "the desk opens on search" d "optout-desk 患者検索"
type_text d "1001"
expect_screen "an unknown number says so" d "該当する患者がいません"
keys d F2
expect_screen "F2 opens the registration form" d "新規患者の登録"
expect_screen "the typed number is carried over" d "患者番号 *               1001"
keys d Tab
type_text d "山田 花子"
keys d Tab
type_text d "山田"
keys d Tab
type_text d "S45.3.2"
expect_screen "the era date is understood as typed" d "= 昭和45年3月2日 (1970-03-02)"
keys d F12
expect_screen "kana must be kana" d "カナ氏名: ひらがなかカタカナで入力してください"
expect_not_screen "nothing was saved" d "患者 1001"
# Back to the kana field (the error put the cursor there): fix it.
keys d BSpace BSpace
type_text d "ヤマダ ハナコ"
keys d Tab Tab Right
expect_screen "sex is a choice" d "< 女性 >"
keys d F12
expect_screen "saving opens the patient" d "患者 1001"
expect_screen "the name is shown" d "山田 花子  (ヤマダ ハナコ)"
expect_screen "the birth date in 和暦 with the age" d "昭和45年3月2日（56歳）"
expect_screen "not notified yet" d "データ提供: 未通知"
run_desk patient show 1001
expect_contains "the command line sees her" "山田 花子" "$OUT"

keys d Escape
expect_screen "Esc back to search" d "optout-desk 患者検索"
search d "やまだ"
expect_screen "hiragana finds the katakana name" d "山田 花子"
expect_screen "with her state in words" d "未通知"
search d "ﾔﾏﾀﾞ ﾊ"
expect_screen "half-width kana finds her" d "山田 花子"
search d "3450302"
expect_screen "the era-coded birth date finds her" d "山田 花子"
search d "S45.3.2"
expect_screen "S45.3.2 finds her" d "山田 花子"
search d "1970-03-02"
expect_screen "an ISO date finds her" d "山田 花子"
search d "すずき"
expect_screen "another name finds nobody" d "該当する患者がいません"
expect_not_screen "and not her" d "山田 花子"
# Enter opens the selected patient.
search d "やまだ"
wait_for d "山田 花子" || true
keys d Enter
expect_screen "Enter opens the patient" d "患者 1001"
finish
