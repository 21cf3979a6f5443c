#!/bin/sh
# First run with no database: asked before creating it, then the set-up
# form, a bad URL refused with the field named, then straight to search;
# the settings screen later shows what was saved.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

start_desk d
# No database yet: the desk asks before creating one.
expect_screen "a missing database is asked about" d "データベースがありません: $OPTOUT_DESK_DB — 新しく作成しますか? (y/N)"
type_text d "y"
keys d Enter
expect_screen "first run opens the set-up form" d "初期設定: 医療機関の情報"
expect_screen "the key bar shows F12 to save" d "F12登録"
type_text d "山田クリニック"
keys d Tab
type_text d "東京都千代田区千代田1-1"
keys d Tab
type_text d "03-1234-5678"
keys d Tab
type_text d "desk@example.jp"
keys d Tab
type_text d "平日 9:00〜17:00"
keys d Tab
type_text d "ftp://clinic.example.jp/optout"
keys d Tab Tab
type_text d "一般社団法人ライフデータイニシアティブ"
keys d F12
expect_screen "a bad URL names the field" d "通知のURL: 使えるのは http:// と https:// のアドレスだけです"
expect_screen "the form stays open" d "初期設定: 医療機関の情報"
# The error put the cursor in the URL field: clear it, type a good one.
keys d End
keys d $(printf 'BSpace %.0s' $(seq 40))
type_text d "https://clinic.example.jp/optout?ref={{ref}}"
keys d C-s
expect_screen "saving goes straight to search" d "optout-desk 患者検索"
expect_screen "and says so" d "医療機関の設定を保存しました。"

# The settings screen shows what was saved.
keys d F8
expect_screen "settings open with F8" d "設定: 医療機関の情報"
expect_screen "the clinic's name was saved" d "山田クリニック"
expect_screen "the hours were saved" d "平日 9:00〜17:00"
expect_screen "the operator is listed" d "一般社団法人ライフデータイニシアティブ (匿名加工)"
# Printers are set here too: the receipt queue (Up from the first field
# wraps round to the output folder, the slip format, then the queues).
expect_screen "printers are settings" d "プリンタ: 受付控え"
expect_screen "the slip printer's format is a choice" d "< PDF >"
keys d Up Up Up Up
type_text d "receipt-printer"
keys d F12
expect_screen "saved" d "医療機関の設定を保存しました。"
run_desk printer
expect_match "the command line sees the queue" "receipt +receipt-printer" "$OUT"
keys d F8
expect_screen "settings again" d "設定: 医療機関の情報"
# Esc with nothing typed goes back without asking.
keys d Escape
expect_screen "Esc goes back to search" d "optout-desk 患者検索"

# The command line sees the same settings: the notice version exists, so a
# notice can be recorded.
ok "a patient can be added" patient add --no 1 --name "佐藤 一郎" --kana "サトウ イチロウ" --birth 1960-01-01
ok "a notice can be recorded after the first run" notice 1 --date 2026-11-24 --to self

# Changing what the notice says: the admin says whether it is material,
# and a material change means every patient needs the notice again.
keys d F8
expect_screen "settings" d "設定: 医療機関の情報"
keys d Tab Tab End BSpace
type_text d "9"
keys d F12
expect_screen "a change of the notice items asks" d "重要な変更ですか（全患者への再通知が必要）? (y/n)"
keys d y
expect_screen "saved" d "医療機関の設定を保存しました。"
search d "さとう"
expect_screen "the patient now needs the notice again" d "再通知が必要"
run_desk status 1
expect_match "the command line agrees" "^needs-re-notice" "$OUT"
finish
