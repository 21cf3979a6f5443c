/* Interpreting what is typed into the search field: a patient number, a
 * birth date in any form date_parse accepts, or a name (kanji or kana). */
#ifndef OD_QUERY_H
#define OD_QUERY_H

#include <stdbool.h>
#include "core/date.h"
#include "core/text.h"

typedef struct patient_query {
	/* A number prefix, in the key form of text_number_key ("0001" and
	 * "１" give "1"; "a-1" gives "A-1"): the store range-scans its
	 * number_key column (text_number_key of each number) with it, so what
	 * is typed matches whatever width the clinic pads numbers to. Note the
	 * prefix is on the key: "0001" finds 1, 10, 123..., not only 0001. */
	bool by_number;
	char number[TEXT_NUMBER_MAX + 1];
	bool by_birth;           /* parsed by date_parse, kanji forms too */
	od_date birth;
	bool by_key;             /* name/kana prefix on the folded key */
	char key[TEXT_KEY_SIZE];
} patient_query;

/* More than one of by_number/by_birth/by_key may be set (e.g. 3450302 is
 * both a number prefix and a date). False when the text is empty. */
bool query_parse(const char *text, patient_query *q);

#endif
