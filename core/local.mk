noinst_LIBRARIES += libcore.a
libcore_a_CFLAGS = $(AM_CFLAGS) $(ICU_CFLAGS) $(SODIUM_CFLAGS)
libcore_a_SOURCES = \
	core/i18n.h \
	core/date.c core/date.h core/date_parse.c core/date_era.h \
	core/age.c core/age.h \
	core/rules.c core/rules.h \
	core/eligibility.c core/eligibility.h \
	core/text.c core/text.h \
	core/refcode.c core/refcode.h \
	core/query.c core/query.h \
	core/roles.c core/roles.h \
	core/worklist.c core/worklist.h \
	core/report.c core/report.h
CORE_LIBS = libcore.a $(ICU_LIBS) $(SODIUM_LIBS)
