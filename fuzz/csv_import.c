/* Fuzz target: the import reader of issue 9 (exchange/): the encoding
 * detected and decoded (UTF-8, CP932, EUC-JP, with or without BOM), the
 * text fed to the CSV reader in pieces split at an input-chosen place
 * (quotes and line breaks across pieces), the header recognised as
 * columns, and every cell through the value parsers (dates, sex, kana
 * width); the first line also as a --map. */
#define _GNU_SOURCE
#include "config.h"
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz/fuzz.h"
#include "exchange/internal.h"

static bool row(const exch_row *r, void *ctx)
{
	int *rows = ctx;
	if ((*rows)++ == 0) {
		exch_map m;
		memset(&m, 0, sizeof m);
		exch_columns c;
		(void)exch_columns_from_header(r, &m, &c);
	}
	for (size_t i = 0; i < r->n; i++) {
		char buf[512], kana[2048];
		od_date d;
		char sex;
		FUZZ_ASSERT(r->f[i] != NULL);
		snprintf(buf, sizeof buf, "%s", r->f[i]);
		char *t = exch_trim(buf);
		(void)exch_header_field(t);
		(void)exch_parse_date(t, &d);
		(void)exch_parse_sex(t, &sex);
		(void)exch_kana_fullwidth(t, kana, sizeof kana);
	}
	return *rows < 10000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	size_t split = data[0];
	data++;
	size--;
	/* A --map from the first line. */
	const uint8_t *nl = memchr(data, '\n', size < 200 ? size : 200);
	char *map = fuzz_string(data, nl ? (size_t)(nl - data) : (size < 200 ? size : 200));
	exch_map m;
	exch_error err;
	memset(&err, 0, sizeof err);
	(void)exch_map_parse(map, &m, &err);
	free(map);

	/* The decoder reads a file: the input as one, in memory. */
	int fd = memfd_create("fuzz-import", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	exch_decoder *dec = exch_decoder_open(path, EXCH_ENC_AUTO, &err);
	int rows = 0;
	exch_csv *csv = dec ? exch_csv_new(row, &rows, &err) : NULL;
	if (csv) {
		const char *text;
		size_t len;
		bool ok = true;
		while (ok && exch_decoder_read(dec, &text, &len, &err) && len > 0) {
			size_t cut = split < len ? split : len;
			ok = exch_csv_feed(csv, text, cut) && exch_csv_feed(csv, text + cut, len - cut);
		}
		if (ok)
			(void)exch_csv_finish(csv);
		exch_csv_free(csv);
	}
	if (dec)
		exch_decoder_close(dec);
	close(fd);
	return 0;
}
