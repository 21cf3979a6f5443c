noinst_LIBRARIES += libstore.a
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
libstore_a_SOURCES = \
	store/store.h \
	store/db.c
STORE_LIBS = libstore.a $(SQLITE_LIBS)
