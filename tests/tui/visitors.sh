#!/bin/sh
# Issue 9 at the desk: an empty search lists today's visitors (the
# reception list from `import visits`) first, in arrival order with their
# status; a visitor without the notice stands out, and F3 opens the notice
# form from the list.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 8001 --name "青木 一" --kana "アオキ ハジメ" --birth 1960-01-01 >/dev/null
"$DESK" patient add --no 8002 --name "石井 二郎" --kana "イシイ ジロウ" --birth 1961-02-02 >/dev/null
"$DESK" patient add --no 8003 --name "上田 三子" --kana "ウエダ ミツコ" --birth 1962-03-03 >/dev/null
"$DESK" notice 8003 --date 2026-11-24 --to self >/dev/null
printf '患者番号,受付時間,診療科\n8002,09:30,内科\n8003,09:05,外科\n' | iconv -f UTF-8 -t CP932 >"$TEST_TMP/visits.csv"
"$DESK" import visits "$TEST_TMP/visits.csv" >/dev/null

start_desk d 100 24
expect_screen "the visitors' heading" d "本日の来院者（受付順、F3: 通知）"
expect_screen "the arrival time with the name" d "09:05 上田 三子"
order=$(screen d | grep -o "上田 三子\|石井 二郎\|青木 一" | tr '\n' ' ')
expect_eq "visitors in arrival order, then the recent patients" "上田 三子 石井 二郎 青木 一 " "$order"
line=$(tmux_ capture-pane -e -p -t d | grep "石井 二郎")
expect_contains "status shown" "未通知" "$line"
expect_match "未通知 of a visitor stands out (reverse video)" "[[;]7m.*未通知" "$line"
line=$(tmux_ capture-pane -e -p -t d | grep "青木 一")
expect_no_match "a recent patient who is no visitor is not highlighted" "[[;]7m.*未通知" "$line"
keys d Down
keys d F3
expect_screen "F3 opens the notice form of the selected visitor" d "通知の交付の記録"
expect_screen "for 石井 二郎" d "石井 二郎"
finish
