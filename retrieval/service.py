"""The one call every adapter makes: `ask(question) -> Answer`."""

from __future__ import annotations

from typing import Protocol

from retrieval.answer import Answer, AskContext


class Asker(Protocol):
    """Anything that turns a question into an `Answer`."""

    def ask(self, question: str, context: AskContext | None = None) -> Answer:
        """Answer one question."""
        ...
