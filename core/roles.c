/* The table of who may do what (issue 11). Other commands join it with one
 * row each: command, action (NULL for "the rest"), the roles allowed. */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include "core/i18n.h"
#include "core/roles.h"

static const role_rule rules[] = {
	/* settings: init re-run changes the clinic's details */
	{ "init", NULL, ROLE_ADMIN, false },
	{ "patient", "add", ROLE_DESK, false },
	{ "patient", "show", ROLE_DESK, false },
	{ "patient", "find", ROLE_DESK, false },
	{ "patient", "set", ROLE_DESK, false },
	{ "patient", "merge", ROLE_ADMIN, false },
	{ "patient", NULL, ROLE_DESK, false },
	{ "notice", NULL, ROLE_DESK, false },
	{ "refuse", NULL, ROLE_DESK, false },
	{ "withdraw", NULL, ROLE_DESK, false },
	{ "void", NULL, ROLE_ADMIN, false },
	{ "status", NULL, ROLE_ANY, false },
	{ "eligible", NULL, ROLE_ANY, false },
	{ "print", NULL, ROLE_DESK, false },
	{ "qr", NULL, ROLE_DESK, false },
	{ "template", "status", ROLE_DESK, false },
	{ "template", "check", ROLE_DESK, false },
	{ "template", "accept", ROLE_ADMIN, false },
	{ "template", NULL, ROLE_DESK, false },
	{ "printer", "set", ROLE_ADMIN, false },
	{ "printer", "unset", ROLE_ADMIN, false },
	{ "printer", "format", ROLE_ADMIN, false },
	{ "printer", "outdir", ROLE_ADMIN, false },
	{ "printer", NULL, ROLE_DESK, false },        /* show */
	{ "staff", "passwd", ROLE_ANY, false },       /* others' only by an admin:
	                                                 cli/staff_cmd.c */
	{ "staff", NULL, ROLE_ADMIN, false },         /* add, disable, list */
	{ "audit", NULL, ROLE_ADMIN, false },
	{ "verify", NULL, ROLE_ANY, true },
	{ "backup", NULL, ROLE_ADMIN, false },
	{ "restore", NULL, ROLE_ADMIN, false },
	/* issue 9: imports */
	{ "import", NULL, ROLE_ADMIN, false },
	{ "visits", NULL, ROLE_DESK, false },
	/* issue 10: the pipeline's side */
	{ "check", NULL, ROLE_ANY, false },
	{ "provide", NULL, ROLE_ADMIN | ROLE_PIPELINE, false },
	{ "provisions", NULL, ROLE_ADMIN | ROLE_PIPELINE, false },
	{ "operator", "list", ROLE_DESK, false },
	{ "operator", NULL, ROLE_ADMIN, false },
	{ "forwards", NULL, ROLE_DESK, false },
	{ "forward", NULL, ROLE_ADMIN, false },
	/* issue 13: the register and the patient list carry names: not the
	 * pipeline's */
	{ "export", "register", ROLE_ADMIN, false },
	{ "export", "patients", ROLE_ADMIN, false },
	{ "export", NULL, ROLE_ADMIN | ROLE_PIPELINE, false },
	/* issue 13: the office's worklists (names: the desk only) */
	{ "worklist", NULL, ROLE_DESK, false },
	{ "report", NULL, ROLE_DESK, false },          /* issue 13: counts, no patient */
	/* the desk screens' actions */
	{ "tui.desk", NULL, ROLE_DESK, false },        /* search, patient screens */
	{ "tui.void", NULL, ROLE_ADMIN, false },
	{ "tui.merge", NULL, ROLE_ADMIN, false },
	{ "tui.settings", NULL, ROLE_ADMIN, false },
	{ "tui.forward", NULL, ROLE_ADMIN, false },    /* as `forward done` */
};

const role_rule *roles_table(int *n)
{
	*n = (int)(sizeof rules / sizeof rules[0]);
	return rules;
}

const role_rule *roles_rule(const char *command, const char *action)
{
	const role_rule *fallback = NULL;
	if (!command)
		return NULL;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (strcmp(rules[i].command, command) != 0)
			continue;
		if (rules[i].action == NULL) {
			if (!fallback)
				fallback = &rules[i];
		} else if (action && strcmp(rules[i].action, action) == 0) {
			return &rules[i];
		}
	}
	return fallback;
}

bool roles_allow(staff_role role, const char *command, const char *action)
{
	const role_rule *r = roles_rule(command, action);
	unsigned mask = r ? r->roles : ROLE_ADMIN;
	return role != ROLE_NONE && (mask & (unsigned)role) != 0;
}

bool roles_sees_names(staff_role role)
{
	return role == ROLE_CLERK || role == ROLE_ADMIN;
}

bool role_parse(const char *word, staff_role *out)
{
	static const staff_role all[] = { ROLE_CLERK, ROLE_ADMIN, ROLE_PIPELINE };
	for (size_t i = 0; word && i < sizeof all / sizeof all[0]; i++)
		if (strcmp(word, role_word(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	return false;
}

const char *role_word(staff_role role)
{
	switch (role) {
	case ROLE_CLERK: return "clerk";
	case ROLE_ADMIN: return "admin";
	case ROLE_PIPELINE: return "pipeline";
	case ROLE_NONE: break;
	}
	return "";
}

const char *role_label(staff_role role)
{
	switch (role) {
	case ROLE_CLERK: return N_("clerk");
	case ROLE_ADMIN: return N_("administrator");
	case ROLE_PIPELINE: return N_("data pipeline");
	case ROLE_NONE: break;
	}
	return N_("nobody");
}
