"""The OCR engine's two ONNX models (PP-OCRv4 detector and recogniser, shipped in the rapidocr-onnxruntime
wheel) rewritten once, in memory, when the engine loads, so that onnxruntime runs fewer element-wise
nodes (docs/benchmarks.md, issue 25: ~40 % of the node time before).

The models were exported by paddle2onnx at opset 12, every activation of PP-LCNetV3 unfused:

    t = Conv(x); v = s1·t + b1                      (the learnable affine block on the convolution)
    h = v · Clip(v + 3, 0, 6) / 6                    (hard-swish: opset 12 has no HardSwish)
    y = s2·h + b2                                    (the learnable affine block after the activation)

The rewrite: s1 and b1 are folded into the convolution's weights and bias; hard-swish becomes
v · HardSigmoid(v) (alpha 1/6, beta 1/2: the same function, two nodes instead of four, and one
onnxruntime fuses with the convolution); s2 and b2 are folded into the next convolutions when all of them
are 1×1 without padding (exact there), and s2 alone into padded ones (y = s2·(h + b2/s2): a padded
convolution would see b2 on its zero border, so h + b2/s2 keeps its Add). Outputs agree with the original models' to ~1e-6 (tests/extract/test_ocr_model.py).

No `onnx` package: the few fields of onnx.proto the rewrite reads are declared here (protobuf is
onnxruntime's own dependency), and every other field passes through as an unknown field, unchanged.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

REWRITE_VERSION = 1  # bump when the rewrite changes what it writes

_FLOAT, _INT64 = 1, 7  # TensorProto.DataType
_ATTR_FLOAT = 1  # AttributeProto.AttributeType
_model_class = None


def model_class():
    """A protobuf message class reading the parts of onnx.proto's ModelProto the rewrite needs (proto2,
    field numbers as onnx.proto numbers them); the rest of a model is kept as unknown fields."""
    global _model_class
    if _model_class is None:
        from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

        F = descriptor_pb2.FieldDescriptorProto
        one, many = F.LABEL_OPTIONAL, F.LABEL_REPEATED
        fd = descriptor_pb2.FileDescriptorProto(name="juesuan_onnx_subset.proto", package="juesuan_onnx", syntax="proto2")
        schema = {
            "TensorProto": [("dims", 1, F.TYPE_INT64, many), ("data_type", 2, F.TYPE_INT32, one),
                            ("float_data", 4, F.TYPE_FLOAT, many), ("int64_data", 7, F.TYPE_INT64, many),
                            ("name", 8, F.TYPE_STRING, one), ("raw_data", 9, F.TYPE_BYTES, one)],
            "AttributeProto": [("name", 1, F.TYPE_STRING, one), ("f", 2, F.TYPE_FLOAT, one),
                               ("t", 5, "TensorProto", one), ("ints", 8, F.TYPE_INT64, many),
                               ("type", 20, F.TYPE_INT32, one)],
            "NodeProto": [("input", 1, F.TYPE_STRING, many), ("output", 2, F.TYPE_STRING, many),
                          ("name", 3, F.TYPE_STRING, one), ("op_type", 4, F.TYPE_STRING, one),
                          ("attribute", 5, "AttributeProto", many), ("domain", 7, F.TYPE_STRING, one)],
            "ValueInfoProto": [("name", 1, F.TYPE_STRING, one)],
            "GraphProto": [("node", 1, "NodeProto", many), ("initializer", 5, "TensorProto", many),
                           ("output", 12, "ValueInfoProto", many)],
            "ModelProto": [("graph", 7, "GraphProto", one)],
        }
        for name, fields in schema.items():
            m = fd.message_type.add(name=name)
            for fname, number, kind, label in fields:
                f = m.field.add(name=fname, number=number, label=label)
                if isinstance(kind, str):
                    f.type, f.type_name = F.TYPE_MESSAGE, f".juesuan_onnx.{kind}"
                else:
                    f.type = kind
        pool = descriptor_pool.DescriptorPool()
        pool.Add(fd)
        _model_class = message_factory.GetMessageClass(pool.FindMessageTypeByName("juesuan_onnx.ModelProto"))
    return _model_class


def tensor_array(t) -> np.ndarray:
    """A TensorProto's values (float32 or int64) as an array of its shape."""
    dtype = {_FLOAT: np.float32, _INT64: np.int64}.get(t.data_type)
    if dtype is None:
        raise ValueError(f"tensor {t.name!r}: data type {t.data_type} not read by this rewrite")
    if t.raw_data:
        a = np.frombuffer(t.raw_data, dtype=dtype)
    else:
        a = np.array(t.float_data if t.data_type == _FLOAT else t.int64_data, dtype=dtype)
    return a.reshape(tuple(t.dims))


def _set_tensor(t, a: np.ndarray) -> None:
    a = np.ascontiguousarray(a, np.float32)
    t.data_type = _FLOAT
    del t.dims[:], t.float_data[:]
    t.dims.extend(a.shape)
    t.raw_data = a.tobytes()


class _Graph:
    """A model's nodes with their constants (Constant nodes' values) and who reads each tensor."""

    def __init__(self, model):
        self.model, self.graph = model, model.graph
        self.nodes = list(self.graph.node)
        self.values = {n.output[0]: tensor_array(a.t) for n in self.nodes if n.op_type == "Constant"
                       for a in n.attribute if a.name == "value" and a.t.data_type == _FLOAT}  # the weights
        self.changed: dict[str, np.ndarray] = {}  # constant name -> new value
        self.dropped: set[int] = set()
        self.outputs = {o.name for o in self.graph.output}
        self.readers: dict[str, list] = {}
        self.index()

    def index(self) -> None:
        self.readers.clear()
        for n in self.nodes:
            if id(n) not in self.dropped:
                for i in n.input:
                    self.readers.setdefault(i, []).append(n)

    def scalar(self, name: str) -> float | None:
        a = self.values.get(name)
        return float(a.ravel()[0]) if a is not None and a.size == 1 and a.dtype == np.float32 else None

    def sole_reader(self, name: str):
        r = self.readers.get(name, [])
        return r[0] if len(r) == 1 and name not in self.outputs else None

    def value(self, name: str) -> np.ndarray:
        return self.changed.get(name, self.values[name])

    def set_value(self, name: str, a: np.ndarray) -> None:
        self.changed[name] = np.asarray(a, np.float32)
        self.values[name] = self.changed[name]

    def set_input(self, node, k: int, a: np.ndarray) -> None:
        """Input `k` of `node` (a constant) set to `a`; a constant other nodes read too is left as it
        is, and the node given its own copy."""
        name = node.input[k]
        if len(self.readers.get(name, [])) > 1:
            name = f"{node.output[0]}.input{k}"
            node.input[k] = name
        self.set_value(name, a)

    def bias(self, conv) -> np.ndarray:
        if len(conv.input) > 2:
            return self.value(conv.input[2])
        return np.zeros(self.value(conv.input[1]).shape[0], np.float32)

    def set_bias(self, conv, b: np.ndarray) -> None:
        if len(conv.input) < 3:
            conv.input.append(conv.output[0] + ".folded_bias")
        self.set_input(conv, 2, b)

    def replace_input(self, old: str, new: str) -> None:
        for n in self.readers.get(old, []):
            for k, x in enumerate(n.input):
                if x == old:
                    n.input[k] = new

    def write(self) -> None:
        """The changed constants and the kept nodes back into the model; constants no node reads dropped."""
        kept = [n for n in self.nodes if id(n) not in self.dropped]
        have = {n.output[0] for n in kept if n.op_type == "Constant"}
        for n in kept:
            if n.op_type == "Constant" and n.output[0] in self.changed:
                _set_tensor(next(a for a in n.attribute if a.name == "value").t, self.changed[n.output[0]])
        fresh = []
        for name, a in self.changed.items():
            if name not in have:
                node = self.graph.node.add(op_type="Constant", output=[name], name=name)
                attr = node.attribute.add(name="value", type=4)  # AttributeProto.TENSOR
                attr.t.name = name
                _set_tensor(attr.t, a)
                fresh.append(node)
        read = {i for n in kept for i in n.input} | self.outputs
        kept = fresh + [n for n in kept if n.op_type != "Constant" or n.output[0] in read]
        copies = [type(n)() for n in kept]
        for c, n in zip(copies, kept):
            c.CopyFrom(n)
        del self.graph.node[:]
        self.graph.node.extend(copies)


def _other(node, name: str) -> str:
    return node.input[1] if node.input[0] == name else node.input[0]


def fold_conv_affine(g: _Graph) -> int:
    """Conv → Mul(scalar) → Add(scalar) folded into the convolution's weights and bias."""
    count = 0
    for conv in g.nodes:
        if conv.op_type != "Conv" or conv.input[1] not in g.values:
            continue
        mul = g.sole_reader(conv.output[0])
        if mul is None or mul.op_type != "Mul" or g.scalar(_other(mul, conv.output[0])) is None:
            continue
        add = g.sole_reader(mul.output[0])
        if add is None or add.op_type != "Add" or g.scalar(_other(add, mul.output[0])) is None:
            continue
        s, b = np.float32(g.scalar(_other(mul, conv.output[0]))), np.float32(g.scalar(_other(add, mul.output[0])))
        g.set_bias(conv, g.bias(conv) * s + b)
        g.set_input(conv, 1, g.value(conv.input[1]) * s)
        g.dropped |= {id(mul), id(add)}
        g.replace_input(add.output[0], conv.output[0])
        count += 1
    g.index()
    return count


def hard_swish(g: _Graph) -> int:
    """v · Clip(v + 3, 0, 6) / 6 rewritten as v · HardSigmoid(v) (alpha 1/6, beta 1/2)."""
    count = 0
    for add in g.nodes:
        if id(add) in g.dropped or add.op_type != "Add" or 3.0 not in (g.scalar(add.input[0]), g.scalar(add.input[1])):
            continue
        v = add.input[0] if g.scalar(add.input[1]) == 3.0 else add.input[1]
        clip = g.sole_reader(add.output[0])
        if clip is None or clip.op_type != "Clip" or len(clip.input) != 3 or (
                g.scalar(clip.input[1]), g.scalar(clip.input[2])) != (0.0, 6.0):
            continue
        mul = g.sole_reader(clip.output[0])
        if mul is None or mul.op_type != "Mul" or _other(mul, clip.output[0]) != v:
            continue
        div = g.sole_reader(mul.output[0])
        if div is None or div.op_type != "Div" or div.input[0] != mul.output[0] or g.scalar(div.input[1]) != 6.0:
            continue
        add.op_type = "HardSigmoid"
        del add.input[:]
        add.input.append(v)
        add.attribute.add(name="alpha", type=_ATTR_FLOAT, f=1 / 6)
        add.attribute.add(name="beta", type=_ATTR_FLOAT, f=0.5)
        del mul.input[:]
        mul.input.extend([v, add.output[0]])
        g.dropped |= {id(clip), id(div)}
        g.replace_input(div.output[0], mul.output[0])
        count += 1
    g.index()
    return count


def _scale_shift_chains(g: _Graph):
    """Each h → Mul(scalar s) → Add(scalar b) whose sum is read by nodes (not a graph output), as
    (mul, add, h, s, b, those readers); a node the caller drops meanwhile is skipped."""
    for mul in g.nodes:
        if id(mul) in g.dropped or mul.op_type != "Mul":
            continue
        h = next((x for x in mul.input if g.scalar(_other(mul, x)) is not None and x not in g.values), None)
        add = g.sole_reader(mul.output[0]) if h is not None else None
        if h is None or add is None or add.op_type != "Add" or g.scalar(_other(add, mul.output[0])) is None:
            continue
        convs = g.readers.get(add.output[0], [])
        if convs and add.output[0] not in g.outputs:
            yield (mul, add, h, np.float32(g.scalar(_other(mul, h))),
                   np.float32(g.scalar(_other(add, mul.output[0]))), convs)


def fold_into_pointwise(g: _Graph) -> int:
    """h → Mul(scalar s) → Add(scalar b) read only by 1×1 convolutions without padding: folded into
    them (W·s; bias + b·ΣW over each output's inputs), exactly."""
    count = 0
    for mul, add, h, s, b, convs in _scale_shift_chains(g):
        if not all(_pointwise(g, c, add.output[0]) for c in convs):
            continue
        for conv in convs:
            w = g.value(conv.input[1])
            g.set_bias(conv, g.bias(conv) + b * w.sum(axis=(1, 2, 3), dtype=np.float64).astype(np.float32))
            g.set_input(conv, 1, w * s)
            conv.input[0] = h
        g.dropped |= {id(mul), id(add)}
        count += 1
    g.index()
    return count


def fold_scale_into_conv(g: _Graph) -> int:
    """h → Mul(scalar s) → Add(scalar b) read only by convolutions (padded ones: fold_into_pointwise
    left them): rewritten h → Add(b / s) → Conv(W·s), exactly (a zero border stays zero when scaled)."""
    count = 0
    for mul, add, h, s, b, convs in _scale_shift_chains(g):
        if s == 0 or not all(
                c.op_type == "Conv" and c.input[0] == add.output[0] and c.input[1] in g.values for c in convs):
            continue
        for conv in convs:
            g.set_input(conv, 1, g.value(conv.input[1]) * s)
        shift = list(add.input).index(_other(add, mul.output[0]))
        g.set_input(add, shift, np.array(b / s, np.float32))
        add.input[1 - shift] = h
        g.dropped.add(id(mul))
        count += 1
    g.index()
    return count


def _pointwise(g: _Graph, conv, name: str) -> bool:
    if conv.op_type != "Conv" or conv.input[0] != name or conv.input[1] not in g.values or conv.input[1] == name:
        return False
    w = g.value(conv.input[1])
    pads = next((list(a.ints) for a in conv.attribute if a.name == "pads"), [])
    return w.ndim == 4 and w.shape[2:] == (1, 1) and not any(pads) and not _has_auto_pad(conv)


def _has_auto_pad(conv) -> bool:
    return any(a.name == "auto_pad" for a in conv.attribute)


def rewrite(data: bytes) -> tuple[bytes, dict[str, int]]:
    """The model `data` (ONNX bytes) rewritten, and how many of each pattern were rewritten."""
    model = model_class()()
    model.ParseFromString(data)
    if model.graph.initializer:
        raise ValueError("this rewrite reads weights from Constant nodes (paddle2onnx's export), not initializers")
    g = _Graph(model)
    counts = {"conv_affine": fold_conv_affine(g), "hard_swish": hard_swish(g), "pointwise_affine": fold_into_pointwise(g),
              "conv_scale": fold_scale_into_conv(g)}
    g.write()
    return model.SerializeToString(), counts


def rewritten(path: str | Path) -> bytes:
    """The model file at `path`, rewritten (extract.ocr loads it into onnxruntime from memory)."""
    return rewrite(Path(path).read_bytes())[0]
