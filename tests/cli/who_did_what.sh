#!/bin/sh
# What issue 11 still lacked, on the command line: a look at a patient is
# logged also when no staff are set up (under the --staff name, or nobody);
# an unknown login and a wrong password get the same answer and are both
# logged as failed attempts (the unknown one verified against a dummy
# Argon2id hash so it takes as long: not timed here); request ids are in
# the audit chain, so one deleted or slipped in behind the desk's back is
# named by verify.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科"
ok "add" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01

# ---- accesses without staff ---------------------------------------------------------------
ok "patient show without staff" patient show 1
ok "patient find without staff" patient find 山田
OPTOUT_DESK_STAFF='' run_desk patient show 1
expect_rc "patient show without any name" 0
ok "audit" audit --patient 1
expect_contains "patient show is logged under the --staff name" "	tester	access	-	1	patient show" "$OUT"
expect_contains "patient find too" "	tester	access	-	1	patient find" "$OUT"
expect_contains "and with no name at all, under nobody" "	-	access	-	1	patient show" "$OUT"

# ---- request ids in the chain -----------------------------------------------------------------
ok "a write with a request id" notice 1 --date 2026-11-24 --to self --request-id desk-1-0001
ok "retried: the first answer" notice 1 --date 2026-11-24 --to self --request-id desk-1-0001
ok "audit" audit
expect_contains "the request id has its entry" "add	request_ids#desk-1-0001	-" "$OUT"
expect_eq "one entry, not two" "1" "$(printf '%s\n' "$OUT" | grep -c 'request_ids#desk-1-0001')"
ok "verify" verify
sqlite3 "$OPTOUT_DESK_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$OPTOUT_DESK_DB" "$TEST_TMP/clean.sqlite3"
sqlite3 "$OPTOUT_DESK_DB" "DROP TRIGGER request_ids_no_delete; DELETE FROM request_ids;"
run_desk verify
expect_rc "a deleted request id fails verify" 1
expect_contains "and is named" "(request_ids #desk-1-0001): this row was deleted behind the desk's back" "$ERR"
cp "$TEST_TMP/clean.sqlite3" "$OPTOUT_DESK_DB"
rm -f "$OPTOUT_DESK_DB-wal" "$OPTOUT_DESK_DB-shm"
# The way to make a later stop answer "already recorded" and record nothing.
sqlite3 "$OPTOUT_DESK_DB" "INSERT INTO request_ids VALUES ('pipe-0002', 'refuse', '1', 'R-FAKE-0001', '2026-11-24T00:00:00Z');"
run_desk verify
expect_rc "a request id slipped in fails verify" 1
expect_contains "and is named" "(request_ids #pipe-0002): this row has no entry in the log" "$ERR"
cp "$TEST_TMP/clean.sqlite3" "$OPTOUT_DESK_DB"
rm -f "$OPTOUT_DESK_DB-wal" "$OPTOUT_DESK_DB-shm"
ok "the clean copy verifies" verify

# ---- an unknown login answers as a wrong password does --------------------------------------
printf 'boss-secret-1\n' >"$TEST_TMP/boss"
printf 'wrong-pass-99\n' >"$TEST_TMP/wrong"
ok "first admin" init --admin boss --password-file "$TEST_TMP/boss"
run_desk --staff nosuch --password-file "$TEST_TMP/wrong" status 1
expect_rc "unknown login" 1
UNKNOWN=$ERR
run_desk --staff boss --password-file "$TEST_TMP/wrong" status 1
expect_rc "wrong password" 1
expect_eq "the same message for both" "$UNKNOWN" "$ERR"
expect_contains "which tells neither apart" "the login or the password is wrong" "$ERR"
ok "staff add" --staff boss --password-file "$TEST_TMP/boss" staff add gone --name "退職者" --role clerk --password-file "$TEST_TMP/boss"
ok "staff disable" --staff boss --password-file "$TEST_TMP/boss" staff disable gone
run_desk --staff gone --password-file "$TEST_TMP/boss" status 1
expect_eq "a disabled login: the same message" "$UNKNOWN" "$ERR"
ok "audit" --staff boss --password-file "$TEST_TMP/boss" audit
expect_contains "the unknown login's attempt is logged" "nosuch	signin-failed	-	-	no such login" "$OUT"
expect_contains "the wrong password's attempt is logged" "boss	signin-failed	-	-	wrong password" "$OUT"
expect_contains "the disabled login's attempt is logged" "gone	signin-failed	-	-	disabled" "$OUT"
ok "signed in, a look is logged under the login" --staff boss --password-file "$TEST_TMP/boss" patient show 1
ok "audit" --staff boss --password-file "$TEST_TMP/boss" audit --patient 1
expect_contains "under boss" "	boss	access	-	1	patient show" "$OUT"
finish
