"""Checks on what a model wrote: prompt leaks, obeyed injections, the wrong language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.answer import reads_as_instruction
from retrieval.documents import normalize
from retrieval.index import HANGUL

SHINGLE_WORDS = 6
"""A run of this many words copied from our prompts counts as a leak."""

_WORD = re.compile(r"[\w']+")
_LATIN = re.compile(r"[A-Za-z]")

def looks_like_injection(text: str) -> bool:
    """True when the text addresses an assistant's instructions or prompt, or tells it what
    to answer (the same test that keeps such document sentences out of extractive answers)."""
    return reads_as_instruction(text)


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text).lower())


class LeakGuard:
    """Spots a reply that echoes our own prompts back to the user."""

    def __init__(self, prompt_parts: Iterable[str], size: int = SHINGLE_WORDS) -> None:
        self.size = size
        self._shingles: set[tuple[str, ...]] = set()
        self._lines: list[str] = []
        for part in prompt_parts:
            words = _words(part)
            self._shingles.update(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
            # Whole distinctive lines catch echoes too short for a shingle, e.g. in Korean.
            self._lines.extend(
                line
                for line in (normalize(raw).lower() for raw in part.splitlines())
                if len(line) >= 24
            )

    def leaks(self, text: str) -> bool:
        """True when the text repeats a distinctive line or a run of words from the prompts."""
        flat = normalize(text).lower()
        if any(line in flat for line in self._lines):
            return True
        words = _words(text)
        return any(
            tuple(words[i : i + self.size]) in self._shingles
            for i in range(len(words) - self.size + 1)
        )


def in_language(text: str, lang: str) -> bool:
    """True when the text is written in the question's language ('ko' or 'en')."""
    hangul = len(HANGUL.findall(text))
    if lang == "ko":
        return hangul > 0
    if lang == "en":
        # Korean names may stay in Hangul inside an English answer, but not most of it.
        return len(_LATIN.findall(text)) > hangul
    return True
