noinst_LIBRARIES += libstore.a
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
libstore_a_SOURCES = \
	store/store.h \
	store/internal.h \
	store/schema.h \
	store/schema.c \
	store/db.c \
	store/settings.c \
	store/patients.c \
	store/identity.c \
	store/voids.c \
	store/reqid.c \
	store/events.c \
	store/history.c \
	store/eligible.c \
	store/import.c \
	store/visits.c \
	store/handover.c \
	store/worklist.c \
	store/export.c \
	store/audit.c \
	store/staff.c \
	store/backup.c \
	store/report.c
STORE_LIBS = libstore.a $(SQLITE_LIBS) $(SODIUM_LIBS)
