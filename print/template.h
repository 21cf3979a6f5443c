/* Templates inside print/: parsing (with checks that name file and line)
 * and filling. The format is described in templates/README. */
#ifndef OD_PRINT_TEMPLATE_H
#define OD_PRINT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#define TPL_PATH_MAX 4096
#define TPL_SUFFIX ".tmpl"

typedef enum tpl_paper { PAPER_A4, PAPER_A5, PAPER_ROLL80 } tpl_paper;
typedef enum tpl_align { TPL_LEFT, TPL_CENTER, TPL_RIGHT } tpl_align;
typedef enum tpl_block_kind { BLK_TEXT, BLK_QR, BLK_PAGE, BLK_RULE, BLK_SPACE } tpl_block_kind;

typedef struct tpl_block {
	tpl_block_kind kind;
	int line;            /* first line in the file */
	char *text;          /* BLK_TEXT: markup with {{placeholders}} */
	tpl_align align;
	char font[128];      /* Pango font description for the text */
	double mm;           /* BLK_QR: side; BLK_SPACE: height */
} tpl_block;

/* What directives set for the blocks that follow. */
typedef struct tpl_state {
	char font[128];
	tpl_align align;
	double qr_mm;
} tpl_state;

typedef struct tpl {
	char path[TPL_PATH_MAX];
	char *source;        /* the whole file (hashed for notice versions) */
	tpl_paper paper;
	double margin_mm;
	tpl_block *blocks;
	size_t nblocks;
} tpl;

typedef struct tpl_value {
	const char *name;
	const char *value;   /* plain text; escaped when filled */
} tpl_value;

bool tpl_name_known(const char *name, size_t len);
/* $XDG_CONFIG_HOME/optout-desk/templates, $OPTOUT_DESK_DATADIR, PKGDATADIR. */
bool tpl_find(const char *name, char *path, size_t pathsz);
bool tpl_parse(tpl *t, const char *path, const char *source, char *msg, size_t msgsz);
bool tpl_load(tpl *t, const char *name, char *msg, size_t msgsz);
void tpl_free(tpl *t);
/* The markup of a text block with every placeholder replaced by its
 * escaped value (missing ones by nothing). g_free the result. */
char *tpl_fill(const char *text, const tpl_value *vals, size_t nvals);

#endif
