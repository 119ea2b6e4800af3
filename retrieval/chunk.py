"""The units search works on: a `Chunk` of a document and a ranked `Hit`."""

from __future__ import annotations

from dataclasses import dataclass, field


def with_context(context: str, text: str) -> str:
    """A sentence as it is embedded: its headings first, so list items keep their topic."""
    return f"{context} {text}".strip() if context else text


@dataclass(frozen=True)
class Chunk:
    """A few neighbouring sentences of one document, with its metadata."""

    id: str
    text: str
    source: str
    title: str
    published: str | None = None
    url: str | None = None
    position: int = 0
    sentences: tuple[str, ...] = field(default=(), compare=False)


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
