/* The counts of the office's reports (issue 13): periods, buckets, staff
 * rows, sums, shares and block-character bars. No I/O. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/report.h"

void report_init(report_counts *r, report_span span, od_date anchor)
{
	memset(r, 0, sizeof *r);
	r->span = span;
	switch (span) {
	case REPORT_DAY:
		r->from = r->to = anchor;
		r->nbuckets = 1;
		break;
	case REPORT_MONTH:
		r->from = (od_date){ anchor.y, anchor.m, 1 };
		r->nbuckets = date_days_in_month(anchor.y, anchor.m);
		r->to = (od_date){ anchor.y, anchor.m, r->nbuckets };
		break;
	case REPORT_YEAR:
		r->from = (od_date){ anchor.y, 1, 1 };
		r->to = (od_date){ anchor.y, 12, 31 };
		r->nbuckets = 12;
		break;
	}
}

int report_bucket(const report_counts *r, od_date d)
{
	if (!date_valid(d) || date_cmp(d, r->from) < 0 || date_cmp(d, r->to) > 0)
		return -1;
	switch (r->span) {
	case REPORT_DAY: return 0;
	case REPORT_MONTH: return d.d - 1;
	case REPORT_YEAR: return d.m - 1;
	}
	return -1;
}

od_date report_bucket_date(const report_counts *r, int i)
{
	switch (r->span) {
	case REPORT_MONTH: return (od_date){ r->from.y, r->from.m, i + 1 };
	case REPORT_YEAR: return (od_date){ r->from.y, i + 1, 1 };
	case REPORT_DAY: break;
	}
	return r->from;
}

od_date report_step(const report_counts *r, int delta)
{
	switch (r->span) {
	case REPORT_DAY:
		return date_add_days(r->from, delta);
	case REPORT_MONTH: {
		int m = r->from.y * 12 + (r->from.m - 1) + delta;
		return (od_date){ m / 12, m % 12 + 1, 1 };
	}
	case REPORT_YEAR:
		return (od_date){ r->from.y + delta, 1, 1 };
	}
	return r->from;
}

static void tally_add(report_tally *t, const report_row *row)
{
	switch (row->ev) {
	case REV_NOTICE: t->notices[row->kind] += row->n; break;
	case REV_STOP: t->stops[row->ch][row->kind] += row->n; break;
	case REV_WITHDRAW: t->withdrawals[row->ch][row->kind] += row->n; break;
	case REV_ADDITION: t->additions += row->n; break;
	case REV_PRINT: t->prints += row->n; break;
	case REV_COUNT: break;
	}
}

/* The staff member's row: found by name, else a new one, else the last
 * row takes the overflow (a clinic with more names than fit is told so by
 * that row's label, not by a silently shorter table). */
static report_staff *staff_row(report_counts *r, const char *name)
{
	for (int i = 0; i < r->nstaff; i++)
		if (!r->staff[i].others && strcmp(r->staff[i].name, name) == 0)
			return &r->staff[i];
	if (r->nstaff < REPORT_STAFF_MAX - 1) {
		report_staff *s = &r->staff[r->nstaff++];
		snprintf(s->name, sizeof s->name, "%s", name);
		return s;
	}
	report_staff *last = &r->staff[REPORT_STAFF_MAX - 1];
	if (r->nstaff < REPORT_STAFF_MAX) {
		r->nstaff = REPORT_STAFF_MAX;
		memset(last, 0, sizeof *last);
	}
	last->others = true;
	last->name[0] = '\0';
	return last;
}

bool report_add(report_counts *r, const report_row *row)
{
	if ((unsigned)row->ev >= REV_COUNT || row->n < 0)
		return false;
	if ((row->ev == REV_NOTICE || row->ev == REV_STOP || row->ev == REV_WITHDRAW) &&
	    (unsigned)row->kind >= REQ_KIND_COUNT)
		return false;
	if ((row->ev == REV_STOP || row->ev == REV_WITHDRAW) && (unsigned)row->ch >= CH_COUNT)
		return false;
	int b = report_bucket(r, row->date);
	if (b < 0)
		return false;
	tally_add(&r->total, row);
	tally_add(&r->bucket[b], row);
	tally_add(&staff_row(r, row->staff ? row->staff : "")->t, row);
	return true;
}

long report_sum_channel(const report_tally *t, report_event ev, channel ch)
{
	long n = 0;
	for (int k = 0; k < REQ_KIND_COUNT; k++)
		n += ev == REV_STOP ? t->stops[ch][k] : ev == REV_WITHDRAW ? t->withdrawals[ch][k] : 0;
	return n;
}

long report_sum_kind(const report_tally *t, report_event ev, requester_kind k)
{
	if (ev == REV_NOTICE)
		return t->notices[k];
	long n = 0;
	for (int c = 0; c < CH_COUNT; c++)
		n += ev == REV_STOP ? t->stops[c][k] : ev == REV_WITHDRAW ? t->withdrawals[c][k] : 0;
	return n;
}

long report_sum(const report_tally *t, report_event ev)
{
	switch (ev) {
	case REV_ADDITION: return t->additions;
	case REV_PRINT: return t->prints;
	case REV_NOTICE: case REV_STOP: case REV_WITHDRAW: {
		long n = 0;
		for (int k = 0; k < REQ_KIND_COUNT; k++)
			n += report_sum_kind(t, ev, (requester_kind)k);
		return n;
	}
	case REV_COUNT: break;
	}
	return 0;
}

long report_bucket_max(const report_counts *r, report_event ev)
{
	long max = 0;
	for (int i = 0; i < r->nbuckets; i++) {
		long n = report_sum(&r->bucket[i], ev);
		if (n > max)
			max = n;
	}
	return max;
}

/* Digits, ASCII or full-width (U+FF10..U+FF19); *p advanced past them. */
static int digits(const char **p, int *value)
{
	int n = 0, v = 0;
	const unsigned char *s = (const unsigned char *)*p;
	for (;;) {
		if (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s - '0');
			s++;
		} else if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
			v = v * 10 + (s[2] - 0x90);
			s += 3;
		} else {
			break;
		}
		if (++n > 4)
			return n;
	}
	*p = (const char *)s;
	*value = v;
	return n;
}

/* '-', '/', or their full-width forms. */
static bool separator(const char **p)
{
	const char *s = *p;
	if (*s == '-' || *s == '/') {
		*p = s + 1;
		return true;
	}
	if (strncmp(s, "\xEF\xBC\x8D", 3) == 0 || strncmp(s, "\xEF\xBC\x8F", 3) == 0) {
		*p = s + 3;
		return true;
	}
	return false;
}

static bool year_ok(int y)
{
	return y >= 1873 && y <= 9999;
}

bool report_parse_month(const char *text, od_date *first)
{
	const char *p = text;
	int y, m;
	if (!text || digits(&p, &y) != 4 || !separator(&p) || digits(&p, &m) < 1 || *p != '\0')
		return false;
	if (!year_ok(y) || m < 1 || m > 12)
		return false;
	*first = (od_date){ y, m, 1 };
	return true;
}

bool report_parse_year(const char *text, od_date *first)
{
	const char *p = text;
	int y;
	if (!text || digits(&p, &y) != 4 || *p != '\0' || !year_ok(y))
		return false;
	*first = (od_date){ y, 1, 1 };
	return true;
}

long report_share_tenths(long part, long whole)
{
	if (whole <= 0 || part <= 0)
		return 0;
	return (part * 1000 + whole / 2) / whole;
}

int report_bar(long value, long max, int width, char *out, size_t outsz)
{
	/* U+2588 FULL BLOCK, then U+2589..U+258F: seven eighths down to one. */
	static const char *const eighths[8] = {
		"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589",
	};
	size_t len = 0;
	int cols = 0;
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (value <= 0 || max <= 0 || width <= 0)
		return 0;
	if (value > max)
		value = max;
	long units = (value * width * 8L + max / 2) / max;
	if (units < 1)
		units = 1;
	for (long i = 0; i < units / 8 && len + 4 <= outsz; i++, cols++) {
		memcpy(out + len, "\u2588", 3);
		len += 3;
	}
	if (units % 8 && len + 4 <= outsz) {
		memcpy(out + len, eighths[units % 8], 3);
		len += 3;
		cols++;
	}
	out[len] = '\0';
	return cols;
}

const char *report_span_word(report_span s)
{
	return s == REPORT_DAY ? "day" : s == REPORT_MONTH ? "month" : "year";
}
