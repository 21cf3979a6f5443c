/* Interpreting what is typed into the search field: a patient number, a
 * birth date in any form date_parse accepts, or a name (kanji or kana). */
#ifndef OD_QUERY_H
#define OD_QUERY_H

#include <stdbool.h>
#include "core/date.h"
#include "core/text.h"

typedef struct patient_query {
	bool by_number;          /* digits only: number prefix */
	char number[32];
	bool by_birth;           /* parsed as a date */
	od_date birth;
	bool by_key;             /* name/kana prefix on the folded key */
	char key[TEXT_KEY_SIZE];
} patient_query;

/* More than one of by_number/by_birth/by_key may be set (e.g. 3450302 is
 * both a number prefix and a date). False when the text is empty. */
bool query_parse(const char *text, patient_query *q);

#endif
