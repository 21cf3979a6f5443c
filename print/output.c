/* Where a document goes: a file the caller named, a CUPS queue chosen per
 * kind of document, or the output folder. Each failure becomes one
 * translated sentence in doc_result.message; the record was saved before. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
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
#include "print/internal.h"

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

/* XDG_DOCUMENTS_DIR of user-dirs.dirs, read as `xdg-user-dir DOCUMENTS`
 * reads it (the file is shell, but xdg-user-dirs writes only
 * "$HOME/path" or "/path"; the last line wins). Nothing is run. */
static bool documents_dir(const char *home, char *out, size_t outsz)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	char *file = cfg != NULL && cfg[0] == '/'
		? g_build_filename(cfg, "user-dirs.dirs", NULL)
		: g_build_filename(home, ".config", "user-dirs.dirs", NULL);
	char *text = NULL;
	bool found = false;
	if (g_file_get_contents(file, &text, NULL, NULL)) {
		char **lines = g_strsplit(text, "\n", -1);
		for (char **l = lines; *l != NULL; l++) {
			const char *v = *l;
			while (*v == ' ' || *v == '\t')
				v++;
			if (strncmp(v, "XDG_DOCUMENTS_DIR=", 18) != 0)
				continue;
			v += 18;
			GString *val = g_string_new(NULL);
			const bool quoted = *v == '"';
			if (quoted)
				v++;
			for (; *v != '\0' && *v != '\r' && !(quoted ? *v == '"' : (*v == ' ' || *v == '\t' || *v == '#')); v++) {
				if (*v == '\\' && v[1] != '\0')
					v++;
				g_string_append_c(val, *v);
			}
			const char *rest = NULL;
			if (strncmp(val->str, "$HOME", 5) == 0 && (val->str[5] == '/' || val->str[5] == '\0'))
				rest = val->str + 5;
			if (rest != NULL) {
				found = snprintf(out, outsz, "%s%s", home, rest) < (int)outsz;
			} else if (val->str[0] == '/') {
				found = snprintf(out, outsz, "%s", val->str) < (int)outsz;
			}
			g_string_free(val, TRUE);
		}
		g_strfreev(lines);
		g_free(text);
	}
	g_free(file);
	if (!found)
		found = snprintf(out, outsz, "%s/Documents", home) < (int)outsz;
	/* "$HOME/" means the home folder itself */
	size_t n = strlen(out);
	while (found && n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	return found;
}

bool print_default_outdir(char *out, size_t outsz)
{
	const char *home = getenv("HOME");
	if (home == NULL || home[0] != '/')
		return false;
	char docs[STORE_PATH_MAX];
	if (!documents_dir(home, docs, sizeof docs))
		return false;
	int n = snprintf(out, outsz, "%s/optout-desk", docs);
	return n > 0 && (size_t)n < outsz;
}

/* A sentence for a failed write of path. */
static void write_error(char *msg, size_t msgsz, const char *path, int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
		snprintf(msg, msgsz,
		         _("The document could not be saved as %s: the disk is full. Free some space or choose another output folder."), path);
		break;
	case EACCES:
	case EPERM:
	case EROFS:
		snprintf(msg, msgsz,
		         _("The document could not be saved as %s: writing there is not allowed. Choose another output folder."), path);
		break;
	case ENOENT:
	case ENOTDIR:
		snprintf(msg, msgsz,
		         _("The document could not be saved as %s: the folder does not exist."), path);
		break;
	case EEXIST:
		snprintf(msg, msgsz,
		         _("The document could not be saved as %s: a file of that name exists (it was not replaced)."), path);
		break;
	default:
		snprintf(msg, msgsz,
		         _("The document could not be saved as %s: %s."), path, g_strerror(err));
	}
}

static int write_all(int fd, const void *data, size_t len)
{
	const unsigned char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Creates path (0600, never an existing file) with data; 0 or an errno. A
 * failed write leaves nothing behind. */
static int write_new(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	int err = write_all(fd, data, len);
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0)
		unlink(path);
	return err;
}

/* Replaces path with a 0600 file written beside it and renamed over it, so
 * a full disk leaves the old one whole. */
static int write_replace(const char *path, const void *data, size_t len)
{
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	char *tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	int err = 0;
	int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = errno;
	} else {
		err = write_all(fd, data, len);
		if (close(fd) != 0 && err == 0)
			err = errno;
		if (err == 0 && rename(tmp, path) != 0)
			err = errno;
		if (err != 0)
			unlink(tmp);
	}
	g_free(tmp);
	g_free(base);
	g_free(dir);
	return err;
}

/* A device or a pipe (a thermal printer at /dev/usb/lp0): written as it is. */
static int write_device(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno;
	int err = write_all(fd, data, len);
	if (close(fd) != 0 && err == 0)
		err = errno;
	return err;
}

static void full_path(const char *path, char *out, size_t outsz)
{
	char *real = realpath(path, NULL);
	if (real != NULL) {
		snprintf(out, outsz, "%s", real);
		free(real);
	} else {
		char *c = g_canonicalize_filename(path, NULL);
		snprintf(out, outsz, "%s", c);
		g_free(c);
	}
}

bool print_write_output(const char *path, bool force, const void *data, size_t len,
                        char *abs_path, size_t abs_pathsz, char *msg, size_t msgsz)
{
	if (abs_pathsz > 0)
		abs_path[0] = '\0';
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			write_error(msg, msgsz, _("standard output"), errno);
			return false;
		}
		return true;
	}
	struct stat st;
	int err;
	if (stat(path, &st) != 0)
		err = write_new(path, data, len);
	else if (!S_ISREG(st.st_mode))
		err = write_device(path, data, len);
	else if (force)
		err = write_replace(path, data, len);
	else
		err = EEXIST;
	if (err != 0) {
		write_error(msg, msgsz, path, err);
		return false;
	}
	full_path(path, abs_path, abs_pathsz);
	return true;
}

static const char *format_ext(doc_format f)
{
	return f == FMT_PNG ? "png" : f == FMT_ESCPOS ? "bin" : "pdf";
}

/* In the output folder, a document never replaces another: a reprint of
 * notice-N-7K3M-Q9PX.pdf is saved beside it as notice-N-7K3M-Q9PX-2.pdf. */
bool print_save_in_folder(const print_settings *ps, const char *stem, const char *ext,
                          const GByteArray *bytes, doc_result *res)
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
	int err = EEXIST;
	char *path = NULL;
	for (int i = 1; err == EEXIST && i <= 999; i++) {
		g_free(path);
		char *name = i == 1
			? g_strdup_printf("%s.%s", stem, ext)
			: g_strdup_printf("%s-%d.%s", stem, i, ext);
		path = g_build_filename(dir, name, NULL);
		g_free(name);
		err = write_new(path, bytes->data, bytes->len);
	}
	if (err != 0)
		write_error(res->message, sizeof res->message, path, err);
	else
		full_path(path, res->path, sizeof res->path);
	g_free(path);
	return err == 0;
}

static bool save_in_folder(const doc_request *req, const doc_data *d,
                           const print_settings *ps, const GByteArray *bytes,
                           const char *ref, doc_result *res)
{
	char iso[DATE_ISO_SIZE] = "";
	if (date_valid(d->today))
		date_format_iso(d->today, iso);
	char *stem = g_strdup_printf("%s-%s", doc_kind_word(req->kind),
	                             ref != NULL && ref[0] != '\0' ? ref : iso);
	bool ok = print_save_in_folder(ps, stem, format_ext(req->format), bytes, res);
	g_free(stem);
	return ok;
}

bool print_send_queue(const char *queue, const GByteArray *bytes, bool raw,
                      const char *title, bool record, doc_result *res)
{
	snprintf(res->queue, sizeof res->queue, "%s", queue);
	/* An explicit connection tells "the scheduler is down" apart from
	 * "no such queue" (cupsGetNamedDest alone reports both as the latter). */
	http_t *http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
	                            cupsEncryption(), 1, 5000, NULL);
	if (http == NULL) {
		snprintf(res->message, sizeof res->message,
		         record ? _("The printing service (CUPS) cannot be reached, so nothing was printed on “%s”. The record is saved: print it again later from the patient's history.")
		                : _("The printing service (CUPS) cannot be reached, so nothing was printed on “%s”."), queue);
		return false;
	}
	cups_dest_t *dest = cupsGetNamedDest(http, queue, NULL);
	if (dest == NULL) {
		snprintf(res->message, sizeof res->message,
		         record ? _("The printer “%s” does not exist. Check the printer settings; the record is saved and can be printed again from the patient's history.")
		                : _("The printer “%s” does not exist. Check the printer settings."), queue);
		httpClose(http);
		return false;
	}
	cupsFreeDests(1, dest);

	char *path = g_build_filename(g_get_tmp_dir(), "optout-desk-print-XXXXXX", NULL);
	int fd = g_mkstemp(path);
	if (fd < 0) {
		write_error(res->message, sizeof res->message, path, errno);
		g_free(path);
		httpClose(http);
		return false;
	}
	int err = write_all(fd, bytes->data, bytes->len);
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		write_error(res->message, sizeof res->message, path, err);
		unlink(path);
		g_free(path);
		httpClose(http);
		return false;
	}
	cups_option_t *opts = NULL;
	int nopts = 0;
	if (raw)
		/* the printer speaks ESC/POS: no filters in between */
		nopts = cupsAddOption("raw", "true", nopts, &opts);
	const int job = cupsPrintFile2(http, queue, path, title, nopts, opts);
	cupsFreeOptions(nopts, opts);
	unlink(path);
	g_free(path);
	if (job <= 0) {
		snprintf(res->message, sizeof res->message,
		         record ? _("The printer “%s” did not accept the document (%s). The record is saved and can be printed again from the patient's history.")
		                : _("The printer “%s” did not accept the document (%s)."),
		         queue, cupsLastErrorString());
		httpClose(http);
		return false;
	}
	httpClose(http);
	res->printed = true;
	return true;
}

/* A slip is a pointer to the notice page: without a code to scan it would
 * say 詳しくはこちら over an empty space. */
static bool slip_url_ok(const doc_data *data, const char *ref, doc_result *res)
{
	char url[STORE_URL_MAX + 64];
	const char *why = NULL;
	if (!print_notice_url(data->clinic, ref, url, sizeof url)) {
		snprintf(res->message, sizeof res->message, "%s",
		         _("The slip was not printed: the clinic has no notice URL, so its QR code would point nowhere. Set the notice URL with `optout-desk init --url URL` or on the settings screen."));
		return false;
	}
	qr_matrix qr = { 0, NULL };
	if (!print_url_check(data->clinic->notice_url, &why) || !qr_encode(url, &qr)) {
		snprintf(res->message, sizeof res->message,
		         _("The slip was not printed: the notice URL setting cannot be used (%s). Set it again with `optout-desk init --url URL` or on the settings screen."),
		         why != NULL ? _(why) : _("it does not fit in a QR code"));
		return false;
	}
	qr_free(&qr);
	return true;
}

bool print_document_with(const doc_request *req, doc_data *data,
                         const print_settings *ps, doc_result *res,
                         print_before_fn before, void *ctx)
{
	memset(res, 0, sizeof *res);
	if ((unsigned)req->kind >= DOC_KIND_COUNT || data == NULL || data->clinic == NULL) {
		snprintf(res->message, sizeof res->message, "%s", _("Nothing to print: the document kind or its data is missing."));
		return false;
	}
	const char *ref = data->notice != NULL && req->kind != DOC_RECEIPT ? data->notice->ref
	                : data->request != NULL && req->kind == DOC_RECEIPT ? data->request->ref : NULL;
	const char *why = NULL;
	if (req->out_path != NULL && !store_output_allowed(req->out_path, req->force, NULL, &why)) {
		snprintf(res->message, sizeof res->message, "%s: %s", req->out_path, _(why));
		return false;
	}
	if (req->kind == DOC_SLIP && !slip_url_ok(data, ref, res))
		return false;
	const char *lang = req->lang != NULL && req->lang[0] ? req->lang : "ja";
	char name[64];
	snprintf(name, sizeof name, "%s-%s%s", doc_kind_word(req->kind), lang,
	         req->large ? "-large" : "");
	tpl t;
	if (!tpl_load(&t, name, res->message, sizeof res->message))
		return false;
	/* Everything that can refuse the document has been checked: now it
	 * is printed (a reprint is known from here on). */
	if (before != NULL && !before(ctx, data, res)) {
		tpl_free(&t);
		return false;
	}

	doc_values dv;
	doc_values_build(&dv, req, data);
	qr_matrix qr = { 0, NULL };
	/* A URL that print_url_check would refuse leaves the code out rather
	 * than the whole document (the template's `if qr` sections with it). */
	bool have_qr = dv.has_url && qr_encode(dv.url, &qr);

	GByteArray *bytes = g_byte_array_new();
	char msg[sizeof res->message] = "";
	bool ok = render_document(&t, &dv, have_qr ? &qr : NULL, req->format, req->dpi,
	                          bytes, msg, sizeof msg);
	if (!ok) {
		snprintf(res->message, sizeof res->message, "%s", msg);
	} else {
		const char *queue = ps != NULL ? ps->queue[req->kind] : "";
		if (req->out_path != NULL)
			ok = print_write_output(req->out_path, req->force, bytes->data, bytes->len,
			                        res->path, sizeof res->path,
			                        res->message, sizeof res->message);
		else if (queue[0] != '\0')
		{
			char *title = g_strdup_printf("optout-desk %s %s", doc_kind_word(req->kind),
			                              ref ? ref : "");
			ok = print_send_queue(queue, bytes, req->format == FMT_ESCPOS, title, true, res);
			g_free(title);
		}
		else
			ok = save_in_folder(req, data, ps, bytes, ref, res);
	}
	g_byte_array_free(bytes, TRUE);
	qr_free(&qr);
	doc_values_free(&dv);
	tpl_free(&t);
	return ok;
}

bool print_document(const doc_request *req, const doc_data *data,
                    const print_settings *ps, doc_result *res)
{
	if (data == NULL)
		return print_document_with(req, NULL, ps, res, NULL, NULL);
	doc_data copy = *data;
	return print_document_with(req, &copy, ps, res, NULL, NULL);
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
