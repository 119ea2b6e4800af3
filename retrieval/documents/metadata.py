"""The folder's metadata.json: title, publisher, date and URL per document, checked field by field."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from retrieval.documents.decode import UndecodableError, decode_text, replace_controls
from retrieval.documents.files import read_bytes
from retrieval.documents.folder import inside
from retrieval.errors import DocumentError

METADATA_FILE = "metadata.json"
_MAX_BYTES = 20_000_000
_PROBLEMS = {"string_type": "is not text", "string_too_long": "is too long",
             "string_too_short": "is empty", "string_pattern_mismatch": "is not an http(s) URL"}


class DocumentMeta(BaseModel):
    """What metadata.json may say about one document; anything else in an entry is ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, coerce_numbers_to_str=True,
                              str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1, max_length=300)
    publisher: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40)
    # Shown as a link in Slack and Discord: only web addresses, never javascript: or file:.
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://[^\s]+$")


@dataclass
class FolderMetadata:
    """Metadata per document (looked up by NFC-normalised name) and notes on what was ignored."""

    entries: dict[str, DocumentMeta] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def get(self, source: str) -> DocumentMeta | None:
        """The entry for a document, whichever Unicode form its name is written in."""
        return self.entries.get(unicodedata.normalize("NFC", source))


def _entry(key: str, value: object, notes: list[str]) -> DocumentMeta | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        notes.append(f"{METADATA_FILE}: entry {key!r} is not an object; ignored")
        return None
    fields = {k: replace_controls(v) if isinstance(v, str) else v
              for k, v in value.items() if k in DocumentMeta.model_fields}
    try:
        return DocumentMeta.model_validate(fields)
    except ValidationError as exc:
        bad = {str(e["loc"][0]): _PROBLEMS.get(e["type"], e["msg"]) for e in exc.errors()}
        said = ", ".join(f"{name} {problem}" for name, problem in sorted(bad.items()))
        notes.append(f"{METADATA_FILE}: entry {key!r}: {said}; ignored")
        return DocumentMeta.model_validate({k: v for k, v in fields.items() if k not in bad})


def read_metadata(root: Path) -> FolderMetadata:
    """Read `root/metadata.json`; a file that is not a JSON object stops with a DocumentError."""
    path = root / METADATA_FILE
    if not path.exists() and not path.is_symlink():
        return FolderMetadata()
    where = str(path)
    real = inside(path, root.resolve())
    if real is None:
        raise DocumentError(where, "is a link to outside the documents folder; copy it in")
    try:
        data = json.loads(decode_text(read_bytes(real, where, _MAX_BYTES)))
    except UndecodableError as exc:
        raise DocumentError(where, f"{exc}; fix it or remove it") from exc
    except json.JSONDecodeError as exc:
        raise DocumentError(where, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column"
                                   f" {exc.colno}); fix it or remove it") from exc
    except (ValueError, RecursionError) as exc:  # a number too long, or nesting too deep
        raise DocumentError(where, f"is not valid JSON ({exc}); fix it or remove it") from exc
    if not isinstance(data, dict):
        raise DocumentError(where, 'must be a JSON object like {"report.md": {"title": …}};'
                                   " fix it or remove it")
    meta = FolderMetadata()
    for key, value in data.items():
        entry = _entry(key, value, meta.notes)
        if entry is not None:
            meta.entries[unicodedata.normalize("NFC", key)] = entry
    return meta
