/* Drawing a filled template (inside print/ only). */
#ifndef OD_PRINT_RENDER_H
#define OD_PRINT_RENDER_H

#include <glib.h>
#include "print/print.h"
#include "print/template.h"
#include "print/fields.h"

#define RENDER_MAX_PAGES 16

/* Appends the document in fmt to out (PNG at dpi, 0: 150). qr may be NULL
 * (no URL configured: the QR blocks are left out). */
bool render_document(const tpl *t, const doc_values *dv, const qr_matrix *qr,
                     doc_format fmt, int dpi, GByteArray *out, char *msg, size_t msgsz);

#endif
