"""A pdfplumber page whose characters cost less to build.

pdfplumber turns every pdfminer object into a dict through a generic walk: each attribute is tested
against a list of known names and resolved recursively, the kind is found by a regular expression on
the class name. A filing page has a thousand characters and a few dozen rules, and that walk was a
sixth of reading a page. `LeanPage` builds a character's dict directly, with the same keys and values
(tests/test_parallel.py compares them on the real filings); every other object, and any character
that is not plain (a font name in bytes, an odd matrix), goes through pdfplumber's own walk.
"""
from __future__ import annotations

from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfplumber.page import Page
from pdfplumber.utils.pdfinternals import resolve_and_decode

# The attributes of an LTChar that pdfplumber keeps (its ALL_ATTRS), as pdfminer sets them.
_CHAR_ATTRS = ("matrix", "fontname", "adv", "upright", "x0", "y0", "x1", "y1", "width", "height", "size",
               "mcid", "tag")


def upright_boxes(page_obj) -> None:
    """A MediaBox given by its top-left and bottom-right corners ([0 595 842 0]) is legal (PDF 32000-1,
    7.9.5: any two opposite corners) and viewers show it as [0 0 842 595]; pdfminer takes its first
    corner for the origin, so every character of the page is placed a page-height off the page and each
    box the warehouse stores (and the report draws) misses its figure. Put the corners in order first."""
    for name in ("mediabox", "cropbox"):
        box = getattr(page_obj, name, None)
        if box and len(box) == 4 and (box[0] > box[2] or box[1] > box[3]):
            setattr(page_obj, name, (min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]),
                                     max(box[1], box[3])))


class LeanPage(Page):
    def __init__(self, pdf, page_obj, page_number: int, initial_doctop: float = 0):
        upright_boxes(page_obj)  # here, so every reader of a pdfminer page (the pdfium fallback too) has it
        super().__init__(pdf, page_obj, page_number=page_number, initial_doctop=initial_doctop)

    def process_object(self, obj):
        if type(obj) is not LTChar:
            return super().process_object(obj)
        d = obj.__dict__
        attr = {k: d[k] for k in _CHAR_ATTRS if k in d}
        if not isinstance(attr.get("fontname"), str) or not isinstance(attr.get("matrix"), tuple):
            return super().process_object(obj)
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        if hasattr(obj, "ncs"):
            attr["ncs"] = resolve_and_decode(obj.ncs.name)
        text = obj.get_text()
        norm = self.pdf.unicode_norm
        attr["text"] = text if norm is None else normalize_unicode(norm, text)
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        # pdfminer's coordinates are relative to the MediaBox (pdfplumber #1181)
        mb_x0, mb_top = self.mediabox[:2]
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
        if mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr
