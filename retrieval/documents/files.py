"""Read one document file, in whichever format it is, into its canonical text."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import replace
from importlib import import_module
from pathlib import Path

from retrieval.documents.clean import markdown_visible
from retrieval.documents.decode import UndecodableError, decode_text, replace_controls
from retrieval.documents.extracted import Extracted
from retrieval.documents.tables import tab_separated
from retrieval.errors import DocumentError

DEFAULT_MAX_BYTES = 50_000_000
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
# Suffix → the module and function that read it. Imported on first use: pdfplumber,
# python-docx and trafilatura cost a process that only answers a fifth of a second to load.
BINARY_READERS = {".pdf": ("pdf", "read_pdf"), ".docx": ("word", "read_docx"),
                  ".hwpx": ("hangul", "read_hwpx")}
SUFFIXES = (*TEXT_SUFFIXES, *BINARY_READERS, ".hwp")
# Never follow a link at the last step, never block on a FIFO that slipped in after listing.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


def _too_big(source: str, size: int, max_bytes: int) -> DocumentError:
    return DocumentError(source, f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit;"
                                 " split it, or raise POLICYBOT_MAX_FILE_MB")


def read_bytes(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file no larger than `max_bytes`, or a DocumentError saying why not."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        raise DocumentError(source, "disappeared before it could be read") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DocumentError(source, "is a link; not followed") from exc
        raise DocumentError(source, f"cannot be read ({exc.strerror or exc});"
                                    " check its permissions") from exc
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(source, "is not a regular file (a pipe, device or socket)")
        if info.st_size > max_bytes:
            raise _too_big(source, info.st_size, max_bytes)
        try:
            data = f.read(max_bytes + 1)  # bounded even if the file grows while it is read
        except OSError as exc:
            raise DocumentError(source, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise _too_big(source, len(data), max_bytes)
    return data


def _decoded(raw: bytes, source: str) -> str:
    try:
        return decode_text(raw)
    except UndecodableError as exc:
        raise DocumentError(source, str(exc)) from exc


def extract_document(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Extracted:
    """A document's canonical text by its format, tables as rows; a DocumentError says why not."""
    suffix = Path(source).suffix.lower()  # the name the folder gives it, not a link's target
    if suffix == ".hwp":
        from retrieval.documents.hangul import refuse_hwp

        raise refuse_hwp(source)
    raw = read_bytes(path, source, max_bytes)
    if suffix in BINARY_READERS:
        module, name = BINARY_READERS[suffix]
        reader: Callable[[bytes, str], Extracted] = getattr(
            import_module(f"retrieval.documents.{module}"), name)
        found = reader(raw, source)
        # Control characters a PDF or XML text carries are made spaces, as in a text file.
        return replace(found, pages=tuple(replace_controls(p) for p in found.pages),
                       rows=frozenset(replace_controls(r) for r in found.rows))
    text = _decoded(raw, source)
    if suffix in HTML_SUFFIXES:
        from retrieval.documents.web import read_html

        return read_html(text)
    if suffix in MARKDOWN_SUFFIXES:
        text = markdown_visible(text)
    text, rows = tab_separated(text)
    return Extracted((text,), "markdown" if suffix in MARKDOWN_SUFFIXES else "text",
                     rows=frozenset(rows))


def document_text(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A document's canonical text: decoded, control characters replaced, tables as rows."""
    return extract_document(path, source, max_bytes).text
