/* One cell to one value: blanks trimmed, half-width kana made full-width,
 * the date and sex codes receipt computers write. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "exchange/internal.h"

char *exch_trim(char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)   /* U+3000 */
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

/* U+FF61..U+FF9D to their full-width forms (JIS X 0201 order). */
static const uint16_t fullwidth[] = {
	0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2,
	0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3,
	0x30FC,
	0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA,
	0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,
	0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,
	0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
	0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,
	0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB,
	0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2,
	0x30E4, 0x30E6, 0x30E8,
	0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED,
	0x30EF, 0x30F3,
};

static size_t put3(char *out, unsigned cp)
{
	out[0] = (char)(0xE0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* The code point of a 3-byte UTF-8 sequence at s, or 0. */
static unsigned get3(const unsigned char *s)
{
	if ((s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
}

static bool voiceable(unsigned k)
{
	return (k >= 0x30AB && k <= 0x30C8 && k != 0x30C3) ||
	       (k >= 0x30CF && k <= 0x30DB && (k - 0x30CF) % 3 == 0);
}

bool exch_kana_fullwidth(const char *in, char *out, size_t outsz)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;
	while (*s) {
		unsigned cp = get3(s);
		if (cp >= 0xFF61 && cp <= 0xFF9F) {
			if (o + 4 > outsz)
				return false;
			if (cp >= 0xFF9E) {   /* a lone mark: the combining-free form */
				o += put3(out + o, cp == 0xFF9E ? 0x309B : 0x309C);
				s += 3;
				continue;
			}
			unsigned k = fullwidth[cp - 0xFF61];
			/* get3 stops at a NUL, so reading past the end never happens. */
			unsigned next = get3(s + 3);
			size_t used = 3;
			if (next) {
				if (next == 0xFF9E && k == 0x30A6) {
					k = 0x30F4;   /* ｳﾞ → ヴ */
					used = 6;
				} else if (next == 0xFF9E && voiceable(k)) {
					k += 1;
					used = 6;
				} else if (next == 0xFF9F && k >= 0x30CF && k <= 0x30DB &&
				           (k - 0x30CF) % 3 == 0) {
					k += 2;
					used = 6;
				}
			}
			o += put3(out + o, k);
			s += used;
			continue;
		}
		if (o + 2 > outsz)
			return false;
		out[o++] = (char)*s++;
	}
	out[o] = '\0';
	return true;
}

bool exch_parse_date(const char *s, od_date *out)
{
	size_t n = strlen(s);
	bool digits = n == 8;
	for (size_t i = 0; i < n && digits; i++)
		digits = isdigit((unsigned char)s[i]);
	if (digits) {
		od_date d = { (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
		              (s[4] - '0') * 10 + (s[5] - '0'), (s[6] - '0') * 10 + (s[7] - '0') };
		if (!date_valid(d))
			return false;
		*out = d;
		return true;
	}
	return date_parse(s, out) == DATE_OK;
}

bool exch_parse_sex(const char *s, char *out)
{
	static const struct { const char *w; char sex; } words[] = {
		{ "1", 'm' }, { "男", 'm' }, { "男性", 'm' }, { "M", 'm' }, { "m", 'm' },
		{ "2", 'f' }, { "女", 'f' }, { "女性", 'f' }, { "F", 'f' }, { "f", 'f' },
		{ "", 'u' }, { "0", 'u' }, { "9", 'u' }, { "u", 'u' }, { "U", 'u' },
		{ "不明", 'u' },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(s, words[i].w) == 0) {
			*out = words[i].sex;
			return true;
		}
	return false;
}

bool exch_parse_time(const char *s, char out[6])
{
	int h = -1, m = -1;
	size_t n = strlen(s);
	if (n == 4 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else {
		const char *p = s;
		if (!isdigit((unsigned char)*p))
			return false;
		h = 0;
		while (isdigit((unsigned char)*p) && h < 100)
			h = h * 10 + (*p++ - '0');
		if (*p++ != ':' || !isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) && !p[3])
			p += 3;
		if (*p)
			return false;
	}
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return false;
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return true;
}
