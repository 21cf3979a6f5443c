#!/bin/sh
# The office's exports (issue 13), read back by readers that did not write
# them: the register as CSV for Excel (UTF-8 with a BOM, CRLF; CP932 read
# back by iconv; a name starting with '=' stays text; --from/--to bound
# the rows; a voided entry is there, marked), a character CP932 cannot
# hold refused naming its row and column, the .xlsx opened with openpyxl
# (bold frozen header, dates as dates, patient number 0001 a string), and
# every export logged in the audit chain with its row count.
. "$top_srcdir/tests/lib.sh"

ok "init" init --clinic "テスト内科" --number-width 4
ok "add 1" patient add --no 1 --name "山田 太郎" --kana "ヤマダ タロウ" --birth 1970-01-01
ok "add 2" patient add --no 2 --name "=HYPERLINK(\"http://x\")" --kana "イコール" --birth 1980-02-02
ok "add 3" patient add --no 3 --name "髙橋 ①子" --kana "タカハシ" --birth 2015-03-03
ok "notice 1" notice 1 --date 2026-10-01 --to self --confirm-backdated
REF1=$(echo "$OUT" | cut -f1 -d' ')
ok "stop 2" refuse 2 --date 2026-11-10 --by self --channel phone --id-check none --confirm-backdated
ok "withdraw 2" withdraw 2 --date 2026-11-20 --by self --channel desk --id-check license --confirm-backdated
ok "notice 3 to the guardian" notice 3 --date 2026-11-15 --to guardian --recipient "髙橋 花子" --relationship parent --confirm-backdated
REF3=$(echo "$OUT" | cut -f1 -d' ')
ok "void the guardian's notice" void "$REF3" --reason "別の患者に記録" --confirm-backdated

# ---- CSV, UTF-8 -------------------------------------------------------------------------
F="$TEST_TMP/out"
mkdir -p "$F"
ok "export register csv" export register --format csv -o "$F/reg.csv"
expect_eq "nothing on stdout" "" "$OUT"
expect_eq "the UTF-8 BOM first" "efbbbf" "$(head -c 3 "$F/reg.csv" | od -An -tx1 | tr -d ' \n')"
expect_eq "every line ends in CRLF" "$(wc -l <"$F/reg.csv" | tr -d ' ')" "$(grep -c "$(printf '\r')\$" "$F/reg.csv")"
expect_eq "header and four entries (the void is a mark, not a row)" "5" "$(wc -l <"$F/reg.csv" | tr -d ' ')"
expect_eq "the file is private" "600" "$(stat -c %a "$F/reg.csv")"
CSV=$(tr -d '\r' <"$F/reg.csv")
expect_contains "the header" "Receipt number,Date,Entry,Patient number,Name,Requester" "$CSV"
expect_contains "the notice, dated, with its number and name" "$REF1,2026-10-01,Notice,0001,山田 太郎" "$CSV"
expect_contains "a name starting with = is quoted as text" "\"'=HYPERLINK(\"\"http://x\"\")\"" "$CSV"
expect_contains "the withdrawal with its identity check and channel" "2026-11-20,Withdrawal,0002,\"'=HYPERLINK(\"\"http://x\"\")\",patient,,,driver's licence,at the desk" "$CSV"
expect_match "the voided notice stays, marked with the date and reason" "^$REF3,2026-11-15,Notice,0003,髙橋 ①子,guardian,髙橋 花子,parent,.*,2026-11-24,別の患者に記録,tester," "$CSV"
expect_eq "rows by date" "2026-10-01 2026-11-10 2026-11-15 2026-11-20" \
	"$(echo "$CSV" | sed 1d | cut -d, -f2 | grep -E '^[0-9]' | tr '\n' ' ' | sed 's/ $//')"

ok "--from/--to bound the rows" export register --from 2026-11-10 --to 2026-11-15 --format csv
expect_eq "two rows and the header" "3" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
expect_no_match "nothing before --from" "2026-10-01" "$OUT"
expect_no_match "nothing after --to" "2026-11-20" "$OUT"
ok "to standard output" export register --from 2026-11-20 --format csv
expect_match "stdout: only the withdrawal" "Withdrawal,0002" "$OUT"

# ---- CSV, CP932 ---------------------------------------------------------------------------
ok "export register cp932" export register --format csv --encoding cp932 -o "$F/reg932.csv"
expect_eq "no BOM in CP932" "0" "$(head -c 3 "$F/reg932.csv" | od -An -tx1 | grep -c 'ef bb bf')"
BACK=$(iconv -f CP932 -t UTF-8 "$F/reg932.csv" | tr -d '\r')
expect_eq "iconv reads it back the same" "$CSV" "$(printf '\357\273\277%s' "$BACK")"
expect_contains "髙 and ① (CP932's own characters) come back" "髙橋 ①子" "$BACK"
ok "add 4" patient add --no 4 --name "𠮷田 一郎" --kana "ヨシダ イチロウ" --birth 1990-04-04
ok "notice 4" notice 4 --date 2026-11-24 --to self
bad_input "a character CP932 cannot hold" --encoding export register --format csv --encoding cp932 -o "$F/bad.csv"
expect_contains "names the row, the column and the character" "row 6, column Name: 𠮷 (U+20BB7) cannot be written in CP932" "$ERR"
expect_eq "no file is left behind" "" "$(ls "$F" | grep bad || true)"
ok "UTF-8 holds it" export register --format csv
expect_contains "𠮷 in UTF-8" "𠮷田 一郎" "$OUT"

# ---- .xlsx --------------------------------------------------------------------------------
ok "export register xlsx" export register --format xlsx -o "$F/reg.xlsx"
ok "export patients xlsx" export patients --format xlsx -o "$F/pat.xlsx"
ok "export patients csv" export patients --format csv
expect_contains "the patient list: number, name, kana, birth, state" "0001,山田 太郎,ヤマダ タロウ,1970-01-01,not recorded,May flow,2026-10-01,2026-11-02" "$OUT"
PY=""
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	fail "python3-openpyxl is not installed (./bootstrap.sh check installs it)"
else
	XL=$("$PY" - "$F/reg.xlsx" "$F/pat.xlsx" <<'PYEOF'
import sys, datetime, openpyxl
reg = openpyxl.load_workbook(sys.argv[1]).active
pat = openpyxl.load_workbook(sys.argv[2]).active
print("header", reg.cell(1, 1).value, reg.cell(1, 4).value, reg.cell(1, 5).value)
print("bold", reg.cell(1, 1).font.b, "frozen", reg.freeze_panes)
print("date", type(reg.cell(2, 2).value).__name__, reg.cell(2, 2).value.date())
print("number", repr(reg.cell(2, 4).value), type(reg.cell(2, 4).value).__name__)
print("formula", repr(reg.cell(3, 5).value), reg.cell(3, 5).data_type)
print("widths", reg.column_dimensions["E"].width > 10)
print("patient", repr(pat.cell(2, 1).value), type(pat.cell(2, 4).value).__name__, pat.cell(2, 4).value.date())
print("rows", reg.max_row, pat.max_row)
PYEOF
)
	expect_contains "xlsx: the header row" "header Receipt number Patient number Name" "$XL"
	expect_contains "xlsx: bold and frozen" "bold True frozen A2" "$XL"
	expect_contains "xlsx: a date cell is a datetime" "date datetime 2026-10-01" "$XL"
	expect_contains "xlsx: patient number 0001 stays a string" "number '0001' str" "$XL"
	expect_contains "xlsx: a formula-like name is a string, not a formula" "formula '=HYPERLINK(\"http://x\")' s" "$XL"
	expect_contains "xlsx: columns have widths" "widths True" "$XL"
	expect_contains "xlsx: the patient list" "patient '0001' datetime 1970-01-01" "$XL"
	expect_contains "xlsx: every entry and patient" "rows 6 5" "$XL"
fi

# ---- bad input ----------------------------------------------------------------------------
bad_input "--format is required" --format export register
bad_input "an unknown format" --format export register --format ods
bad_input "--encoding only for CSV" --encoding export register --format xlsx --encoding cp932 -o "$F/x.xlsx"
bad_input "an unknown encoding" --encoding export register --format csv --encoding euc-jp
bad_input "--to before --from" --to export register --format csv --from 2026-11-20 --to 2026-11-01
bad_input "a bad date" --from export register --format csv --from 2026-13-01
bad_input "an existing file" -o export register --format csv -o "$F/reg.csv"
bad_input "--as-of is for patients" --as-of export register --format csv --as-of 2026-11-01
bad_input "--since is for fhir" --since export register --format csv --since 2026-11-01
bad_input "--format is not for fhir" --format export fhir --format csv
bad_input "an unknown kind" format export registers --format csv

# ---- the audit chain ------------------------------------------------------------------------
ok "audit" audit
expect_contains "each export is logged with its kind and rows" "export	-	-	register utf-8: 4 rows, every date" "$OUT"
expect_contains "the range is logged" "register utf-8: 2 rows, 2026-11-10..2026-11-15" "$OUT"
expect_contains "the patient list too" "patients xlsx: 4 rows, as of 2026-11-24" "$OUT"
expect_contains "CP932" "register cp932: 4 rows" "$OUT"
expect_no_match "a refused export is not logged as done" "register cp932: 5 rows" "$OUT"
ok "the chain holds" verify

# ---- roles: the register carries names, not the pipeline's ----------------------------------
printf 'boss-secret-1\n' >"$TEST_TMP/boss"
printf 'pipe-secret-1\n' >"$TEST_TMP/pipe"
ok "first admin" init --admin boss --password-file "$TEST_TMP/boss"
ok "pipeline" --staff boss --password-file "$TEST_TMP/boss" staff add pipe --name "集計" --role pipeline --password-file "$TEST_TMP/pipe"
run_desk --staff pipe --password-file "$TEST_TMP/pipe" export register --format csv
expect_rc "the pipeline may not export the register" 1
expect_contains "says why" "not allowed" "$ERR"
ok "the pipeline still exports FHIR" --staff pipe --password-file "$TEST_TMP/pipe" export fhir
ok "an administrator exports" --staff boss --password-file "$TEST_TMP/boss" export patients --format csv
ok "audit" --staff boss --password-file "$TEST_TMP/boss" audit
expect_contains "logged under the login" "boss	export	-	-	patients utf-8: 4 rows" "$OUT"
expect_match "the FHIR export is logged too" "pipe	export	-	-	fhir: [0-9]+ entries" "$OUT"
finish
