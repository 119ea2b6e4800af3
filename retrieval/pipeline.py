"""Assemble the core from its parts: store, search, answers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.answer import NullModel, Selector
from retrieval.documents import SourceTexts
from retrieval.errors import StoreEmptyError, StoreReadOnlyError
from retrieval.index import (
    ChromaStore,
    E5Embedder,
    Embedder,
    IngestReport,
    Morphology,
    Progress,
    connect,
    ingest,
)
from retrieval.search import Searcher
from retrieval.service import PolicyService

if TYPE_CHECKING:
    from retrieval.llm import LLMAnswerer

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    """The parts of a running core, for the CLI and the adapters."""

    docs: Path
    store: ChromaStore
    morph: Morphology
    searcher: Searcher
    service: PolicyService
    first_ingest: IngestReport | None = None

    def ingest(self, path: Path | None = None, progress: Progress | None = None) -> IngestReport:
        """Ingest a folder and refresh the in-memory indexes."""
        report = _ingest(path or self.docs, self.store, self.morph, progress)
        self.searcher.reload()
        if path is not None:
            self.service.sources = SourceTexts(path)
        return report


def _ingest(folder: Path, store: ChromaStore, morph: Morphology,
            progress: Progress | None) -> IngestReport:
    """Ingest, then record a new generation so other running processes reload."""
    if store.read_only:
        raise StoreReadOnlyError(
            f"the Chroma store at {store.where} is read-only: ingest needs write access;"
            " check the folder's permissions or mount, or point POLICYBOT_DATA elsewhere")
    try:
        with store.translated("ingesting"):
            return ingest(folder, store, morph, progress)
    finally:
        # Even a failed ingest may have stored part of its work: others must look again.
        store.mark_changed()


def open_pipeline(
    docs: Path,
    data: Path,
    *,
    chroma_host: str | None = None,
    chroma_port: int = 8000,
    collection: str = "policybot",
    embedder: Embedder | None = None,
    morph: Morphology | None = None,
    llm: LLMAnswerer | None = None,
    auto_ingest: bool = True,
    progress: Progress | None = None,
    fitted_selector: bool = True,
    check_every: float = 2.0,
) -> Pipeline:
    """Open the store (ingesting `docs` first if it is empty) and build the service.

    Opening reads only: collections are created, and the store written, only when the
    first ingest needs it, so a read-only store still answers.
    """
    conn = connect(data, chroma_host, chroma_port)
    embedder = embedder or E5Embedder()
    morph = morph or Morphology()
    report = None
    try:
        store = ChromaStore(conn.client, embedder, collection, where=conn.where,
                            read_only=conn.read_only, create=False, reconnect=conn.reconnect,
                            identity=conn.identity)
        empty = store.count() == 0
    except StoreEmptyError:
        if not auto_ingest or conn.read_only:
            raise
        store, empty = None, True
    if empty and auto_ingest:
        if store is None:
            store = ChromaStore(conn.client, embedder, collection, where=conn.where,
                                reconnect=conn.reconnect, identity=conn.identity)
        log.info("empty store: ingesting %s", docs)
        report = _ingest(docs, store, morph, progress)
    assert store is not None
    searcher = Searcher(store, morph, check_every=check_every)
    service = PolicyService(searcher, SourceTexts(docs), NullModel(embedder), llm=llm,
                            selector=Selector.load() if fitted_selector else None)
    return Pipeline(docs, store, morph, searcher, service, report)
