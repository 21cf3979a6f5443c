/* Reference codes: "N-7K3M-Q9PX". The alphabet drops everything that reads
 * like something else (0 O, 1 I L, U V-ish, Z 2), leaving 29 symbols. 29 is
 * prime, so a weighted check sum modulo 29 with distinct non-zero weights
 * catches every single wrong character (the error is d*w, never 0 mod 29)
 * and every swap of neighbours (the error is (a-b)(w_i - w_j), never 0). */
#include "config.h"
#include <ctype.h>
#include <string.h>
#include <sodium.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "core/refcode.h"

static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXY";
#define RADIX 29
#define RANDOM_CHARS 7
/* Weights: the prefix 1, the random characters 2..8, the check 9. */
#define CHECK_WEIGHT 9

static int value_of(char c)
{
	const char *p = c != '\0' ? strchr(alphabet, c) : NULL;
	return p != NULL ? (int)(p - alphabet) : -1;
}

/* The sum over the prefix and the random characters. */
static int partial_sum(const char body[1 + RANDOM_CHARS])
{
	int sum = 0;
	for (int i = 0; i < 1 + RANDOM_CHARS; i++)
		sum += (i + 1) * value_of(body[i]);
	return sum % RADIX;
}

/* The check value v solves partial + 9 v = 0 (mod 29); 9 * 13 = 117 = 1
 * (mod 29), so v = -13 partial. */
static char check_char(const char body[1 + RANDOM_CHARS])
{
	int v = (RADIX - (13 * partial_sum(body)) % RADIX) % RADIX;
	return alphabet[v];
}

static void format(const char body[1 + RANDOM_CHARS], char check, char out[REFCODE_SIZE])
{
	/* N-7K3M-Q9PX: prefix, 4 characters, 3 characters and the check. */
	out[0] = body[0];
	out[1] = '-';
	memcpy(out + 2, body + 1, 4);
	out[6] = '-';
	memcpy(out + 7, body + 5, 3);
	out[10] = check;
	out[11] = '\0';
}

void refcode_new(char prefix, char out[REFCODE_SIZE])
{
	char body[1 + RANDOM_CHARS];

	body[0] = value_of(prefix) >= 0 ? prefix : 'N';
	/* sodium_init is idempotent and thread-safe; randombytes_uniform is
	 * free of modulo bias. */
	if (sodium_init() < 0)
		sodium_misuse();
	for (int i = 1; i <= RANDOM_CHARS; i++)
		body[i] = alphabet[randombytes_uniform(RADIX)];
	format(body, check_char(body), out);
}

bool refcode_normalize(const char *typed, char out[REFCODE_SIZE])
{
	UErrorCode err = U_ZERO_ERROR;
	UChar src[64], folded[64];
	int32_t n = 0;

	if (typed == NULL)
		return false;
	/* NFKC turns full-width Ｎ－７Ｋ into N-7K (typed with an IME on). */
	u_strFromUTF8(src, 64, &n, typed, -1, &err);
	if (U_FAILURE(err) || n >= 64)
		return false;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
	n = U_SUCCESS(err) ? unorm2_normalize(nfkc, src, n, folded, 64, &err) : 0;
	if (U_FAILURE(err) || n >= 64)
		return false;
	char body[2 + RANDOM_CHARS];
	int k = 0;
	for (int32_t i = 0; i < n; i++) {
		UChar c = folded[i];
		/* Separators as people type them: spaces, any dash, and the
		 * katakana long vowel mark an IME gives for "-". */
		if (u_isUWhiteSpace(c) || u_hasBinaryProperty(c, UCHAR_DASH) || c == 0x30FC)
			continue;
		if (k == (int)sizeof body || c >= 0x80)
			return false;
		body[k++] = (char)toupper((unsigned char)c);
	}
	if (k != (int)sizeof body || (body[0] != 'N' && body[0] != 'R'))
		return false;
	for (int i = 0; i < k; i++)
		if (value_of(body[i]) < 0)
			return false;
	if (check_char(body) != body[1 + RANDOM_CHARS])
		return false;
	format(body, body[1 + RANDOM_CHARS], out);
	return true;
}
