#!/bin/sh
# `report day|month|year` (issue 13) on standard output: the counts the
# office reads — notices, stops and withdrawals by channel and requester
# kind, per staff member — change when an entry is added and when one is
# voided; month and year have a line per day or month with a bar; the
# share of patients in each state; the day's audit head is the one
# `verify --head` prints; bad periods and outputs are refused, and a
# report writes nothing to the database.
. "$top_srcdir/tests/lib.sh"

# line WHAT TEXT: the first line of the report that starts with WHAT
# (after the indent), blanks squeezed.
line() {
	printf '%s\n' "$2" | sed 's/^ *//' | tr -s ' ' | grep -F -- "$1" | head -n 1
}

ok "init" init --clinic 'さくら内科クリニック'
ok "patient 1001" patient add --no 1001 --name '山田 花子' --kana 'ヤマダ ハナコ' --birth 1980-05-01
ok "patient 1002" patient add --no 1002 --name '山田 一郎' --kana 'ヤマダ イチロウ' --birth 2015-04-01
ok "patient 1003" patient add --no 1003 --name '佐藤 次郎' --kana 'サトウ ジロウ' --birth 1950-02-03
ok "patient 1004" patient add --no 1004 --name '鈴木 三郎' --kana 'スズキ サブロウ' --birth 1960-02-03

# Two members of staff at the desk on 2026-11-24.
ok "notice by 受付 花子" --staff '受付 花子' notice 1001 --date 2026-11-24 --to self
ok "notice to a guardian by 受付 花子" --staff '受付 花子' notice 1002 --date 2026-11-24 \
	--to guardian --recipient '山田 花子' --relationship parent
ok "notice by 受付 太郎" --staff '受付 太郎' notice 1003 --date 2026-11-24 --to self
ok "stop by phone by 受付 太郎" --staff '受付 太郎' refuse 1003 --date 2026-11-24 --by self \
	--channel phone --id-check none
# Earlier in the month: a notice handed on the 2nd and the stop, withdrawn.
ok "notice on the 2nd" --staff '受付 花子' notice 1004 --date 2026-11-02 --to self --confirm-backdated
ok "stop on the 3rd" --staff '受付 花子' refuse 1004 --date 2026-11-03 --by self --channel post \
	--id-check license --confirm-backdated
ok "withdrawal on the 4th" --staff '受付 花子' withdraw 1004 --date 2026-11-04 --by self \
	--channel desk --id-check license --confirm-backdated

before=$(db_sum)
ok "report day" report day
DAY=$OUT
expect_contains "the clinic and the title" "Daily report　さくら内科クリニック" "$DAY"
expect_contains "ISO with 和暦 beside it" "2026-11-24（令和8年11月24日）" "$DAY"
expect_eq "notices handed today" "Notices handed 3" "$(line 'Notices handed' "$DAY")"
expect_eq "stops today" "Stop requests 1" "$(line 'Stop requests' "$DAY")"
expect_eq "by channel and kind: by phone, the patient" "by phone 1 0 0 0" "$(line 'by phone' "$DAY")"
expect_eq "withdrawals today: none" "Withdrawals 0" "$(line 'Withdrawals' "$DAY")"
expect_contains "notices by recipient kind" "patient 2 guardian 1" "$(line 'patient 2' "$DAY")"
expect_eq "受付 花子's row: 2 notices" "受付 花子 2 0 0 0 0" "$(line '受付 花子' "$DAY")"
expect_eq "受付 太郎's row: a notice and a stop" "受付 太郎 1 1 0 0 0" "$(line '受付 太郎' "$DAY")"
expect_eq "the share of patients: 1003 stopped" "Stopped 1 25.0%" "$(line 'Stopped' "$DAY")"
expect_eq "the share of patients: three waiting" "Waiting 3 75.0%" "$(line 'Waiting' "$DAY")"
ok "verify --head" verify --head
HEAD=$OUT
expect_eq "the audit head is the chain's head" "$HEAD" "$(printf '%s\n' "$DAY" | grep -A1 '^Audit log head' | tail -n 1 | tr -d ' ')"
expect_eq "a report writes nothing" "$before" "$(db_sum)"

# The default date is today; a date may be given in any form the desk reads.
ok "report day R8.11.3" report day R8.11.3
expect_eq "the 3rd: one stop, by post" "by post 1 0 0 0" "$(line 'by post' "$OUT")"
expect_contains "the 3rd: the date" "2026-11-03（令和8年11月3日）" "$OUT"

# A new stop counts at once; a voided one stops counting.
ok "a second stop" --staff '受付 花子' refuse 1001 --date 2026-11-24 --by self --channel desk \
	--id-check mynumber
STOP=$OUT
ok "report day after the stop" report day
expect_eq "two stops today" "Stop requests 2" "$(line 'Stop requests' "$OUT")"
expect_eq "the desk's stop" "at the desk 1 0 0 0" "$(line 'at the desk' "$OUT")"
expect_eq "受付 花子's row has the stop" "受付 花子 2 1 0 0 0" "$(line '受付 花子' "$OUT")"
ok "void the stop" void "$STOP" --reason 'entered for the wrong patient'
ok "report day after the void" report day
expect_eq "the voided stop no longer counts" "Stop requests 1" "$(line 'Stop requests' "$OUT")"
expect_eq "受付 花子's row without it" "受付 花子 2 0 0 0 0" "$(line '受付 花子' "$OUT")"
ok "void a notice" void "$(printf '%s\n' "$($DESK patient show 1002)" | grep -o 'N-[0-9A-Z]*-[0-9A-Z]*' | head -n 1)" \
	--reason 'handed to the wrong family' --confirm-backdated
ok "report day after voiding a notice" report day
expect_eq "the voided notice no longer counts" "Notices handed 2" "$(line 'Notices handed' "$OUT")"

# The month: a line a day, the notices drawn as a bar.
ok "report month" report month 2026-11
MONTH=$OUT
expect_contains "the period in ISO and 和暦" "2026-11-01（令和8年11月1日） – 2026-11-30（令和8年11月30日）" "$MONTH"
expect_eq "the month's notices" "Notices handed 3" "$(line 'Notices handed' "$MONTH")"
expect_eq "the month's stops" "Stop requests 2" "$(line 'Stop requests' "$MONTH")"
expect_eq "the month's withdrawal" "Withdrawals 1" "$(line 'Withdrawals' "$MONTH")"
expect_eq "thirty days" 30 "$(printf '%s\n' "$MONTH" | grep -c '^  2026-11-[0-3][0-9] ')"
expect_match "the 2nd: a notice, with a bar" "^2026-11-02 1 0 0 0 0 [▏▎▍▌▋▊▉█]+$" "$(line '2026-11-02' "$MONTH")"
expect_match "the 24th: two notices, the longest bar" "^2026-11-24 2 1 0 0 0 █{24}$" "$(line '2026-11-24' "$MONTH")"
expect_eq "the 1st: nothing, no bar" "2026-11-01 0 0 0 0 0" "$(line '2026-11-01 ' "$MONTH")"
expect_match "the states drawn as bars" "^Waiting 2 50.0% █+" "$(line 'Waiting' "$MONTH")"
expect_no_match "no audit head on the month" "Audit log head" "$MONTH"

ok "report year" report year 2026
expect_eq "twelve months" 12 "$(printf '%s\n' "$OUT" | grep -c '^  2026-[01][0-9] ')"
expect_match "November's counts" "^2026-11 3 2 1 0 0 █+$" "$(line '2026-11 ' "$OUT")"
expect_eq "October: nothing" "2026-10 0 0 0 0 0" "$(line '2026-10 ' "$OUT")"

# In Japanese.
ok "report day in Japanese" --lang ja report day
expect_contains "日報" "日報　さくら内科クリニック" "$OUT"
expect_eq "通知の交付" "通知の交付 2" "$(line '通知の交付' "$OUT")"
expect_contains "the staff table" "担当者別" "$OUT"

# Documents printed count for the day of the printing and whoever printed.
ok "print a notice" --staff '受付 花子' print notice 1001 -o "$TEST_TMP/notice.pdf"
ok "print a receipt" --staff '受付 太郎' print receipt 1003 -o "$TEST_TMP/receipt.pdf"
ok "report day after printing" report day
expect_eq "two documents printed" "Documents printed 2" "$(line 'Documents printed' "$OUT")"
expect_eq "受付 花子 printed one" "受付 花子 1 0 0 0 1" "$(line '受付 花子' "$OUT")"
expect_eq "受付 太郎 printed one" "受付 太郎 1 1 0 0 1" "$(line '受付 太郎' "$OUT")"

# Bad input names the field; nothing is written.
before=$(db_sum)
bad_input "a month that does not exist" month report month 2026-13
bad_input "a month in another form" month report month 11/2026
bad_input "a year out of range" year report year 26
bad_input "no such report" report report week
bad_input "no report named" report report
bad_input "a day that does not exist" date report day 2026-02-30
bad_input "--print for a month" --print report month 2026-11 --print
bad_input "--printer without --print" --printer report day --printer lp0
bad_input "an unknown --format" --format report day --print --format png
bad_input "--force without a file" --force report day --force
bad_input "the database as the PDF" --pdf report day --pdf "$OPTOUT_DESK_DB" --force
bad_input "the WAL as the PDF" -o report day -o "$OPTOUT_DESK_DB-wal"
touch "$TEST_TMP/taken.pdf"
bad_input "an existing file without --force" --pdf report month 2026-11 --pdf "$TEST_TMP/taken.pdf"
expect_eq "the existing file is untouched" "" "$(cat "$TEST_TMP/taken.pdf")"
bad_input "an extra argument" 2026-11-25 report day 2026-11-24 2026-11-25
expect_eq "refusals wrote nothing" "$before" "$(db_sum)"

# Once staff sign in, entries carry the signed-in person's name and the
# report counts them under it; the pipeline, which sees no desk work, may
# not read the report.
P="$TEST_TMP/pw"
mkdir -p "$P"
printf 'boss-secret-1\n' >"$P/boss"
printf 'kato-secret-1\n' >"$P/kato"
printf 'pipe-secret-1\n' >"$P/pipe"
ok "the first administrator" init --admin boss --admin-name "院長 一郎" --password-file "$P/boss"
ok "a clerk" --staff boss --password-file "$P/boss" staff add kato --name "加藤 花" --role clerk --password-file "$P/kato"
ok "the pipeline" --staff boss --password-file "$P/boss" staff add pipe --name "連携" --role pipeline --password-file "$P/pipe"
ok "a withdrawal by the clerk" --staff kato --password-file "$P/kato" withdraw 1003 --date 2026-11-24 \
	--by self --channel desk --id-check mynumber
ok "the clerk's report" --staff kato --password-file "$P/kato" report day
expect_eq "the withdrawal under the clerk's name" "加藤 花 0 0 1 0 0" "$(line '加藤 花' "$OUT")"
expect_eq "at the desk" "at the desk 1 0 0 0" "$(line 'at the desk' "$OUT")"
run_desk --staff pipe --password-file "$P/pipe" report day
expect_rc "the pipeline may not read the report" 1
expect_contains "says not allowed" "not allowed" "$ERR"
expect_eq "the pipeline gets no report" "" "$OUT"
finish
