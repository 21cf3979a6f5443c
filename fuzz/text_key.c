/* Fuzz target: names and kana as typed or imported, text_search_key and
 * text_given_name_key (kana folding, variant kanji), and the checks and
 * placeholders every screen and message relies on: text_check,
 * text_check_kana, text_sanitize and text_fit never let a control or
 * escape character through. */
#include "config.h"
#include "fuzz/fuzz.h"
#include "core/text.h"

/* No C0 control, DEL or C1 control (ESC, CSI as U+009B) in shown text. */
static int has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 1;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 2048)
		return 0;
	char *s = fuzz_string(data, size);
	char key[TEXT_KEY_SIZE], given[TEXT_KEY_SIZE];
	if (text_search_key(s, key, sizeof key)) {
		char again[TEXT_KEY_SIZE];
		FUZZ_ASSERT(text_search_key(key, again, sizeof again));
	}
	(void)text_given_name_key(s, given, sizeof given);
	char small[8];
	(void)text_search_key(s, small, sizeof small);
	(void)text_given_name_key(s, small, sizeof small);

	text_err e = text_check(s, TEXT_NAME_MAX, true);
	(void)text_err_message(e);
	(void)text_check_kana(s, TEXT_NAME_MAX, false);
	if (e == TEXT_OK) {
		(void)text_chars(s);
		(void)text_width(s);
	}
	char shown[1024], fit[256];
	text_sanitize(s, shown, sizeof shown);
	FUZZ_ASSERT(!has_control(shown));
	int cols = text_fit(s, 20, fit, sizeof fit);
	FUZZ_ASSERT(cols >= 0 && cols <= 20);
	FUZZ_ASSERT(!has_control(fit));
	free(s);
	return 0;
}
