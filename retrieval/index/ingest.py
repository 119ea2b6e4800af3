"""Bring a folder of documents into the store, embedding only what changed."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from retrieval.documents import load_documents
from retrieval.index.chunking import Sentence, chunk_document, chunk_index_text
from retrieval.index.korean import Morphology
from retrieval.index.store import ChromaStore, StoredSentence

Progress = Callable[[int, int], None]
"""Called with (done, total) as passages are embedded."""


@dataclass
class IngestReport:
    """What one ingest did."""

    documents: int = 0
    added: int = 0
    kept: int = 0
    removed: int = 0
    embedded: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for humans."""
        line = (f"{self.documents} documents: {self.added} chunks added, {self.kept} kept,"
                f" {self.removed} removed ({self.embedded} passages embedded) in {self.seconds:.1f} s")
        if self.errors:
            line += f"; {len(self.errors)} skipped"
        return line


def _sentence_id(source: str, sent: Sentence) -> str:
    """Content-hash id, so unchanged sentences are never embedded twice."""
    return hashlib.sha256(f"{source}\n{sent.indexed}".encode()).hexdigest()[:24]


def _embed(store: ChromaStore, texts: list[str], progress: Progress | None,
           done: int, total: int, batch: int = 16) -> np.ndarray:
    """Embed in small batches so a progress bar can move."""
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(store.embedder.embed_passages(texts[start : start + batch]))
        if progress:
            progress(done + min(start + batch, len(texts)), total)
    if not parts:
        return np.zeros((0, store.embedder.dim), dtype=np.float32)
    return np.concatenate(parts)


def ingest(folder: Path, store: ChromaStore, morph: Morphology,
           progress: Progress | None = None) -> IngestReport:
    """Make the store mirror `folder`: add new chunks, keep unchanged ones, drop the rest."""
    started = time.perf_counter()
    report = IngestReport()
    docs, errors = load_documents(folder)
    report.documents = len(docs)
    report.errors = [str(e) for e in errors]
    failed_sources = {e.source for e in errors}

    chunk_rows = []  # (chunk, index_text, sentence ids)
    sentence_rows: dict[str, StoredSentence] = {}
    for doc in docs:
        for chunk, window in chunk_document(doc, morph):
            ids = []
            for sent in window:
                sid = _sentence_id(doc.source, sent)
                ids.append(sid)
                sentence_rows.setdefault(
                    sid, StoredSentence(sid, sent.text, sent.context, sent.kind, doc.source))
            chunk_rows.append((chunk, chunk_index_text(chunk, window), ids))

    old_chunks = store.ids_by_source(store.chunks)
    old_sents = store.ids_by_source(store.sentences)
    have_chunks = set().union(*old_chunks.values()) if old_chunks else set()
    have_sents = set().union(*old_sents.values()) if old_sents else set()

    new_chunks = [r for r in chunk_rows if r[0].id not in have_chunks]
    new_sents = [s for s in sentence_rows.values() if s.id not in have_sents]
    total = len(new_chunks) + len(new_sents)
    if progress:
        progress(0, total)

    vectors = _embed(store, [r[1] for r in new_chunks], progress, 0, total)
    store.add_chunks([r[0] for r in new_chunks], [r[1] for r in new_chunks],
                     [r[2] for r in new_chunks], vectors)
    svectors = _embed(store, [s.indexed for s in new_sents], progress, len(new_chunks), total)
    store.add_sentences(new_sents, svectors)

    # An unreadable file keeps its old chunks: a parse failure should not silently empty it.
    keep = {r[0].id for r in chunk_rows}
    stale = {i for src, ids in old_chunks.items() if src not in failed_sources for i in ids} - keep
    store.delete(store.chunks, stale)
    keep_s = set(sentence_rows)
    stale_s = {i for src, ids in old_sents.items() if src not in failed_sources for i in ids}
    store.delete(store.sentences, stale_s - keep_s)

    report.added = len(new_chunks)
    report.kept = len(chunk_rows) - len(new_chunks)
    report.removed = len(stale)
    report.embedded = total
    report.seconds = time.perf_counter() - started
    return report

