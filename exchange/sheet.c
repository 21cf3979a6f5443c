/* Tables out (see exchange/sheet.h): the CSV side, and the dispatch to
 * the .xlsx side (exchange/xlsx.c).
 *
 * CSV for Excel on Japanese Windows: Excel opens a CSV by double-click in
 * the system's code page (CP932) unless the file starts with a UTF-8 BOM,
 * so UTF-8 gets the BOM; CP932 is there for older Excel and for the
 * receipt computers' own importers. Lines end in CRLF. Every cell goes
 * through the one cell writer (exch_csv_quote), so a name typed as
 * "=HYPERLINK(...)" opens as text.
 *
 * CP932 cannot hold every character a name may have (𠮷, most emoji, some
 * JIS X 0213 kanji): such a character is an error naming its row and
 * column, and nothing is substituted, because a register with a changed
 * name no longer proves who was notified. ICU's fallback mappings are
 * allowed: characters CP932 has under another code point (WAVE DASH 〜 is
 * written as CP932's ～, MINUS SIGN − as －, as Windows itself does); they
 * look the same on paper. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "core/i18n.h"
#include "exchange/internal.h"
#include "exchange/sheet.h"

struct sheet {
	sheet_options o;
	uint64_t rows;                 /* data rows written */
	FILE *f;                       /* CSV */
	UConverter *cnv;               /* CSV in CP932 */
	UChar *u;                      /* conversion buffers */
	size_t ucap;
	char *b;
	size_t bcap;
	xlsx_book *x;                  /* .xlsx */
	bool failed;
};

bool sheet_format_parse(const char *word, sheet_format *out)
{
	if (strcmp(word, "csv") == 0)
		*out = SHEET_CSV;
	else if (strcmp(word, "xlsx") == 0)
		*out = SHEET_XLSX;
	else
		return false;
	return true;
}

/* The first character of the UTF-8 text q that the converter cannot
 * write, as "𠮷 (U+20BB7)". */
static void first_unwritable(sheet *s, const char *q, char *out, size_t outsz)
{
	const uint8_t *p = (const uint8_t *)q;
	int32_t len = (int32_t)strlen(q), i = 0;
	snprintf(out, outsz, "?");
	while (i < len) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(p, i, len, c);
		UChar one[2];
		int32_t n = 0;
		UBool bad = false;
		U16_APPEND(one, n, 2, c, bad);
		char tmp[16];
		UErrorCode e = U_ZERO_ERROR;
		ucnv_resetFromUnicode(s->cnv);
		ucnv_fromUChars(s->cnv, tmp, sizeof tmp, one, n, &e);
		if (bad || U_FAILURE(e)) {
			snprintf(out, outsz, "%.*s (U+%04lX)", (int)(i - start), q + start,
			         (unsigned long)c);
			return;
		}
	}
}

/* Writes one cell, already quoted, in the file's encoding. */
static bool put(sheet *s, const char *q, const char *column, exch_error *err)
{
	if (s->cnv == NULL)
		return fputs(q, s->f) >= 0;
	size_t n = strlen(q);
	if (!exch_grow((char **)&s->u, &s->ucap, (n + 1) * sizeof(UChar)) ||
	    !exch_grow(&s->b, &s->bcap, n * 2 + 2)) {
		exch_say(err, _("FILE"), "%s", _("out of memory"));
		return false;
	}
	UErrorCode e = U_ZERO_ERROR;
	int32_t ulen = 0;
	u_strFromUTF8(s->u, (int32_t)(s->ucap / sizeof(UChar)), &ulen, q, (int32_t)n, &e);
	int32_t blen = 0;
	if (U_SUCCESS(e)) {
		ucnv_resetFromUnicode(s->cnv);
		blen = ucnv_fromUChars(s->cnv, s->b, (int32_t)s->bcap, s->u, ulen, &e);
	}
	if (U_FAILURE(e)) {
		char what[64];
		first_unwritable(s, q, what, sizeof what);
		/* The header is row 1, as the spreadsheet numbers it. */
		exch_say(err, "--encoding",
		    _("row %llu, column %s: %s cannot be written in CP932; export in UTF-8 (the default), or correct the text"),
		    (unsigned long long)(s->rows + 2), column, what);
		return false;
	}
	return fwrite(s->b, 1, (size_t)blen, s->f) == (size_t)blen;
}

static bool csv_row(sheet *s, const char *const *cells, bool header, exch_error *err)
{
	bool ok = true;
	for (size_t c = 0; ok && c < s->o.ncols; c++) {
		char *q = exch_csv_quote(cells[c] ? cells[c] : "");
		if (q == NULL) {
			exch_say(err, _("FILE"), "%s", _("out of memory"));
			return false;
		}
		const char *title = header ? q : _(s->o.cols[c].title);
		ok = put(s, q, title, err) && fputs(c + 1 < s->o.ncols ? "," : "\r\n", s->f) >= 0;
		free(q);
		if (!ok && !err->message[0])
			exch_say(err, "-o", "%s", strerror(errno));
	}
	return ok;
}

sheet *sheet_open(const sheet_options *o, exch_error *err)
{
	memset(err, 0, sizeof *err);
	sheet *s = calloc(1, sizeof *s);
	if (s == NULL) {
		exch_say(err, _("FILE"), "%s", _("out of memory"));
		return NULL;
	}
	s->o = *o;
	if (o->format == SHEET_XLSX) {
		s->x = xlsx_open(o, err);
		if (s->x == NULL) {
			free(s);
			return NULL;
		}
		return s;
	}
	s->f = fopen(o->path, "wb");
	if (s->f == NULL) {
		exch_say(err, "-o", "%s", strerror(errno));
		free(s);
		return NULL;
	}
	bool ok = true;
	if (o->encoding == EXCH_ENC_CP932) {
		UErrorCode e = U_ZERO_ERROR;
		s->cnv = ucnv_open(exch_encoding_icu(EXCH_ENC_CP932), &e);
		if (U_SUCCESS(e))
			ucnv_setFromUCallBack(s->cnv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
		if (U_SUCCESS(e))
			ucnv_setFallback(s->cnv, true);
		if (U_FAILURE(e)) {
			exch_say(err, "--encoding", "%s", _("this system's ICU has no CP932 converter"));
			ok = false;
		}
	} else {
		ok = fputs("\xEF\xBB\xBF", s->f) >= 0;   /* the BOM Excel needs */
	}
	const char *titles[64];
	for (size_t c = 0; ok && c < o->ncols && c < 64; c++)
		titles[c] = _(o->cols[c].title);
	if (ok && !csv_row(s, titles, true, err))
		ok = false;
	if (!ok) {
		if (!err->message[0])
			exch_say(err, "-o", "%s", strerror(errno));
		sheet_close(s, NULL);
		return NULL;
	}
	return s;
}

bool sheet_row(sheet *s, const char *const *cells, exch_error *err)
{
	memset(err, 0, sizeof *err);
	bool ok = s->x ? xlsx_row(s->x, s->rows + 1, cells, err) : csv_row(s, cells, false, err);
	if (ok)
		s->rows++;
	else
		s->failed = true;
	return ok;
}

uint64_t sheet_rows(const sheet *s)
{
	return s->rows;
}

bool sheet_close(sheet *s, exch_error *err)
{
	exch_error ignored;
	if (err == NULL)
		err = &ignored;
	memset(err, 0, sizeof *err);
	bool ok = !s->failed;
	if (s->x != NULL) {
		ok = xlsx_close(s->x, s->rows, err) && ok;
	} else if (s->f != NULL) {
		bool flushed = fflush(s->f) == 0 && !ferror(s->f);
		ok = fclose(s->f) == 0 && flushed && ok;
		if (!ok && !err->message[0])
			exch_say(err, "-o", "%s", strerror(errno));
	}
	if (s->cnv != NULL)
		ucnv_close(s->cnv);
	free(s->u);
	free(s->b);
	free(s);
	return ok;
}
