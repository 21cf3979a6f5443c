/* Placeholder values of one document (inside print/ only). */
#ifndef OD_PRINT_FIELDS_H
#define OD_PRINT_FIELDS_H

#include <glib.h>
#include "print/print.h"
#include "print/template.h"

#define DOC_VALUES_MAX 64

typedef struct doc_values {
	tpl_value vals[DOC_VALUES_MAX];
	size_t n;
	GPtrArray *owned;                /* strings the values point into */
	bool has_url;                    /* the clinic has a notice URL */
	char url[STORE_URL_MAX + 64];    /* the QR payload */
} doc_values;

void doc_values_build(doc_values *dv, const doc_request *req, const doc_data *d);
void doc_values_free(doc_values *dv);

#endif
