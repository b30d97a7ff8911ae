"""Crops of the filing's pages with the compared figures boxed: the evidence beside each failed check.

Pages are rendered with pypdfium2 (PDFium: fast, no Ghostscript), each page of a document once
however many checks point at it, and the crops written as PNG under DIR/evidence/<doc>/; a crop whose
file exists is not drawn again (its name is a hash of the page and the boxes). Boxes are in PDF
points with the origin at the page's top-left, as pdfplumber gives them (extract/, transform/):
observed figures in red, what they were compared with in blue, the figures of a sum in orange.

A crop spans the page's width (a figure's row label and column header stay in view) and the height of
its boxes plus a margin. The PDF is found where the document was read from (documents.source,
document_sources, or the download cache DIR/_cache/<doc_id>.pdf) and used only if its SHA-256 is the
doc_id: a file changed since it was read would box the wrong figures.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("juesuan.evidence")

COLOURS = {"observed": (214, 39, 40), "expected": (31, 119, 180), "part": (255, 127, 14), "shown": (44, 160, 44)}


@dataclass(frozen=True)
class CropSettings:
    """How crops are drawn; validated once."""

    scale: float = 1.5  # 108 dpi: figures printed at 9 pt stay legible
    margin_pt: float = 36.0  # above and below the boxes
    min_height_pt: float = 110.0
    side_pt: float = 18.0  # left and right of the page's text block
    line_px: int = 3
    # A crop is written as a palette PNG of `colours` colours at zlib level `png_level`: a page's grey
    # text and the four box colours need no more, and the file is a quarter of an RGB one. PNG's
    # `optimize` (level 9 and a filter search) was 85 % of writing a report (26 ms a crop), on the
    # ingest's clock; palette + level 3 is a tenth of that (benchmarks/stage_profile.py, docs/benchmarks.md).
    colours: int = 64
    png_level: int = 3

    def __post_init__(self) -> None:
        if (not (0.25 <= self.scale <= 6) or self.margin_pt < 0 or self.min_height_pt <= 0 or self.line_px < 1
                or not 8 <= self.colours <= 256 or not 0 <= self.png_level <= 9):
            raise ValueError(f"crop settings out of range: {self}")


DEFAULT_CROPS = CropSettings()


@dataclass
class Crop:
    """One picture: a page of a document with some boxes drawn (page = 1-based)."""

    page: int
    boxes: list[dict]  # {x0, top, x1, bottom, role}
    path: Path | None = None  # where it was written (None until rendered, or when it could not be)
    note: str | None = None  # why there is no picture
    key: str = field(init=False)

    def __post_init__(self) -> None:
        spec = f"{self.page}|" + "|".join(f"{b['role']}:{b['x0']:.1f},{b['top']:.1f},{b['x1']:.1f},{b['bottom']:.1f}"
                                          for b in self.boxes)
        self.key = hashlib.sha1(spec.encode()).hexdigest()[:16]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def find_pdf(doc_id: str, candidates: Iterable[str | None], warehouse: str | Path | None = None) -> Path | None:
    """The file this document was read from, if it is still there unchanged."""
    paths = [c for c in candidates if isinstance(c, str) and c and "://" not in c]
    if warehouse is not None:
        paths.append(str(Path(warehouse) / "_cache" / f"{doc_id}.pdf"))
    seen = set()
    for p in paths:
        path = Path(p)
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            if sha256_file(path) == doc_id:
                return path
        except OSError:
            continue
    return None


def reuse_drawn(crops: list[Crop], out_dir: Path) -> list[Crop]:
    """Set the path of every crop already drawn under out_dir (a file named by its page and boxes);
    return the others. When none is left, the PDF need not even be found (nor hashed)."""
    todo = []
    for c in crops:
        target = out_dir / f"p{c.page}-{c.key}.png"
        if target.exists():
            c.path = target
        else:
            todo.append(c)
    return todo


def render_crops(pdf: Path, crops: list[Crop], out_dir: Path, settings: CropSettings = DEFAULT_CROPS) -> None:
    """Write each crop of one document (its `path` set, or its `note` saying why not); every page is
    rendered at most once, and not at all when all its crops exist already."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo: dict[int, list[Crop]] = {}
    for c in reuse_drawn(crops, out_dir):
        todo.setdefault(c.page, []).append(c)
    if not todo:
        return
    import pypdfium2 as pdfium  # lazy: only a report with failures draws
    from PIL import Image

    try:
        doc = pdfium.PdfDocument(str(pdf))
    except Exception as exc:  # noqa: BLE001 - a file pdfium cannot open gets a sentence, not a crash
        for cs in todo.values():
            for c in cs:
                c.note = f"the PDF could not be opened for a picture ({type(exc).__name__})"
        return
    try:
        for page_no, cs in sorted(todo.items()):
            if not 1 <= page_no <= len(doc):
                for c in cs:
                    c.note = f"page {page_no} is not in the PDF"
                continue
            try:
                page = doc[page_no - 1]
                width, height = page.get_size()
                image = page.render(scale=settings.scale).to_pil().convert("RGB")
                page.close()
            except Exception as exc:  # noqa: BLE001 - a damaged page gets a sentence; the other pages are drawn
                for c in cs:
                    c.note = f"page {page_no} could not be drawn ({type(exc).__name__}: {exc})"
                continue
            for c in cs:
                target = out_dir / f"p{c.page}-{c.key}.png"
                drawn = _crop(image, c, width, height, settings)
                drawn.quantize(colors=settings.colours, method=Image.Quantize.FASTOCTREE).save(
                    target, compress_level=settings.png_level)
                c.path = target
    finally:
        doc.close()


def _crop(image, crop: Crop, width: float, height: float, s: CropSettings):
    from PIL import ImageDraw

    k = s.scale
    if crop.boxes:
        top = min(b["top"] for b in crop.boxes) - s.margin_pt
        bottom = max(b["bottom"] for b in crop.boxes) + s.margin_pt
    else:
        top, bottom = 0.0, height
    if bottom - top < s.min_height_pt:
        mid = (top + bottom) / 2
        top, bottom = mid - s.min_height_pt / 2, mid + s.min_height_pt / 2
    top, bottom = max(0.0, top), min(height, bottom)
    left = max(0.0, min([b["x0"] for b in crop.boxes] + [s.side_pt]) - s.side_pt)
    right = min(width, max([b["x1"] for b in crop.boxes] + [width - s.side_pt]) + s.side_pt)
    # cut first, then draw on the cut (moved by its corner): copying the whole page for every crop
    # cost as much as the drawing
    x, y = int(left * k), int(top * k)
    out = image.crop((x, y, int(right * k), int(bottom * k)))
    draw = ImageDraw.Draw(out)
    pad = 1.5
    for b in crop.boxes:
        colour = COLOURS.get(b.get("role", "observed"), COLOURS["observed"])
        draw.rectangle([(b["x0"] - pad) * k - x, (b["top"] - pad) * k - y, (b["x1"] + pad) * k - x,
                        (b["bottom"] + pad) * k - y], outline=colour, width=s.line_px)
    return out


def boxes_by_page(boxes) -> dict[int, list[dict]]:
    """A row's boxes (quality_results.boxes) grouped by page."""
    out: dict[int, list[dict]] = {}
    for b in boxes if boxes is not None else ():
        if b is None:
            continue
        out.setdefault(int(b["page"]), []).append({k: b[k] for k in ("x0", "top", "x1", "bottom", "role")})
    return out
