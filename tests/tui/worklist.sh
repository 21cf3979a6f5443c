#!/bin/sh
# Issue 13 at the desk: the worklists screen (F9 from the search screen),
# its counts in the search screen's header, a row opening its patient,
# "told" on a deletion request to forward, the merge of a duplicate pair;
# and issue 10's desk lines: "provided to" on the patient screen, and the
# stop form naming the operators that will have to be told.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

on() { _d=$1; shift; OPTOUT_DESK_TODAY=$_d "$DESK" "$@" >/dev/null; }
init_clinic
"$DESK" operator add --name "J-MIMO" --kind pseudonymized >/dev/null
"$DESK" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1980-01-01 >/dev/null
"$DESK" patient add --no 2 --name "佐藤 花子" --kana "サトウ ハナコ" --birth 1980-01-02 >/dev/null
"$DESK" patient add --no 3 --name "佐藤 華子" --kana "サトウ ハナコ" --birth 1980-01-02 --not-duplicate >/dev/null
"$DESK" patient add --no 4 --name "来院 済子" --kana "ライイン スミコ" --birth 1980-01-04 >/dev/null
"$DESK" patient add --no 10 --name "子供 一" --kana "コドモ ハジメ" --birth 2010-11-01 >/dev/null
on 2026-05-01 notice 10 --date 2026-05-01 --to guardian --recipient "親 一" --relationship parent
on 2026-10-01 notice 1 --date 2026-10-01 --to self
on 2026-10-01 notice 4 --date 2026-10-01 --to self
printf '1\n' >"$TEST_TMP/provide.txt"
on 2026-11-20 provide --operator 1 --date 2026-11-20 --items "病名" "$TEST_TMP/provide.txt"
on 2026-11-22 refuse 1 --date 2026-11-22 --by self --channel desk --id-check license --delete-provided
printf '患者番号,受付時間,診療科\n2,09:30,内科\n4,09:35,内科\n' >"$TEST_TMP/visits.csv"
"$DESK" import visits "$TEST_TMP/visits.csv" >/dev/null

start_desk d 100 30
expect_screen "the counts in the search header" d \
	"作業一覧(F9):  未通知の来院者 1  再通知が必要な方 1  同一人物の可能性 1  削除依頼の未連絡 1"

# Another desk saves: the header counts again without a key pressed.
printf '患者番号,受付時間\n3,10:00\n' >"$TEST_TMP/more.csv"
"$DESK" import visits "$TEST_TMP/more.csv" >/dev/null
expect_screen "the count follows another desk's change" d "未通知の来院者 2"

keys d F9
expect_screen "F9 opens the worklists" d "optout-desk: 作業一覧"
expect_screen "the tabs with their counts" d "1 未通知の来院者 (2)"
expect_screen "the visitor without a notice" d "09:30    2          佐藤 花子"
s=$(screen d)
expect_no_match "a visitor with a notice is not listed" "来院 済子" "$s"
keys d Enter
expect_screen "a row opens its patient" d "患者 2"
keys d Escape
expect_screen "back on the worklists" d "1 未通知の来院者 (2)"

keys d 2
expect_screen "renotice: the 16-year-old notified via a guardian" d "保護者に通知済み。その後16歳に達した"

keys d 4
expect_screen "the deletion request to forward" d "J-MIMO"
expect_screen "admins see the latest provisions" d "2026-11-20  提供記録 1  J-MIMO へ  1 名  病名"
expect_screen "the told key" d "F12連絡済み"
keys d F12
expect_screen "asks first" d "を本日 J-MIMO へ連絡したと記録しますか?"
keys d y
expect_screen "recorded as told" d "削除依頼の連絡 1 を連絡済みとして記録しました。"
expect_screen "off the list" d "4 削除依頼の未連絡 (0)"
out=$("$DESK" forwards)
expect_match "the same record as forward done" "^1	done 2026-11-24" "$out"

keys d 3
expect_screen "the duplicate pair" d "佐藤 華子 (サトウ ハナコ)"
keys d C-y
expect_screen "the merge form, the other record filled in" d "統合する記録の患者番号 * 3"
type_text d "同一人物"
keys d F12
expect_screen "asks once more" d "(y/n)"
keys d y
expect_screen "merged" d "3 同一人物の可能性 (0)"
out=$("$DESK" patient show 3 2>&1)
expect_contains "the same merge as patient merge" "patient 3 was merged into 2" "$out"

keys d Escape
expect_screen "back on the search" d "削除依頼の未連絡 0"
expect_screen "the merge counted on the search" d "同一人物の可能性 0"

# The patient screen: where the data went; the stop form: who to tell.
type_text d "ヤマダ"
expect_screen "found" d "山田 太郎"
keys d Enter
expect_screen "provided to" d "令和8年11月20日 (2026-11-20) に J-MIMO へ提供（提供記録 1）"
keys d F4
expect_screen "the stop form names the operator" d "データは J-MIMO へ提供済みです。削除を求められた場合はその事業者へ連絡が必要です。"
keys d Down Down Down Down Space
expect_screen "deletion asked: the operator will have to be told" d "削除の求めあり: J-MIMO へ連絡が必要です"
# ---- a clerk: the lists, but neither merge nor "told" (administrators') ----
"$DESK" patient add --no 30 --name "重複 一" --kana "ジュウフク ハジメ" --birth 1990-03-30 >/dev/null
"$DESK" patient add --no 31 --name "重複 壱" --kana "ジュウフク ハジメ" --birth 1990-03-30 --not-duplicate >/dev/null
printf '4\n' >"$TEST_TMP/provide4.txt"
on 2026-11-20 provide --operator 1 --date 2026-11-20 "$TEST_TMP/provide4.txt"
"$DESK" refuse 4 --date 2026-11-24 --by self --channel desk --id-check license --delete-provided >/dev/null
P="$TEST_TMP/pw"
mkdir -p "$P"
printf 'boss-secret-1\n' >"$P/boss"
printf 'kato-secret-1\n' >"$P/kato"
"$DESK" init --admin boss --admin-name "院長 一郎" --password-file "$P/boss" >/dev/null
"$DESK" --staff boss --password-file "$P/boss" staff add kato --name "加藤 花子" --role clerk --password-file "$P/kato" >/dev/null
start_desk c
expect_screen "the sign-in screen" c "ログインID"
type_text c "kato"; keys c Enter; type_text c "kato-secret-1"; keys c Enter
expect_screen "signed in" c "作業一覧(F9):"
keys c F9
expect_screen "a clerk sees the worklists" c "optout-desk: 作業一覧"
keys c 4
expect_screen "the forward" c "4 削除依頼の未連絡 (1)"
expect_not_screen "a clerk does not see the provisions" c "最近の提供記録"
keys c F12
expect_screen "a clerk may not record it as told" c "権限がありません"
out=$("$DESK" --staff boss --password-file "$P/boss" forwards --pending)
expect_match "still pending" "^2	pending" "$out"
keys c 3
expect_screen "the pair" c "重複 壱"
keys c C-y
expect_screen "a clerk may not merge" c "権限がありません"
expect_not_screen "no merge form" c "統合する記録の患者番号"
finish
