#!/bin/sh
# The command line end to end: help and version, init (twice), patients
# registered with Japanese names, shown and found by kana and by the
# receipt-computer birth-date code.
. "$top_srcdir/tests/lib.sh"

# ---- help, version ----------------------------------------------------------
ok "--help" --help
expect_contains "--help lists refuse" "optout-desk refuse N" "$OUT"
expect_contains "--help lists eligible" "optout-desk eligible --as-of DATE" "$OUT"
ok "--version" --version
expect_match "--version" "^optout-desk [0-9]+\.[0-9]+" "$OUT"
ok "notice --help" notice --help
expect_contains "notice --help" "--to self|guardian|representative" "$OUT"

# ---- before init ------------------------------------------------------------
run_desk status 1
expect_rc "status before init" 1
expect_contains "status before init says to run init" "optout-desk init" "$ERR"
run_desk patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-03-02
expect_rc "patient add before init" 1
expect_contains "patient add before init says to run init" "optout-desk init" "$ERR"
bad_input "first init without --clinic" --clinic init --phone 03-1234-5678

# ---- init, twice -------------------------------------------------------------
ok "init" init --clinic "テスト内科クリニック" --address "東京都千代田区1-1" \
	--phone 03-1234-5678 --email desk@example.jp --hours "平日 9:00-18:00" \
	--url "https://example.jp/optout" --national-url "https://www.mhlw.go.jp/" --wait-months 1
expect_contains "init creates notice version 1" "version 1 " "$OUT"
ok "init again (same settings)" init --clinic "テスト内科クリニック"
ok "init again (hours only)" init --hours "平日 9:00-17:00"
expect_contains "a changed notice item is pointed out" "notice" "$ERR"

# ---- patients ----------------------------------------------------------------
ok "add 山田 太郎" patient add --no 1001 --name "山田 太郎" --kana "ヤマダ タロウ" --birth S45.3.2 --sex m
ok "add 佐藤 花子 (era code birth)" patient add --no 1002 --name "佐藤 花子" --kana "サトウ ハナコ" --birth 4010108 --sex f
ok "add 鈴木 一郎 (half-width kana)" patient add --no 1003 --name "鈴木 一郎" --kana "ｽｽﾞｷ ｲﾁﾛｳ" --birth 2011/06/01
ok "add 高橋 (hiragana kana)" patient add --no 1004 --name "高橋 みどり" --kana "たかはし みどり" --birth 1970-03-02
bad_input "duplicate number" --no patient add --no 1001 --name "別人" --kana "ベツジン" --birth 1980-01-01

ok "show 1001" patient show 1001
expect_contains "show: number" "1001" "$OUT"
expect_contains "show: name" "山田 太郎" "$OUT"
expect_contains "show: kana" "ヤマダ タロウ" "$OUT"
expect_contains "show: birth ISO" "1970-03-02" "$OUT"
expect_contains "show: birth era" "昭和45年3月2日" "$OUT"
expect_contains "show: age as of today" "56" "$OUT"
expect_contains "show: state" "not-notified" "$OUT"
ok "show 1002" patient show 1002
expect_contains "show: 平成元年" "平成元年1月8日" "$OUT"
expect_contains "show: 1989-01-08" "1989-01-08" "$OUT"

# find by hiragana for a katakana name
ok "find やまだ" patient find "やまだ"
expect_match "find やまだ gives 1001" "^1001	山田 太郎	ヤマダ タロウ	1970-03-02	not-notified$" "$OUT"
expect_eq "find やまだ gives one line" 1 "$(printf '%s\n' "$OUT" | wc -l)"
ok "find すずき (half-width kana stored)" patient find "すずき"
expect_match "find すずき gives 1003" "^1003	" "$OUT"
ok "find タカハシ (katakana for a hiragana kana)" patient find "タカハシ"
expect_match "find タカハシ gives 1004" "^1004	" "$OUT"
ok "find by kanji" patient find "佐藤"
expect_match "find 佐藤 gives 1002" "^1002	" "$OUT"

# find by birth date: receipt-computer code and era form
ok "find 3450302" patient find 3450302
expect_match "find 3450302 gives 1001" "^1001	" "$OUT"
expect_match "find 3450302 gives 1004" "^1004	" "$OUT"
ok "find S45.3.2" patient find S45.3.2
expect_match "find S45.3.2 gives 1001" "^1001	" "$OUT"
expect_match "find S45.3.2 gives 1004" "^1004	" "$OUT"
expect_no_match "find S45.3.2 not 1002" "^1002	" "$OUT"
ok "find by number prefix" patient find 100
expect_eq "find 100 gives all four" 4 "$(printf '%s\n' "$OUT" | grep -c '^100')"
ok "find with no match" patient find "わたなべ"
expect_eq "find with no match prints nothing" "" "$OUT"

# ---- global options ---------------------------------------------------------
ok "--db elsewhere: init" --db "$TEST_TMP/other.sqlite3" init --clinic "別院"
ok "--db elsewhere: find" --db "$TEST_TMP/other.sqlite3" patient find 100
expect_eq "--db uses the other database" "" "$OUT"
ok "--today fixes the age" --today 2027-03-02 patient show 1001
expect_contains "--today: age 57" "57" "$OUT"
ok "--staff is recorded" --staff "受付 佐々木" notice 1001 --date 2026-11-24 --to self
run_desk patient show 1001
expect_contains "history shows staff" "受付 佐々木" "$OUT"
expect_match "history shows the notice reference" "N-[0-9A-Z]{4}-[0-9A-Z]{4}" "$OUT"

finish
