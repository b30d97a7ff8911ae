"""A page's drawn paths read with pdfium, sorted into pdfplumber's lines, rects and curves.

The table finder (pdfplumber's TableFinder, extract/tables_ruled.py) works on the page's edges: every
line, the four sides of every rectangle and the segments of every other path. Which path is which
decides the edges, so the sorting is pdfminer's own (pdfminer.converter.PDFLayoutAnalyzer.paint_path):
a path is cut at each move-to; a subpath of one segment is a line; four segments closing on their
start with square corners are a rectangle (also when drawn with `re`); anything else is a curve, whose
points are the end points of its segments. A path that is neither stroked nor filled (a clipping path)
is not drawn and pdfminer never sees it; pdfium keeps no object for it either.

pdfium's points are floats (single precision) in the path's own space; they are mapped to the page by
the object's matrix, and by the matrices of the Form XObjects it sits in (pdfminer applies the CTM),
and rounded to 4 places, the decimals the content stream printed (as the characters' origins are).
"""
from __future__ import annotations

import ctypes
from typing import Iterator

import pypdfium2.raw as pdfium_c

from extract.pdfium_chars import PLACES, untyped_function

# Called per object and per path segment: untyped (extract/pdfium_chars.untyped_function), handles
# returned as the ctypes pointers pypdfium2's typed functions return, so they pass on unconverted.
_page_count = untyped_function("FPDFPage_CountObjects", ctypes.c_int)
_page_get = untyped_function("FPDFPage_GetObject", pdfium_c.FPDF_PAGEOBJECT)
_form_count = untyped_function("FPDFFormObj_CountObjects", ctypes.c_int)
_form_get = untyped_function("FPDFFormObj_GetObject", pdfium_c.FPDF_PAGEOBJECT)
_obj_type = untyped_function("FPDFPageObj_GetType", ctypes.c_int)
_obj_matrix = untyped_function("FPDFPageObj_GetMatrix", ctypes.c_int)
_draw_mode = untyped_function("FPDFPath_GetDrawMode", ctypes.c_int)
_count_segments = untyped_function("FPDFPath_CountSegments", ctypes.c_int)
_get_segment = untyped_function("FPDFPath_GetPathSegment", pdfium_c.FPDF_PATHSEGMENT)
_segment_type = untyped_function("FPDFPathSegment_GetType", ctypes.c_int)
_segment_point = untyped_function("FPDFPathSegment_GetPoint", ctypes.c_int)
_segment_close = untyped_function("FPDFPathSegment_GetClose", ctypes.c_int)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: p × m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not _obj_matrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(parent, is_form: bool, ctm: Matrix, depth: int = 0) -> Iterator[tuple[int, object, Matrix]]:
    """(type, object, matrix to page space) of every object, descending into Form XObjects."""
    count = _form_count if is_form else _page_count
    get = _form_get if is_form else _page_get
    for i in range(max(count(parent), 0)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = _obj_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 15:  # pypdfium2's own limit for nested forms
                yield from _objects(obj, True, _mult(_matrix(obj), ctm), depth + 1)
        else:
            yield kind, obj, ctm


def _subpaths(obj, m: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer writes them: (shape, points), shape in m/l/c/h letters and one
    point per letter (a Bézier's end point; a close's point is the subpath's start)."""
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    xr, yr = ctypes.byref(x), ctypes.byref(y)
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    bezier = 0
    for k in range(max(_count_segments(obj), 0)):
        seg = _get_segment(obj, k)
        kind = _segment_type(seg)
        _segment_point(seg, xr, yr)
        # rounded as the characters are (extract/pdfium_chars.py): single precision back to the decimals
        p = (round(a * x.value + c * y.value + e, PLACES), round(b * x.value + d * y.value + f, PLACES))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [p], 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1  # pdfium splits a curve `c` into its three points: keep the third, the end
            if bezier == 3:
                shape.append("c")
                pts.append(p)
                bezier = 0
        else:
            shape.append("l")
            pts.append(p)
        if _segment_close(seg) and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def _is_drawn(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not _draw_mode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    return fill.value != pdfium_c.FPDF_FILLMODE_NONE or bool(stroke.value)


def _box(pts, height: float, doctop: float, kind: str, page_number: int) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    return {"object_type": kind, "page_number": page_number, "x0": x0, "x1": x1, "y0": y0, "y1": y1,
            "top": top, "bottom": height - y0, "doctop": doctop + top, "width": x1 - x0, "height": y1 - y0}


def page_graphics(page, height: float, page_number: int, doctop: float) -> tuple[list, list, list, int]:
    """(lines, rects, curves, images) of a pdfium page (pypdfium2 PdfPage.raw), as pdfplumber's
    object dicts (each curve with its points `pts` in top-down coordinates); images: how many."""
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    images = 0
    for kind, obj, ctm in _objects(page, False, IDENTITY):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not _is_drawn(obj):
            continue
        for shape, pts in _subpaths(obj, _mult(_matrix(obj), ctm)):
            if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant l before h
                shape = shape[:-2] + "h"
                pts = pts[:-2] + pts[-1:]
            if shape in ("mlh", "ml"):
                lines.append(_box(pts[:2], height, doctop, "line", page_number))
                continue
            if shape in ("mlllh", "mllll"):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                    y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
                if pts[0] == pts[4] and square:
                    rects.append(_box([pts[0], pts[2]], height, doctop, "rect", page_number))
                    continue
            if shape[:1] != "m":
                continue  # pdfminer paints no path that does not start with a move-to
            curve = _box(pts, height, doctop, "curve", page_number)
            curve["pts"] = [(px, height - py) for px, py in pts]
            curves.append(curve)
    return lines, rects, curves, images
