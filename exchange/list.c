/* Reading number lists (see exchange/list.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exchange/list.h"

bool list_open(list_reader *r, const char *path)
{
	memset(r, 0, sizeof *r);
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
		return true;
	}
	r->f = fopen(path, "r");
	r->close = r->f != NULL;
	return r->f != NULL;
}

void list_close(list_reader *r)
{
	if (r->close && r->f)
		fclose(r->f);
	free(r->line);
	free(r->field);
	memset(r, 0, sizeof *r);
}

static bool field_put(list_reader *r, size_t n, char c)
{
	if (n + 1 >= r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 64;
		char *p = realloc(r->field, cap);
		if (!p)
			return false;
		r->field = p;
		r->fcap = cap;
	}
	r->field[n] = c;
	return true;
}

/* The first CSV field of the line: quoted ("a ""b""") or up to a comma;
 * blanks around it trimmed. */
static bool first_field(list_reader *r, const char *s)
{
	size_t n = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '"') {
		for (s++; *s; s++) {
			if (*s == '"') {
				if (s[1] != '"')
					break;
				s++;
			}
			if (!field_put(r, n++, *s))
				return false;
		}
	} else {
		for (; *s && *s != ','; s++)
			if (!field_put(r, n++, *s))
				return false;
	}
	while (n > 0 && (r->field[n - 1] == ' ' || r->field[n - 1] == '\t'))
		n--;
	return field_put(r, n, '\0');
}

const char *list_next(list_reader *r)
{
	for (;;) {
		errno = 0;
		ssize_t len = getline(&r->line, &r->cap, r->f);
		if (len < 0) {
			r->err = ferror(r->f) ? (errno ? errno : EIO) : 0;
			return NULL;
		}
		r->lineno++;
		while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
			r->line[--len] = '\0';
		const char *s = r->line;
		if (r->lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;   /* the BOM spreadsheet programs write */
		if (!first_field(r, s)) {
			r->err = ENOMEM;
			return NULL;
		}
		if (r->lineno == 1 && r->field[0] != '\0' &&
		    strpbrk(r->field, "0123456789") == NULL &&
		    strstr(r->field, "\xEF\xBC") == NULL)   /* nor full-width digits */
			continue;
		return r->field;
	}
}
