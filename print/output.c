/* Where a document goes: a file the caller named, a CUPS queue chosen per
 * kind of document, or the output folder. Each failure becomes one
 * translated sentence in doc_result.message; the record was saved before. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <cups/cups.h>
#include <sodium.h>
#include "core/i18n.h"
#include "print/print.h"
#include "print/template.h"
#include "print/fields.h"
#include "print/render.h"

static const char *const kind_words[DOC_KIND_COUNT] = {
	[DOC_NOTICE] = "notice", [DOC_SLIP] = "slip",
	[DOC_RECEIPT] = "receipt", [DOC_POSTER] = "poster",
};
static const char *const kind_settings[DOC_KIND_COUNT] = {
	[DOC_NOTICE] = "printer.notice", [DOC_SLIP] = "printer.slip",
	[DOC_RECEIPT] = "printer.receipt", [DOC_POSTER] = "printer.poster",
};

const char *doc_kind_word(doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? kind_words[k] : "?";
}

const char *doc_kind_setting(doc_kind k)
{
	return (unsigned)k < DOC_KIND_COUNT ? kind_settings[k] : "";
}

bool print_default_outdir(char *out, size_t outsz)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	int n;
	if (data != NULL && data[0] == '/')
		n = snprintf(out, outsz, "%s/optout-desk/output", data);
	else if (home != NULL && home[0] != '\0')
		n = snprintf(out, outsz, "%s/.local/share/optout-desk/output", home);
	else
		return false;
	return n > 0 && (size_t)n < outsz;
}

/* A sentence for a failed write of path. */
static void write_error(doc_result *res, const char *path, int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
		snprintf(res->message, sizeof res->message,
		         _("The document could not be saved as %s: the disk is full. Free some space or choose another output folder."), path);
		break;
	case EACCES:
	case EPERM:
	case EROFS:
		snprintf(res->message, sizeof res->message,
		         _("The document could not be saved as %s: writing there is not allowed. Choose another output folder."), path);
		break;
	case ENOENT:
	case ENOTDIR:
		snprintf(res->message, sizeof res->message,
		         _("The document could not be saved as %s: the folder does not exist."), path);
		break;
	default:
		snprintf(res->message, sizeof res->message,
		         _("The document could not be saved as %s: %s."), path, g_strerror(err));
	}
}

/* Writes all of data to path ("-": standard output). A regular file is
 * written beside and renamed, so a full disk leaves no half document. */
static bool write_file(const char *path, const GByteArray *data, bool atomic, doc_result *res)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data->data, 1, data->len, stdout) != data->len || fflush(stdout) != 0) {
			write_error(res, _("standard output"), errno);
			return false;
		}
		return true;
	}
	char *tmp = atomic ? g_strdup_printf("%s.part", path) : g_strdup(path);
	FILE *f = fopen(tmp, "wb");
	if (f == NULL) {
		write_error(res, path, errno);
		g_free(tmp);
		return false;
	}
	int err = 0;
	if (fwrite(data->data, 1, data->len, f) != data->len)
		err = errno;
	if (fflush(f) != 0 && err == 0)
		err = errno;
	if (fclose(f) != 0 && err == 0)
		err = errno;
	if (err == 0 && atomic && rename(tmp, path) != 0)
		err = errno;
	if (err != 0) {
		if (atomic)
			unlink(tmp);
		write_error(res, path, err);
		g_free(tmp);
		return false;
	}
	g_free(tmp);
	snprintf(res->path, sizeof res->path, "%s", path);
	return true;
}

/* Regular files and new paths are written atomically; devices (a thermal
 * printer at /dev/usb/lp0) and pipes directly. */
static bool path_is_regular(const char *path)
{
	GStatBuf st;
	return g_stat(path, &st) != 0 || S_ISREG(st.st_mode);
}

static const char *format_ext(doc_format f)
{
	return f == FMT_PNG ? "png" : f == FMT_ESCPOS ? "bin" : "pdf";
}

static bool save_in_folder(const doc_request *req, const doc_data *d,
                           const print_settings *ps, const GByteArray *bytes,
                           const char *ref, doc_result *res)
{
	char dir[STORE_PATH_MAX];
	if (ps != NULL && ps->outdir[0] != '\0')
		snprintf(dir, sizeof dir, "%s", ps->outdir);
	else if (!print_default_outdir(dir, sizeof dir)) {
		snprintf(res->message, sizeof res->message, "%s",
		         _("No output folder is set and HOME is not set: the document could not be saved."));
		return false;
	}
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		const int err = errno;
		snprintf(res->message, sizeof res->message,
		         _("The output folder %s could not be created: %s."), dir, g_strerror(err));
		return false;
	}
	char iso[DATE_ISO_SIZE] = "";
	if (date_valid(d->today))
		date_format_iso(d->today, iso);
	char *name = ref != NULL && ref[0] != '\0'
		? g_strdup_printf("%s-%s.%s", doc_kind_word(req->kind), ref, format_ext(req->format))
		: g_strdup_printf("%s-%s.%s", doc_kind_word(req->kind), iso, format_ext(req->format));
	char *path = g_build_filename(dir, name, NULL);
	bool ok = write_file(path, bytes, true, res);
	g_free(name);
	g_free(path);
	return ok;
}

static bool send_to_queue(const char *queue, const GByteArray *bytes, const doc_request *req,
                          const char *ref, doc_result *res)
{
	snprintf(res->queue, sizeof res->queue, "%s", queue);
	/* An explicit connection tells "the scheduler is down" apart from
	 * "no such queue" (cupsGetNamedDest alone reports both as the latter). */
	http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
	                            cupsEncryption(), 1, 5000, NULL);
	if (http == NULL) {
		snprintf(res->message, sizeof res->message,
		         _("The printing service (CUPS) cannot be reached, so nothing was printed on “%s”. The record is saved: print it again later from the patient's history."), queue);
		return false;
	}
	cups_dest_t *dest = cupsGetNamedDest(http, queue, NULL);
	if (dest == NULL) {
		snprintf(res->message, sizeof res->message,
		         _("The printer “%s” does not exist. Check the printer settings; the record is saved and can be printed again from the patient's history."), queue);
		httpClose(http);
		return false;
	}
	cupsFreeDests(1, dest);

	char *path = g_build_filename(g_get_tmp_dir(), "optout-desk-print-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	if (fd < 0) {
		write_error(res, path, errno);
		g_free(path);
		httpClose(http);
		return false;
	}
	close(fd);
	doc_result scratch = { 0 };
	if (!write_file(path, bytes, false, &scratch)) {
		snprintf(res->message, sizeof res->message, "%s", scratch.message);
		unlink(path);
		g_free(path);
		httpClose(http);
		return false;
	}
	cups_option_t *opts = NULL;
	int nopts = 0;
	if (req->format == FMT_ESCPOS)
		/* the printer speaks ESC/POS: no filters in between */
		nopts = cupsAddOption("raw", "true", nopts, &opts);
	char *title = g_strdup_printf("optout-desk %s %s", doc_kind_word(req->kind), ref ? ref : "");
	const int job = cupsPrintFile2(http, queue, path, title, nopts, opts);
	cupsFreeOptions(nopts, opts);
	g_free(title);
	unlink(path);
	g_free(path);
	if (job <= 0) {
		snprintf(res->message, sizeof res->message,
		         _("The printer “%s” did not accept the document (%s). The record is saved and can be printed again from the patient's history."),
		         queue, cupsLastErrorString());
		httpClose(http);
		return false;
	}
	httpClose(http);
	res->printed = true;
	return true;
}

bool print_document(const doc_request *req, const doc_data *data,
                    const print_settings *ps, doc_result *res)
{
	memset(res, 0, sizeof *res);
	if ((unsigned)req->kind >= DOC_KIND_COUNT || data == NULL || data->clinic == NULL) {
		snprintf(res->message, sizeof res->message, "%s", _("Nothing to print: the document kind or its data is missing."));
		return false;
	}
	const char *lang = req->lang != NULL && req->lang[0] ? req->lang : "ja";
	char name[64];
	snprintf(name, sizeof name, "%s-%s%s", doc_kind_word(req->kind), lang,
	         req->large ? "-large" : "");
	tpl t;
	if (!tpl_load(&t, name, res->message, sizeof res->message))
		return false;

	doc_values dv;
	doc_values_build(&dv, req, data);
	qr_matrix qr = { 0, NULL };
	/* A URL that print_url_check would refuse leaves the code out rather
	 * than the whole document. */
	bool have_qr = dv.has_url && qr_encode(dv.url, &qr);

	GByteArray *bytes = g_byte_array_new();
	char msg[sizeof res->message] = "";
	bool ok = render_document(&t, &dv, have_qr ? &qr : NULL, req->format, req->dpi,
	                          bytes, msg, sizeof msg);
	const char *ref = data->notice != NULL && req->kind != DOC_RECEIPT ? data->notice->ref
	                : data->request != NULL && req->kind == DOC_RECEIPT ? data->request->ref : NULL;
	if (!ok) {
		snprintf(res->message, sizeof res->message, "%s", msg);
	} else {
		const char *queue = ps != NULL ? ps->queue[req->kind] : "";
		if (req->out_path != NULL)
			ok = write_file(req->out_path, bytes, path_is_regular(req->out_path), res);
		else if (queue[0] != '\0')
			ok = send_to_queue(queue, bytes, req, ref, res);
		else
			ok = save_in_folder(req, data, ps, bytes, ref, res);
	}
	g_byte_array_free(bytes, TRUE);
	qr_free(&qr);
	doc_values_free(&dv);
	tpl_free(&t);
	return ok;
}

bool print_notice_items_hash(const clinic_settings *cs,
                             const operator_rec *ops, size_t nops,
                             char out[PRINT_HASH_SIZE], char *msg, size_t msgsz)
{
	tpl t;
	if (!tpl_load(&t, "notice-ja", msg, msgsz))
		return false;
	if (sodium_init() < 0) {
		snprintf(msg, msgsz, "%s", _("the cryptography library could not start"));
		tpl_free(&t);
		return false;
	}
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	/* Every part ends with its NUL so that "ab"+"c" differs from "a"+"bc". */
#define PART(s) crypto_hash_sha256_update(&h, (const unsigned char *)(s), strlen(s) + 1)
	PART("optout-desk notice items 1");
	PART(t.source);
	PART(cs->name);
	PART(cs->address);
	PART(cs->phone);
	PART(cs->email);
	PART(cs->hours);
	PART(cs->notice_url);
	PART(cs->national_url);
	char months[16];
	snprintf(months, sizeof months, "%d", cs->wait_months);
	PART(months);
	for (size_t i = 0; i < nops; i++) {
		if (!ops[i].active)
			continue;
		char kind[2] = { ops[i].kind, '\0' };
		PART(ops[i].name);
		PART(kind);
		PART(ops[i].address);
	}
#undef PART
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, PRINT_HASH_SIZE, digest, sizeof digest);
	tpl_free(&t);
	return true;
}
