"""Well-known products and their makers, for questions naming a firm by what it makes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

MAKERS_FILE = "makers.tsv"
_PARTICLE = r"(?:이|가|은|는|을|를|의|와|과|도|로|으로|에|에서|처럼|만|랑|이랑)?(?![가-힣a-z0-9])"


@dataclass(frozen=True)
class Product:
    """A product as a question writes it, and the ways its maker is spelled."""

    written: str
    makers: tuple[str, ...]


class Makers:
    """Products → makers, read from a bundled table."""

    def __init__(self, entries: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> None:
        self.entries = entries

    @classmethod
    def load(cls, text: str | None = None) -> Makers:
        """The bundled table, or `text` in the same form."""
        if text is None:
            text = resources.files("retrieval.index").joinpath(MAKERS_FILE).read_text("utf-8")
        entries = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            products, _, makers = line.partition("\t")
            names = tuple(p.strip() for p in products.split(",") if p.strip())
            firms = tuple(m.strip() for m in makers.split(",") if m.strip())
            if names and firms:
                entries.append((names, firms))
        return cls(entries)

    def named(self, question: str) -> list[Product]:
        """The products the question names, longest spelling first where they overlap."""
        lower = question.lower()
        found: list[Product] = []
        for names, firms in self.entries:
            for name in sorted(names, key=len, reverse=True):
                # A word of its own, or with a particle: "챗GPT가", not "갤럭시아".
                m = re.search(rf"(?<![가-힣a-z0-9]){re.escape(name)}(?={_PARTICLE})", lower)
                if m:
                    found.append(Product(question[m.start():m.end()], firms))
                    break
        return found
