/* Test helper: turns what optout-desk draws back into an image that a real
 * reader (zbarimg) can decode.
 *   topbm blocks [SCALE] < lines > out.pbm   half-block text (▀▄█ and
 *       space; ANSI colour codes from a captured terminal are skipped):
 *       each character is one module wide and two modules tall.
 *   topbm escpos < stream > out.pbm           ESC/POS: checks ESC @, the
 *       GS v 0 bands (576 dots = 72 bytes a row) and the feed and cut at
 *       the end, and writes the raster; says "WIDTHxHEIGHT" on stderr.
 * Exit 1 with a sentence on stderr when the input is not what it should be. */
#include "config.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	unsigned char *buf = malloc(cap);
	while (buf != NULL && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			unsigned char *b = realloc(buf, cap *= 2);
			if (b == NULL) {
				free(buf);
				return NULL;
			}
			buf = b;
		}
	}
	*len = n;
	return buf;
}

static void pbm_write(const unsigned char *px, int w, int h, int scale)
{
	printf("P1\n%d %d\n", w * scale, h * scale);
	for (int y = 0; y < h * scale; y++) {
		for (int x = 0; x < w * scale; x++)
			putchar(px[(size_t)(y / scale) * (size_t)w + (size_t)(x / scale)] ? '1' : '0');
		putchar('\n');
	}
}

static int blocks(int scale)
{
	size_t len;
	unsigned char *in = slurp(stdin, &len);
	int w = 0, rows = 0, col = 0;
	unsigned char *px = NULL;
	/* two passes: measure, then fill */
	for (int pass = 0; pass < 2; pass++) {
		int r = 0;
		col = 0;
		for (size_t i = 0; i < len;) {
			int top = -1, bottom = -1;
			if (in[i] == 0x1b) {          /* ESC [ ... letter */
				i++;
				if (i < len && in[i] == '[')
					while (++i < len && !((in[i] >= 'A' && in[i] <= 'Z') || (in[i] >= 'a' && in[i] <= 'z')))
						;
				i++;
				continue;
			}
			if (in[i] == '\n') {
				if (col > 0) {
					if (pass == 0 && col > w) w = col;
					r++;
				}
				col = 0;
				i++;
				continue;
			}
			if (in[i] == ' ') { top = 0; bottom = 0; i++; }
			else if (i + 2 < len && in[i] == 0xe2 && in[i + 1] == 0x96) {
				switch (in[i + 2]) {
				case 0x80: top = 1; bottom = 0; break;   /* ▀ */
				case 0x84: top = 0; bottom = 1; break;   /* ▄ */
				case 0x88: top = 1; bottom = 1; break;   /* █ */
				default: break;
				}
				i += 3;
			} else {
				fprintf(stderr, "topbm: unexpected byte 0x%02x at %zu\n", in[i], i);
				return 1;
			}
			if (top < 0) {
				fprintf(stderr, "topbm: unexpected block character at %zu\n", i);
				return 1;
			}
			if (pass == 1 && col < w) {
				px[(size_t)(2 * r) * (size_t)w + (size_t)col] = (unsigned char)top;
				px[(size_t)(2 * r + 1) * (size_t)w + (size_t)col] = (unsigned char)bottom;
			}
			col++;
		}
		if (col > 0) {
			if (pass == 0 && col > w) w = col;
			r++;
		}
		if (pass == 0) {
			rows = r;
			if (w == 0 || rows == 0) {
				fprintf(stderr, "topbm: no block lines in the input\n");
				return 1;
			}
			px = calloc((size_t)w * (size_t)rows * 2, 1);
		}
	}
	pbm_write(px, w, rows * 2, scale);
	free(px);
	free(in);
	return 0;
}

static int escpos(void)
{
	size_t len, i = 0;
	unsigned char *in = slurp(stdin, &len);
	if (len < 2 || in[0] != 0x1b || in[1] != 0x40) {
		fprintf(stderr, "topbm: the stream does not start with ESC @\n");
		return 1;
	}
	i = 2;
	unsigned char *px = NULL;
	int w = 0, h = 0;
	bool cut = false;
	while (i < len) {
		if (i + 8 <= len && in[i] == 0x1d && in[i + 1] == 0x76 && in[i + 2] == 0x30) {
			const int bytes = in[i + 4] | in[i + 5] << 8;
			const int rows = in[i + 6] | in[i + 7] << 8;
			if (bytes != 72) {
				fprintf(stderr, "topbm: a raster row is %d bytes, not 72 (576 dots)\n", bytes);
				return 1;
			}
			i += 8;
			if (i + (size_t)bytes * (size_t)rows > len) {
				fprintf(stderr, "topbm: a raster band is cut short\n");
				return 1;
			}
			w = bytes * 8;
			px = realloc(px, (size_t)w * (size_t)(h + rows));
			for (int y = 0; y < rows; y++)
				for (int x = 0; x < w; x++)
					px[(size_t)(h + y) * (size_t)w + (size_t)x] =
						(in[i + (size_t)y * (size_t)bytes + (size_t)(x / 8)] >> (7 - x % 8)) & 1;
			i += (size_t)bytes * (size_t)rows;
			h += rows;
		} else if (i + 3 <= len && in[i] == 0x1b && in[i + 1] == 0x64) {
			i += 3;                       /* ESC d n: feed */
		} else if (i + 4 <= len && in[i] == 0x1d && in[i + 1] == 0x56 && in[i + 2] == 0x42) {
			i += 4;                       /* GS V 66 n: feed and cut */
			cut = true;
		} else {
			fprintf(stderr, "topbm: unknown ESC/POS command 0x%02x at byte %zu\n", in[i], i);
			return 1;
		}
	}
	if (!cut || h == 0) {
		fprintf(stderr, "topbm: %s\n", h == 0 ? "no raster in the stream" : "no cut at the end");
		return 1;
	}
	fprintf(stderr, "%dx%d\n", w, h);
	pbm_write(px, w, h, 1);
	free(px);
	free(in);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "blocks") == 0)
		return blocks(argc >= 3 ? atoi(argv[2]) : 4);
	if (argc == 2 && strcmp(argv[1], "escpos") == 0)
		return escpos();
	fprintf(stderr, "usage: topbm blocks [SCALE] | topbm escpos\n");
	return 2;
}
