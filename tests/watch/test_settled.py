"""What a process reads while another is half-way through an ingest, staged step by step
with the store's own writes: each document at one whole version, never half of one. Real
Chroma on disk and on a `chroma run` server, fake embeddings."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromadb.api import ClientAPI

from retrieval.documents import read_document
from retrieval.index import ChromaStore, HashEmbedder, Morphology, chunk_document, ingest
from retrieval.index.chunking import CHUNKER_VERSION, chunk_index_text
from retrieval.index.store import StoredSentence
from retrieval.search import Searcher
from retrieval.search.hybrid import HALF_STORED_WAIT
from retrieval.search.settled import read_settled
from tests.watch.docs import GPU, sk


@pytest.fixture
def store(chroma_client: ClientAPI, collection_name: str) -> ChromaStore:
    return ChromaStore(chroma_client, HashEmbedder(), collection_name)


def _half_store(store: ChromaStore, path: Path, morph: Morphology, chunks: int) -> int:
    """Store a file's sentences and its first `chunks` chunks, as an ingest cut there would."""
    doc = read_document(path, path.name)
    windows = chunk_document(doc, morph)
    version = f"{doc.digest}:{CHUNKER_VERSION}"
    sentences = {}
    ids = []
    for _, window in windows:
        ids.append([])
        for sent in window:
            sid = f"{path.name}-{sent.indexed}"[:200]
            ids[-1].append(sid)
            sentences[sid] = StoredSentence(sid, sent.text, sent.context, sent.kind, path.name)
    emb = store.embedder
    store.add_sentences(list(sentences.values()),
                        emb.embed_passages([s.indexed for s in sentences.values()]))
    part = windows[:chunks]
    texts = [chunk_index_text(c, w) for c, w in part]
    store.add_chunks([c for c, _ in part], texts, ids[:chunks], emb.embed_passages(texts),
                     version, len(windows))
    return len(windows)


def test_a_document_half_way_in_is_left_out_and_a_half_changed_one_stays_whole(
    tmp_path: Path, store: ChromaStore, morph: Morphology
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    ingest(docs, store, morph)
    before = {r[0].source: r for r in read_settled(store).rows}
    assert set(before) == {"gpu.txt", "sk.txt"}
    seven = [r[0].text for r in read_settled(store).rows if r[0].source == "sk.txt"]

    # Another process is half-way through storing a new file and a new version of sk.txt.
    new = tmp_path / "new"
    new.mkdir()
    (new / "sk.txt").write_text(sk("8조원", lines=16), encoding="utf-8")
    (new / "edu.txt").write_text(sk("9조원", lines=10).replace("SK", "교육부"), encoding="utf-8")
    total = _half_store(store, new / "sk.txt", morph, chunks=2)
    _half_store(store, new / "edu.txt", morph, chunks=1)
    assert total > 2

    read = read_settled(store)
    sk_now = [r[0].text for r in read.rows if r[0].source == "sk.txt"]
    assert sk_now == seven  # the old version, whole: none of the new one's chunks
    assert {r[0].source for r in read.rows} == {"gpu.txt", "sk.txt"}
    assert read.unsettled == {"edu.txt"}
    used = {sid for r in read.rows for sid in r[2]}
    assert {s.id for s in read.sentences} == used
    assert read.vectors.shape == (len(read.sentences), store.embedder.dim)


def test_a_document_whose_sentences_are_gone_is_left_out(
    tmp_path: Path, store: ChromaStore, morph: Morphology
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    ingest(docs, store, morph)
    # Read between an ingest dropping a document's sentences and its chunks' removal.
    doomed = [s.id for s in store.load_sentences()[0] if s.source == "sk.txt"][:1]
    store.delete(store.sentences, doomed)
    read = read_settled(store)
    assert {r[0].source for r in read.rows} == {"gpu.txt"}
    assert read.unsettled == {"sk.txt"}


def test_the_searcher_keeps_its_indexes_while_a_document_they_hold_is_half_stored(
    tmp_path: Path, store: ChromaStore, morph: Morphology
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gpu.txt").write_text(GPU, encoding="utf-8")
    (docs / "sk.txt").write_text(sk("7조원"), encoding="utf-8")
    ingest(docs, store, morph)
    clock = {"t": 0.0}
    searcher = Searcher(store, morph, check_every=0, clock=lambda: clock["t"])
    held = searcher.index
    doomed = [s.id for s in store.load_sentences()[0] if s.source == "sk.txt"][:1]
    store.delete(store.sentences, doomed)
    store.mark_changed()
    clock["t"] = 1.0
    assert searcher.refresh() is held  # sk.txt is mid-change: keep the whole one
    clock["t"] = HALF_STORED_WAIT + 2.0
    later = searcher.refresh()  # half-stored for too long: answer without it
    assert later is not held and {c.source for c in later.chunks} == {"gpu.txt"}
