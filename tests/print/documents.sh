#!/bin/sh
# Every shipped document renders; pdftotext reads the clinic, the era date
# and the reference; the QR code decodes to exactly the notice URL.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"
setup_clinic
D=$TEST_TMP/docs
mkdir -p "$D"

# ---- the notice, by patient number and by reference --------------------------
ok "print notice by number" print notice 1001 -o "$D/notice.pdf"
expect_contains "print says the path" "$D/notice.pdf" "$OUT"
T=$(pdf_text "$D/notice.pdf")
expect_contains "notice: clinic" "$CLINIC" "$T"
expect_contains "notice: era date" "$ERA" "$T"
expect_contains "notice: reference" "$NREF" "$T"
# 1001 asked to stop on the day of the notice: no flow date is promised
expect_phrase "notice: the stop in effect" "提供停止のお申し出を受け付けております" "$T"
expect_no_match "notice: no flow-from date under the stop" "令和8年12月25日" "$T"
expect_phrase "notice: refusing changes nothing" "不利益を受けることは一切ありません" "$T"
expect_contains "notice: phone" "03-1234-5678" "$T"
expect_eq "notice: two pages (front and back)" "2" \
	"$(pdfinfo "$D/notice.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
expect_qr "notice" "$D/notice.pdf" "$URL_BASE$NREF"
LOWER=$(printf '%s' "$NREF" | tr 'A-Z' 'a-z')
ok "print notice by reference (typed in lower case)" print notice "$LOWER" -o "$D/notice2.pdf"
expect_qr "notice by reference" "$D/notice2.pdf" "$URL_BASE$NREF"

ok "a patient who did not stop" patient add --no 1003 --name '田中 一' --kana 'タナカ ハジメ' --birth 1990-02-02
ok "notice" notice 1003 --date 2026-11-24 --to self
ok "print notice" print notice 1003 -o "$D/notice-1003.pdf"
expect_contains "notice: flow-from date" "令和8年12月25日" "$(pdf_text "$D/notice-1003.pdf")"
ok "print notice in English" print notice "$NREF" --lang en -o "$D/notice-en.pdf"
T=$(pdf_text "$D/notice-en.pdf")
expect_contains "english: clinic" "$CLINIC" "$T"
expect_contains "english: era date" "$ERA" "$T"
expect_contains "english: reference" "$NREF" "$T"
expect_phrase "english: text" "Refusing changes nothing in your care" "$T"
expect_qr "english notice" "$D/notice-en.pdf" "$URL_BASE$NREF"

ok "print large notice" print notice 1001 --large -o "$D/notice-large.pdf"
T=$(pdf_text "$D/notice-large.pdf")
expect_contains "large: clinic" "$CLINIC" "$T"
expect_contains "large: era date" "$ERA" "$T"
expect_contains "large: reference" "$NREF" "$T"
expect_qr "large notice" "$D/notice-large.pdf" "$URL_BASE$NREF"

ok "print notice as PNG" print notice 1001 --format png -o "$D/notice.png"
expect_eq "png signature" "PNG" "$(head -c 4 "$D/notice.png" | tail -c 3)"
expect_qr "notice png" "$D/notice.png" "$URL_BASE$NREF"

# ---- the slip: 80 mm PDF and ESC/POS -------------------------------------------
ok "print slip" print slip 1001 -o "$D/slip.pdf"
T=$(pdf_text "$D/slip.pdf")
expect_contains "slip: clinic" "$CLINIC" "$T"
expect_contains "slip: era date" "$ERA" "$T"
expect_contains "slip: reference" "$NREF" "$T"
expect_match "slip: 80 mm wide" '^226\.7[0-9]* x' \
	"$(pdfinfo "$D/slip.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')"
expect_qr "slip" "$D/slip.pdf" "$URL_BASE$NREF"

ok "print slip as ESC/POS" print slip 1001 --format escpos -o "$D/slip.bin"
expect_eq "escpos: starts with ESC @ then GS v 0" "1b 40 1d 76 30 00 48 00" \
	"$(od -An -tx1 -N8 "$D/slip.bin" | tr -s ' ' | sed 's/^ //;s/ $//')"
expect_eq "escpos: ends with feed and cut" "1b 64 04 1d 56 42 00" \
	"$(tail -c 7 "$D/slip.bin" | od -An -tx1 | tr -s ' ' | sed 's/^ //;s/ $//')"
if "$TOPBM" escpos <"$D/slip.bin" >"$D/slip.pbm" 2>"$D/slip.size"; then pass; else fail "escpos: $(cat "$D/slip.size")"; fi
expect_match "escpos: 576 dots wide" '^576x[0-9]+$' "$(cat "$D/slip.size")"
# size = 2 (ESC @) + 8 per band + 72 bytes per row + 7 (feed, cut)
H=$(sed 's/^576x//' "$D/slip.size")
BANDS=$(( (H + 255) / 256 ))
expect_eq "escpos: size" "$((2 + 8 * BANDS + 72 * H + 7))" "$(wc -c <"$D/slip.bin" | tr -d ' ')"
expect_qr "escpos raster" "$D/slip.pbm" "$URL_BASE$NREF"

# ---- the receipt and the poster -------------------------------------------------
ok "print receipt by number" print receipt 1001 -o "$D/receipt.pdf"
T=$(pdf_text "$D/receipt.pdf")
expect_contains "receipt: clinic" "$CLINIC" "$T"
expect_contains "receipt: era date" "$ERA" "$T"
expect_contains "receipt: receipt number" "$RREF" "$T"
expect_contains "receipt: kind" "提供停止の求め" "$T"
expect_phrase "receipt: deletion asked" "削除を事業者に求めます" "$T"
expect_contains "receipt: patient" "山田 花子" "$T"
expect_qr "receipt" "$D/receipt.pdf" "$URL_BASE"
ok "print receipt by receipt number" print receipt "$RREF" -o "$D/receipt2.pdf"
expect_contains "receipt by number: number" "$RREF" "$(pdf_text "$D/receipt2.pdf")"

ok "print poster" print poster -o "$D/poster.pdf"
T=$(pdf_text "$D/poster.pdf")
expect_contains "poster: clinic" "$CLINIC" "$T"
expect_contains "poster: today in era form" "$ERA" "$T"
expect_qr "poster" "$D/poster.pdf" "$URL_BASE"

# ---- no printer configured: saved in the output folder --------------------------
ok "print without -o" print notice 1001
F="$HOME/Documents/optout-desk/notice-$NREF.pdf"
expect_contains "says where it was saved" "$F" "$OUT"
if [ -s "$F" ]; then pass; else fail "no file at $F"; fi
expect_qr "saved notice" "$F" "$URL_BASE$NREF"

# ---- what does not exist --------------------------------------------------------
ok "patient without a notice" patient add --no 1002 --name '佐藤 一郎' --kana 'サトウ イチロウ' --birth 1970-01-01
bad_input "patient without a notice" "patient number" print notice 1002
expect_contains "says there is no notice" "no notice" "$ERR"
bad_input "receipt reference for a notice" "reference" print notice "$RREF"
bad_input "unknown document" "document" print leaflet 1001
bad_input "bad --format" "--format" print notice 1001 --format bmp
expect_contains "--format lists the formats" "pdf, png, escpos" "$ERR"
bad_input "bad --lang" "--lang" print notice 1001 --lang fr
bad_input "--large for a slip" "--large" print slip 1001 --large
bad_input "poster takes no reference" "1001" print poster 1001
bad_input "no such patient" "patient number" print notice 9999
finish
