#include "config.h"
#include "core/age.h"

/* The Act on Calculation of Age counts age from the day of birth, and Civil
 * Code Art. 143 ends a period of years on the day before the corresponding
 * day; with no corresponding day (29 February in a common year) it ends on
 * the last day of February, so the new age holds from 1 March. */
od_date age_birthday(od_date birth, int years)
{
	od_date b = { 0, 0, 0 };

	if (!date_valid(birth) || years < 0 || birth.y + (long)years > 9999)
		return b;
	b.y = birth.y + years;
	b.m = birth.m;
	b.d = birth.d;
	if (b.d > date_days_in_month(b.y, b.m)) {
		/* Only 29 February can lack its day: it becomes 1 March. */
		b.m++;
		b.d = 1;
	}
	return b;
}

int age_years(od_date birth, od_date asof)
{
	int n;
	od_date b;

	if (!date_valid(birth) || !date_valid(asof) || date_cmp(asof, birth) < 0)
		return -1;
	n = asof.y - birth.y;
	b = age_birthday(birth, n);
	if (date_cmp(asof, b) < 0)
		n--;
	return n;
}

/* An unknown or impossible birth date counts as under 16: the desk then
 * refuses a notice or withdrawal filed by the patient alone, which is the
 * side that keeps data from flowing (fail closed). */
bool age_under16(od_date birth, od_date asof)
{
	od_date b16 = age_birthday(birth, 16);

	if (!date_valid(b16) || !date_valid(asof))
		return true;
	return date_cmp(asof, b16) < 0;
}
