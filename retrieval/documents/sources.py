"""The original document files, read back to verify quotes against them."""

from __future__ import annotations

from pathlib import Path

from retrieval.documents.files import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, document_text
from retrieval.documents.folder import inside
from retrieval.errors import DocumentError


class SourceTexts:
    """Reads source files by their relative path as ingest did, caching on modification time."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root if root.is_dir() else root.parent
        self.max_bytes = max_bytes
        self._cache: dict[str, tuple[tuple[float, int], str]] = {}

    def get(self, source: str) -> str | None:
        """The file's text, or None when it is gone, unreadable, outside the folder or not text."""
        # A PDF's or DOCX's text is the one kept at ingest; it is never read again per answer.
        if not source.lower().endswith(TEXT_SUFFIXES):
            return None
        # A source outside the documents folder (a link out, "../x") is never trusted.
        path = inside(self.root / source, self.root.resolve())
        if path is None:
            return None
        try:
            info = path.stat()
            stamp = (info.st_mtime, info.st_size)
            cached = self._cache.get(source)
            if cached and cached[0] == stamp:
                return cached[1]
            text = document_text(path, source, self.max_bytes)
        except (OSError, DocumentError):
            return None
        self._cache[source] = (stamp, text)
        return text
