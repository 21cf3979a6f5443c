/* Shared inside print/ only. */
#ifndef OD_PRINT_INTERNAL_H
#define OD_PRINT_INTERNAL_H

#include <cairo.h>
#include "print/print.h"

#define QR_QUIET 4   /* modules of white around the code (ISO/IEC 18004) */

/* Draws the code with its quiet zone in a size x size square (user units). */
void qr_draw_cairo(cairo_t *cr, const qr_matrix *qr, double x, double y, double size);

/* print_document with a step between the checks that may refuse the
 * document and its drawing: `before` may fill data (print_stored_document
 * records the printing there) or refuse it (false, res->message set). */
typedef bool (*print_before_fn)(void *ctx, doc_data *data, doc_result *res);
bool print_document_with(const doc_request *req, doc_data *data,
                         const print_settings *ps, doc_result *res,
                         print_before_fn before, void *ctx);

#endif
