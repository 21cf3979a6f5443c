# The curses screens (issue 3).
noinst_LIBRARIES += libtui.a
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(SODIUM_CFLAGS) -pthread
libtui_a_SOURCES = \
	tui/tui.h \
	tui/internal.h \
	tui/app.c \
	tui/actions.c \
	tui/draw.c \
	tui/field.c \
	tui/form.c \
	tui/search.c \
	tui/patient.c \
	tui/patient_forms.c \
	tui/patient_actions.c \
	tui/history.c \
	tui/records.c \
	tui/setup.c \
	tui/import.c \
	tui/qrview.c \
	tui/printing.c \
	tui/outcome.c \
	tui/login.c \
	tui/first_admin.c \
	tui/worklist.c \
	tui/report.c
TUI_LIBS = libtui.a $(NCURSES_LIBS)
