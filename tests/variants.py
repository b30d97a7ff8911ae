"""Variants of the real filings, made by the tests with pikepdf (never stored): what other producers
and a careless toolchain make of the same filing.

- `strip_rules`: every ruling line and cell border removed, text untouched (what Excel prints for a
  sheet without borders, and many WPS exports);
- `drop_pages`: pages removed (a table the contents list but the filing does not print);
- `invert_mediabox`: each page's MediaBox given by its top-left and bottom-right corners ([0 h w 0]), as
  a 2021 西安 budget prints one page (legal, and shown the same by every viewer);
- `rewrite_tounicode`: a font's ToUnicode map rewritten for some glyphs, so the text layer shows
  other characters than the page does (what a pass through Ghostscript did to a real filing:
  "P海市普陀{" for 上海市普陀区).
"""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf

# Content-stream operators that build or paint paths (PDF 32000-1, 8.5); clipping too, harmlessly.
PATH_OPERATORS = {"m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "W", "W*"}


def _without_paths(pdf: pikepdf.Pdf, obj) -> bytes:
    ops = pikepdf.parse_content_stream(obj)
    return pikepdf.unparse_content_stream([(o, op) for o, op in ops if str(op) not in PATH_OPERATORS])


def strip_rules(src: str | Path, dst: str | Path) -> Path:
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            page.Contents = pdf.make_stream(_without_paths(pdf, page))
            xobjects = page.get("/Resources", {}).get("/XObject", {})
            for _name, xo in xobjects.items():
                if xo.get("/Subtype") == "/Form":
                    xo.write(_without_paths(pdf, xo))
        pdf.save(dst)
    return Path(dst)


def drop_pages(src: str | Path, dst: str | Path, pages: list[int]) -> Path:
    """Remove the 1-based `pages`."""
    with pikepdf.open(src) as pdf:
        for n in sorted(pages, reverse=True):
            del pdf.pages[n - 1]
        pdf.save(dst)
    return Path(dst)


def rewrite_tounicode(src: str | Path, dst: str | Path, font: str, mapping: dict[str, str]) -> Path:
    """In every font whose BaseFont contains `font`, map the glyphs that stood for each key of
    `mapping` to its value instead (bfchar entries)."""
    with pikepdf.open(src) as pdf:
        done = set()
        for page in pdf.pages:
            for _name, f in page.get("/Resources", {}).get("/Font", {}).items():
                if f.objgen in done or font not in str(f.get("/BaseFont", "")) or "/ToUnicode" not in f:
                    continue
                done.add(f.objgen)
                cmap = f.ToUnicode.read_bytes().decode("latin-1")
                for old, new in mapping.items():
                    cmap = re.sub(rf"(<[0-9A-Fa-f]{{4}}>\s*)<{ord(old):04X}>", rf"\g<1><{ord(new):04X}>", cmap,
                                  flags=re.IGNORECASE)
                f.ToUnicode.write(cmap.encode("latin-1"))
        if not done:
            raise ValueError(f"no font named like {font!r} with a ToUnicode map")
        pdf.save(dst)
    return Path(dst)


def keep_header_rules(src: str | Path, dst: str | Path, header_bottom: dict[int, float]) -> Path:
    """Remove the ruling lines below each page's header (a ruled header over a borderless body: the grid
    does not cover the table). `header_bottom`: 1-based page → the header's bottom (points from the top).
    For files whose pages draw in top-down coordinates (a `1 0 0 -1 0 H cm` first, as WPS writes them)."""
    with pikepdf.open(src) as pdf:
        for number, bottom in header_bottom.items():
            page = pdf.pages[number - 1]
            ops = pikepdf.parse_content_stream(page)
            flips = [o for o, op in ops if str(op) == "cm" and [float(v) for v in o][:4] == [1, 0, 0, -1]]
            if not flips:
                raise ValueError(f"page {number} does not draw top-down")
            keep, path = [], []
            for operands, op in ops:
                name = str(op)
                if name in ("m", "l"):
                    path.append((operands, op))
                    continue
                if name == "S" and path:
                    ys = [float(o[1]) for o, _ in path]
                    if min(ys) <= bottom + 1:  # a rule in the header (or reaching into it) stays
                        keep.extend(path + [(operands, op)])
                    path = []
                    continue
                keep.extend(path)
                path = []
                keep.append((operands, op))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(keep))
        pdf.save(dst)
    return Path(dst)


def image_only(src: str | Path, dst: str | Path, dpi: int = 150, pages: set[int] | None = None) -> Path:
    """The filing as a scanner gives it: every page rendered in grey at `dpi` and stored as an image,
    page size kept, no text layer and no vector drawing at all (samples.scans, upright and clean).

    `pages`: only these (1-based) are scanned; every other page is left blank (no text, no image, so
    nothing to OCR), which keeps the filing's page numbers, hence the pages of its hand-typed figures.
    OCR costs seconds a page: the suite scans the pages a path needs, benchmarks/ocr_benchmark.py all."""
    from samples.scans import ScanLook, scan

    Path(dst).write_bytes(scan(Path(src).read_bytes(), ScanLook(dpi, 0.0, 0.0, 0)))
    return Path(dst) if pages is None else blank_except(dst, dst, pages)


def blank_except(src: str | Path, dst: str | Path, pages: set[int]) -> Path:
    """Every page but the (1-based) `pages` left blank: no content, no resources; the page count kept."""
    with pikepdf.open(src, allow_overwriting_input=True) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            if number not in pages:
                page.Contents = pdf.make_stream(b"")
                page.Resources = pikepdf.Dictionary()
        pdf.save(dst)
    return Path(dst)


def invert_mediabox(src: str | Path, dst: str | Path) -> Path:
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            page.MediaBox = pikepdf.Array([x0, y1, x1, y0])
            if "/CropBox" in page:
                del page["/CropBox"]
        pdf.save(dst)
    return Path(dst)
