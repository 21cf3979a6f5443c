# Document and QR tests with real readers (issue 4).
UNIT_TESTS += tests/print/test_print
check_PROGRAMS += tests/print/test_print tests/print/topbm
tests_print_test_print_SOURCES = tests/print/test_print.c
tests_print_test_print_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(PANGO_CFLAGS)
tests_print_test_print_LDADD = $(PRINT_LIBS) $(CORE_LIBS) $(CMOCKA_LIBS) $(LIBINTL)
# Turns half-block text and ESC/POS raster back into images for zbarimg.
tests_print_topbm_SOURCES = tests/print/topbm.c

EXTRA_DIST += tests/print/common.sh
SCRIPT_TESTS += tests/print/documents.sh tests/print/qr.sh \
	tests/print/failures.sh tests/print/cups.sh tests/print/issue8_documents.sh \
	tests/print/report.sh
EXTRA_DIST += tests/print/documents.sh tests/print/qr.sh \
	tests/print/failures.sh tests/print/cups.sh tests/print/issue8_documents.sh \
	tests/print/report.sh
