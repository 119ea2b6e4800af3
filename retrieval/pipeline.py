"""Assemble the core from its parts: store, search, answers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.answer import NullModel
from retrieval.documents import DEFAULT_MAX_BYTES, SourceTexts
from retrieval.errors import DocumentError
from retrieval.index import (
    ChromaStore,
    E5Embedder,
    Embedder,
    IngestReport,
    Morphology,
    Progress,
    ingest,
    make_client,
)
from retrieval.search import Searcher
from retrieval.service import PolicyService

if TYPE_CHECKING:
    from retrieval.llm import LLMAnswerer

log = logging.getLogger(__name__)
# Written before an ingest and removed after it: still there means the last one was cut
# short, and the next start picks it up instead of serving a half-stored folder.
UNFINISHED = "ingest.unfinished"


def _marked_ingest(folder: Path, store: ChromaStore, morph: Morphology, data: Path | None,
                   progress: Progress | None, max_bytes: int) -> IngestReport:
    """Ingest with the unfinished-ingest marker in `data` around it."""
    marker = data / UNFINISHED if data is not None else None
    if marker is not None:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(folder.resolve()), encoding="utf-8")
    try:
        report = ingest(folder, store, morph, progress, max_bytes=max_bytes)
    except DocumentError:
        if marker is not None:  # refused before any change (a broken metadata.json)
            marker.unlink(missing_ok=True)
        raise
    if marker is not None:
        marker.unlink(missing_ok=True)
    return report


def _unfinished(data: Path, docs: Path) -> bool:
    """True when an ingest of `docs` into this data folder was cut short."""
    try:
        return (data / UNFINISHED).read_text(encoding="utf-8") == str(docs.resolve())
    except OSError:
        return False


@dataclass
class Pipeline:
    """The parts of a running core, for the CLI and the adapters."""

    docs: Path
    store: ChromaStore
    morph: Morphology
    searcher: Searcher
    service: PolicyService
    first_ingest: IngestReport | None = None
    data: Path | None = None
    max_file_bytes: int = DEFAULT_MAX_BYTES

    def ingest(self, path: Path | None = None, progress: Progress | None = None) -> IngestReport:
        """Ingest a folder and refresh the in-memory indexes."""
        report = _marked_ingest(path or self.docs, self.store, self.morph, self.data, progress,
                                self.max_file_bytes)
        self.searcher.reload()
        if path is not None:
            self.service.sources = SourceTexts(path, self.max_file_bytes)
        return report


def open_pipeline(
    docs: Path,
    data: Path,
    *,
    chroma_host: str | None = None,
    chroma_port: int = 8000,
    collection: str = "policybot",
    embedder: Embedder | None = None,
    llm: LLMAnswerer | None = None,
    auto_ingest: bool = True,
    progress: Progress | None = None,
    max_file_bytes: int = DEFAULT_MAX_BYTES,
) -> Pipeline:
    """Open the store (ingesting `docs` if it is empty or its last ingest was cut short)."""
    embedder = embedder or E5Embedder()
    morph = Morphology()
    store = ChromaStore(make_client(data, chroma_host, chroma_port), embedder, collection)
    report = None
    if auto_ingest and (store.count() == 0 or _unfinished(data, docs)):
        log.info("ingesting %s (the store is empty, or the last ingest was cut short)", docs)
        report = _marked_ingest(docs, store, morph, data, progress, max_file_bytes)
    searcher = Searcher(store, morph)
    service = PolicyService(searcher, SourceTexts(docs, max_file_bytes), NullModel(embedder),
                            llm=llm)
    return Pipeline(docs, store, morph, searcher, service, report, data, max_file_bytes)
