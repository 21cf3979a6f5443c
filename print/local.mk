# Documents and QR codes (issue 4).
PRINT_LIBS =
