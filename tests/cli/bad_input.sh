#!/bin/sh
# Bad input of every kind: exit 2, nothing on stdout, a stderr line that
# names the field (the option) and says what is accepted, and nothing
# written to the database.
. "$top_srcdir/tests/lib.sh"

ESC=$(printf '\033')
TAB=$(printf '\t')
LONG_NAME=$(printf 'あ%.0s' $(seq 61))   # 61 characters, one more than allowed

ok "init" init --clinic "テスト内科クリニック"
ok "add 1001" patient add --no 1001 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-03-02
ok "add 1002 (15 years old)" patient add --no 1002 --name "鈴木 一郎" --kana "スズキ イチロウ" --birth 2011-06-01
ok "notice 1001" notice 1001 --date 2026-11-24 --to self
ok "show 1001 (before)" patient show 1001
SHOW_BEFORE=$OUT
ok "show 1002 (before)" patient show 1002
SHOW2_BEFORE=$OUT
SUM=$(db_sum)

# ---- global options and commands ---------------------------------------------
bad_input "unknown global option" --frobnicate --frobnicate status 1001
bad_input "unknown command" command frobnicate
bad_input "--today bad" --today --today 2026-13-01 status 1001
expect_contains "--today: echoes what was typed" '"2026-13-01"' "$ERR"
OPTOUT_DESK_TODAY=yesterday
bad_input "OPTOUT_DESK_TODAY bad" OPTOUT_DESK_TODAY status 1001
OPTOUT_DESK_TODAY=2026-11-24
bad_input "--staff with an escape" --staff --staff "a${ESC}[31m" status 1001
bad_input "--db missing value" --db --db
bad_input "patient without a verb" patient patient
bad_input "patient unknown verb" patient patient remove 1001

# ---- unknown options, missing values, missing required options ---------------
bad_input "unknown option" --foo patient add --foo --no 3 --name A --kana ア --birth 1970-01-01
expect_contains "unknown option points to --help" "--help" "$ERR"
bad_input "missing value" --as-of status 1001 --as-of
expect_contains "missing value is said" "value" "$ERR"
bad_input "missing --no" --no patient add --name "佐藤" --kana "サトウ" --birth 1970-01-01
bad_input "missing --name" --name patient add --no 3 --kana "サトウ" --birth 1970-01-01
bad_input "missing --kana" --kana patient add --no 3 --name "佐藤" --birth 1970-01-01
bad_input "missing --birth" --birth patient add --no 3 --name "佐藤" --kana "サトウ"
bad_input "notice missing --date" --date notice 1001 --to self
bad_input "notice missing --to" --to notice 1001 --date 2026-11-24
bad_input "refuse missing --channel" --channel refuse 1001 --date 2026-11-24 --by self --id-check none
bad_input "refuse missing --id-check" --id-check refuse 1001 --date 2026-11-24 --by self --channel desk
bad_input "refuse missing --by" --by refuse 1001 --date 2026-11-24 --channel desk --id-check none
bad_input "eligible missing --as-of" --as-of eligible
bad_input "status missing patient" "patient number" status
bad_input "status extra argument" 1002 status 1001 1002
bad_input "set without an action" "--unable-to-decide/--able/--died" patient set 1001
bad_input "set with two actions" "--unable-to-decide/--able/--died" patient set 1001 --able --died 2026-01-01

# ---- unknown patient ------------------------------------------------------------
bad_input "status of an unknown patient" "patient number" status 9999
expect_contains "unknown patient is echoed" '"9999"' "$ERR"
bad_input "notice to an unknown patient" "patient number" notice 9999 --date 2026-11-24 --to self
bad_input "show an unknown patient" "patient number" patient show 9999

# ---- dates --------------------------------------------------------------------
bad_input "birth 2026-02-30" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth 2026-02-30
expect_contains "2026-02-30 is echoed" '"2026-02-30"' "$ERR"
expect_contains "the wrong day is named" "no such day" "$ERR"
bad_input "birth 1970.3" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth 1970.3
expect_contains "accepted date forms are listed" "3450302" "$ERR"
bad_input "birth not a date" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth tomorrow
bad_input "birth H32 (outside Heisei)" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth H32.1.1
bad_input "birth month 13" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth 1970-13-01
bad_input "birth after today" --birth patient add --no 3 --name "佐藤" --kana "サトウ" --birth 2026-11-25
bad_input "notice date bad" --date notice 1001 --date 2026-11-31 --to self
bad_input "status --as-of bad" --as-of status 1001 --as-of 20261332
bad_input "eligible --as-of bad" --as-of eligible --as-of X1.1.1
bad_input "--died bad" --died patient set 1001 --died 2026-04-31
bad_input "--died before birth" --died patient set 1001 --died 1960-01-01
bad_input "--date with --died" --date patient set 1001 --died 2026-01-01 --date 2026-01-01

# ---- closed vocabularies: the accepted words are listed --------------------------
bad_input "--to friend" --to notice 1001 --date 2026-11-24 --to friend
expect_contains "--to lists the kinds" "self, guardian, representative" "$ERR"
bad_input "--to bereaved (not for notices)" --to notice 1001 --date 2026-11-24 --to bereaved \
	--recipient "山田 花子" --relationship spouse
bad_input "--by neighbour" --by refuse 1001 --date 2026-11-24 --by neighbour --channel desk --id-check none
expect_contains "--by lists the kinds" "self, guardian, representative, bereaved" "$ERR"
bad_input "--channel fax" --channel refuse 1001 --date 2026-11-24 --by self --channel fax --id-check none
expect_contains "--channel lists the channels" "desk, phone, post, email" "$ERR"
bad_input "--id-check fingerprint" --id-check refuse 1001 --date 2026-11-24 --by self --channel desk --id-check fingerprint
expect_contains "--id-check lists the kinds" "mynumber, license, insurance, passport, residence, other, none" "$ERR"
bad_input "--relationship cousin" --relationship notice 1002 --date 2026-11-24 --to guardian \
	--recipient "鈴木 花子" --relationship cousin
expect_contains "--relationship lists the words" "parent, guardian, spouse" "$ERR"
bad_input "--sex x" --sex patient add --no 3 --name "佐藤" --kana "サトウ" --birth 1970-01-01 --sex x
expect_contains "--sex lists m, f, u" "m, f, u" "$ERR"

# ---- who acts: name and relationship ------------------------------------------------
bad_input "--recipient missing for a guardian" --recipient notice 1002 --date 2026-11-24 \
	--to guardian --relationship parent
bad_input "--relationship missing for a guardian" --relationship notice 1002 --date 2026-11-24 \
	--to guardian --recipient "鈴木 花子"
bad_input "--name missing for the bereaved" --name refuse 1001 --date 2026-11-24 --by bereaved \
	--relationship spouse --channel desk --id-check none
bad_input "--relationship spouse for a guardian" --relationship notice 1002 --date 2026-11-24 \
	--to guardian --recipient "鈴木 花子" --relationship spouse
expect_contains "fitting relationships for a guardian" "parent, guardian" "$ERR"
bad_input "--relationship guardian for the bereaved" --relationship refuse 1001 --date 2026-11-24 \
	--by bereaved --name "山田 花子" --relationship guardian --channel desk --id-check none
expect_contains "fitting relationships for the bereaved" "spouse" "$ERR"
bad_input "--name for self" --name refuse 1001 --date 2026-11-24 --by self --name "山田 太郎" \
	--channel desk --id-check none

# ---- text: control characters, kana, lengths ----------------------------------------
bad_input "--name with an escape" --name patient add --no 3 --name "佐藤${ESC}[2J" --kana "サトウ" --birth 1970-01-01
expect_no_match "the escape is not echoed raw" "$ESC" "$ERR"
bad_input "--name with a tab" --name patient add --no 3 --name "佐藤${TAB}花子" --kana "サトウ" --birth 1970-01-01
bad_input "--name empty" --name patient add --no 3 --name " " --kana "サトウ" --birth 1970-01-01
bad_input "--name too long" --name patient add --no 3 \
	--name "$LONG_NAME" \
	--kana "サトウ" --birth 1970-01-01
bad_input "--kana in latin letters" --kana patient add --no 3 --name "佐藤" --kana "Sato" --birth 1970-01-01
bad_input "--kana in kanji" --kana patient add --no 3 --name "佐藤" --kana "佐藤" --birth 1970-01-01
bad_input "--no with spaces" --no patient add --no "1 2" --name "佐藤" --kana "サトウ" --birth 1970-01-01
bad_input "--no with an escape" --no patient add --no "3${ESC}" --name "佐藤" --kana "サトウ" --birth 1970-01-01
bad_input "--recipient with an escape" --recipient notice 1002 --date 2026-11-24 --to guardian \
	--recipient "鈴木${ESC}]0;x" --relationship parent
bad_input "--note with an escape" --note refuse 1001 --date 2026-11-24 --by self --channel desk \
	--id-check none --note "電話${ESC}[31m"
bad_input "--unable-to-decide with an escape" --unable-to-decide patient set 1001 --unable-to-decide "x${ESC}"
bad_input "find with an escape" "search text" patient find "や${ESC}"

# ---- init ---------------------------------------------------------------------------
bad_input "init --wait-months 0" --wait-months init --wait-months 0
bad_input "init --wait-months two" --wait-months init --wait-months two
bad_input "init --email" --email init --email "not an address"
bad_input "init --url" --url init --url "ftp://example.jp/"
bad_input "init --clinic empty" --clinic init --clinic ""
bad_input "init --clinic with an escape" --clinic init --clinic "医院${ESC}"

# ---- nothing was written --------------------------------------------------------------
expect_eq "the database file is unchanged" "$SUM" "$(db_sum)"
ok "show 1001 (after)" patient show 1001
expect_eq "1001 unchanged after bad input" "$SHOW_BEFORE" "$OUT"
ok "show 1002 (after)" patient show 1002
expect_eq "1002 unchanged after bad input" "$SHOW2_BEFORE" "$OUT"
ok "no patient 3" patient find 3
expect_eq "no patient 3 was added" "" "$OUT"

finish
