"""The wheel's ONNX models rewritten (extract/ocr_model.py): the same outputs as the models shipped, with
the element-wise nodes of PP-LCNetV3's activations folded; a toy graph for each rewrite on its own."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extract.ocr_model import fold_conv_affine, fold_into_pointwise, fold_scale_into_conv, hard_swish, model_class, rewrite, tensor_array, _Graph

ort = pytest.importorskip("onnxruntime")


def _models() -> Path:
    import rapidocr_onnxruntime

    return Path(rapidocr_onnxruntime.__file__).parent / "models"


def _session(data: bytes):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(data, sess_options=options, providers=["CPUExecutionProvider"])


def _run(session, x: np.ndarray) -> np.ndarray:
    return session.run(None, {session.get_inputs()[0].name: x})[0]


@pytest.mark.parametrize("name, shape, counts", [
    ("ch_PP-OCRv4_rec_infer.onnx", (1, 3, 48, 96), {"conv_affine": 28, "hard_swish": 28, "pointwise_affine": 12, "conv_scale": 13}),
    ("ch_PP-OCRv4_det_infer.onnx", (1, 3, 96, 64), {"conv_affine": 28, "hard_swish": 24, "pointwise_affine": 10, "conv_scale": 13}),
])
def test_the_rewritten_models_give_the_shipped_models_outputs(name, shape, counts):
    data = (_models() / name).read_bytes()
    new, done = rewrite(data)
    assert done == counts
    assert rewrite(data)[0] == new  # the same bytes every time
    x = np.random.default_rng(7).uniform(-1, 1, shape).astype(np.float32)
    before, after = _run(_session(data), x), _run(_session(new), x)
    assert after.shape == before.shape
    assert np.abs(after - before).max() < 1e-4
    if "rec" in name:  # the recogniser's reading: the same character at every step
        assert (after.argmax(-1) == before.argmax(-1)).all()
        assert _session(new).get_modelmeta().custom_metadata_map == _session(data).get_modelmeta().custom_metadata_map


def _toy(pads: list[int], kernel: int = 1) -> bytes:
    """Conv → ·s1 + b1 → hard-swish → ·s2 + b2 → Conv(pads), as paddle2onnx writes it (opset 12), its
    weights in Constant nodes. The fields onnx.proto has and the subset does not (opset, types) are
    written by hand, as raw protobuf."""
    m = model_class()()
    g = m.graph
    rng = np.random.default_rng(3)

    def const(name, a):
        n = g.node.add(op_type="Constant", output=[name])
        t = n.attribute.add(name="value", type=4).t
        a = np.asarray(a, np.float32)
        t.dims.extend(a.shape)
        t.data_type = 1
        t.raw_data = a.tobytes()

    const("w1", rng.normal(size=(4, 2, 3, 3)))
    const("b1", rng.normal(size=4))
    const("w2", rng.normal(size=(3, 4, kernel, kernel)))
    for name, v in (("s1", 1.3), ("c1", 0.4), ("three", 3.0), ("zero", 0.0), ("six", 6.0), ("s2", 0.2), ("c2", -0.3)):
        const(name, np.array(v, np.float32))
    conv = g.node.add(op_type="Conv", input=["x", "w1", "b1"], output=["t"])
    conv.attribute.add(name="pads", type=7, ints=[1, 1, 1, 1])
    for op, ins, out in (("Mul", ["s1", "t"], "u"), ("Add", ["u", "c1"], "v"), ("Add", ["v", "three"], "v3"),
                         ("Clip", ["v3", "zero", "six"], "c"), ("Mul", ["v", "c"], "m"), ("Div", ["m", "six"], "h"),
                         ("Mul", ["s2", "h"], "p"), ("Add", ["p", "c2"], "q")):
        g.node.add(op_type=op, input=ins, output=[out])
    last = g.node.add(op_type="Conv", input=["q", "w2"], output=["y"])
    last.attribute.add(name="pads", type=7, ints=pads)
    graph = g.SerializeToString() + _field(11, _value_info(b"x")) + _field(12, _value_info(b"y"))
    opset = _field(8, b"\x10\x0c")  # opset_import {version: 12}
    return b"\x08\x08" + _field(7, graph) + opset  # ir_version 8, the graph


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    out, n = bytearray([number << 3 | 2]), len(payload)
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out) + payload


def _value_info(name: bytes) -> bytes:
    """ValueInfoProto {name, type {tensor_type {elem_type FLOAT, shape: four dims}}}."""
    shape = _field(1, b"") * 4
    return _field(1, name) + _field(2, _field(1, b"\x08\x01" + _field(2, shape)))


@pytest.mark.parametrize("pads, folded", [([0, 0, 0, 0], 1), ([1, 1, 1, 1], 0)])
def test_each_rewrite_keeps_the_toy_graphs_output(pads, folded):
    data = _toy(pads, kernel=1 if folded else 3)
    m = model_class()()
    m.ParseFromString(data)
    g = _Graph(m)
    assert (fold_conv_affine(g), hard_swish(g), fold_into_pointwise(g), fold_scale_into_conv(g)) == (1, 1, folded, 1 - folded)
    g.write()
    ops = [n.op_type for n in m.graph.node if n.op_type != "Constant"]
    assert ops == ["Conv", "HardSigmoid", "Mul", "Conv"] if folded else ops == ["Conv", "HardSigmoid", "Mul", "Add", "Conv"]
    x = np.random.default_rng(5).uniform(-4, 4, (1, 2, 6, 5)).astype(np.float32)
    assert np.abs(_run(_session(m.SerializeToString()), x) - _run(_session(data), x)).max() < 1e-4


def test_a_tensor_is_read_from_raw_bytes_or_from_its_typed_field():
    t = model_class()().graph.initializer.add(dims=[2, 1], data_type=1, float_data=[1.5, -2.0])
    assert tensor_array(t).tolist() == [[1.5], [-2.0]]
    t.raw_data = np.array([3, 4], np.float32).tobytes()
    assert tensor_array(t).tolist() == [[3.0], [4.0]]
    with pytest.raises(ValueError):
        tensor_array(model_class()().graph.initializer.add(data_type=6))


def test_the_engine_runs_the_models_asked_for_each_variant_made_once():
    from extract.ocr import use_models

    fused = use_models(True).text_rec.session.session  # (RapidOCR's own sessions are dropped here)
    shipped = use_models(False).text_rec.session.session
    assert fused is not shipped
    assert use_models(True).text_rec.session.session is fused
    assert use_models(False).text_rec.session.session is shipped
    assert use_models(False).text_det.infer.session is not use_models(True).text_det.infer.session  # left as the default


def test_the_ab_benchmark_reads_settings_as_name_value_pairs():
    from benchmarks.ocr_ab import settings
    from extract.ocr import DEFAULT_SETTINGS

    assert settings("") == DEFAULT_SETTINGS
    chosen = settings("fused_models=False, rec_min_width=200")
    assert (chosen.fused_models, chosen.rec_min_width, chosen.dpi) == (False, 200, DEFAULT_SETTINGS.dpi)
    with pytest.raises(ValueError):
        settings("rec_min_width=8")  # validated as OcrSettings validates
