/* Small helpers shared by the cmocka tests of dates. Include after
 * <cmocka.h>. */
#ifndef OD_TEST_HELPERS_H
#define OD_TEST_HELPERS_H

#include "core/date.h"

static inline od_date mk(int y, int m, int d)
{
	od_date r = { y, m, d };
	return r;
}

/* Fails with both dates written out, which says more than three ints. */
static inline void assert_date(od_date got, int y, int m, int d)
{
	if (got.y != y || got.m != m || got.d != d)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

#endif
