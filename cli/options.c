/* One option parser for every subcommand: each subcommand describes its
 * options in a table (cli.h, cli_opt) and this turns it into getopt_long's
 * arrays, stores each value where the table says, checks dates, words and
 * numbers, reports what is wrong naming the option, and answers --help
 * with the subcommand's usage. Subcommands keep only what is theirs: the
 * rules between options and what the command does. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/text.h"

enum { OPTS_MAX = 40, LONG_BASE = 0x10000 };

/* "--name" for messages. */
static const char *field_of(const cli_opt *o, char *buf, size_t size)
{
	snprintf(buf, size, "--%s", o->name);
	return buf;
}

static int store_value(const cli_opt *o, const char *value)
{
	char field[64];

	if (o->given != NULL)
		*o->given = true;
	switch (o->kind) {
	case CLI_FLAG:
		*(bool *)o->out = true;
		return CLI_PARSED;
	case CLI_TEXT:
		*(const char **)o->out = value;
		return CLI_PARSED;
	case CLI_DATE:
		if (!cli_parse_date(field_of(o, field, sizeof field), value, o->out))
			return CLI_BAD_INPUT;
		return CLI_PARSED;
	case CLI_CHOICE: {
		char words[256] = "";
		for (int i = 0; o->choices[i] != NULL; i++) {
			if (strcmp(value, o->choices[i]) == 0) {
				*(int *)o->out = i;
				return CLI_PARSED;
			}
			if (i > 0)
				strncat(words, ", ", sizeof words - strlen(words) - 1);
			strncat(words, o->choices[i], sizeof words - strlen(words) - 1);
		}
		return cli_bad_input(field_of(o, field, sizeof field),
		                     _("use one of: %s"), words);
	}
	case CLI_INT: {
		char *end;
		errno = 0;
		long v = strtol(value, &end, 10);
		if (errno != 0 || end == value || *end != '\0' || v < o->min || v > o->max)
			return cli_bad_input(field_of(o, field, sizeof field),
			                     _("use a whole number from %d to %d"), o->min, o->max);
		*(int *)o->out = (int)v;
		return CLI_PARSED;
	}
	case CLI_ID:
		if (!cli_parse_id(field_of(o, field, sizeof field), value, o->hint, o->out))
			return CLI_BAD_INPUT;
		return CLI_PARSED;
	}
	return CLI_BAD_INPUT;
}

int cli_options(const char *sub, int argc, char **argv, const cli_opt *opts)
{
	struct option longs[OPTS_MAX + 2];
	char shorts[2 * OPTS_MAX + 4] = ":h";
	size_t n = 0, ns = strlen(shorts);
	bool seen[OPTS_MAX] = { false };
	int c, rc;

	for (; opts[n].name != NULL; n++) {
		if (n == OPTS_MAX)
			abort(); /* a table longer than the parser's arrays: a bug */
		longs[n] = (struct option){ opts[n].name,
			opts[n].kind == CLI_FLAG ? no_argument : required_argument,
			NULL, LONG_BASE + (int)n };
		if (opts[n].short_name != 0) {
			shorts[ns++] = (char)opts[n].short_name;
			if (opts[n].kind != CLI_FLAG)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	longs[n] = (struct option){ "help", no_argument, NULL, 'h' };
	longs[n + 1] = (struct option){ NULL, 0, NULL, 0 };

	optind = 0; /* getopt's full reset: each subcommand starts afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		size_t i = n;
		if (c == 'h') {
			cli_usage(stdout, sub);
			return CLI_OK;
		}
		if (c >= LONG_BASE && c < LONG_BASE + (int)n)
			i = (size_t)(c - LONG_BASE);
		else if (c != '?' && c != ':')
			for (i = 0; i < n && opts[i].short_name != c; i++)
				;
		if (i == n)
			return cli_option_error(c, argv);
		seen[i] = true;
		if ((rc = store_value(&opts[i], optarg)) != CLI_PARSED)
			return rc;
	}
	for (size_t i = 0; i < n; i++) {
		char field[64];
		if (opts[i].required && !seen[i])
			return cli_bad_input(field_of(&opts[i], field, sizeof field),
			                     "%s", _("missing"));
	}
	return CLI_PARSED;
}

const cli_opt cli_no_options[] = { { .name = NULL } };

int cli_no_more(int argc, char **argv, int from)
{
	char shown[256];

	if (from >= argc)
		return CLI_OK;
	text_sanitize(argv[from], shown, sizeof shown);
	return cli_bad_input(shown, "%s", _("unexpected argument"));
}

int cli_no_argument(int argc, char **argv)
{
	return cli_no_more(argc, argv, optind);
}

bool cli_parse_id(const char *field, const char *text, const char *hint, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = text != NULL ? strtoll(text, &end, 10) : 0;
	if (text == NULL || errno != 0 || end == text || *end != '\0' || v <= 0) {
		char shown[256];
		text_sanitize(text != NULL ? text : "", shown, sizeof shown);
		if (hint != NULL)
			cli_bad_input(field, "\"%s\": %s", shown, _(hint));
		else
			cli_bad_input(field, _("\"%s\": give a number from the list"), shown);
		return false;
	}
	*out = (int64_t)v;
	return true;
}
