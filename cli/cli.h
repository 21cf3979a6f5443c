/* Shared by the command-line subcommands in cli/. */
#ifndef OD_CLI_H
#define OD_CLI_H

#include <stdbool.h>
#include "core/date.h"
#include "store/store.h"

/* Exit codes of the command-line contract. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_BAD_INPUT = 2 };

typedef struct cli_ctx {
	char db_path[STORE_PATH_MAX];
	od_date today;            /* --today, OPTOUT_DESK_TODAY, or the clock */
	char staff[STORE_STAFF_SIZE]; /* --staff, OPTOUT_DESK_STAFF, or login name */
} cli_ctx;

/* Opens the database of ctx, printing a sentence on failure (exit 1). */
store *cli_open_store(const cli_ctx *ctx);

/* Prints "optout-desk: FIELD: message" on stderr and returns CLI_BAD_INPUT.
 * field and fmt are already-translated text. */
int cli_bad_input(const char *field, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "optout-desk: message" on stderr and returns CLI_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parses a date option value, reporting a bad one for `field`. */
bool cli_parse_date(const char *field, const char *text, od_date *out);

/* Subcommands: argv[0] is the subcommand name. */
int cli_init_main(const cli_ctx *ctx, int argc, char **argv);
int cli_patient_main(const cli_ctx *ctx, int argc, char **argv);
int cli_notice_main(const cli_ctx *ctx, int argc, char **argv);
int cli_request_main(const cli_ctx *ctx, int argc, char **argv); /* refuse, withdraw */
int cli_status_main(const cli_ctx *ctx, int argc, char **argv);
int cli_eligible_main(const cli_ctx *ctx, int argc, char **argv);
int cli_print_main(const cli_ctx *ctx, int argc, char **argv);   /* issue 4 */
int cli_qr_main(const cli_ctx *ctx, int argc, char **argv);      /* issue 4 */

#endif
