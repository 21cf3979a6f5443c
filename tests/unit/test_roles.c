/* core/roles: the one table of which role may run which command (issue
 * 11). A clerk cannot void, merge, import, change settings or staff, or
 * record provisions; the pipeline reads and records provisions but never
 * opens a patient; a command with no row fails closed (administrators
 * only). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/roles.h"

static void test_clerk(void **state)
{
	(void)state;
	static const char *const allowed[][2] = {
		{ "patient", "add" }, { "patient", "show" }, { "patient", "find" },
		{ "patient", "set" }, { "notice", NULL }, { "refuse", NULL },
		{ "withdraw", NULL }, { "print", NULL }, { "status", NULL },
		{ "printer", NULL }, { "printer", "show" }, { "template", "status" },
	};
	static const char *const refused[][2] = {
		{ "void", NULL }, { "void", "R-AAAA-BBBB" }, { "patient", "merge" },
		{ "import", NULL }, { "init", NULL }, { "template", "accept" },
		{ "printer", "set" }, { "staff", "add" }, { "staff", "list" },
		{ "provide", NULL }, { "backup", NULL }, { "restore", NULL },
		{ "audit", NULL }, { "tui.settings", NULL }, { "operator", "add" },
	};
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		assert_true(roles_allow(ROLE_CLERK, allowed[i][0], allowed[i][1]));
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		assert_false(roles_allow(ROLE_CLERK, refused[i][0], refused[i][1]));
}

static void test_pipeline(void **state)
{
	(void)state;
	assert_true(roles_allow(ROLE_PIPELINE, "status", NULL));
	assert_true(roles_allow(ROLE_PIPELINE, "check", NULL));
	assert_true(roles_allow(ROLE_PIPELINE, "eligible", NULL));
	assert_true(roles_allow(ROLE_PIPELINE, "export", "fhir"));
	assert_true(roles_allow(ROLE_PIPELINE, "provide", NULL));
	assert_false(roles_allow(ROLE_PIPELINE, "patient", "show"));
	assert_false(roles_allow(ROLE_PIPELINE, "patient", "find"));
	assert_false(roles_allow(ROLE_PIPELINE, "refuse", NULL));
	assert_false(roles_allow(ROLE_PIPELINE, "tui.desk", NULL));
	assert_false(roles_sees_names(ROLE_PIPELINE));
	assert_true(roles_sees_names(ROLE_CLERK));
}

static void test_admin_and_unknown(void **state)
{
	(void)state;
	int n = 0;
	const role_rule *t = roles_table(&n);
	for (int i = 0; i < n; i++)
		assert_true(roles_allow(ROLE_ADMIN, t[i].command, t[i].action) ||
		            t[i].roles == (ROLE_PIPELINE));
	/* a command nobody gave a row: administrators only */
	assert_null(roles_rule("frobnicate", NULL));
	assert_true(roles_allow(ROLE_ADMIN, "frobnicate", NULL));
	assert_false(roles_allow(ROLE_CLERK, "frobnicate", NULL));
	assert_false(roles_allow(ROLE_NONE, "status", NULL));
	/* only verify runs without signing in */
	for (int i = 0; i < n; i++)
		assert_int_equal(t[i].no_signin, strcmp(t[i].command, "verify") == 0);
}

static void test_words(void **state)
{
	(void)state;
	staff_role r;
	assert_true(role_parse("clerk", &r));
	assert_int_equal(r, ROLE_CLERK);
	assert_true(role_parse("pipeline", &r));
	assert_string_equal(role_word(r), "pipeline");
	assert_false(role_parse("Admin", &r));
	assert_false(role_parse("", &r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clerk),
		cmocka_unit_test(test_pipeline),
		cmocka_unit_test(test_admin_and_unknown),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
