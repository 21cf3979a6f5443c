/* What is typed into the search field. Several readings may hold at once
 * (3450302 is a patient number prefix and 昭和45年3月2日); the store ORs
 * them, so the receptionist never has to say which she meant. */
#include "config.h"
#include <string.h>
#include "core/query.h"

/* The text as a patient number prefix: NFKC-folded (full-width digits
 * typed with the IME on count too), ASCII letters, digits and hyphens with
 * at least one digit. Letters are upper case, as numbers like A-1234 are
 * registered. */
static bool number_of(const char *text, char *out, size_t outsz)
{
	char key[TEXT_KEY_SIZE];
	/* The search key is NFKC-folded with spaces removed: exactly the
	 * normalisation a number needs. */
	if (!text_search_key(text, key, sizeof key) || key[0] == '\0')
		return false;
	size_t n = strlen(key);
	if (n >= outsz)
		return false;
	bool digit = false;
	for (size_t i = 0; i < n; i++) {
		char c = key[i];
		if (c >= '0' && c <= '9')
			digit = true;
		else if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (c != '-')
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return digit;
}

bool query_parse(const char *text, patient_query *q)
{
	memset(q, 0, sizeof *q);
	if (text == NULL)
		return false;
	char key[TEXT_KEY_SIZE];
	if (!text_search_key(text, key, sizeof key) || key[0] == '\0')
		return false;

	q->by_number = number_of(text, q->number, sizeof q->number);
	q->by_birth = date_parse(text, &q->birth) == DATE_OK;
	/* Digits or a date are not a name; anything else is matched as a
	 * name or kana prefix. */
	if (!q->by_birth && !(q->by_number && strspn(q->number, "0123456789") == strlen(q->number))) {
		memcpy(q->key, key, sizeof q->key);
		q->by_key = true;
	}
	return true;
}
