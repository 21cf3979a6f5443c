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

/* Issue 13: the pieces of print_document that other documents (the
 * reports) share. Sends bytes to a CUPS queue (raw: ESC/POS, no filters)
 * under the job title; says why not in res->message (record: the document
 * of a saved record, which the sentence says may be printed again from
 * the patient's history). */
#include <glib.h>
bool print_send_queue(const char *queue, const GByteArray *bytes, bool raw,
                      const char *title, bool record, doc_result *res);
/* Saves bytes in the output folder as STEM.EXT, or STEM-2.EXT and so on
 * when taken (a document never replaces another there). */
bool print_save_in_folder(const print_settings *ps, const char *stem, const char *ext,
                          const GByteArray *bytes, doc_result *res);
/* The ESC/POS raster of an RGB24 image ESCPOS_DOTS wide (render.c). */
#define ESCPOS_DPI 203
#define ESCPOS_DOTS 576
void render_escpos_encode(cairo_surface_t *img, GByteArray *out);
/* An RGB24 image for a page pw x height points as PNG (dpi, 0: 150) or
 * ESC/POS raster (ESCPOS_DOTS wide, the page centred on the roll), grey
 * around the pages, and its context scaled to points. NULL (msg says why)
 * when it would be too long. */
cairo_t *render_raster_begin(doc_format fmt, int dpi, double pw, double height,
                             cairo_surface_t **surface, char *msg, size_t msgsz);
/* A Pango layout on cr in points, with the hinting render.c uses, so
 * that measuring and drawing break lines alike. */
#include <pango/pangocairo.h>
PangoLayout *render_layout_new(cairo_t *cr, const char *font);

#endif
