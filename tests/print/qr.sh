#!/bin/sh
# `optout-desk qr`: the half blocks the screens draw, PNG and SVG, all read
# back by zbarimg.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"
setup_clinic

ok "qr (utf8 to stdout)" qr
printf '%s\n' "$OUT" >"$TEST_TMP/qr.txt"
expect_no_match "only half blocks and spaces" '[^ ▀▄█]' "$(cat "$TEST_TMP/qr.txt")"
# 4-module quiet zone: the first two lines are blank, every line starts with 4 spaces
expect_eq "quiet zone on top" "" "$(head -n 2 "$TEST_TMP/qr.txt" | tr -d ' \n')"
expect_eq "quiet zone on the left" "0" "$(grep -cv '^    ' "$TEST_TMP/qr.txt" || true)"
if "$TOPBM" blocks <"$TEST_TMP/qr.txt" >"$TEST_TMP/qr.pbm"; then pass; else fail "topbm blocks"; fi
expect_qr "half blocks" "$TEST_TMP/qr.pbm" "$URL_BASE"

ok "qr --ref" qr --ref "$NREF"
printf '%s\n' "$OUT" | "$TOPBM" blocks >"$TEST_TMP/qrref.pbm"
expect_qr "half blocks with the reference" "$TEST_TMP/qrref.pbm" "$URL_BASE$NREF"

ok "qr png" qr --format png --ref "$NREF" -o "$TEST_TMP/qr.png"
expect_qr "png" "$TEST_TMP/qr.png" "$URL_BASE$NREF"

ok "qr svg" qr --format svg -o "$TEST_TMP/qr.svg"
expect_contains "svg is vector rectangles" "<rect" "$(cat "$TEST_TMP/qr.svg")"
# librsvg reads the SVG as a browser would; zbarimg reads what it drew.
if command -v rsvg-convert >/dev/null 2>&1; then
	if rsvg-convert --zoom 8 --background-color white -o "$TEST_TMP/qrsvg.png" "$TEST_TMP/qr.svg"; then
		pass
	else
		fail "rsvg-convert could not read the SVG"
	fi
	expect_qr "svg" "$TEST_TMP/qrsvg.png" "$URL_BASE"
else
	fail "rsvg-convert (librsvg2-bin) is not installed (./bootstrap.sh installs it)"
fi

bad_input "bad --format" "--format" qr --format jpeg
bad_input "bad --ref" "--ref" qr --ref N-XXXX
finish
