#!/bin/sh
# Hostile text end to end (issue 12). Input refuses what would mislead a
# reader: terminal escapes, bidi overrides, zero-width and other invisible
# format characters (text_check: control and format characters), naming
# the field. It keeps what Japanese names need: 4-byte characters (𠮷),
# ideographic variation sequences (葛󠄀), combining marks (カ + ゙). Text
# that reached the database some other way (an old version, a tool, an
# import) is shown with visible placeholders: on the command line, in
# documents, on the screens, and in CSV, where a cell that begins like a
# formula stays text.
. "$top_srcdir/tests/lib.sh"

ESC=$(printf '\033')
RLO=$(printf '\342\200\256')      # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')      # U+2066 LEFT-TO-RIGHT ISOLATE
ZWSP=$(printf '\342\200\213')     # U+200B ZERO WIDTH SPACE
ZWJ=$(printf '\342\200\215')      # U+200D ZERO WIDTH JOINER
BOM=$(printf '\357\273\277')      # U+FEFF
YOSHI=$(printf '\360\240\256\267')   # 𠮷 U+20BB7 (4 bytes)
IVS=$(printf '\350\221\233\363\240\204\200')   # 葛 + U+E0100
KA_DAKUTEN=$(printf '\343\202\253\343\202\231')  # カ + U+3099

ok "init" init --clinic "テスト内科クリニック"

# ---- refused at input, naming the field ---------------------------------------
for bad in "${ESC}[31m山田" "山田${RLO}太郎" "山田${LRI}太郎" "山${ZWSP}田 太郎" "山田${ZWJ}太郎" "${BOM}山田 太郎"; do
	bad_input "a name with an escape or invisible character" "--name" \
		patient add --no 1 --name "$bad" --kana "ヤマダ タロウ" --birth 1970-01-01
done
bad_input "kana with a zero-width space" "--kana" \
	patient add --no 1 --name "山田 太郎" --kana "ヤマダ${ZWSP}タロウ" --birth 1970-01-01
ok "nothing was registered" patient find 山田
expect_eq "no patient" "" "$OUT"

# ---- kept: what Japanese names need -------------------------------------------------
ok "a 4-byte character and a variation sequence" patient add --no 2 \
	--name "${YOSHI}野 ${IVS}子" --kana "ヨシノ ${KA_DAKUTEN}コ" --birth 1970-01-01
ok "show" patient show 2
expect_contains "𠮷 stays whole" "${YOSHI}野" "$OUT"
expect_contains "the variation selector stays with its kanji" "${IVS}子" "$OUT"
expect_contains "the combining mark stays" "${KA_DAKUTEN}コ" "$OUT"
ok "find by the 4-byte character" patient find "${YOSHI}野"
expect_contains "found" "${YOSHI}野" "$OUT"
ok "refuse with a note" refuse 2 --date 2026-11-24 --by self --channel desk --id-check license \
	--note "${YOSHI}の件"
bad_input "a note with a bidi override" "--note" \
	refuse 2 --date 2026-11-24 --by self --channel desk --id-check license --note "a${RLO}b"

# ---- text that bypassed the input checks is shown harmlessly --------------------------
sqlite3 "$OPTOUT_DESK_DB" "INSERT INTO patients(number, name, kana, name_key, kana_key, birth, sex,
	created_at, number_key) VALUES ('3', '山田' || char(27) || ']0;pwned' || char(7) || char(27)
	|| '[2J' || char(8238) || '太郎', 'ヤマダ', '', '', '1970-01-01', 'u', '2026-11-24T00:00:00Z', '3')"
for cmd in "patient show 3" "patient find 3" "status 3"; do
	# shellcheck disable=SC2086
	run_desk $cmd
	expect_rc "$cmd" 0
	expect_no_match "$cmd: no raw escape on stdout" "$ESC" "$OUT"
	expect_no_match "$cmd: no raw bidi override on stdout" "$RLO" "$OUT"
done
run_desk patient show 3
expect_contains "the escape is shown as a placeholder" "^[" "$OUT"

# ---- CSV: foreign numbers come back as text, never formulas --------------------------
printf '患者番号\n2\n=HYPERLINK("http://x")\n+1\n-1\n@SUM(A1)\n%s[31m9\n' "$ESC" >"$TEST_TMP/list.txt"
run_desk check --as-of 2026-11-24 "$TEST_TMP/list.txt"
expect_no_match "check: no raw escape in the CSV" "$ESC" "$OUT"
for f in '=HYPERLINK' '+1' '-1' '@SUM'; do
	expect_no_match "check: $f does not start a cell unquoted" "(^|,)[$(printf '%s' "$f" | cut -c1)]" "$OUT"
done
expect_contains "a formula stays text (quoted, apostrophe first)" "\"'=HYPERLINK(\"\"http://x\"\")\"" "$OUT"

# ---- a document: the names as printed ----------------------------------------------------
if command -v pdftotext >/dev/null 2>&1; then
	ok "print a receipt" print receipt "$(sqlite3 "$OPTOUT_DESK_DB" "SELECT ref FROM requests LIMIT 1")" \
		-o "$TEST_TMP/receipt.pdf"
	txt=$(pdftotext "$TEST_TMP/receipt.pdf" - 2>/dev/null)
	expect_contains "the receipt names ${IVS}子 (with its variation selector)" "${IVS}子" "$txt"
	# A finding left open: no installed font (IPAex) has 𠮷, so the
	# document shows a box with its code; asserted where a font has it.
	if [ -n "$(fc-list ':charset=20bb7' family 2>/dev/null)" ]; then
		expect_contains "the receipt names 𠮷野" "${YOSHI}野" "$txt"
	else
		skip "no installed font has 𠮷 (U+20BB7): documents print it as a box with its code"
	fi
	expect_no_match "no escape in the document's text" "$ESC" "$txt"
else
	skip "pdftotext is missing: the document part did not run"
fi

# ---- the screens: the stored escapes never reach the terminal --------------------------
if command -v tmux >/dev/null 2>&1 && have_locale ja_JP.UTF-8; then
	. "$top_srcdir/tests/tui/tui_lib.sh"
	start_desk h 80 24
	search h 3
	expect_screen "the screen shows the patient with placeholders" h "山田^[]0;pwned"
	title=$(tmux_ display-message -p -t h '#{pane_title}')
	expect_no_match "the OSC in the name did not set the terminal title" "pwned" "$title"
	raw=$(tmux_ capture-pane -p -e -t h)
	expect_no_match "no bidi override reaches the terminal" "$RLO" "$raw"
	expect_no_match "no clear-screen sequence from the name" "${ESC}\[2J" "$raw"
else
	skip "tmux or the ja_JP.UTF-8 locale is missing: the screen part did not run"
fi
finish
