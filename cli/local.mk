bin_PROGRAMS += optout-desk
optout_desk_SOURCES = \
	cli/cli.h \
	cli/cli_show.h \
	cli/main.c \
	cli/util.c \
	cli/show.c \
	cli/init_cmd.c \
	cli/patient_cmd.c \
	cli/record_cmd.c cli/identity_cmd.c \
	cli/query_cmd.c \
	cli/print_cmd.c \
	cli/import_cmd.c \
	cli/check_cmd.c cli/handover_cmd.c cli/export_cmd.c \
	cli/signin.c cli/staff_cmd.c cli/audit_cmd.c \
	cli/options.c \
	cli/worklist_cmd.c \
	cli/report_cmd.c
optout_desk_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS) $(JANSSON_CFLAGS)
optout_desk_LDADD = $(TUI_LIBS) $(PRINT_LIBS) $(EXCHANGE_LIBS) $(STORE_LIBS) $(CORE_LIBS) $(LIBINTL)
# the desk verifies the audit log in a thread (tui/login.c)
optout_desk_LDFLAGS = $(AM_LDFLAGS) -pthread
