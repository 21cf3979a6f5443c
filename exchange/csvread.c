/* CSV rows from UTF-8 text with libcsv (RFC 4180: quoted commas, quotes
 * and newlines), fed one physical line at a time so that every row knows
 * the line it starts on. One row's fields are held, never more. */
#include "config.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "exchange/internal.h"

#define FIELDS_MAX 256

struct exch_csv {
	struct csv_parser p;
	exch_row_cb cb;
	void *ctx;
	exch_error *err;
	char *buf;                     /* the row's fields, NUL-separated */
	size_t len, cap;
	size_t off[FIELDS_MAX];
	char *f[FIELDS_MAX];
	size_t n;
	bool too_many;
	uint64_t line;                 /* lines fed */
	uint64_t start;                /* line the open row started on, 0 none */
	size_t open_bytes;             /* bytes fed since the last row ended */
	bool stopped;                  /* by the callback */
};

static void field_cb(void *s, size_t len, void *data)
{
	exch_csv *c = data;
	if (c->stopped)
		return;
	if (c->n == FIELDS_MAX) {
		c->too_many = true;
		return;
	}
	if (c->len + len + 1 > c->cap) {
		size_t ncap = c->cap ? c->cap : 1024;
		while (ncap < c->len + len + 1)
			ncap *= 2;
		char *nb = realloc(c->buf, ncap);
		if (!nb) {
			snprintf(c->err->field, sizeof c->err->field, "%s", _("FILE"));
			snprintf(c->err->message, sizeof c->err->message, "%s", _("out of memory"));
			c->stopped = true;
			return;
		}
		c->buf = nb;
		c->cap = ncap;
	}
	c->off[c->n++] = c->len;
	if (len)
		memcpy(c->buf + c->len, s, len);
	c->len += len;
	c->buf[c->len++] = '\0';
}

static void row_cb(int term, void *data)
{
	(void)term;
	exch_csv *c = data;
	if (!c->stopped) {
		if (c->too_many) {
			snprintf(c->err->field, sizeof c->err->field, "%s", _("FILE"));
			snprintf(c->err->message, sizeof c->err->message,
			         _("line %llu: more than %d columns"),
			         (unsigned long long)(c->start ? c->start : c->line), FIELDS_MAX);
			c->stopped = true;
		} else {
			for (size_t i = 0; i < c->n; i++)
				c->f[i] = c->buf + c->off[i];
			exch_row r = { .line = c->start ? c->start : c->line, .n = c->n, .f = c->f };
			if (!c->cb(&r, c->ctx))
				c->stopped = true;
		}
	}
	c->n = 0;
	c->len = 0;
	c->too_many = false;
	c->start = 0;
	c->open_bytes = 0;
}

exch_csv *exch_csv_new(exch_row_cb cb, void *ctx, exch_error *err)
{
	exch_csv *c = calloc(1, sizeof *c);
	if (!c || csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(c);
		snprintf(err->field, sizeof err->field, "%s", _("FILE"));
		snprintf(err->message, sizeof err->message, "%s", _("out of memory"));
		return NULL;
	}
	c->cb = cb;
	c->ctx = ctx;
	c->err = err;
	return c;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

enum { PE_RUNS_ON, PE_NOMEM, PE_QUOTE, PE_UNCLOSED };

static bool parse_error(exch_csv *c, int kind)
{
	unsigned long long l = c->start ? c->start : c->line;
	char *m = c->err->message;
	size_t sz = sizeof c->err->message;
	snprintf(c->err->field, sizeof c->err->field, "%s", _("FILE"));
	switch (kind) {
	case PE_RUNS_ON:
		snprintf(m, sz, _("line %llu: a quoted field opened here runs on for more than 1 MiB (a quote without its closing pair?)"), l);
		break;
	case PE_NOMEM:
		snprintf(m, sz, _("line %llu: out of memory"), l);
		break;
	case PE_QUOTE:
		snprintf(m, sz, _("line %llu: a quote in the wrong place (a quoted field must be quoted whole, and a quote inside it doubled: \"\")"), l);
		break;
	default:
		snprintf(m, sz, _("line %llu: a quote opened here is never closed"), l);
		break;
	}
	return false;
}

bool exch_csv_feed(exch_csv *c, const char *text, size_t len)
{
	c->line++;
	if (!c->start && !blank(text, len))
		c->start = c->line;
	c->open_bytes += len;
	if (c->open_bytes > EXCH_LINE_MAX)
		return parse_error(c, PE_RUNS_ON);
	if (csv_parse(&c->p, text, len, field_cb, row_cb, c) != len && !c->stopped)
		return parse_error(c, csv_error(&c->p) == CSV_ENOMEM ? PE_NOMEM : PE_QUOTE);
	return !c->stopped;
}

bool exch_csv_finish(exch_csv *c)
{
	if (c->stopped)
		return false;
	if (csv_fini(&c->p, field_cb, row_cb, c) != 0)
		return parse_error(c, PE_UNCLOSED);
	return !c->stopped;
}

bool exch_csv_stopped(const exch_csv *c)
{
	return c->stopped;
}

void exch_csv_free(exch_csv *c)
{
	if (!c)
		return;
	csv_free(&c->p);
	free(c->buf);
	free(c);
}
