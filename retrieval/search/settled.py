"""Read the store as whole documents: each one at a single stored version, never half-written."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from retrieval.index import ChromaStore, Chunk, ChunkRow, StoredSentence


@dataclass(frozen=True)
class SettledRead:
    """The chunks and sentences of every wholly stored document, and the sources left out."""

    rows: list[tuple[Chunk, str, list[str]]]
    tokens: list[list[str] | None]
    """Each row's morphemes as stored at ingest (None: tokenize it afresh)."""
    sentences: list[StoredSentence]
    vectors: np.ndarray
    unsettled: frozenset[str]
    """Documents stored only in part (an ingest under way, or one cut short)."""


def _whole(rows: list[ChunkRow], known: set[str]) -> bool:
    """True when these rows are all of one version's chunks and their sentences are stored."""
    if rows[0].version and len(rows) != rows[0].expected:
        return False  # chunks from before versions ("") carry no count to check
    return all(sid in known for r in rows for sid in r.sentence_ids)


def read_settled(store: ChromaStore, tokenizer: str = "") -> SettledRead:
    """Every chunk and sentence, keeping per document one version that is stored whole.

    An ingest in another process (or thread) adds a document's new chunks before it drops
    the old ones, so a read in between sees both; each document is served at the version
    that is complete, and one with none (a new document half-way in) is left out.
    """
    rows = store.load_chunk_rows(tokenizer)
    records, vectors = store.load_sentences()
    known = {s.id for s in records}
    versions: dict[str, dict[str, list[ChunkRow]]] = {}
    for row in rows:
        versions.setdefault(row.chunk.source, {}).setdefault(row.version, []).append(row)
    kept: list[ChunkRow] = []
    unsettled = set()
    for source, by_version in versions.items():
        whole = sorted(v for v, vrows in by_version.items() if _whole(vrows, known))
        if not whole:
            unsettled.add(source)
            continue
        # Two whole versions exist only for the moment before the old one is dropped;
        # either is a real state of the document. A versioned one beats chunks from before.
        kept.extend(by_version[whole[-1]])
    kept.sort(key=lambda r: (r.chunk.source, r.chunk.position))
    used = {sid for r in kept for sid in r.sentence_ids}
    keep = [i for i, s in enumerate(records) if s.id in used]
    return SettledRead(
        rows=[(r.chunk, r.index_text, r.sentence_ids) for r in kept],
        tokens=[r.tokens for r in kept],
        sentences=[records[i] for i in keep],
        vectors=vectors[keep] if len(records) else vectors,
        unsettled=frozenset(unsettled),
    )
