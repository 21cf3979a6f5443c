# Foreign formats in and out (issue 9): encodings, CSV, column maps, the
# patient and visit imports. Uses core/ and store/; no curses.
noinst_LIBRARIES += libexchange.a
libexchange_a_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS)
libexchange_a_SOURCES = \
	exchange/exchange.h \
	exchange/internal.h \
	exchange/decode.c \
	exchange/csvread.c \
	exchange/columns.c \
	exchange/values.c \
	exchange/import.c \
	exchange/patients.c \
	exchange/visits.c \
	exchange/csvout.c
EXCHANGE_LIBS = libexchange.a $(CSV_LIBS) $(ICU_LIBS)
EXTRA_DIST += exchange/orca-layout.md
