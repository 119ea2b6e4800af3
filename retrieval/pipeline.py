"""Assemble the core from its parts: store, search, answers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.answer import NullModel, Selector
from retrieval.documents import SourceTexts
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
        report = ingest(path or self.docs, self.store, self.morph, progress)
        self.searcher.reload()
        if path is not None:
            self.service.sources = SourceTexts(path)
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
    fitted_selector: bool = True,
) -> Pipeline:
    """Open the store (ingesting `docs` first if it is empty) and build the service."""
    embedder = embedder or E5Embedder()
    morph = Morphology()
    store = ChromaStore(make_client(data, chroma_host, chroma_port), embedder, collection)
    report = None
    if auto_ingest and store.count() == 0:
        log.info("empty store: ingesting %s", docs)
        report = ingest(docs, store, morph, progress)
    searcher = Searcher(store, morph)
    service = PolicyService(searcher, SourceTexts(docs), NullModel(embedder), llm=llm,
                            selector=Selector.load() if fitted_selector else None)
    return Pipeline(docs, store, morph, searcher, service, report)
