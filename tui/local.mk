# The curses screens (issue 3).
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
libtui_a_SOURCES = \
	tui/tui.h \
	tui/app.c
TUI_LIBS = libtui.a $(NCURSES_LIBS)
