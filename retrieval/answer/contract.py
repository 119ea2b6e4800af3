"""The one contract every surface shows: an `Answer` with its verified `Quote`s."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["extractive", "llm", "llm-fallback"]


@dataclass(frozen=True)
class Quote:
    """A verbatim passage from one source document."""

    text: str
    source: str
    title: str
    published: str | None = None
    url: str | None = None
    page: int | None = None  # 1-based, for paged formats (PDF)
    score: float = 0.0


@dataclass
class Answer:
    """A short answer with the quotes that back it."""

    question: str
    answer: str
    abstained: bool
    mode: Mode = "extractive"
    quotes: list[Quote] = field(default_factory=list)
    latency_ms: float = 0.0
    lang: str = "ko"
    notice: str | None = None
    reading: str | None = None
    """How a follow-up was read ("SK → 카카오: 울산 투자"); None for a question read as asked."""
    read_as: str | None = None
    """The standalone question searched for a follow-up; None when it was the question itself."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract as a plain dict."""
        data = asdict(self)
        data["latency_ms"] = round(self.latency_ms, 1)
        for quote in data["quotes"]:
            quote["score"] = round(quote["score"], 4)
        return data

    def to_json(self) -> str:
        """Return the JSON contract as one line."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class AskContext:
    """Who asked and where, for logs and rate limits."""

    user: str | None = None
    channel: str | None = None
    platform: str = "cli"
