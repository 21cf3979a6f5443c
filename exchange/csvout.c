/* CSV out, the one writer of CSV cells (visits, import reports, the check
 * answers, the exports): RFC 4180 quoting; control characters and bytes
 * that are not UTF-8 shown as placeholders (a CSV read line by line never
 * meets a line break inside a cell); and a cell a spreadsheet would run as
 * a formula (CSV injection: = + - @ first, or tab/CR, which the
 * placeholders already defuse) quoted with an apostrophe first, so that
 * it stays text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "exchange/exchange.h"

char *exch_csv_quote(const char *s)
{
	char *shown = text_sanitize_dup(s ? s : "");
	if (shown == NULL)
		return NULL;
	size_t n = strlen(shown);
	bool formula = shown[0] != '\0' && strchr("=+-@\t\r", shown[0]) != NULL;
	bool quote = formula || strpbrk(shown, ",\"\r\n") != NULL || shown[0] == ' ' ||
	             (n > 0 && shown[n - 1] == ' ');
	if (!quote)
		return shown;
	/* Worst case: every character a quote, doubled; the quotes around and
	 * the apostrophe. */
	char *out = malloc(2 * n + 4);
	if (out != NULL) {
		size_t o = 0;
		out[o++] = '"';
		if (formula)
			out[o++] = '\'';
		for (const char *p = shown; *p; p++) {
			if (*p == '"')
				out[o++] = '"';
			out[o++] = *p;
		}
		out[o++] = '"';
		out[o] = '\0';
	}
	free(shown);
	return out;
}

bool exch_csv_field(FILE *out, const char *s)
{
	char *q = exch_csv_quote(s);
	if (q == NULL)
		return false;
	bool ok = fputs(q, out) >= 0;
	free(q);
	return ok;
}

bool exch_csv_cell(FILE *out, const char *s, bool last)
{
	bool ok = exch_csv_field(out, s);
	return fputs(last ? "\r\n" : ",", out) >= 0 && ok;
}
