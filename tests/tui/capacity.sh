#!/bin/sh
# Unable to decide: recorded with a reason, the notice then goes to a
# representative (proposed by the form), and able again later. Contact
# details are edited on the same screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 8001 --name "渡辺 清" --kana "ワタナベ キヨシ" --birth 1938-08-08 >/dev/null

start_desk d
search d "8001"
expect_screen "found" d "渡辺 清"
keys d Enter
keys d F6
expect_screen "the capacity form" d "判断能力を有しない（法定代理人等が手続き）"
keys d F12
expect_screen "a reason is required" d "理由: 入力が必要です"
type_text d "認知症のため本人の判断が困難（主治医）"
keys d F12
expect_screen "recorded" d "記録しました: 判断能力を有しない。"
expect_screen "shown on the patient" d "判断能力を有しない: 法定代理人等が手続き"
expect_screen "with the reason in the history" d "認知症のため本人の判断が困難（主治医）"

keys d F3
expect_screen "a representative is proposed" d "交付先 *                 < 法定代理人等 >"
keys d Tab Tab
type_text d "渡辺 幸子"
keys d Tab Right Right
expect_screen "any relationship fits a representative" d "< 配偶者 >"
keys d F12
expect_screen "the notice to the representative is saved" d "通知を記録しました。"
keys d Escape
expect_screen "the history names her" d "法定代理人等 渡辺 幸子 (配偶者)"
run_desk status 8001
expect_eq "waiting, as the command line says" "waiting 2026-11-24 2026-12-25" "$OUT"

keys d C-u
expect_screen "able again (Ctrl-U)" d "判断能力を有する"
keys d C-s
expect_screen "recorded" d "記録しました: 判断能力を有する。"
expect_not_screen "no longer flagged" d "法定代理人等が手続き"

keys d F8
expect_screen "the contact form" d "連絡先"
type_text d "090-1234-5678"
keys d Tab
type_text d "東京都新宿区西新宿2-8-1"
keys d F12
expect_screen "contact saved" d "連絡先を保存しました。"
expect_screen "the phone is shown" d "電話: 090-1234-5678"
expect_screen "the address is shown" d "住所: 東京都新宿区西新宿2-8-1"
expect_screen "the change is in the history" d "連絡先変更"
finish
