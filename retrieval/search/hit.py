"""A `Hit`: a chunk ranked for one query, with the scores that placed it."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.index import Chunk


@dataclass(frozen=True)
class Hit:
    """A chunk ranked for one query, with the scores that placed it."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0

    def to_dict(self) -> dict[str, object]:
        """Return the search result shape printed by `policybot search --json`."""
        c = self.chunk
        return {
            "text": c.text,
            "source": c.source,
            "title": c.title,
            "published": c.published,
            "url": c.url,
            "score": round(self.score, 4),
            "dense": round(self.dense, 4),
            "lexical": round(self.lexical, 4),
        }
