#!/bin/sh
# Under a Japanese locale people read Japanese, while the machine-readable
# output (state words, receipt numbers, the eligible list) stays the same.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック"
ok "add 1001" patient add --no 1001 --name "山田 太郎" --kana "ヤマダ タロウ" --birth S45.3.2
ok "notice 1001" notice 1001 --date 2026-11-24 --to self

if ! have_locale ja_JP.UTF-8; then
	skip "the ja_JP.UTF-8 locale is not installed (locale -a); run ./bootstrap.sh's locale step"
	# Even so, the C locale output must be the English of the contract.
	bad_input "unknown patient (C locale)" "patient number" status 9999
	finish
	exit $?
fi
if [ ! -f "$OPTOUT_DESK_LOCALEDIR/ja/LC_MESSAGES/optout-desk.mo" ]; then
	fail "po/ja.gmo was not built; the Japanese messages cannot be checked"
	finish
	exit $?
fi

export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8

bad_input "unknown patient in Japanese" "患者番号" status 9999
expect_contains "the explanation is Japanese" "登録されていません" "$ERR"
bad_input "bad enum word in Japanese" "--channel" refuse 1001 --date 2026-11-24 --by self \
	--channel fax --id-check none
expect_contains "the accepted words stay as typed" "desk, phone, post, email" "$ERR"
expect_contains "the sentence is Japanese" "いずれか" "$ERR"

ok "status under ja" status 1001 --as-of 2026-12-25
expect_eq "the status line is not translated" "may-flow 2026-12-25" "$OUT"
ok "eligible under ja" eligible --as-of 2026-12-25
expect_eq "the eligible list is not translated" "1001" "$OUT"

ok "patient show under ja" patient show 1001
expect_contains "labels in Japanese" "生年月日" "$OUT"
expect_contains "the birth date in 和暦" "昭和45年3月2日" "$OUT"
expect_contains "the state word stays" "waiting 2026-11-24 2026-12-25" "$OUT"

run_desk --db "$TEST_TMP/empty.sqlite3" status 1001
expect_rc "a mistyped --db under ja" 1
expect_contains "no database there, in Japanese, pointing to init" "optout-desk init" "$ERR"
expect_contains "no database there, in Japanese" "データベースがありません" "$ERR"
if [ -e "$TEST_TMP/empty.sqlite3" ]; then fail "a read command created a database file"; else pass; fi

finish
