#!/bin/sh
# Two desks on one database: what one saves, the other sees on its next
# search or screen change, and neither shows a raw SQLite error.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 6001 --name "中村 誠" --kana "ナカムラ マコト" --birth 1975-06-01 >/dev/null
"$DESK" patient add --no 6002 --name "木村 拓" --kana "キムラ タク" --birth 1972-11-13 >/dev/null

start_desk a
start_desk b
search a "なかむら"
expect_screen "desk A sees the patient not notified" a "未通知"
search b "6001"
expect_screen "desk B finds him too" b "中村 誠"
keys b Enter
keys b F3
expect_screen "desk B: notice form" b "通知の交付の記録"
keys b F12
expect_screen "desk B saves a notice" b "通知を記録しました。"
# Desk A: the next keystroke searches again.
type_text a " "
expect_screen "desk A sees the change on its next search" a "待機中"
keys a Enter
expect_screen "and on the patient screen" a "待機中（あと31日"
# Desk B records a stop while desk A shows the patient.
keys b Escape
keys b F4
keys b F12
expect_screen "desk B saves a stop" b "提供停止の求めを記録しました。"
keys a Escape
keys a Enter
expect_screen "desk A sees the stop on the next screen change" a "提供停止中"

# Without a key press: what another desk (here the command line) saves
# shows on an open screen within a second or two.
keys a Escape
search a "6002"
expect_screen "desk A lists 6002 not notified" a "未通知"
"$DESK" notice 6002 --date 2026-11-24 --to self >/dev/null
if wait_for a "待機中" 3; then pass; else fail "the search list did not follow the notice by itself"; screen a >&2; fi
keys a Enter
expect_screen "desk A shows 6002's screen" a "木村 拓"
expect_not_screen "not stopped yet" a "提供停止中"
"$DESK" refuse 6002 --date 2026-11-24 --by self --channel phone --id-check none >/dev/null
if wait_for a "提供停止中" 3; then pass; else fail "the patient screen did not follow the refusal by itself"; screen a >&2; fi
expect_screen "the refusal is in the history" a "提供停止の求め"
# Ctrl-L redraws the same screen (and reads it again).
keys a C-l
expect_screen "Ctrl-L keeps the patient" a "木村 拓"
expect_screen "and the state" a "提供停止中"
for t in a b; do
	if screen "$t" | grep -qi "sqlite\|database is locked"; then fail "desk $t shows a raw database error"; else pass; fi
done
finish
