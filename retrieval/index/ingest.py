"""Bring a folder of documents into the store, one document at a time, embedding only what changed.

Each document is stored as it is done, so an interrupted ingest keeps the documents it
finished and the next one carries on. A document's sentences go in first, then its chunks
(each marked with the document's version), and only then are its old passages removed:
at no point does the store hold less of a document than before. A document that can't be
read or split is reported by name and keeps what the store had of it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from retrieval.documents import (
    DEFAULT_MAX_BYTES,
    Document,
    list_documents,
    read_document,
    read_metadata,
)
from retrieval.errors import DocumentError
from retrieval.index.catalog import Catalog, DocumentRecord, now
from retrieval.index.chunk import Chunk
from retrieval.index.chunking import CHUNKER_VERSION, Sentence, chunk_document, chunk_index_text
from retrieval.index.korean import Morphology
from retrieval.index.store import ChromaStore, StoredDocument, StoredSentence

log = logging.getLogger(__name__)
EMBED_BATCH = 128
"""Passages per embedding call: enough to batch by length, few enough that progress moves."""


@dataclass(frozen=True)
class IngestStep:
    """Where an ingest is: which document, and how far its passages are embedded."""

    number: int  # 1-based position of the document among those found
    total: int
    source: str
    status: str  # "embedding", "stored", "unchanged" or "skipped"
    embedded: int = 0
    passages: int = 0

    @property
    def finished(self) -> bool:
        """True once this document is done with, one way or another."""
        return self.status != "embedding"

    def describe(self) -> str:
        """One line for a log."""
        head = f"[{self.number}/{self.total}] {self.source}"
        if self.status == "embedding":
            return f"{head}: {self.embedded}/{self.passages} passages embedded"
        if self.status == "stored":
            return f"{head}: stored ({self.passages} passages embedded)"
        return f"{head}: {self.status}"


Progress = Callable[[IngestStep], None]
"""Called as each document is read, embedded and stored."""


@dataclass
class IngestReport:
    """What one ingest did."""

    documents: int = 0
    stored: int = 0
    unchanged: int = 0
    added: int = 0
    kept: int = 0
    removed: int = 0
    embedded: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for humans."""
        line = (f"{self.documents} documents ({self.stored} stored, {self.unchanged} unchanged):"
                f" {self.added} chunks added, {self.kept} kept, {self.removed} removed"
                f" ({self.embedded} passages embedded) in {self.seconds:.1f} s")
        if self.errors:
            line += f"; {len(self.errors)} skipped"
        return line


@dataclass
class _Rows:
    """One document's chunks and sentences, each id once."""

    chunks: dict[str, tuple[Chunk, str, list[str]]] = field(default_factory=dict)
    sentences: dict[str, StoredSentence] = field(default_factory=dict)


def _record(doc: Document, passages: int, version: str) -> DocumentRecord:
    """What the catalog keeps of a document besides its text."""
    return DocumentRecord(doc.source, doc.title, doc.published, doc.url, doc.format,
                          doc.page_count, passages, now(), version)


def _sentence_id(source: str, sent: Sentence) -> str:
    """Content-hash id, so unchanged sentences are never embedded twice."""
    # The page is part of what a sentence is in a paged document: moved, it is stored anew.
    where = source if sent.page is None else f"{source}\np.{sent.page}"
    return hashlib.sha256(f"{where}\n{sent.indexed}".encode()).hexdigest()[:24]


def document_rows(doc: Document, morph: Morphology) -> _Rows:
    """Chunk a document; equal content gets equal ids and is kept once."""
    rows = _Rows()
    for chunk, window in chunk_document(doc, morph):
        ids = []
        for sent in window:
            sid = _sentence_id(doc.source, sent)
            ids.append(sid)
            rows.sentences.setdefault(
                sid, StoredSentence(sid, sent.text, sent.context, sent.kind, doc.source,
                                    sent.page))
        rows.chunks.setdefault(chunk.id, (chunk, chunk_index_text(chunk, window), ids))
    return rows


class _Ingest:
    """One run: the store, what it held at the start, and the report being filled in."""

    def __init__(self, store: ChromaStore, morph: Morphology, progress: Progress | None) -> None:
        self.store = store
        self.morph = morph
        self.progress = progress or (lambda step: None)
        self.report = IngestReport()

    def store_document(self, rows: _Rows, have: StoredDocument, version: str,
                       step: Callable[..., IngestStep]) -> None:
        """Embed and store what is new, mark what is kept, then drop what the old version had."""
        new_sents = [s for sid, s in rows.sentences.items() if sid not in have.sentence_ids]
        new_chunks = [r for cid, r in rows.chunks.items() if cid not in have.chunk_ids]
        passages = len(new_sents) + len(new_chunks)
        done = 0
        # Sentences first: a chunk is findable as soon as it is stored, and points at them.
        for start in range(0, len(new_sents), EMBED_BATCH):
            batch = new_sents[start : start + EMBED_BATCH]
            self.store.add_sentences(
                batch, self.store.embedder.embed_passages([s.indexed for s in batch]))
            done += len(batch)
            self.progress(step("embedding", done, passages))
        for start in range(0, len(new_chunks), EMBED_BATCH):
            batch_rows = new_chunks[start : start + EMBED_BATCH]
            vectors = self.store.embedder.embed_passages([r[1] for r in batch_rows])
            self.store.add_chunks([r[0] for r in batch_rows], [r[1] for r in batch_rows],
                                  [r[2] for r in batch_rows], vectors, version, len(rows.chunks),
                                  [self.morph.tokens(r[1]) for r in batch_rows],
                                  self.morph.signature)
            done += len(batch_rows)
            self.progress(step("embedding", done, passages))
        kept = [cid for cid in rows.chunks if cid in have.chunk_ids]
        self.store.mark_chunks(kept, version, len(rows.chunks))
        stale = have.chunk_ids - rows.chunks.keys()
        self.store.delete(self.store.chunks, stale)
        self.store.delete(self.store.sentences, have.sentence_ids - rows.sentences.keys())
        r = self.report
        r.stored += 1
        r.added += len(new_chunks)
        r.kept += len(kept)
        r.removed += len(stale)
        r.embedded += passages
        self.progress(step("stored", passages, passages))

    def remove(self, doc: StoredDocument) -> None:
        """Drop everything stored for a document that is no longer in the folder."""
        self.store.delete(self.store.chunks, doc.chunk_ids)
        self.store.delete(self.store.sentences, doc.sentence_ids)
        self.report.removed += len(doc.chunk_ids)

    def skip(self, error: DocumentError, cause: Exception | None = None) -> None:
        """Report a document by name with the reason; what the store had of it stays."""
        # An unexpected failure keeps its traceback for -v; an expected one needs none.
        unexpected = cause is not None and not isinstance(cause, DocumentError)
        log.info("skipped %s", error, exc_info=cause if unexpected else None)
        self.report.errors.append(str(error))


def _within(source: str, paths: Collection[str]) -> bool:
    """True when `source` is one of `paths` or lies in a folder among them."""
    return any(source == p or source.startswith(p.rstrip("/") + "/") for p in paths)


def ingest(folder: Path, store: ChromaStore, morph: Morphology,
           progress: Progress | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
           only: Collection[str] | None = None) -> IngestReport:
    """Make the store mirror `folder` (or, for a single file, bring that file up to date).

    With `only` (paths relative to `folder`), just those files and folders are brought
    up to date: read, embedded if changed, removed if gone; the rest is not even read.
    """
    started = time.perf_counter()
    listing = list_documents(folder)
    if only is not None:
        listing.files = [f for f in listing.files if _within(f.source, only)]
        listing.refused = [e for e in listing.refused if _within(e.source, only)]
    meta = read_metadata(listing.root)  # a broken metadata.json stops here, before any change
    run = _Ingest(store, morph, progress)
    catalog = Catalog(store)
    listed = {r.source: r.version for r in catalog.records()}
    report = run.report
    report.notes = list(meta.notes)
    for refused in listing.refused:
        run.skip(refused)
    stored = store.documents()
    if only is not None:
        stored = {source: doc for source, doc in stored.items() if _within(source, only)}
    total = len(listing.files)
    for number, found in enumerate(listing.files, 1):
        step = partial(IngestStep, number, total, found.source)
        try:
            doc = read_document(found.path, found.source, meta.get(found.source), max_bytes)
        except Exception as exc:  # one odd document must not stop the others
            run.skip(exc if isinstance(exc, DocumentError)
                     else DocumentError(found.source, f"could not be read ({exc!r})"), exc)
            run.progress(step("skipped"))
            continue
        report.documents += 1
        version = f"{doc.digest}:{CHUNKER_VERSION}"
        have = stored.pop(doc.source, None) or StoredDocument(doc.source)
        if have.complete(version):
            # Sentences left over from a run stopped just before it removed them.
            store.delete(store.sentences, have.sentence_ids - have.referenced)
            if listed.get(doc.source) != version:  # stored before the catalog kept it
                catalog.put(_record(doc, have.expected, version), doc.text)
            report.unchanged += 1
            report.kept += len(have.chunk_ids)
            run.progress(step("unchanged"))
            continue
        try:
            rows = document_rows(doc, morph)
        except Exception as exc:
            run.skip(DocumentError(doc.source, f"could not be split into passages ({exc!r})"), exc)
            run.progress(step("skipped"))
            continue
        run.store_document(rows, have, version, step)
        catalog.put(_record(doc, len(rows.chunks), version), doc.text)

    present = {f.source for f in listing.files}
    gone = [old for source, old in stored.items() if source not in present]
    if listing.single:
        gone = []  # naming one file says nothing about the others
    elif gone and not listing.complete:
        report.notes.append(f"some folders under {folder} could not be read; nothing was removed")
        gone = []
    elif gone and only is None and not listing.files and not listing.refused:
        report.notes.append(f"no documents found in {folder}; kept the {len(gone)} stored ones"
                            " (delete the data folder to start over)")
        gone = []
    for old in gone:
        run.remove(old)
    # The catalog forgets documents in exactly the cases in which their passages go.
    if not listing.single and listing.complete and (listing.files or listing.refused):
        catalog.remove([source for source in listed if source not in present])
    report.seconds = time.perf_counter() - started
    return report
