"""Vectors of a fixed list of texts, embedded once per model and kept under the data folder."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import numpy as np

from retrieval.index.embeddings import Embedder
from retrieval.index.kept import write_whole

log = logging.getLogger(__name__)


def fixed_vectors(embedder: Embedder, texts: list[str], folder: Path | None) -> np.ndarray:
    """The texts' passage vectors, from `folder` when this model embedded them before.

    Embedding the same reference texts at every start costs a cold `ask` more than half a
    second; the file is keyed by the model and the texts, so another model never reads it.
    """
    if folder is None:
        return embedder.embed_passages(texts)
    key = json.dumps([embedder.name, embedder.dim, getattr(embedder, "version", ""), texts])
    path = folder / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npy"
    try:
        kept = np.load(path, allow_pickle=False)
        if kept.shape == (len(texts), embedder.dim) and np.isfinite(kept).all():
            return kept.astype(np.float32, copy=False)
        log.warning("%s holds vectors of the wrong shape; embedding again", path)
    except (FileNotFoundError, NotADirectoryError):
        pass  # not embedded yet (or no data folder): nothing to warn about
    except (OSError, ValueError) as exc:  # damaged or unreadable: embedding again is cheap
        log.warning("cannot read %s (%s); embedding again", path, exc)
    vectors = embedder.embed_passages(texts)
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    try:
        write_whole(path, buffer.getvalue())
    except OSError as exc:
        # A read-only data folder still answers; it embeds the texts at each start.
        log.info("not keeping the reference vectors in %s: %s", folder, exc)
    return vectors
