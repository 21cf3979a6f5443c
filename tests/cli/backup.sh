#!/bin/sh
# Backups and restores (issue 11): SQLite's online backup API gives a copy
# of one moment while another desk writes; the copy is 0600 and checked
# (integrity_check and the audit chain); dated backups keep the last N;
# restore refuses a copy that fails its check, keeps the replaced file, and
# says how many entries the restored copy has. Also: the warning when the
# database is open to other users.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科" --backup-keep 2
ok "add" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01

# ---- a backup to a file ---------------------------------------------------------------
ok "backup FILE" backup "$TEST_TMP/one.sqlite3"
expect_match "says written, checked, entries" "checked: .*one.sqlite3 \([0-9]+ entries" "$OUT"
expect_eq "the copy is private" 600 "$(stat -c %a "$TEST_TMP/one.sqlite3")"
expect_eq "a single file (no -wal beside it)" "" "$(ls "$TEST_TMP" | grep 'one.sqlite3-' || true)"
ok "the copy verifies on its own" --db "$TEST_TMP/one.sqlite3" verify
SUM=$(cksum <"$TEST_TMP/one.sqlite3")
bad_input "never over a file" FILE backup "$TEST_TMP/one.sqlite3"
expect_eq "the file is untouched" "$SUM" "$(cksum <"$TEST_TMP/one.sqlite3")"

# ---- dated backups, the last N kept ------------------------------------------------------
mkdir -p "$TEST_TMP/backups"
echo "mine" >"$TEST_TMP/backups/notes.txt"
for i in 1 2 3; do ok "dated backup $i" backup; done
N=$(ls "$TEST_TMP/backups" | grep -c '^desk-2026-11-24T[0-9]*\(-[0-9]*\)\?\.sqlite3$')
expect_eq "the last two are kept" 2 "$N"
if [ -f "$TEST_TMP/backups/notes.txt" ]; then pass; else fail "a file not ours was removed"; fi

# ---- a backup while another desk writes -----------------------------------------------------
: >"$TEST_TMP/acked"
(
	i=100
	while [ ! -f "$TEST_TMP/stop" ]; do
		if "$DESK" patient add --no $i --name "患者 $i" --kana "カンジャ" --birth 1980-01-01 --not-duplicate >/dev/null 2>&1 &&
		   R=$("$DESK" refuse $i --date 2026-11-24 --by self --channel desk --id-check none 2>/dev/null); then
			echo "$R" | cut -f1 -d' ' >>"$TEST_TMP/acked"
		fi
		i=$((i + 1))
	done
) &
WRITER=$!
while [ "$(wc -l <"$TEST_TMP/acked")" -lt 5 ]; do sleep 0.1; done
cp "$TEST_TMP/acked" "$TEST_TMP/before"
ok "backup while another desk writes" backup "$TEST_TMP/busy.sqlite3"
while [ "$(wc -l <"$TEST_TMP/acked")" -le "$(wc -l <"$TEST_TMP/before")" ]; do sleep 0.1; done
touch "$TEST_TMP/stop"
wait "$WRITER"
ok "more was written after it" patient find カンジャ

ok "restore" restore "$TEST_TMP/busy.sqlite3"
expect_match "says how many entries" "^Restored .*busy.sqlite3: [0-9]+ entries" "$OUT"
KEPT="$OPTOUT_DESK_DB.replaced-2026-11-24"
expect_contains "names the kept file" "$KEPT" "$OUT"
if [ -f "$KEPT" ]; then pass; else fail "the replaced file was not kept"; fi
expect_eq "the kept file is private" 600 "$(stat -c %a "$KEPT")"
sqlite3 "$OPTOUT_DESK_DB" "SELECT ref FROM requests" | sort >"$TEST_TMP/restored"
MISSING=$(sort "$TEST_TMP/before" | comm -23 - "$TEST_TMP/restored")
expect_eq "every receipt acknowledged before the backup is there" "" "$MISSING"
LATER=$(sqlite3 "$KEPT" "SELECT count(*) FROM requests")
NOW=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT count(*) FROM requests")
if [ "$NOW" -lt "$LATER" ]; then pass; else fail "the restore changed nothing ($NOW vs $LATER)"; fi
ok "the restored database verifies" verify
ok "and takes new entries" patient add --no 2 --name "山田 次郎" --kana "ヤマダ ジロウ" --birth 1971-01-01

# ---- a copy that fails its check is refused ---------------------------------------------------
cp "$TEST_TMP/one.sqlite3" "$TEST_TMP/bad.sqlite3"
sqlite3 "$TEST_TMP/bad.sqlite3" "DROP TRIGGER patients_no_delete; DELETE FROM patients WHERE number = '1';"
SUM=$(db_sum)
run_desk restore "$TEST_TMP/bad.sqlite3"
expect_rc "a tampered copy" 1
expect_contains "says it fails its check" "fails its check" "$ERR"
expect_eq "nothing restored" "$SUM" "$(db_sum)"
printf 'not a database\n' >"$TEST_TMP/text.sqlite3"
run_desk restore "$TEST_TMP/text.sqlite3"
expect_rc "not a database" 1
expect_eq "nothing restored (text)" "$SUM" "$(db_sum)"
bad_input "no such file" FILE restore "$TEST_TMP/none.sqlite3"

# ---- a backup of a database that fails its check ------------------------------------------------
sqlite3 "$OPTOUT_DESK_DB" "DROP TRIGGER requests_no_delete; DELETE FROM requests;"
run_desk backup "$TEST_TMP/of-bad.sqlite3"
expect_rc "the copy fails its check" 1
if [ -e "$TEST_TMP/of-bad.sqlite3" ]; then fail "the failed copy was left"; else pass; fi

# ---- permissions --------------------------------------------------------------------------------
chmod 644 "$OPTOUT_DESK_DB"
run_desk status 1
expect_contains "warns on stderr" "other users" "$ERR"
chmod 600 "$OPTOUT_DESK_DB"
run_desk status 1
expect_no_match "no warning once private" "other users" "$ERR"
finish
