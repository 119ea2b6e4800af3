"""Read one document file as text, the same way for ingest and for checking quotes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from retrieval.documents.clean import html_to_text, markdown_visible
from retrieval.documents.decode import UndecodableError, decode_text
from retrieval.errors import DocumentError

DEFAULT_MAX_BYTES = 50_000_000
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
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


def document_text(path: Path, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A document's text: decoded, control characters replaced, only what a reader is shown."""
    raw = read_bytes(path, source, max_bytes)
    try:
        text = decode_text(raw)
    except UndecodableError as exc:
        raise DocumentError(source, str(exc)) from exc
    suffix = Path(source).suffix.lower()  # the name the folder gives it, not a link's target
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    elif suffix in MARKDOWN_SUFFIXES:
        text = markdown_visible(text)
    return text
