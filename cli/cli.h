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
	od_date today;            /* --today, OPTOUT_DESK_TODAY, or the clinic's
	                             clock (set again when the store opens) */
	bool today_fixed;         /* by --today or OPTOUT_DESK_TODAY */
	char staff[STORE_STAFF_SIZE]; /* --staff, OPTOUT_DESK_STAFF, or "" (never
	                                 the Unix login: receipts name people);
	                                 once signed in, the display name */
	/* issue 11: signing in (cli/signin.c) */
	char password_file[STORE_PATH_MAX]; /* --password-file or
	                                 OPTOUT_DESK_PASSWORD_FILE; "" none */
	char login[STORE_LOGIN_SIZE]; /* signed in as; "" when no staff are set up */
	staff_role role;          /* of the signed-in person; ROLE_NONE without */
} cli_ctx;

/* Opens the database of ctx, printing a sentence on failure (exit 1), and
 * settles today (fixed, or the clinic's). */
store *cli_open_mode(const cli_ctx *ctx, store_mode mode);
store *cli_open_store(const cli_ctx *ctx);   /* STORE_WRITE */

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
int cli_template_main(const cli_ctx *ctx, int argc, char **argv); /* issue 4: template status|check|accept */
int cli_printer_main(const cli_ctx *ctx, int argc, char **argv);  /* issue 4: printer show|set|unset|outdir */
int cli_void_main(const cli_ctx *ctx, int argc, char **argv);
int cli_import_main(const cli_ctx *ctx, int argc, char **argv); /* issue 9: import patients|visits */
int cli_visits_main(const cli_ctx *ctx, int argc, char **argv); /* issue 9 */
int cli_patient_merge(const cli_ctx *ctx, int argc, char **argv); /* patient merge */
/* issue 10: the hand-over */
int cli_check_main(const cli_ctx *ctx, int argc, char **argv);
int cli_provide_main(const cli_ctx *ctx, int argc, char **argv);
int cli_operator_main(const cli_ctx *ctx, int argc, char **argv);
int cli_provisions_main(const cli_ctx *ctx, int argc, char **argv);
int cli_forwards_main(const cli_ctx *ctx, int argc, char **argv);
int cli_forward_main(const cli_ctx *ctx, int argc, char **argv);
int cli_export_main(const cli_ctx *ctx, int argc, char **argv);
/* issue 13: the office's worklists */
int cli_worklist_main(const cli_ctx *ctx, int argc, char **argv);
/* `patient show`: "provided to X on D" lines. */
store_rc cli_provisions_of_patient(store *st, int64_t patient_id);
/* Lists the possible duplicates of p on stderr with the way on; exit 2. */
int cli_similar_refused(store *st, const patient *p);

/* ---- issue 11: staff, the audit log, backups ------------------------------ */
/* Before a subcommand runs: with staff set up, signs in (--staff LOGIN and
 * a password from --password-file / OPTOUT_DESK_PASSWORD_FILE or the
 * terminal) and checks the role table (core/roles.h) for argv[0] and its
 * action; fills ctx->login, role and staff (the display name). Exit 1
 * "not signed in" / "not allowed" and nothing done otherwise. Also warns
 * when the database or its folder is open to other users. */
int cli_signin(cli_ctx *ctx, int argc, char **argv);
/* Reads a password: from `file` (its first line) when given, else from
 * the terminal without echo (twice when `confirm`). false after saying
 * why on stderr. */
bool cli_read_password(const char *file, const char *prompt, bool confirm,
                       char *out, size_t outsz);
/* Logs a look at a patient, signed in or not (without staff the entry
 * names the --staff name): CLI_OK, or CLI_FAIL (said) when it cannot be
 * logged (then nothing is shown). */
int cli_log_access(const cli_ctx *ctx, store *st, int64_t patient_id, const char *what);
int cli_staff_main(const cli_ctx *ctx, int argc, char **argv);
int cli_verify_main(const cli_ctx *ctx, int argc, char **argv);
int cli_audit_main(const cli_ctx *ctx, int argc, char **argv);
int cli_backup_main(const cli_ctx *ctx, int argc, char **argv);
int cli_restore_main(const cli_ctx *ctx, int argc, char **argv);

/* ---- additions for the subcommands (additive to the contract) --------- */
#include <stdio.h>
#include "core/rules.h"

/* Prints the usage lines of one subcommand (NULL: all, with the notes). */
void cli_usage(FILE *out, const char *sub);
/* Reports what getopt_long (opterr = 0, ":" in optstring) returned for an
 * unknown option or a missing value; returns CLI_BAD_INPUT. */
int cli_option_error(int c, char **argv);
/* Opens the database and checks that `init` has been run (exit 1 with
 * "run `optout-desk init` first" otherwise). NULL after saying why. */
store *cli_open_ready(const cli_ctx *ctx);
/* The same for commands that only read: never the write lock. */
store *cli_open_read(const cli_ctx *ctx);
/* Explains STORE_FUTURE, STORE_BACKDATED and STORE_CONFLICT for `field`
 * (exit 2); anything else as cli_store_error. */
int cli_store_refused(store *st, store_rc rc, const char *field);
/* Says store_rc_message(rc) (translated); returns CLI_FAIL. */
int cli_store_error(store_rc rc);
/* Looks up a patient by the number given as a positional argument:
 * CLI_OK, CLI_BAD_INPUT (no such patient, said), or CLI_FAIL (said). */
int cli_find_patient(store *st, const char *number, patient *out);
/* The patient number argument: exactly one positional argument left. */
int cli_one_argument(int argc, char **argv, const char *field, const char **out);

/* --request-id KEY on a write (issue 12). The option's getopt value. */
enum { CLI_OPT_REQUEST_ID = 0x1200 };
/* Arms st with KEY (NULL: none) for the command `kind` and `subject` (the
 * patient number or entry as typed). When KEY already recorded this
 * command, says so on stderr and sets *first to the first result, which
 * the command prints again (exit 0, nothing new written). CLI_BAD_INPUT
 * naming --request-id for a malformed key or one used for another entry. */
int cli_request_id(store *st, const char *key, const char *kind,
                   const char *subject, const char **first);
/* After a write returned STORE_REPLAYED (a retry that raced its first
 * run): says so and returns the first result. */
const char *cli_replayed(store *st);

/* Text options checked with text_check/text_check_kana. */
bool cli_check_text(const char *field, const char *s, size_t max_chars,
                    bool required);
bool cli_check_kana(const char *field, const char *s, size_t max_chars,
                    bool required);

/* Closed vocabularies: parse a word or report the accepted words. */
bool cli_parse_kind(const char *field, const char *word, bool allow_bereaved,
                    requester_kind *out);
bool cli_parse_relationship(const char *field, const char *word,
                            relationship *out);
bool cli_parse_channel(const char *field, const char *word, channel *out);
bool cli_parse_id_check(const char *field, const char *word, id_check *out);

/* Who acts: the --to/--by kind with its --recipient/--name and
 * --relationship, checked together (name and a fitting relationship are
 * required unless the kind is self, and refused for self). */
typedef struct cli_requester {
	const char *kind_field;   /* "--to" or "--by" */
	const char *name_field;   /* "--recipient" or "--name" */
	const char *kind_word;    /* NULL when not given */
	const char *name;
	const char *rel_word;
} cli_requester;
bool cli_requester_check(const cli_requester *in, bool allow_bereaved,
                         requester_kind *kind, relationship *rel);

/* Explains a rule_verdict refusal on stderr (why, and the kinds that
 * would fit); returns CLI_BAD_INPUT. */
int cli_verdict_refused(const char *field, const rule_verdict *v,
                        bool overridable_hint);

/* ---- options: one parser for every subcommand (cli/options.c) ----------- */
typedef enum {
	CLI_FLAG,    /* out: bool *, set true when given */
	CLI_TEXT,    /* out: const char **, the value as typed */
	CLI_DATE,    /* out: od_date *, parsed; a bad date is said naming --NAME */
	CLI_CHOICE,  /* out: int *, the index of the word in choices */
	CLI_ID,      /* out: int64_t *, a whole number above 0 */
	CLI_INT,     /* out: int *, a whole number from min to max */
} cli_opt_kind;

typedef struct cli_opt {
	const char *name;            /* the long name, without "--"; NULL ends */
	int short_name;              /* 'o' for -o, or 0 */
	cli_opt_kind kind;
	void *out;
	bool required;               /* "--NAME: missing" when not given */
	bool *given;                 /* optional: set true when given */
	const char *const *choices;  /* CLI_CHOICE: the words, NULL-terminated */
	const char *hint;            /* CLI_ID: what to give instead (N_()) */
	int min, max;                /* CLI_INT: the accepted range */
} cli_opt;

/* cli_options() parsed everything: go on (optind is at the first
 * positional argument). */
enum { CLI_PARSED = -1 };
/* Parses argv (argv[0]: the subcommand `sub`) against opts: --help prints
 * sub's usage and returns CLI_OK; an unknown option, a missing value or a
 * missing required option, a bad date, word or number is said naming the
 * option and returns CLI_BAD_INPUT; else CLI_PARSED. */
int cli_options(const char *sub, int argc, char **argv, const cli_opt *opts);
/* The table of a subcommand that has no options but --help. */
extern const cli_opt cli_no_options[];
/* After cli_options: CLI_OK when no positional argument is left, else
 * "ARG: unexpected argument" (CLI_BAD_INPUT). */
int cli_no_argument(int argc, char **argv);
/* The same from argv[from] on. */
int cli_no_more(int argc, char **argv, int from);
/* An entry's ID (a whole number above 0) given for `field`; false after
 * saying "\"TEXT\": HINT" (hint: N_() text; NULL: give a number from the
 * list). */
bool cli_parse_id(const char *field, const char *text, const char *hint, int64_t *out);

/* ---- documents written to a file (print, report) ----------------------- */
#include "print/print.h"
/* -o FILE (the option named `field`): refused before anything is opened,
 * with the reason (exit 2): an existing file without --force, a folder, and
 * the database or its side files never (store_output_allowed). */
int cli_check_output(const cli_ctx *ctx, const char *field, const char *path, bool force);
/* Says where a document went: the printer, or the file saved (nothing
 * for standard output). */
void cli_say_document(const char *out_path, const doc_result *res);
/* issue 13 */
int cli_report_main(const cli_ctx *ctx, int argc, char **argv);

#endif
