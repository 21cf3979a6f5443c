#!/bin/sh
# Issue 13, the office's worklists: `worklist not-notified|renotice|
# duplicates|forwards`, each with people who belong on it and people who
# do not. Today is 2026-11-24 (tests/lib.sh); each event is recorded on its
# own day (on) so that nothing is back-dated.
. "$top_srcdir/tests/lib.sh"

on() { _d=$1; shift; OPTOUT_DESK_TODAY=$_d ok "$* (on $_d)" "$@"; }
add() { ok "add $1" patient add --no "$1" --name "$2" --kana "$3" --birth "$4"; }
csv() { ok "worklist $*" worklist "$@" --format csv; }

ok "init" init --clinic "テスト内科クリニック"

# ---- notices under the first version of the notice -------------------------
add 15 "版古 一" "ハンフル ハジメ" 1970-01-15
add 16 "版古 取消" "ハンフル トリケシ" 1970-01-16
add 17 "版古 停止" "ハンフル テイシ" 1970-01-17
on 2026-10-01 notice 15 --date 2026-10-01 --to self
on 2026-10-01 notice 16 --date 2026-10-01 --to self
VOID16=${OUT%% *}
on 2026-10-01 notice 17 --date 2026-10-01 --to self
on 2026-10-02 void "$VOID16" --reason "患者違い"
on 2026-10-05 refuse 17 --date 2026-10-05 --by self --channel desk --id-check license

# A material change: the notices above no longer count.
on 2026-10-10 operator add --name "新事業者" --kind pseudonymized
on 2026-10-10 template accept --material --note "新しい事業者"

# ---- not-notified: the day's visitors without a valid notice ---------------
add 1 "通知 済子" "ツウチ スミコ" 1980-01-01
add 2 "未通 知男" "ミツウ シリオ" 1980-01-02
add 3 "取消 三郎" "トリケシ サブロウ" 1980-01-03
add 4 "停止 四郎" "テイシ シロウ" 1980-01-04
add 5 "来院 無子" "ライイン ナシコ" 1980-01-05
add 6 "先週 六子" "センシュウ ロクコ" 1980-01-06
on 2026-10-20 notice 1 --date 2026-10-20 --to self
on 2026-10-20 notice 3 --date 2026-10-20 --to self
VOID3=${OUT%% *}
on 2026-10-21 void "$VOID3" --reason "別の方に記録"
on 2026-10-22 refuse 4 --date 2026-10-22 --by self --channel phone --id-check none
cat >"$TEST_TMP/today.csv" <<'CSV'
患者番号,受付時間,診療科
3,10:00,内科
2,09:40,"=HYPERLINK(""x"")"
1,09:30,内科
15,11:00,外科
4,11:30,外科
2,14:00,外科
CSV
ok "today's reception list" import visits "$TEST_TMP/today.csv"
printf '患者番号,受付時間\n6,08:00\n' >"$TEST_TMP/last.csv"
on 2026-11-20 import visits "$TEST_TMP/last.csv" --date 2026-11-20

csv not-notified
expect_eq "today's visitors without a valid notice, in arrival order, each once" \
"date,time,number,name,kana,birth,department,status
2026-11-24,09:40,2,未通 知男,ミツウ シリオ,1980-01-02,\"'=HYPERLINK(\"\"x\"\")\",not-notified
2026-11-24,10:00,3,取消 三郎,トリケシ サブロウ,1980-01-03,内科,not-notified
2026-11-24,11:00,15,版古 一,ハンフル ハジメ,1970-01-15,外科,needs-re-notice" "$(printf '%s' "$OUT" | tr -d '\r')"
expect_no_match "a visitor with a notice is not listed" ",1,通知 済子" "$OUT"
expect_no_match "a visitor whose stop is in force is not listed" "停止 四郎" "$OUT"
expect_no_match "a patient who did not come today is not listed" "来院 無子" "$OUT"
csv not-notified --date 2026-11-20
expect_contains "--date: that day's visitors" "2026-11-20,08:00,6,先週 六子" "$OUT"
expect_no_match "--date: not today's" "未通 知男" "$OUT"
ok "the table" worklist not-notified
expect_match "table header" "^Date +Time +Number +Name +Kana +Birth date +Department +State" "$OUT"
expect_match "table row" "2026-11-24 +10:00 +3 +取消 三郎 +トリケシ サブロウ +1980-01-03 +内科 +Not notified" "$OUT"
# Columns line up by display width: the state column starts at the same
# terminal column on every line, whatever the width of the names.
cols=$(printf '%s\n' "$OUT" | while IFS= read -r line; do
	pre=${line%%Not notified*}
	[ "$pre" != "$line" ] && printf '%s' "$pre" | python3 -c 'import sys,unicodedata; s=sys.stdin.read(); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))'
done | sort -u | wc -l)
expect_eq "the state column is aligned" "1" "$(echo $cols)"

# ---- renotice ----------------------------------------------------------------
add 10 "十六 歳男" "ジュウロク トシオ" 2010-11-01
add 11 "十五 歳子" "ジュウゴ トシコ" 2011-01-01
add 12 "本人 済男" "ホンニン スミオ" 2010-11-10
add 13 "回復 太郎" "カイフク タロウ" 1950-01-13
add 14 "代理 継続" "ダイリ ケイゾク" 1950-01-14
guardian() { on "$2" notice "$1" --date "$2" --to guardian --recipient "親 一" --relationship parent; }
guardian 10 2026-10-12
guardian 11 2026-10-12
guardian 12 2026-10-12
on 2026-11-10 notice 12 --date 2026-11-10 --to self
on 2026-10-11 patient set 13 --unable-to-decide "意識障害" --date 2026-10-11
on 2026-10-11 patient set 14 --unable-to-decide "認知症" --date 2026-10-11
on 2026-10-12 notice 13 --date 2026-10-12 --to representative --recipient "代理 一" --relationship child
on 2026-10-12 notice 14 --date 2026-10-12 --to representative --recipient "代理 二" --relationship child
on 2026-11-15 patient set 13 --able --date 2026-11-15

csv renotice
expect_eq "who must be told again, by number" \
"number,name,kana,birth,reason,since,status
10,十六 歳男,ジュウロク トシオ,2010-11-01,turned-16,2026-11-01,may-flow
13,回復 太郎,カイフク タロウ,1950-01-13,able-again,2026-11-15,may-flow
15,版古 一,ハンフル ハジメ,1970-01-15,version,2026-10-01,needs-re-notice" "$(printf '%s' "$OUT" | tr -d '\r')"
expect_no_match "a 15-year-old notified via a guardian is not listed" "十五 歳子" "$OUT"
expect_no_match "told in person since turning 16: not listed" "本人 済男" "$OUT"
expect_no_match "still unable to decide: not listed" "代理 継続" "$OUT"
expect_no_match "a voided notice does not count (not notified at all)" "版古 取消" "$OUT"
expect_no_match "a stop in force: not listed" "版古 停止" "$OUT"
csv renotice --date 2026-10-31
expect_no_match "before the 16th birthday the child is not listed" "十六 歳男" "$OUT"
expect_no_match "before being marked able the patient is not listed" "回復 太郎" "$OUT"
# Told again: off the list.
ok "notice 10 in person" notice 10 --date 2026-11-24 --to self
ok "notice 15 under the new version" notice 15 --date 2026-11-24 --to self
csv renotice
expect_no_match "10 told in person" "十六 歳男" "$OUT"
expect_no_match "15 told again" "版古 一" "$OUT"
expect_contains "13 still to tell" "回復 太郎" "$OUT"
ok "renotice table" worklist renotice
expect_contains "the reason in words" "notified through a representative; able to decide since" "$OUT"

# ---- duplicates ----------------------------------------------------------------
ok "duplicates: none yet" worklist duplicates --format csv
expect_eq "only the header" "number,name,kana,birth,other_number,other_name,other_kana,other_birth" "$(printf '%s' "$OUT" | tr -d '\r')"
add 20 "重複 一" "ジュウフク ハジメ" 1990-02-20
ok "21: the same person, told apart" patient add --no 21 --name "重複 壱" --kana "ジュウフク ハジメ" --birth 1990-02-20 --not-duplicate
add 22 "重複 一" "ジュウフク ハジメ" 1990-02-21
csv duplicates
expect_eq "the pair with the same kana and birth date" \
"number,name,kana,birth,other_number,other_name,other_kana,other_birth
20,重複 一,ジュウフク ハジメ,1990-02-20,21,重複 壱,ジュウフク ハジメ,1990-02-20" "$(printf '%s' "$OUT" | tr -d '\r')"
ok "merge 21 into 20" patient merge 21 20 --reason "同一人物"
csv duplicates
expect_no_match "merged: no longer a pair" "^20," "$(printf '%s' "$OUT" | tr -d '\r')"

# ---- forwards ---------------------------------------------------------------------
printf '1\n10\n' >"$TEST_TMP/provide.txt"
ok "provide 1 and 10" provide --operator 1 --date 2026-11-24 "$TEST_TMP/provide.txt"
csv forwards
expect_eq "nothing to forward yet" "id,request,request_date,number,operator_id,operator,created_at" "$(printf '%s' "$OUT" | tr -d '\r')"
ok "1 asks for deletion" refuse 1 --date 2026-11-24 --by self --channel desk --id-check license --delete-provided
R1=${OUT%% *}
ok "10 stops without deletion" refuse 10 --date 2026-11-24 --by self --channel desk --id-check license
csv forwards
expect_match "the deletion request to forward" "^1,$R1,2026-11-24,1,1,新事業者,2026-" "$(printf '%s' "$OUT" | tr -d '\r' | sed -n 2p)"
expect_eq "one forward only" "2" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
ok "forward done" forward done 1 --date 2026-11-24
csv forwards
expect_eq "done: off the list" "1" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
ok "forwards table, empty" worklist forwards
expect_contains "says so" "Nobody is on this list." "$OUT"

# ---- Japanese ------------------------------------------------------------------------
ok "in Japanese" --lang ja worklist renotice
expect_contains "Japanese header" "患者番号" "$OUT"
expect_contains "Japanese reason" "代理人に通知" "$OUT"

# ---- bad input -----------------------------------------------------------------------
bad_input "no list" "list" worklist
bad_input "unknown list" "list" worklist everyone
bad_input "a date for duplicates" "--date" worklist duplicates --date 2026-11-24
bad_input "a bad date" "--date" worklist not-notified --date 2026-02-30
bad_input "a bad format" "--format" worklist forwards --format xml
bad_input "extra argument" "extra" worklist forwards extra

finish
