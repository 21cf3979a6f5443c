#!/bin/sh
# Issue 11 from the desk, in tmux: without staff, opening a patient is
# logged (under the --staff name); the search screen offers (F11, never
# forces) the first administrator: login, display name, the password twice
# never shown; two passwords that differ are refused; once made, the desk
# is signed in as that administrator, the offer is gone, and the command
# line needs a sign-in. A clerk's key bar leaves off what the role table
# keeps from clerks (settings, void, merge); an administrator's shows them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 5001 --name "伊藤 明" --kana "イトウ アキラ" --birth 1980-01-01 >/dev/null

start_desk a
expect_screen "no staff: the header says so" a "（ログイン未設定）"
expect_screen "the key bar offers sign-in" a "F11ログイン設定"
search a "5001"
expect_screen "the search finds the patient" a "伊藤 明"
keys a Enter
expect_screen "the patient screen" a "イトウ アキラ"
keys a Escape
expect_screen "back on search" a "F11ログイン設定"
keys a F11
expect_screen "the first administrator's form" a "ログイン設定: 最初の管理者"
type_text a "boss"; keys a Tab
type_text a "院長 一郎"; keys a Tab
type_text a "boss-secret-1"; keys a Tab
type_text a "boss-secret-2"
expect_not_screen "the password is never shown" a "boss-secret"
expect_screen "typed as stars" a "*************"
keys a F12
expect_screen "two passwords that differ are refused" a "2回入力したパスワードが一致しません"
expect_screen "the form stays" a "ログイン設定: 最初の管理者"
keys a BSpace; type_text a "1"
keys a F12
expect_screen "the administrator is added" a "管理者 boss を追加しました"
expect_screen "and signed in" a "院長 一郎"
expect_not_screen "the offer is gone" a "F11ログイン設定"
expect_not_screen "the header no longer says no login" a "（ログイン未設定）"
expect_screen "an administrator sees the settings key" a "F8設定"
keys a F10
expect_screen "quits" a "DESK-EXITED-0"
OUT=$("$DESK" --staff boss --password-file /dev/stdin audit --patient 5001 <<PW
boss-secret-1
PW
)
expect_match "opening the patient without staff was logged" "	tester	access	-	5001	screen" "$OUT"
set +e
"$DESK" patient show 5001 >/dev/null 2>"$TEST_TMP/err"
RC=$?
set -e
expect_eq "the command line now needs a sign-in" "1" "$RC"
expect_contains "says so" "not signed in" "$(cat "$TEST_TMP/err")"

# ---- Esc: the offer is not forced ---------------------------------------------------------------
rm -f "$OPTOUT_DESK_DB" "$OPTOUT_DESK_DB-wal" "$OPTOUT_DESK_DB-shm"
init_clinic
start_desk b
expect_screen "offered again on a new database" b "F11ログイン設定"
keys b F11
expect_screen "the form" b "ログイン設定: 最初の管理者"
keys b Escape
expect_screen "Esc goes back without anyone made" b "（ログイン未設定）"
keys b F10
expect_screen "quits" b "DESK-EXITED-0"
run_desk staff list
expect_eq "no staff were made" "" "$OUT"

# ---- a clerk's key bar ------------------------------------------------------------------------------
printf 'boss-secret-1\n' >"$TEST_TMP/boss"
printf 'kato-secret-1\n' >"$TEST_TMP/kato"
"$DESK" patient add --no 5001 --name "伊藤 明" --kana "イトウ アキラ" --birth 1980-01-01 >/dev/null
"$DESK" init --admin boss --admin-name "院長 一郎" --password-file "$TEST_TMP/boss" >/dev/null
"$DESK" --staff boss --password-file "$TEST_TMP/boss" notice 5001 --date 2026-11-24 --to self >/dev/null
"$DESK" --staff boss --password-file "$TEST_TMP/boss" staff add kato --name "加藤 花子" --role clerk --password-file "$TEST_TMP/kato" >/dev/null
start_desk c
expect_screen "the sign-in screen" c "ログインID"
type_text c "kato"; keys c Enter; type_text c "kato-secret-1"; keys c Enter
expect_screen "signed in" c "加藤 花子"
expect_screen "search" c "患者検索"
expect_not_screen "a clerk's bar has no settings key" c "F8設定"
expect_not_screen "nor the sign-in set-up" c "F11ログイン設定"
search c "5001"
expect_screen "found" c "伊藤 明"
keys c Enter
expect_screen "the patient screen" c "イトウ アキラ"
expect_screen "with its history" c "通知"
expect_not_screen "no void key for a clerk" c "Ctrl-X取消"
expect_not_screen "no merge key for a clerk" c "Ctrl-Y統合"
keys c C-x
expect_screen "the key itself says why" c "権限がありません"
keys c F10
expect_screen "quits" c "DESK-EXITED-0"
finish
