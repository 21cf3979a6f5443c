/* Fuzz target: date_parse, every form staff type (ISO, slashes, eight
 * digits, era letters, receipt-computer codes, kanji eras with 元年,
 * full-width). A parsed date must be valid, and its ISO and era forms must
 * parse back to the same date. */
#include "config.h"
#include "fuzz/fuzz.h"
#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256)
		return 0;
	char *s = fuzz_string(data, size);
	od_date d, back;
	date_err e = date_parse(s, &d);
	(void)date_err_message(e);
	if (e == DATE_OK) {
		FUZZ_ASSERT(date_valid(d));
		char iso[DATE_ISO_SIZE], era[64];
		date_format_iso(d, iso);
		FUZZ_ASSERT(date_parse(iso, &back) == DATE_OK && date_cmp(back, d) == 0);
		if (date_format_era(d, era, sizeof era))
			FUZZ_ASSERT(date_parse(era, &back) == DATE_OK && date_cmp(back, d) == 0);
		(void)date_era_letter(d);
		(void)date_flow_from(d, 1);
	}
	free(s);
	return 0;
}
