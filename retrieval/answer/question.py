"""Normalise what a user typed into a question the core can search."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from retrieval.index import in_korean

MAX_QUESTION_CHARS = 500
"""Longer questions are cut to this many characters; the reply says so."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Question:
    """A cleaned question with what we learned while cleaning it."""

    text: str
    original_length: int
    truncated: bool
    lang: str

    @property
    def empty(self) -> bool:
        """True when nothing searchable is left."""
        return not has_words(self.text)


def detect_lang(text: str) -> str:
    """Return 'ko' when the text has Hangul outside brackets, 'en' when it has Latin script."""
    # An English question may give a Korean name in brackets ("TIPA (기정원)"): it is still
    # asked in English.
    if in_korean(text):
        return "ko"
    if _LATIN.search(text):
        return "en"
    return "ko"


def has_words(text: str) -> bool:
    """True when the text has a letter or digit in any script (emoji-only is not)."""
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


def clean_question(raw: str | None) -> Question:
    """Strip control characters, collapse whitespace and cut overlong questions."""
    raw = raw or ""
    # Terminal escape sequences ("\x1b[31m") are noise, not words.
    text = _CONTROL.sub(" ", _ANSI.sub(" ", unicodedata.normalize("NFC", raw)))
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUESTION_CHARS
    if truncated:
        text = text[:MAX_QUESTION_CHARS].rstrip()
    return Question(text=text, original_length=len(raw), truncated=truncated,
                    lang=detect_lang(text))
