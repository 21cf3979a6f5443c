# The curses screens (issue 3).
TUI_LIBS =
