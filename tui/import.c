/* The settings' import screen (issue 9): a file, its first rows as the
 * fields they map to, the dry-run summary, then the import with its
 * progress. The work is exch_import (exchange/), as for the command line:
 * this screen only asks and shows. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "core/i18n.h"
#include "exchange/exchange.h"
#include "tui/internal.h"

enum { IF_PATH, IF_KIND, IF_FORMAT, IF_ENCODING, IF_MAP };
#define PREVIEW_ROWS 3

typedef struct import_ctx {
	char preview[PREVIEW_ROWS][512];  /* the first rows, mapped */
	int npreview;
	char problem[600];                /* why the preview failed */
	char summary[300];                /* the last dry run's */
	bool dry_done;                    /* for the inputs as they are */
	char reject[600];                 /* the first rejected cell */
	double last_draw;
} import_ctx;

static bool options_from(app *a, form *f, exch_options *o, char *path, size_t pathsz,
                         char *map, size_t mapsz)
{
	memset(o, 0, sizeof *o);
	if (!field_text(&f->fields[IF_PATH], path, pathsz) || !path[0])
		return false;
	o->path = path;
	o->kind = field_value(&f->fields[IF_KIND]) == 'v' ? EXCH_VISITS : EXCH_PATIENTS;
	o->orca = field_value(&f->fields[IF_FORMAT]) == 'o';
	o->encoding = (exch_encoding)field_value(&f->fields[IF_ENCODING]);
	if (field_text(&f->fields[IF_MAP], map, mapsz) && map[0])
		o->map = map;
	o->visit_date = a->today;
	o->staff = a->staff;
	return true;
}

static void on_preview(uint64_t line, const char *const v[EXCH_FIELD_COUNT], void *ctx)
{
	import_ctx *c = ctx;
	if (c->npreview >= PREVIEW_ROWS)
		return;
	char *out = c->preview[c->npreview++];
	size_t used = (size_t)snprintf(out, 512, _("line %llu:"), (unsigned long long)line);
	for (int fl = 1; fl < EXCH_FIELD_COUNT && used < 512; fl++)
		if (v[fl][0])
			used += (size_t)snprintf(out + used, 512 - used, " %s=%s", exch_field_word((exch_field)fl), v[fl]);
}

static void on_reject(const exch_reject *r, void *ctx)
{
	import_ctx *c = ctx;
	if (!c->reject[0])
		snprintf(c->reject, sizeof c->reject, _("line %llu: %s: \"%s\": %s"),
		         (unsigned long long)r->line, r->column, r->value, r->reason);
}

/* The first rows of the file as the fields they map to: read again after
 * every change of the inputs (a few rows: quick). */
static void preview(app *a, form *f)
{
	import_ctx *c = f->ctx;
	char path[1024], map[512];
	exch_options o;
	c->npreview = 0;
	c->problem[0] = '\0';
	c->dry_done = false;
	c->summary[0] = '\0';
	if (!options_from(a, f, &o, path, sizeof path, map, sizeof map) || access(path, R_OK) != 0)
		return;
	o.max_rows = PREVIEW_ROWS;
	o.preview = on_preview;
	o.ctx = c;
	exch_summary sum;
	exch_error err;
	exch_rc rc = exch_import(NULL, &o, &sum, &err);
	if (rc == EXCH_BAD_FILE || rc == EXCH_BAD_OPTION)
		snprintf(c->problem, sizeof c->problem, "%s: %s", err.field, err.message);
}

static void import_changed(app *a, form *f, int i)
{
	(void)i;
	preview(a, f);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress on the message line, at most ten times a second. */
static void on_progress(const exch_progress *p, void *ctx)
{
	import_ctx *c = ctx;
	double t = now_s();
	if (t - c->last_draw < 0.1)
		return;
	c->last_draw = t;
	char line[200];
	int pct = p->total_bytes ? (int)(p->bytes * 100 / p->total_bytes) : 0;
	snprintf(line, sizeof line, _("Importing… %llu rows (%d%%)"), (unsigned long long)p->rows, pct);
	draw_text_pad(screen_bottom(), 0, COLS, "");
	draw_text(screen_bottom(), 1, COLS - 2, line);
	refresh();
}

static void summarise(import_ctx *c, const exch_options *o, const exch_summary *s)
{
	if (o->kind == EXCH_PATIENTS)
		snprintf(c->summary, sizeof c->summary,
		         _("added %llu, updated %llu, unchanged %llu, rejected %llu, possible duplicates %llu\n"),
		         (unsigned long long)s->added, (unsigned long long)s->updated,
		         (unsigned long long)s->unchanged, (unsigned long long)s->rejected,
		         (unsigned long long)s->duplicates);
	else
		snprintf(c->summary, sizeof c->summary,
		         _("visits added %llu, already recorded %llu, patients registered %llu, rejected %llu, possible duplicates %llu\n"),
		         (unsigned long long)s->added, (unsigned long long)s->unchanged,
		         (unsigned long long)s->patients_added, (unsigned long long)s->rejected,
		         (unsigned long long)s->duplicates);
	char *nl = strchr(c->summary, '\n');
	if (nl)
		*nl = '\0';
}

/* F12 once: the dry run and its summary; F12 again: asks, then imports. */
static bool import_commit(app *a, form *f)
{
	import_ctx *c = f->ctx;
	char path[1024], map[512];
	exch_options o;
	if (!options_from(a, f, &o, path, sizeof path, map, sizeof map))
		return form_error(a, f, IF_PATH, "%s", _("type the path of the CSV file"));
	if (access(path, R_OK) != 0)
		return form_error(a, f, IF_PATH, "%s", _("no such file, or it cannot be read"));
	bool real = c->dry_done;
	if (real && !app_confirm(a, _("Import these rows now?")))
		return false;
	o.dry_run = !real;
	o.rejected = on_reject;
	o.progress = on_progress;
	o.ctx = c;
	c->reject[0] = '\0';
	c->last_draw = 0;
	exch_summary sum;
	exch_error err;
	exch_rc rc = exch_import(a->st, &o, &sum, &err);
	if (rc == EXCH_BAD_FILE || rc == EXCH_BAD_OPTION) {
		app_say(a, true, "%s: %s", err.field, err.message);
		return false;
	}
	if (rc == EXCH_STORE) {
		app_store_error(a, err.store);
		return false;
	}
	summarise(c, &o, &sum);
	if (!real) {
		c->dry_done = rc == EXCH_OK;
		if (rc == EXCH_OK)
			app_say(a, false, "%s", _("Dry run done: nothing written yet. F12 imports."));
		else
			app_say(a, true, "%s", _("Some rows are rejected: fix the file (or use the command line's --skip-invalid)."));
		return false;
	}
	f->dirty = false;
	app_say(a, rc != EXCH_OK, _("Imported: %s"), c->summary);
	app_pop(a);
	return true;
}

static void import_extra(app *a, form *f, int y)
{
	import_ctx *c = f->ctx;
	(void)a;
	int bottom = screen_bottom();
	if (c->problem[0] && y < bottom)
		y += draw_wrapped(y, 1, COLS - 2, bottom - y, c->problem);
	if (c->npreview && y < bottom) {
		attron(A_BOLD);
		draw_text(y++, 1, COLS - 2, _("The first rows as they will be read:"));
		attroff(A_BOLD);
	}
	for (int i = 0; i < c->npreview && y < bottom; i++)
		draw_text(y++, 3, COLS - 4, c->preview[i]);
	if (c->summary[0] && y < bottom) {
		attron(A_BOLD);
		draw_text(y++, 1, COLS - 2, c->dry_done ? _("Dry run:") : _("Summary:"));
		attroff(A_BOLD);
		if (y < bottom)
			draw_text(y++, 3, COLS - 4, c->summary);
	}
	if (c->reject[0] && y < bottom)
		draw_text(y++, 3, COLS - 4, c->reject);
}

static void import_destroy(form *f)
{
	free(f->ctx);
}

static bool import_offers(const form *f, action_id id)
{
	(void)f;
	return id != A_IMPORT;
}

static const form_ops import_ops = {
	.commit = import_commit, .changed = import_changed, .extra = import_extra,
	.destroy = import_destroy, .offers = import_offers,
};

view *import_view(app *a)
{
	(void)a;
	import_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL;
	form *f = form_new(&import_ops, N_("Import from the receipt computer (CSV)"), c);
	if (f == NULL) {
		free(c);
		return NULL;
	}
	form_add(f, F_TEXT, N_("CSV file"), true, 400);
	field *kind = form_add(f, F_CHOICE, N_("What it holds"), false, 0);
	field_add_choice(kind, N_("patient master"), 'p');
	field_add_choice(kind, N_("today's reception list"), 'v');
	field *fmt = form_add(f, F_CHOICE, N_("Layout"), false, 0);
	field_add_choice(fmt, N_("CSV with a header"), 'c');
	field_add_choice(fmt, N_("ORCA patient file"), 'o');
	field *enc = form_add(f, F_CHOICE, N_("Encoding"), false, 0);
	field_add_choice(enc, N_("detect"), EXCH_ENC_AUTO);
	field_add_choice(enc, "UTF-8", EXCH_ENC_UTF8);
	field_add_choice(enc, "CP932 (Shift_JIS)", EXCH_ENC_CP932);
	field_add_choice(enc, "EUC-JP", EXCH_ENC_EUCJP);
	form_add(f, F_TEXT, N_("Columns (--map)"), false, 200);
	return form_view(f);
}
