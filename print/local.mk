# Documents and QR codes (issue 4).
noinst_LIBRARIES += libprint.a
libprint_a_CFLAGS = $(AM_CFLAGS) $(QRENCODE_CFLAGS) $(PANGO_CFLAGS) $(CAIRO_CFLAGS) \
	$(CUPS_CFLAGS) $(SODIUM_CFLAGS)
libprint_a_SOURCES = \
	print/print.h \
	print/internal.h \
	print/qr.c \
	print/template.h \
	print/template.c \
	print/fields.h \
	print/fields.c \
	print/render.h \
	print/render.c \
	print/output.c \
	print/context.c \
	print/report.c \
	print/report_text.c
PRINT_LIBS = libprint.a $(QRENCODE_LIBS) $(PANGO_LIBS) $(CAIRO_LIBS) $(CUPS_LIBS) $(SODIUM_LIBS)

# The documents, installed to the data folder (templates/README).
dist_pkgdata_DATA += \
	templates/notice-ja.tmpl \
	templates/notice-en.tmpl \
	templates/notice-ja-large.tmpl \
	templates/slip-ja.tmpl \
	templates/receipt-ja.tmpl \
	templates/poster-ja.tmpl
EXTRA_DIST += templates/README
