"""Image-only versions of the generated filings, as a scanner makes them: every page rasterised in grey
at 150–200 dpi, turned by a fraction of a degree, with sensor noise and dust specks; no text layer and
no vector drawing is left. The truth is the filing's own (the figures do not change when the paper is
scanned), with the scan's look recorded under "scan".

    python -m samples.generate --scans N --out DIR   # N corpus filings, scanned (benchmarks)
"""
from __future__ import annotations

import io
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ScanLook:
    """How one filing was scanned."""

    dpi: int  # 150–200
    angle: float  # degrees, counter-clockwise; a sheet fed a little askew
    noise: float  # standard deviation of the grey noise (0–255 scale)
    specks: int  # dark dust specks per page


PLAIN = ScanLook(150, 0.0, 0.0, 0)


def look_for(seed: int, index: int) -> ScanLook:
    """A scan's look, the same for the same seed and index."""
    rng = random.Random(f"scan:{seed}:{index}")
    return ScanLook(rng.choice([150, 175, 200]), round(rng.uniform(-0.8, 0.8), 2), round(rng.uniform(0, 12), 1),
                    rng.randint(0, 300))


def scan(pdf: bytes, look: ScanLook, seed: int = 0) -> bytes:
    """The PDF's pages as images, scanned with `look`, the page size kept."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in doc:
            bitmap = page.render(scale=look.dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            if look.angle:
                image = image.rotate(look.angle, resample=Image.BICUBIC, fillcolor=255)
            grey = np.asarray(image, dtype=np.float32)
            if look.noise:
                grey = grey + rng.normal(0, look.noise, grey.shape)
            for _ in range(look.specks):
                y, x = rng.integers(0, grey.shape[0] - 3), rng.integers(0, grey.shape[1] - 3)
                grey[y:y + rng.integers(1, 3), x:x + rng.integers(1, 3)] = rng.integers(0, 120)
            images.append(Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L"))
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(look.dpi),
                   author="juesuan samples", creator="juesuan samples")  # transform/origin.py: a sample
    return out.getvalue()


def write(out, n: int, seed: int = 1) -> list[Path]:
    """Corpus filings 0 … n-1 of `seed` (samples/corpus.py), scanned: NAME.pdf and NAME.truth.json."""
    from .corpus import dump_truth, render_filing

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        f, _feat, pdf, truth = render_filing(seed, i)
        look = look_for(seed, i)
        (out / f"{f.name}.pdf").write_bytes(scan(pdf, look, seed * 1000 + i))
        truth = {**truth, "scan": asdict(look)}
        (out / f"{f.name}.truth.json").write_text(dump_truth(truth), encoding="utf-8")
        written.append(out / f"{f.name}.pdf")
    (out / "scans.manifest.json").write_text(json.dumps({"seed": seed, "n": n}) + "\n", encoding="utf-8")
    return written
