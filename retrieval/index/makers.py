"""Well-known products and their makers, for questions naming a firm by what it makes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.index.bundled import table_rows
from retrieval.index.names import NAME_START, PARTICLE

MAKERS_FILE = "makers.tsv"


def written_as_word(name: str, text: str) -> bool:
    """True when the text writes the name as a word of its own, with or without a particle."""
    return bool(_as_word(name).search(text))


def holds_name(name: str, text: str) -> bool:
    """True when the text holds the name: one in Latin letters as a word of its own
    ("LG유플러스" is another firm than LG), any other as written."""
    return written_as_word(name, text) if name.isascii() and name.isalpha() else name in text


def _as_word(name: str) -> re.Pattern[str]:
    # "챗GPT가" names 챗GPT; "갤럭시아" is no 갤럭시, nor "메타버스" 메타.
    return re.compile(rf"{NAME_START}{re.escape(name)}(?={PARTICLE}(?![가-힣A-Za-z0-9]))", re.I)


@dataclass(frozen=True)
class Product:
    """A product as a question writes it, and the ways its maker is spelled."""

    written: str
    makers: tuple[str, ...]


class Makers:
    """Products → makers, read from a bundled table."""

    def __init__(self, entries: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        self.entries = entries
        # One pattern an entry, its longest spelling first: "챗GPT" before "GPT".
        self._patterns = [
            (re.compile("|".join(_as_word(n).pattern
                                 for n in sorted(names, key=len, reverse=True)), re.I), firms)
            for names, firms in entries]

    @classmethod
    def load(cls, text: str | None = None) -> Makers:
        """The bundled table, or `text` in the same form."""
        entries = [(names, firms) for names, firms in table_rows(MAKERS_FILE, text)
                   if names and firms]
        return cls(entries)

    def named(self, question: str) -> list[Product]:
        """The products the question names, as it writes them."""
        return [Product(m.group(), firms) for pattern, firms in self._patterns
                if (m := pattern.search(question))]
