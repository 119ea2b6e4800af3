"""Chunks and sentence vectors in Chroma: on disk, or on a `chroma run` server."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError

from retrieval.errors import (
    EmbedderMismatchError,
    PolicybotError,
    StoreChangedError,
    StoreEmptyError,
)
from retrieval.index.chunk import HEADING_JOIN, Chunk, with_context
from retrieval.index.connection import REINGEST, translate
from retrieval.index.embeddings import Embedder, PolicybotEmbeddingFunction

log = logging.getLogger(__name__)
_BATCH = 256
_PAGE = 5000
"""Rows per read: one `get` of a whole large collection exceeds SQLite's variable limit."""


def _get_all(collection: Collection, include: list[str]) -> dict[str, Any]:
    """Every record of a collection, read a page at a time."""
    out: dict[str, Any] = {"ids": [], **{k: [] for k in include}}
    offset = 0
    while True:
        page = collection.get(include=include, limit=_PAGE, offset=offset)  # type: ignore[arg-type]
        out["ids"].extend(page["ids"])
        for key in include:
            values: Any = page.get(key)
            out[key].extend(list(values) if values is not None else [None] * len(page["ids"]))
        if len(page["ids"]) < _PAGE:
            return out
        offset += _PAGE


@dataclass(frozen=True)
class StoredSentence:
    """A sentence record as kept in the sentence collection."""

    id: str
    text: str
    context: str
    kind: str
    source: str
    page: int | None = None

    @property
    def indexed(self) -> str:
        """The text a sentence is embedded as: its headings, then itself."""
        return with_context(self.context, self.text)

    @property
    def headings(self) -> list[str]:
        """Its headings and enclosing list items, outermost first."""
        return self.context.split(HEADING_JOIN) if self.context else []

    @property
    def heading(self) -> str:
        """Its nearest heading or enclosing item, "" when it has none."""
        return self.headings[-1] if self.context else ""

    @property
    def near(self) -> str:
        """The sentence under its nearest heading only (a heading above that one is a wider topic)."""
        return with_context(self.heading, self.text)


@dataclass(frozen=True)
class ChunkRow:
    """A stored chunk as read back, with the document version it belongs to."""

    chunk: Chunk
    index_text: str
    sentence_ids: list[str]
    version: str  # "" on chunks stored before versions
    expected: int  # how many chunks that version has
    tokens: list[str] | None = None  # morphemes stored at ingest by the reader's Kiwi recipe


@dataclass
class StoredDocument:
    """What the store holds of one source document, and which version of it that is."""

    source: str
    chunk_ids: set[str] = field(default_factory=set)
    sentence_ids: set[str] = field(default_factory=set)
    referenced: set[str] = field(default_factory=set)  # sentence ids its chunks point at
    versions: set[str] = field(default_factory=set)  # "" on chunks stored before versions
    expected: int = 0  # how many chunks that version has

    def complete(self, version: str) -> bool:
        """True when every chunk of `version`, and nothing else, is stored."""
        return self.versions == {version} and len(self.chunk_ids) == self.expected


def _first_of_each(ids: Sequence[str]) -> list[int]:
    """Positions of the first occurrence of each id: Chroma refuses repeats in one upsert."""
    seen: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        seen.setdefault(id_, i)
    return sorted(seen.values())


class ChromaStore:
    """Two cosine collections: chunks (searched) and sentences (for picking quotes)."""

    def __init__(self, client: ClientAPI, embedder: Embedder, name: str = "policybot", *,
                 where: str = "the Chroma store", read_only: bool = False,
                 create: bool = True,
                 reconnect: Callable[[], ClientAPI] | None = None,
                 identity: Callable[[], str] | None = None) -> None:
        self.client = client
        self.embedder = embedder
        self.name = name
        self.where = where
        self.read_only = read_only
        self._reconnect = reconnect
        self._identity = identity
        self._writers = 0  # long writes under way in this process (see `writing`)
        # Reconnecting closes the old client, so on disk no call may be running meanwhile;
        # a server needs no reconnect, and its calls must not queue behind a slow one.
        self._guard: AbstractContextManager[object] = (
            threading.RLock() if reconnect is not None else nullcontext())
        self._ef = PolicybotEmbeddingFunction(embedder)
        with self.translated("opening the collections"):
            self.chunks = self._open(name, create)
            self.sentences = self._open(f"{name}_sentences", create)

    @contextmanager
    def translated(self, doing: str) -> Iterator[None]:
        """Turn any chromadb, sqlite or connection failure inside the block into a StoreError."""
        try:
            with self._guard:
                yield
        except PolicybotError:
            raise  # already ours: a StoreError, or a document that could not be read
        except Exception as exc:
            raise translate(exc, self.where, doing) from exc

    @contextmanager
    def writing(self, doing: str) -> Iterator[None]:
        """Like `translated`, for a long write (an ingest) that reads must not queue behind.

        The client stays open meanwhile: `refresh_view` leaves it be, since this process
        sees its own writes without reopening.
        """
        with self._guard:
            self._writers += 1
        try:
            yield
        except PolicybotError:
            raise
        except Exception as exc:
            raise translate(exc, self.where, doing) from exc
        finally:
            with self._guard:
                self._writers -= 1

    def refresh_view(self) -> None:
        """On disk, open a fresh client so vectors another process wrote are searched too.

        Chroma keeps a process's vector index in memory and never rereads it; the database
        rows are always current, which is how a change is noticed in the first place.
        """
        if self._reconnect is None:
            return
        with self.translated("reopening the store"):
            if self._writers:
                return  # reopening would close the client under this process's own ingest
            close = getattr(self.client, "close", None)
            if callable(close):
                close()
            else:  # chromadb before 1.1 has no close(); its cache is what keeps the old view
                self.client.clear_system_cache()
            self.client = self._reconnect()
            self.chunks = self._open(self.name, create=False)
            self.sentences = self._open(f"{self.name}_sentences", create=False)

    def _open(self, name: str, create: bool = True) -> Collection:
        """Open (or create) a collection, refusing one built with another embedder."""
        meta = {"hnsw:space": "cosine", "embedder": self.embedder.name, "dim": self.embedder.dim}
        try:
            if create:
                col = self.client.get_or_create_collection(
                    name, metadata=meta, embedding_function=self._ef)  # type: ignore[arg-type]
            else:
                col = self.client.get_collection(
                    name, embedding_function=self._ef)  # type: ignore[arg-type]
        except NotFoundError as exc:
            raise StoreEmptyError(
                f"the Chroma store at {self.where} has no collection {name!r}: {REINGEST}"
            ) from exc
        except ValueError as exc:
            raise EmbedderMismatchError(
                f"collection {name!r} at {self.where} was built with another embedder ({exc});"
                " delete the data folder or choose another collection name") from exc
        found = (col.metadata or {}).get("embedder")
        if found != self.embedder.name:
            raise EmbedderMismatchError(
                f"collection {name!r} at {self.where} was built with {found!r},"
                f" not {self.embedder.name!r}; delete the data folder or choose another"
                " collection name (POLICYBOT_COLLECTION)"
            )
        return col

    def reopen(self) -> None:
        """Find the collections again by name, after a server restart or a wipe."""
        with self.translated("reopening the collections"):
            chunks = self._open(self.name, create=False)
            sentences = self._open(f"{self.name}_sentences", create=False)
        self.chunks, self.sentences = chunks, sentences

    def count(self) -> int:
        """Number of chunks stored."""
        with self.translated("counting chunks"):
            return int(self.chunks.count())

    @property
    def _state_name(self) -> str:
        return f"{self.name}_state"

    def fingerprint(self) -> tuple[str, int, str]:
        """What any process's write changes: the collection's id, its size and the ingest marker.

        Cheap (two small calls), so a running bot can ask before answering.
        """
        with self.translated("checking for changes"):
            try:
                count = int(self.chunks.count())
            except NotFoundError:
                self.reopen()  # recreated by another ingest, or gone (StoreEmptyError)
                count = int(self.chunks.count())
            try:
                state = self.client.get_collection(
                    self._state_name, embedding_function=self._ef)  # type: ignore[arg-type]
                marker = str((state.metadata or {}).get("generation", ""))
            except NotFoundError:
                marker = ""
            if self._identity is not None:
                marker = f"{marker}@{self._identity()}"
            return str(self.chunks.id), count, marker

    def mark_changed(self) -> None:
        """Record a new ingest generation, so running bots know to reload."""
        if self.read_only:
            return
        with self.translated("recording the ingest"):
            state = self.client.get_or_create_collection(
                self._state_name, metadata={"embedder": self.embedder.name},
                embedding_function=self._ef)  # type: ignore[arg-type]
            state.modify(metadata={"embedder": self.embedder.name,
                                   "generation": uuid.uuid4().hex})

    def ids_by_source(self, collection: Collection) -> dict[str, set[str]]:
        """Every stored id, grouped by source document."""
        got = _get_all(collection, ["metadatas"])
        out: dict[str, set[str]] = {}
        for id_, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            out.setdefault(str((meta or {}).get("source", "")), set()).add(id_)
        return out

    def documents(self) -> dict[str, StoredDocument]:
        """Every stored source with its chunk and sentence ids and the version they belong to."""
        docs: dict[str, StoredDocument] = {}
        got = _get_all(self.chunks, ["metadatas"])
        for id_, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            m = meta or {}
            source = str(m.get("source", ""))
            doc = docs.setdefault(source, StoredDocument(source))
            doc.chunk_ids.add(id_)
            doc.versions.add(str(m.get("doc_version", "")))
            doc.expected = int(str(m.get("doc_chunks") or 0))
            doc.referenced.update(json.loads(str(m.get("sentence_ids") or "[]")))
        got = _get_all(self.sentences, ["metadatas"])
        for id_, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
            source = str((meta or {}).get("source", ""))
            docs.setdefault(source, StoredDocument(source)).sentence_ids.add(id_)
        return docs

    def add_chunks(self, chunks: Sequence[Chunk], index_texts: Sequence[str],
                   sentence_ids: Sequence[list[str]], vectors: np.ndarray,
                   version: str = "", count: int = 0,
                   tokens: Sequence[list[str]] | None = None, tokenizer: str = "") -> None:
        """Upsert chunks with their vectors and metadata, each id once.

        `version` and `count` name the document version the chunks belong to and how many
        chunks it has, so a later ingest can tell a finished document from a half-stored one.
        `tokens` are the index texts' morphemes, made by `tokenizer`, so that no process
        loading the store has to run Kiwi over every chunk again.
        """
        keep = _first_of_each([c.id for c in chunks])
        chunks = [chunks[i] for i in keep]
        index_texts = [index_texts[i] for i in keep]
        sentence_ids = [sentence_ids[i] for i in keep]
        vectors = vectors[keep]
        morphemes = [json.dumps(tokens[i], ensure_ascii=False) if tokens else "" for i in keep]
        for start in range(0, len(chunks), _BATCH):
            part = slice(start, start + _BATCH)
            self.chunks.upsert(
                ids=[c.id for c in chunks[part]],
                documents=[c.text for c in chunks[part]],
                embeddings=vectors[part],
                metadatas=[
                    {
                        "source": c.source,
                        "title": c.title,
                        "published": c.published or "",
                        "url": c.url or "",
                        "position": c.position,
                        "index_text": it,
                        "sentence_ids": json.dumps(sids),
                        "doc_version": version,
                        "doc_chunks": count,
                        "tokens": toks,
                        "tokenizer": tokenizer if toks else "",
                    }
                    for c, it, sids, toks in zip(chunks[part], index_texts[part],
                                                 sentence_ids[part], morphemes[part], strict=True)
                ],
            )

    def mark_chunks(self, ids: Sequence[str], version: str, count: int) -> None:
        """Record that stored chunks, unchanged, belong to a new version of their document."""
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), _BATCH):
            part = ids[start : start + _BATCH]
            self.chunks.update(ids=part, metadatas=[{"doc_version": version, "doc_chunks": count}
                                                    for _ in part])

    def add_sentences(self, sentences: Sequence[StoredSentence], vectors: np.ndarray) -> None:
        """Upsert sentence records with their vectors, each id once."""
        keep = _first_of_each([s.id for s in sentences])
        sentences = [sentences[i] for i in keep]
        vectors = vectors[keep]
        for start in range(0, len(sentences), _BATCH):
            part = sentences[start : start + _BATCH]
            self.sentences.upsert(
                ids=[s.id for s in part],
                documents=[s.text for s in part],
                embeddings=vectors[start : start + _BATCH],
                metadatas=[
                    {"source": s.source, "context": s.context, "kind": s.kind,
                     **({"page": s.page} if s.page is not None else {})} for s in part
                ],
            )

    def delete(self, collection: Collection, ids: Iterable[str]) -> None:
        """Remove ids from a collection."""
        ids = list(ids)
        for start in range(0, len(ids), _BATCH):
            collection.delete(ids=ids[start : start + _BATCH])

    def load_chunks(self) -> list[tuple[Chunk, str, list[str]]]:
        """Every chunk with its index text and sentence ids, in document order."""
        return [(r.chunk, r.index_text, r.sentence_ids) for r in self.load_chunk_rows()]

    def load_chunk_rows(self, tokenizer: str = "") -> list[ChunkRow]:
        """Every chunk with its index text, sentence ids, document version and stored morphemes.

        The morphemes are None where `tokenizer` (a `Morphology.signature`) did not make them.
        """
        got = _get_all(self.chunks, ["documents", "metadatas"])
        rows = []
        for id_, doc, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [],
                                  strict=False):
            m: dict[str, Any] = dict(meta or {})
            chunk = Chunk(
                id=id_,
                text=doc or "",
                source=str(m.get("source", "")),
                title=str(m.get("title", "")),
                published=str(m.get("published") or "") or None,
                url=str(m.get("url") or "") or None,
                position=int(m.get("position", 0)),
            )
            stored = str(m.get("tokens") or "")
            tokens = (json.loads(stored) if tokenizer and stored
                      and m.get("tokenizer") == tokenizer else None)
            rows.append(ChunkRow(chunk, str(m.get("index_text", doc)),
                                 json.loads(m.get("sentence_ids", "[]")),
                                 str(m.get("doc_version", "")),
                                 int(str(m.get("doc_chunks") or 0)), tokens))
        rows.sort(key=lambda r: (r.chunk.source, r.chunk.position))
        return rows

    def load_sentences(self) -> tuple[list[StoredSentence], np.ndarray]:
        """Every sentence record with its vector, for in-memory scoring."""
        got = _get_all(self.sentences, ["documents", "metadatas", "embeddings"])
        records = [
            StoredSentence(id_, doc or "", str(m.get("context", "")), str(m.get("kind", "text")),
                           str(m.get("source", "")),
                           int(str(m["page"])) if m.get("page") is not None else None)
            for id_, doc, m in zip(got["ids"], got["documents"] or [], got["metadatas"] or [],
                                   strict=False)
        ]
        emb = got["embeddings"]
        vectors = (np.asarray(emb, dtype=np.float32) if emb is not None and len(emb)
                   else np.zeros((0, self.embedder.dim), dtype=np.float32))
        return records, vectors

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Chunk ids nearest to a query vector, with cosine similarity."""
        with self.translated("searching"):
            try:
                n = min(k, int(self.chunks.count()))
                if n <= 0:
                    return []
                res = self.chunks.query(query_embeddings=[vector.tolist()], n_results=n,
                                        include=["distances"])
            except NotFoundError:
                self.reopen()  # raises StoreEmptyError when the collection is gone
                raise StoreChangedError(
                    f"the collection at {self.where} was replaced while searching") from None
        ids = res["ids"][0]
        dists = (res["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=False)]
