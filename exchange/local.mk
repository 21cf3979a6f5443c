# Foreign formats in and out: number lists and the FHIR export (issue 10);
# encodings, CSV, column maps, the patient and visit imports (issue 9).
# Spreadsheet tables out: CSV for Excel and .xlsx (issue 13).
# Uses core/ and store/; no curses.
noinst_LIBRARIES += libexchange.a
libexchange_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(ICU_CFLAGS) $(XLSXWRITER_CFLAGS)
libexchange_a_SOURCES = \
	exchange/list.h \
	exchange/list.c \
	exchange/fhir.h \
	exchange/fhir.c \
	exchange/exchange.h \
	exchange/internal.h \
	exchange/decode.c \
	exchange/csvread.c \
	exchange/columns.c \
	exchange/values.c \
	exchange/import.c \
	exchange/patients.c \
	exchange/visits.c \
	exchange/csvout.c \
	exchange/sheet.h \
	exchange/sheet.c \
	exchange/xlsx.c \
	exchange/registers.c
EXCHANGE_LIBS = libexchange.a $(JANSSON_LIBS) $(CSV_LIBS) $(ICU_LIBS) $(XLSXWRITER_LIBS)
EXTRA_DIST += exchange/orca-layout.md
