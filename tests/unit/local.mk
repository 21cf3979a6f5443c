# cmocka unit tests: one program per module.
EXTRA_DIST += tests/unit/helpers.h
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_CORE_LDADD = $(CORE_LIBS) $(CMOCKA_LIBS) $(LIBINTL)
UNIT_STORE_LDADD = $(STORE_LIBS) $(CORE_LIBS) $(CMOCKA_LIBS) $(LIBINTL)

UNIT_TESTS += tests/unit/test_date tests/unit/test_age tests/unit/test_rules \
	tests/unit/test_eligibility tests/unit/test_text tests/unit/test_refcode \
	tests/unit/test_query tests/unit/test_store tests/unit/test_report
check_PROGRAMS += tests/unit/test_date tests/unit/test_age tests/unit/test_rules \
	tests/unit/test_eligibility tests/unit/test_text tests/unit/test_refcode \
	tests/unit/test_query tests/unit/test_store tests/unit/test_report

tests_unit_test_report_SOURCES = tests/unit/test_report.c
tests_unit_test_report_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_report_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_date_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_age_SOURCES = tests/unit/test_age.c
tests_unit_test_age_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_age_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_rules_SOURCES = tests/unit/test_rules.c
tests_unit_test_rules_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rules_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_eligibility_SOURCES = tests/unit/test_eligibility.c
tests_unit_test_eligibility_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_eligibility_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_text_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_refcode_SOURCES = tests/unit/test_refcode.c
tests_unit_test_refcode_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_refcode_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_query_SOURCES = tests/unit/test_query.c
tests_unit_test_query_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_query_LDADD = $(UNIT_CORE_LDADD)
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_store_LDADD = $(UNIT_STORE_LDADD)
# issue 11: the role table
UNIT_TESTS += tests/unit/test_roles
check_PROGRAMS += tests/unit/test_roles
tests_unit_test_roles_SOURCES = tests/unit/test_roles.c
tests_unit_test_roles_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_roles_LDADD = $(UNIT_CORE_LDADD)

# issue 9: exchange/ (cell values, header names, --map, CSV cells out)
UNIT_TESTS += tests/unit/test_exchange
check_PROGRAMS += tests/unit/test_exchange
tests_unit_test_exchange_SOURCES = tests/unit/test_exchange.c
tests_unit_test_exchange_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_exchange_LDADD = $(EXCHANGE_LIBS) $(STORE_LIBS) $(CORE_LIBS) $(CMOCKA_LIBS) $(LIBINTL)

# issue 13: who is on the worklists
UNIT_TESTS += tests/unit/test_worklist
check_PROGRAMS += tests/unit/test_worklist
tests_unit_test_worklist_SOURCES = tests/unit/test_worklist.c
tests_unit_test_worklist_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_worklist_LDADD = $(UNIT_CORE_LDADD)
