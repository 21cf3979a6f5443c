/* Fuzz target: query_parse, what is typed into the search field (a number
 * prefix, a birth date in any form, a name or kana). */
#include "config.h"
#include "fuzz/fuzz.h"
#include "core/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 512)
		return 0;
	char *s = fuzz_string(data, size);
	patient_query q;
	if (query_parse(s, &q)) {
		if (q.by_birth)
			FUZZ_ASSERT(date_valid(q.birth));
		if (q.by_number)
			FUZZ_ASSERT(strlen(q.number) <= TEXT_NUMBER_MAX);
		FUZZ_ASSERT(memchr(q.key, '\0', sizeof q.key) != NULL);
	}
	free(s);
	return 0;
}
