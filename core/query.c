/* What is typed into the search field. Several readings may hold at once
 * (3450302 is a patient number prefix and 昭和45年3月2日); the store ORs
 * them, so the receptionist never has to say which she meant. */
#include "config.h"
#include <string.h>
#include "core/query.h"

/* The text as a patient number prefix in key form (text_number_key):
 * full-width digits typed with the IME on, letters in either case and
 * leading zeros all fold the way the stored number_key did. At least one
 * digit, so that a name typed in romaji is not also a number. */
static bool number_of(const char *text, char *out, size_t outsz)
{
	return text_number_key(text, out, outsz) && strpbrk(out, "0123456789") != NULL;
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
