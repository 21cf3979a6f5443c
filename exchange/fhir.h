/* HL7 FHIR R4 export (issue 10): a Bundle of type collection holding one
 * Consent per notice, stop and withdrawal, the Patient each concerns (JP
 * Core conventions: the patient number as identifier, kanji and kana names
 * as IDE/SYL) and, when someone acted for the patient, a RelatedPerson as
 * the performer. Written entry by entry: the export is never held whole. */
#ifndef OD_EXCHANGE_FHIR_H
#define OD_EXCHANGE_FHIR_H

#include <stdbool.h>
#include <stdio.h>
#include "store/store.h"

/* JP Core's patient-number system is this OID followed by the 10-digit
 * medical institution code; without the code a local URN is used. */
#define FHIR_JP_PATIENT_OID "urn:oid:1.2.392.100495.20.3.51.1"
#define FHIR_LOCAL_PATIENT_SYSTEM "urn:optout-desk:patient-number"
/* The Act (平成29年法律第28号) on e-Gov: the policy every Consent points to. */
#define FHIR_ACT_URL "https://laws.e-gov.go.jp/law/429AC0000000028"

typedef struct fhir_writer {
	FILE *out;
	size_t entries;
	char patient_system[64];
	char clinic[256];
	int64_t *seen;          /* patients already written (open addressing) */
	size_t seen_cap, seen_n;
	bool failed;            /* out of memory or a write failed */
} fhir_writer;

/* institution_code: 10 digits, or "" (then the local system). stamp: the
 * Bundle's timestamp, which a pipeline passes back as --since. */
bool fhir_begin(fhir_writer *w, FILE *out, const char *clinic,
                const char *institution_code, const char *stamp);
bool fhir_add(fhir_writer *w, const export_item *it);
/* Closes the Bundle and frees; false if anything failed on the way. */
bool fhir_end(fhir_writer *w);

#endif
