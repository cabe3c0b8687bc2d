/* Per-character pdfium calls in one C loop (extract/pdfium_read.py `_each_char`).

Why: the fast reader asks pdfium five things of every character (its loose box, origin, ink
box, text object, whether its Unicode was guessed), and the advance of most; from Python that
is ~18,000 ctypes calls for a two-page filing, a third of the reading time. Each function here calls one pdfium
function for the characters `indices` names (all `n` of them when `indices` is NULL), through
the function's address as pypdfium2 gives it: nothing is linked, no header is needed, and the
results are those of the Python loop it replaces. Built by `make install` (cc -O2 -shared);
where it is missing the Python loop is used. */

#include <stddef.h>
#include <stdint.h>

typedef struct { float left, top, right, bottom; } rectf;
typedef int (*loose_fn)(void *, int, rectf *);
typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*box_fn)(void *, int, double *, double *, double *, double *);
typedef void *(*object_fn)(void *, int);
typedef int (*flag_fn)(void *, int);
typedef int (*width_fn)(void *, uint32_t, float, float *);

#define INDEX(k) (indices ? indices[k] : (int)(k))

void fw_loose_boxes(void *fn, void *page, int n, const int32_t *indices, float *out) {
    for (int k = 0; k < n; k++) ((loose_fn)fn)(page, INDEX(k), (rectf *)(out + 4 * k));
}

void fw_origins(void *fn, void *page, int n, const int32_t *indices, double *out) {
    for (int k = 0; k < n; k++) ((origin_fn)fn)(page, INDEX(k), out + 2 * k, out + 2 * k + 1);
}

/* left, right, bottom, top: FPDFText_GetCharBox's order */
void fw_ink_boxes(void *fn, void *page, int n, const int32_t *indices, double *out) {
    for (int k = 0; k < n; k++) {
        double *o = out + 4 * k;
        ((box_fn)fn)(page, INDEX(k), o, o + 1, o + 2, o + 3);
    }
}

void fw_objects(void *fn, void *page, int n, const int32_t *indices, uint64_t *out) {
    for (int k = 0; k < n; k++) out[k] = (uint64_t)(uintptr_t)((object_fn)fn)(page, INDEX(k));
}

void fw_flags(void *fn, void *page, int n, const int32_t *indices, int32_t *out) {
    for (int k = 0; k < n; k++) out[k] = ((flag_fn)fn)(page, INDEX(k));
}

/* FPDFFont_GetGlyphWidth of each (font, code, size); the number of those pdfium gives none */
int fw_glyph_widths(void *fn, int n, const uint64_t *fonts, const uint32_t *codes,
                    const float *sizes, float *out) {
    int failed = 0;
    for (int k = 0; k < n; k++)
        failed += !((width_fn)fn)((void *)(uintptr_t)fonts[k], codes[k], sizes[k], out + k);
    return failed;
}
