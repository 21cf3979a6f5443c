#!/bin/sh
# The record that shows tampering (issue 11): every change has a chained
# entry in the audit log; `verify` recomputes the chain and checks every
# row against its entry, and names what was deleted, changed or inserted
# behind the desk's back with plain sqlite3.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科"
for n in 1 2 3; do
	ok "add $n" patient add --no $n --name "山田 太郎$n" --kana "ヤマダ タロウ" --birth 1970-01-0$n
	ok "notice $n" notice $n --date 2026-11-01 --to self --confirm-backdated
done
ok "stop 1" refuse 1 --date 2026-11-24 --by self --channel desk --id-check none
ok "stop 2" refuse 2 --date 2026-11-24 --by self --channel phone --id-check none
REF2=$(echo "$OUT" | head -1 | cut -f1 -d' ')
ok "eligible before" eligible --as-of 2026-12-25
expect_eq "one patient may flow" "3" "$OUT"

ok "verify" verify
expect_match "verify says ok, the count and the head" "^ok: [0-9]+ entries, head [0-9a-f]{64}$" "$OUT"
HEAD=$(echo "$OUT" | sed 's/.* head //')
ok "verify --head" verify --head
expect_eq "--head prints the same head" "$HEAD" "$OUT"
ok "the head witnesses the chain" verify --witness "$HEAD"
bad_input "a witness that is not a hash" --witness verify --witness xyz
ok "the log lists a patient's entries" audit --patient 2
expect_match "the stop's entry" "	add	requests#[0-9]+	2	$" "$OUT"

sqlite3 "$OPTOUT_DESK_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$OPTOUT_DESK_DB" "$TEST_TMP/clean.sqlite3"
copy() { cp "$TEST_TMP/clean.sqlite3" "$TEST_TMP/$1.sqlite3"; echo "$TEST_TMP/$1.sqlite3"; }

# ---- the case: triggers dropped, a refusal deleted -------------------------------
sqlite3 "$OPTOUT_DESK_DB" "DROP TRIGGER requests_no_delete;
	DELETE FROM requests WHERE ref = '$REF2';"
ok "eligible after the deletion" eligible --as-of 2026-12-25
expect_eq "the deleted refusal lets data flow" "$(printf '2\n3')" "$OUT"
run_desk verify
expect_rc "verify fails" 1
expect_eq "nothing on stdout" "" "$OUT"
expect_match "names the deleted row" "requests #[0-9]+.*deleted" "$ERR"
expect_contains "names the refusal's receipt" "$REF2" "$ERR"
expect_match "names its entry" "entry [0-9]+" "$ERR"

# ---- a row changed ----------------------------------------------------------------------
DB=$(copy changed)
sqlite3 "$DB" "DROP TRIGGER requests_no_update; UPDATE requests SET stop = 0 WHERE ref = '$REF2';"
run_desk --db "$DB" verify
expect_rc "a changed row" 1
expect_contains "says what changed" "stop: 1 → 0" "$ERR"
expect_match "names the row" "requests #[0-9]+.*changed" "$ERR"

# ---- a row inserted -------------------------------------------------------------------------
DB=$(copy inserted)
sqlite3 "$DB" "INSERT INTO requests(id, patient_id, date, stop, channel, requester_kind,
	requester_name, relationship, id_check, delete_provided, mismatch, note, ref, staff, recorded_at)
	VALUES (999, 3, '2026-11-24', 0, 0, 0, '', 0, 0, 0, 0, '', 'R-FAKE-0001', 'x', '2026-11-24T00:00:00Z');"
run_desk --db "$DB" verify
expect_rc "an inserted row" 1
expect_match "names it" "requests #999.*no entry" "$ERR"

# ---- the log itself edited, or an entry deleted -------------------------------------------------
DB=$(copy logedit)
sqlite3 "$DB" "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE id = 5;"
run_desk --db "$DB" verify
expect_rc "an edited entry" 1
expect_contains "names the entry" "entry 5" "$ERR"
expect_contains "says edited" "edited" "$ERR"
DB=$(copy logdel)
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5;"
run_desk --db "$DB" verify
expect_rc "a deleted entry" 1
expect_contains "names the entry after the gap" "entry 6" "$ERR"
expect_contains "says deleted" "deleted" "$ERR"
DB=$(copy logtail)
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);"
run_desk --db "$DB" verify --witness "$HEAD"
expect_rc "a head printed earlier is missing" 1
expect_contains "says the log was rewritten" "rewritten" "$ERR"

# ---- every kind of change is logged -------------------------------------------------------
DB="$TEST_TMP/clean.sqlite3"
ok "a void" --db "$DB" void "$REF2" --reason "誤登録"
ok "a merge" --db "$DB" patient merge 3 1 --reason "同一人物"
ok "a change" --db "$DB" patient set 2 --name "山田 次郎"
ok "a capacity event" --db "$DB" patient set 2 --unable-to-decide "認知症"
ok "a setting" --db "$DB" init --phone 03-0000-0000
ok "verify after all that" --db "$DB" verify
ok "the log" --db "$DB" audit
for what in "voids#" "merges#" "patient_changes#" "capacity_events#" "settings#clinic.phone" "patients#3"; do
	expect_contains "logged: $what" "$what" "$OUT"
done

# ---- the hand-over (issue 10): provisions, forwards ----------------------------------------
ok "add 4" --db "$DB" patient add --no 4 --name "提供 四郎" --kana "テイキョウ シロウ" --birth 1960-01-01
ok "an old notice" --db "$DB" notice 4 --date 2026-09-01 --to self --confirm-backdated
ok "an operator" --db "$DB" operator add --name "LDI" --kind anonymized
printf '4\n' >"$TEST_TMP/list.csv"
ok "a provision" --db "$DB" provide --operator 1 --date 2026-11-24 --items "病名" "$TEST_TMP/list.csv"
ok "a stop that asks for deletion" --db "$DB" refuse 4 --date 2026-11-24 --by self --channel desk --id-check none --delete-provided
ok "the forward done" --db "$DB" forward done 1 --date 2026-11-24
ok "verify after the hand-over" --db "$DB" verify
ok "the log" --db "$DB" audit
for what in "provisions#1" "forwards#1" "forwards_done#1"; do
	expect_contains "logged: $what" "$what" "$OUT"
done
sqlite3 "$DB" "DROP TRIGGER provision_patients_no_delete; DELETE FROM provision_patients;"
run_desk --db "$DB" verify
expect_rc "a patient taken off a provision" 1
expect_match "names the provision" "provisions #1.*changed" "$ERR"
finish
