/* The rows of a patient's history on the patient screen. Nothing in the
 * history is ever hidden: a voided entry stays, dimmed and marked 取消
 * (terminals may not show strike-through), with who voided it, when and
 * why; changes of particulars show the field and old → new; merges and
 * "registered as another person" show with the numbers involved; an entry
 * recorded under a number since merged says that number. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

const char *history_kind_label(const history_item *h)
{
	switch (h->kind) {
	case HIST_NOTICE: return _("Notice handed");
	case HIST_STOP: return _("Stop request");
	case HIST_WITHDRAW: return _("Withdrawal");
	case HIST_UNABLE: return _("Unable to decide");
	case HIST_ABLE: return _("Able to decide again");
	case HIST_DEATH: return _("Death recorded");
	case HIST_CONTACT: return _("Contact details changed");
	case HIST_CHANGE: return _("Particulars changed");
	case HIST_MERGE: return _("Records merged");
	case HIST_REGISTER: return _("Registered as another person");
	}
	return "";
}

bool history_voidable(const history_item *h)
{
	switch (h->kind) {
	case HIST_NOTICE: case HIST_STOP: case HIST_WITHDRAW:
	case HIST_UNABLE: case HIST_ABLE: case HIST_DEATH: case HIST_CONTACT:
		return !h->voided;
	default:
		return false;
	}
}

void history_ref(const history_item *h, char *out, size_t outsz)
{
	/* Entries without a reference go by their event number, the one
	 * `optout-desk void #N` takes. */
	if (h->ref[0])
		snprintf(out, outsz, "%s", h->ref);
	else if (history_voidable(h) || h->voided)
		snprintf(out, outsz, "#%lld", (long long)h->rec_id);
	else
		out[0] = '\0';
}

/* "2026-11-24T01:00:00Z" (UTC) as local "2026-11-24 10:00". */
static void format_stamp(const char *stamp, char *out, size_t outsz)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, outsz, "%s", stamp);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm);
	struct tm lt;
	if (t == (time_t)-1 || localtime_r(&t, &lt) == NULL ||
	    strftime(out, outsz, "%Y-%m-%d %H:%M", &lt) == 0)
		snprintf(out, outsz, "%s", stamp);
}

/* A value of a changed field as people read it: the sex in words, a
 * birth date in 和暦. */
static void change_value(const char *fname, const char *v, char *out, size_t outsz)
{
	od_date d;
	if (strcmp(fname, "sex") == 0 && strlen(v) == 1)
		snprintf(out, outsz, "%s", v[0] == 'm' ? _("male") : v[0] == 'f' ? _("female")
		                                       : _("not recorded"));
	else if (strcmp(fname, "birth") == 0 && v[0] == '\0')
		snprintf(out, outsz, "%s", _("birth date not recorded"));
	else if (strcmp(fname, "birth") == 0 && date_parse(v, &d) == DATE_OK)
		format_era(d, out, outsz);
	else
		snprintf(out, outsz, "%s", v);
}

/* 氏名: 山田 太朗 → 山田 太郎 */
static void change_text(const history_item *h, char *out, size_t outsz)
{
	const char *f = h->who;
	const char *label = strcmp(f, "name") == 0 ? _("Name")
	                  : strcmp(f, "kana") == 0 ? _("Kana")
	                  : strcmp(f, "birth") == 0 ? _("Birth date")
	                  : strcmp(f, "sex") == 0 ? _("Sex") : f;
	static const char arrow[] = " → ";
	const char *sep = strstr(h->note, arrow);
	if (sep == NULL) {
		snprintf(out, outsz, "%s: %s", label, h->note);
		return;
	}
	char old[STORE_NOTE_SIZE], neu[STORE_NOTE_SIZE], a[STORE_NOTE_SIZE], b[STORE_NOTE_SIZE];
	snprintf(old, sizeof old, "%.*s", (int)(sep - h->note), h->note);
	snprintf(neu, sizeof neu, "%s", sep + strlen(arrow));
	change_value(f, old, a, sizeof a);
	change_value(f, neu, b, sizeof b);
	snprintf(out, outsz, "%s: %s → %s", label, a, b);
}

static void append(char *out, size_t outsz, const char *s)
{
	size_t n = strlen(out);
	if (n < outsz)
		snprintf(out + n, outsz - n, "%s%s", n ? " " : "", s);
}

void history_detail(const history_item *h, const char *number, char *out, size_t outsz)
{
	char part[STORE_NOTE_SIZE + STORE_NAME_SIZE + 256];
	out[0] = '\0';
	switch (h->kind) {
	case HIST_NOTICE: case HIST_STOP: case HIST_WITHDRAW: {
		const char *kind = _(requester_kind_label(h->who_kind));
		if (h->who_kind == REQ_SELF || h->who[0] == '\0')
			snprintf(out, outsz, "%s", kind);
		else if (h->rel != REL_NONE)
			snprintf(out, outsz, "%s %s (%s)", kind, h->who, _(relationship_label(h->rel)));
		else
			snprintf(out, outsz, "%s %s", kind, h->who);
		if (h->mismatch)
			append(out, outsz, _("[kind did not fit: confirmed by staff]"));
		if (h->addition)
			append(out, outsz, _("[deletion request added to the stop in effect]"));
		break;
	}
	case HIST_UNABLE:
		snprintf(out, outsz, "%s", h->note);
		break;
	case HIST_CONTACT:
		snprintf(out, outsz, "%s %s", h->who, h->note);
		break;
	case HIST_CHANGE:
		change_text(h, out, outsz);
		break;
	case HIST_MERGE:
		snprintf(out, outsz, _("patient %s merged into this record: %s"), h->who, h->note);
		break;
	case HIST_REGISTER:
		snprintf(out, outsz, _("checked: not the same person as %s"), h->note);
		break;
	default:
		break;
	}
	if (h->kind != HIST_MERGE && h->number[0] && number != NULL && strcmp(h->number, number) != 0) {
		snprintf(part, sizeof part, _("(recorded under number %s)"), h->number);
		append(out, outsz, part);
	}
	if (h->voided) {
		char when[64];
		format_stamp(h->voided_at, when, sizeof when);
		snprintf(part, sizeof part, _("/ VOIDED %s by %s: %s"), when,
		         h->void_staff[0] ? h->void_staff : "-", h->void_reason);
		append(out, outsz, part);
	}
}

/* The history's columns: date, what, reference, detail (wrapped), staff. */
enum { HC_DATE = 16, HC_KIND = 14, HC_REF = 12, HC_STAFF = 12, HIST_ROWS_MAX = 8 };

/* What: wider on wide screens, so 【取消】 and the kind share a line. */
static int kind_cols(void)
{
	int extra = (COLS - 100) / 4;
	return HC_KIND + (extra < 0 ? 0 : extra > 10 ? 10 : extra);
}

static int detail_cols(void)
{
	return COLS - 1 - (HC_DATE + 1) - (kind_cols() + 1) - (HC_REF + 1) - (HC_STAFF + 2);
}

/* Lines s takes wrapped in cols columns (at least 1). */
static int wrapped_rows(const char *s, int cols)
{
	char part[1024];
	int rows = 0;
	while (*s && rows < HIST_ROWS_MAX) {
		text_fit(s, cols, part, sizeof part);
		if (part[0] == '\0')
			break;
		s += strlen(part);
		rows++;
	}
	return rows > 0 ? rows : 1;
}

#define DETAIL_SIZE (STORE_NOTE_SIZE * 3 + STORE_NAME_SIZE + 512)

static void kind_text(const history_item *h, char *out, size_t outsz)
{
	if (h->voided)
		snprintf(out, outsz, "%s %s", _("[VOID]"), history_kind_label(h));
	else
		snprintf(out, outsz, "%s", history_kind_label(h));
}

int history_rows(const history_item *h, const char *number)
{
	char detail[DETAIL_SIZE], kind[256];
	history_detail(h, number, detail, sizeof detail);
	kind_text(h, kind, sizeof kind);
	int n = wrapped_rows(detail, detail_cols());
	int k = wrapped_rows(kind, kind_cols());
	int st = wrapped_rows(h->staff, HC_STAFF);
	n = k > n ? k : n;
	return st > n ? st : n;
}

void history_draw(const history_item *h, const char *number, int y, int maxrows)
{
	char era[DATE_ERA_SIZE], detail[DETAIL_SIZE], kind[256], ref[REFCODE_SIZE + 24];
	format_era(h->date, era, sizeof era);
	history_detail(h, number, detail, sizeof detail);
	kind_text(h, kind, sizeof kind);
	history_ref(h, ref, sizeof ref);
	if (h->voided)
		attron(A_DIM);
	int x = 1;
	draw_text(y, x, HC_DATE, era); x += HC_DATE + 1;
	draw_wrapped(y, x, kind_cols(), maxrows, kind); x += kind_cols() + 1;
	draw_text(y, x, HC_REF, ref); x += HC_REF + 1;
	draw_wrapped(y, x, detail_cols(), maxrows, detail); x += detail_cols() + 1;
	draw_wrapped(y, x, HC_STAFF, maxrows, h->staff);
	if (h->voided)
		attroff(A_DIM);
}
