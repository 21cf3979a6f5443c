/* Who may do what: the one table of which command (and action) needs which
 * staff role. cli/ asks it before running a subcommand, tui/ before
 * offering an action; nothing else decides. Pure rules, no I/O. */
#ifndef OD_ROLES_H
#define OD_ROLES_H

#include <stdbool.h>

/* Role bits: a rule holds the mask of the roles allowed. */
typedef enum staff_role {
	ROLE_NONE = 0,
	ROLE_CLERK = 1u << 0,      /* registers, hands notices, records stops, prints */
	ROLE_ADMIN = 1u << 1,      /* also voids, merges, imports, settings, staff */
	ROLE_PIPELINE = 1u << 2,   /* the data pipeline: status, check, eligible,
	                              export, provisions; never sees names */
} staff_role;

#define ROLE_DESK (ROLE_CLERK | ROLE_ADMIN)
#define ROLE_ANY (ROLE_CLERK | ROLE_ADMIN | ROLE_PIPELINE)

typedef struct role_rule {
	const char *command;       /* subcommand, or a screen action ("tui.void") */
	const char *action;        /* its first word ("add", "set"), or NULL for
	                              every action not listed on its own */
	unsigned roles;            /* mask of staff_role */
	bool no_signin;            /* runs without signing in (shows no patient
	                              data: verify) */
} role_rule;

/* The rule for command + action (action may be NULL or an option):
 * the exact (command, action) row, else the command's NULL row; NULL when
 * the command is not in the table (then only an admin may run it: a
 * command added without a rule fails closed). */
const role_rule *roles_rule(const char *command, const char *action);
/* May `role` run it? */
bool roles_allow(staff_role role, const char *command, const char *action);
/* Does the role see patients' names (screens, `patient show/find`)? */
bool roles_sees_names(staff_role role);

/* "clerk", "admin", "pipeline" <-> the role; false for anything else. */
bool role_parse(const char *word, staff_role *out);
const char *role_word(staff_role role);
/* The role's name for people (msgid). */
const char *role_label(staff_role role);

/* The table itself (for the man page and tests): *n rows. */
const role_rule *roles_table(int *n);

#endif
