"""The local copy of the derived indexes: used while the store is unchanged, never otherwise."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from chromadb.api import ClientAPI

from retrieval.index import ChromaStore, HashEmbedder, Morphology, ingest
from retrieval.search import IndexSnapshot, Searcher, SnapshotCache
from retrieval.search import snapshot as snapshot_module
from retrieval.search.settled import SettledRead, read_settled

DOCS = {
    "sk.txt": "SK 최태원 회장은 울산 AI 데이터센터에 7조원을 투자한다고 밝혔다.\n"
              "데이터센터는 아마존웹서비스(AWS)와 함께 짓는다.\n",
    "gpu.txt": "정부는 추경으로 GPU 1.3만장을 확보했다.\n미국 오픈AI는 GPU 72만장을 가동한다.\n",
    "edu.txt": "이재명 대통령은 AI 교육 의무화를 검토하겠다고 말했다.\n"
               "초중고 교육과정 개편이 논의된다.\n",
}
QUERIES = ["정부는 GPU 몇 장을 확보했나?", "울산 데이터센터 투자", "AI 교육 의무화",
           "What did President Lee say about AWS?"]


def _write(folder: Path, docs: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def store(chroma_client: ClientAPI, collection_name: str, tmp_path: Path,
          morph: Morphology) -> ChromaStore:
    """A store (on disk and on a server) with three small documents ingested."""
    s = ChromaStore(chroma_client, HashEmbedder(), collection_name)
    _write(tmp_path / "docs", DOCS)
    ingest(tmp_path / "docs", s, morph)
    s.mark_changed()
    return s


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a snapshot read the store (rather than its cached copy)."""
    count: list[int] = []

    def counted(store: ChromaStore, tokenizer: str = "") -> SettledRead:
        count.append(1)
        return read_settled(store, tokenizer)

    monkeypatch.setattr(snapshot_module, "read_settled", counted)
    return count


def _results(searcher: Searcher) -> list[object]:
    out: list[object] = []
    for q in QUERIES:
        r = searcher.search(q, k=5)
        out.append(([(h.chunk, h.score, h.dense, h.lexical) for h in r.hits], r.tokens,
                    r.lexical_weight))
    return out


def _same(a: IndexSnapshot, b: IndexSnapshot) -> None:
    assert a.chunks == b.chunks and a.index_texts == b.index_texts
    assert a.sentence_ids == b.sentence_ids and a.positions == b.positions
    assert a.sentences == b.sentences and a.sentence_rows == b.sentence_rows
    assert np.array_equal(a.sentence_vectors, b.sentence_vectors)
    assert a.sentence_vectors.dtype == b.sentence_vectors.dtype
    assert a.corpus_text == b.corpus_text and a.lexical.df == b.lexical.df
    assert [a.lexical.tokens_of(i) for i in range(len(a.chunks))] == [
        b.lexical.tokens_of(i) for i in range(len(b.chunks))]
    assert dict(a.aliases.pairs) == dict(b.aliases.pairs)
    assert dict(a.aliases.people) == dict(b.aliases.people)
    for q in QUERIES:
        tokens = a.lexical.morph.tokens(q)
        assert np.array_equal(a.lexical.scores(tokens), b.lexical.scores(tokens))


def _entries(folder: Path) -> list[Path]:
    return [p for scope in folder.iterdir() for p in scope.iterdir()] if folder.exists() else []


def test_a_second_open_loads_the_cache_and_answers_the_same(
        store: ChromaStore, morph: Morphology, tmp_path: Path, reads: list[int]) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    first = Searcher(store, morph, cache=cache)
    assert len(reads) == 1 and len(_entries(tmp_path / "cache")) == 1
    second = Searcher(store, morph, cache=cache)
    assert len(reads) == 1, "the second open read the store instead of its cached copy"
    _same(first.index, second.index)
    assert _results(first) == _results(second)
    assert second.index.aliases.korean_names("What did President Lee say about AWS?") == \
        first.index.aliases.korean_names("What did President Lee say about AWS?")
    # Nothing in the copy is a pickle, so loading it can never run code.
    for path in (tmp_path / "cache").rglob("*.npy"):
        assert np.load(path, allow_pickle=False) is not None


def test_an_ingest_leaves_the_old_copy_unused_and_writes_a_new_one(
        store: ChromaStore, morph: Morphology, tmp_path: Path, reads: list[int]) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    before = Searcher(store, morph, cache=cache)
    [old] = _entries(tmp_path / "cache")
    (tmp_path / "docs" / "sk.txt").write_text("SK는 울산에 8조원을 투자한다고 정정했다.\n",
                                              encoding="utf-8")
    ingest(tmp_path / "docs", store, morph)
    store.mark_changed()
    after = Searcher(store, morph, cache=cache)
    assert len(reads) == 2, "a copy of the store before the ingest was used"
    assert "8조원" in after.index.corpus_text and "7조원" not in after.index.corpus_text
    assert before.index.fingerprint != after.index.fingerprint
    [new] = _entries(tmp_path / "cache")
    assert new != old
    again = Searcher(store, morph, cache=cache)
    assert len(reads) == 2
    _same(after.index, again.index)
    # A running process reloading after another's ingest also fills the cache.
    before.refresh(force=True)
    assert len(reads) == 2 and "8조원" in before.index.corpus_text


def test_a_read_during_a_write_is_not_cached(
        store: ChromaStore, morph: Morphology, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    real = store.fingerprint()
    # The store changes between the fingerprint and the read: the read is of another state.
    monkeypatch.setattr(store, "fingerprint", lambda: (real[0], real[1] + 1, real[2]))
    IndexSnapshot.load(store, morph, real, cache)
    assert _entries(tmp_path / "cache") == []


def _truncate_vectors(entry: Path) -> None:
    path = entry / "vectors.npy"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garbage_chunks(entry: Path) -> None:
    (entry / "chunks.json").write_bytes(os.urandom(256))


def _wrong_shape(entry: Path) -> None:
    (entry / "sentences.json").write_text('{"not": "a list"}', encoding="utf-8")


def _fewer_rows(entry: Path) -> None:
    # Well-formed, but no longer the corpus the BM25 arrays were built over.
    path = entry / "chunks.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(rows[:-1], ensure_ascii=False), encoding="utf-8")


def _missing_bm25(entry: Path) -> None:
    for path in (entry / "bm25").glob("*.npy"):
        path.unlink()


def _empty_key(entry: Path) -> None:
    (entry / "key.json").write_text("", encoding="utf-8")


@pytest.mark.parametrize("damage", [_truncate_vectors, _garbage_chunks, _wrong_shape,
                                    _fewer_rows, _missing_bm25, _empty_key])
def test_a_damaged_cache_falls_back_to_the_store_with_one_warning(
        store: ChromaStore, morph: Morphology, tmp_path: Path, reads: list[int],
        caplog: pytest.LogCaptureFixture, damage: Callable[[Path], None]) -> None:
    cache = SnapshotCache(tmp_path / "cache")
    first = Searcher(store, morph, cache=cache)
    [entry] = _entries(tmp_path / "cache")
    damage(entry)
    with caplog.at_level(logging.WARNING, logger="retrieval.search.cache"):
        second = Searcher(store, morph, cache=cache)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "index cache" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()
    assert len(reads) == 2
    _same(first.index, second.index)
    assert _results(first) == _results(second)
    # The damaged copy was replaced: the next open loads it again, silently.
    caplog.clear()
    third = Searcher(store, morph, cache=cache)
    assert len(reads) == 2 and not caplog.records
    _same(first.index, third.index)


def test_an_unwritable_cache_folder_still_answers(
        store: ChromaStore, morph: Morphology, tmp_path: Path, reads: list[int]) -> None:
    # A file where the folder should be: no process, root included, can write under it.
    (tmp_path / "blocked").write_text("", encoding="utf-8")
    plain = Searcher(store, morph)
    blocked = Searcher(store, morph, cache=SnapshotCache(tmp_path / "blocked" / "cache"))
    assert len(reads) == 2
    assert _results(plain) == _results(blocked)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file modes")
def test_a_read_only_cache_folder_is_read_but_never_written(
        store: ChromaStore, morph: Morphology, tmp_path: Path, reads: list[int]) -> None:
    folder = tmp_path / "cache"
    first = Searcher(store, morph, cache=SnapshotCache(folder))
    paths = [folder, *folder.rglob("*")]
    for path in paths:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        again = Searcher(store, morph, cache=SnapshotCache(folder))
        assert len(reads) == 1
        _same(first.index, again.index)
        (tmp_path / "docs" / "gpu.txt").write_text("정부는 GPU 2만장을 확보했다.\n",
                                                   encoding="utf-8")
        ingest(tmp_path / "docs", store, morph)
        store.mark_changed()
        changed = Searcher(store, morph, cache=SnapshotCache(folder))
        assert len(reads) == 2 and "2만장" in changed.index.corpus_text
    finally:
        for path in paths:
            path.chmod(path.stat().st_mode | 0o200)


def test_a_bot_keeps_its_cache_in_the_data_folder(tmp_path: Path, morph: Morphology,
                                                  reads: list[int]) -> None:
    from retrieval.pipeline import INDEX_CACHE, open_pipeline

    _write(tmp_path / "docs", DOCS)
    first = open_pipeline(tmp_path / "docs", tmp_path / "data", embedder=HashEmbedder(),
                          morph=morph, fitted_selector=False)
    assert len(reads) == 1 and len(_entries(tmp_path / "data" / INDEX_CACHE)) == 1
    second = open_pipeline(tmp_path / "docs", tmp_path / "data", embedder=HashEmbedder(),
                           morph=morph, fitted_selector=False)
    assert len(reads) == 1
    assert _results(first.searcher) == _results(second.searcher)
    for q in QUERIES:
        a, b = first.service.ask(q).to_dict(), second.service.ask(q).to_dict()
        a.pop("latency_ms"), b.pop("latency_ms")
        assert a == b
