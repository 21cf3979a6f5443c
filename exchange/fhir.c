/* The FHIR R4 Bundle (see exchange/fhir.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "exchange/fhir.h"

/* Stable ids: the same entry gets the same fullUrl in every export, so a
 * pipeline that polls replaces rather than duplicates. "6f707464" is
 * "optd"; the second group says what kind of resource it is. */
enum { UUID_PATIENT = 1, UUID_CONSENT = 2, UUID_RELATED = 3 };
static void uuid_of(int kind, int64_t id, char out[64])
{
	snprintf(out, 64, "urn:uuid:6f707464-%04x-4000-8000-%012llx", kind,
	         (unsigned long long)id & 0xffffffffffffULL);
}

static bool seen_add(fhir_writer *w, int64_t id)
{
	if (w->seen_n * 2 >= w->seen_cap) {
		size_t cap = w->seen_cap ? w->seen_cap * 2 : 1024;
		int64_t *v = calloc(cap, sizeof *v);
		if (!v)
			return false;
		for (size_t i = 0; i < w->seen_cap; i++)
			if (w->seen[i]) {
				size_t h = (size_t)w->seen[i] * 11400714819323198485ULL % cap;
				while (v[h])
					h = (h + 1) % cap;
				v[h] = w->seen[i];
			}
		free(w->seen);
		w->seen = v;
		w->seen_cap = cap;
	}
	size_t h = (size_t)id * 11400714819323198485ULL % w->seen_cap;
	while (w->seen[h]) {
		if (w->seen[h] == id)
			return false;
		h = (h + 1) % w->seen_cap;
	}
	w->seen[h] = id;
	w->seen_n++;
	return true;
}

static void entry_write(fhir_writer *w, const char *url, json_t *res)
{
	json_t *e = json_pack("{s:s, s:o}", "fullUrl", url, "resource", res);
	char *s = e ? json_dumps(e, JSON_COMPACT) : NULL;
	/* No "entry" at all for an empty export: FHIR JSON has no empty arrays. */
	if (!s || fprintf(w->out, "%s%s", w->entries ? ",\n" : ",\"entry\":[\n", s) < 0)
		w->failed = true;
	else
		w->entries++;
	free(s);
	json_decref(e);
}

static json_t *coding(const char *system, const char *code, const char *display)
{
	/* "s*": no key at all for NULL (FHIR JSON has no nulls). */
	return json_pack("{s:[{s:s, s:s, s:s*}]}", "coding", "system", system,
	                 "code", code, "display", display);
}

/* "山田 太郎" → family 山田, given [太郎] (a space, ASCII or ideographic,
 * between them); one word is the family name alone. */
static json_t *human_name(const char *text, const char *rep)
{
	char family[STORE_NAME_SIZE];
	const char *given = NULL;
	snprintf(family, sizeof family, "%s", text);
	char *sp = strchr(family, ' ');
	char *ideo = strstr(family, "\xE3\x80\x80");
	if (ideo && (!sp || ideo < sp)) {
		*ideo = '\0';
		given = ideo + 3;
	} else if (sp) {
		*sp = '\0';
		given = sp + 1;
	}
	json_t *n = json_pack("{s:[{s:s, s:s}], s:s, s:s, s:s}",
		"extension", "url", "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation",
		"valueCode", rep, "use", "official", "text", text, "family", family);
	if (n && given && *given)
		json_object_set_new(n, "given", json_pack("[s]", given));
	return n;
}

static void patient_write(fhir_writer *w, const patient *p)
{
	if (!seen_add(w, p->id))
		return;
	char url[64];
	uuid_of(UUID_PATIENT, p->id, url);
	static const char *const gender[] = { "male", "female", "unknown" };
	int g = p->sex == 'm' ? 0 : p->sex == 'f' ? 1 : 2;
	json_t *r = json_pack("{s:s, s:[{s:s, s:s}], s:[o, o], s:s}",
		"resourceType", "Patient",
		"identifier", "system", w->patient_system, "value", p->number,
		"name", human_name(p->name, "IDE"), human_name(p->kana, "SYL"),
		"gender", gender[g]);
	if (!r) {
		w->failed = true;
		return;
	}
	json_object_set_new(r, "id", json_sprintf("p%lld", (long long)p->id));
	char iso[DATE_ISO_SIZE];
	if (p->birth_known) {
		date_format_iso(p->birth, iso);
		json_object_set_new(r, "birthDate", json_string(iso));
	}
	if (p->died) {
		date_format_iso(p->death, iso);
		json_object_set_new(r, "deceasedDateTime", json_string(iso));
	}
	entry_write(w, url, r);
}

/* v3-RoleCode for the relationships the desk records. */
static const char *role_code(relationship r)
{
	switch (r) {
	case REL_PARENT: return "PRN";
	case REL_GUARDIAN: return "GUARD";
	case REL_SPOUSE: return "SPS";
	case REL_CHILD: return "CHILD";
	case REL_GRANDCHILD: return "GRNDCHILD";
	case REL_GRANDPARENT: return "GRPRN";
	case REL_SIBLING: return "SIB";
	default: return NULL;
	}
}

static void related_write(fhir_writer *w, const export_item *it, const char *patient_url,
                          char url[64])
{
	uuid_of(UUID_RELATED, it->id, url);
	const char *code = role_code(it->rel);
	json_t *rel = json_pack("{s:s}", "text", requester_kind_word(it->who));
	if (rel && code)
		json_object_set_new(rel, "coding", json_pack("[{s:s, s:s}]",
			"system", "http://terminology.hl7.org/CodeSystem/v3-RoleCode", "code", code));
	json_t *r = json_pack("{s:s, s:{s:s}, s:[o]}", "resourceType", "RelatedPerson",
		"patient", "reference", patient_url, "relationship", rel);
	if (!r) {
		w->failed = true;
		return;
	}
	json_object_set_new(r, "id", json_sprintf("r%lld", (long long)it->id));
	if (it->who_name[0])
		json_object_set_new(r, "name", json_pack("[{s:s}]", "text", it->who_name));
	entry_write(w, url, r);
}

bool fhir_add(fhir_writer *w, const export_item *it)
{
	char purl[64], curl[64], rurl[64], iso[DATE_ISO_SIZE];
	uuid_of(UUID_PATIENT, it->pat.id, purl);
	uuid_of(UUID_CONSENT, it->id, curl);
	patient_write(w, &it->pat);
	const char *performer = purl;
	if (it->who != REQ_SELF) {
		related_write(w, it, purl, rurl);
		performer = rurl;
	}
	const char *status = it->voided ? "entered-in-error"
		: it->kind == EXPORT_STOP && it->withdrawn ? "inactive" : "active";
	/* A notice permits from the day data may flow; a stop denies and a
	 * withdrawal permits again from the day each was received. */
	od_date start = it->kind == EXPORT_NOTICE ? it->flow_from : it->date;
	date_format_iso(start, iso);
	json_t *prov = json_pack("{s:s, s:{s:s}}", "type",
		it->kind == EXPORT_STOP ? "deny" : "permit", "period", "start", iso);
	static const char *const kinds[] = { "notice", "stop", "withdrawal" };
	json_t *c = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:s, s:o, s:[o], s:{s:s},"
	                      " s:s, s:[{s:s}], s:[{s:s}], s:o, s:[{s:s}], s:o}",
		"resourceType", "Consent",
		"id", kinds[it->kind],
		"identifier", "system", "urn:optout-desk:reference", "value", it->ref,
		"status", status,
		"scope", coding("http://terminology.hl7.org/CodeSystem/consentscope", "research", "Research"),
		"category", coding("http://terminology.hl7.org/CodeSystem/consentcategorycodes", "research", NULL),
		"patient", "reference", purl,
		"dateTime", it->recorded_at,
		"performer", "reference", performer,
		"organization", "display", w->clinic,
		"policyRule", coding("http://terminology.hl7.org/CodeSystem/v3-ActCode",
		                     it->kind == EXPORT_STOP ? "OPTOUT" : "OPTIN", NULL),
		"policy", "uri", FHIR_ACT_URL,
		"provision", prov);
	if (!c) {
		w->failed = true;
		return false;
	}
	json_object_set_new(c, "id", json_sprintf("%s%lld", kinds[it->kind], (long long)it->id));
	if (it->kind != EXPORT_NOTICE) {
		/* The identity check of the requester is the verification. */
		date_format_iso(it->date, iso);
		json_t *v = json_pack("{s:b, s:{s:s}, s:s}", "verified", it->idc != ID_NONE,
			"verifiedWith", "reference", performer, "verificationDate", iso);
		if (v)
			json_object_set_new(v, "extension", json_pack("[{s:s, s:s}]",
				"url", "urn:optout-desk:identity-check", "valueCode", id_check_word(it->idc)));
		json_object_set_new(c, "verification", json_pack("[o]", v));
	}
	if (it->kind == EXPORT_STOP && it->delete_provided)
		json_object_set_new(c, "extension", json_pack("[{s:s, s:b}]",
			"url", "urn:optout-desk:delete-provided", "valueBoolean", 1));
	entry_write(w, curl, c);
	return !w->failed;
}

bool fhir_begin(fhir_writer *w, FILE *out, const char *clinic,
                const char *institution_code, const char *stamp)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	snprintf(w->clinic, sizeof w->clinic, "%s", clinic && *clinic ? clinic : "-");
	if (institution_code && strlen(institution_code) == 10 &&
	    strspn(institution_code, "0123456789") == 10)
		snprintf(w->patient_system, sizeof w->patient_system, "%s%s",
		         FHIR_JP_PATIENT_OID, institution_code);
	else
		snprintf(w->patient_system, sizeof w->patient_system, "%s",
		         FHIR_LOCAL_PATIENT_SYSTEM);
	json_t *ts = json_string(stamp);
	char *s = ts ? json_dumps(ts, JSON_ENCODE_ANY) : NULL;
	int n = fprintf(out, "{\"resourceType\":\"Bundle\",\"type\":\"collection\","
	                "\"timestamp\":%s", s ? s : "null");
	free(s);
	json_decref(ts);
	return n > 0;
}

bool fhir_end(fhir_writer *w)
{
	if (fprintf(w->out, "%s}\n", w->entries ? "\n]" : "") < 0)
		w->failed = true;
	free(w->seen);
	w->seen = NULL;
	return !w->failed;
}
