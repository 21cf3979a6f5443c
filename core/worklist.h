/* The office's worklists (issue 13): who came in without the notice, who
 * must be told again, possible duplicates, deletion requests to forward.
 * The rules that decide who is on the first two lists; the store finds
 * the candidates and applies them. Pure: no I/O. */
#ifndef OD_WORKLIST_H
#define OD_WORKLIST_H

#include <stdbool.h>
#include "core/date.h"
#include "core/eligibility.h"

typedef enum worklist_kind {
	WL_NOT_NOTIFIED = 0,  /* visitors of a day without a valid notice */
	WL_RENOTICE,          /* notified, but must be told again */
	WL_DUPLICATES,        /* possible duplicate patients (issue 5's rule) */
	WL_FORWARDS,          /* deletion requests still to forward (issue 10) */
	WL_COUNT
} worklist_kind;

/* "not-notified", "renotice", "duplicates", "forwards" and the parser. */
const char *worklist_word(worklist_kind k);
bool worklist_parse(const char *word, worklist_kind *out);
/* The list's name for people (msgid): 未通知の来院者 ... */
const char *worklist_label(worklist_kind k);

/* Does a visitor in this state still need the notice handed? Not
 * notified, or notified under an earlier material version; a stop in
 * force needs nothing (no data flows, and a notice would promise no
 * date). */
bool worklist_needs_notice(elig_state s);

typedef enum renotice_reason {
	RENOTICE_NONE = 0,
	RENOTICE_VERSION,     /* notified under an earlier material version */
	RENOTICE_TURNED_16,   /* notified through a guardian, 16 since */
	RENOTICE_ABLE,        /* notified through a representative, able since */
	RENOTICE_COUNT
} renotice_reason;

/* Must this patient be told again on `asof`? Only someone whose data
 * would otherwise flow or wait is listed: a stop in force, a death, or no
 * valid notice at all (that is the not-notified list) is RENOTICE_NONE.
 * Then, in this order: the only valid notices are under an earlier
 * material version (*since: the latest such notice's date); or the
 * notices that count all went to a guardian and the patient is 16 now
 * (*since: the 16th birthday), or to a representative and the patient is
 * no longer marked unable to decide (*since: the day marked able). A
 * valid notice to the patient themself under the current version ends
 * the last two. */
renotice_reason worklist_renotice(const elig_input *in, od_date asof, od_date *since);

/* "version", "turned-16", "able-again" and a sentence for people (msgid). */
const char *renotice_reason_word(renotice_reason r);
const char *renotice_reason_label(renotice_reason r);

#endif
