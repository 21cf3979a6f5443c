#!/bin/sh
# Screen manners: 80x24 works and below says so, help comes from the action
# table, control-key alternates, Esc asks before losing typed input, text
# from the database never reaches the terminal raw, NO_COLOR.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 5001 --name "伊藤 明" --kana "イトウ アキラ" --birth 1980-01-01 >/dev/null
"$DESK" patient add --no 5002 --name "仮名" --kana "イトウ ハル" --birth 1981-01-01 >/dev/null
# A name with an escape sequence, as a bad import could leave it.
sqlite3 "$OPTOUT_DESK_DB" "UPDATE patients SET name = '伊藤' || char(27) || '[2J' || char(7) || '春' WHERE number = '5002'"

start_desk d
search d "いとう"
expect_screen "both found" d "伊藤 明"
expect_screen "the escape is shown as a placeholder" d "伊藤^[[2J^G春"
if tmux_ capture-pane -p -e -t d | grep -q "$(printf '\033')\[2J"; then
	fail "the raw escape sequence reached the terminal"
else
	pass
fi

# 80x24 is enough; 79x24 is not, and it says so; back again.
tmux_ resize-window -t d -x 80 -y 24
expect_screen "80x24 still shows the key bar" d "F10終了"
expect_screen "80x24 still shows the list" d "伊藤 明"
tmux_ resize-window -t d -x 79 -y 24
expect_screen "below 80x24 it says so" d "画面が小さすぎます"
expect_screen "with the sizes" d "現在 79×24"
tmux_ resize-window -t d -x 80 -y 23
expect_screen "too few lines too" d "現在 80×23"
tmux_ resize-window -t d -x 100 -y 30
expect_screen "and redraws when big enough again" d "伊藤 明"

# Help from the action table.
keys d F1
expect_screen "F1 opens help" d "この画面で使えるキーを表示します。"
expect_screen "help lists F2 and its alternate" d "F2, Ctrl-N"
expect_screen "with what it does" d "新しい患者を登録します"
keys d Escape
expect_screen "Esc leaves help" d "optout-desk 患者検索"

# Control-key alternates, for terminals that lose function keys.
keys d C-n
expect_screen "Ctrl-N registers" d "新規患者の登録"
type_text d "9"
keys d Escape
expect_screen "Esc asks before discarding" d "入力内容を破棄しますか? (y/n)"
keys d n
expect_screen "n keeps the form" d "新規患者の登録"
keys d C-g
expect_screen "Ctrl-G is help on a form too" d "F12, Ctrl-S"
keys d Escape Escape y
expect_screen "y discards" d "optout-desk 患者検索"

# Wide characters edit as characters: Backspace removes a whole glyph.
keys d C-n
type_text d "x"
keys d Tab
type_text d "山田太郎"
keys d BSpace BSpace
type_text d "花子"
expect_screen "backspace over wide glyphs" d "氏名 *                   山田花子"
# At 80 columns a long name scrolls by whole glyphs: the end stays in view.
tmux_ resize-window -t d -x 80 -y 24
type_text d "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む処藪ら柑子"
expect_screen "the end of a long wide name is in view" d "藪ら柑子"
expect_not_screen "its start has scrolled away" d "山田花子寿限無"
tmux_ resize-window -t d -x 100 -y 30
keys d Escape y
expect_screen "back" d "optout-desk 患者検索"

# Colour is never the only sign, and NO_COLOR turns it off.
search d "いとう"
if tmux_ capture-pane -p -e -t d | grep -q "$(printf '\033')\[3[1-7]m"; then pass; else fail "states are coloured when colours are allowed"; fi
keys d F10
expect_screen "F10 quits" d "DESK-EXITED-0"
tmux_ new-session -d -s n -x 100 -y 30 "env NO_COLOR=1 LANG=$JA_LANG LC_ALL=$JA_LANG TERM=screen-256color $DESK --db $OPTOUT_DESK_DB; sleep 600"
search n "いとう"
expect_screen "NO_COLOR: the state is still in words" n "未通知"
if tmux_ capture-pane -p -e -t n | grep -q "$(printf '\033')\[3[1-7]m"; then fail "NO_COLOR is respected"; else pass; fi
finish
