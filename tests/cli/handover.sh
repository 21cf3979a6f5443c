#!/bin/sh
# Issue 10, the hand-over: the operator registry, `check` of a list,
# provision records refused whole, deletion requests forwarded to every
# operator that received the data. Today is 2026-11-24 (tests/lib.sh).
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック"

# ---- operators ---------------------------------------------------------------
ok "operator add" operator add --name "一般社団法人ライフデータイニシアティブ" --kind anonymized
expect_eq "operator add prints the new ID" "1" "$OUT"
ok "second operator" operator add --name "J-MIMO" --kind pseudonymized --address "東京都千代田区"
expect_eq "second ID" "2" "$OUT"
ok "third operator" operator add --name "Old Op" --kind anonymized
bad_input "operator kind checked" --kind operator add --name X --kind secret
bad_input "operator name required" --name operator add --kind anonymized
ok "retire 3" operator retire 3
bad_input "retire twice" ID operator retire 3
bad_input "retire unknown" ID operator retire 99
ok "operator list" operator list
expect_eq "operator list" "1	anonymized	active	一般社団法人ライフデータイニシアティブ	
2	pseudonymized	active	J-MIMO	東京都千代田区
3	anonymized	retired	Old Op	" "$OUT"

# The notice lists every active operator, and not the retired one.
if command -v pdftotext >/dev/null 2>&1; then
	ok "patient for the notice" patient add --no 900 --name "印刷 太郎" --kana "インサツ タロウ" --birth 1970-01-01
	ok "template accept" template accept --material --note "operators"
	ok "notice 900" notice 900 --date 2026-11-24 --to self
	ref=${OUT%% *}
	ok "print the notice" print notice "$ref" -o "$TEST_TMP/n.pdf"
	txt=$(pdftotext -layout "$TEST_TMP/n.pdf" - | tr -d ' ')
	expect_contains "notice lists operator 1" "一般社団法人ライフデータイニシアティブ" "$txt"
	expect_contains "notice lists operator 2" "J-MIMO" "$txt"
	expect_no_match "notice leaves out the retired operator" "OldOp" "$txt"
else
	skip "pdftotext missing: the notice's operator list is not read back"
fi

# ---- patients in every state on 2026-11-24 ----------------------------------
add() { ok "add $1" patient add --no "$1" --name "$2" --kana "$3" --birth "$4" --not-duplicate; }
add 1 "山田 太郎" "ヤマダ タロウ" 1980-01-01
add 2 "山田 花子" "ヤマダ ハナコ" 1981-02-02
add 3 "佐藤 一" "サトウ ハジメ" 1982-03-03
add 4 "鈴木 二郎" "スズキ ジロウ" 1950-04-04
add 5 "田中 三郎" "タナカ サブロウ" 1983-05-05
add 6 "田中 三郎" "タナカ サブロウ" 1983-05-05
for n in 1 2 3 4 6; do
	OPTOUT_DESK_TODAY=2026-10-01 ok "notice $n" notice $n --date 2026-10-01 --to self
done
ok "notice 5 today" notice 5 --date 2026-11-24 --to self
OPTOUT_DESK_TODAY=2026-11-01 ok "stop 2" refuse 2 --date 2026-11-01 --by self --channel desk --id-check license
OPTOUT_DESK_TODAY=2026-11-02 ok "4 died" patient set 4 --died 2026-11-02
OPTOUT_DESK_TODAY=2026-11-03 ok "bereaved object for 4" refuse 4 --date 2026-11-03 --by bereaved \
	--name "鈴木 花" --relationship spouse --channel desk --id-check license
ok "merge 6 into 1" patient merge 6 1 --reason "same person"

# ---- check -------------------------------------------------------------------
printf '\357\273\277患者番号,氏名\n1,山田\n"2",x\n\n3\n４\n5\n6\n77\nAB!\n' >"$TEST_TMP/list.csv"
ok "check a CSV" check --as-of 2026-11-24 "$TEST_TMP/list.csv"
expect_eq "one line per input line, in order" "1,may-flow,2026-11-02,notified 2026-10-01
2,stopped,,stop received 2026-11-01 from self
,invalid,,blank line
3,may-flow,2026-11-02,notified 2026-10-01
4,deceased-objected,,stop received 2026-11-03 from bereaved
5,waiting,2026-12-25,notified 2026-11-24; waiting period
6,may-flow,2026-11-02,notified 2026-10-01; merged into 1
77,unknown,,not registered at the desk
AB!,invalid,,not a patient number" "$OUT"
ok "check --only-eligible" check --as-of 2026-11-24 --only-eligible "$TEST_TMP/list.csv"
expect_eq "only the numbers that may flow" "1
3
6" "$OUT"
printf '3\n2\n' >"$TEST_TMP/two.txt"
ok "check from stdin, one number a line" check --as-of 2026-10-15 <"$TEST_TMP/two.txt"
expect_eq "stdin list on an earlier date" "3,waiting,2026-11-02,notified 2026-10-01; waiting period
2,waiting,2026-11-02,notified 2026-10-01; waiting period" "$OUT"
ok "check --format json" check --as-of 2026-11-24 --format json "$TEST_TMP/list.csv"
expect_contains "json: may-flow with its date" '{"line":2,"number":"1","status":"may-flow","from":"2026-11-02","reason":"notified 2026-10-01","patient":"1"}' "$OUT"
expect_contains "json: merged number answers for its patient" '"number":"6","status":"may-flow","from":"2026-11-02","reason":"notified 2026-10-01; merged into 1","patient":"1"' "$OUT"
expect_contains "json: unknown" '"number":"77","status":"unknown"' "$OUT"
printf '%s' "$OUT" >"$TEST_TMP/check.json"
if command -v node >/dev/null 2>&1; then
	n=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).length)' "$TEST_TMP/check.json")
	expect_eq "json is one array of every input line" "9" "$n"
fi
bad_input "check needs --as-of" --as-of check "$TEST_TMP/list.csv"
bad_input "check: unreadable file" FILE check --as-of 2026-11-24 "$TEST_TMP/none.csv"
bad_input "check: unknown format" --format check --as-of 2026-11-24 --format xml "$TEST_TMP/list.csv"

# ---- provide -----------------------------------------------------------------
SUM=$(db_sum)
run_desk provide --operator 1 --date 2026-11-24 --items "病名,処方" "$TEST_TMP/list.csv"
expect_rc "provide with offenders is refused whole" 2
expect_eq "refused provide: no stdout" "" "$OUT"
expect_contains "offender: the stopped patient" "line 3: 2,stopped,,stop received 2026-11-01 from self" "$ERR"
expect_contains "offender: the waiting patient" "line 7: 5,waiting,2026-12-25" "$ERR"
expect_contains "offender: unknown number" "line 9: 77,unknown" "$ERR"
expect_contains "offender: blank line" "line 4: ,invalid,,blank line" "$ERR"
expect_no_match "a patient who may flow is no offender" "line 2: 1," "$ERR"
expect_contains "says nothing was recorded" "nothing was recorded" "$ERR"
expect_eq "refused provide writes nothing" "$SUM" "$(db_sum)"
ok "no provisions yet" provisions
expect_eq "no provisions" "" "$OUT"

printf '1\n3\n6\n' >"$TEST_TMP/ok.txt"
ok "provide to operator 1" provide --operator 1 --date 2026-11-20 --items "病名,処方" "$TEST_TMP/ok.txt"
expect_eq "provide prints the provision ID" "1" "$OUT"
printf '1\n' >"$TEST_TMP/one.txt"
ok "provide to operator 2 from stdin" provide --operator 2 --date 2026-11-21 - <"$TEST_TMP/one.txt"
expect_eq "second provision" "2" "$OUT"
bad_input "provide to a retired operator" --operator provide --operator 3 --date 2026-11-24 "$TEST_TMP/ok.txt"
bad_input "provide to an unknown operator" --operator provide --operator 9 --date 2026-11-24 "$TEST_TMP/ok.txt"
bad_input "provide dated after today" --date provide --operator 1 --date 2026-11-25 "$TEST_TMP/ok.txt"
bad_input "provide of an empty list" FILE provide --operator 1 --date 2026-11-24 - </dev/null
bad_input "provide before the patients may flow" FILE provide --operator 1 --date 2026-10-15 "$TEST_TMP/ok.txt"

ok "provisions" provisions
expect_match "provision 1 listed (6 merged into 1: one patient)" "^1	2026-11-20	1	一般社団法人ライフデータイニシアティブ	2	病名,処方	tester	" "$OUT"
expect_match "provision 2 listed" "2	2026-11-21	2	J-MIMO	1		tester	" "$OUT"
ok "provisions --from" provisions --from 2026-11-21
expect_no_match "--from leaves out earlier ones" "^1	" "$OUT"
ok "provisions show 1" provisions show 1
expect_contains "show lists patient 1" "1	1	山田 太郎" "$OUT"
expect_contains "show lists patient 3" "3	3	佐藤 一" "$OUT"
bad_input "provisions show unknown" ID provisions show 7
ok "patient show 1" patient show 1
expect_contains "patient show: provided to operator 2" "provided to J-MIMO on 2026-11-21 (provision 2)" "$OUT"
expect_contains "patient show: provided to operator 1" "provided to 一般社団法人ライフデータイニシアティブ on 2026-11-20 (provision 1)" "$OUT"

# Append-only: the records cannot be changed behind the desk's back.
if command -v sqlite3 >/dev/null 2>&1; then
	set +e
	sqlite3 "$OPTOUT_DESK_DB" "DELETE FROM provisions" 2>/dev/null; rc1=$?
	sqlite3 "$OPTOUT_DESK_DB" "UPDATE provision_patients SET number = 'X'" 2>/dev/null; rc2=$?
	set -e
	expect_match "provisions cannot be deleted" "^[1-9]" "$rc1"
	expect_match "provided patients cannot be changed" "^[1-9]" "$rc2"
fi

# ---- deletion requests to forward -------------------------------------------
ok "stop without deletion for 3" refuse 3 --date 2026-11-24 --by self --channel desk --id-check license
ok "no forwards for a stop without deletion" forwards
expect_eq "no forwards" "" "$OUT"
ok "stop with deletion for 1" refuse 1 --date 2026-11-24 --by self --channel phone --id-check none --delete-provided
ref=$OUT
ok "forwards --pending" forwards --pending
expect_eq "one forward per operator that received the data" "1	pending	$ref	2026-11-24	1	1	一般社団法人ライフデータイニシアティブ	
2	pending	$ref	2026-11-24	1	2	J-MIMO	" "$OUT"
ok "forward done 1" forward done 1 --date 2026-11-24 --note "電話で連絡"
bad_input "forward done twice" ID forward done 1 --date 2026-11-24
bad_input "forward done dated after today" --date forward done 2 --date 2026-11-25
bad_input "forward done before the request" --date forward done 2 --date 2026-11-23
bad_input "forward done unknown" ID forward done 9 --date 2026-11-24
ok "forwards --pending after one done" forwards --pending
expect_eq "one pending left" "2	pending	$ref	2026-11-24	1	2	J-MIMO	" "$OUT"
ok "forwards" forwards
expect_contains "done with its date and note" "1	done 2026-11-24	$ref	2026-11-24	1	1	一般社団法人ライフデータイニシアティブ	電話で連絡" "$OUT"
# The deletion request added on top of the stop in effect (3) forwards too.
ok "provisions before: 3 was provided by 1" provisions show 1
ok "deletion added to the stop of 3" refuse 3 --date 2026-11-24 --by self --channel desk --id-check license --delete-provided
ok "forwards --pending" forwards --pending
expect_match "the addition forwards to operator 1" "^3	pending	R-[0-9A-Z]{4}-[0-9A-Z]{4}	2026-11-24	3	1	" "$OUT"

finish
