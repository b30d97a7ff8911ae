"""What the OCR recogniser can be made to cost per page, and what each cheaper reading would change
(issue 25, item 4: ≥ 1 OCR page/s per core at the same accuracy). The recogniser is 61 % of an OCR
page (docs/benchmarks.md), so every way to read fewer pixels or read them more cheaply is tried here on
the same crops, against what the shipped reading reads on them.

    .venv/bin/python benchmarks/ocr_rec_variants.py [--every 1] [--out /tmp/juesuan-ocr-ab]
    PYTHONPATH=/path/to/onnx .venv/bin/python benchmarks/ocr_rec_variants.py   # + the model variants

Inputs: the two real filings of ../shared/filings scanned plainly (every page an image at 150 dpi:
samples.scans.PLAIN, as benchmarks/ocr_benchmark.py and ocr_ab.py scan them), each page cut into the
crops extract.ocr reads (extract.ocr.text_boxes, after the deskew). Variants:
- `squeeze f > w`: a crop wider than w pixels at 48 high (a line of running text) read at f of its width
  (PaddleOCR trains its recogniser on lines squeezed to 320 px, so it reads squeezed text);
- `height 32`: the model's input 32 pixels high instead of 48 (its last pooling cut to match), the crop
  scaled in proportion or kept as wide as at 48 (needs the `onnx` package, not a project dependency);
- `int8`: the recogniser quantised statically (QDQ, per channel, calibrated on 120 of the crops; needs
  `onnx` for onnxruntime.quantization).
Prints, per variant, the recogniser's CPU seconds against the shipped reading's in the same process,
how many crops read differently, how many of those hold a digit, and the first few. A script that
prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import logging
import math
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ocr_ab import REAL  # noqa: E402  (the two real filings, as ocr_ab.py scans them)
from extract.ocr_rec import HEIGHT, crop_width, normalise  # noqa: E402



def page_crops(out: Path, every: int) -> list[tuple[str, int, np.ndarray]]:
    """(file, page, crop) for every crop extract.ocr reads on the scanned real filings."""
    import pypdfium2 as pdfium

    from extract.ocr import DEFAULT_SETTINGS, _render, text_boxes, use_models
    from extract.ocr_image import deskew, rule_masks
    from samples import scans

    eng = use_models(True)
    crops = []
    for name, file in REAL.items():
        scanned = out / f"{name}.pdf"
        if not scanned.exists():
            scanned.write_bytes(scans.scan((ROOT.parent / "shared" / "filings" / file).read_bytes(), scans.PLAIN))
        doc = pdfium.PdfDocument(str(scanned))
        for i in range(0, len(doc), every):
            page = doc[i]
            width = float(page.get_size()[0])
            image, _ = deskew(_render(page, DEFAULT_SETTINGS.dpi))
            scale = width / image.shape[1]
            boxes, full, _ink = text_boxes(image, scale, DEFAULT_SETTINGS, rule_masks(image, scale))
            crops += [(name, i + 1, c) for c in (eng.get_crop_img_list(full, boxes) if boxes else [])]
        doc.close()
    return crops


def read(session, recogniser, crops, height: int = HEIGHT, width_at=None, min_width: int = 240):
    """(text, confidence) of each crop and the CPU seconds it took: each crop scaled to `height` and to
    width_at(crop) (default: its width at `height`), padded with zeros to min_width, one at a time (as
    extract.ocr_rec.read_crops reads them)."""
    out = []
    t = time.process_time()
    for c in crops:
        w = width_at(c) if width_at else crop_width(c.shape, height)
        wide = max(min_width, w)
        pred = session.run(None, {session.get_inputs()[0].name: model_input(c, height, w, wide)})[0]
        text, conf = recogniser.postprocess_op(pred, False, wh_ratio_list=[w / height], max_wh_ratio=wide / height)[0]
        out.append((text, float(conf)))
    return out, time.process_time() - t


def model_input(crop: np.ndarray, height: int, width: int, padded: int) -> np.ndarray:
    """One crop as the model's batch of one, padded with zeros to `padded` wide (extract.ocr_rec)."""
    x = np.zeros((1, 3, height, padded), np.float32)
    x[0, :, :, :width] = normalise(crop, width, height)
    return x


def squeezed(f: float, over: int):
    """A crop's width at 48 high, times f where it is wider than `over` pixels."""
    def width_at(c):
        w = crop_width(c.shape)
        return max(16, math.ceil(w * f)) if w > over else w
    return width_at


def session_of(model: bytes):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])


def model_variants(crops) -> list[tuple[str, object, dict]]:
    """(label, session, read() arguments) of the variants that need the `onnx` package; [] without it."""
    try:
        import onnx
        from onnx import version_converter
        from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    except ImportError:
        print("(height 32 and int8 left out: the `onnx` package is not installed)")
        return []
    import rapidocr_onnxruntime

    from extract.ocr_model import rewritten

    fused = onnx.load_from_string(rewritten(Path(rapidocr_onnxruntime.__file__).parent / "models"
                                            / "ch_PP-OCRv4_rec_infer.onnx"))
    out = []
    low = onnx.ModelProto()
    low.CopyFrom(fused)
    for node in low.graph.node:  # the last pooling takes the 3 rows 48 pixels leave; 32 leave 2
        if node.op_type == "AveragePool":
            for a in node.attribute:
                if a.name in ("kernel_shape", "strides"):
                    a.ints[0] = 2
    low_session = session_of(low.SerializeToString())
    out.append(("height 32, width in proportion", low_session, {"height": 32, "min_width": 160}))
    out.append(("height 32, width as at 48", low_session, {"height": 32, "width_at": squeezed(1.0, 10**9)}))
    calibration = random.Random(1).sample(range(len(crops)), min(120, len(crops)))

    class Crops(CalibrationDataReader):
        def __init__(self):
            self.left = iter(calibration)

        def get_next(self):
            k = next(self.left, None)
            if k is None:
                return None
            w = crop_width(crops[k].shape)
            return {"x": model_input(crops[k], HEIGHT, w, max(240, w))}

    logging.getLogger().setLevel(logging.ERROR)  # the quantiser's advice on every bias, not a result
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        onnx.save(version_converter.convert_version(fused, 13), str(src))  # per-channel scales need opset 13
        quantize_static(str(src), str(dst), Crops(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        op_types_to_quantize=["Conv", "MatMul"])
        out.append(("int8 (QDQ, per channel)", session_of(dst.read_bytes()), {}))
    return out


def main(argv=None) -> None:
    from extract.ocr import use_models

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=1, help="every n-th page only")
    ap.add_argument("--out", default="/tmp/juesuan-ocr-ab")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    crops = page_crops(out, args.every)
    pages = len({(f, p) for f, p, _ in crops})
    recogniser = use_models(True).text_rec
    shipped = recogniser.session.session
    texts = [c for _f, _p, c in crops]
    base, base_s = read(shipped, recogniser, texts)
    print(f"{len(crops)} crops on {pages} pages; the shipped reading: {base_s:.1f} CPU s "
          f"({base_s / max(pages, 1):.2f} a page); load {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    variants = [(f"squeeze {f} > {over} px", shipped, {"width_at": squeezed(f, over)})
                for over in (960, 480) for f in (0.8, 0.65, 0.5)]
    for label, session, kwargs in variants + model_variants(texts):
        got, cpu = read(session, recogniser, texts, **kwargs)
        differ = [(k, base[k][0], got[k][0]) for k in range(len(texts)) if got[k][0] != base[k][0]]
        digits = [d for d in differ if re.search(r"\d", d[1] + d[2])]
        print(f"{label}: {cpu / base_s:.2f} of the CPU; {len(differ)} of {len(texts)} crops read differently, "
              f"{len(digits)} holding a digit", flush=True)
        for k, was, now in (digits + [d for d in differ if d not in digits])[:6]:
            print(f"    {crops[k][0]} p.{crops[k][1]}: {was!r} -> {now!r}")


if __name__ == "__main__":
    main()
