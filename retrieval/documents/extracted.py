"""What a format reader gives back: the text per page, its table rows and the file's own metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True)
class Extracted:
    """A document's canonical text, page by page (one page for unpaged formats)."""

    pages: tuple[str, ...]
    format: str
    paged: bool = False
    rows: frozenset[str] = field(default_factory=frozenset)  # lines that are table rows
    title: str | None = None
    published: str | None = None
    url: str | None = None

    @property
    def text(self) -> str:
        """The canonical text: the pages in order, each on its own lines."""
        return "\n".join(self.pages)


def iso_date(raw: object) -> str | None:
    """A YYYY-MM-DD date from a metadata value ("D:20250304…", "2025-03-04T…", a datetime)."""
    if raw is None:
        return None
    match = _DATE.search(str(raw))
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def short(value: object, limit: int = 300) -> str | None:
    """A metadata string stripped and bounded, or None when it is empty."""
    text = " ".join(str(value or "").split())
    return text[:limit] or None
