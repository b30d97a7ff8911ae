"""A page's characters read with pdfium, as the dicts pdfplumber builds (the keys `extract/` uses).

pdfminer (under pdfplumber) interprets the content stream in Python, which was ~80% of a parse; pdfium
does it in C. The boxes are rebuilt the way pdfminer draws them, not taken from pdfium's own boxes:
pdfium's char box is the glyph's ink, and its "loose" box spreads the font's ascent and descent over
the font size — both a point or two off pdfminer's box, which is the baseline moved by the font's
/Descent, one font size high, one advance wide. Lines are grouped by vertical overlap and characters
go to table cells by their centre (extract/lines.py, extract/tables_ruled.py), so the same box as
pdfminer's is what keeps both readers' tables the same.

Coordinates: pdfium gives PDF user space (y up). pdfplumber's are x = user x and top = H − user y,
H the MediaBox's height (pdfminer's coordinates are relative to the MediaBox's corner, and pdfplumber
adds the corner back: pdfplumber #1181), so a MediaBox that does not start at (0, 0) needs nothing more.
"""
from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

# The text object's matrix decides whether its characters are upright; pdfminer's box of a turned
# character is the bounding box of its turned box, which pdfium's loose box also is.
_EPS = 1e-6


class _TextObjectInfo:
    """What is shared by the characters of one text object (one font, one size, one matrix)."""

    __slots__ = ("fontname", "descent", "upright")

    def __init__(self, fontname: str, descent: float, upright: bool):
        self.fontname, self.descent, self.upright = fontname, descent, upright


def _font_name(font) -> str:
    n = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if n <= 0:
        return "unknown"
    buf = ctypes.create_string_buffer(n)
    pdfium_c.FPDFFont_GetBaseFontName(font, buf, n)
    return buf.value.decode("utf-8", "replace")


def _object_info(textobj, fonts: dict[int, tuple[str, float]]) -> _TextObjectInfo:
    matrix = pdfium_c.FS_MATRIX()
    upright = True
    if pdfium_c.FPDFPageObj_GetMatrix(textobj, matrix):
        # pdfminer's LTChar.upright: 0 < a*d and b*c == 0 (the text matrix times the CTM)
        upright = matrix.a * matrix.d > 0 and abs(matrix.b * matrix.c) < _EPS
    font = pdfium_c.FPDFTextObj_GetFont(textobj)
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    known = fonts.get(key)
    if known is None:
        descent = ctypes.c_float(0.0)
        # per 1 point of size: the font's /Descent / 1000 (negative), as pdfminer's get_descent()
        ok = font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
        known = (_font_name(font) if font else "unknown", float(descent.value) if ok else 0.0)
        fonts[key] = known
    return _TextObjectInfo(known[0], known[1], upright)


def page_chars(textpage, height: float, page_number: int, doctop: float,
               fonts: dict[int, tuple[str, float]]) -> list[dict]:
    """The characters of a pdfium text page (pypdfium2 PdfTextPage.raw), in content order, without
    the spaces and line breaks pdfium makes up between words (FPDFText_IsGenerated): pdfminer has
    none of those. `fonts` caches each font's name and descent for the whole document."""
    raw = textpage
    n = pdfium_c.FPDFText_CountChars(raw)
    out: list[dict] = []
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    objects: dict[int, _TextObjectInfo] = {}
    get_unicode, is_generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    get_textobj, get_size = pdfium_c.FPDFText_GetTextObject, pdfium_c.FPDFText_GetFontSize
    get_loose, get_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    matrix = pdfium_c.FS_MATRIX()
    get_matrix, matrix_ref = pdfium_c.FPDFText_GetMatrix, ctypes.byref(matrix)
    rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    i = 0
    while i < n:
        code = get_unicode(raw, i)
        if is_generated(raw, i) == 1:
            i += 1
            continue
        text, step = chr(code), 1
        if map_error(raw, i) == 1:
            # No Unicode for the glyph (no ToUnicode map, no known encoding): pdfminer writes its code
            # as "(cid:N)", which is what text_layer.page_flags counts as a glyph code.
            text = f"(cid:{code})"
        elif 0xD800 <= code <= 0xDBFF and i + 1 < n:  # a character outside the BMP comes as a UTF-16 pair
            low = get_unicode(raw, i + 1)
            if 0xDC00 <= low <= 0xDFFF:
                text, step = (chr(code) + chr(low)).encode("utf-16", "surrogatepass").decode("utf-16"), 2
        obj = get_textobj(raw, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        info = objects.get(key)
        if info is None:
            info = objects[key] = _object_info(obj, fonts) if obj else _TextObjectInfo("unknown", 0.0, True)
        # FPDFText_GetFontSize is the size set by Tf; pdfminer's is as drawn: times the character's
        # matrix (text matrix and CTM), whose vertical scale is d for an upright character
        size = get_size(raw, i)
        if get_matrix(raw, i, matrix_ref):
            size *= abs(matrix.d) if info.upright else abs(matrix.b)
        get_loose(raw, i, rect_ref)
        if info.upright and size > 0:
            get_origin(raw, i, ox_ref, oy_ref)
            # pdfminer: the box runs from the baseline moved by the descent, one font size up, and
            # from the origin one advance (the loose box's width) to the right.
            y0 = oy.value + info.descent * size
            y1 = y0 + size
            x0, x1 = ox.value, ox.value + (rect.right - rect.left)
        else:
            x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
            size = (x1 - x0) if not info.upright else (y1 - y0)
        top = height - y1
        out.append({
            "object_type": "char", "page_number": page_number, "text": text, "fontname": info.fontname,
            "size": size, "upright": info.upright, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "width": x1 - x0, "height": y1 - y0, "top": top, "bottom": height - y0, "doctop": doctop + top,
        })
        i += step
    return out
