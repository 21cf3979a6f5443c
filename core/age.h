/* Ages as of a date (Act on Calculation of Age; Civil Code Art. 143).
 * A 29 February birthday falls on 1 March in common years. */
#ifndef OD_AGE_H
#define OD_AGE_H

#include <stdbool.h>
#include "core/date.h"

/* The date on which a person born on `birth` turns `years` old. */
od_date age_birthday(od_date birth, int years);
/* Completed years on `asof`; -1 if asof is before birth. */
int age_years(od_date birth, od_date asof);
/* True on every date before the 16th birthday. */
bool age_under16(od_date birth, od_date asof);

#endif
