/* Text rules: search keys, validation and safe display. Decoding and
 * character properties come from ICU (utf8.h, uchar.h), folding from ICU's
 * NFKC_Casefold normalizer and its Katakana-Hiragana transliterator; widths
 * from wcwidth, the same function curses measures with. */
#include "config.h"
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>
#include "core/i18n.h"
#include "core/text.h"

/* wcwidth takes a wchar_t; on glibc (and wherever __STDC_ISO_10646__ is
 * defined) a wchar_t holds the code point itself. */
#ifndef __STDC_ISO_10646__
#error "wchar_t must hold Unicode code points (__STDC_ISO_10646__)"
#endif

/* ---- search keys -------------------------------------------------------- */

/* Opened once and kept: the program is single-threaded, and opening a
 * transliterator costs far more than using it (a million keys in bulk). */
static UTransliterator *kana_trans(void)
{
	static UTransliterator *t;
	static bool failed;
	if (t == NULL && !failed) {
		UErrorCode err = U_ZERO_ERROR;
		UChar id[64];
		/* The long vowel mark is left alone: ICU would spell ジョージ as
		 * じょおじ, while じょーじ typed in hiragana keeps its ー, and
		 * the two must meet. */
		u_uastrcpy(id, "[^\\u30FC] Katakana-Hiragana");
		t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
		if (U_FAILURE(err)) {
			t = NULL;
			failed = true;
		}
	}
	return t;
}

#define KEY_UCHARS (TEXT_KEY_SIZE * 2)

bool text_search_key(const char *in, char *out, size_t outsz)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar src[KEY_UCHARS], folded[KEY_UCHARS];
	int32_t n = 0;

	if (outsz == 0)
		return false;
	out[0] = '\0';
	u_strFromUTF8(src, KEY_UCHARS, &n, in, -1, &err);
	if (U_FAILURE(err) || n >= KEY_UCHARS)
		return false;
	/* NFKC folds half-width kana (ﾀﾞ → ダ) and full-width letters and
	 * digits; the case fold makes ＹＡＭＡＤＡ and yamada one key. */
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&err);
	if (U_FAILURE(err))
		return false;
	n = unorm2_normalize(nfkc, src, n, folded, KEY_UCHARS, &err);
	if (U_FAILURE(err) || n >= KEY_UCHARS)
		return false;
	UTransliterator *t = kana_trans();
	if (t == NULL)
		return false;
	int32_t limit = n;
	utrans_transUChars(t, folded, &n, KEY_UCHARS, 0, &limit, &err);
	if (U_FAILURE(err) || n >= KEY_UCHARS)
		return false;
	/* Spaces between family and given name are typed or not at will. */
	int32_t k = 0;
	for (int32_t i = 0; i < n; i++)
		if (!u_isUWhiteSpace(folded[i]))
			folded[k++] = folded[i];
	int32_t len = 0;
	u_strToUTF8(out, (int32_t)(outsz > INT32_MAX ? INT32_MAX : outsz), &len, folded, k, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING || (size_t)len >= outsz) {
		out[0] = '\0';
		return false;
	}
	return true;
}

/* ---- validation --------------------------------------------------------- */

/* Characters that must never be stored in a name or a note: C0/C1 and DEL,
 * line and paragraph separators, and invisible format characters (bidi
 * overrides could make a name read backwards on screen). */
static bool is_control(UChar32 c)
{
	int8_t t = u_charType(c);
	return t == U_CONTROL_CHAR || t == U_FORMAT_CHAR || t == U_LINE_SEPARATOR ||
	       t == U_PARAGRAPH_SEPARATOR || t == U_SURROGATE;
}

/* Walks s: counts code points, notes a control character or bad byte and
 * whether anything but spaces is present. */
typedef struct scan {
	size_t chars;
	bool bad_utf8, control, nonspace, not_kana;
} scan;

static bool kana_char(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);
	if (U_SUCCESS(err) && (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA))
		return true;
	/* Common-script marks used in kana names: ー ｰ ・ ･ and the (half-
	 * width) voiced sound marks, plus the spaces between names. */
	switch (c) {
	case 0x30FC: case 0xFF70: case 0x30FB: case 0xFF65:
	case 0x3099: case 0x309A: case 0x309B: case 0x309C: case 0xFF9E: case 0xFF9F:
	case 0x0020: case 0x3000:
		return true;
	default:
		return false;
	}
}

static scan text_scan(const char *s)
{
	scan r = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	int32_t len = (int32_t)strnlen(s, INT32_MAX), i = 0;
	while (i < len) {
		UChar32 c;
		U8_NEXT(p, i, len, c);
		r.chars++;
		if (c < 0) {
			r.bad_utf8 = true;
			continue;
		}
		if (is_control(c))
			r.control = true;
		if (!u_isUWhiteSpace(c))
			r.nonspace = true;
		if (!kana_char(c))
			r.not_kana = true;
	}
	return r;
}

static text_err check(const char *s, size_t max_chars, bool required, bool kana)
{
	if (s == NULL)
		s = "";
	scan r = text_scan(s);
	if (r.bad_utf8)
		return TEXT_BAD_UTF8;
	if (r.control)
		return TEXT_CONTROL;
	if (!r.nonspace)
		return required ? TEXT_EMPTY : TEXT_OK;
	if (r.chars > max_chars)
		return TEXT_TOO_LONG;
	if (kana && r.not_kana)
		return TEXT_NOT_KANA;
	return TEXT_OK;
}

text_err text_check(const char *s, size_t max_chars, bool required)
{
	return check(s, max_chars, required, false);
}

text_err text_check_kana(const char *s, size_t max_chars, bool required)
{
	return check(s, max_chars, required, true);
}

const char *text_err_message(text_err e)
{
	switch (e) {
	case TEXT_OK: return N_("is correct");
	case TEXT_EMPTY: return N_("must not be empty");
	case TEXT_TOO_LONG: return N_("is too long; shorten it");
	case TEXT_CONTROL: return N_("contains control characters (such as line breaks, tabs or escape codes); type plain text");
	case TEXT_BAD_UTF8: return N_("is not valid UTF-8 text");
	case TEXT_NOT_KANA: return N_("use hiragana or katakana only (ー ・ and spaces are allowed)");
	}
	return N_("is not valid");
}

size_t text_chars(const char *s)
{
	return text_scan(s != NULL ? s : "").chars;
}

/* ---- display ------------------------------------------------------------ */

/* One character as it will be shown: either the character itself or a
 * placeholder, with its width in columns. */
typedef struct shown {
	char bytes[8];
	int len, cols;
} shown;

static void shown_placeholder(shown *sh, UChar32 c)
{
	if (c >= 0 && c < 0x20) {            /* ^A .. ^_ , ESC as ^[ */
		sh->bytes[0] = '^';
		sh->bytes[1] = (char)('@' + c);
		sh->len = sh->cols = 2;
	} else if (c == 0x7F) {
		memcpy(sh->bytes, "^?", 2);
		sh->len = sh->cols = 2;
	} else {                             /* U+FFFD REPLACEMENT CHARACTER */
		memcpy(sh->bytes, "\xEF\xBF\xBD", 3);
		sh->len = 3;
		sh->cols = 1;
	}
}

/* Decodes the next character of s at *i and how it is shown. */
static void next_shown(const uint8_t *s, int32_t *i, int32_t len, shown *sh)
{
	int32_t start = *i;
	UChar32 c;
	U8_NEXT(s, *i, len, c);
	if (c < 0 || is_control(c)) {
		shown_placeholder(sh, c < 0 ? -1 : c);
		return;
	}
	int w = wcwidth((wchar_t)c);
	if (w < 0) {                         /* the locale cannot show it */
		shown_placeholder(sh, -1);
		return;
	}
	sh->len = *i - start;
	memcpy(sh->bytes, s + start, (size_t)sh->len);
	sh->cols = w;
}

int text_fit(const char *in, int cols, char *out, size_t outsz)
{
	const uint8_t *s = (const uint8_t *)(in != NULL ? in : "");
	int32_t len = (int32_t)strnlen((const char *)s, INT32_MAX), i = 0;
	size_t o = 0;
	int used = 0;

	if (outsz == 0)
		return 0;
	while (i < len) {
		shown sh;
		next_shown(s, &i, len, &sh);
		/* Never half a wide glyph, never half a character. */
		if (used + sh.cols > cols || o + (size_t)sh.len >= outsz)
			break;
		memcpy(out + o, sh.bytes, (size_t)sh.len);
		o += (size_t)sh.len;
		used += sh.cols;
	}
	out[o] = '\0';
	return used;
}

void text_sanitize(const char *in, char *out, size_t outsz)
{
	text_fit(in, INT_MAX, out, outsz);
}

int text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)(s != NULL ? s : "");
	int32_t len = (int32_t)strnlen((const char *)p, INT32_MAX), i = 0;
	int cols = 0;
	while (i < len) {
		shown sh;
		next_shown(p, &i, len, &sh);
		cols += sh.cols;
	}
	return cols;
}

bool text_patient_number_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;
	if (n == 0 || n > TEXT_NUMBER_MAX)
		return false;
	/* ASCII only: numbers are typed on receipt computers and barcodes. */
	return strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") == n;
}

bool text_email_ok(const char *s)
{
	const char *at = s != NULL ? strchr(s, '@') : NULL;
	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	       strpbrk(s, " \t\r\n") == NULL;
}
