#!/bin/sh
# Issue 13 at the desk: F6 on the search screen opens the daily report
# (日報) with ISO dates and 和暦 beside them; a stop saved at another desk
# shows in the counts; F3 the month with a bar a day, Left the month
# before, F4 the year; F5 asks for a date; F6 saves the A4 PDF (read back
# with pdftotext) and F7 prints the day's short form (saved when no
# printer is set up).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 8001 --name "青木 一" --kana "アオキ ハジメ" --birth 1960-01-01 >/dev/null
"$DESK" patient add --no 8002 --name "石井 二郎" --kana "イシイ ジロウ" --birth 1961-02-02 >/dev/null
"$DESK" --staff '受付 花子' notice 8001 --date 2026-11-24 --to self >/dev/null
"$DESK" --staff '受付 花子' notice 8002 --date 2026-11-03 --to self --confirm-backdated >/dev/null

# row NAME TEXT: the screen's line holding TEXT, blanks squeezed.
row() { screen "$1" | tr -s ' ' | grep -F -- "$2" | head -n 1 | sed 's/^ //; s/ $//'; }

start_desk d 100 40
expect_screen "the search screen offers the reports" d "F6日報・集計"
keys d F6
expect_screen "F6 opens the daily report" d "日報　山田クリニック"
expect_screen "today in ISO with 和暦 beside it" d "2026-11-24（令和8年11月24日）"
expect_eq "one notice handed today" "通知の交付 1" "$(row d '通知の交付')"
expect_eq "受付 花子's row" "受付 花子 1 0 0 0 0" "$(row d '受付 花子')"
expect_screen "the key bar" d "F7印刷"

# Another desk records a stop: the report counts it within a second.
"$DESK" --staff '受付 太郎' refuse 8002 --date 2026-11-24 --by self --channel phone --id-check none >/dev/null
expect_screen "受付 太郎 appears" d "受付 太郎"
expect_eq "the stop counts" "提供停止の求め 1" "$(row d '提供停止の求め')"
expect_eq "by phone, the patient" "電話 1 0 0 0" "$(row d '電話 ')"
expect_screen "the audit head that verify --head prints" d "$("$DESK" verify --head)"

keys d F3
expect_screen "F3: the month" d "月報　山田クリニック"
expect_screen "the month's period" d "2026-11-01（令和8年11月1日） – 2026-11-30（令和8年11月30日）"
expect_match "the 3rd with its bar" "^2026-11-03 1 0 0 0 0 █+$" "$(row d '2026-11-03 ')"
expect_not_screen "the 24th is further down" d "2026-11-24 "
keys d NPage
expect_screen "PgDn: the rest of the month" d "2026-11-30 "
expect_match "the 24th with its bar" "^2026-11-24 1 1 0 0 0 █+$" "$(row d '2026-11-24 ')"
expect_screen "the share of patients as bars" d "提供停止中"
keys d Left
expect_screen "Left: the month before" d "2026-10-01（令和8年10月1日）"
keys d F4
expect_screen "F4: the year" d "年報　山田クリニック"
expect_screen "the year of that month" d "2026-01-01（令和8年1月1日） – 2026-12-31（令和8年12月31日）"
expect_match "November's line" "^2026-11 2 1 0 0 0 █+$" "$(row d '2026-11 ')"

keys d F2
expect_screen "F2: back to a day (today, in the year shown)" d "2026-11-24（令和8年11月24日）"
keys d F5
expect_screen "F5 asks for the date" d "日報の日付"
keys d $(printf 'BSpace %.0s' $(seq 12))
type_text d "R8.11.3"
keys d F12
expect_screen "the day chosen" d "2026-11-03（令和8年11月3日）"
expect_eq "its notice" "通知の交付 1" "$(row d '通知の交付')"

keys d F6
expect_screen "F6 saves the PDF" d "保存しました:"
PDF="$HOME/Documents/optout-desk/report-day-2026-11-03.pdf"
if [ -s "$PDF" ]; then
	pass
	T=$(pdftotext -layout "$PDF" - 2>/dev/null)
	expect_contains "the PDF: 日報 and the clinic" "日報 山田クリニック" "$(printf '%s\n' "$T" | tr -s ' ')"
	expect_contains "the PDF: the date in 和暦" "令和8年11月3日" "$T"
else
	fail "no PDF at $PDF: $(ls -R "$HOME/Documents" 2>&1)"
fi
keys d F7
expect_screen "F7 without a printer saves the short form" d "プリンタが設定されていないため保存しました"
if [ -s "$HOME/Documents/optout-desk/report-day-2026-11-03-short.pdf" ]; then pass; else fail "no short form saved"; fi

keys d Escape
expect_screen "Esc: back to the search" d "F6日報・集計"
finish
