"""Which files of a documents folder are documents: regular files under it, never links out."""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.documents.files import SUFFIXES
from retrieval.errors import DocumentError


@dataclass(frozen=True)
class Candidate:
    """A file to read: where to open it, and the relative path it is known by."""

    path: Path
    source: str


@dataclass
class Listing:
    """The documents of a folder, and the entries refused with the reason."""

    root: Path
    files: list[Candidate] = field(default_factory=list)
    refused: list[DocumentError] = field(default_factory=list)
    single: bool = False  # a single file was named, not a folder
    complete: bool = True  # every folder under it could be listed


def printable(name: str) -> str:
    """A name safe to print on one line: control characters and undecodable bytes escaped."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if unicodedata.category(c) != "Cc" else f"\\x{ord(c):02x}" for c in text)


def _name_problem(source: str) -> str | None:
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8; rename it"
    if any(unicodedata.category(c) == "Cc" for c in source):
        return "its name has control characters; rename it"
    return None


def inside(path: Path, root: Path) -> Path | None:
    """The real path of `path` when it resolves to somewhere under `root`, else None."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a broken link, or a loop of links
        return None
    return real if real == root or root in real.parents else None


def _check(path: Path, source: str, real_root: Path) -> Candidate | DocumentError:
    """A candidate for a regular file (or a link to one inside the folder), else the refusal."""
    problem = _name_problem(source)
    if problem:
        return DocumentError(printable(source), problem)
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            target = inside(path, real_root)
            if target is None:
                return DocumentError(source, "is a link to outside the documents folder (or to"
                                             " nothing); not followed")
            path, mode = target, target.stat().st_mode
    except OSError as exc:
        return DocumentError(source, f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(mode):
        return DocumentError(source, "is not a regular file (a pipe, device or socket)")
    return Candidate(path, source)


def _add(listing: Listing, found: Candidate | DocumentError) -> None:
    if isinstance(found, Candidate):
        listing.files.append(found)
    else:
        listing.refused.append(found)


def list_documents(target: Path) -> Listing:
    """The document files under a folder (or the one file named), in a stable order."""
    if not target.is_dir():
        listing = Listing(target.parent, single=True)
        _add(listing, _check(target, target.name, target.parent.resolve()))
        return listing
    listing = Listing(target)
    real_root = target.resolve()

    def unreadable(exc: OSError) -> None:
        listing.complete = False
        rel = Path(exc.filename).relative_to(target).as_posix() if exc.filename else "."
        listing.refused.append(DocumentError(printable(rel), f"folder cannot be read"
                                                             f" ({exc.strerror or exc})"))

    for folder, dirs, names in os.walk(target, onerror=unreadable, followlinks=False):
        here = Path(folder)
        # Hidden folders (.git, .trash) hold no documents; linked folders could loop or leave.
        linked = {d for d in dirs if (here / d).is_symlink()}
        for d in sorted(linked - {d for d in linked if d.startswith(".")}):
            rel = (here / d).relative_to(target).as_posix()
            listing.refused.append(DocumentError(
                printable(rel), "is a link to a folder; not followed (copy its files in instead)"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
        for name in sorted(names):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            path = here / name
            _add(listing, _check(path, path.relative_to(target).as_posix(), real_root))
    return listing
