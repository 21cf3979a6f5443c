#!/bin/sh
# What the store answers besides OK, on the screens: possible duplicates
# before registering (同じ方ではありませんか?), a date after today named
# inline, a back-dated entry confirmed with its consequence, conflicts with
# the record they ran into, a deletion request added on top of a stop, and
# a notice under a stop that promises no flow date.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 9001 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-03-02 >/dev/null
"$DESK" notice 9001 --date 2026-10-01 --to self --confirm-backdated >/dev/null
"$DESK" patient add --no 9004 --name "森 花" --kana "モリ ハナ" --birth 1990-04-04 >/dev/null

start_desk d 80 24
# ---- 5: possible duplicates before saving
register() {
	keys d F2
	wait_for d "新規患者の登録" || true
	type_text d "$1"; keys d Tab
	type_text d "山田 太郎"; keys d Tab
	type_text d "やまだ たろう"; keys d Tab
	type_text d "S45.3.2"
	keys d F12
}
register 9002
expect_screen "duplicates are shown before saving" d "同じ方ではありませんか?"
expect_screen "with the number of the registered one" d "9001"
expect_screen "its kana" d "ヤマダ タロウ"
expect_screen "its birth date" d "昭和45年3月2日"
expect_screen "and the choice to register another person" d "F12別人として登録"
keys d Enter
expect_screen "Enter opens the registered patient instead" d "患者 9001"
expect_eq "nothing was registered" "" "$("$DESK" patient find 9002 | grep '^9002' || true)"
keys d Escape
register 9003
expect_screen "duplicates again" d "同じ方ではありませんか?"
keys d F12
expect_screen "F12 registers another person" d "患者 9003 を登録しました。"
expect_screen "and opens the new patient" d "患者 9003"
keys d Escape

# ---- 6: dated forms
search d 9001
keys d Enter
expect_screen "9001 may flow" d "提供可"
keys d F4
expect_screen "stop form" d "提供停止の求めの記録"
keys d C-u
type_text d "2026-11-30"
keys d F12
expect_screen "a date after today is refused, naming the field" d "受付日: 今日より後の日付です"
keys d C-u
type_text d "2026-11-10"
keys d F12
expect_screen "a back-dated stop asks, with the consequence" d "過去の状態を変えます"
expect_screen "the first changed date and the state before and after" d "令和8年11月10日 から 提供可 → 提供停止中"
expect_screen "and today's" d "本日: 提供可 → 提供停止中"
keys d y
expect_screen "confirmed: recorded" d "提供停止の求めを記録しました。"
keys d Escape
expect_screen "the patient is stopped" d "提供停止中"
ref=$("$DESK" patient show 9001 | grep -o 'R-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}' | head -1)
keys d F4
expect_screen "stop form again" d "提供停止の求めの記録"
keys d F12
expect_screen "a second stop names the stop in effect" d "すでに受け付けています"
expect_screen "with its receipt number" d "$ref"
# The deletion request on top is the one addition allowed.
keys d Down Down Down Down   # date, who, id check, channel: to the deletion box
keys d Space
keys d F12
expect_screen "a deletion request on top is recorded" d "提供停止の求めを記録しました。"
expect_screen "as an addition, and the done screen says so" d "削除の求めとして追加で記録し"
keys d Escape

# ---- 7: a notice under a stop promises no flow date
keys d F3
expect_screen "notice form" d "通知の交付の記録"
expect_screen "before saving: the stop is in effect, no flow date" d "この通知で提供開始日は示しません"
expect_not_screen "no flow date promised" d "から提供できます"
keys d F12
expect_screen "saved" d "通知を記録しました"
expect_screen "the done screen says the stop is in effect" d "この日は提供停止中です"
expect_not_screen "and shows no 提供開始日" d "提供開始日:"
keys d Escape Escape

# ---- a withdrawal with no stop in effect is refused
search d 9004
keys d Enter
expect_screen "9004" d "森 花"
keys d F5
expect_screen "withdrawal form" d "撤回の記録"
keys d F12
expect_screen "nothing to withdraw" d "撤回できません"
finish
