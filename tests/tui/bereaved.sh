#!/bin/sh
# Recording a death on the desk, then a stop by the bereaved family; a
# notice for the deceased is refused with the reason.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 3001 --name "佐藤 正" --kana "サトウ タダシ" --birth 1940-05-05 >/dev/null
"$DESK" notice 3001 --date 2025-04-01 --to self --confirm-backdated >/dev/null

start_desk d
search d "さとう"
expect_screen "found" d "佐藤 正"
keys d Enter
expect_screen "may flow before anything else" d "データ提供: 提供可"
keys d F7
expect_screen "the death form" d "患者の死亡の記録"
keys d $(printf 'BSpace %.0s' $(seq 12))
type_text d "R8.10.1"
expect_screen "the era date is read" d "= 令和8年10月1日 (2026-10-01)"
keys d F12
expect_screen "the death is recorded" d "死亡を記録しました。"
expect_screen "and shown on the patient" d "死亡（令和8年10月1日）"
expect_screen "a deceased patient stays eligible" d "データ提供: 提供可"
expect_screen "no age for the dead" d "昭和15年5月5日（死亡）"

# No notice for the dead.
keys d F3
expect_screen "the notice form explains" d "患者はその日までに亡くなっているため、通知はできません。"
keys d F12
expect_screen "and refuses to save" d "交付先: 患者はその日までに亡くなっているため"
keys d Escape y
expect_screen "back on the patient" d "患者 3001"

# The widow files a stop.
keys d F4
expect_screen "the bereaved family is proposed" d "申出者 *                 < 遺族 >"
keys d Tab Tab
type_text d "佐藤 花子"
keys d Tab Right
expect_screen "relationships fit the bereaved" d "< 配偶者 >"
keys d Tab Tab Right
expect_screen "the channel is a choice" d "< 電話 >"
keys d F12
expect_screen "the stop is saved" d "提供停止の求めを記録しました。"
keys d Escape
expect_screen "stopped by the bereaved family" d "提供停止中（令和8年11月24日 から、申出者: 遺族）"
expect_screen "the history names the widow" d "遺族 佐藤 花子 (配偶者)"
run_desk status 3001
expect_eq "the command line agrees" "stopped 2026-11-24 bereaved" "$OUT"
keys d Escape
search d "さとう"
expect_screen "the search list marks the deceased" d "昭和15年5月5日（死亡）"
finish
