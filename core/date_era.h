/* Private to core/date.c and core/date_parse.c: the era arithmetic that
 * needs ICU's Japanese calendar, kept in date.c with the ICU objects it
 * caches, and used by the parser in date_parse.c. Not for other modules. */
#ifndef OD_DATE_ERA_H
#define OD_DATE_ERA_H

#include <stdint.h>
#include <unicode/utypes.h>

#include "core/date.h"

/* Gregorian date of day d, month m of year ey of the era with letter
 * ('M'..'R'), checked by ICU: 平成32年 is DATE_ERR_ERA_YEAR. */
date_err date_era_to_gregorian(char letter, int ey, int m, int d, od_date *out);

/* y-m-d checked for month, day and the desk's range (1873..9999). */
date_err date_check_gregorian(int y, int m, int d, od_date *out);

/* The letter of the era named `name` (len UTF-16 units: u"令和") as ICU
 * names the modern eras in Japanese; 0 if none is. */
char date_era_letter_named(const UChar *name, int32_t len);

#endif
