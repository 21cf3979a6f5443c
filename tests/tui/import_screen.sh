#!/bin/sh
# Issue 9 at the desk: the settings' import screen shows the first rows of
# a CP932 file as the fields they map to, F12 runs the dry run and shows
# its summary (nothing written), F12 again asks and imports.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
printf '患者番号,氏名,カナ氏名,生年月日,性別\n101,山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,19700302,1\n102,佐藤 花子,ｻﾄｳ ﾊﾅｺ,19800101,2\n' \
	| iconv -f UTF-8 -t CP932 >"$TEST_TMP/master.csv"

start_desk d 100 30
expect_screen "the desk" d "患者検索"
keys d F8
expect_screen "settings" d "設定"
expect_screen "the import key on the settings' key bar" d "取込"
keys d F6
expect_screen "the import screen" d "レセコンからの取り込み"
type_text d "$TEST_TMP/master.csv"
expect_screen "the first rows mapped to fields" d "number=101 name=山田 太郎 kana=ヤマダ タロウ birth=19700302 sex=1"
SUM=$(db_sum)
keys d F12
expect_screen "the dry-run summary" d "追加 2、更新 0、変更なし 0、不備 0、重複候補 0"
expect_screen "says nothing is written yet" d "まだ何も書き込んでいません"
expect_eq "the dry run wrote nothing" "$SUM" "$(db_sum)"
keys d F12
expect_screen "asks first" d "これらの行を取り込みますか"
keys d y
expect_screen "done" d "取り込みました: 追加 2"
run_desk patient show 101
expect_contains "imported" "ヤマダ タロウ" "$OUT"
finish
