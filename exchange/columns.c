/* Which column holds which field: the header names receipt computers
 * write, --map for the others, and the ORCA 患者情報 layout. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/text.h"
#include "exchange/internal.h"

static const char *const field_words[EXCH_FIELD_COUNT] = {
	"", "number", "name", "kana", "birth", "sex", "address", "phone",
	"time", "department", "date",
};

const char *exch_field_word(exch_field f)
{
	return (unsigned)f < EXCH_FIELD_COUNT ? field_words[f] : "";
}

/* Header names seen in receipt-computer exports, compared as search keys
 * (width, kana and case folded, spaces dropped), and the English words. */
static const struct { const char *name; exch_field f; } headers[] = {
	{ "患者番号", EXCH_NUMBER }, { "患者ID", EXCH_NUMBER }, { "カルテ番号", EXCH_NUMBER },
	{ "患者No", EXCH_NUMBER }, { "患者コード", EXCH_NUMBER },
	{ "氏名", EXCH_NAME }, { "漢字氏名", EXCH_NAME }, { "患者氏名", EXCH_NAME },
	{ "患者名", EXCH_NAME },
	{ "カナ氏名", EXCH_KANA }, { "フリガナ", EXCH_KANA }, { "氏名カナ", EXCH_KANA },
	{ "カナ", EXCH_KANA }, { "患者カナ氏名", EXCH_KANA }, { "ふりがな", EXCH_KANA },
	{ "生年月日", EXCH_BIRTH }, { "性別", EXCH_SEX },
	{ "住所", EXCH_ADDRESS }, { "電話番号", EXCH_PHONE }, { "電話", EXCH_PHONE },
	{ "受付時間", EXCH_TIME }, { "受付時刻", EXCH_TIME }, { "来院時刻", EXCH_TIME },
	{ "時刻", EXCH_TIME }, { "時間", EXCH_TIME },
	{ "診療科", EXCH_DEPARTMENT }, { "科", EXCH_DEPARTMENT }, { "診療科名", EXCH_DEPARTMENT },
	{ "受付日", EXCH_DATE }, { "来院日", EXCH_DATE }, { "診療日", EXCH_DATE },
	{ "受付日付", EXCH_DATE },
	{ "number", EXCH_NUMBER }, { "no", EXCH_NUMBER }, { "name", EXCH_NAME },
	{ "kana", EXCH_KANA }, { "birth", EXCH_BIRTH }, { "sex", EXCH_SEX },
	{ "address", EXCH_ADDRESS }, { "phone", EXCH_PHONE }, { "time", EXCH_TIME },
	{ "department", EXCH_DEPARTMENT }, { "date", EXCH_DATE },
};

static bool same_name(const char *a, const char *b)
{
	char ka[TEXT_KEY_SIZE], kb[TEXT_KEY_SIZE];
	return text_search_key(a, ka, sizeof ka) && text_search_key(b, kb, sizeof kb) &&
	       ka[0] && strcmp(ka, kb) == 0;
}

exch_field exch_header_field(const char *cell)
{
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
		if (same_name(cell, headers[i].name))
			return headers[i].f;
	return EXCH_NONE;
}

static exch_field field_of_word(const char *w)
{
	for (int f = 1; f < EXCH_FIELD_COUNT; f++)
		if (strcmp(w, field_words[f]) == 0)
			return (exch_field)f;
	return exch_header_field(w);
}

bool exch_map_parse(const char *text, exch_map *m, exch_error *err)
{
	memset(m, 0, sizeof *m);
	const char *p = text;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[256];
		if (len >= sizeof item || m->n == EXCH_MAP_MAX)
			goto bad;
		memcpy(item, p, len);
		item[len] = '\0';
		char *eq = strrchr(item, '=');
		if (!eq)
			goto bad;
		*eq = '\0';
		char *lhs = exch_trim(item), *rhs = exch_trim(eq + 1);
		exch_map_entry *e = &m->e[m->n];
		e->field = field_of_word(rhs);
		if (!*lhs || e->field == EXCH_NONE)
			goto bad;
		char *num_end;
		long col = strtol(lhs, &num_end, 10);
		if (*num_end == '\0' && col >= 1 && col <= 256) {
			e->column = (int)col - 1;
		} else {
			e->column = -1;
			m->by_name = true;
		}
		snprintf(e->name, sizeof e->name, "%s", lhs);
		m->n++;
		p = end ? end + 1 : p + len;
		continue;
bad:
		snprintf(err->field, sizeof err->field, "--map");
		snprintf(err->message, sizeof err->message,
		         _("\"%.*s\": use COLUMN=FIELD, separated by commas, COLUMN a header name or a number from 1, FIELD one of number, name, kana, birth, sex, address, phone, time, department, date"),
		         (int)(len > 100 ? 100 : len), p);
		return false;
	}
	if (m->n == 0) {
		snprintf(err->field, sizeof err->field, "--map");
		snprintf(err->message, sizeof err->message, "%s",
		         _("empty: use COLUMN=FIELD, e.g. 患者ID=number,カナ=kana or 1=number,3=kana"));
		return false;
	}
	return true;
}

static void columns_clear(exch_columns *c)
{
	for (int f = 0; f < EXCH_FIELD_COUNT; f++) {
		c->col[f] = -1;
		c->name[f][0] = '\0';
	}
}

static void set_col(exch_columns *c, exch_field f, int col, const char *name)
{
	c->col[f] = col;
	if (name && *name)
		snprintf(c->name[f], sizeof c->name[f], "%s", name);
	else
		snprintf(c->name[f], sizeof c->name[f], _("column %d"), col + 1);
}

/* The layout documented in exchange/orca-layout.md, field for field. */
void exch_columns_orca(exch_columns *c)
{
	static const struct { exch_field f; int col; const char *name; } orca[] = {
		{ EXCH_NUMBER, 0, "患者番号" }, { EXCH_NAME, 1, "漢字氏名" },
		{ EXCH_KANA, 2, "カナ氏名" }, { EXCH_SEX, 3, "性別" },
		{ EXCH_BIRTH, 4, "生年月日" }, { EXCH_ADDRESS, 6, "住所" },
		{ EXCH_PHONE, 7, "電話番号" },
	};
	columns_clear(c);
	for (size_t i = 0; i < sizeof orca / sizeof orca[0]; i++)
		set_col(c, orca[i].f, orca[i].col, orca[i].name);
}

bool exch_columns_from_header(const exch_row *r, const exch_map *m, exch_columns *c)
{
	columns_clear(c);
	bool header = false;
	for (size_t i = 0; i < r->n; i++) {
		char cell[256];
		snprintf(cell, sizeof cell, "%s", r->f[i]);
		char *t = exch_trim(cell);
		exch_field f = EXCH_NONE;
		for (size_t j = 0; m && j < m->n && f == EXCH_NONE; j++)
			if (m->e[j].column < 0 && (strcmp(m->e[j].name, t) == 0 || same_name(m->e[j].name, t)))
				f = m->e[j].field;
		if (f == EXCH_NONE)
			f = exch_header_field(t);
		if (f == EXCH_NONE)
			continue;
		header = true;
		if (c->col[f] < 0)
			set_col(c, f, (int)i, t);
	}
	if (!header)
		return false;
	for (size_t j = 0; m && j < m->n; j++)
		if (m->e[j].column >= 0)
			set_col(c, m->e[j].field, m->e[j].column,
			        (size_t)m->e[j].column < r->n ? exch_trim(r->f[m->e[j].column]) : NULL);
	return true;
}

void exch_columns_from_map(const exch_map *m, exch_columns *c)
{
	columns_clear(c);
	for (size_t j = 0; j < m->n; j++)
		if (m->e[j].column >= 0)
			set_col(c, m->e[j].field, m->e[j].column, NULL);
}
