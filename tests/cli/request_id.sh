#!/bin/sh
# Idempotent retries (issue 12): a write given --request-id KEY that is run
# again (the desk retries after a crash or a lost answer) returns the first
# result, records nothing new, exits 0 and says so; the same key for
# another command or another patient is refused, naming --request-id.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック"
ok "add 1" patient add --no 1 --name "山田 花子" --kana "ヤマダ ハナコ" --birth 1970-04-01 --request-id add-1
expect_eq "add 1 says registered" "Patient 1 registered." "$OUT"
ok "add 1 again, same key" patient add --no 1 --name "山田 花子" --kana "ヤマダ ハナコ" --birth 1970-04-01 --request-id add-1
expect_eq "the retry says the first result" "Patient 1 registered." "$OUT"
expect_contains "the retry says it was already recorded" "--request-id: already recorded" "$ERR"
bad_input "add 1 again without the key is still a second attempt" "--no" \
	patient add --no 1 --name "山田 花子" --kana "ヤマダ ハナコ" --birth 1970-04-01
ok "add 2" patient add --no 2 --name "佐藤 次郎" --kana "サトウ ジロウ" --birth 1965-02-03

# ---- notice -----------------------------------------------------------------------
ok "notice" notice 1 --date 2026-11-20 --to self --confirm-backdated --request-id form-n1
first=$OUT
expect_match "notice prints its reference" '^N-[0-9A-Z]{4}-[0-9A-Z]{4} 2026-12-21$' "$first"
ok "notice retried" notice 1 --date 2026-11-20 --to self --confirm-backdated --request-id form-n1
expect_eq "the retry prints the first reference and date" "$first" "$OUT"
expect_contains "the retry says so" "already recorded" "$ERR"
ok "history" patient show 1
expect_eq "one notice in the history" 1 "$(printf '%s\n' "$OUT" | grep -c 'N-')"

# ---- refuse / withdraw ------------------------------------------------------------
ok "refuse" refuse 1 --date 2026-11-24 --by self --channel desk --id-check license --request-id r1
stop=$OUT
ok "refuse retried" refuse 1 --date 2026-11-24 --by self --channel desk --id-check license --request-id r1
expect_eq "the retry prints the first receipt number" "$stop" "$OUT"
ok "status after the retried stop" status 1
expect_match "stopped once" '^stopped 2026-11-24' "$OUT"
ok "withdraw" withdraw 1 --date 2026-11-24 --by self --channel desk --id-check license --request-id w1
wd=$OUT
ok "withdraw retried" withdraw 1 --date 2026-11-24 --by self --channel desk --id-check license --request-id w1
expect_eq "the retry prints the first withdrawal receipt" "$wd" "$OUT"
ok "show" patient show 1
expect_eq "one stop and one withdrawal in the history" 2 "$(printf '%s\n' "$OUT" | grep -c 'R-')"

# ---- the same key for something else ------------------------------------------------
bad_input "the key for another patient" "--request-id" \
	refuse 2 --date 2026-11-24 --by self --channel desk --id-check license --request-id r1
bad_input "the key for another command" "--request-id" \
	withdraw 1 --date 2026-11-24 --by self --channel desk --id-check license --request-id r1
bad_input "a malformed key" "--request-id" \
	refuse 2 --date 2026-11-24 --by self --channel desk --id-check license --request-id "a b"
ok "status 2 unchanged" status 2
expect_eq "patient 2 has no stop" "not-notified" "$OUT"

# ---- patient set, void, merge -------------------------------------------------------
ok "unable" patient set 2 --unable-to-decide "認知症" --request-id cap-2
ok "unable retried" patient set 2 --unable-to-decide "認知症" --request-id cap-2
expect_contains "the retry says so" "already recorded" "$ERR"
ok "show 2" patient show 2
expect_eq "one capacity event" 1 "$(printf '%s\n' "$OUT" | grep -c '認知症')"
ok "void" void "$wd" --reason "誤入力" --request-id v1
ok "void retried" void "$wd" --reason "誤入力" --request-id v1
expect_contains "the retried void says so, not 'already voided'" "already recorded" "$ERR"
ok "add 3" patient add --no 3 --name "佐藤 次郎" --kana "サトウ ジロウ" --birth 1965-02-03 --not-duplicate
ok "merge" patient merge 3 2 --reason "同一人物" --request-id m1
merged=$OUT
ok "merge retried" patient merge 3 2 --reason "同一人物" --request-id m1
expect_eq "the retried merge prints the first line" "$(printf '%s\n' "$merged" | head -1)" "$OUT"
ok "name change" patient set 3 --kana "サトウ ジロー" --request-id k1
ok "name change retried" patient set 3 --kana "サトウ ジロー" --request-id k1
expect_contains "the retried change says so" "already recorded" "$ERR"

# Keys are kept in the database, with their entry.
n=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT count(*) FROM request_ids")
expect_eq "one row per key" 8 "$n"
finish
