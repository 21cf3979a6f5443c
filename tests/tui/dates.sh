#!/bin/sh
# Date fields take what people write: 平成30年4月1日, 令和元年5月1日,
# 昭和45年3月2日, full-width digits; the form shows the date as understood,
# and a date it cannot read is refused inline with the accepted forms.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tui/tui_lib.sh"

init_clinic
start_desk d 80 24
keys d F2
expect_screen "register form" d "新規患者の登録"
keys d Tab Tab Tab
for pair in "平成30年4月1日:2018-04-01" "令和元年5月1日:2019-05-01" "昭和45年3月2日:1970-03-02" "２０２６－１１－２０:2026-11-20"; do
	typed=${pair%%:*} iso=${pair#*:}
	keys d C-u
	type_text d "$typed"
	expect_screen "$typed is understood" d "($iso)"
done
keys d C-u
type_text d "2026年13月"
expect_screen "an unreadable date is marked while typing" d "（日付として読めません）"
keys d Tab Tab   # birth date, sex, round to the number
type_text d "9"; keys d Tab; type_text d "名前"; keys d Tab; type_text d "カナ"
keys d F12
expect_screen "refused inline, naming the field" d "生年月日:"
expect_screen "listing the accepted forms" d "令和8年11月24日"
finish
