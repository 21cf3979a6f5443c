#!/bin/sh
# Staff accounts and roles (issue 11): once an administrator exists, every
# command needs --staff LOGIN and the password; records carry the signed-in
# person's display name; a clerk cannot void or merge; the pipeline role
# never sees a name; five wrong passwords lock the login; every attempt is
# logged. Passwords come from files here (--password-file,
# OPTOUT_DESK_PASSWORD_FILE): there is no terminal.
. "$top_srcdir/tests/lib.sh"

P="$TEST_TMP/pw"
mkdir -p "$P"
printf 'boss-secret-1\n' >"$P/boss"
printf 'kato-secret-1\n' >"$P/kato"
printf 'pipe-secret-1\n' >"$P/pipe"
printf 'not-the-one\n' >"$P/wrong"
printf 'short\n' >"$P/short"
BOSS="--staff boss --password-file $P/boss"
KATO="--staff kato --password-file $P/kato"
PIPE="--staff pipe --password-file $P/pipe"

ok "init" init --clinic "テスト内科"
ok "add" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01
ok "notice" notice 1 --date 2026-11-24 --to self
ok "no staff: works as before" status 1
run_desk staff add kato --name "加藤" --role clerk --password-file "$P/kato"
expect_rc "staff add before any staff" 1
expect_contains "points to init --admin" "init --admin" "$ERR"

bad_input "a password too short" --password-file init --admin boss --password-file "$P/short"
ok "the first administrator" init --admin boss --admin-name "院長 一郎" --password-file "$P/boss"
expect_contains "says everyone signs in" "signs in" "$OUT"
bad_input "a second init --admin" --admin $BOSS init --admin other --password-file "$P/boss"

# ---- not signed in: nothing done --------------------------------------------------
run_desk status 1
expect_rc "no --staff" 1
expect_contains "says not signed in" "not signed in" "$ERR"
expect_eq "no --staff: no answer" "" "$OUT"
run_desk --staff boss status 1 </dev/null
expect_rc "no password and no terminal" 1
expect_contains "says how to give one" "--password-file" "$ERR"
run_desk --staff boss --password-file "$P/wrong" refuse 1 --date 2026-11-24 --by self --channel desk --id-check none
expect_rc "a wrong password" 1
expect_contains "wrong password: not signed in" "not signed in" "$ERR"
expect_eq "wrong password: no receipt" "" "$OUT"

ok "staff add a clerk" $BOSS staff add kato --name "加藤 花子" --role clerk --password-file "$P/kato"
ok "staff add the pipeline" $BOSS staff add pipe --name "集計" --role pipeline --password-file "$P/pipe"
bad_input "a taken login" login $BOSS staff add kato --name "別人" --role clerk --password-file "$P/kato"
bad_input "a bad role" --role $BOSS staff add sato --name "佐藤" --role nurse --password-file "$P/kato"
ok "staff list" $BOSS staff list
expect_match "list: the clerk" "^kato	加藤 花子	clerk	active$" "$OUT"
expect_match "list: the admin" "^boss	院長 一郎	admin	active$" "$OUT"

# ---- the name on records is the signed-in person's ----------------------------------
ok "the clerk records a stop" $KATO refuse 1 --date 2026-11-24 --by self --channel desk --id-check none
REF=$(echo "$OUT" | head -1 | cut -f1 -d' ')
OPTOUT_DESK_PASSWORD_FILE="$P/boss" ok "password file from the environment" --staff boss patient show 1
expect_contains "the stop names the clerk" "加藤 花子" "$OUT"
expect_eq "the wrong password recorded nothing" 1 "$(echo "$OUT" | grep -c 'stop request')"

# ---- roles ----------------------------------------------------------------------------
run_desk $KATO void "$REF" --reason "誤登録"
expect_rc "a clerk cannot void" 1
expect_contains "says not allowed" "not allowed" "$ERR"
ok "the stop still counts" $BOSS status 1
expect_match "still stopped" "^stopped" "$OUT"
ok "add 2" $KATO patient add --no 2 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-02
run_desk $KATO patient merge 2 1 --reason "同一人物"
expect_rc "a clerk cannot merge" 1
expect_contains "merge: not allowed" "not allowed" "$ERR"
run_desk $KATO backup
expect_rc "a clerk cannot make a backup" 1
run_desk $PIPE patient show 1
expect_rc "the pipeline cannot open a patient" 1
expect_no_match "the pipeline sees no name" "山田" "$OUT$ERR"
run_desk $PIPE patient find ヤマダ
expect_rc "the pipeline cannot search" 1
expect_no_match "no name in a search either" "山田" "$OUT$ERR"
ok "the pipeline reads status" $PIPE status 1
expect_no_match "status has no name" "山田" "$OUT$ERR"
ok "the pipeline reads eligible" $PIPE eligible --as-of 2026-12-25
run_desk $PIPE refuse 1 --date 2026-11-24 --by self --channel desk --id-check none
expect_rc "the pipeline records no stop" 1
ok "an admin voids" $BOSS void "$REF" --reason "誤登録"

# ---- lockout ----------------------------------------------------------------------------
for i in 1 2 3 4 5; do
	run_desk --staff kato --password-file "$P/wrong" status 1
done
expect_rc "the fifth wrong password" 1
expect_contains "the fifth says to wait" "try again in" "$ERR"
run_desk $KATO status 1
expect_rc "the right password while locked" 1
expect_contains "still locked" "too many wrong passwords" "$ERR"
ok "the log lists every attempt" $BOSS audit --staff kato
expect_eq "five wrong, one locked" 6 "$(echo "$OUT" | grep -c 'signin-failed')"
ok "an administrator sets a new password" $BOSS staff passwd kato --password-file "$P/kato"
ok "the clerk signs in again" $KATO status 1
run_desk $KATO staff passwd boss --password-file "$P/kato"
expect_rc "a clerk cannot set another's password" 1
ok "one's own password" $KATO staff passwd kato --password-file "$P/kato"
bad_input "the last administrator stays" login $BOSS staff disable boss
ok "disable" $BOSS staff disable kato
run_desk $KATO status 1
expect_rc "a disabled login" 1
expect_contains "disabled: not signed in" "not signed in" "$ERR"

# ---- what is kept -------------------------------------------------------------------------
if grep -aq "kato-secret-1\|boss-secret-1" "$OPTOUT_DESK_DB"*; then
	fail "a password is stored in clear"
else
	pass
fi
ok "the log shows who looked" $BOSS audit --patient 1
expect_match "patient show is logged" "	boss	access	-	1	patient show$" "$OUT"
ok "verify with staff" verify
expect_match "verify ok" "^ok: [0-9]+ entries, head [0-9a-f]{64}$" "$OUT"
finish
