"""The store's list of documents: per document its canonical text and what `sources` shows.

Quotes are verified against the canonical text kept here, the text extracted at ingest, so
an answer never re-reads a PDF, and a file changed on disk since does not change what the
stored passages are checked against.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import numpy as np
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError

from retrieval.index.store import ChromaStore

_BATCH = 256


@dataclass(frozen=True)
class DocumentRecord:
    """One stored document as `policybot sources` lists it."""

    source: str
    title: str
    published: str | None
    url: str | None
    format: str
    pages: int | None
    passages: int
    ingested: str  # ISO 8601, UTC
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as `policybot sources --json` prints it."""
        data = asdict(self)
        del data["version"]
        return data


def now() -> str:
    """The current time as an ISO 8601 UTC timestamp, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Catalog:
    """A collection of one record per document: its canonical text and its metadata."""

    def __init__(self, store: ChromaStore) -> None:
        self.store = store
        self._opened: tuple[int, Collection] | None = None

    @property
    def _name(self) -> str:
        return f"{self.store.name}_documents"

    def _collection(self, create: bool) -> Collection | None:
        """The documents collection (reopened when the store reconnected), None if never made."""
        client = self.store.client
        if self._opened is not None and self._opened[0] == id(client):
            return self._opened[1]
        ef = self.store._ef  # never called: records carry their own placeholder vector
        try:
            if create:
                col = client.get_or_create_collection(
                    self._name, metadata={"embedder": self.store.embedder.name},
                    embedding_function=ef)  # type: ignore[arg-type]
            else:
                col = client.get_collection(self._name, embedding_function=ef)  # type: ignore[arg-type]
        except NotFoundError:
            return None
        self._opened = (id(client), col)
        return col

    def put(self, record: DocumentRecord, text: str) -> None:
        """Store (or replace) a document's record and canonical text."""
        with self.store.translated("storing the document list"):
            col = self._collection(create=True)
            assert col is not None
            vector = np.zeros((1, self.store.embedder.dim), dtype=np.float32)
            vector[0, 0] = 1.0  # a record is looked up by id, never by similarity
            meta = {k: v for k, v in asdict(record).items() if v is not None and k != "source"}
            col.upsert(ids=[record.source], documents=[text], embeddings=vector,
                       metadatas=[{"record": json.dumps(meta, ensure_ascii=False)}])

    def text(self, source: str) -> str | None:
        """The canonical text kept for a document, or None when there is none."""
        with self.store.translated("reading a document's text"):
            col = self._collection(create=False)
            if col is None:
                return None
            try:
                got = col.get(ids=[source], include=["documents"])
            except NotFoundError:
                self._opened = None
                return None
        docs = got["documents"] or []
        return docs[0] if docs and docs[0] is not None else None

    def records(self) -> list[DocumentRecord]:
        """Every stored document's record, in source order."""
        with self.store.translated("reading the document list"):
            col = self._collection(create=False)
            if col is None:
                return []
            got = col.get(include=["metadatas"])
        out = []
        for id_, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            data = json.loads(str((meta or {}).get("record") or "{}"))
            out.append(DocumentRecord(
                source=id_, title=str(data.get("title", id_)), published=data.get("published"),
                url=data.get("url"), format=str(data.get("format", "")),
                pages=data.get("pages"), passages=int(data.get("passages", 0)),
                ingested=str(data.get("ingested", "")), version=str(data.get("version", ""))))
        return sorted(out, key=lambda r: r.source)

    def remove(self, sources: list[str]) -> None:
        """Forget documents that are no longer in the folder."""
        if not sources:
            return
        with self.store.translated("updating the document list"):
            col = self._collection(create=False)
            if col is None:
                return
            for start in range(0, len(sources), _BATCH):
                col.delete(ids=sources[start : start + _BATCH])


class TextSource(Protocol):
    """Anything that gives a document's text by its source name."""

    def get(self, source: str) -> str | None:
        """The text, or None when there is none."""
        ...


class CanonicalTexts:
    """The texts quotes are verified against: the catalog's, else (older stores) the file's."""

    def __init__(self, catalog: Catalog, fallback: TextSource | None = None) -> None:
        self.catalog = catalog
        self.fallback = fallback

    def get(self, source: str) -> str | None:
        """The canonical text of a document, or None when neither place has it."""
        text = self.catalog.text(source)
        if text is None and self.fallback is not None:
            return self.fallback.get(source)
        return text
