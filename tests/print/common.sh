# Shared by the print tests: a clinic, a patient with a notice and a stop,
# and helpers that read documents back with real readers.
TOPBM="$top_builddir/tests/print/topbm"
URL_SETTING='https://sakura.example.jp/optout?ref={{ref}}'
URL_BASE='https://sakura.example.jp/optout?ref='
CLINIC='さくら内科クリニック'
ERA='令和8年11月24日'
for tool in pdftotext pdftoppm zbarimg; do
	command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: $tool is not installed (./bootstrap.sh installs it)" >&2; exit 1; }
done
[ -x "$TOPBM" ] || { echo "FAIL: $TOPBM is not built" >&2; exit 1; }

setup_clinic() {
	ok "init" init --clinic "$CLINIC" --phone 03-1234-5678 \
		--email desk@sakura.example.jp --hours '月〜金 9:00〜17:00' \
		--address '東京都千代田区千代田1-2-3' --url "$URL_SETTING"
	ok "patient" patient add --no 1001 --name '山田 花子' --kana 'ヤマダ ハナコ' --birth 1980-05-01
	ok "notice" notice 1001 --date 2026-11-24 --to self
	NREF=${OUT%% *}
	ok "refuse" refuse 1001 --date 2026-11-24 --by self --channel desk --id-check mynumber --delete-provided
	RREF=$OUT
}

# qr_of FILE: every QR code zbarimg finds in a PDF (all pages) or an image,
# one per line.
qr_of() {
	case "$1" in
	*.pdf)
		rm -f "$TEST_TMP"/page-*.png
		pdftoppm -r 150 -png "$1" "$TEST_TMP/page"
		for _p in "$TEST_TMP"/page-*.png; do
			zbarimg -q --raw "$_p" 2>/dev/null || true
		done ;;
	*)
		zbarimg -q --raw "$1" 2>/dev/null || true ;;
	esac
}
# expect_qr WHAT FILE URL: exactly one code, with exactly that URL.
expect_qr() {
	expect_eq "$1: QR code" "$3" "$(qr_of "$2")"
}
pdf_text() {
	pdftotext -layout "$1" - 2>/dev/null | tr -d '\f'
}
# expect_phrase WHAT PHRASE TEXT: like expect_contains, but blind to where
# the layout broke lines (pdftotext keeps the document's line breaks).
expect_phrase() {
	_flat=$(printf '%s' "$3" | tr -d ' \n\t')
	_want=$(printf '%s' "$2" | tr -d ' \n\t')
	if printf '%s' "$_flat" | grep -Fq -- "$_want"; then pass; else fail "$1: [$3] does not contain [$2]"; fi
}
