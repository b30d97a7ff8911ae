"""Pages with no text layer (a scan, or a filing printed to an image), read by OCR into the same
document model the text layer gives, so that the table and text readers work on them unchanged.

The page is rendered with pypdfium2, read by RapidOCR (PP-OCRv4 models shipped inside the
rapidocr-onnxruntime wheel: nothing is downloaded), and each recognised word becomes pdfplumber-like
character dicts in PDF points, its box split across its characters (a Chinese character about twice
as wide as a digit). The rules drawn on the page are found in the image (long runs of dark pixels,
kept by a morphological opening) and become pdfplumber edges. Characters and edges then go through
`extract.reader.read_page` itself: ruled tables, the rule-less reader, the running text.

Each character dict carries the confidence of the word it came from (`conf`), and the page keeps the
words themselves (`Page.words`: boxes in points, confidence), so that a figure can be traced to what
the engine read. `ocr_pages` reads the pages of one file that the text layer could not give.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extract.model import Document, Page, Word

DPI = 200
INK = 180  # a pixel darker than this (0–255 grey) is ink, for the rules
H_RULE_MIN = 15.0  # a horizontal rule is a dark run at least this long (points): longer than a Chinese character
V_RULE_MIN = 14.0  # a vertical one: longer than a character's strokes (12 pt type), shorter than a row
SOLID = 3.0  # a run thicker than this (points) is a filled box: its two sides are rules
DET_MAX_SIDE = 1600  # pixels: the detector's copy of an A4 page at about 140 dpi (measured: docs/benchmarks.md)
MAX_SIDE = 12000  # pixels; RapidOCR shrinks larger images (its default, 2000, would undo the dpi asked for)



@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How scanned pages are read (validated once).

    dpi: the resolution pages are rendered at (figures in 9 pt type need ≥ 150).
    det_max_side: the longest side, in pixels, of the copy of the page the text detector runs on.
    use_cls: run RapidOCR's 180° direction classifier on every box (a page scanned upside down); off,
        since scans of filings come upright and it costs a pass over every box.
    seconds_per_page: what the guarded child's time limit grows by for each page it OCRs.
    memory_mb: what a guarded child's memory cap grows by when it first OCRs (the engine maps ~460 MB
        of address space for its models, and ~400 MB more while it reads an A4 page at 200 dpi).
    max_pixels: a page larger than this at `dpi` (a poster, a drawing) is rendered at a lower dpi.
    """

    dpi: int = DPI
    det_max_side: int = DET_MAX_SIDE
    use_cls: bool = False
    min_score: float = 0.5  # RapidOCR's text_score: a box read with less confidence is dropped
    seconds_per_page: float = 30.0
    memory_mb: int = 1200
    max_pixels: int = 40_000_000

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError(f"OCR dpi must lie between 72 and 600, not {self.dpi}")
        if not 320 <= self.det_max_side <= MAX_SIDE:
            raise ValueError(f"OCR det_max_side must lie between 320 and {MAX_SIDE}, not {self.det_max_side}")
        if not 0 <= self.min_score < 1:
            raise ValueError(f"OCR min_score must lie in [0, 1), not {self.min_score}")
        if self.memory_mb < 0 or self.max_pixels < 1_000_000:
            raise ValueError("OCR memory_mb must be ≥ 0 and max_pixels ≥ 1,000,000")
        if self.seconds_per_page <= 0:
            raise ValueError("OCR seconds_per_page must be positive")


DEFAULT_SETTINGS = OcrSettings()


class OcrUnavailable(Exception):
    """The OCR engine cannot be loaded on this machine; the message says what to install."""


_engine = None
_engine_lock = threading.Lock()


def engine():
    """The process's one RapidOCR engine, loaded on first use, on one thread (onnxruntime's intra-
    and inter-op pools set to 1 through RapidOCR's own parameters): parallel work is by process."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                try:
                    from rapidocr_onnxruntime import RapidOCR

                    _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, max_side_len=MAX_SIDE)
                except ImportError as exc:  # OpenCV needs libGL and GLib from the system
                    raise OcrUnavailable(
                        f"the OCR engine cannot be loaded ({exc}); install the system libraries it needs "
                        f"(Debian: apt-get install libgl1 libglib2.0-0, or `make syslibs`) and ingest the file "
                        f"again") from exc
    return _engine




# ---------------------------------------------------------------------------------------------- render


def render_page(pdf_path: str | Path, page_index: int, dpi: int = DPI) -> np.ndarray:
    """Page `page_index` (0-based) rendered at `dpi` as a grey uint8 array (height × width)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return _render(doc[page_index], dpi)
    finally:
        doc.close()


def _render(page, dpi: int) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image = np.array(bitmap.to_numpy(), copy=True)
    bitmap.close()
    page.close()
    if image.ndim == 3:  # a grey render comes back as one channel; anything else, reduce to one
        image = image[..., :3].mean(axis=2).astype(np.uint8)
    return image


# ------------------------------------------------------------------------------------------------ text

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SEP_IN_NUMBER = re.compile(r"(?<=\d)\s*([,，.．])\s*(?=\d)")
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}）])[:;,]")
_HALF_TO_FULL = {":": "：", ";": "；", ",": "，"}


def _brackets(text: str) -> str:
    """An ASCII bracket touching Chinese in its full-width form, and the bracket closing it too."""
    out = list(text)
    opened: list[int] = []
    for i, ch in enumerate(out):
        if ch == "(":
            cjk = bool(re.match(rf"[{_CJK}]", text[i + 1:i + 2])) or bool(re.match(rf"[{_CJK}]", text[i - 1:i]))
            if cjk:
                out[i] = "（"
            opened.append(i)
        elif ch == ")":
            if opened:
                j = opened.pop()
                if out[j] == "（" or re.match(rf"[{_CJK}]", text[i - 1:i]):
                    out[i], out[j] = "）", "（"
            elif re.match(rf"[{_CJK}]", text[i - 1:i]):
                out[i] = "）"
    return "".join(out)


def normalize_text(text: str) -> str:
    """OCR text as the text layer would print it: full-width digits in ASCII; no spaces inside a
    figure ("446. 11", "1, 234.50"), whose separators are ASCII; brackets, colons, semicolons and
    commas next to Chinese in their full-width form, as Chinese typesetting prints them."""
    text = text.translate(_FULL_WIDTH_DIGITS).strip()
    text = _SEP_IN_NUMBER.sub(lambda m: "," if m.group(1) in ",，" else ".", text)
    text = _brackets(text)
    text = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    return text


def _weight(ch: str) -> float:
    """A character's width in half-em units: a Chinese character or full-width form 2, a digit or
    letter 1, a narrow mark (,.:;'!|) or a space ½."""
    if ch.isspace() or ch in ",.:;'!|()[]":
        return 0.5
    o = ord(ch)
    if o >= 0x2E80 or 0xFF00 <= o <= 0xFFEF:
        return 2.0
    return 1.0


def word_chars(word: Word, page_number: int) -> list[dict]:
    """pdfplumber-like character dicts for a word, its box split by the characters' widths (spaces
    take their share but are not emitted)."""
    weights = [_weight(ch) for ch in word.text]
    total = sum(weights)
    if not total:
        return []
    unit = (word.x1 - word.x0) / total
    # The font size: an em is two units (a Chinese character's advance, two digits'); the box height
    # runs a little larger (the detector pads its boxes), and bounds it for words of a character or two.
    size = min(word.bottom - word.top, 2 * unit)
    out = []
    x = word.x0
    for ch, w in zip(word.text, weights):
        x1 = x + w * unit
        if not ch.isspace():
            out.append({
                "text": ch, "x0": x, "x1": x1, "top": word.top, "bottom": word.bottom, "doctop": word.top,
                "width": x1 - x, "height": size, "size": size, "upright": True, "fontname": "OCR",
                "object_type": "char", "page_number": page_number, "conf": word.conf,
            })
        x = x1
    return out


def recognise(image: np.ndarray, scale: float, settings: OcrSettings = DEFAULT_SETTINGS) -> list[Word]:
    """The words RapidOCR reads on an image, top to bottom; `scale`: points per pixel.

    RapidOCR's own pipeline, run in its parts: the detector finds the text boxes on a copy of the page
    shrunk to det_max_side (it needs the shape of a line, not its strokes, and its cost and memory
    grow with the pixels), the recogniser reads each box cut from the full-resolution page."""
    import cv2

    eng = engine()
    full = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
    shrink = min(1.0, settings.det_max_side / max(full.shape[:2]))
    small = cv2.resize(full, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else full
    boxes, _ = eng.auto_text_det(small)
    if boxes is None or not len(boxes):
        return []
    boxes = [np.asarray(b, dtype=np.float32) / shrink for b in boxes]
    crops = eng.get_crop_img_list(full, boxes)
    if settings.use_cls:
        crops, _, _ = eng.text_cls(crops)
    read, _ = eng.text_rec(crops)
    result = [(box, text, conf) for box, (text, conf, *_rest) in zip(boxes, read) if conf >= settings.min_score]
    words = []
    for box, text, conf in result:
        text = normalize_text(text)
        if not text:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        words.append(Word(text, float(min(xs) * scale), float(min(ys) * scale), float(max(xs) * scale),
                             float(max(ys) * scale), float(conf)))
    return words


# ----------------------------------------------------------------------------------------------- rules


def find_rules(image: np.ndarray, scale: float) -> list[dict]:
    """The rules drawn on a page image, as pdfplumber edges in points: runs of ink at least
    H_RULE_MIN (horizontal) or V_RULE_MIN (vertical) long, found by a morphological opening, one
    edge along the middle of each thin run, two along the sides of a thick one (a filled box)."""
    import cv2

    ink = (image < INK).astype(np.uint8)
    edges: list[dict] = []
    for orientation, min_pt in (("h", H_RULE_MIN), ("v", V_RULE_MIN)):
        n = max(3, int(round(min_pt / scale)))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if orientation == "h" else (1, n))
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            x0, top, x1, bottom = float(x * scale), float(y * scale), float((x + w) * scale), float((y + h) * scale)
            if orientation == "h":
                ys = [(top + bottom) / 2] if bottom - top <= SOLID else [top, bottom]
                edges += [_edge("h", x0, y_, x1, y_) for y_ in ys]
            else:
                xs = [(x0 + x1) / 2] if x1 - x0 <= SOLID else [x0, x1]
                edges += [_edge("v", x_, top, x_, bottom) for x_ in xs]
    return edges


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


class _ImagePage:
    """What `read_page` and pdfplumber's table finder read of a page, filled from OCR."""

    def __init__(self, chars: list[dict], edges: list[dict], width: float, height: float):
        self.chars, self.edges = chars, edges
        self.width, self.height = width, height
        self.bbox = (0.0, 0.0, width, height)


# ------------------------------------------------------------------------------------------------ pages


def ocr_image(image: np.ndarray, page_number: int, width: float, height: float,
              words: list[Word] | None = None, settings: OcrSettings = DEFAULT_SETTINGS) -> Page:
    """The document model of a rendered page (grey uint8 array) of `width` × `height` points, its
    recognised words in `Page.words`. `words`, when given, is extended with them too."""
    from extract.reader import read_page

    scale = width / image.shape[1]  # points per pixel (the same both ways, up to rounding)
    found = recognise(image, scale, settings)
    if words is not None:
        words.extend(found)
    chars = [ch for w in found for ch in word_chars(w, page_number)]
    edges = find_rules(image, scale) if chars else []
    page = read_page(_ImagePage(chars, edges, width, height), page_number)
    page.text_flags = ("ocr", *page.text_flags)
    page.words = found
    return page


def ocr_page(pdf_path: str | Path, page_index: int, page_number: int, width: float, height: float,
             dpi: int = DPI, words: list[Word] | None = None) -> Page:
    """Page `page_index` (0-based) of the PDF, read by OCR at `dpi`, as page `page_number` of
    `width` × `height` points. Its text_flags start with "ocr"."""
    return ocr_image(render_page(pdf_path, page_index, dpi), page_number, width, height, words,
                     OcrSettings(dpi=dpi))


def ocr_pages(pdf_path: str | Path, numbers: list[int], settings: OcrSettings = DEFAULT_SETTINGS) -> dict[int, Page]:
    """Pages `numbers` (1-based) of the PDF read by OCR, the file opened once: {number: Page}.
    Raises OcrUnavailable when the engine cannot be loaded."""
    import pypdfium2 as pdfium

    engine()  # loaded (or refused) before any page is rendered
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        out = {}
        for number in numbers:
            page = doc[number - 1]
            width, height = page.get_size()
            area = float(width) * float(height) / 72 ** 2  # square inches
            dpi = min(settings.dpi, int((settings.max_pixels / max(area, 1e-6)) ** 0.5))
            try:
                out[number] = ocr_image(_render(page, dpi), number, float(width), float(height), settings=settings)
            except Exception as exc:
                if "bad_alloc" in str(exc):  # onnxruntime's std::bad_alloc at the memory cap
                    raise MemoryError(f"OCR of page {number}: {exc}") from exc
                raise
        return out
    finally:
        doc.close()


def ocr_document(pdf_path: str | Path, dpi: int = DPI) -> Document:
    """Every page of the PDF read by OCR."""
    import pypdfium2 as pdfium

    settings = OcrSettings(dpi=dpi)
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            pages.append(ocr_image(_render(page, dpi), i + 1, float(width), float(height), settings=settings))
        try:
            metadata = dict(doc.get_metadata_dict(skip_empty=True))
        except Exception:  # noqa: BLE001 - metadata is a nicety
            metadata = {}
    finally:
        doc.close()
    return Document(path=str(pdf_path), pages=pages, metadata=metadata)
