#!/bin/sh
# Who is at the desk (issue 11), in tmux: without staff the header says no
# login is set up; with staff the desk opens on the sign-in screen (no
# patient data on it), the pipeline role is turned away from the screens
# (they show names), a clerk may not open the settings, opening a patient
# is logged; after the idle time (OPTOUT_DESK_IDLE_LOCK_SECONDS, the
# test-only stand-in for idle_lock_minutes) the lock screen hides the
# patient, the same password opens it again and another person may sign in;
# a tampered record shows the red banner.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 5001 --name "伊藤 明" --kana "イトウ アキラ" --birth 1980-01-01 >/dev/null

start_desk nostaff
expect_screen "no staff: the header says no login is set up" nostaff "（ログイン未設定）"
keys nostaff F10
expect_screen "quits" nostaff "DESK-EXITED-0"

P="$TEST_TMP/pw"
mkdir -p "$P"
printf 'boss-secret-1\n' >"$P/boss"
printf 'kato-secret-1\n' >"$P/kato"
printf 'pipe-secret-1\n' >"$P/pipe"
"$DESK" init --admin boss --admin-name "院長 一郎" --password-file "$P/boss" >/dev/null
BOSS="--staff boss --password-file $P/boss"
"$DESK" $BOSS staff add kato --name "加藤 花子" --role clerk --password-file "$P/kato" >/dev/null
"$DESK" $BOSS staff add pipe --name "集計" --role pipeline --password-file "$P/pipe" >/dev/null

"$DESK" $BOSS notice 5001 --date 2026-11-24 --to self >/dev/null

# ---- signing in ------------------------------------------------------------------------
start_desk a
expect_screen "the sign-in screen" a "ログインID"
expect_not_screen "no patient on it" a "伊藤"
type_text a "pipe"; keys a Enter; type_text a "pipe-secret-1"; keys a Enter
expect_screen "the pipeline is turned away" a "受付画面を使えません"
expect_not_screen "the pipeline sees no name" a "伊藤"
keys a Tab Escape; type_text a "kato"; keys a Tab; type_text a "wrong-pass"; keys a Enter
expect_screen "a wrong password" a "サインインしていません"
type_text a "kato-secret-1"; keys a Enter
expect_screen "signed in: the search screen" a "患者検索"
expect_screen "the header names the clerk" a "加藤 花子"
keys a F8
expect_screen "a clerk may not open the settings" a "権限がありません"
search a "5001"
expect_screen "the search finds the patient" a "伊藤 明"
keys a Enter
expect_screen "the patient screen" a "イトウ アキラ"
keys a C-x
expect_screen "a clerk cannot void on the screen either" a "権限がありません"
keys a F10
expect_screen "quits" a "DESK-EXITED-0"
OUT=$("$DESK" $BOSS audit --patient 5001)
expect_match "opening the patient is logged" "	kato	access	-	5001	screen" "$OUT"

# ---- the lock screen --------------------------------------------------------------------------
start_desk_env b 100 30 LANG=$JA_LANG LC_ALL=$JA_LANG LANGUAGE= OPTOUT_DESK_IDLE_LOCK_SECONDS=4 --
expect_screen "sign in again" b "ログインID"
type_text b "kato"; keys b Enter; type_text b "kato-secret-1"; keys b Enter
expect_screen "signed in" b "患者検索"
search b "5001"
keys b Enter
expect_screen "the patient is open" b "イトウ アキラ"
if wait_for b "ロック中" 30; then pass; else fail "the desk did not lock"; screen b >&2; fi
expect_not_screen "the lock screen hides the patient" b "伊藤"
expect_screen "it names who locked it" b "加藤 花子"
type_text b "kato-secret-1"; keys b Enter
expect_screen "the same password opens it on the patient" b "イトウ アキラ"
if wait_for b "ロック中" 30; then pass; else fail "the desk did not lock again"; fi
keys b Tab Escape; type_text b "boss"; keys b Tab; type_text b "boss-secret-1"; keys b Enter
expect_screen "another person signs in" b "院長 一郎"
expect_screen "on the search screen" b "患者検索"
keys b F10
expect_screen "quits" b "DESK-EXITED-0"

# ---- the banner ---------------------------------------------------------------------------------
"$DESK" $BOSS refuse 5001 --date 2026-11-24 --by self --channel desk --id-check none >/dev/null
sqlite3 "$OPTOUT_DESK_DB" "DROP TRIGGER requests_no_delete; DELETE FROM requests;"
start_desk c
expect_screen "the red banner" c "記録が改ざんされた疑いがあります"
keys c F10
finish
