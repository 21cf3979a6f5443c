/* The schema migrations (store/ only). */
#ifndef OD_STORE_SCHEMA_H
#define OD_STORE_SCHEMA_H

/* PRAGMA application_id of every optout-desk database: "ODSK". */
#define STORE_APPLICATION_ID 0x4F44534B
#define STORE_APPLICATION_ID_TEXT "1329877835"

/* store_migrations[i] brings user_version i to i + 1. */
extern const char *const store_migrations[];
extern const int store_schema_version;
/* Issue 11's migration (the audit log): the rows a database already holds
 * when it runs are adopted into the log in the same transaction. */
extern const char *const store_migration_audit;
/* Issue 11's request ids joining the log: the request_ids rows a database
 * holds without an entry are adopted when it runs. */
extern const char *const store_migration_audit_request_ids;

#endif
