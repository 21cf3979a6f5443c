#!/bin/sh
# The fast `eligible` pass (store_eligible: tables walked in stored order,
# no per-patient query) must give exactly the patients for whom the
# one-patient path (store_elig_load + eligibility_on, what `status` and
# `check` use) says may-flow, on every date, over a population with every
# kind of event: notices under old and new material versions, notices to
# the wrong recipient kind for the age or capacity on their date, stops,
# withdrawals, deletion additions, voids, merges, capacity changes, deaths
# with the bereaved objecting, unknown birth dates.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック"
T() { OPTOUT_DESK_TODAY=$1; export OPTOUT_DESK_TODAY; }
q() { run_desk "$@"; }   # an entry the rules may refuse: that is part of the mix

i=0
while [ $i -lt 40 ]; do
	n=$((1000 + i))
	case $((i % 4)) in
	0) birth=1970-01-0$((i % 9 + 1)) ;;     # adult
	1) birth=2011-0$((i % 9 + 1))-15 ;;     # turns 16 during 2027
	2) birth=2010-0$((i % 6 + 1))-20 ;;     # turns 16 during 2026
	3) birth=1940-12-0$((i % 9 + 1)) ;;     # may die, may be unable
	esac
	T 2025-12-01
	ok "add $n" patient add --no $n --name "試験 $i" --kana "シケン" --birth $birth --not-duplicate
	i=$((i + 1))
done

# Phase 1: notices under the first version.
i=0
while [ $i -lt 40 ]; do
	n=$((1000 + i))
	T 2026-01-1$((i % 10))
	case $((i % 5)) in
	0|1) q notice $n --date 2026-01-1$((i % 10)) --to self ;;
	2) q notice $n --date 2026-01-1$((i % 10)) --to guardian --recipient "親 一" --relationship parent ;;
	3) ;;   # not notified before the new version
	4) q patient set $n --unable-to-decide "認知症" --date 2026-01-1$((i % 10))
	   q notice $n --date 2026-01-1$((i % 10)) --to representative --recipient "代理 二" --relationship child ;;
	esac
	i=$((i + 1))
done

# Some wrong-recipient notices (a child's own, the self of someone unable).
T 2026-02-01
for n in 1001 1002 1005 1006 1009 1013 1004; do q notice $n --date 2026-02-01 --to self; done

# A material change: only notices from now on count.
T 2026-03-01
ok "a new operator changes the notice items" operator add --name "新事業者" --kind pseudonymized
ok "material change" template accept --material --note "新しい事業者"

i=0
while [ $i -lt 40 ]; do
	n=$((1000 + i))
	T 2026-03-1$((i % 10))
	case $((i % 7)) in
	0|3) q notice $n --date 2026-03-1$((i % 10)) --to self ;;
	1) q notice $n --date 2026-03-1$((i % 10)) --to guardian --recipient "親 一" --relationship parent ;;
	2) q notice $n --date 2026-03-1$((i % 10)) --to representative --recipient "代理 二" --relationship child ;;
	esac
	i=$((i + 1))
done

# Stops, withdrawals, additions; capacity regained; deaths and the bereaved.
i=0
while [ $i -lt 40 ]; do
	n=$((1000 + i))
	case $((i % 6)) in
	0) T 2026-05-0$((i % 9 + 1)); q refuse $n --date 2026-05-0$((i % 9 + 1)) --by self --channel desk --id-check license ;;
	1) T 2026-05-10; q refuse $n --date 2026-05-10 --by guardian --name "親 一" --relationship parent --channel desk --id-check license --accept-mismatch
	   T 2026-07-01; q withdraw $n --date 2026-07-01 --by guardian --name "親 一" --relationship parent --channel desk --id-check license
	   q withdraw $n --date 2026-07-01 --by self --channel desk --id-check license ;;
	2) T 2026-06-01; q refuse $n --date 2026-06-01 --by self --channel phone --id-check none
	   T 2026-06-02; q refuse $n --date 2026-06-02 --by self --channel phone --id-check none --delete-provided ;;
	3) T 2026-06-15; q patient set $n --died 2026-06-15
	   if [ $((i % 4)) -eq 3 ]; then T 2026-07-15; q refuse $n --date 2026-07-15 --by bereaved --name "遺族 三" --relationship spouse --channel post --id-check insurance; fi ;;
	4) T 2026-08-01; q patient set $n --able ;;
	esac
	i=$((i + 1))
done

# Voids: a stop and a notice made in error.
T 2026-09-01
for n in 1006 1012 1003 1010; do
	ok "history $n" patient show $n
	ref=$(printf '%s\n' "$OUT" | grep -Eo '[NR]-[0-9A-Z]{4}-[0-9A-Z]{4}' | head -1)
	[ -n "$ref" ] && q void "$ref" --reason "誤登録" --confirm-backdated
done
# Merges: two records of one person.
T 2026-10-01
q patient merge 1020 1021 --reason "同一人物"
q patient merge 1033 1030 --reason "同一人物"
q patient merge 1036 1037 --reason "同一人物"
# An unknown birth date (a record of 0.1 without one).
if command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$OPTOUT_DESK_DB" "UPDATE patients SET birth = NULL WHERE number IN ('1038', '1039')"
fi

T 2026-11-24
for d in 2026-02-15 2026-05-20 2026-07-20 2026-11-24 2027-06-30; do
	ok "eligible on $d" eligible --as-of $d
	fast=$OUT
	slow=""
	i=0
	while [ $i -lt 40 ]; do
		n=$((1000 + i))
		run_desk status $n --as-of $d
		# A merged-away number answers for its patient: eligible lists
		# only the patient's own number.
		case "$n:$OUT" in
		1020:* | 1033:* | 1036:*) ;;
		*:may-flow*) slow="$slow$n
" ;;
		esac
		i=$((i + 1))
	done
	expect_eq "eligible on $d equals status of every patient" "$(printf '%s' "$slow")" "$fast"
	ok "check on $d" check --as-of $d --only-eligible - <<EOF2
$(printf '%s' "$fast")
EOF2
	expect_eq "check agrees on $d" "$fast" "$OUT"
done
# The mix really has every state in it.
all=""
for d in 2026-03-20 2026-07-20; do
	ok "check all on $d" check --as-of $d - <<EOF2
$(i=0; while [ $i -lt 40 ]; do echo $((1000 + i)); i=$((i + 1)); done)
EOF2
	all="$all$OUT"
done
for s in may-flow waiting stopped not-notified needs-re-notice deceased-objected; do
	expect_contains "population has $s" ",$s," "$all"
done
finish
