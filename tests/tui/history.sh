#!/bin/sh
# The patient screen's history hides nothing: a voided entry stays, dimmed
# and marked 取消, with who voided it, when and why; changes of
# particulars show the field and old → new; a merge, a "registered as
# another person" check, an entry recorded under a number since merged and
# a deletion request added to a stop all say so. A merged-away number
# opens the patient it was merged into, and the title says so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
D="$DESK"
"$D" patient add --no 7001 --name "山田 一郎" --kana "ヤマダ イチロウ" --birth 1960-01-01 >/dev/null
"$D" notice 7001 --date 2026-10-01 --to self --confirm-backdated >/dev/null
"$D" refuse 7001 --date 2026-11-10 --by self --channel desk --id-check insurance --confirm-backdated >/dev/null
"$D" refuse 7001 --date 2026-11-20 --by self --channel desk --id-check insurance --delete-provided --confirm-backdated >/dev/null
"$D" patient set 7001 --unable-to-decide "入院中" --date 2026-11-21 --confirm-backdated >/dev/null
UNABLE=$("$D" patient show 7001 | grep -o '#[0-9]*' | head -n 1)
"$D" void "$UNABLE" --reason "別の患者と取り違え" >/dev/null
"$D" patient set 7001 --name "山田 一朗" --sex m >/dev/null
# The same person registered twice: told apart at first, merged later.
"$D" patient add --no 7002 --name "山田 一朗" --kana "ヤマダ イチロウ" --birth 1960-01-01 --not-duplicate >/dev/null
"$D" notice 7002 --date 2026-11-22 --to self --confirm-backdated >/dev/null
"$D" patient merge 7002 7001 --reason "同一人物の二重登録" >/dev/null

start_desk d 160 40
search d 7001
expect_screen "found" d "山田 一朗"
keys d Enter
expect_screen "the patient screen" d "履歴（新しい順）"
expect_screen "a voided entry stays, marked 取消" d "【取消】 判断能力"
expect_screen "with its event number" d "$UNABLE"
expect_screen "and who voided it and why" d "／ 取消 "
expect_screen "the reason of the void" d "tester: 別の患者と取り違え"
expect_screen "a change of name shows old → new" d "氏名: 山田 一郎 → 山田 一朗"
expect_screen "a change of sex in words" d "性別: 未記録 → 男性"
expect_screen "the merge names the other number and the reason" d "患者 7002 をこの記録に統合: 同一人物の二重登録"
expect_screen "an entry recorded under the merged number says so" d "（番号 7002 で記録）"
expect_screen "the other-person check shows" d "別人として登録"
expect_screen "a deletion request added to the stop says so" d "［提供停止中に削除の求めを追加］"
# The void took the unable-to-decide state away: it is not on the panel.
expect_not_screen "the voided state does not count" d "判断能力なし: 代理人が手続き"

# At 80x24 the void is still seen (wrapped, not cut).
tmux_ resize-window -t d -x 80 -y 24 2>/dev/null || tmux_ resize-pane -t d -x 80 -y 24
keys d C-l
expect_screen "80x24: the void marker" d "【取消】"
keys d Escape

# A merged-away number opens the patient it was merged into.
search d 7002
expect_screen "the merged number is found" d "山田 一朗"
keys d Enter
expect_screen "the screen is 7001's and says 7002 was merged into it" d "患者 7001  （7002 → 7001 に統合）"
finish
