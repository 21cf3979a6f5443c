#!/bin/sh
# Notices, the waiting period of the domain brief's table, stops and
# withdrawals by each kind of requester, mismatches, and the list the data
# pipeline reads. Today is 2026-11-24 (tests/lib.sh).
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック" --phone 03-1234-5678
add() { ok "add $1" patient add --no "$1" --name "$2" --kana "$3" --birth "$4"; }
REF='[A-Z]-[0-9A-Z]{4}-[0-9A-Z]{4}'

# ---- the waiting period: every row of the table -----------------------------
# number  notice date  may flow from  day before P  day before notice
while read -r no notice from before prior <&3; do
	ok "add $no" patient add --no "$no" --name "試験 太郎" --kana "シケン タロウ" \
		--birth 1980-01-01 --not-duplicate
	# Each notice is recorded on the day it is handed.
	OPTOUT_DESK_TODAY=$notice ok "notice $no on $notice" notice "$no" --date "$notice" --to self
	expect_match "notice $no prints reference and flow-from" "^N-[0-9A-Z]{4}-[0-9A-Z]{4} $from\$" "$OUT"
	ok "status $no before the notice" status "$no" --as-of "$prior"
	expect_eq "status $no as of $prior" "not-notified" "$OUT"
	ok "status $no on the notice date" status "$no" --as-of "$notice"
	expect_eq "status $no as of $notice" "waiting $notice $from" "$OUT"
	ok "status $no the day before" status "$no" --as-of "$before"
	expect_eq "status $no as of $before" "waiting $notice $from" "$OUT"
	ok "status $no on the flow-from date" status "$no" --as-of "$from"
	expect_eq "status $no as of $from" "may-flow $from" "$OUT"
done 3<<'EOF'
201 2026-11-24 2026-12-25 2026-12-24 2026-11-23
202 2026-12-31 2027-02-01 2027-01-31 2026-12-30
203 2027-01-30 2027-03-01 2027-02-28 2027-01-29
204 2028-01-28 2028-02-29 2028-02-28 2028-01-27
205 2027-03-31 2027-05-01 2027-04-30 2027-03-30
EOF
ok "status defaults to today" status 201
expect_eq "status 201 today" "waiting 2026-11-24 2026-12-25" "$OUT"
ok "status --as-of in era form" status 201 --as-of R8.12.25
expect_eq "status 201 as of R8.12.25" "may-flow 2026-12-25" "$OUT"

# ---- a child of 15: the notice goes to the guardian --------------------------
add 301 "鈴木 一郎" "スズキ イチロウ" 2011-06-01
SUM=$(db_sum)
run_desk notice 301 --date 2026-11-24 --to self
expect_rc "notice to a 15-year-old himself is refused" 2
expect_eq "refused notice: no stdout" "" "$OUT"
expect_match "refused notice names --to" "^optout-desk: --to: " "$ERR"
expect_contains "refused notice says guardian would fit" "guardian" "$ERR"
expect_no_match "a notice is strict: no override offered" "accept-mismatch" "$ERR"
expect_eq "refused notice writes nothing" "$SUM" "$(db_sum)"
ok "status 301 after refusal" status 301
expect_eq "status 301 still not notified" "not-notified" "$OUT"

ok "notice 301 to the parent" notice 301 --date 2026-11-24 --to guardian \
	--recipient "鈴木 花子" --relationship parent
expect_match "notice 301 output" "^N-[0-9A-Z]{4}-[0-9A-Z]{4} 2026-12-25$" "$OUT"
ok "status 301" status 301
expect_eq "status 301 waiting" "waiting 2026-11-24 2026-12-25" "$OUT"

# stop by the parent, recorded on the day
export OPTOUT_DESK_TODAY=2026-11-30
ok "refuse 301 by parent" refuse 301 --date 2026-11-30 --by guardian --name "鈴木 花子" \
	--relationship parent --channel desk --id-check license
expect_match "refuse prints the receipt number" "^$REF\$" "$OUT"
STOP_REF=$OUT
ok "status 301 before the stop" status 301 --as-of 2026-11-29
expect_eq "status 301 as of 2026-11-29" "waiting 2026-11-24 2026-12-25" "$OUT"
ok "status 301 after the stop" status 301 --as-of 2026-12-26
expect_eq "status 301 as of 2026-12-26" "stopped 2026-11-30 guardian" "$OUT"

# a child under 16 cannot withdraw; withdrawals have no override
export OPTOUT_DESK_TODAY=2026-12-10
run_desk withdraw 301 --date 2026-12-10 --by self --channel desk --id-check insurance
expect_rc "withdrawal by the child is refused" 2
expect_match "refused withdrawal names --by" "^optout-desk: --by: " "$ERR"
expect_contains "refused withdrawal says guardian would fit" "guardian" "$ERR"
expect_no_match "withdrawal is strict: no override offered" "accept-mismatch" "$ERR"
bad_input "withdraw --accept-mismatch" --accept-mismatch withdraw 301 --date 2026-12-10 \
	--by self --channel desk --id-check insurance --accept-mismatch
ok "status 301 still stopped" status 301 --as-of 2026-12-26
expect_eq "status 301 stopped after refused withdrawals" "stopped 2026-11-30 guardian" "$OUT"

ok "withdraw 301 by the guardian" withdraw 301 --date 2026-12-10 --by guardian \
	--name "鈴木 花子" --relationship parent --channel phone --id-check none
expect_match "withdraw prints the receipt number" "^$REF\$" "$OUT"
WD_REF=$OUT
ok "status 301 between stop and withdrawal" status 301 --as-of 2026-12-05
expect_eq "status 301 as of 2026-12-05" "stopped 2026-11-30 guardian" "$OUT"
ok "status 301 after the withdrawal" status 301 --as-of 2026-12-26
expect_eq "status 301 as of 2026-12-26" "may-flow 2026-12-25" "$OUT"

export OPTOUT_DESK_TODAY=2026-11-24
ok "show 301" patient show 301
expect_contains "history has the stop receipt" "$STOP_REF" "$OUT"
expect_contains "history has the withdrawal receipt" "$WD_REF" "$OUT"
expect_contains "history names the parent" "鈴木 花子" "$OUT"
expect_contains "history names the staff" "tester" "$OUT"
# newest first: the withdrawal line comes before the stop line
first=$(printf '%s\n' "$OUT" | grep -n -e "$WD_REF" | cut -d: -f1)
second=$(printf '%s\n' "$OUT" | grep -n -e "$STOP_REF" | cut -d: -f1)
if [ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ]; then pass; else
	fail "history is not newest first: [$OUT]"; fi

# ---- turning 16 on the notice date -------------------------------------------
add 302 "伊藤 健" "イトウ ケン" 2010-11-24
run_desk notice 302 --date 2026-11-23 --to self
expect_rc "notice to self the day before the 16th birthday" 2
ok "notice to self on the 16th birthday" notice 302 --date 2026-11-24 --to self

# ---- the bereaved of a deceased patient --------------------------------------
add 401 "田中 正" "タナカ タダシ" 1950-05-05
# Entered late: it lets data flow on past dates, so it needs confirming.
run_desk notice 401 --date 2026-01-10 --to self
expect_rc "a back-dated notice that changes past dates needs confirming" 2
expect_contains "the consequence is named" "2026-02-11" "$ERR"
expect_contains "the way on is named" "--confirm-backdated" "$ERR"
ok "notice 401" notice 401 --date 2026-01-10 --to self --confirm-backdated
expect_match "notice 401 flow-from" " 2026-02-11$" "$OUT"
ok "401 died" patient set 401 --died 2026-10-01
ok "status 401 after death" status 401 --as-of 2026-11-01
expect_eq "a deceased patient stays eligible" "may-flow 2026-02-11" "$OUT"
ok "refuse 401 by the bereaved" refuse 401 --date 2026-11-20 --by bereaved \
	--name "田中 一郎" --relationship child --channel post --id-check mynumber --delete-provided \
	--confirm-backdated
expect_match "bereaved refuse prints receipt" "^$REF\$" "$OUT"
ok "status 401 stopped" status 401 --as-of 2026-11-20
expect_eq "status 401" "stopped 2026-11-20 bereaved" "$OUT"
ok "show 401" patient show 401
expect_contains "show 401: deceased date" "2026-10-01" "$OUT"
expect_contains "show 401: bereaved's name" "田中 一郎" "$OUT"

# ---- a mismatched stop: refused, then recorded with --accept-mismatch --------
add 501 "渡辺 誠" "ワタナベ マコト" 2009-01-01
ok "notice 501 (17 years old, to self)" notice 501 --date 2026-11-24 --to self
SUM=$(db_sum)
run_desk refuse 501 --date 2026-11-24 --by guardian --name "渡辺 父" --relationship parent \
	--channel desk --id-check license
expect_rc "mismatched stop is refused" 2
expect_match "mismatched stop names --by" "^optout-desk: --by: " "$ERR"
expect_contains "mismatched stop says self would fit" "self" "$ERR"
expect_contains "mismatched stop offers --accept-mismatch" "--accept-mismatch" "$ERR"
expect_eq "refused stop writes nothing" "$SUM" "$(db_sum)"
ok "status 501 unchanged" status 501
expect_eq "status 501 waiting" "waiting 2026-11-24 2026-12-25" "$OUT"
ok "mismatched stop with --accept-mismatch" refuse 501 --date 2026-11-24 --by guardian \
	--name "渡辺 父" --relationship parent --channel desk --id-check license --accept-mismatch
expect_match "accepted mismatch prints receipt" "^$REF\$" "$OUT"
expect_match "accepted mismatch warns on stderr" "^optout-desk: .+" "$ERR"
ok "status 501 stopped" status 501
expect_eq "status 501" "stopped 2026-11-24 guardian" "$OUT"
ok "show 501" patient show 501
expect_contains "history marks the mismatch" "did not fit" "$OUT"

# ---- unable to decide: the representative receives the notice ----------------
add 601 "小林 節子" "コバヤシ セツコ" S15.2.29
ok "601 unable to decide" patient set 601 --unable-to-decide "認知症のため" --date 2026-11-01
ok "show 601" patient show 601
expect_contains "show 601: reason" "認知症のため" "$OUT"
run_desk notice 601 --date 2026-11-24 --to self
expect_rc "notice to self while unable to decide" 2
expect_contains "representative would fit" "representative" "$ERR"
ok "notice 601 to the representative" notice 601 --date 2026-11-24 --to representative \
	--recipient "小林 一" --relationship child
OPTOUT_DESK_TODAY=2026-12-01 ok "601 able again" patient set 601 --able --date 2026-12-01

# ---- patient numbers sorted by byte, as eligible lists them ------------------
add 9 "九 太郎" "キュウ タロウ" 1990-09-09
add 10 "十 花子" "ジュウ ハナコ" 1990-10-10
ok "notice 9" notice 9 --date 2026-11-24 --to self
ok "notice 10" notice 10 --date 2026-11-24 --to self

ok "eligible today" eligible --as-of 2026-11-24
expect_eq "nobody may flow during the waiting month" "" "$OUT"
ok "eligible 2027-06-01" eligible --as-of 2027-06-01
expect_eq "eligible 2027-06-01" "10
201
202
203
205
301
302
601
9" "$OUT"
ok "eligible 2028-03-01" eligible --as-of R10.3.1
expect_match "eligible in era form (R10 = 2028) has 204" "^204$" "$OUT"

finish
