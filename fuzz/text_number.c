/* Fuzz target: patient numbers, text_number_normalize (at the widths a
 * clinic may set) and text_number_key. What either accepts is a number
 * text_patient_number_ok accepts, and normalising or keying it again
 * changes nothing. */
#include "config.h"
#include "fuzz/fuzz.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 256)
		return 0;
	int width = data[0] % (TEXT_NUMBER_MAX + 3) - 1;   /* -1 .. 32 */
	char *s = fuzz_string(data + 1, size - 1);
	char norm[TEXT_NUMBER_MAX + 1], again[TEXT_NUMBER_MAX + 1];
	char key[TEXT_NUMBER_MAX + 1], key2[TEXT_NUMBER_MAX + 1];
	if (text_number_normalize(s, width, norm, sizeof norm)) {
		FUZZ_ASSERT(text_patient_number_ok(norm));
		FUZZ_ASSERT(text_number_normalize(norm, width, again, sizeof again));
		FUZZ_ASSERT(strcmp(norm, again) == 0);
	}
	if (text_number_key(s, key, sizeof key)) {
		FUZZ_ASSERT(text_patient_number_ok(key));
		FUZZ_ASSERT(text_number_key(key, key2, sizeof key2) && strcmp(key, key2) == 0);
	}
	/* Small output buffers: never written past. */
	char tiny[4];
	(void)text_number_normalize(s, width, tiny, sizeof tiny);
	(void)text_number_key(s, tiny, sizeof tiny);
	free(s);
	return 0;
}
