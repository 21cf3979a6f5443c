/* Reading the dates staff type at the desk or copy from insurance cards
 * and forms (date_parse of core/date.h). The era arithmetic needs ICU's
 * calendar and lives with the ICU objects in date.c (core/date_era.h); the
 * error messages stay in date.c too, where po/POTFILES.in finds them. */
#include "config.h"
#include "core/date.h"

#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/date_era.h"

enum { DATE_UCHARS = 128 };  /* longer text is no date */

/* The text through ICU's NFKC with blanks trimmed: full-width digits,
 * letters and punctuation (２０２６／１１／２４, Ｒ８．１１．２４) become
 * ASCII, the ideographic space a space, and the era ligatures ㍻ ㋿ become
 * 平成 令和. Returns the length from *start, or -1 on bad UTF-8 or text
 * too long to be a date. */
static int32_t date_nfkc(const char *text, UChar u[DATE_UCHARS], int32_t *start)
{
	UChar src[DATE_UCHARS];
	const UNormalizer2 *nfkc;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n, i = 0;

	u_strFromUTF8(src, DATE_UCHARS, &n, text, -1, &st);
	if (U_FAILURE(st) || n >= DATE_UCHARS)
		return -1;
	nfkc = unorm2_getNFKCInstance(&st);
	if (U_FAILURE(st))
		return -1;
	n = unorm2_normalize(nfkc, src, n, u, DATE_UCHARS, &st);
	if (U_FAILURE(st) || n >= DATE_UCHARS)
		return -1;
	while (n > 0 && u_isUWhiteSpace(u[n - 1]))
		n--;
	while (i < n && u_isUWhiteSpace(u[i]))
		i++;
	*start = i;
	return n - i;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1..max digits; returns how many were read (0 = none or too many). */
static int read_num(const char **p, int max, int *val)
{
	int n = 0, v = 0;

	while (is_digit(**p)) {
		if (++n > max)
			return 0;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*val = v;
	return n;
}

static int num_fixed(const char *s, int len)
{
	int v = 0;

	while (len-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* "Y<sep>M<sep>D" with the same separator ('-', '/' or '.') twice. */
static bool parse_separated(const char *p, int ymin, int ymax, int *y, int *m, int *d)
{
	char sep;
	int n = read_num(&p, ymax, y);

	if (n < ymin)
		return false;
	sep = *p;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	p++;
	if (!read_num(&p, 2, m) || *p != sep)
		return false;
	p++;
	if (!read_num(&p, 2, d) || *p != '\0')
		return false;
	return true;
}

/* The letter and digit forms (plain ASCII after NFKC, trimmed):
 *   YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD (8 digits)
 *   E Y.M.D, E Y/M/D, E Y-M-D, E YYMMDD (E = era letter, any case)
 *   NYYMMDD (7 digits; receipt-computer era code N: M=1 T=2 S=3 H=4 R=5) */
static date_err parse_ascii(const char *s, size_t len, od_date *out)
{
	/* The receipt-computer digit codes are a fixed convention of Japanese
	 * medical billing software, not calendar data, hence a table here. */
	static const char era_codes[] = "MTSHR";
	size_t i;
	int y, m, d;

	if (is_digit(s[0])) {
		bool all_digits = true;

		for (i = 0; i < len; i++)
			all_digits = all_digits && is_digit(s[i]);
		if (all_digits && len == 8)
			return date_check_gregorian(num_fixed(s, 4), num_fixed(s + 4, 2),
						    num_fixed(s + 6, 2), out);
		if (all_digits && len == 7) {
			const int code = s[0] - '0';

			if (code < 1 || code > 5)
				return DATE_ERR_ERA;
			return date_era_to_gregorian(era_codes[code - 1], num_fixed(s + 1, 2),
						     num_fixed(s + 3, 2), num_fixed(s + 5, 2), out);
		}
		if (!all_digits && parse_separated(s, 4, 4, &y, &m, &d))
			return date_check_gregorian(y, m, d, out);
		return DATE_ERR_FORMAT;
	}

	if ((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) {
		const char letter = (char)(s[0] & ~0x20);  /* ASCII upper case */
		const char *r = s + 1;
		bool six = len == 7;

		for (i = 1; six && i < len; i++)
			six = is_digit(s[i]);
		if (six) {
			y = num_fixed(r, 2);
			m = num_fixed(r + 2, 2);
			d = num_fixed(r + 4, 2);
		} else if (!parse_separated(r, 1, 4, &y, &m, &d)) {
			return DATE_ERR_FORMAT;
		}
		return date_era_to_gregorian(letter, y, m, d, out);
	}
	return DATE_ERR_FORMAT;
}

/* ---- the kanji forms: 令和8年11月24日, 令和元年5月1日, 2026年11月24日 ---- */

#define U_NEN 0x5E74    /* 年 */
#define U_GATSU 0x6708  /* 月 */
#define U_NICHI 0x65E5  /* 日 */
#define U_GAN 0x5143    /* 元, as in 令和元年: year 1 of an era */

/* Where the kanji form has been read to. Blanks may stand between any two
 * parts ("平成 30年 4月 1日"), as people copy them from printed forms. */
typedef struct ucur {
	const UChar *s;
	int32_t i, n;
} ucur;

static void ucur_blanks(ucur *c)
{
	while (c->i < c->n && u_isUWhiteSpace(c->s[c->i]))
		c->i++;
}

static bool ucur_digit(const ucur *c)
{
	return c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9';
}

/* Blanks, then 1..max digits; how many were read (0: none or too many). */
static int ucur_num(ucur *c, int max, int *val)
{
	int k = 0, v = 0;

	ucur_blanks(c);
	while (ucur_digit(c)) {
		if (++k > max)
			return 0;
		v = v * 10 + (c->s[c->i++] - '0');
	}
	*val = v;
	return k;
}

/* Blanks, then the character ch. */
static bool ucur_eat(ucur *c, UChar ch)
{
	ucur_blanks(c);
	if (c->i >= c->n || c->s[c->i] != ch)
		return false;
	c->i++;
	return true;
}

/* The letter of an era written as its name (令和, through ICU's Japanese
 * era names) or as its letter (R8年...); 0 if it is neither. */
static char era_letter_of(const UChar *name, int32_t len)
{
	if (len == 1 && name[0] < 0x80 && u_isalpha(name[0]))
		return (char)u_toupper(name[0]);
	return date_era_letter_named(name, len);
}

/* [era] year 年 month 月 day 日, the era being a name before the year (or
 * none for a four-digit Gregorian year) and the year digits or 元. */
static date_err parse_kanji(const UChar *s, int32_t n, od_date *out)
{
	ucur c = { s, 0, n };
	int32_t era_len;
	int y, m, d, ylen;
	char letter;

	/* The era name runs up to the year, 元 or a blank. */
	while (c.i < n && !ucur_digit(&c) && s[c.i] != U_GAN && !u_isUWhiteSpace(s[c.i]))
		c.i++;
	era_len = c.i;
	ucur_blanks(&c);
	if (era_len > 0 && c.i < n && s[c.i] == U_GAN) {
		y = ylen = 1;
		c.i++;
	} else {
		ylen = ucur_num(&c, 4, &y);
	}
	if (!ylen || !ucur_eat(&c, U_NEN) || !ucur_num(&c, 2, &m) || !ucur_eat(&c, U_GATSU) ||
	    !ucur_num(&c, 2, &d) || !ucur_eat(&c, U_NICHI))
		return DATE_ERR_FORMAT;
	ucur_blanks(&c);
	if (c.i != n)
		return DATE_ERR_FORMAT;
	if (era_len == 0)  /* 45年3月2日 names no era: only 2026年 is a year */
		return ylen == 4 ? date_check_gregorian(y, m, d, out) : DATE_ERR_FORMAT;
	if (!(letter = era_letter_of(s, era_len)))
		return DATE_ERR_ERA;
	return date_era_to_gregorian(letter, y, m, d, out);
}

date_err date_parse(const char *text, od_date *out)
{
	UChar u[DATE_UCHARS];
	char buf[DATE_UCHARS];
	int32_t start, n, i;

	if (!text || !out)
		return DATE_ERR_EMPTY;
	if ((n = date_nfkc(text, u, &start)) < 0)
		return DATE_ERR_FORMAT;  /* bad UTF-8, or absurdly long */
	if (n == 0)
		return DATE_ERR_EMPTY;
	for (i = 0; i < n; i++) {
		if (u[start + i] == 0 || u[start + i] > 0x7e)
			return parse_kanji(u + start, n, out);
		buf[i] = (char)u[start + i];
	}
	buf[n] = '\0';
	return parse_ascii(buf, (size_t)n, out);
}
