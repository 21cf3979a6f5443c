#!/bin/sh
# The patient master and the day's reception list loaded from the receipt
# computer (issue 9): CP932/EUC-JP/UTF-8 detected, RFC 4180 quoting, header
# names, --map, the ORCA layout, upserts with the change history, possible
# duplicates, rejected rows (all or nothing), dry runs, bad files that
# write nothing, visits and their CSV list, and the progress bar only on a
# terminal. Fixtures are written in UTF-8 here and converted with iconv, so
# the CP932 and EUC-JP bytes are real.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科クリニック"
F="$TEST_TMP/files"
mkdir -p "$F"
# to_crlf FILE: LF -> CRLF (receipt computers write CRLF).
to_crlf() { sed 's/$/\r/' "$1" >"$1.crlf" && mv "$1.crlf" "$1"; }

# ---- CP932, half-width kana, CRLF, quoted commas and line breaks ------------------
cat >"$F/master.txt" <<'CSV'
患者番号,氏名,カナ氏名,生年月日,性別,住所,電話番号
101,山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,19700302,1,"東京都千代田区1-1, 2F",03-1111-2222
102,佐藤 花子,ｻﾄｳ ﾊﾅｺ,S45.3.2,女,"大阪府大阪市
北区1-2",
103,鈴木 一郎,スズキ イチロウ,2001/04/05,M,,
CSV
to_crlf "$F/master.txt"
iconv -f UTF-8 -t CP932 "$F/master.txt" >"$F/master-cp932.csv"
ok "a CP932 master imports" import patients "$F/master-cp932.csv"
expect_eq "the summary" "added 3, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"
ok "show 101" patient show 101
expect_contains "half-width kana made full-width" "Kana: ヤマダ タロウ" "$OUT"
expect_contains "YYYYMMDD read" "Birth date: 1970-03-02" "$OUT"
expect_contains "sex code 1 is male" "Sex: male" "$OUT"
ok "show 102" patient show 102
expect_contains "the era date read" "Birth date: 1970-03-02" "$OUT"
expect_contains "女 is female" "Sex: female" "$OUT"
ADDR=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT address FROM contact_events c JOIN patients p ON p.id = c.patient_id WHERE p.number = '101'")
expect_eq "a quoted comma stays in the address" "東京都千代田区1-1, 2F" "$ADDR"
ADDR=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT address FROM contact_events c JOIN patients p ON p.id = c.patient_id WHERE p.number = '102'")
expect_eq "a quoted line break becomes a space" "大阪府大阪市 北区1-2" "$ADDR"

# ---- EUC-JP: the same rows are unchanged ----------------------------------------------
iconv -f UTF-8 -t EUC-JP "$F/master.txt" >"$F/master-euc.csv"
ok "the same master in EUC-JP" import patients "$F/master-euc.csv"
expect_eq "nothing changes" "added 0, updated 0, unchanged 3, rejected 0, possible duplicates 0" "$OUT"

# ---- a change of name is recorded with the old value and the file ---------------------
sed 's/山田 太郎/山田 太朗/' "$F/master.txt" | iconv -f UTF-8 -t CP932 >"$F/renamed.csv"
ok "a renamed patient" import patients "$F/renamed.csv"
expect_eq "one updated" "added 0, updated 1, unchanged 2, rejected 0, possible duplicates 0" "$OUT"
ok "show 101 after" patient show 101
expect_contains "the new name" "Name: 山田 太朗" "$OUT"
expect_contains "the change with the old value" "山田 太郎 → 山田 太朗" "$OUT"
SRC=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT source FROM patient_changes WHERE field = 'name'")
expect_eq "the change names the file" "renamed.csv" "$SRC"

# ---- UTF-8 with a BOM, English headers, a possible duplicate -----------------------
printf '\357\273\277number,name,kana,birth,sex\n201,山田 太郎,ヤマダ タロウ,1970-03-02,m\n202,新規 患者,シンキ カンジャ,1990-01-01,f\n' >"$F/bom.csv"
run_desk import patients "$F/bom.csv" --report "$TEST_TMP/dup-report.csv"
expect_rc "a possible duplicate is imported" 0
expect_eq "listed in the summary" "added 2, updated 0, unchanged 0, rejected 0, possible duplicates 1" "$OUT"
expect_contains "named on stderr with the number it may be" "patient 201: possible duplicate of 101" "$ERR"
expect_contains "and in the report" "201" "$(cat "$TEST_TMP/dup-report.csv")"
ok "still registered" patient show 201
DUPS=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT count(*) FROM patients a JOIN patients b ON a.birth = b.birth AND a.kana_key = b.kana_key AND a.id < b.id")
expect_eq "findable as a pair for the worklist" "1" "$DUPS"

# ---- the ORCA layout, field for field (exchange/orca-layout.md) --------------------
# 番号,漢字氏名,カナ氏名,性別,生年月日,郵便番号,住所,電話番号
# Row 3: quoted cells (a comma in the address), no phone, columns after the
# eighth (ignored), half-width kana with dakuten (ﾜﾀﾅﾍﾞ).
printf '%s\r\n' '00000301,高橋 美咲,ﾀｶﾊｼ ﾐｻｷ,2,19850615,100-0001,東京都千代田区千代田1-1,03-1234-5678' \
	'00000302,伊藤 健,ｲﾄｳ ｹﾝ,1,19600101,150-0001,東京都渋谷区神宮前2-2,090-0000-1111' \
	'00000303,"渡辺 一郎","ﾜﾀﾅﾍﾞ ｲﾁﾛｳ",1,19451231,530-0001,"大阪府大阪市北区梅田1-1, 3F",,予備,"x,y"' \
	| iconv -f UTF-8 -t CP932 >"$F/PTINF.CSV"
ok "the ORCA layout" import patients --format orca "$F/PTINF.CSV"
expect_eq "three added" "added 3, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"
ok "show 301" patient show 301
expect_contains "number as the card shows it" "Patient number: 00000301" "$OUT"
expect_contains "name" "Name: 高橋 美咲" "$OUT"
expect_contains "kana" "Kana: タカハシ ミサキ" "$OUT"
expect_contains "sex 2" "Sex: female" "$OUT"
expect_contains "birth" "Birth date: 1985-06-15" "$OUT"
ROW=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT phone || '|' || address FROM contact_events c JOIN patients p ON p.id = c.patient_id WHERE p.number = '00000302'")
expect_eq "address and phone from columns 7 and 8" "090-0000-1111|東京都渋谷区神宮前2-2" "$ROW"
ok "show 303" patient show 303
expect_contains "dakuten kana made one full-width letter" "Kana: ワタナベ イチロウ" "$OUT"
expect_contains "birth of a quoted row" "Birth date: 1945-12-31" "$OUT"
ROW=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT phone || '|' || address FROM contact_events c JOIN patients p ON p.id = c.patient_id WHERE p.number = '00000303'")
expect_eq "a quoted address keeps its comma; no phone; columns after 8 ignored" "|大阪府大阪市北区梅田1-1, 3F" "$ROW"
POSTAL=$(sqlite3 "$OPTOUT_DESK_DB" "SELECT count(*) FROM contact_events WHERE address LIKE '%530-0001%' OR phone LIKE '%530-0001%' OR address LIKE '%予備%'")
expect_eq "the postal code (column 6) and later columns are not stored" "0" "$POSTAL"

# ---- --map by name and by number; a file without a header needs it ----------------
printf '患者ID,なまえ,よみ,誕生日\n401,木村 実,キムラ ミノル,19500505\n' >"$F/named.csv"
bad_input "unknown headers for the required fields" --map import patients "$F/named.csv"
expect_contains "names the missing field" "name" "$ERR"
ok "--map by header name" import patients "$F/named.csv" --map "なまえ=name,よみ=kana,誕生日=birth"
expect_eq "added by name" "added 1, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"
printf '402,森 修,モリ オサム,19551010\n' >"$F/noheader.csv"
SUM=$(db_sum)
run_desk import patients "$F/noheader.csv"
expect_rc "no header and no --map" 2
expect_contains "says no column is recognised and how to map" "--map 1=number" "$ERR"
expect_eq "nothing written" "$SUM" "$(db_sum)"
ok "--map by number" import patients "$F/noheader.csv" --map 1=number,2=name,3=kana,4=birth
expect_eq "added by number" "added 1, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"
# ---- numbers normalised, a file without a sex column, --encoding given -------------
printf 'number,name,kana,birth\n１０１,山田 太朗,ﾔﾏﾀﾞ ﾀﾛｳ,19700302\n' >"$F/fullwidth.csv"
ok "full-width digits, no sex column" import patients "$F/fullwidth.csv"
expect_eq "the same patient: the number normalised, no sex column is no change" "added 0, updated 0, unchanged 1, rejected 0, possible duplicates 0" "$OUT"
ok "show 101 again" patient show 101
expect_contains "the sex from the master kept" "Sex: male" "$OUT"
iconv -f UTF-8 -t EUC-JP "$F/fullwidth.csv" >"$F/given-euc.csv"
ok "--encoding euc-jp" import patients "$F/given-euc.csv" --encoding euc-jp
expect_eq "read as EUC-JP" "added 0, updated 0, unchanged 1, rejected 0, possible duplicates 0" "$OUT"
iconv -f UTF-8 -t CP932 "$F/fullwidth.csv" >"$F/given-sjis.csv"
SUM=$(db_sum)
run_desk import patients "$F/given-sjis.csv" --encoding utf-8
expect_rc "a CP932 file read as UTF-8 because told so" 2
expect_contains "the strict decode names the line" "line 2: bytes that are not UTF-8" "$ERR"
expect_eq "nothing written" "$SUM" "$(db_sum)"
bad_input "a bad --map" --map import patients "$F/noheader.csv" --map 1=shoe
expect_contains "lists the fields" "number, name, kana, birth" "$ERR"
bad_input "a bad --encoding" --encoding import patients "$F/noheader.csv" --encoding latin1
bad_input "a missing file" FILE import patients "$F/none.csv"

# ---- rejected rows: all or nothing, the report, --skip-invalid, --dry-run ----------
{
	echo "患者番号,氏名,カナ氏名,生年月日,性別"
	echo "501,正常 一,セイジョウ ハジメ,19800101,1"
	echo "502,日付 誤,ヒヅケ アヤマリ,19801399,1"
	echo "503,漢字 読,漢字,19800101,1"
	echo "504,性別 誤,セイベツ アヤマリ,19800101,X"
	i=0
	while [ $i -lt 22 ]; do echo "6$i,,カラ,19800101,1"; i=$((i + 1)); done
} >"$F/bad-rows.csv"
SUM=$(db_sum)
run_desk import patients "$F/bad-rows.csv" --report "$TEST_TMP/report.csv"
expect_rc "rejected rows: exit 2" 2
expect_eq "nothing written" "$SUM" "$(db_sum)"
expect_contains "line, column, value and reason of a bad date" 'line 3: 生年月日: "19801399": not a date' "$ERR"
expect_contains "a bad kana" 'line 4: カナ氏名: "漢字": use hiragana or katakana' "$ERR"
expect_contains "a bad sex code" 'line 5: 性別: "X": use 1 or 2' "$ERR"
expect_contains "the rest counted" "and 5 more rejected cells (all in the report)" "$ERR"
expect_contains "says nothing was written" "nothing was written" "$ERR"
expect_eq "the summary still printed" "added 1, updated 0, unchanged 0, rejected 25, possible duplicates 0" "$OUT"
expect_eq "every rejected cell in the report (and its header)" "26" "$(wc -l <"$TEST_TMP/report.csv" | tr -d ' ')"
expect_contains "report header" "line,column,value,reason" "$(head -1 "$TEST_TMP/report.csv")"
run_desk patient show 501
expect_rc "the valid row was not written either" 2
run_desk import patients "$F/bad-rows.csv" --dry-run
expect_rc "a dry run with rejected rows" 2
expect_eq "dry run: the same summary" "added 1, updated 0, unchanged 0, rejected 25, possible duplicates 0" "$OUT"
expect_eq "dry run: nothing written" "$SUM" "$(db_sum)"
run_desk import patients "$F/bad-rows.csv" --skip-invalid
expect_rc "--skip-invalid still exits 2" 2
ok "the valid row is written with --skip-invalid" patient show 501
SUM=$(db_sum)
printf 'number,name,kana,birth\n601,新 一,アタラシ ハジメ,19900101\n' >"$F/one.csv"
ok "a clean dry run" import patients "$F/one.csv" --dry-run
expect_eq "dry run summary" "added 1, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"
expect_contains "says so" "dry run: nothing was written" "$ERR"
expect_eq "dry run writes nothing" "$SUM" "$(db_sum)"
run_desk import patients - <"$F/one.csv"
expect_rc "standard input" 0
expect_eq "read from -" "added 1, updated 0, unchanged 0, rejected 0, possible duplicates 0" "$OUT"

# ---- bad files: one message, nothing written ----------------------------------------
# bad_file WHAT EXPECTED-TEXT FILE: exit 2, the message, the database unchanged.
bad_file() {
	_sum=$(db_sum)
	run_desk import patients "$3"
	expect_rc "$1: exit 2" 2
	expect_contains "$1: the message" "$2" "$ERR"
	expect_eq "$1: nothing written" "$_sum" "$(db_sum)"
	expect_eq "$1: no summary" "" "$OUT"
}
: >"$F/empty.csv"
bad_file "an empty file" "the file is empty" "$F/empty.csv"
gzip -c "$F/master.txt" >"$F/master.csv.gz"
head -c 4000 "$DESK" >>"$F/master.csv.gz"
bad_file "binary data" "binary data, not a CSV text file" "$F/master.csv.gz"
{ printf 'number,name,kana,birth\n701,正常 一,セイジョウ ハジメ,19800101\n'; printf '702,ヌル,ヌル\000,19800101\n'; } >"$F/nul.csv"
bad_file "a NUL byte" "line 3: a NUL byte" "$F/nul.csv"
printf 'number,name,kana,birth\n801,正常 一,セイジョウ ハジメ,19800101\n802,"閉じない,ト ジナイ,19800101\n803,次 行,ツギ ギョウ,19800101\n' >"$F/quote.csv"
bad_file "an unterminated quote" "line 3: a quote opened here is never closed" "$F/quote.csv"
printf 'number,name,kana,birth\n901,"途中"の引用,ト チュウ,19800101\n' >"$F/quote2.csv"
bad_file "a quote in the middle of a field" "line 2: a quote in the wrong place" "$F/quote2.csv"
{ printf 'number,name,kana,birth\n1001,正常 一,セイジョウ ハジメ,19800101\n'; printf '1002,山本 二,ヤマモト ジ,19800101\n' | iconv -f UTF-8 -t CP932; } >"$F/mixed.csv"
bad_file "UTF-8 then CP932" "line 3: bytes that are not UTF-8" "$F/mixed.csv"
{ printf 'number,name,kana,birth\n1101,正常 一,セイジョウ ハジメ,19800101\n' | iconv -f UTF-8 -t CP932; printf '1102,山本 二,ヤマモト ジ,19800101\n'; } >"$F/mixed2.csv"
bad_file "CP932 then UTF-8" "line 3: UTF-8 text in a CP932 (Shift_JIS) file" "$F/mixed2.csv"
{ printf 'number,name,kana,birth\n'; head -c 104857600 /dev/zero | tr '\000' 'a'; printf '\n'; } >"$F/long.csv"
bad_file "a 100 MB line" "line 2 is longer than 1 MiB" "$F/long.csv"
rm -f "$F/long.csv"
printf 'foo,bar,baz\n1,2,3\n' >"$F/nohead.csv"
bad_file "no recognisable header" "line 1: no column name is recognised" "$F/nohead.csv"

# ---- visits --------------------------------------------------------------------------
cat >"$F/visits.txt" <<'CSV'
患者番号,受付時間,診療科,氏名,カナ氏名,生年月日
102,0930,外科,,,
101,9:05,内科,,,
1201,10:15,"=HYPERLINK(""x""),眼科",新患 太郎,ｼﾝｶﾝ ﾀﾛｳ,19991231
CSV
iconv -f UTF-8 -t CP932 "$F/visits.txt" >"$F/visits.csv"
ok "the reception list" import visits "$F/visits.csv"
expect_eq "visits summary" "visits added 3, already recorded 0, patients registered 1, rejected 0, possible duplicates 0" "$OUT"
ok "the new patient from the list" patient show 1201
expect_contains "registered with full-width kana" "Kana: シンカン タロウ" "$OUT"
ok "the same list again" import visits "$F/visits.csv"
expect_eq "nothing twice" "visits added 0, already recorded 3, patients registered 0, rejected 0, possible duplicates 0" "$OUT"
printf '患者番号,受付時間\n9999,11:00\n' >"$F/unknown.csv"
SUM=$(db_sum)
run_desk import visits "$F/unknown.csv"
expect_rc "an unknown number without particulars" 2
expect_contains "reported" 'line 2: 患者番号: "9999": no patient with this number' "$ERR"
expect_eq "nothing written" "$SUM" "$(db_sum)"
ok "the list as CSV" visits
expect_eq "header" "date,time,number,name,kana,department,status" "$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')"
expect_eq "arrival order, first" "2026-11-24,09:05,101,山田 太朗,ヤマダ タロウ,内科,not-notified" "$(printf '%s\n' "$OUT" | sed -n 2p | tr -d '\r')"
expect_eq "second" "2026-11-24,09:30,102,佐藤 花子,サトウ ハナコ,外科,not-notified" "$(printf '%s\n' "$OUT" | sed -n 3p | tr -d '\r')"
expect_contains "a formula-like cell is quoted and defused" "\"'=HYPERLINK(\"\"x\"\"),眼科\"" "$OUT"
ok "notice to 101" notice 101 --date 2026-11-24 --to self
ok "only those without a notice" visits --not-notified
expect_no_match "101 has its notice" ",101," "$OUT"
expect_contains "102 still listed" ",102," "$OUT"
ok "another day" visits --date 2026-11-23
expect_eq "empty but for the header" "1" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
printf '患者番号,受付時間,診療科\n101,1400,内科\n' >"$F/earlier.csv"
ok "a past day's list with --date" import visits "$F/earlier.csv" --date 2026-11-20
ok "that day's list" visits --date 2026-11-20
expect_contains "stored on the day given" "2026-11-20,14:00,101,山田 太朗" "$OUT"
bad_input "a list dated after today" --date import visits "$F/earlier.csv" --date 2026-11-25
expect_contains "says why" "after today" "$ERR"

# ---- a desk's write during an import waits for it, however long --------------------
# The import reads from a pipe that stays quiet past the 10 s busy timeout,
# holding the write lock; a `patient add` meanwhile waits, says so, and
# succeeds once the import has committed.
# (More than the 64 KiB the encoding is detected from comes first.)
{ printf 'number,name,kana,birth\n1301,長い 取込,ナガイ トリコミ,19700101\n'
  i=0; while [ $i -lt 1500 ]; do printf 'L%s,長い 取込,ナガイ トリコミ,%s\n' $i $((19000101 + i / 28 * 10000 + i % 28)); i=$((i + 1)); done
  sleep 12
  printf '1302,長い 取込二,ナガイ トリコミニ,19700102\n'; } | "$DESK" import patients - >"$TEST_TMP/long.out" 2>&1 &
IMPORT_PID=$!
n=0
while [ ! -f "$OPTOUT_DESK_DB-importing" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
# (status reads no particulars, so it logs no look at a patient: a look
# at the particulars is logged, and that write waits like any other.)
run_desk status 101
expect_rc "another desk reads during the import" 0
expect_no_match "without waiting for it" "wait" "$ERR"
run_desk patient add --no 1399 --name "待つ 人" --kana "マツ ヒト" --birth 1980-02-02
expect_rc "the desk's write succeeds after the import" 0
expect_contains "it said it was waiting" "wait" "$ERR"
wait $IMPORT_PID || true
expect_contains "the import went in" "added 1502" "$(cat "$TEST_TMP/long.out")"
ok "both there" patient show 1302
ok "and the desk's patient" patient show 1399

ok "the audit chain covers every imported row and visit" verify

# ---- the progress bar: on a terminal only -------------------------------------------
{
	echo "number,name,kana,birth"
	i=0
	while [ $i -lt 3000 ]; do echo "P$i,進捗 太郎,シンチョク タロウ,$((19000101 + i / 28 * 10000 + i % 28))"; i=$((i + 1)); done
} >"$F/many.csv"
run_desk import patients "$F/many.csv" --dry-run
expect_no_match "no bar when stderr is not a terminal" "rows/s" "$ERR"
if command -v script >/dev/null 2>&1; then
	script -qec "'$DESK' import patients '$F/many.csv' --dry-run" /dev/null >"$TEST_TMP/tty.out" 2>&1 || true
	expect_contains "a bar on a terminal" "rows/s" "$(cat "$TEST_TMP/tty.out")"
	expect_contains "and the summary" "added 3000" "$(cat "$TEST_TMP/tty.out")"
else
	skip "script(1) missing: the terminal progress bar is not checked"
fi

finish
