/* What the store answers besides OK, shown the same way on every form: a
 * back-dated entry asks with its consequence, a conflict names the record
 * it ran into, and possible duplicates get a screen of their own where the
 * user opens one of them or confirms "another person". */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

bool outcome_confirm_backdated(app *a)
{
	const store_backdate *b = store_last_backdate(a->st);
	char first[DATE_ERA_SIZE], q[TUI_MSG_SIZE], now[512];
	format_era(b->first, first, sizeof first);
	if (b->today_before != b->today_after)
		snprintf(now, sizeof now, _("today: %s → %s"), _(elig_state_label(b->today_before)),
		         _(elig_state_label(b->today_after)));
	else
		snprintf(now, sizeof now, _("today stays %s"), _(elig_state_label(b->today_before)));
	snprintf(q, sizeof q, _("This back-dated entry changes the past: from %s, %s → %s; %s. Record it?"),
	         first, _(elig_state_label(b->before)), _(elig_state_label(b->after)), now);
	return app_confirm(a, q);
}

void outcome_conflict(app *a, char *out, size_t outsz)
{
	const store_conflict *c = store_last_conflict(a->st);
	const char *why = c->why != NULL ? _(c->why) : _(store_rc_message(STORE_CONFLICT));
	if (c->ref[0] != '\0' && date_valid(c->date)) {
		char era[DATE_ERA_SIZE];
		format_era(c->date, era, sizeof era);
		snprintf(out, outsz, _("%s (%s, %s)"), why, c->ref, era);
	} else if (c->ref[0] != '\0') {
		snprintf(out, outsz, _("%s (%s)"), why, c->ref);
	} else {
		snprintf(out, outsz, "%s", why);
	}
}

/* ---- possible duplicates -------------------------------------------------- */

#define DUP_MAX 20

typedef struct dup_data {
	patient p;                        /* the new (or changed) particulars */
	patient cand[DUP_MAX];
	int n, sel;
	outcome_dup_confirm confirm;
	void *ctx;
	void (*ctx_free)(void *ctx);
} dup_data;

static bool collect_dup(const patient *p, void *ctx)
{
	dup_data *d = ctx;
	if (d->n == DUP_MAX)
		return false;
	d->cand[d->n++] = *p;
	return true;
}

static void dup_draw(app *a, view *v)
{
	dup_data *d = v->data;
	char line[1024], birth[96];
	draw_title(a, _("Is this the same person?"));
	format_birth(&d->p, a->today, birth, sizeof birth);
	snprintf(line, sizeof line, _("Entered: %s  %s (%s)  %s"), d->p.number, d->p.name, d->p.kana, birth);
	draw_text(2, 1, COLS - 2, line);
	draw_wrapped(3, 1, COLS - 2, 2, _("These registered patients have the same name or kana and birth date. Enter opens the one selected; F12 registers another person."));
	int y = 6;
	attron(A_BOLD);
	draw_text(y, 1, 10, _("Number"));
	draw_text(y, 12, 20, _("Name"));
	draw_text(y, 33, 22, _("Kana"));
	draw_text(y, 56, COLS - 57, _("Birth date (age)"));
	attroff(A_BOLD);
	y++;
	for (int i = 0; i < d->n && y < screen_bottom(); i++, y++) {
		const patient *c = &d->cand[i];
		format_birth(c, a->today, birth, sizeof birth);
		if (i == d->sel)
			attron(A_REVERSE);
		draw_text_pad(y, 0, COLS, "");
		draw_text(y, 1, 10, c->number);
		draw_text(y, 12, 20, c->name);
		draw_text(y, 33, 22, c->kana);
		draw_text(y, 56, COLS - 57, birth);
		if (i == d->sel)
			attroff(A_REVERSE);
	}
}

static void dup_key(app *a, view *v, wint_t ch, bool is_key)
{
	dup_data *d = v->data;
	(void)a;
	if (is_key && ch == KEY_DOWN && d->sel + 1 < d->n)
		d->sel++;
	else if (is_key && ch == KEY_UP && d->sel > 0)
		d->sel--;
}

static bool dup_action(app *a, view *v, action_id id)
{
	dup_data *d = v->data;
	if (id == A_OPEN && d->n > 0) {
		char number[STORE_NUMBER_SIZE];
		snprintf(number, sizeof number, "%s", d->cand[d->sel].number);
		app_say(a, false, "%s", "");
		app_pop_to(a, SCR_SEARCH);     /* the form is dropped: nothing saved */
		app_push(a, patient_view(a, number));
		return true;
	}
	if (id == A_NOT_DUPLICATE) {
		d->confirm(a, d->ctx);         /* pops what it needs on success */
		return true;
	}
	return false;
}

static void dup_destroy(view *v)
{
	dup_data *d = v->data;
	if (d->ctx_free != NULL)
		d->ctx_free(d->ctx);
	free(d);
}

static const view_ops dup_ops = {
	.screen = SCR_DUP,
	.draw = dup_draw,
	.action = dup_action,
	.key = dup_key,
	.destroy = dup_destroy,
};

void outcome_duplicates(app *a, const patient *p, outcome_dup_confirm confirm, void *ctx,
                        void (*ctx_free)(void *ctx))
{
	dup_data *d = calloc(1, sizeof *d);
	if (d == NULL) {
		if (ctx_free != NULL)
			ctx_free(ctx);
		app_say(a, true, "%s", _("Out of memory."));
		return;
	}
	d->p = *p;
	d->confirm = confirm;
	d->ctx = ctx;
	d->ctx_free = ctx_free;
	store_rc rc = store_patient_similar(a->st, p, collect_dup, d);
	if (rc != STORE_OK)
		app_store_error(a, rc);
	app_push(a, view_new(&dup_ops, d));
}
