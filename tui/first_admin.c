/* The first administrator from the desk (issue 11): while no staff exist
 * the search screen offers (F11) this form, so a clinic that starts from
 * the screens is not left without sign-in because nobody ran `init
 * --admin`. It is an offer, never forced: a desk without staff works as
 * before and says so on its header. The account is made by the same
 * store_staff_add that `init --admin` and `staff add` use; whoever made
 * it is signed in as that administrator from then on. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "core/i18n.h"
#include "core/text.h"
#include "tui/internal.h"

enum { F_LOGIN, F_NAME, F_PW, F_PW2 };

static bool first_admin_commit(app *a, form *f)
{
	char login[STORE_LOGIN_SIZE * 4], name[STORE_STAFF_SIZE];
	char pw[(STORE_PASSWORD_MAX + 2) * 4], pw2[sizeof pw];
	if (!field_text(&f->fields[F_LOGIN], login, sizeof login) || !store_login_valid(login))
		return form_error(a, f, F_LOGIN, "%s", _("use 1 to 32 of a-z, 0-9, dot, underscore or hyphen"));
	if (!form_string(a, f, F_NAME, false, name, sizeof name))
		return false;
	bool ok = field_text(&f->fields[F_PW], pw, sizeof pw) &&
	          field_text(&f->fields[F_PW2], pw2, sizeof pw2);
	if (ok && strcmp(pw, pw2) != 0)
		ok = form_error(a, f, F_PW2, "%s", _("the two passwords typed differ"));
	else if (ok && (strlen(pw) < STORE_PASSWORD_MIN || strlen(pw) > STORE_PASSWORD_MAX))
		ok = form_error(a, f, F_PW, _("use %d to %d characters"), STORE_PASSWORD_MIN,
		                STORE_PASSWORD_MAX);
	else if (!ok)
		form_error(a, f, F_PW, "%s", _("is too long; shorten it"));
	/* Another desk may have made one meanwhile: the sign-in is theirs. */
	if (ok && store_staff_any(a->st)) {
		ok = false;
		app_say(a, true, "%s", _("Staff were set up meanwhile (another desk?): restart the desk and sign in."));
	}
	staff_rec s;
	memset(&s, 0, sizeof s);
	/* Both fit: the login is valid (at most 32 bytes), the name was
	 * read into a buffer of the record's size. */
	memcpy(s.login, login, strlen(login) + 1 <= sizeof s.login ? strlen(login) + 1 : 1);
	memcpy(s.name, name[0] ? name : s.login, strlen(name[0] ? name : s.login) + 1);
	s.role = ROLE_ADMIN;
	store_rc rc = ok ? store_staff_add(a->st, &s, pw) : STORE_OK;
	sodium_memzero(pw, sizeof pw);
	sodium_memzero(pw2, sizeof pw2);
	if (!ok)
		return false;
	if (rc != STORE_OK) {
		app_store_error(a, rc);
		return false;
	}
	a->staff_set_up = true;
	snprintf(a->login, sizeof a->login, "%s", s.login);
	snprintf(a->staff, sizeof a->staff, "%s", s.name);
	a->role = ROLE_ADMIN;
	store_set_actor(a->st, s.login);
	app_say(a, false, _("Administrator %s added: from now on everyone signs in at the desk and on the command line."),
	        s.login);
	app_pop(a);
	return true;
}

static void first_admin_destroy(form *f)
{
	/* The password typed stays nowhere in memory. */
	sodium_memzero(f->fields[F_PW].buf, sizeof f->fields[F_PW].buf);
	sodium_memzero(f->fields[F_PW2].buf, sizeof f->fields[F_PW2].buf);
}

static const form_ops first_admin_ops = {
	.commit = first_admin_commit,
	.destroy = first_admin_destroy,
};

view *first_admin_view(app *a)
{
	(void)a;
	form *f = form_new(&first_admin_ops, N_("Sign-in set-up: the first administrator"), NULL);
	if (f == NULL)
		return NULL;
	snprintf(f->subtitle, sizeof f->subtitle, "%s",
	         _("Once an administrator exists, everyone signs in at the desk and the record names who did what. F12 saves; Esc goes back without creating anyone."));
	form_add(f, F_TEXT, N_("Login"), true, STORE_LOGIN_SIZE - 1);
	form_add(f, F_TEXT, N_("Display name"), false, TEXT_NAME_MAX);
	form_add(f, F_TEXT, N_("Password"), true, STORE_PASSWORD_MAX)->secret = true;
	form_add(f, F_TEXT, N_("Password again"), true, STORE_PASSWORD_MAX)->secret = true;
	return form_view(f);
}
