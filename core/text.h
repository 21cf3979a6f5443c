/* Text rules: search keys that fold kana and width, validation of names and
 * notes, display width and safe display of text from outside. Built on ICU
 * (NFKC, Katakana-Hiragana transliteration) and wcwidth. No I/O. */
#ifndef OD_TEXT_H
#define OD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_KEY_SIZE 512

/* Folds text into a search key: NFKC (half-width kana and full-width
 * digits/letters become one form), katakana to hiragana, case-folded,
 * spaces (ASCII and U+3000) removed. Returns false on invalid UTF-8 or when
 * the key does not fit. */
bool text_search_key(const char *in, char *out, size_t outsz);

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

/* A patient number as clinics register them: 1 to 31 ASCII letters,
 * digits or hyphens (the store's key). */
#define TEXT_NUMBER_MAX 31
bool text_patient_number_ok(const char *s);

/* An e-mail address as far as a desk can tell: one @ with text on both
 * sides, no spaces. Whether it reaches anyone is for the mail to tell. */
bool text_email_ok(const char *s);

#endif
