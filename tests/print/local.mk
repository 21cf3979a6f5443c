# Document and QR tests with real readers (issue 4).
SCRIPT_TESTS +=
