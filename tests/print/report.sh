#!/bin/sh
# The reports on paper (issue 13), read back with pdftotext: the clinic,
# the period in 和暦, the counts (a voided stop no longer counts), the
# month's and year's tables beside the chart, the audit head on the daily
# report; the short form is an 80 mm roll, and its ESC/POS stream is a
# valid raster of the same length.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"
setup_clinic
D=$TEST_TMP/reports
mkdir -p "$D"

# row TEXT WORDS: the line of the layout text that starts with WORDS,
# blanks squeezed (pdftotext -layout keeps a table row on one line).
row() {
	printf '%s\n' "$1" | sed 's/^ *//' | tr -s ' ' | grep -F -- "$2" | head -n 1
}

ok "a second patient" patient add --no 1002 --name '田中 一' --kana 'タナカ ハジメ' --birth 1990-02-02
ok "a notice on the 2nd" notice 1002 --date 2026-11-02 --to self --confirm-backdated
ok "print the notice" print notice 1002 -o "$D/notice.pdf"

# ---- the daily report ---------------------------------------------------------
ok "report day as PDF" --lang ja report day --pdf "$D/day.pdf"
expect_contains "says where it was saved" "$D/day.pdf" "$OUT"
T=$(pdftotext -layout "$D/day.pdf" - 2>/dev/null)
expect_contains "day: the title and the clinic" "日報" "$T"
expect_contains "day: the clinic" "$CLINIC" "$T"
expect_eq "day: the date in 和暦" "$ERA" "$(printf '%s\n' "$T" | sed -n 2p | tr -d ' ')"
expect_no_match "day: no ISO date on paper" "2026-11-24" "$T"
expect_eq "day: one notice handed" "通知の交付 1" "$(row "$T" '通知の交付')"
expect_eq "day: one stop" "提供停止の求め 1" "$(row "$T" '提供停止の求め')"
expect_eq "day: at the desk, by the patient" "提供停止の求め（窓口） 1 0 0 0 1" "$(row "$T" '提供停止の求め（窓口）')"
expect_eq "day: a document printed" "印刷した書類 1" "$(row "$T" '印刷した書類')"
expect_eq "day: tester's row" "tester 1 1 0 0 1" "$(row "$T" 'tester')"
expect_match "day: the share of patients" "^提供停止中 1 50.0%$" "$(row "$T" '提供停止中')"
ok "verify --head" verify --head
expect_phrase "day: the audit head on paper" "$OUT" "$T"
expect_eq "day: one A4 page" "1" "$(pdfinfo "$D/day.pdf" | sed -n 's/^Pages: *//p')"
expect_match "day: A4" "^Page size: +595.2[0-9]* x 841.8[0-9]* pts" "$(pdfinfo "$D/day.pdf" | grep '^Page size')"

# -o is --pdf; the database is never a document, even with --force.
bad_input "the database as the PDF" -o report day -o "$OPTOUT_DESK_DB" --force
ok "-o FILE" report day -o "$D/day-en.pdf"
T=$(pdftotext -layout "$D/day-en.pdf" - 2>/dev/null)
expect_contains "English labels, 和暦 dates" "Daily report" "$T"
expect_contains "English: the date in 和暦" "$ERA" "$T"
expect_eq "English: one stop" "Stop requests 1" "$(row "$T" 'Stop requests')"

# A voided stop stops counting on paper too.
ok "void the stop" void "$RREF" --reason 'recorded for the wrong patient'
ok "report day again" --lang ja report day -o "$D/day-voided.pdf"
T=$(pdftotext -layout "$D/day-voided.pdf" - 2>/dev/null)
expect_eq "voided: no stop" "提供停止の求め 0" "$(row "$T" '提供停止の求め')"

# ---- month and year: a table beside the chart ------------------------------------
ok "report month as PDF" --lang ja report month 2026-11 --pdf "$D/month.pdf"
T=$(pdftotext -layout "$D/month.pdf" - 2>/dev/null)
expect_contains "month: the title" "月報" "$T"
expect_phrase "month: the period in 和暦" "令和8年11月1日〜令和8年11月30日" "$T"
expect_eq "month: two notices" "通知の交付 2" "$(row "$T" '通知の交付')"
expect_eq "month: the 2nd" "令和8年11月2日 1 0 0 0 0" "$(row "$T" '令和8年11月2日 ')"
expect_eq "month: the 24th" "令和8年11月24日 1 0 0 0 1" "$(row "$T" '令和8年11月24日 ')"
expect_eq "month: every day of November" 30 "$(printf '%s\n' "$T" | grep -c '^ *令和8年11月[0-9]*日 ')"
expect_contains "month: the chart's legend" "通知" "$(row "$T" '通知 停止 撤回')"
ok "report year as PDF" --lang ja report year 2026 -o "$D/year.pdf"
T=$(pdftotext -layout "$D/year.pdf" - 2>/dev/null)
expect_contains "year: the title" "年報" "$T"
expect_phrase "year: the period" "令和8年1月1日〜令和8年12月31日" "$T"
expect_eq "year: November" "令和8年11月 2 0 0 0 1" "$(row "$T" '令和8年11月 ')"
expect_eq "year: twelve months" 12 "$(printf '%s\n' "$T" | grep -c '^ *令和8年[0-9]*月 ')"
# The chart is drawn, not written: the page shows more ink than the
# tables alone would (a chart of nothing is only its axis).
ok "a month with nothing" --lang ja report month 2026-10 -o "$D/empty.pdf"
ink() { pdftoppm -r 30 -gray "$1" | tail -c +16 | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 < 128 { n++ } END { print n + 0 }'; }
if [ "$(ink "$D/month.pdf")" -gt "$(ink "$D/empty.pdf")" ]; then pass; else fail "the month's bars add no ink"; fi

# ---- the short form for the receipt printer ---------------------------------
ok "short form as PDF" --lang ja report day --print -o "$D/short.pdf"
expect_match "short: an 80 mm roll" "^Page size: +226.7[0-9]* x" "$(pdfinfo "$D/short.pdf" | grep '^Page size')"
T=$(pdftotext -layout "$D/short.pdf" - 2>/dev/null)
expect_contains "short: 日報" "日報" "$T"
expect_contains "short: the date in 和暦" "$ERA" "$T"
expect_eq "short: one notice" "通知の交付 1" "$(row "$T" '通知の交付')"
ok "verify --head" verify --head
expect_phrase "short: the audit head" "$OUT" "$T"
ok "short form as ESC/POS" --lang ja report day --print --format escpos -o "$D/short.bin"
if SIZE=$("$TOPBM" escpos <"$D/short.bin" 2>&1 >"$D/short.pbm"); then
	pass
	ROLL_PT=$(pdfinfo "$D/short.pdf" | sed -n 's/^Page size: *[0-9.]* x \([0-9.]*\) pts.*/\1/p')
	H=${SIZE#576x}
	# the same layout at 203 dpi: the raster is as long as the PDF roll
	WANT=$(awk -v p="$ROLL_PT" 'BEGIN { printf "%d", p * 203 / 72 + 0.5 }')
	if [ "${SIZE%%x*}" = 576 ] && [ $((H - WANT)) -le 1 ] && [ $((WANT - H)) -le 1 ]; then pass
	else fail "ESC/POS raster $SIZE, expected 576x$WANT"; fi
else
	fail "the ESC/POS stream is not valid: $SIZE"
fi
bad_input "ESC/POS is for the short form only" --format report day --format escpos -o "$D/x.bin"
bad_input "no short form for a month" --print report month 2026-11 --print
finish
