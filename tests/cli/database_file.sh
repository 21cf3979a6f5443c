#!/bin/sh
# The database file (issue 8): only init creates one; readers never take the
# write lock; an empty, foreign or damaged file is never started over; the
# log named in error messages exists; the clinic's today comes from its
# time zone, not the server's.
. "$top_srcdir/tests/lib.sh"

export XDG_STATE_HOME="$TEST_TMP/state"
LOG="$XDG_STATE_HOME/optout-desk/desk.log"

# ---- only init creates -----------------------------------------------------------
for cmd in "status 1" "eligible --as-of 2026-11-24" "patient show 1" "patient find 山田"; do
	# shellcheck disable=SC2086
	run_desk $cmd
	expect_rc "$cmd on a missing database" 1
	expect_contains "$cmd says there is none and how to make one" "optout-desk init" "$ERR"
done
if [ -e "$OPTOUT_DESK_DB" ]; then fail "a read command created the database"; else pass; fi
run_desk patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01
expect_rc "patient add on a missing database" 1
if [ -e "$OPTOUT_DESK_DB" ]; then fail "patient add created the database"; else pass; fi
ok "init creates it" init --clinic "テスト内科"
if [ "$(stat -c %a "$OPTOUT_DESK_DB")" = 600 ]; then pass; else fail "database mode $(stat -c %a "$OPTOUT_DESK_DB")"; fi
ok "add" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01
ok "notice" notice 1 --date 2026-11-24 --to self

# ---- the pipeline's reads never take the write lock ------------------------------------
# Another desk holds a write transaction for 3 s (a sleep inside it, so the
# same on a loaded machine). status and eligible answer at once; a look at
# a patient's particulars (patient show/find) is logged in the audit chain
# (issue 11), and that write waits for the other desk, says so, and then
# answers.
printf "BEGIN IMMEDIATE;\nINSERT INTO settings VALUES('lock-holder', 'x');\n.shell sleep 3\nCOMMIT;\n" |
	sqlite3 "$OPTOUT_DESK_DB" >/dev/null 2>&1 &
HOLDER=$!
sleep 0.5
for cmd in "status 1" "eligible --as-of 2026-12-25"; do
	# shellcheck disable=SC2086
	run_desk $cmd
	expect_rc "$cmd while another desk writes" 0
	expect_no_match "$cmd does not wait" "wait" "$ERR"
done
expect_eq "eligible read the committed state" "1" "$(echo "$OUT" | head -1 | cut -c1)"
for cmd in "patient show 1" "patient find ヤマダ"; do
	# shellcheck disable=SC2086
	run_desk $cmd
	expect_rc "$cmd while another desk writes" 0
	expect_contains "$cmd shows the patient" "ヤマダ" "$OUT"
done
wait "$HOLDER" || true

# ---- an empty, foreign or damaged file is never started over ------------------------------
: >"$TEST_TMP/empty.sqlite3"
for cmd in "status 1" "init --clinic X" "patient add --no 2 --name A --kana ア --birth 1970-01-01"; do
	# shellcheck disable=SC2086
	run_desk --db "$TEST_TMP/empty.sqlite3" $cmd
	expect_rc "$cmd on a zero-length file" 1
	expect_contains "$cmd: the records are missing" "records are missing" "$ERR"
	expect_contains "$cmd: points to the backup" "backup" "$ERR"
	expect_eq "$cmd: the file stays as it was" 0 "$(stat -c %s "$TEST_TMP/empty.sqlite3")"
done
printf 'not a database, just text\n%.0s' $(seq 1 300) >"$TEST_TMP/foreign.sqlite3"
SUM=$(cksum <"$TEST_TMP/foreign.sqlite3")
run_desk --db "$TEST_TMP/foreign.sqlite3" init --clinic X
expect_rc "init on a foreign file" 1
expect_contains "not a database, do not start over" "backup" "$ERR"
expect_eq "the foreign file is untouched" "$SUM" "$(cksum <"$TEST_TMP/foreign.sqlite3")"
# a database whose tables were lost
cp "$OPTOUT_DESK_DB" "$TEST_TMP/lost.sqlite3"
sqlite3 "$TEST_TMP/lost.sqlite3" "PRAGMA writable_schema = ON; DELETE FROM sqlite_master WHERE name IN ('patients', 'notices'); PRAGMA writable_schema = OFF;" 2>/dev/null || true
run_desk --db "$TEST_TMP/lost.sqlite3" status 1
expect_rc "a database whose records are missing" 1
expect_no_match "never says to run init" "run .optout-desk init. first" "$ERR"
expect_contains "names the log" "$LOG" "$ERR"
if [ -f "$LOG" ]; then pass; else fail "the log $LOG was not written"; fi
if [ "$(stat -c %a "$LOG" 2>/dev/null)" = 600 ]; then pass; else fail "log mode"; fi
expect_contains "the log has SQLite's own words" "malformed database schema" "$(cat "$LOG" 2>/dev/null)"

# ---- the clinic's today, in its time zone ----------------------------------------------------
# Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: their dates
# always differ, whatever the server's own TZ says.
unset OPTOUT_DESK_TODAY
export TZ=UTC
EAST=$(TZ=Pacific/Kiritimati date +%F)
ok "the clinic is in Kiritimati" init --time-zone Pacific/Kiritimati
ok "add 2" patient add --no 2 --name "時差 太郎" --kana "ジサ タロウ" --birth 1970-01-01
ok "a notice on the clinic's today" notice 2 --date "$EAST" --to self
ok "the clinic moves to Pago Pago" init --time-zone Pacific/Pago_Pago
ok "add 3" patient add --no 3 --name "時差 次郎" --kana "ジサ ジロウ" --birth 1970-01-01
bad_input "the same date is tomorrow there" --date notice 3 --date "$EAST" --to self
bad_input "an unknown zone" --time-zone init --time-zone Mars/Olympus
ok "back to Tokyo" init --time-zone Asia/Tokyo

finish
