"""Candidate sentences for the answer-order tests, scored by hand."""

from __future__ import annotations

from retrieval.answer import ScoredSentence
from retrieval.index import StoredSentence


def candidate(text: str, score: float, context: str = "", kind: str = "text",
              source: str = "a.txt") -> ScoredSentence:
    """A sentence of one chunk and document, with the score given (its id is its start)."""
    sent = StoredSentence(text[:8], text, context, kind, source)
    return ScoredSentence(sent, "c", 0, 0, 0.8, 0.0, score)
