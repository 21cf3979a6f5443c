/* Showing what the store holds: the one-line status of the contract and a
 * patient's history. Used by `status`, `patient show` and `patient find`. */
#ifndef OD_CLI_SHOW_H
#define OD_CLI_SHOW_H

#include <stddef.h>
#include <stdio.h>
#include "core/eligibility.h"
#include "store/store.h"

#define CLI_STATUS_LINE_SIZE 64

/* The machine-readable status line, never translated:
 *   not-notified
 *   waiting NOTICE-DATE FLOW-FROM
 *   may-flow FLOW-FROM
 *   stopped SINCE KIND
 *   needs-re-notice LAST-OLD-NOTICE-DATE   (the date only when known) */
void cli_status_line(const elig_result *res, char *out, size_t outsz);

/* Prints the history newest first, one event per line, text from the
 * database sanitized. */
store_rc cli_history_print(store *st, int64_t patient_id, FILE *out);

#endif
