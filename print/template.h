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
typedef enum tpl_block_kind {
	BLK_TEXT, BLK_QR, BLK_PAGE, BLK_RULE, BLK_SPACE,
	/* sections shown or left out by a value (templates/README, "Sections") */
	BLK_IF, BLK_ELIF, BLK_ELSE, BLK_END
} tpl_block_kind;

#define TPL_DEPTH_MAX 8   /* sections inside sections */

typedef struct tpl_block {
	tpl_block_kind kind;
	int line;            /* first line in the file */
	char *text;          /* BLK_TEXT: markup with {{placeholders}} */
	tpl_align align;
	char font[128];      /* Pango font description for the text */
	double mm;           /* BLK_QR: side; BLK_SPACE: height */
	char cond[32];       /* BLK_IF, BLK_ELIF: the placeholder tested */
	bool negate;         /* "if not NAME" */
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

/* Walks the blocks in order and says which are shown: a section's blocks
 * only when its test holds (a value that is not empty; "qr": the QR code
 * is drawn). Start with a zeroed tpl_walk. The section blocks themselves
 * are never shown. */
typedef struct tpl_level {
	bool outer;          /* the enclosing section is shown */
	bool taken;          /* a branch of this section was chosen */
	bool active;         /* the current branch is shown */
} tpl_level;
typedef struct tpl_walk {
	int depth;
	tpl_level lv[TPL_DEPTH_MAX];
} tpl_walk;
bool tpl_walk_shows(tpl_walk *w, const tpl_block *b, const tpl_value *vals,
                    size_t nvals, bool have_qr);

#endif
