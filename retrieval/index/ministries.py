"""Korean ministries by every name news gives them, for questions that name one otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.index.bundled import table_rows

MINISTRIES_FILE = "ministries.tsv"

# "과학기술 담당 장관", "중소기업 주무 부처": a field, then whose post. A bare 부 only after
# a word of charge: "행정부의" is a branch of government, "미국 에너지부" another country's.
_IN_CHARGE = r"\s*(?:분야\s*)?(?:을\s*|를\s*)?"
_CHARGE = r"(?:담당|주무|소관|관할|맡은|맡는)\s*(?:하는\s*)?"
_POST = rf"(?:{_CHARGE})?(?:장관|차관|부처)|{_CHARGE}부(?![가-힣])|{_CHARGE}부(?=[은는이가의를을와과도])"


@dataclass(frozen=True)
class Ministry:
    """A ministry's full name, the names it is clipped to, and the fields it is in charge of."""

    full: str
    short: tuple[str, ...]
    fields: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by, the full one first."""
        return (self.full, *(s for s in self.short if s != self.full))


class Ministries:
    """The bundled table of ministries, and which of them a question names."""

    def __init__(self, entries: list[Ministry]) -> None:
        self.entries = entries
        # A name as written, longest first ("과기정통부" before "과기부"); a field only
        # before a post, as "과학기술 분야" alone names no ministry.
        self._patterns = [
            re.compile("|".join([*(rf"{re.escape(n)}(?!서)"  # "환경부서" is a department
                                   for n in sorted(m.names, key=len, reverse=True)),
                                 *(rf"(?<![가-힣]){re.escape(f)}{_IN_CHARGE}(?:{_POST})"
                                   for f in m.fields)]), re.I)
            for m in entries]

    @classmethod
    def load(cls, text: str | None = None) -> Ministries:
        """The bundled table, or `text` in the same form."""
        entries = [Ministry(full[0], short, fields)
                   for full, short, fields in table_rows(MINISTRIES_FILE, text, columns=3) if full]
        return cls(entries)

    def named(self, question: str) -> list[Ministry]:
        """The ministries a Korean question names: by any name, or by its field and a post."""
        return [m for m, pattern in zip(self.entries, self._patterns, strict=True)
                if pattern.search(question)]
