bin_PROGRAMS += optout-desk
optout_desk_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/print_cmd.c
optout_desk_CFLAGS = $(AM_CFLAGS)
optout_desk_LDADD = $(TUI_LIBS) $(PRINT_LIBS) $(STORE_LIBS) $(CORE_LIBS) $(LIBINTL)
