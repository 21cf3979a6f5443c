#!/bin/sh
# An empty search lists today's and recent patients, newest activity
# first; Ctrl-U clears the field being edited (search and forms).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 8001 --name "青木 一" --kana "アオキ ハジメ" --birth 1960-01-01 >/dev/null
"$DESK" patient add --no 8002 --name "石井 二郎" --kana "イシイ ジロウ" --birth 1961-02-02 >/dev/null
"$DESK" patient add --no 8003 --name "上田 三子" --kana "ウエダ ミツコ" --birth 1962-03-03 >/dev/null
sleep 1.1   # a later second: the notice is the newest activity
"$DESK" notice 8001 --date 2026-11-24 --to self >/dev/null

start_desk d 80 24
expect_screen "an empty search lists recent patients" d "本日・最近の患者（新しい順）"
expect_screen "with the newest registration" d "上田 三子"
expect_screen "and the one just notified" d "青木 一"
order=$(screen d | grep -o "青木 一\|上田 三子\|石井 二郎" | tr '\n' ' ')
expect_eq "newest activity first" "青木 一 上田 三子 石井 二郎 " "$order"
keys d Enter
expect_screen "Enter opens the first of them" d "患者 8001"
keys d Escape

# Ctrl-U clears the search field: back to the recent list.
type_text d "いしい"
expect_screen "a search" d "石井 二郎"
expect_not_screen "lists only what matches" d "上田 三子"
keys d C-u
expect_screen "Ctrl-U: the recent list again" d "本日・最近の患者（新しい順）"
expect_screen "with everyone recent" d "上田 三子"

# And any form field.
keys d F2
expect_screen "the register form" d "新規患者の登録"
keys d Tab
type_text d "間違えた名前"
expect_screen "typed" d "間違えた名前"
keys d C-u
expect_not_screen "Ctrl-U clears the name" d "間違えた名前"
type_text d "正しい名前"
expect_screen "and it takes new text" d "正しい名前"
finish
