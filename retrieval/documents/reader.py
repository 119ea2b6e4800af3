"""Read a folder of documents with their metadata (title, publisher, date, URL)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from retrieval.documents.clean import clean_lines
from retrieval.documents.files import DEFAULT_MAX_BYTES, extract_document
from retrieval.documents.folder import list_documents
from retrieval.documents.metadata import DocumentMeta, read_metadata
from retrieval.errors import DocumentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """One source document: its canonical text, cleaned lines (with their pages) and metadata."""

    source: str
    text: str
    lines: tuple[str, ...]
    title: str
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    format: str = "text"
    pages: tuple[int | None, ...] = ()  # the 1-based page of each line, for paged formats
    page_count: int | None = None
    rows: frozenset[str] = frozenset()  # lines that are table rows

    def page_of(self, line: int) -> int | None:
        """The page a line is on, or None for an unpaged document."""
        return self.pages[line] if line < len(self.pages) else None

    @property
    def digest(self) -> str:
        """Content hash of the raw text and metadata."""
        meta = f"{self.title}|{self.published}|{self.url}"
        return hashlib.sha256((meta + "\n" + self.text).encode()).hexdigest()[:16]


def read_document(path: Path, source: str, meta: DocumentMeta | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and clean one file; raise DocumentError when it can't be read or decoded.

    Title, date and URL come from metadata.json first, then from the file's own metadata.
    """
    found = extract_document(path, source, max_bytes)
    lines: list[str] = []
    pages: list[int | None] = []
    for number, page in enumerate(found.pages, 1):
        # Cleaned page by page, so each line keeps its page and a page's footer ends only it.
        kept = clean_lines(page)
        lines.extend(kept)
        pages.extend([number if found.paged else None] * len(kept))
    if not lines:
        raise DocumentError(source, "has no text (empty, or only page furniture)")
    meta = meta or DocumentMeta()
    return Document(
        source=source,
        text=found.text,
        lines=tuple(lines),
        title=meta.title or found.title or _guess_title(lines, Path(source)),
        published=meta.published or found.published,
        url=meta.url or found.url,
        publisher=meta.publisher,
        format=found.format,
        pages=tuple(pages) if found.paged else (),
        page_count=len(found.pages) if found.paged else None,
        rows=found.rows,
    )


def _guess_title(lines: list[str], path: Path) -> str:
    """First short line of the document, else its file name."""
    for line in lines[:5]:
        if 4 <= len(line) <= 80:
            return line.strip("#*■ ").strip()
    return path.stem


def load_documents(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                   ) -> tuple[list[Document], list[DocumentError]]:
    """Read every document under `folder`; refused and unreadable ones come back as errors."""
    listing = list_documents(folder)
    meta = read_metadata(listing.root)
    for note in meta.notes:
        log.warning("%s", note)
    docs: list[Document] = []
    errors: list[DocumentError] = list(listing.refused)
    for found in listing.files:
        try:
            docs.append(read_document(found.path, found.source, meta.get(found.source), max_bytes))
        except DocumentError as exc:
            log.info("skipped %s", exc)
            errors.append(exc)
    return docs, errors
