/* First run and settings: the clinic's details that the notice names, its
 * web pages, and the certified operators data goes to. Saving records the
 * first notice version, and later asks whether a change of the notice
 * items is material (every patient must then be notified again). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

enum { SF_NAME, SF_ADDRESS, SF_PHONE, SF_EMAIL, SF_HOURS, SF_URL, SF_NATIONAL,
       SF_OP_NAME, SF_OP_KIND, SF_OP_ADDRESS,
       /* settings only: the language, a CUPS queue per kind of document,
        * the folder */
       SF_LANG, SF_QUEUE, SF_SLIP_FORMAT = SF_QUEUE + DOC_KIND_COUNT, SF_OUTDIR };

static const char *const queue_labels[DOC_KIND_COUNT] = {
	N_("Printer: notice"), N_("Printer: slip"), N_("Printer: receipt"), N_("Printer: poster"),
};

#define OPS_SHOWN 4

typedef struct setup_ctx {
	bool first_run;
	clinic_settings cs;
	print_settings ps;
	operator_rec ops[OPS_SHOWN];
	int nops;
	char lang[8];         /* the clinic's `language`: "ja" (default) or "en" */
} setup_ctx;

static bool list_op(const operator_rec *op, void *ctx)
{
	setup_ctx *c = ctx;
	if (op->active && c->nops < OPS_SHOWN)
		c->ops[c->nops++] = *op;
	return true;
}

static bool url_field(app *a, form *f, int i, char *out, size_t outsz)
{
	if (!form_string(a, f, i, false, out, outsz))
		return false;
	const char *why = NULL;
	if (out[0] != '\0' && !print_url_check(out, &why))
		return form_error(a, f, i, "%s", _(why));
	return true;
}

/* A new notice version when the notice items changed (the first one on
 * the first run). */
static bool sync_version(app *a)
{
	print_context pc;
	char hash[PRINT_HASH_SIZE], msg[512];
	store_rc rc = print_context_load(a->st, &pc);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	bool ok = print_context_hash(&pc, hash, msg, sizeof msg);
	print_context_free(&pc);
	if (!ok) {
		app_say(a, true, "%s", msg);
		return false;
	}
	notice_version cur;
	int64_t material = 0, id = 0;
	bool created = false, is_material = true;
	rc = store_notice_version_current(a->st, &cur, &material);
	if (rc == STORE_OK && strcmp(cur.hash, hash) == 0)
		return true;
	if (rc == STORE_OK)
		is_material = app_confirm(a, _("The notice items changed. Is this a material change (every patient must be notified again)?"));
	else if (rc != STORE_NOT_FOUND) {
		app_store_error(a, rc);
		return false;
	}
	rc = store_notice_version_add(a->st, hash, is_material, "settings", &id, &created);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	return true;
}

/* Queue names as CUPS takes them; an absolute folder or empty (default). */
static bool read_printers(app *a, form *f, print_settings *ps)
{
	for (int k = 0; k < DOC_KIND_COUNT; k++) {
		if (!form_string(a, f, SF_QUEUE + k, false, ps->queue[k], sizeof ps->queue[k]))
			return false;
		if (strpbrk(ps->queue[k], " /#\t") != NULL)
			return form_error(a, f, SF_QUEUE + k, "%s", _("a CUPS queue name: no spaces, slashes or #"));
	}
	if (!form_string(a, f, SF_OUTDIR, false, ps->outdir, sizeof ps->outdir))
		return false;
	if (ps->outdir[0] != '\0' && ps->outdir[0] != '/')
		return form_error(a, f, SF_OUTDIR, "%s", _("give an absolute path (starting with /), or leave it empty for the default"));
	return true;
}

static bool setup_commit(app *a, form *f)
{
	setup_ctx *c = f->ctx;
	clinic_settings cs = c->cs;
	if (!form_string(a, f, SF_NAME, false, cs.name, sizeof cs.name) ||
	    !form_string(a, f, SF_ADDRESS, false, cs.address, sizeof cs.address) ||
	    !form_string(a, f, SF_PHONE, false, cs.phone, sizeof cs.phone) ||
	    !form_string(a, f, SF_EMAIL, false, cs.email, sizeof cs.email) ||
	    !form_string(a, f, SF_HOURS, false, cs.hours, sizeof cs.hours) ||
	    !url_field(a, f, SF_URL, cs.notice_url, sizeof cs.notice_url) ||
	    !url_field(a, f, SF_NATIONAL, cs.national_url, sizeof cs.national_url))
		return false;
	if (cs.email[0] && !text_email_ok(cs.email))
		return form_error(a, f, SF_EMAIL, "%s", _("use an address such as desk@example.jp"));
	operator_rec op;
	memset(&op, 0, sizeof op);
	if (!form_string(a, f, SF_OP_NAME, false, op.name, sizeof op.name) ||
	    !form_string(a, f, SF_OP_ADDRESS, false, op.address, sizeof op.address))
		return false;
	if (c->first_run && op.name[0] == '\0')
		return form_error(a, f, SF_OP_NAME, "%s", _("name at least one certified operator (it can be changed later)"));
	op.kind = (char)field_value(&f->fields[SF_OP_KIND]);
	op.active = true;
	if (cs.wait_months < 1)
		cs.wait_months = 1;
	if (cs.retention_years < 3)
		cs.retention_years = 3;

	print_settings ps;
	memset(&ps, 0, sizeof ps);
	if (!c->first_run && !read_printers(a, f, &ps))
		return false;

	store_rc rc = store_clinic_set(a->st, &cs);
	if (rc == STORE_OK && op.name[0] != '\0')
		rc = store_operator_add(a->st, &op);
	for (int k = 0; rc == STORE_OK && !c->first_run && k < DOC_KIND_COUNT; k++)
		rc = store_setting_set(a->st, doc_kind_setting((doc_kind)k), ps.queue[k]);
	if (rc == STORE_OK && !c->first_run)
		rc = store_setting_set(a->st, PRINT_OUTDIR_SETTING, ps.outdir);
	if (rc == STORE_OK && !c->first_run) {
		char key[64];
		print_format_setting(DOC_SLIP, key, sizeof key);
		rc = store_setting_set(a->st, key,
		                       field_value(&f->fields[SF_SLIP_FORMAT]) == FMT_ESCPOS ? "escpos" : "pdf");
	}
	const char *lang = c->first_run ? c->lang
	                 : field_value(&f->fields[SF_LANG]) == 'e' ? "en" : "ja";
	bool lang_changed = !c->first_run && strcmp(lang, c->lang) != 0;
	if (rc == STORE_OK && lang_changed)
		rc = store_setting_set(a->st, "language", lang);
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	if (lang_changed && a->language_changed != NULL)
		a->language_changed(lang);
	f->dirty = false;
	/* The first run offers sign-in next (issue 11): not forced. */
	if (sync_version(a))
		app_say(a, false, "%s", c->first_run && !a->staff_set_up
		        ? _("Clinic settings saved. F11 sets up sign-in (the first administrator).")
		        : _("Clinic settings saved."));
	app_pop(a);
	return true;
}

static void setup_extra(app *a, form *f, int y)
{
	setup_ctx *c = f->ctx;
	(void)a;
	if (c->nops == 0 || y >= screen_bottom() - 1)
		return;
	draw_text(y++, 1, COLS - 2, _("Certified operators now:"));
	for (int i = 0; i < c->nops && y < screen_bottom(); i++, y++) {
		char line[800];
		snprintf(line, sizeof line, "  %s (%s) %s", c->ops[i].name,
		         c->ops[i].kind == 'p' ? _("pseudonymized") : _("anonymized"), c->ops[i].address);
		draw_text(y, 1, COLS - 2, line);
	}
}

static void setup_destroy(form *f)
{
	free(f->ctx);
}

static bool setup_action(app *a, form *f, action_id id)
{
	setup_ctx *c = f->ctx;
	if (id != A_IMPORT || c->first_run)
		return false;
	app_push(a, import_view(a));
	return true;
}

static bool setup_offers(const form *f, action_id id)
{
	const setup_ctx *c = f->ctx;
	return id != A_IMPORT || !c->first_run;
}

static const form_ops setup_ops = {
	.commit = setup_commit, .extra = setup_extra, .destroy = setup_destroy,
	.action = setup_action, .offers = setup_offers,
};

view *setup_view(app *a, bool first_run)
{
	setup_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	c->first_run = first_run;
	store_rc rc = store_initialized(a->st) ? store_clinic_get(a->st, &c->cs) : STORE_OK;
	if (rc == STORE_OK && !first_run)
		rc = store_operator_list(a->st, list_op, c);
	for (int k = 0; rc == STORE_OK && !first_run && k < DOC_KIND_COUNT; k++) {
		rc = store_setting_get(a->st, doc_kind_setting((doc_kind)k), c->ps.queue[k], sizeof c->ps.queue[k]);
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	if (rc == STORE_OK && !first_run) {
		rc = store_setting_get(a->st, PRINT_OUTDIR_SETTING, c->ps.outdir, sizeof c->ps.outdir);
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	if (rc == STORE_OK && !first_run) {
		char key[64], value[16];
		print_format_setting(DOC_SLIP, key, sizeof key);
		rc = store_setting_get(a->st, key, value, sizeof value);
		c->ps.format[DOC_SLIP] = rc == STORE_OK && strcmp(value, "escpos") == 0 ? FMT_ESCPOS : FMT_PDF;
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	snprintf(c->lang, sizeof c->lang, "ja");
	if (rc == STORE_OK && !first_run) {
		char value[16];
		rc = store_setting_get(a->st, "language", value, sizeof value);
		if (rc == STORE_OK && strcmp(value, "en") == 0)
			snprintf(c->lang, sizeof c->lang, "en");
		if (rc == STORE_NOT_FOUND)
			rc = STORE_OK;
	}
	if (rc != STORE_OK)
		app_store_error(a, rc);
	form *f = form_new(&setup_ops, first_run ? N_("First run: the clinic's details")
	                                         : N_("Settings: the clinic's details"), c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	snprintf(f->subtitle, sizeof f->subtitle, "%s",
	         first_run ? _("These appear on the notice. Fill them in, then F12 (or Ctrl-S) to save.")
	                   : _("Changing what the notice says may require notifying every patient again."));
	field_set_text(form_add(f, F_TEXT, N_("Clinic name"), true, TEXT_NAME_MAX), c->cs.name);
	field_set_text(form_add(f, F_TEXT, N_("Address"), false, TEXT_FIELD_MAX), c->cs.address);
	field_set_text(form_add(f, F_TEXT, N_("Phone"), false, 20), c->cs.phone);
	field_set_text(form_add(f, F_TEXT, N_("E-mail"), false, TEXT_FIELD_MAX), c->cs.email);
	field_set_text(form_add(f, F_TEXT, N_("Reception hours"), false, TEXT_FIELD_MAX), c->cs.hours);
	field_set_text(form_add(f, F_TEXT, N_("Notice URL"), false, TEXT_FIELD_MAX), c->cs.notice_url);
	field_set_text(form_add(f, F_TEXT, N_("National info URL"), false, TEXT_FIELD_MAX),
	               first_run ? PRINT_NATIONAL_URL_DEFAULT : c->cs.national_url);
	form_add(f, F_TEXT, first_run ? N_("Certified operator") : N_("Add an operator"), first_run, TEXT_NAME_MAX);
	field *kind = form_add(f, F_CHOICE, N_("Operator kind"), false, 0);
	field_add_choice(kind, N_("anonymized"), 'a');
	field_add_choice(kind, N_("pseudonymized"), 'p');
	form_add(f, F_TEXT, N_("Operator address"), false, TEXT_FIELD_MAX);
	if (!first_run) {
		/* Names stay in their own language, so each reads at any setting. */
		field *lang = form_add(f, F_CHOICE, N_("Language of the desk"), false, 0);
		field_add_choice(lang, "日本語 (Japanese)", 'j');
		field_add_choice(lang, "English", 'e');
		field_select_value(lang, strcmp(c->lang, "en") == 0 ? 'e' : 'j');
		for (int k = 0; k < DOC_KIND_COUNT; k++)
			field_set_text(form_add(f, F_TEXT, queue_labels[k], false, 100), c->ps.queue[k]);
		field *fmt = form_add(f, F_CHOICE, N_("Slip printer takes"), false, 0);
		field_add_choice(fmt, N_("PDF"), FMT_PDF);
		field_add_choice(fmt, N_("ESC/POS (80 mm thermal, raw queue)"), FMT_ESCPOS);
		field_select_value(fmt, c->ps.format[DOC_SLIP]);
		field_set_text(form_add(f, F_TEXT, N_("Output folder"), false, 200), c->ps.outdir);
	}
	return form_view(f);
}
