#!/bin/sh
# One person, one true state (issue 8): the same person under two numbers,
# numbers compared after normalisation, merges, changes of particulars with
# their old values, requests that contradict the record, the clinic's own
# today, no future dates, back-dated entries, voids, and searching as staff
# type. Today is 2026-11-24 (tests/lib.sh) unless a step says otherwise.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック" --phone 03-1234-5678 --url "https://example.jp/optout?ref={{ref}}"
REF='[A-Z]-[0-9A-Z]{4}-[0-9A-Z]{4}'

# ---- the same person twice ------------------------------------------------------
ok "add 1001" patient add --no 1001 --name "山田 花子" --kana "ヤマダ ハナコ" --birth H30.4.1 --sex f
SUM=$(db_sum)
run_desk patient add --no 1005 --name "山田 花子" --kana "ヤマダ ハナコ" --birth H30.4.1
expect_rc "the same kana and birth date under another number is refused" 2
expect_contains "the existing number is named" "1001" "$ERR"
expect_contains "the override is named" "--not-duplicate" "$ERR"
expect_eq "nothing written" "$SUM" "$(db_sum)"
run_desk patient add --no 1006 --name "山田 花子" --kana "ヤマダ ハルコ" --birth 2018-04-01
expect_rc "the same name and birth date (other kana) is refused" 2
expect_contains "names 1001 again" "1001" "$ERR"
ok "registered anyway when staff say it is someone else" \
	patient add --no 1005 --name "山田 花子" --kana "ヤマダ ハナコ" --birth H30.4.1 --not-duplicate
ok "show 1005" patient show 1005
expect_contains "the override is recorded with the number told apart" "1001" "$OUT"

# ---- numbers after normalisation --------------------------------------------------
ok "add 0001" patient add --no 0001 --name "一 太郎" --kana "イチ タロウ" --birth 1980-01-01
expect_contains "kept as the card shows it" "0001" "$OUT"
bad_input "01 is the same number as 0001" --no patient add --no 01 --name "別 人" --kana "ベツ ジン" --birth 1981-01-01
bad_input "full-width １ is the same number" --no patient add --no １ --name "別 人" --kana "ベツ ジン" --birth 1981-01-01
ok "add ABC-1" patient add --no ABC-1 --name "英 字" --kana "エイ ジ" --birth 1982-01-01
bad_input "abc-1 is ABC-1" --no patient add --no abc-1 --name "別 人" --kana "ベツ ジン" --birth 1981-01-01
ok "status 1 finds 0001" status 1
ok "status ｱbc-1 in full width finds ABC-1" status ＡＢＣ－１
ok "show abc-1" patient show abc-1
expect_contains "shown under the registered number" "ABC-1" "$OUT"
ok "the clinic's width" init --number-width 8
ok "add 42 with the width" patient add --no 42 --name "四十 二" --kana "シジュウ ニ" --birth 1983-01-01
expect_contains "padded the way the receipt computer prints it" "00000042" "$OUT"
ok "status 0042" status 0042
ok "no width again" init --number-width 0
bad_input "a width that is not a number" --number-width init --number-width wide

# ---- merging two records of one person -----------------------------------------------
OPTOUT_DESK_TODAY=2026-11-20 ok "stop on 1001" refuse 1001 --date 2026-11-20 --by guardian \
	--name "山田 一" --relationship parent --channel desk --id-check insurance
ok "notice on 1005" notice 1005 --date 2026-11-24 --to guardian --recipient "山田 一" --relationship parent
ok "1005 before merging" status 1005
expect_match "1005 alone is waiting: the stop on 1001 does not cover it" "^waiting " "$OUT"
bad_input "merge needs a reason" --reason patient merge 1005 1001
ok "merge 1005 into 1001" patient merge 1005 1001 --reason "同一人物（保険証で確認）"
ok "status 1005 after merging" status 1005
expect_match "the stop on 1001 now covers 1005" "^stopped 2026-11-20 guardian" "$OUT"
expect_contains "the old number says where it went" "1001" "$ERR"
ok "find the old number" patient find 1005
expect_match "searching 1005 finds 1001" "^1001	" "$OUT"
ok "show 1001" patient show 1001
expect_contains "the merge is in the history" "1005" "$OUT"
bad_input "merging again is refused" "patient numbers" patient merge 1001 1001 --reason "x"
ok "eligible does not list a merged number" eligible --as-of 2027-06-01
expect_no_match "no 1005 in the pipeline's list" "^1005$" "$OUT"

# ---- changes of particulars are events with the old value ------------------------------
ok "add 2001" patient add --no 2001 --name "佐藤 花子" --kana "サトウ ハナコ" --birth 1990-05-05
ok "change the name" patient set 2001 --name "鈴木 花子" --kana "スズキ ハナコ"
ok "show 2001" patient show 2001
expect_contains "the new name" "鈴木 花子" "$OUT"
expect_contains "the old name stays in the history" "佐藤 花子 → 鈴木 花子" "$OUT"
expect_contains "the old kana too" "サトウ ハナコ → スズキ ハナコ" "$OUT"
ok "find by the new kana" patient find スズキ
expect_match "found" "^2001	" "$OUT"
bad_input "a birth date in the future" --birth patient set 2001 --birth 2030-01-01

# ---- requests that contradict the record ------------------------------------------------
ok "add 3001" patient add --no 3001 --name "田中 一郎" --kana "タナカ イチロウ" --birth 1970-01-01
ok "notice 3001" notice 3001 --date 2026-10-01 --to self --confirm-backdated
SUM=$(db_sum)
run_desk withdraw 3001 --date 2026-11-24 --by self --channel desk --id-check insurance
expect_rc "a withdrawal of nothing is refused" 2
expect_contains "and says why" "No stop is in effect" "$ERR"
expect_eq "a withdrawal of nothing is never stored" "$SUM" "$(db_sum)"
ok "stop 3001" refuse 3001 --date 2026-11-24 --by self --channel phone --id-check none
STOP=$OUT
run_desk refuse 3001 --date 2026-11-24 --by self --channel desk --id-check insurance
expect_rc "a second stop is refused" 2
expect_contains "naming the stop in effect" "$STOP" "$ERR"
ok "a deletion request on top is the one addition" refuse 3001 --date 2026-11-24 --by self \
	--channel desk --id-check insurance --delete-provided
expect_contains "recorded as an addition" "addition" "$ERR"
run_desk refuse 3001 --date 2026-11-24 --by self --channel desk --id-check insurance --delete-provided
expect_rc "a second deletion request is refused too" 2
ok "show 3001" patient show 3001
expect_contains "the addition is marked in the history" "added to the stop" "$OUT"

# A stray withdrawal no longer cancels a back-dated stop entered after it.
ok "add 3002" patient add --no 3002 --name "田中 次郎" --kana "タナカ ジロウ" --birth 1970-02-02
ok "notice 3002" notice 3002 --date 2026-09-01 --to self --confirm-backdated
run_desk withdraw 3002 --date 2026-11-20 --by self --channel desk --id-check insurance
expect_rc "the stray withdrawal is refused" 2
ok "a back-dated stop" refuse 3002 --date 2026-11-01 --by self --channel post --id-check none --confirm-backdated
ok "status 3002" status 3002
expect_match "the back-dated stop holds" "^stopped 2026-11-01" "$OUT"
# ... and a withdrawal between may not strand a later one.
OPTOUT_DESK_TODAY=2026-11-22 ok "withdraw 3002 on the 22nd" withdraw 3002 --date 2026-11-22 --by self \
	--channel desk --id-check insurance
run_desk withdraw 3002 --date 2026-11-10 --by self --channel desk --id-check insurance --confirm-backdated
expect_rc "an earlier withdrawal that would strand the later one is refused" 2
expect_contains "names the later withdrawal's problem" "later withdrawal" "$ERR"

# ---- a notice while a stop is in effect promises no date -----------------------------------
ok "notice 3001 while stopped" notice 3001 --date 2026-11-24 --to self
expect_match "no flow date is printed" "^$REF -$" "$OUT"
expect_contains "and the reason is said" "stop is in effect" "$ERR"

# ---- no event after today ------------------------------------------------------------------
ok "add 4001" patient add --no 4001 --name "未来 太郎" --kana "ミライ タロウ" --birth 1960-01-01
SUM=$(db_sum)
bad_input "a refusal typed as 2062" --date refuse 4001 --date 2062-11-25 --by self --channel desk --id-check insurance
bad_input "a notice tomorrow" --date notice 4001 --date 2026-11-25 --to self
bad_input "a death tomorrow" --died patient set 4001 --died 2026-11-25
bad_input "capacity from tomorrow" --date patient set 4001 --unable-to-decide "理由" --date 2026-11-25
ok "a withdrawal after a stop" refuse 4001 --date 2026-11-24 --by self --channel desk --id-check insurance
bad_input "a withdrawal tomorrow" --date withdraw 4001 --date 2026-11-25 --by self --channel desk --id-check insurance

# ---- back-dated entries say what they change ------------------------------------------------
ok "add 5001" patient add --no 5001 --name "過去 花子" --kana "カコ ハナコ" --birth 1960-01-01
ok "notice 5001 long ago" notice 5001 --date 2026-06-01 --to self --confirm-backdated
SUM=$(db_sum)
run_desk refuse 5001 --date 2026-09-01 --by self --channel post --id-check none
expect_rc "a back-dated stop that changes past dates needs confirming" 2
expect_contains "names the first date that changes" "2026-09-01" "$ERR"
expect_contains "old and new status" "May flow" "$ERR"
expect_contains "the way on" "--confirm-backdated" "$ERR"
expect_eq "nothing written" "$SUM" "$(db_sum)"
ok "recorded when confirmed" refuse 5001 --date 2026-09-01 --by self --channel post --id-check none --confirm-backdated
VOID_ME=$OUT

# ---- voids ------------------------------------------------------------------------------------
bad_input "void needs a reason" --reason void "$VOID_ME"
run_desk void "$VOID_ME" --reason "患者違い"
expect_rc "voiding a back-dated stop changes past dates too" 2
ok "void when confirmed" void "$VOID_ME" --reason "患者違い" --confirm-backdated
ok "status 5001 after the void" status 5001
expect_match "the voided stop no longer counts" "^may-flow " "$OUT"
ok "show 5001" patient show 5001
expect_contains "the voided entry stays in the history" "$VOID_ME" "$OUT"
expect_contains "marked as voided with the reason" "患者違い" "$OUT"
bad_input "voiding twice" "reference" void "$VOID_ME" --reason "again"
bad_input "voiding nothing" "reference" void N-0000-0000 --reason "x"
# a stop with a later withdrawal cannot be voided first
ok "add 5002" patient add --no 5002 --name "過去 次郎" --kana "カコ ジロウ" --birth 1960-02-02
OPTOUT_DESK_TODAY=2026-11-01 ok "stop 5002" refuse 5002 --date 2026-11-01 --by self --channel desk --id-check insurance
S2=$OUT
OPTOUT_DESK_TODAY=2026-11-10 ok "withdraw 5002" withdraw 5002 --date 2026-11-10 --by self --channel desk --id-check insurance
bad_input "voiding a stop that a withdrawal answers" "reference" void "$S2" --reason "x" --confirm-backdated
# a death recorded in error, voided by its event number
OPTOUT_DESK_TODAY=2026-11-20 ok "death in error" patient set 5002 --died 2026-11-20
ok "show 5002" patient show 5002
EV=$(printf '%s\n' "$OUT" | grep -E -e "died|亡" | grep -Eo '#[0-9]+' | head -1)
expect_match "the history shows event numbers" "^#[0-9]+$" "$EV"
ok "void the death" void "$EV" --reason "別の患者の記録" --confirm-backdated
ok "show 5002 after" patient show 5002
expect_no_match "no longer deceased" "^Deceased:" "$OUT"

# ---- searching as staff type ---------------------------------------------------------------------
ok "add 髙橋" patient add --no 6001 --name "髙橋 﨑子" --kana "タカハシ サキコ" --birth 1975-03-03
ok "find 高橋 finds 髙橋" patient find 高橋
expect_match "variant kanji" "^6001	" "$OUT"
ok "find 崎子 finds 﨑子" patient find 崎子
expect_match "given name with a variant kanji" "^6001	" "$OUT"
ok "find by given name in kana" patient find サキコ
expect_match "given name alone" "^6001	" "$OUT"
ok "find by a kanji era date" patient find 昭和50年3月3日
expect_match "era date in kanji" "^6001	" "$OUT"
ok "find by full-width digits" patient find "昭和５０年３月３日"
expect_match "full-width era date" "^6001	" "$OUT"
ok "add with a 令和元年 birth" patient add --no 6002 --name "令和 元" --kana "レイワ ハジメ" --birth 令和元年5月1日
ok "show 6002" patient show 6002
expect_contains "令和元年 read" "2019-05-01" "$OUT"

finish
