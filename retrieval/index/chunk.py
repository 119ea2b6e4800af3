"""The unit search works on: a `Chunk`, a few neighbouring sentences of one document."""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING_JOIN = " / "
"""What joins a sentence's headings and enclosing items in its context, outermost first."""


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

    @property
    def titled(self) -> str:
        """The chunk's text under its document's title, which often names what it is about."""
        return f"{self.title}\n{self.text}"
