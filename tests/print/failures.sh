#!/bin/sh
# What goes wrong says so in a sentence, and the record stays saved: a bad
# template (file and line), a bad URL, a full or unwritable output folder.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/print/common.sh"
setup_clinic
OVR="$XDG_CONFIG_HOME/optout-desk/templates"
mkdir -p "$OVR"

# ---- a clinic's template with an unknown placeholder ---------------------------
printf '<!-- paper a4 -->\n{{clinic_name}}\n{{clinic_fax}}\n' >"$OVR/notice-ja.tmpl"
run_desk print notice 1001 -o "$TEST_TMP/x.pdf"
expect_rc "unknown placeholder" 1
expect_contains "unknown placeholder: file and line" "$OVR/notice-ja.tmpl, line 3" "$ERR"
expect_contains "unknown placeholder: the name" "{{clinic_fax}}" "$ERR"
if [ -e "$TEST_TMP/x.pdf" ]; then fail "a file was written for a bad template"; else pass; fi
run_desk template check
expect_rc "template check finds it" 1
expect_contains "template check: file and line" "notice-ja.tmpl, line 3" "$ERR"

# ---- malformed markup --------------------------------------------------------
printf '{{clinic_name}}\n\n<b>bold\nstill bold</i>\n' >"$OVR/slip-ja.tmpl"
run_desk print slip 1001 -o "$TEST_TMP/x.pdf"
expect_rc "bad markup" 1
expect_match "bad markup: file and line" "slip-ja.tmpl, line [34]: " "$ERR"
rm -f "$OVR/notice-ja.tmpl" "$OVR/slip-ja.tmpl"
ok "template check with the shipped templates" template check
ok "record kept" patient show 1001
expect_contains "the notice is still recorded" "$NREF" "$OUT"

# ---- bad notice URLs ------------------------------------------------------------
for url in 'ftp://sakura.example.jp/optout' 'https://sakura.example.jp/a b' 'sakura.example.jp'; do
	bad_input "init --url $url" "--url" init --url "$url"
done
LONG="https://sakura.example.jp/$(printf '%0600d' 0)"
bad_input "init --url too long for a QR code" "--url" init --url "$LONG"
expect_contains "too long: says QR" "QR" "$ERR"

# ---- the output folder: full, missing, not a folder ----------------------------
if [ -w /dev/full ]; then
	run_desk print notice 1001 -o /dev/full
	expect_rc "full device" 1
	expect_contains "full: says the disk is full" "disk is full" "$ERR"
else
	fail "/dev/full is not available"
fi
run_desk print notice 1001 -o "$TEST_TMP/no/such/folder/n.pdf"
expect_rc "missing folder" 1
expect_contains "missing folder: says so" "folder does not exist" "$ERR"
: >"$TEST_TMP/afile"
ok "printer outdir under a file" printer outdir "$TEST_TMP/afile/out"
run_desk print notice 1001
expect_rc "unwritable output folder" 1
expect_contains "unwritable output folder: names it" "$TEST_TMP/afile/out" "$ERR"
expect_contains "unwritable output folder: says it" "could not be created" "$ERR"
if [ "$(id -u)" -eq 0 ] && mkdir -p "$TEST_TMP/tiny" && mount -t tmpfs -o size=64k tmpfs "$TEST_TMP/tiny" 2>/dev/null; then
	trap 'umount "$TEST_TMP/tiny" 2>/dev/null || true; rm -rf "$TEST_TMP"' EXIT
	head -c 60000 /dev/zero >"$TEST_TMP/tiny/filler" 2>/dev/null || true
	ok "printer outdir on a full disk" printer outdir "$TEST_TMP/tiny"
	run_desk print notice 1001
	expect_rc "full output folder" 1
	expect_contains "full output folder: says the disk is full" "disk is full" "$ERR"
	if ls "$TEST_TMP/tiny" | grep -q 'pdf'; then fail "a partial PDF was left in the full folder"; else pass; fi
	umount "$TEST_TMP/tiny"
else
	skip "a full output folder (needs root to mount a small tmpfs); /dev/full covered the message"
fi
ok "printer outdir default" printer outdir default
ok "record kept" patient show 1001
expect_contains "the stop is still recorded" "$RREF" "$OUT"
finish
