# Screen tests driven in tmux (issue 3).
SCRIPT_TESTS +=
