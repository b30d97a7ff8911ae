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
import pypdfium2_raw.bindings as _bindings
from pdfminer.fontmetrics import FONT_METRICS

_EPS = 1e-6
# pdfium computes in single precision (~3e-5 pt at a page's scale); pdfminer in double precision from
# the decimals the content stream prints, usually to 2–4 places. Rounded to 4 places, pdfium's origins
# and sizes are the printed decimals again, and the boxes built from them agree with pdfminer's to
# ~1e-12: a figure set exactly midway between two lines of its label then falls on the same side under
# both readers (bud_bj_bj_2026_5420417d p.48, 1,496.02 beside a three-line project name).
PLACES = 4
_GENERATED_CODES = frozenset((0x20, 0x0D, 0x0A))  # what FPDFText_IsGenerated can be true for


def _address_function(name: str, argtypes: tuple, restype):
    """A second handle on a pdfium function that takes or returns handles as plain addresses (ints):
    a text object's and a font's handles are then dictionary keys without a ctypes cast per character,
    which was a third of reading the characters."""
    fn = _bindings._libs["pdfium"][name]  # a new function object: pypdfium2's own keeps its types
    fn.argtypes, fn.restype = argtypes, restype
    return fn


def untyped_function(name: str, restype):
    """A third handle on a pdfium function, called per character: without `argtypes`, ctypes converts no
    argument (the text page handle is passed as the ctypes pointer it is, the index as a C int, the rest
    by reference) and a call costs a third of a typed one (0.26 against 0.70 µs for FPDFText_GetUnicode);
    reading the characters was the largest part of a page read with pdfium. Only for functions whose
    arguments are handles (as the ctypes pointers pypdfium2 gives, or returns when `restype` is its
    pointer type), C ints and pointers made with ctypes.byref — never a handle held as a Python int,
    which ctypes would pass as a 32-bit int."""
    fn = _bindings._libs["pdfium"][name]
    fn.argtypes, fn.restype = None, restype
    return fn


_get_textobj = untyped_function("FPDFText_GetTextObject", ctypes.c_void_p)
_get_unicode = untyped_function("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = untyped_function("FPDFText_IsGenerated", ctypes.c_int)
_map_error = untyped_function("FPDFText_HasUnicodeMapError", ctypes.c_int)
_get_size = untyped_function("FPDFText_GetFontSize", ctypes.c_double)
_get_loose = untyped_function("FPDFText_GetLooseCharBox", ctypes.c_int)
_get_origin = untyped_function("FPDFText_GetCharOrigin", ctypes.c_int)
_get_matrix = untyped_function("FPDFText_GetMatrix", ctypes.c_int)
_get_font = _address_function("FPDFTextObj_GetFont", (ctypes.c_void_p,), ctypes.c_void_p)
_font_descent = _address_function("FPDFFont_GetDescent", (ctypes.c_void_p, ctypes.c_float,
                                                           ctypes.POINTER(ctypes.c_float)), ctypes.c_int)
_font_name = _address_function("FPDFFont_GetBaseFontName", (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t),
                               ctypes.c_size_t)


def _font(font: int | None, fonts: dict[int, tuple[str, float]]) -> tuple[str, float]:
    """(name, descent per point of size) of a font: its /BaseFont, and its /Descent / 1000 (negative),
    as pdfminer's get_descent() reads it; cached for the document."""
    key = font or 0
    known = fonts.get(key)
    if known is None:
        name, descent = "unknown", 0.0
        if font:
            n = _font_name(font, None, 0)
            if n > 0:
                buf = ctypes.create_string_buffer(n)
                _font_name(font, buf, n)
                try:  # as pdfminer names a font: UTF-8, else the bytes (GBK names: 楷体) as Latin-1
                    name = buf.value.decode("utf-8")
                except UnicodeDecodeError:
                    name = buf.value.decode("latin-1")
            value = ctypes.c_float(0.0)
            if name in FONT_METRICS:
                # one of the standard 14 (Helvetica, Times-Roman, ...): pdfminer takes its metrics from
                # the Adobe font metrics it ships (Helvetica's descent −207), pdfium from its own font
                # (−224): a Helvetica line would sit 0.2 pt lower under pdfium
                descent = float(FONT_METRICS[name][0].get("Descent", 0)) / 1000  # type: ignore[arg-type]
            elif _font_descent(font, 1.0, ctypes.byref(value)):
                descent = round(float(value.value), 6)  # /Descent / 1000, in single precision
        known = fonts[key] = (name, descent)
    return known


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
    matrix = pdfium_c.FS_MATRIX()
    # per text object: (font name, descent, upright, vertical scale of its matrix)
    objects: dict[int, tuple[str, float, bool, float]] = {}
    get_unicode, is_generated, map_error, get_size = _get_unicode, _is_generated, _map_error, _get_size
    get_loose, get_origin, get_matrix = _get_loose, _get_origin, _get_matrix
    rect_ref, ox_ref, oy_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(matrix)
    i = 0
    while i < n:
        code = get_unicode(raw, i)
        # pdfium generates only spaces and line breaks (3.8 M characters of every real file in ../shared:
        # 240,755 spaces, 151,314 CRs and LFs, nothing else): other characters need no call to ask
        if code in _GENERATED_CODES and is_generated(raw, i) == 1:
            i += 1
            continue
        text, step = chr(code), 1
        if code == 2:
            # pdfium writes a hyphen it takes for a word broken at the line's end as U+0002
            # (FPDFText_IsHyphen); the page prints "-" ("2022年-2023年" wrapped in a cell)
            text = "-"
        elif map_error(raw, i) == 1:
            # No Unicode for the glyph (no ToUnicode map, no known encoding): pdfminer writes its code
            # as "(cid:N)", which is what text_layer.page_flags counts as a glyph code.
            text = f"(cid:{code})"
        elif 0xD800 <= code <= 0xDBFF and i + 1 < n:  # a character outside the BMP comes as a UTF-16 pair
            low = get_unicode(raw, i + 1)
            if 0xDC00 <= low <= 0xDFFF:
                text, step = (chr(code) + chr(low)).encode("utf-16", "surrogatepass").decode("utf-16"), 2
        obj = _get_textobj(raw, i) or 0
        info = objects.get(obj)
        if info is None:
            name, descent = _font(_get_font(obj) if obj else None, fonts)  # (typed: obj is an address)
            # The character's matrix (text matrix, CTM, any Form XObject's), the same for every
            # character of a text object. pdfminer's LTChar.upright: a*d > 0 and b*c == 0.
            if get_matrix(raw, i, matrix_ref):
                upright = matrix.a * matrix.d > 0 and abs(matrix.b * matrix.c) < _EPS
                scale = abs(matrix.d) if upright else abs(matrix.b)
            else:
                upright, scale = True, 1.0
            info = objects[obj] = (name, descent, upright, scale)
        name, descent, upright, scale = info
        # FPDFText_GetFontSize is the size set by Tf; pdfminer's is as drawn, times the matrix
        size = round(get_size(raw, i) * scale, PLACES)
        get_loose(raw, i, rect_ref)
        if upright and size > 0:
            get_origin(raw, i, ox_ref, oy_ref)
            # pdfminer: the box runs from the baseline moved by the descent, one font size up, and
            # from the origin one advance (the loose box's width) to the right.
            y0 = round(oy.value, PLACES) + descent * size
            y1 = y0 + size
            x0 = round(ox.value, PLACES)
            x1 = x0 + round(rect.right - rect.left, PLACES)
        else:  # a turned character: pdfminer's box is the bounding box of the turned box, as pdfium's
            x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
            size = (x1 - x0) if not upright else (y1 - y0)
        top = height - y1
        out.append({
            "object_type": "char", "page_number": page_number, "text": text, "fontname": name,
            "size": size, "upright": upright, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "width": x1 - x0, "height": y1 - y0, "top": top, "bottom": height - y0, "doctop": doctop + top,
        })
        i += step
    return out
