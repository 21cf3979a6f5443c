/* Gettext glue shared by every layer. core/ only marks strings (N_); the
 * layers that talk to people translate them with _(). */
#ifndef OD_I18N_H
#define OD_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(s, p, n) ngettext((s), (p), (n))

#endif
