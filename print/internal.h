/* Shared inside print/ only. */
#ifndef OD_PRINT_INTERNAL_H
#define OD_PRINT_INTERNAL_H

#include <cairo.h>
#include "print/print.h"

#define QR_QUIET 4   /* modules of white around the code (ISO/IEC 18004) */

/* Draws the code with its quiet zone in a size x size square (user units). */
void qr_draw_cairo(cairo_t *cr, const qr_matrix *qr, double x, double y, double size);

#endif
