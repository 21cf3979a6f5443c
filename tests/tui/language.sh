#!/bin/sh
# The desk speaks Japanese unless someone chose otherwise: C, C.UTF-8 and
# POSIX (what servers and containers run under) are no choice; a ja or en
# locale, --lang and the clinic's `language` setting are. The command line
# follows the same choice.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
"$DESK" patient add --no 7001 --name "小林 健" --kana "コバヤシ ケン" --birth 1990-05-05 >/dev/null

# Plain C: Japanese, and the names still read (a UTF-8 codeset is taken).
start_desk_env c 80 24 LANG=C LC_ALL=C
expect_screen "LANG=C: the search screen is Japanese" c "optout-desk 患者検索"
expect_screen "LANG=C: the key bar is Japanese" c "F10終了"
type_text c "こばやし"
expect_screen "LANG=C: wide names are shown and typed" c "小林 健"
keys c F10
expect_screen "quits" c "DESK-EXITED-0"

start_desk_env cu 100 30 LC_ALL=C.UTF-8
expect_screen "C.UTF-8: Japanese" cu "optout-desk 患者検索"
start_desk_env px 100 30 LANG=POSIX
expect_screen "POSIX: Japanese" px "optout-desk 患者検索"
start_desk_env none 100 30
expect_screen "no locale at all: Japanese" none "optout-desk 患者検索"

# An English locale is a choice; --lang overrides the environment.
start_desk_env en 100 30 LANG=en_US.UTF-8
expect_screen "LANG=en_US: English" en "optout-desk: patient search"
expect_screen "in English the key bar too" en "F10Quit"
start_desk_env lang 100 30 LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 -- --lang en
expect_screen "--lang en over a Japanese locale" lang "optout-desk: patient search"
start_desk_env langja 100 30 LANG=en_US.UTF-8 -- --lang ja
expect_screen "--lang ja over an English locale" langja "optout-desk 患者検索"
start_desk_env lgg 100 30 LANG=C.UTF-8 LANGUAGE=en
expect_screen "LANGUAGE=en is a choice" lgg "optout-desk: patient search"

# The clinic's setting, on the settings screen, when nobody chose.
start_desk_env s 80 24 LC_ALL=C.UTF-8
expect_screen "settings: start" s "optout-desk 患者検索"
keys s F8
expect_screen "settings open" s "設定: 医療機関の情報"
for i in $(seq 10); do keys s Down; done   # to the language
expect_screen "the language is on the settings screen" s "表示言語"
expect_screen "Japanese by default" s "< 日本語 (Japanese) >"
keys s Right
expect_screen "English chosen" s "< English >"
keys s F12
expect_screen "saved, and the desk speaks English at once" s "Clinic settings saved."
expect_screen "the search screen in English" s "optout-desk: patient search"
expect_eq "the setting is stored" "en" "$(sqlite3 "$OPTOUT_DESK_DB" "SELECT value FROM settings WHERE key = 'language'")"
keys s F10
expect_screen "quits" s "DESK-EXITED-0"
start_desk_env s2 100 30 LANG=C
expect_screen "the next start follows the setting" s2 "optout-desk: patient search"
start_desk_env s3 100 30 LANG=ja_JP.UTF-8
expect_screen "an explicit Japanese locale still chooses Japanese" s3 "optout-desk 患者検索"

# The command line: the same choice, and a bad --lang is named.
run_desk --lang fr status 7001
expect_rc "--lang fr" 2
expect_contains "--lang is named" "optout-desk: --lang: " "$ERR"
set +e
ERR=$(env -u LANG -u LANGUAGE LC_ALL=C "$DESK" --lang ja status 9999 2>&1 >/dev/null)
set -e
expect_contains "--lang ja: the command line speaks Japanese" "登録されていません" "$ERR"
sqlite3 "$OPTOUT_DESK_DB" "UPDATE settings SET value = 'ja' WHERE key = 'language'"
set +e
ERR=$(env -u LANG -u LANGUAGE LC_ALL=C "$DESK" status 9999 2>&1 >/dev/null)
set -e
expect_contains "LANG=C: the command line speaks Japanese" "登録されていません" "$ERR"
run_desk status 9999
expect_contains "an English locale: English" "no such patient" "$ERR"
finish
