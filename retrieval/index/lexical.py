"""BM25 over Kiwi morphemes, built from the chunks stored in Chroma."""

from __future__ import annotations

import math
from collections.abc import Container

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
