"""Hybrid search: dense mE5 vectors from Chroma fused with Kiwi BM25, weighted per query."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from retrieval.index import (
    AliasTable,
    ChromaStore,
    Chunk,
    LexicalIndex,
    Morphology,
    StoredSentence,
)
from retrieval.search.hit import Hit

CANDIDATES = 30


@dataclass
class SearchResult:
    """Ranked hits plus what the answer step needs to reuse."""

    query: str
    hits: list[Hit]
    vector: np.ndarray
    tokens: list[str]
    lexical_weight: float
    extra: dict[str, float] = field(default_factory=dict)


class Searcher:
    """Searches the chunks in a store; reload() after an ingest."""

    def __init__(self, store: ChromaStore, morph: Morphology) -> None:
        self.store = store
        self.morph = morph
        self.reload()

    def reload(self) -> None:
        """Rebuild the in-memory lexical index and sentence matrix from the store."""
        rows = self.store.load_chunks()
        self.chunks: list[Chunk] = [r[0] for r in rows]
        self.index_texts = [r[1] for r in rows]
        self.sentence_ids: dict[str, list[str]] = {r[0].id: r[2] for r in rows}
        self._pos = {c.id: i for i, c in enumerate(self.chunks)}
        self.lexical = LexicalIndex(self.index_texts, self.morph)
        self.corpus_text = "\n".join(self.index_texts).lower()
        self.aliases = AliasTable(self.index_texts, self.lexical.df, self.morph)
        records, vectors = self.store.load_sentences()
        self.sentences: dict[str, StoredSentence] = {s.id: s for s in records}
        self._sent_row = {s.id: i for i, s in enumerate(records)}
        self.sentence_vectors = vectors

    @property
    def empty(self) -> bool:
        """True when nothing has been ingested."""
        return not self.chunks

    def lexical_weight(self, tokens: list[str]) -> float:
        """How far to trust BM25 for this query: the share of its tokens the corpus knows.

        An English question about Korean documents matches few morphemes, and the few it
        matches ('ai') are noise, so its lexical side fades out instead of outvoting dense.
        """
        return self.lexical.coverage(tokens) ** 2

    def search(self, query: str, k: int = 5) -> SearchResult:
        """Rank chunks for a query."""
        # English names of Korean people, firms and places are searched in their Korean spelling too.
        names = self.aliases.korean_names(query) if not self.empty else []
        searched = f"{query} ({' '.join(names)})" if names else query
        vector = self.store.embedder.embed_query(searched)
        tokens = self.morph.expand(self.morph.tokens(searched))
        if self.empty:
            return SearchResult(query, [], vector, tokens, 0.0)
        dense = dict(self.store.dense(vector, CANDIDATES))
        lex = self.lexical.scores(tokens)
        weight = self.lexical_weight(tokens)

        rows = {self._pos[c] for c in dense if c in self._pos}  # ids another ingest added: skip
        rows.update(int(i) for i in np.argsort(-lex)[:CANDIDATES] if lex[i] > 0)
        # Document order, and a stable sort below, so equal scores rank the same every run.
        ids = [self.chunks[r].id for r in sorted(rows)]
        if not ids:
            return SearchResult(query, [], vector, tokens, weight)
        floor = min(dense.values()) if dense else 0.0
        d_vals = np.array([dense.get(c, floor) for c in ids], dtype=np.float32)
        l_vals = np.array([lex[self._pos[c]] for c in ids], dtype=np.float32)
        d_span = float(d_vals.max() - d_vals.min()) or 1.0
        d_norm = (d_vals - d_vals.min()) / d_span
        l_norm = l_vals / (float(l_vals.max()) or 1.0)
        fused = d_norm + weight * l_norm

        order = np.argsort(-fused, kind="stable")[:k]
        hits = [
            Hit(chunk=self.chunks[self._pos[ids[i]]], score=float(fused[i]),
                dense=float(d_vals[i]), lexical=float(l_vals[i]))
            for i in order
        ]
        return SearchResult(query, hits, vector, tokens, weight)

    def index_text(self, chunk_id: str) -> str:
        """The text a chunk was indexed under (title, headings, body)."""
        return self.index_texts[self._pos[chunk_id]]

    def sentence_vector(self, sentence_id: str) -> np.ndarray | None:
        """The stored vector of a sentence, if any."""
        row = self._sent_row.get(sentence_id)
        return None if row is None else self.sentence_vectors[row]
