#!/bin/sh
# At 80x24, in Japanese, nothing the user needs is cut: the whole key bar
# with F10終了 (on two lines when one is too narrow), names in the history
# (wrapped), help text (wrapped and scrolled); the key bar says what the
# keys do (on the clinic's QR screen F4 prints the poster).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 5001 --name "長谷川 千代子" --kana "ハセガワ チヨコ" --birth 2012-01-01 >/dev/null
"$DESK" notice 5001 --date 2026-11-20 --to guardian --recipient "長谷川 太郎兵衛門之丞" --relationship parent >/dev/null

start_desk d 80 24
search d 5001
expect_screen "found" d "長谷川 千代子"
keys d Enter
expect_screen "the patient screen" d "履歴（新しい順）"
expect_screen "80x24: F10終了 on the patient screen's key bar" d "F10終了"
expect_screen "80x24: and the last action before it" d "F11再印刷"
expect_screen "80x24: the recipient's whole name, wrapped in its column" d "兵衛門之丞"
expect_screen "the kind of recipient" d "保護者等 長谷川"

# Help: long sentences wrap; what does not fit scrolls.
keys d F1
expect_screen "help opens" d "F6, Ctrl-U"
expect_screen "a long help sentence is wrapped, not cut" d "たは再び有することを記録します。"
expect_screen "help says there is more below" d "下にも項目があります"
keys d PageDown
expect_screen "PageDown shows the end of help" d "日付: 2026-11-24"
expect_screen "and says there is more above" d "上にも項目があります"
keys d Escape Escape
expect_screen "back on the search screen" d "optout-desk 患者検索"

# The clinic's QR screen: F4 prints the poster, and the bar says so.
keys d F7
expect_screen "the clinic's QR screen" d "通知のQRコード"
expect_screen "F4 is labelled as the poster" d "F4ポスター印刷"
expect_not_screen "not as the slip" d "通知票印刷"
keys d F4
expect_screen "F4 prints the poster" d "poster"
keys d Escape

# Wider: everything on one line of keys.
tmux_ resize-window -t d -x 120 -y 30
search d 5001
keys d Enter
expect_screen "wide: the patient screen" d "履歴（新しい順）"
if screen d | tail -1 | grep -q "F3通知.*F10終了"; then pass; else fail "at 120 columns the key bar is one line"; screen d >&2; fi
finish
