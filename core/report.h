/* The office's reports (issue 13): the daily report (日報) and the month
 * and year reports. The counts of one period, per day or month and per
 * staff member, and the share of patients in each state; how the periods
 * are named, and the block-character bars the screens draw. Pure: store/
 * reads the counts, print/ and tui/ show them. */
#ifndef OD_REPORT_H
#define OD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/eligibility.h"
#include "core/rules.h"

typedef enum report_span { REPORT_DAY, REPORT_MONTH, REPORT_YEAR } report_span;

/* What one counted row is. */
typedef enum report_event {
	REV_NOTICE,          /* notice handed, by recipient kind */
	REV_STOP,            /* stop, by channel and requester kind */
	REV_WITHDRAW,        /* withdrawal, likewise */
	REV_ADDITION,        /* deletion request added on top of the stop in
	                        effect: not a second stop */
	REV_PRINT,           /* a document printed */
	REV_COUNT
} report_event;

typedef struct report_tally {
	long notices[REQ_KIND_COUNT];
	long stops[CH_COUNT][REQ_KIND_COUNT];
	long withdrawals[CH_COUNT][REQ_KIND_COUNT];
	long additions;
	long prints;
} report_tally;

#define REPORT_STAFF_SIZE 128
#define REPORT_STAFF_MAX 48     /* more go into the last row, "others" */
#define REPORT_BUCKETS_MAX 31
#define REPORT_HASH_SIZE 65

typedef struct report_staff {
	char name[REPORT_STAFF_SIZE];   /* "" : entries recorded without a name */
	bool others;                    /* the row that takes the overflow */
	report_tally t;
} report_staff;

typedef struct report_counts {
	report_span span;
	od_date from, to;               /* inclusive */
	int nbuckets;                   /* 1 (day), days of the month, 12 */
	report_tally total;
	report_tally bucket[REPORT_BUCKETS_MAX];
	report_staff staff[REPORT_STAFF_MAX];
	int nstaff;
	/* the share of patients in each state */
	bool has_states;
	od_date states_asof;
	long states[ELIG_STATE_COUNT];
	long patients;
	/* the audit chain's head when the report was made (issue 11) */
	bool has_head;
	char head[REPORT_HASH_SIZE];
	int64_t entries;
} report_counts;

/* One counted group, as store/ reads it. */
typedef struct report_row {
	report_event ev;
	od_date date;                   /* the event's date (a print: the
	                                   clinic's date it was printed) */
	const char *staff;
	requester_kind kind;            /* notices, stops, withdrawals */
	channel ch;                     /* stops, withdrawals */
	long n;
} report_row;

/* The period of span that contains `anchor` (its day, month or year),
 * counts zeroed. */
void report_init(report_counts *r, report_span span, od_date anchor);
/* Counts a row in the total, its day or month, and its staff member's
 * row. Rows outside the period or with values out of range are left out
 * (false). */
bool report_add(report_counts *r, const report_row *row);
/* The bucket of a date (0-based), or -1 outside the period. */
int report_bucket(const report_counts *r, od_date d);
/* The first day of bucket i. */
od_date report_bucket_date(const report_counts *r, int i);
/* The periods before and after r's (same span). */
od_date report_step(const report_counts *r, int delta);

/* Sums of a tally: the notices, stops, withdrawals, additions or prints. */
long report_sum(const report_tally *t, report_event ev);
/* The stops or withdrawals (ev) received by channel ch, of every kind. */
long report_sum_channel(const report_tally *t, report_event ev, channel ch);
/* ... or filed by kind k, through every channel. */
long report_sum_kind(const report_tally *t, report_event ev, requester_kind k);
/* The largest sum of ev in one bucket (for scaling bars). */
long report_bucket_max(const report_counts *r, report_event ev);

/* The period as typed: "YYYY-MM" for a month, "YYYY" for a year (ISO,
 * ASCII or full-width digits). false when it is not that form or out of
 * the desk's range (1873..9999). */
bool report_parse_month(const char *text, od_date *first);
bool report_parse_year(const char *text, od_date *first);

/* A share in tenths of a percent, rounded (0 when whole is 0). */
long report_share_tenths(long part, long whole);

/* A bar of value/max over width columns in Unicode block characters
 * (█ and the eighths ▏▎▍▌▋▊▉), so that small counts still show: any value
 * above zero draws at least an eighth. UTF-8 into out; returns the
 * columns drawn. */
int report_bar(long value, long max, int width, char *out, size_t outsz);

/* "day", "month", "year". */
const char *report_span_word(report_span s);

#endif
