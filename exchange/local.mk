# Foreign formats in and out (issue 10): number lists, the FHIR export.
noinst_LIBRARIES += libexchange.a
libexchange_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
libexchange_a_SOURCES = \
	exchange/list.h \
	exchange/list.c \
	exchange/fhir.h \
	exchange/fhir.c
EXCHANGE_LIBS = libexchange.a $(JANSSON_LIBS)
