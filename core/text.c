/* Text rules: search keys, validation and safe display. Decoding and
 * character properties come from ICU (utf8.h, uchar.h), folding from ICU's
 * NFKC_Casefold normalizer and its Katakana-Hiragana transliterator; widths
 * from wcwidth, the same function curses measures with. */
#include "config.h"
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
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

/* `in` (UTF-8) through ICU normaliser `norm` into out; the length in
 * UTF-16 units, or -1 on bad UTF-8 or when it does not fit. */
static int32_t normalize_utf8(const char *in, const UNormalizer2 *norm, UChar *out, int32_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar src[KEY_UCHARS];
	int32_t n = 0;

	u_strFromUTF8(src, KEY_UCHARS, &n, in, -1, &err);
	if (U_FAILURE(err) || n >= KEY_UCHARS)
		return -1;
	n = unorm2_normalize(norm, src, n, out, cap, &err);
	if (U_FAILURE(err) || n >= cap)
		return -1;
	return n;
}

/* Variant kanji that registers, insurance cards and people write for the
 * same name: 髙橋 and 高橋 are one family at the desk. ICU has no such
 * folding (NFKC leaves these unified ideographs alone, and 﨑 U+FA11 is one
 * of the compatibility ideographs without a decomposition), hence a table.
 * Kept short on purpose: only the variants common in Japanese surnames.
 * The 斉 family folds to 斉 (the simplest form) from 齋, 齊 and 斎. Only the
 * search key is folded; the name is stored and printed as written. */
static const struct { UChar from, to; } kanji_variants[] = {
	{ 0x9AD9, 0x9AD8 },  /* 髙 → 高 */
	{ 0xFA11, 0x5D0E },  /* 﨑 → 崎 */
	{ 0x908A, 0x8FBA },  /* 邊 → 辺 */
	{ 0x9089, 0x8FBA },  /* 邉 → 辺 */
	{ 0x9F4B, 0x6589 },  /* 齋 → 斉 */
	{ 0x9F4A, 0x6589 },  /* 齊 → 斉 */
	{ 0x658E, 0x6589 },  /* 斎 → 斉 */
	{ 0x6FF5, 0x6D5C },  /* 濵 → 浜 */
	{ 0x6FF1, 0x6D5C },  /* 濱 → 浜 */
	{ 0x5FB7, 0x5FB3 },  /* 德 → 徳 */
	{ 0x51A8, 0x5BCC },  /* 冨 → 富 */
	{ 0x66FB, 0x6607 },  /* 曻 → 昇 */
	{ 0x6AFB, 0x685C },  /* 櫻 → 桜 */
	{ 0x6FA4, 0x6CA2 },  /* 澤 → 沢 */
	{ 0x5D8B, 0x5CF6 },  /* 嶋 → 島 */
	{ 0x570B, 0x56FD },  /* 國 → 国 */
};

static UChar fold_variant(UChar c)
{
	if (c < 0x4E00)      /* below the CJK ideographs: most characters */
		return c;
	for (size_t i = 0; i < sizeof kanji_variants / sizeof kanji_variants[0]; i++)
		if (kanji_variants[i].from == c)
			return kanji_variants[i].to;
	return c;
}

/* Variation selectors: VS1-16 (U+FE00-FE0F) and the ideographic variation
 * sequences' VS17-256 (U+E0100-E01EF, a surrogate pair in UTF-16) pick a
 * glyph, not a different name: 葛 and 葛 plus a selector are one key.
 * (NFKC_Casefold already drops them as default-ignorable; the key must not
 * depend on that staying so.) */
static int32_t selector_at(const UChar *s, int32_t i, int32_t n)
{
	if (s[i] >= 0xFE00 && s[i] <= 0xFE0F)
		return 1;
	if (i + 1 < n && U16_IS_LEAD(s[i]) && U16_IS_TRAIL(s[i + 1])) {
		UChar32 c = U16_GET_SUPPLEMENTARY(s[i], s[i + 1]);
		if (c >= 0xE0100 && c <= 0xE01EF)
			return 2;
	}
	return 0;
}

bool text_search_key(const char *in, char *out, size_t outsz)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar folded[KEY_UCHARS];

	if (outsz == 0)
		return false;
	out[0] = '\0';
	/* NFKC folds half-width kana (ﾀﾞ → ダ) and full-width letters and
	 * digits; the case fold makes ＹＡＭＡＤＡ and yamada one key. */
	const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&err);
	if (U_FAILURE(err))
		return false;
	int32_t n = normalize_utf8(in, nfkc, folded, KEY_UCHARS);
	if (n < 0)
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
	for (int32_t i = 0; i < n; i++) {
		int32_t vs = selector_at(folded, i, n);
		if (vs > 0)
			i += vs - 1;
		else if (!u_isUWhiteSpace(folded[i]))
			folded[k++] = fold_variant(folded[i]);
	}
	int32_t len = 0;
	u_strToUTF8(out, (int32_t)(outsz > INT32_MAX ? INT32_MAX : outsz), &len, folded, k, &err);
	if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING || (size_t)len >= outsz) {
		out[0] = '\0';
		return false;
	}
	return true;
}

bool text_given_name_key(const char *name, char *out, size_t outsz)
{
	if (outsz == 0)
		return false;
	out[0] = '\0';
	if (name == NULL)
		return false;
	/* Blanks before the family name are not the gap after it. */
	while (*name == ' ' || strncmp(name, "\xE3\x80\x80", 3) == 0)
		name += *name == ' ' ? 1 : 3;
	const char *sp = strchr(name, ' ');
	const char *ideo = strstr(name, "\xE3\x80\x80");  /* U+3000 */
	if (sp == NULL || (ideo != NULL && ideo < sp))
		sp = ideo;
	if (sp == NULL)
		return false;
	if (!text_search_key(sp, out, outsz))
		return false;
	return out[0] != '\0';
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

char *text_sanitize_dup(const char *in)
{
	const uint8_t *s = (const uint8_t *)(in != NULL ? in : "");
	int32_t len = (int32_t)strnlen((const char *)s, INT32_MAX / 4), i = 0;
	/* A placeholder takes at most 3 bytes for every byte it stands for. */
	char *out = malloc((size_t)len * 3 + 1);
	size_t o = 0;
	if (out == NULL)
		return NULL;
	while (i < len) {
		int32_t start = i;
		UChar32 c;
		U8_NEXT(s, i, len, c);
		if (c < 0 || is_control(c)) {
			shown sh;
			shown_placeholder(&sh, c < 0 ? -1 : c);
			memcpy(out + o, sh.bytes, (size_t)sh.len);
			o += (size_t)sh.len;
		} else {
			memcpy(out + o, s + start, (size_t)(i - start));
			o += (size_t)(i - start);
		}
	}
	out[o] = '\0';
	return out;
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

/* ---- patient numbers ---------------------------------------------------- */

static bool number_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/* Dashes that reach the number field: with the IME on, the '-' key gives
 * ー (or －, which NFKC already folds), and pasted numbers bring ‐ or −. */
static bool number_dash(UChar c)
{
	return c == '-' || c == 0x30FC || (c >= 0x2010 && c <= 0x2013) || c == 0x2212;
}

/* NFKC, blanks trimmed, letters upper-cased: the number as ASCII in out
 * (TEXT_NUMBER_MAX + 1 bytes), or false if anything else is left. */
static bool number_fold(const char *in, char out[TEXT_NUMBER_MAX + 1])
{
	enum { CAP = 128 };  /* a number is 31 characters; blanks around it are few */
	UErrorCode err = U_ZERO_ERROR;
	UChar u[CAP];
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	if (U_FAILURE(err) || in == NULL)
		return false;
	int32_t n = normalize_utf8(in, nfkc, u, CAP), i = 0, k = 0;
	while (n > 0 && u_isUWhiteSpace(u[n - 1]))
		n--;
	while (i < n && u_isUWhiteSpace(u[i]))
		i++;
	if (n - i < 1 || n - i > TEXT_NUMBER_MAX)
		return false;
	for (; i < n; i++) {
		UChar c = u[i];
		if (c >= 'a' && c <= 'z')
			c = (UChar)(c - 'a' + 'A');
		else if (number_dash(c))
			c = '-';
		if (c != '-' && (c > 0x7F || !number_alnum((char)c)))
			return false;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return text_patient_number_ok(out);
}

/* width > 0: the clinic's width, zeros first stripped then padded to it;
 * 0: the digits as typed (what the clinic's cards show); -1: the key,
 * leading zeros stripped ("0001" and "1" are one number). */
static bool number_form(const char *in, int width, char *out, size_t outsz)
{
	char num[TEXT_NUMBER_MAX + 1];

	if (out == NULL || outsz == 0)
		return false;
	out[0] = '\0';
	if (width > TEXT_NUMBER_MAX || !number_fold(in, num))
		return false;
	size_t len = strlen(num), pad = 0;
	const char *start = num;
	if (width != 0 && strspn(num, "0123456789") == len) {
		/* All zeros are the number 0. */
		while (start[0] == '0' && start[1] != '\0')
			start++;
		len = strlen(start);
		if (width > 0 && (size_t)width > len)
			pad = (size_t)width - len;
	}
	if (pad + len >= outsz)
		return false;
	memset(out, '0', pad);
	memcpy(out + pad, start, len + 1);
	return true;
}

bool text_number_normalize(const char *in, int width, char *out, size_t outsz)
{
	if (width < 0) {
		if (out != NULL && outsz > 0)
			out[0] = '\0';
		return false;
	}
	return number_form(in, width, out, outsz);
}

bool text_number_key(const char *in, char *out, size_t outsz)
{
	return number_form(in, -1, out, outsz);
}

bool text_patient_number_ok(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;
	if (n == 0 || n > TEXT_NUMBER_MAX)
		return false;
	/* ASCII only: numbers are typed on receipt computers and barcodes;
	 * upper case only, as text_number_normalize leaves them. A number of
	 * hyphens alone names nothing. */
	return strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-") == n && strspn(s, "-") < n;
}

bool text_email_ok(const char *s)
{
	const char *at = s != NULL ? strchr(s, '@') : NULL;
	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	       strpbrk(s, " \t\r\n") == NULL;
}
