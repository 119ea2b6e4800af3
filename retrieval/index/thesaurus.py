"""Everyday Korean words with the formal ones news and press releases write for them."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from typing import Protocol

THESAURUS_FILE = "thesaurus.tsv"

Words = tuple[str, ...]
"""A word or phrase as its morphemes, as Kiwi cuts it ("기업가치" is 기업 + 가치)."""

# Particles, endings and punctuation say nothing of the meaning; every other morpheme of a
# phrase must be there ("잘하는 사람" is not "사람"), and adverbs too ("잘").
_BARE = ("J", "E", "SF", "SP", "SS", "SE", "SO", "SW", "XSV", "XSA", "VCP")


class _Cuts(Protocol):
    def tokens(self, text: str) -> list[str]: ...
    def morphemes(self, text: str) -> Sequence[tuple[str, str, int, int]]: ...


class Thesaurus:
    """A chat user's word ("자료") and the formal ones news writes for it ("데이터"), a line each.

    A line's words are found in a question as consecutive morphemes. The everyday word is
    looked for in the documents as each formal one, and each formal one as it. Lines are read
    as questions need them, not all at start: Kiwi cuts a thousand phrases in a second or two.
    """

    def __init__(self, groups: Sequence[Sequence[str]], morph: _Cuts) -> None:
        self.groups = tuple(tuple(g) for g in groups)
        self._morph = morph
        self._lock = threading.Lock()
        self._stems: dict[str, Words] = {}
        self._tokens: dict[str, Words] = {}
        # By first syllable, so a question is matched against the few lines it could hold.
        self._starting: dict[str, list[tuple[int, str]]] = {}
        for i, group in enumerate(self.groups):
            for word in group:
                self._starting.setdefault(word[0], []).append((i, word))

    @classmethod
    def load(cls, morph: _Cuts, text: str | None = None) -> Thesaurus:
        """The bundled table, or `text` in its form: everyday<TAB>formal[,formal…] a line."""
        if text is None:
            text = resources.files("retrieval.index").joinpath(THESAURUS_FILE).read_text("utf-8")
        groups: list[list[str]] = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            everyday, _, formal = line.partition("\t")
            words = [w.strip() for w in [everyday, *formal.split(",")] if w.strip()]
            words = list(dict.fromkeys(words))
            if len(words) > 1:
                groups.append(words)
        return cls(groups, morph)

    def _stem(self, text: str) -> Words:
        return tuple(m[0] for m in self._morph.morphemes(text) if not m[1].startswith(_BARE))

    def _stem_of(self, word: str) -> Words:
        # Remembered for the table's words only: every question would grow it without end.
        found = self._stems.get(word)
        if found is None:
            found = self._stem(word)
            with self._lock:
                self._stems[word] = found
        return found

    def _cut(self, word: str) -> Words:
        found = self._tokens.get(word)
        if found is None:
            found = tuple(self._morph.tokens(word))
            with self._lock:
                self._tokens[word] = found
        return found

    def alternates(self, question: str) -> dict[str, tuple[Words, ...]]:
        """For each of the question's tokens inside a line's word, the line's other words."""
        stems = self._stem(question)
        tokens = set(self._morph.tokens(question))
        found: dict[str, dict[Words, None]] = {}
        for first in dict.fromkeys(c for c in question if not c.isspace()):
            for i, word in self._starting.get(first, ()):
                said = self._stem_of(word)
                n = len(said)
                if not n or not any(stems[j:j + n] == said for j in range(len(stems) - n + 1)):
                    continue
                # The everyday word stands for each formal one, and each for it; two formal
                # words of a line need not mean the same (D램, 낸드 for "메모리").
                group = self.groups[i]
                kin = group[1:] if word == group[0] else group[:1]
                others = [w for o in kin if (w := self._cut(o))]
                for t in self._cut(word):
                    if t in tokens:
                        found.setdefault(t, {}).update(
                            dict.fromkeys(w for w in others if t not in w))
        return {t: tuple(ws) for t, ws in found.items() if ws}


def with_alternates(tokens: tuple[str, ...], alternates: dict[str, tuple[Words, ...]]
                    ) -> tuple[str, ...]:
    """The tokens, plus each question word whose formal alternate they hold ("데이터" is "자료")."""
    held = set(tokens)
    return tokens + tuple(t for t, ways in alternates.items()
                          if t not in held and any(all(w in held for w in way) for way in ways))
