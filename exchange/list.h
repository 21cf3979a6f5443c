/* Lists of patient numbers that come from outside (the pipeline's own
 * files): one number a line, or the first column of a CSV whose header
 * line, if any, is recognised and skipped. Read line by line (never the
 * whole file held); shared by `check` and `provide`. */
#ifndef OD_EXCHANGE_LIST_H
#define OD_EXCHANGE_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct list_reader {
	FILE *f;
	bool close;          /* opened here (not stdin) */
	char *line;          /* getline buffer */
	size_t cap;
	char *field;         /* the first field of the current line */
	size_t fcap;
	long lineno;         /* of the line last returned, 1-based */
	int err;             /* errno of a read failure, or 0 */
} list_reader;

/* Opens PATH ("-": standard input). False with errno set. */
bool list_open(list_reader *r, const char *path);
/* The next line's number field (trimmed; "" for a blank line), or NULL at
 * the end or on a read error (r->err). The first line is a header, and
 * skipped, when its first field holds no digit ("患者番号", "patient_no"):
 * a number always has one in practice, and a header taken for a number
 * would only be reported as no number. */
const char *list_next(list_reader *r);
void list_close(list_reader *r);

#endif
