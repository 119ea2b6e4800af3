"""Assemble the core from its parts: store, search, answers."""

from __future__ import annotations

import logging
from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.answer import NULL_PASSAGES, NullModel, Selector
from retrieval.documents import DEFAULT_MAX_BYTES, SourceTexts
from retrieval.errors import DocumentError, StoreEmptyError, StoreReadOnlyError
from retrieval.index import (
    CanonicalTexts,
    Catalog,
    ChromaStore,
    DocumentRecord,
    E5Embedder,
    Embedder,
    IngestReport,
    Morphology,
    Progress,
    connect,
    fixed_vectors,
    ingest,
)
from retrieval.search import Searcher, SnapshotCache
from retrieval.service import PolicyService

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

    from retrieval.llm import LLMAnswerer

log = logging.getLogger(__name__)

# Written before an ingest and removed after it: still there means the last one was cut
# short, and the next start picks it up instead of serving a half-stored folder.
UNFINISHED = "ingest.unfinished"
INDEX_CACHE = "index-cache"
"""Under the data folder: the indexes a start-up derives from the store (see SnapshotCache)."""
NULL_VECTORS = "null-vectors"
"""Under the data folder: the off-topic reference sentences as the model embeds them."""
MODELS = "models"
"""Under the data folder: the embedding model's onnxruntime graph, built on first use."""


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

    def ingest(self, path: Path | None = None, progress: Progress | None = None,
               only: Collection[str] | None = None) -> IngestReport:
        """Ingest a folder (or `only` some paths under it) and refresh the in-memory indexes.

        Answers meanwhile come from the indexes as they were; the new ones are swapped in
        whole once the ingest is done.
        """
        with self.searcher.holding():
            report = _ingest(path or self.docs, self.store, self.morph, self.data, progress,
                             self.max_file_bytes, only)
        if path is not None or _changed(report):
            self.searcher.reload()
        if path is not None:
            self.service.sources = CanonicalTexts(Catalog(self.store),
                                                  SourceTexts(path, self.max_file_bytes))
        return report

    def sources(self) -> list[DocumentRecord]:
        """Every stored document with its title, date, format, pages and passages."""
        return Catalog(self.store).records()


def _changed(report: IngestReport) -> bool:
    """True when an ingest stored or removed anything."""
    return bool(report.stored or report.removed)


def _ingest(folder: Path, store: ChromaStore, morph: Morphology, data: Path | None,
            progress: Progress | None, max_bytes: int,
            only: Collection[str] | None = None) -> IngestReport:
    """Ingest with the unfinished-ingest marker in `data` around it, then record a new
    generation (when anything changed) so other running processes reload."""
    if store.read_only:
        raise StoreReadOnlyError(
            f"the Chroma store at {store.where} is read-only: ingest needs write access;"
            " check the folder's permissions or mount, or point POLICYBOT_DATA elsewhere")
    marker = data / UNFINISHED if data is not None else None
    if marker is not None:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(folder.resolve()), encoding="utf-8")
    report = None
    try:
        with store.writing("ingesting"):
            report = ingest(folder, store, morph, progress, max_bytes=max_bytes, only=only)
    except DocumentError:
        if marker is not None:  # refused before any change (a broken metadata.json)
            marker.unlink(missing_ok=True)
        raise
    finally:
        # Even a failed ingest may have stored part of its work: others must look again.
        if report is None or _changed(report):
            store.mark_changed()
    if marker is not None:
        marker.unlink(missing_ok=True)
    return report


def _unfinished(data: Path, docs: Path) -> bool:
    """True when an ingest of `docs` into this data folder was cut short."""
    try:
        return (data / UNFINISHED).read_text(encoding="utf-8") == str(docs.resolve())
    except OSError:
        return False


def _model_and_null(embedder: Embedder | None, data: Path) -> tuple[Embedder, NullModel]:
    """The embedder (the bundled model unless one is given) and the off-topic reference."""
    embedder = embedder or E5Embedder(data / MODELS)
    null = NullModel(embedder, fixed_vectors(embedder, list(NULL_PASSAGES), data / NULL_VECTORS))
    embedder.embed_query("워밍업")  # the model's first run sets itself up: not on a question's time
    return embedder, null


def _kiwi(loading: Future[Kiwi] | None) -> Morphology:
    """Kiwi, with its first analysis done (Kiwi sets its model up lazily, on that one).

    `loading` is a lean Kiwi the caller started building earlier, already through it.
    """
    morph = Morphology.started(loading)
    if loading is None:
        morph.tokens("워밍업")
    return morph


def open_pipeline(
    docs: Path,
    data: Path,
    *,
    chroma_host: str | None = None,
    chroma_port: int = 8000,
    collection: str = "policybot",
    embedder: Embedder | None = None,
    morph: Morphology | None = None,
    kiwi: Future[Kiwi] | None = None,
    llm: LLMAnswerer | None = None,
    auto_ingest: bool = True,
    progress: Progress | None = None,
    fitted_selector: bool = True,
    check_every: float = 2.0,
    max_file_bytes: int = DEFAULT_MAX_BYTES,
) -> Pipeline:
    """Open the store (ingesting `docs` if it is empty or its last ingest was cut short).

    Opening reads only: collections are created, and the store written, only when the
    first ingest needs it, so a read-only store still answers.
    """
    with ThreadPoolExecutor(2, thread_name_prefix="load") as pool:
        # Kiwi and the embedding model load side by side, and beside the store's connection:
        # both spend that time in C code.
        loading = pool.submit(_model_and_null, embedder, data)
        kiwi_task = pool.submit(_kiwi, kiwi) if morph is None else None
        conn = connect(data, chroma_host, chroma_port)
        morph = kiwi_task.result() if kiwi_task is not None else morph
        embedder, null_model = loading.result()
    assert morph is not None
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
    if auto_ingest and (empty or (not conn.read_only and _unfinished(data, docs))):
        if store is None:
            store = ChromaStore(conn.client, embedder, collection, where=conn.where,
                                reconnect=conn.reconnect, identity=conn.identity)
        log.info("ingesting %s (the store is empty, or the last ingest was cut short)", docs)
        report = _ingest(docs, store, morph, data, progress, max_file_bytes)
    assert store is not None
    searcher = Searcher(store, morph, check_every=check_every,
                        cache=SnapshotCache(data / INDEX_CACHE))
    texts = CanonicalTexts(Catalog(store), SourceTexts(docs, max_file_bytes))
    service = PolicyService(searcher, texts, null_model,
                            llm=llm, selector=Selector.load() if fitted_selector else None)
    return Pipeline(docs, store, morph, searcher, service, report, data, max_file_bytes)
