"""Pages with no text layer (a scan, or a filing printed to an image), read by OCR into the same
document model the text layer gives, so that the table and text readers work on them unchanged.

The page is rendered with pypdfium2, read by RapidOCR (PP-OCRv4 models shipped inside the
rapidocr-onnxruntime wheel: nothing is downloaded), and each recognised word becomes pdfplumber-like
character dicts in PDF points, its box split across its characters (a Chinese character about twice
as wide as a digit: extract/ocr_text.py). The page is first turned upright if it was scanned askew,
and the rules drawn on it are found in the image (long runs of dark pixels, kept by a morphological
opening) and become pdfplumber edges (extract/ocr_image.py). A word's box is its ink's, not the
detector's padded one, and a box holding two cells' text is parted where the ink and the text show the
blank between them (extract/ocr_ink.py, extract/ocr_cells.py): the rule-less table reader places
columns by where the text layer would put each word. Characters and edges then go through
`extract.reader.read_page` itself: ruled tables, the rule-less reader, the running text.

Each character dict carries the confidence of the word it came from (`conf`), and the page keeps the
words themselves (`Page.words`: boxes in points, confidence), so that a figure can be traced to what
the engine read. `ocr_pages` reads the pages of one file that the text layer could not give.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from extract.model import Document, Page, Word
from extract.ocr_image import clip_to_rules, deskew, drop_strokes, find_rules, rule_masks
from extract.ocr_ink import ink_pieces, text_ink, unread_ink
from extract.ocr_cells import share_text, split_cells
from extract.ocr_rec import read_crops
from extract.ocr_text import normalize_text, strip_specks, word_chars

DPI = 200
DET_MAX_SIDE = 1280  # pixels: the detector's copy of an A4 page, ~110 dpi (measured: docs/benchmarks.md)
MAX_SIDE = 12000  # pixels; RapidOCR shrinks larger images (its default, 2000, would undo the dpi asked for)


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How scanned pages are read (validated once).

    dpi: the resolution pages are rendered at (figures in 9 pt type need ≥ 150).
    det_max_side: the longest side, in pixels, of the copy of the page the text detector runs on.
    deskew: turn a page scanned askew upright before reading it (skew_angle).
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
    deskew: bool = True
    min_score: float = 0.5  # RapidOCR's text_score: a box read with less confidence is dropped
    rec_batch: int = 1  # crops the recogniser reads at once (measured: larger batches are no faster on one thread)
    rec_min_width: int = 240  # pixels (at 48 high) a crop is padded to for the recogniser (extract/ocr_rec.py)
    fused_models: bool = True  # run the wheel's models with their element-wise nodes folded (extract/ocr_model.py)
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
        if self.rec_batch < 1 or self.rec_min_width < 16:
            raise ValueError(f"OCR rec_batch must be ≥ 1 and rec_min_width ≥ 16, not {self.rec_batch}, {self.rec_min_width}")
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
                    import cv2
                    from rapidocr_onnxruntime import RapidOCR

                    cv2.setNumThreads(1)  # OpenCV's own pool too: one core per worker process

                    _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, max_side_len=MAX_SIDE)
                except ImportError as exc:  # OpenCV needs libGL and GLib from the system
                    raise OcrUnavailable(
                        f"the OCR engine cannot be loaded ({exc}); install the system libraries it needs "
                        f"(Debian: apt-get install libgl1 libglib2.0-0, or `make syslibs`) and ingest the file "
                        f"again") from exc
    return _engine


_fused: bool | None = None  # which models the engine's sessions run now (None: RapidOCR's own, as loaded)
_sessions: dict[tuple[str, bool], object] = {}  # (det|rec, fused) -> onnxruntime session, made when first asked for


def use_models(fused: bool):
    """The engine, its detector and recogniser running the wheel's models as shipped (`fused` False) or
    rewritten (extract.ocr_model: the element-wise nodes folded, the same outputs to ~1e-6). RapidOCR's
    own sessions are dropped when first replaced, so a process that reads with one choice holds one set
    of models; a process that asks for both (benchmarks/ocr_ab.py) keeps both. Returns the engine."""
    global _fused
    eng = engine()
    if _fused is None and not fused:
        return eng  # RapidOCR's sessions are the shipped models
    with _engine_lock:
        if _fused != fused:
            for kind in ("det", "rec"):
                if (kind, fused) not in _sessions:
                    _sessions[(kind, fused)] = _session(kind, fused)
            eng.text_det.infer.session = _sessions[("det", fused)]  # RapidOCR's OrtInferSession wrappers
            eng.text_rec.session.session = _sessions[("rec", fused)]
            _fused = fused
    return eng


def _session(kind: str, fused: bool):
    """An onnxruntime session of the wheel's `kind` model (rewritten when `fused`: extract.ocr_model),
    with RapidOCR's session options, on one thread."""
    import onnxruntime as ort
    import rapidocr_onnxruntime

    from extract.ocr_model import rewritten

    name = {"det": "ch_PP-OCRv4_det_infer.onnx", "rec": "ch_PP-OCRv4_rec_infer.onnx"}[kind]
    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    path = Path(rapidocr_onnxruntime.__file__).parent / "models" / name
    model = rewritten(path) if fused else path.read_bytes()
    return ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])


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


def text_boxes(image: np.ndarray, scale: float, settings: OcrSettings = DEFAULT_SETTINGS,
               masks: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The boxes (four corners, pixels) the recogniser is to read on a page image, the image as it
    takes it (BGR) and the text's ink (extract.ocr_ink.text_ink). The detector finds the text boxes on
    a copy of the page shrunk to det_max_side (it needs the shape of a line, not its strokes, and its
    cost and memory grow with the pixels); ink no box covers is boxed too (extract.ocr_ink.unread_ink:
    the detector passes over a lone digit)."""
    import cv2

    eng = use_models(settings.fused_models)
    masks = masks or rule_masks(image, scale)
    ink = text_ink(image, masks)
    full = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
    shrink = min(1.0, settings.det_max_side / max(full.shape[:2]))
    small = cv2.resize(full, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA) if shrink < 1 else full
    found, _ = eng.auto_text_det(small)
    boxes = [np.asarray(b, dtype=np.float32) / shrink for b in (found if found is not None else [])]
    rects = [(int(b[:, 0].min()), int(b[:, 1].min()), int(np.ceil(b[:, 0].max())), int(np.ceil(b[:, 1].max())))
             for b in boxes]
    return boxes + [_rect(r) for r in unread_ink(ink, rects)], full, ink


def recognise(image: np.ndarray, scale: float, settings: OcrSettings = DEFAULT_SETTINGS,
              masks: tuple[np.ndarray, np.ndarray] | None = None) -> list[Word]:
    """The words RapidOCR reads on an image, top to bottom; `scale`: points per pixel; `masks`: the
    page's rules (extract.ocr_image.rule_masks; found here if not given).

    RapidOCR's own pipeline, run in its parts: the text's boxes (text_boxes), the recogniser reading
    each box cut from the full-resolution page, and each word taking the extent of its ink, a box
    holding two cells' text parted in two."""
    eng = use_models(settings.fused_models)
    boxes, full, ink = text_boxes(image, scale, settings, masks)
    if not boxes:
        return []
    crops = eng.get_crop_img_list(full, boxes)
    if settings.use_cls:
        crops, _, _ = eng.text_cls(crops)
    read = read_crops(eng.text_rec, crops, settings.rec_batch, settings.rec_min_width)
    words = []
    for box, (text, conf) in zip(boxes, read):
        text = normalize_text(text)
        if conf < settings.min_score or not text:
            continue
        x0, top = int(box[:, 0].min()), int(box[:, 1].min())
        x1, bottom = int(np.ceil(box[:, 0].max())), int(np.ceil(box[:, 1].max()))
        tokens = text.split()
        pieces, (top, bottom) = ink_pieces(ink, x0, top, x1, bottom, strip_specks(tokens[0])[1],
                                           strip_specks(text)[2] or strip_specks(tokens[-1])[2])
        for part, a, b in share_text(text, pieces) if pieces else [(text, x0, x1)]:
            # each cell's text on its own ("50:18 30212": a figure, a code)
            part = strip_specks(normalize_text(part))[0]
            words.append(Word(part, a * scale, top * scale, b * scale, bottom * scale, float(conf)))
    return words


def _rect(box: tuple[int, int, int, int]) -> np.ndarray:
    """A box (x0, top, x1, bottom) as the four corners RapidOCR crops by."""
    x0, top, x1, bottom = box
    return np.array([[x0, top], [x1, top], [x1, bottom], [x0, bottom]], np.float32)


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
    if settings.deskew:
        image, _angle = deskew(image)  # a row of a table must stay one row across the page
    masks = rule_masks(image, scale)
    found = recognise(image, scale, settings, masks)
    edges = drop_strokes(find_rules(image, scale, masks), found) if found else []
    found = split_cells(clip_to_rules(found, [e for e in edges if e["orientation"] == "v"]))
    if words is not None:
        words.extend(found)
    chars = [ch for w in found for ch in word_chars(w, page_number)]
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


def ocr_pages(pdf_path: str | Path, numbers: list[int] | None = None,
              settings: OcrSettings = DEFAULT_SETTINGS) -> dict[int, Page]:
    """Pages `numbers` (1-based; None: every page) of the PDF read by OCR, the file opened once:
    {number: Page}. Raises OcrUnavailable when the engine cannot be loaded."""
    import pypdfium2 as pdfium

    engine()  # loaded (or refused) before any page is rendered
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return {n: _ocr_pdf_page(doc[n - 1], n, settings) for n in (range(1, len(doc) + 1) if numbers is None else numbers)}
    finally:
        doc.close()


def _ocr_pdf_page(page, number: int, settings: OcrSettings) -> Page:
    width, height = page.get_size()
    area = float(width) * float(height) / 72 ** 2  # square inches
    dpi = min(settings.dpi, int((settings.max_pixels / max(area, 1e-6)) ** 0.5))
    try:
        return ocr_image(_render(page, dpi), number, float(width), float(height), settings=settings)
    except Exception as exc:
        if "bad_alloc" in str(exc):  # onnxruntime's std::bad_alloc at the memory cap
            raise MemoryError(f"OCR of page {number}: {exc}") from exc
        raise


def ocr_document(pdf_path: str | Path, dpi: int = DPI) -> Document:
    """Every page of the PDF read by OCR."""
    import pypdfium2 as pdfium

    pages = list(ocr_pages(pdf_path, None, OcrSettings(dpi=dpi)).values())
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        metadata = dict(doc.get_metadata_dict(skip_empty=True))
    except Exception:  # noqa: BLE001 - metadata is a nicety
        metadata = {}
    finally:
        doc.close()
    return Document(path=str(pdf_path), pages=pages, metadata=metadata)
