# Command-line contract tests (shell, temporary database).
SCRIPT_TESTS +=
