"""What a follow-up question is read against: the last few exchanges of one conversation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_TURNS = 3
"""Exchanges a conversation remembers; older ones say little about the next question."""


@dataclass(frozen=True)
class Turn:
    """One exchange: the question as it was read (standalone) and the answer's documents."""

    question: str
    answer: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conversation:
    """The most recent exchanges, oldest first, at most MAX_TURNS of them."""

    turns: tuple[Turn, ...] = ()

    @classmethod
    def of(cls, turns: Iterable[Turn]) -> Conversation:
        """A conversation holding the last MAX_TURNS of `turns`."""
        return cls(tuple(turns)[-MAX_TURNS:])

    def then(self, turn: Turn) -> Conversation:
        """This conversation with one more exchange (the oldest dropped past MAX_TURNS)."""
        return Conversation.of([*self.turns, turn])

    def __bool__(self) -> bool:
        return bool(self.turns)


@dataclass(frozen=True)
class Reading:
    """How a follow-up was read: the standalone question searched and a short note for people."""

    question: str
    note: str
    sources: tuple[str, ...] = ()
    """The previous answer's documents, when the follow-up keeps its subject."""
