"""Read a folder of documents with their metadata (title, publisher, date, URL)."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from retrieval.documents.clean import clean_lines, html_to_text
from retrieval.errors import DocumentError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
METADATA_FILE = "metadata.json"


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


def _metadata(folder: Path) -> dict[str, dict[str, str | None]]:
    """Read the folder's metadata file, if it has one."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", path.name, exc)
        return {}
    return data if isinstance(data, dict) else {}


def read_document(path: Path, source: str, meta: dict[str, str | None] | None = None) -> Document:
    """Read and clean one file; raise DocumentError when it can't be read or decoded."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, f"cannot read ({exc.strerror or exc})") from exc
    if b"\x00" in raw[:4096]:
        raise DocumentError(source, "looks like a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(source, f"not valid UTF-8 (byte {exc.start})") from exc
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    lines = clean_lines(text)
    if not lines:
        raise DocumentError(source, "no text left after cleaning")
    meta = meta or {}
    title = meta.get("title") or _guess_title(lines, path)
    return Document(
        source=source,
        text=text,
        lines=tuple(lines),
        title=title,
        published=meta.get("published"),
        url=meta.get("url"),
        publisher=meta.get("publisher"),
    )


def _guess_title(lines: list[str], path: Path) -> str:
    """First short line of the document, else its file name."""
    for line in lines[:5]:
        if 4 <= len(line) <= 80:
            return line.strip("#*■ ").strip()
    return path.stem


def discover(folder: Path) -> list[Path]:
    """List the document files under a folder, sorted."""
    if folder.is_file():
        return [folder]
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )


def load_documents(folder: Path) -> tuple[list[Document], list[DocumentError]]:
    """Read every document under `folder`; unreadable ones come back as errors."""
    root = folder if folder.is_dir() else folder.parent
    meta = _metadata(root)
    docs: list[Document] = []
    errors: list[DocumentError] = []
    for path in discover(folder):
        source = path.relative_to(root).as_posix()
        try:
            docs.append(read_document(path, source, meta.get(source)))
        except DocumentError as exc:
            log.warning("skipped %s", exc)
            errors.append(exc)
    return docs, errors
