/* Text rules: search keys that fold kana and width, validation of names and
 * notes, display width and safe display of text from outside. Built on ICU
 * (NFKC, Katakana-Hiragana transliteration) and wcwidth. No I/O. */
#ifndef OD_TEXT_H
#define OD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_KEY_SIZE 512

/* Folds text into a search key: NFKC (half-width kana and full-width
 * digits/letters become one form), katakana to hiragana (ー kept),
 * case-folded, spaces (ASCII and U+3000) and variation selectors removed,
 * and the common variant kanji of surnames folded to one form (髙→高,
 * 﨑→崎, 邊/邉→辺, 齋/齊/斎→斉, 濵/濱→浜, 德→徳, 冨→富, 曻→昇, 櫻→桜,
 * 澤→沢, 嶋→島, 國→国). Returns false on invalid UTF-8 or when the key does
 * not fit (out is then ""). */
bool text_search_key(const char *in, char *out, size_t outsz);

/* The search key of the given name: what follows the first space (ASCII
 * or U+3000) of "山田 花子" or "ヤマダ　ハナコ", so that a search by the
 * given name alone finds the patient. False, with out = "", when the name
 * has no space or nothing after it. */
bool text_given_name_key(const char *name, char *out, size_t outsz);

typedef enum text_err {
	TEXT_OK = 0,
	TEXT_EMPTY,       /* required and empty (after trimming spaces) */
	TEXT_TOO_LONG,    /* more characters than allowed */
	TEXT_CONTROL,     /* control or escape characters */
	TEXT_BAD_UTF8,
	TEXT_NOT_KANA,    /* kana field with other characters */
} text_err;

/* Length limits in characters (code points). */
#define TEXT_NAME_MAX 60
#define TEXT_NOTE_MAX 500
#define TEXT_FIELD_MAX 200

text_err text_check(const char *s, size_t max_chars, bool required);
/* A kana name: hiragana, katakana (either width), long vowel mark, middle
 * dot and spaces only. */
text_err text_check_kana(const char *s, size_t max_chars, bool required);
/* msgid describing the error (caller supplies the field name). */
const char *text_err_message(text_err e);

size_t text_chars(const char *s);               /* code points in valid UTF-8 */
/* Terminal columns the string occupies (wcwidth; control characters count
 * as the width of their placeholder). */
int text_width(const char *s);
/* Copies as much of `in` as fits in `cols` columns into out, never cutting
 * a character; control characters become visible placeholders (U+FFFD for
 * bad bytes, ^X-style for C0 controls); returns columns used. */
int text_fit(const char *in, int cols, char *out, size_t outsz);
/* Copies `in` with control/escape characters replaced by placeholders. */
void text_sanitize(const char *in, char *out, size_t outsz);

/* The same for text written into files other programs read (CSV, .xlsx):
 * control characters and bytes that are not UTF-8 as placeholders,
 * everything else kept whatever the locale can show. malloc'd; NULL when
 * out of memory. */
char *text_sanitize_dup(const char *in);

/* Patient numbers. Two forms exist on purpose:
 * - the normalised form is what is shown and printed: the clinic's own
 *   style, all-digit numbers zero-padded to the clinic's width ("0012");
 * - the key form is the width-independent unique key in the database
 *   ("12"), so that changing the width setting never splits one patient's
 *   number into two nor merges two numbers into one, and "12", "0012" and
 *   "１２" typed at the desk all find the same patient.
 * Both NFKC-fold the text (full-width digits and letters, ー or ‐ typed
 * for a hyphen), trim blanks and upper-case ASCII letters; what is left
 * must be 1 to TEXT_NUMBER_MAX letters, digits and hyphens, not hyphens
 * only. In the key, all-digit numbers lose their leading zeros ("000" is
 * "0"); others ("abc-01" → "ABC-01") are only upper-cased. */
#define TEXT_NUMBER_MAX 31
/* The normalised form. With a width, all-digit numbers are stripped of
 * leading zeros and zero-padded on the left to `width` characters (a
 * longer number is kept whole); with width 0 the digits stay as typed
 * ("0001" stays "0001": what the clinic's cards show). False, with
 * out = "", when the text is no number, width is negative or exceeds
 * TEXT_NUMBER_MAX, or out is too small. */
bool text_number_normalize(const char *in, int width, char *out, size_t outsz);
/* The key form: leading zeros of all-digit numbers stripped. */
bool text_number_key(const char *in, char *out, size_t outsz);
/* Whether s is an already-normalised number (either form): 1 to 31
 * characters of A-Z, 0-9 and '-', not hyphens only. Lower case and
 * full-width text must go through text_number_normalize first. */
bool text_patient_number_ok(const char *s);

/* An e-mail address as far as a desk can tell: one @ with text on both
 * sides, no spaces. Whether it reaches anyone is for the mail to tell. */
bool text_email_ok(const char *s);

#endif
