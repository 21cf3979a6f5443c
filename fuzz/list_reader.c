/* Fuzz target: the check lists that come from the pipeline (issue 10's
 * exchange/list.c): a number a line or the first CSV column, a header
 * skipped. Every field read back is written as a CSV cell (exch_csv_field,
 * the one CSV cell writer): no raw control character, and a cell that
 * begins like a formula is quoted with an apostrophe first. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "fuzz/fuzz.h"
#include "exchange/list.h"
#include "exchange/exchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 65536)
		return 0;
	list_reader r;
	memset(&r, 0, sizeof r);
	/* What list_open does for a file, on the input bytes. */
	r.f = fmemopen((void *)data, size, "r");
	if (r.f == NULL)
		return 0;
	r.close = true;
	char *cell = NULL;
	size_t cellsz = 0;
	const char *field;
	while ((field = list_next(&r)) != NULL) {
		FILE *out = open_memstream(&cell, &cellsz);
		if (out == NULL)
			abort();
		exch_csv_field(out, field);
		fclose(out);
		for (size_t i = 0; i < cellsz; i++) {
			unsigned char c = (unsigned char)cell[i];
			FUZZ_ASSERT(c >= 0x20 && c != 0x7f);
		}
		FUZZ_ASSERT(cellsz == 0 || strchr("=+-@", cell[0]) == NULL);
		free(cell);
		cell = NULL;
	}
	list_close(&r);
	return 0;
}
