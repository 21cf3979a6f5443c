/* Bytes in the encodings a receipt computer writes -> UTF-8, one physical
 * line at a time, so that a decode error names its line and a file is
 * never held whole. 0x0A is never part of a CP932 or EUC-JP character, so
 * splitting the raw bytes at LF first is safe in all three encodings.
 * Strict: a byte sequence the encoding does not define is an error, never
 * a replacement character; a line of another encoding than the file's
 * (a CP932 file with UTF-8 lines pasted in) is an error too. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "core/i18n.h"
#include "exchange/internal.h"

#define CHUNK (64 * 1024)

struct exch_decoder {
	FILE *f;
	bool own;
	exch_encoding enc;
	UConverter *cnv;
	unsigned char *raw;            /* read buffer */
	size_t raw_len, raw_pos;
	bool eof;
	char *line;                    /* the raw line being gathered */
	size_t line_len, line_cap;
	UChar *u;
	size_t ucap;
	char *out;
	size_t outcap;
	uint64_t lineno;               /* of the last line returned */
	uint64_t bytes, total;
};

static const char *const enc_names[] = { "auto", "utf-8", "cp932", "euc-jp" };
/* ICU's converter names (windows-31j is CP932: NEC and IBM extensions,
 * which receipt computers write for ①, ㈱, 髙). */
static const char *const icu_names[] = { NULL, "UTF-8", "windows-31j", "EUC-JP" };

bool exch_encoding_parse(const char *w, exch_encoding *out)
{
	static const struct { const char *w; exch_encoding e; } words[] = {
		{ "utf-8", EXCH_ENC_UTF8 }, { "utf8", EXCH_ENC_UTF8 },
		{ "cp932", EXCH_ENC_CP932 }, { "sjis", EXCH_ENC_CP932 },
		{ "shift_jis", EXCH_ENC_CP932 }, { "shift-jis", EXCH_ENC_CP932 },
		{ "windows-31j", EXCH_ENC_CP932 }, { "ms932", EXCH_ENC_CP932 },
		{ "euc-jp", EXCH_ENC_EUCJP }, { "eucjp", EXCH_ENC_EUCJP },
		{ "auto", EXCH_ENC_AUTO },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(w, words[i].w) == 0) {
			*out = words[i].e;
			return true;
		}
	return false;
}

const char *exch_encoding_name(exch_encoding e)
{
	return (unsigned)e < 4 ? enc_names[e] : "?";
}

const char *exch_encoding_icu(exch_encoding e)
{
	return (unsigned)e < 4 ? icu_names[e] : NULL;
}

void exch_say(exch_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	snprintf(err->field, sizeof err->field, "%s", field);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

/* Valid UTF-8 (no overlongs, surrogates or values past U+10FFFF). With
 * partial, a sequence cut by the end of the buffer is accepted. *multi
 * tells whether any non-ASCII character was seen. */
static bool utf8_valid(const unsigned char *s, size_t n, bool partial, bool *multi)
{
	size_t i = 0;
	*multi = false;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		unsigned min;
		if (c >= 0xC2 && c <= 0xDF) { k = 1; min = 0x80; }
		else if (c >= 0xE0 && c <= 0xEF) { k = 2; min = 0x800; }
		else if (c >= 0xF0 && c <= 0xF4) { k = 3; min = 0x10000; }
		else return false;
		if (i + k >= n) {   /* cut by the end of the buffer */
			if (!partial)
				return false;
			for (size_t j = i + 1; j < n; j++)
				if ((s[j] & 0xC0) != 0x80)
					return false;
			return true;
		}
		unsigned v = c & (0x3F >> k);
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			v = (v << 6) | (s[i + j] & 0x3F);
		}
		if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return false;
		*multi = true;
		i += k + 1;
	}
	return true;
}

/* Decodes buf strictly with the ICU converter `name`: true when every
 * byte is part of a defined character. */
static bool decodes_as(const char *name, const unsigned char *buf, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	UConverter *c = ucnv_open(name, &e);
	if (U_FAILURE(e))
		return false;
	ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
	UChar tmp[4096];
	const char *src = (const char *)buf, *end = src + n;
	bool ok = true;
	while (src < end && ok) {
		UChar *t = tmp;
		e = U_ZERO_ERROR;
		/* flush false: a character cut by the end of the sample is
		 * not an error. */
		ucnv_toUnicode(c, &t, tmp + 4096, &src, end, NULL, false, &e);
		if (e == U_BUFFER_OVERFLOW_ERROR)
			continue;
		ok = U_SUCCESS(e);
		break;
	}
	ucnv_close(c);
	return ok;
}

/* How many whole lines from the start decode in `name` (UTF-8 when NULL). */
static size_t lines_decoding(const char *name, const unsigned char *buf, size_t n)
{
	size_t lines = 0, at = 0;
	while (at < n) {
		const unsigned char *nl = memchr(buf + at, '\n', n - at);
		if (!nl)
			break;
		size_t len = (size_t)(nl - (buf + at)) + 1;
		bool multi;
		if (name ? !decodes_as(name, buf + at, len) : !utf8_valid(buf + at, len, false, &multi))
			break;
		lines++;
		at += len;
	}
	return lines;
}

/* The encoding of the first bytes: BOM, valid UTF-8, else whichever of
 * CP932 and EUC-JP decodes them (ICU's detector decides when both do).
 * When none decodes them all (a file of mixed encodings), the one that
 * reads the most lines from the start: the decoder then stops at the first
 * line it cannot read, and names it. */
static bool detect(const unsigned char *buf, size_t n, bool whole, exch_encoding *out)
{
	bool multi;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		*out = EXCH_ENC_UTF8;
		return true;
	}
	if (utf8_valid(buf, n, !whole, &multi)) {
		*out = EXCH_ENC_UTF8;
		return true;
	}
	bool sjis = decodes_as(icu_names[EXCH_ENC_CP932], buf, n);
	bool euc = decodes_as(icu_names[EXCH_ENC_EUCJP], buf, n);
	if (sjis != euc) {
		*out = sjis ? EXCH_ENC_CP932 : EXCH_ENC_EUCJP;
		return true;
	}
	if (!sjis) {
		size_t u = lines_decoding(NULL, buf, n);
		size_t s = lines_decoding(icu_names[EXCH_ENC_CP932], buf, n);
		size_t e = lines_decoding(icu_names[EXCH_ENC_EUCJP], buf, n);
		if (u == 0 && s == 0 && e == 0)
			return false;
		*out = u >= s && u >= e ? EXCH_ENC_UTF8 : s >= e ? EXCH_ENC_CP932 : EXCH_ENC_EUCJP;
		return true;
	}
	UErrorCode e = U_ZERO_ERROR;
	UCharsetDetector *d = ucsdet_open(&e);
	ucsdet_setText(d, (const char *)buf, (int32_t)(n > INT32_MAX ? INT32_MAX : n), &e);
	int32_t count = 0;
	const UCharsetMatch **all = ucsdet_detectAll(d, &count, &e);
	*out = EXCH_ENC_CP932;
	for (int32_t i = 0; U_SUCCESS(e) && i < count; i++) {
		const char *name = ucsdet_getName(all[i], &e);
		if (name && strcmp(name, "EUC-JP") == 0) {
			*out = EXCH_ENC_EUCJP;
			break;
		}
		if (name && strcmp(name, "Shift_JIS") == 0)
			break;
	}
	ucsdet_close(d);
	return true;
}

static bool refill(exch_decoder *d, exch_error *err)
{
	if (d->raw_pos < d->raw_len || d->eof)
		return true;
	d->raw_pos = 0;
	d->raw_len = fread(d->raw, 1, CHUNK, d->f);
	if (d->raw_len == 0) {
		if (ferror(d->f)) {
			exch_say(err, _("FILE"), _("cannot be read: %s"), strerror(errno));
			return false;
		}
		d->eof = true;
	}
	return true;
}

exch_decoder *exch_decoder_open(const char *path, exch_encoding enc, exch_error *err)
{
	exch_decoder *d = calloc(1, sizeof *d);
	if (!d || !(d->raw = malloc(CHUNK))) {
		free(d);
		exch_say(err, _("FILE"), "%s", _("out of memory"));
		return NULL;
	}
	if (strcmp(path, "-") == 0) {
		d->f = stdin;
	} else {
		d->f = fopen(path, "rb");
		d->own = true;
		if (!d->f) {
			exch_say(err, _("FILE"), _("cannot be opened: %s"), strerror(errno));
			free(d->raw);
			free(d);
			return NULL;
		}
	}
	struct stat sb;
	if (fstat(fileno(d->f), &sb) == 0 && S_ISREG(sb.st_mode))
		d->total = (uint64_t)sb.st_size;
	/* A full first chunk for the detector (a pipe gives less per read). */
	while (d->raw_len < CHUNK) {
		size_t got = fread(d->raw + d->raw_len, 1, CHUNK - d->raw_len, d->f);
		if (got == 0)
			break;
		d->raw_len += got;
	}
	if (ferror(d->f)) {
		exch_say(err, _("FILE"), _("cannot be read: %s"), strerror(errno));
		exch_decoder_close(d);
		return NULL;
	}
	bool whole = d->raw_len < CHUNK;
	if (d->raw_len == 0) {
		exch_say(err, _("FILE"), "%s", _("the file is empty: no header and no rows"));
		exch_decoder_close(d);
		return NULL;
	}
	/* Text has no NUL and few control bytes; an image, a spreadsheet
	 * (.xlsx) or an executable has many. */
	size_t ctl = 0;
	for (size_t i = 0; i < d->raw_len; i++) {
		unsigned char c = d->raw[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			ctl++;
	}
	if (ctl > 4 && ctl * 100 > d->raw_len) {
		exch_say(err, _("FILE"), "%s",
		    _("this is binary data, not a CSV text file (export the list as CSV)"));
		exch_decoder_close(d);
		return NULL;
	}
	if (enc == EXCH_ENC_AUTO && !detect(d->raw, d->raw_len, whole, &enc)) {
		exch_say(err, _("FILE"), "%s",
		    _("the text is neither UTF-8, CP932 (Shift_JIS) nor EUC-JP; give --encoding"));
		exch_decoder_close(d);
		return NULL;
	}
	d->enc = enc;
	if (enc != EXCH_ENC_UTF8) {
		UErrorCode e = U_ZERO_ERROR;
		d->cnv = ucnv_open(icu_names[enc], &e);
		if (U_SUCCESS(e))
			ucnv_setToUCallBack(d->cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
		if (U_FAILURE(e)) {
			exch_say(err, _("FILE"), _("no converter for %s: %s"), enc_names[enc], u_errorName(e));
			exch_decoder_close(d);
			return NULL;
		}
	}
	/* The UTF-8 byte order mark is no part of the first header cell. */
	if (d->raw_len >= 3 && memcmp(d->raw, "\xEF\xBB\xBF", 3) == 0 && enc == EXCH_ENC_UTF8)
		d->raw_pos = 3;
	return d;
}

bool exch_grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap : 256;
	while (ncap < need)
		ncap *= 2;
	char *n = realloc(*buf, ncap);
	if (!n)
		return false;
	*buf = n;
	*cap = ncap;
	return true;
}

static const char *enc_label(exch_encoding e)
{
	switch (e) {
	case EXCH_ENC_CP932: return "CP932 (Shift_JIS)";
	case EXCH_ENC_EUCJP: return "EUC-JP";
	default: return "UTF-8";
	}
}

/* Converts the gathered raw line into d->out. */
static bool convert_line(exch_decoder *d, const char **text, size_t *len, exch_error *err)
{
	const unsigned char *s = (const unsigned char *)d->line;
	size_t n = d->line_len;
	if (memchr(s, '\0', n)) {
		exch_say(err, _("FILE"), _("line %llu: a NUL byte: this is not a text file"),
		    (unsigned long long)d->lineno);
		return false;
	}
	bool multi = false;
	bool utf8 = utf8_valid(s, n, false, &multi);
	if (d->enc == EXCH_ENC_UTF8) {
		if (!utf8) {
			exch_say(err, _("FILE"),
			    _("line %llu: bytes that are not UTF-8, as the lines before are (a file of mixed encodings? save it in one, or give --encoding)"),
			    (unsigned long long)d->lineno);
			return false;
		}
		*text = d->line;
		*len = n;
		return true;
	}
	if (utf8 && multi) {
		exch_say(err, _("FILE"),
		    _("line %llu: UTF-8 text in a %s file (a file of mixed encodings: save it in one)"),
		    (unsigned long long)d->lineno, enc_label(d->enc));
		return false;
	}
	if (!exch_grow((char **)&d->u, &d->ucap, (n + 1) * sizeof(UChar) * 2) ||
	    !exch_grow(&d->out, &d->outcap, n * 3 + 4)) {
		exch_say(err, _("FILE"), "%s", _("out of memory"));
		return false;
	}
	UErrorCode e = U_ZERO_ERROR;
	ucnv_resetToUnicode(d->cnv);
	UChar *t = d->u;
	const char *src = d->line;
	ucnv_toUnicode(d->cnv, &t, d->u + d->ucap / sizeof(UChar), &src,
	               d->line + n, NULL, true, &e);
	if (U_FAILURE(e)) {
		exch_say(err, _("FILE"),
		    _("line %llu: bytes that are not %s, as the lines before are (a file of mixed encodings? give --encoding)"),
		    (unsigned long long)d->lineno, enc_label(d->enc));
		return false;
	}
	int32_t olen = 0;
	u_strToUTF8(d->out, (int32_t)d->outcap, &olen, d->u, (int32_t)(t - d->u), &e);
	if (U_FAILURE(e)) {
		exch_say(err, _("FILE"), _("line %llu: cannot be converted to UTF-8"),
		    (unsigned long long)d->lineno);
		return false;
	}
	*text = d->out;
	*len = (size_t)olen;
	return true;
}

bool exch_decoder_read(exch_decoder *d, const char **text, size_t *len, exch_error *err)
{
	*len = 0;
	d->line_len = 0;
	for (;;) {
		if (!refill(d, err))
			return false;
		if (d->raw_pos >= d->raw_len) {   /* end of input */
			if (d->line_len == 0)
				return true;
			break;
		}
		unsigned char *start = d->raw + d->raw_pos;
		size_t avail = d->raw_len - d->raw_pos;
		unsigned char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) + 1 : avail;
		if (d->line_len + take > EXCH_LINE_MAX) {
			exch_say(err, _("FILE"),
			    _("line %llu is longer than %d MiB: this is not a patient or visit list"),
			    (unsigned long long)d->lineno + 1, EXCH_LINE_MAX / (1024 * 1024));
			return false;
		}
		if (!exch_grow(&d->line, &d->line_cap, d->line_len + take + 1)) {
			exch_say(err, _("FILE"), "%s", _("out of memory"));
			return false;
		}
		memcpy(d->line + d->line_len, start, take);
		d->line_len += take;
		d->raw_pos += take;
		d->bytes += take;
		if (nl)
			break;
	}
	d->lineno++;
	return convert_line(d, text, len, err);
}

exch_encoding exch_decoder_encoding(const exch_decoder *d) { return d->enc; }
uint64_t exch_decoder_bytes(const exch_decoder *d) { return d->bytes; }
uint64_t exch_decoder_total(const exch_decoder *d) { return d->total; }

void exch_decoder_close(exch_decoder *d)
{
	if (!d)
		return;
	if (d->own && d->f)
		fclose(d->f);
	if (d->cnv)
		ucnv_close(d->cnv);
	free(d->raw);
	free(d->line);
	free(d->u);
	free(d->out);
	free(d);
}
