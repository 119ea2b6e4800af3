"""Read a folder of documents with their metadata (title, publisher, date, URL)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from retrieval.documents.clean import clean_lines
from retrieval.documents.files import DEFAULT_MAX_BYTES, document_text
from retrieval.documents.folder import list_documents
from retrieval.documents.metadata import DocumentMeta, read_metadata
from retrieval.errors import DocumentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Document:
    """One source document: its raw text, cleaned lines and metadata."""

    source: str
    text: str
    lines: tuple[str, ...]
    title: str
    published: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def digest(self) -> str:
        """Content hash of the raw text and metadata."""
        meta = f"{self.title}|{self.published}|{self.url}"
        return hashlib.sha256((meta + "\n" + self.text).encode()).hexdigest()[:16]


def read_document(path: Path, source: str, meta: DocumentMeta | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and clean one file; raise DocumentError when it can't be read or decoded."""
    text = document_text(path, source, max_bytes)
    lines = clean_lines(text)
    if not lines:
        raise DocumentError(source, "has no text (empty, or only page furniture)")
    meta = meta or DocumentMeta()
    return Document(
        source=source,
        text=text,
        lines=tuple(lines),
        title=meta.title or _guess_title(lines, Path(source)),
        published=meta.published,
        url=meta.url,
        publisher=meta.publisher,
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
