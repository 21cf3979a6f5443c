#!/bin/sh
# Only a "yes" creates a database: answering no (or just Enter) leaves
# nothing behind, and a zero-length file — records lost, not a new desk —
# is never made a new database: the desk says to restore the backup and
# leaves the file as it was.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"
# Wide: the plain-terminal messages come before curses and wrap at 80.

start_desk d 200 24
expect_screen "a missing database is asked about" d "データベースがありません: $OPTOUT_DESK_DB — 新しく作成しますか? (y/N)"
type_text d "n"
keys d Enter
expect_screen "no: the desk says nothing was created" d "何も作成しませんでした。"
expect_screen "and exits with 1" d "DESK-EXITED-1"
if [ -e "$OPTOUT_DESK_DB" ]; then fail "a database was created after no"; else pass; fi
tmux_ kill-session -t d

# Enter alone is no too (the default).
start_desk e 200 24
expect_screen "asked again" e "新しく作成しますか? (y/N)"
keys e Enter
expect_screen "Enter alone creates nothing" e "DESK-EXITED-1"
if [ -e "$OPTOUT_DESK_DB" ]; then fail "a database was created after Enter"; else pass; fi
tmux_ kill-session -t e

# A zero-length file: the records are missing; never asked, never created.
: >"$OPTOUT_DESK_DB"
start_desk f 200 24
expect_screen "an empty file is named as lost records" f "データベースのファイルが空で、記録が失われています。"
expect_screen "and the backup is pointed to" f "バックアップから復元"
expect_screen "the desk exits with 1" f "DESK-EXITED-1"
expect_not_screen "no question about creating" f "新しく作成しますか"
expect_eq "the file is untouched (still empty)" "0" "$(wc -c <"$OPTOUT_DESK_DB" | tr -d ' ')"
if ls "$TEST_TMP"/desk.sqlite3-* >/dev/null 2>&1; then fail "WAL files were made beside the empty file"; else pass; fi
finish
