bin_PROGRAMS += optout-desk
optout_desk_SOURCES = \
	cli/main.c
optout_desk_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
optout_desk_LDADD = $(TUI_LIBS) $(PRINT_LIBS) $(STORE_LIBS) $(CORE_LIBS) $(NCURSES_LIBS) $(LIBINTL)
