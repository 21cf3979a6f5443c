# Documents and QR codes (issue 4).
noinst_LIBRARIES += libprint.a
libprint_a_CFLAGS = $(AM_CFLAGS) $(QRENCODE_CFLAGS) $(PANGO_CFLAGS) $(CAIRO_CFLAGS) $(CUPS_CFLAGS)
libprint_a_SOURCES = \
	print/print.h \
	print/qr.c
PRINT_LIBS = libprint.a $(QRENCODE_LIBS) $(PANGO_LIBS) $(CAIRO_LIBS) $(CUPS_LIBS)
