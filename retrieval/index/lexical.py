"""BM25 over Kiwi morphemes, built from the chunks stored in Chroma."""

from __future__ import annotations

import json
import math
from collections.abc import Container
from pathlib import Path

import bm25s
import numpy as np

from retrieval.index.korean import Morphology


class LexicalIndex:
    """A bm25s index over morpheme tokens, with the vocabulary's IDF for query weighting."""

    def __init__(self, texts: list[str], morph: Morphology,
                 tokens: list[list[str] | None] | None = None) -> None:
        """Index the texts, taking each one's morphemes from `tokens` where given."""
        self.morph = morph
        known = tokens or [None] * len(texts)
        corpus = [t if t is not None else morph.tokens(text)
                  for text, t in zip(texts, known, strict=True)]
        self.size = len(texts)
        self._tokens = corpus  # each text's morphemes, so answers never re-read a chunk
        self._bm25 = bm25s.BM25()
        # bm25s rejects an empty corpus; keep a harmless placeholder document instead.
        self._bm25.index(corpus if any(corpus) else [["\u0000"]], show_progress=False)
        df: dict[str, int] = {}
        for toks in corpus:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        self.df = df

    def save(self, folder: Path) -> None:
        """Write the BM25 arrays (bm25s's own format, no pickle) and the vocabulary's DF."""
        self._bm25.save(str(folder), show_progress=False)
        (folder / "df.json").write_text(json.dumps(self.df, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, morph: Morphology, tokens: list[list[str]]) -> LexicalIndex:
        """An index written by `save` over these morphemes, its arrays memory-mapped."""
        index = cls.__new__(cls)  # skips building: every part comes from `folder`
        index.morph = morph
        index.size = len(tokens)
        index._tokens = tokens
        index._bm25 = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        index.df = json.loads((folder / "df.json").read_text(encoding="utf-8"))
        # A saved index of another corpus would score the wrong rows: refuse it outright.
        if int(index._bm25.scores["num_docs"]) != max(index.size, 1) or not isinstance(
                index.df, dict):
            raise ValueError(f"the BM25 index in {folder} does not match its {index.size} texts")
        return index

    def tokens_of(self, row: int) -> list[str]:
        """The morphemes the text at `row` was indexed under."""
        return self._tokens[row]

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; unseen tokens get the largest value."""
        n = max(self.size, 1)
        return math.log(1 + (n + 1) / (self.df.get(token, 0) + 0.5))

    def share(self, tokens: list[str], present: Container[str]) -> float:
        """IDF-weighted share of `tokens` found in `present` (0 for no tokens)."""
        total = sum(self.idf(t) for t in tokens)
        return sum(self.idf(t) for t in tokens if t in present) / total if total else 0.0

    def coverage(self, tokens: list[str]) -> float:
        """IDF-weighted share of the query's tokens that occur anywhere in the corpus."""
        return self.share(tokens, self.df)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the query tokens."""
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)[: self.size]
