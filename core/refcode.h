/* Reference codes printed on notices and receipts: random (libsodium),
 * from an alphabet with no look-alikes (no 0/O, 1/I/L, U), with a check
 * character that catches any single wrong character and any swap of two
 * neighbours when a code is typed back. Form: "N-7K3M-Q9PX" (prefix letter,
 * 7 random characters, check character). */
#ifndef OD_REFCODE_H
#define OD_REFCODE_H

#include <stdbool.h>

#define REFCODE_SIZE 16   /* "N-7K3M-Q9PX" + NUL, with room */

/* prefix: 'N' notice, 'R' receipt (stop/withdrawal). */
void refcode_new(char prefix, char out[REFCODE_SIZE]);
/* Accepts lower case, spaces and hyphens anywhere, full-width characters;
 * writes the canonical form. False if the check character does not match
 * or the text is not a code. */
bool refcode_normalize(const char *typed, char out[REFCODE_SIZE]);

#endif
