/* CSV out: RFC 4180 quoting, and cells a spreadsheet would run as a
 * formula (CSV injection: = + - @, tab, CR first) made plain text. */
#include "config.h"

#include <string.h>

#include "exchange/exchange.h"

void exch_csv_cell(FILE *out, const char *s, bool last)
{
	if (!s)
		s = "";
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
	               s[0] == '\t' || s[0] == '\r';
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	             (s[0] && s[strlen(s) - 1] == ' ');
	if (quote) {
		fputc('"', out);
		if (formula)
			fputc('\'', out);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputs(last ? "\r\n" : ",", out);
}
