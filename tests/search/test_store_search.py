"""Ingestion and hybrid search, on disk and against a `chroma run` server, with fake embeddings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from chromadb.api import ClientAPI
from chromadb.errors import InternalError

from retrieval.errors import EmbedderMismatchError, StoreBusyError, StoreError
from retrieval.index import ChromaStore, Chunk, HashEmbedder, Morphology, ingest
from retrieval.search import IndexSnapshot, Searcher

DOCS = {
    "sk.txt": "SK 최태원 회장은 울산 AI 데이터센터에 7조원을 투자한다고 밝혔다.\n"
              "데이터센터는 AWS와 함께 짓는다.\n",
    "gpu.txt": "정부는 추경으로 GPU 1.3만장을 확보했다.\n미국 오픈AI는 GPU 72만장을 가동한다.\n",
    "edu.txt": "대통령은 AI 교육 의무화를 검토하겠다고 말했다.\n초중고 교육과정 개편이 논의된다.\n",
}


def _write(folder: Path, docs: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def store(chroma_client: ClientAPI, collection_name: str) -> ChromaStore:
    return ChromaStore(chroma_client, HashEmbedder(), collection_name)


def test_reingest_embeds_nothing(tmp_path: Path, store: ChromaStore, morph: Morphology) -> None:
    _write(tmp_path / "docs", DOCS)
    first = ingest(tmp_path / "docs", store, morph)
    assert first.documents == 3 and first.added > 0 and first.embedded > 0
    again = ingest(tmp_path / "docs", store, morph)
    assert again.embedded == 0 and again.added == 0 and again.removed == 0
    assert again.kept == first.added


def test_changed_and_deleted_documents(tmp_path: Path, store: ChromaStore,
                                       morph: Morphology) -> None:
    docs = tmp_path / "docs"
    _write(docs, DOCS)
    ingest(docs, store, morph)
    (docs / "sk.txt").write_text("SK는 울산에 8조원을 투자한다고 정정했다.\n", encoding="utf-8")
    (docs / "edu.txt").unlink()
    report = ingest(docs, store, morph)
    assert report.removed >= 2 and report.added >= 1
    texts = [c.text for c, _, _ in store.load_chunks()]
    joined = " ".join(texts)
    assert "8조원" in joined and "7조원" not in joined and "의무화" not in joined
    assert {c.source for c, _, _ in store.load_chunks()} == {"sk.txt", "gpu.txt"}


@pytest.fixture
def searcher(tmp_path: Path, store: ChromaStore, morph: Morphology) -> Searcher:
    """A searcher over DOCS, ingested."""
    _write(tmp_path / "docs", DOCS)
    ingest(tmp_path / "docs", store, morph)
    return Searcher(store, morph)


def test_ranking_is_exact_with_fake_embeddings(searcher: Searcher) -> None:
    result = searcher.search("정부는 GPU 몇 장을 확보했나?", k=3)
    assert result.hits[0].chunk.source == "gpu.txt"
    assert result.lexical_weight > 0.3
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    assert searcher.search("AI 교육 의무화", k=1).hits[0].chunk.source == "edu.txt"


def test_english_query_fades_the_lexical_side(searcher: Searcher) -> None:
    # Words neither the corpus nor the glossary knows: BM25 has nothing to say.
    english = searcher.search("Where did the quarterly shareholder letter go?")
    korean = searcher.search("울산 데이터센터 투자")
    assert english.lexical_weight < 0.1 < korean.lexical_weight


def test_english_words_given_in_korean_count_as_known(searcher: Searcher) -> None:
    # "invest", "data" and "center" reach the corpus as 투자, 데이터, 센터, and "Ulsan" as
    # 울산; the lexical side then weighs as much as for a Korean question.
    rendered = searcher.search("How much will they invest in the Ulsan data center?")
    unrendered = searcher.search("How much will they invest in the Ulsan data center quietly?")
    assert rendered.lexical_weight > 0.3
    assert rendered.hits[0].chunk.source == "sk.txt"
    assert unrendered.lexical_weight < rendered.lexical_weight


def test_unreadable_file_keeps_the_rest(tmp_path: Path, store: ChromaStore,
                                        morph: Morphology) -> None:
    docs = tmp_path / "docs"
    _write(docs, DOCS)
    (docs / "broken.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    report = ingest(docs, store, morph)
    assert report.documents == 3
    assert len(report.errors) == 1 and "broken.txt" in report.errors[0]


def test_reopening_with_another_embedder_fails_loudly(chroma_client: ClientAPI,
                                                      collection_name: str) -> None:
    ChromaStore(chroma_client, HashEmbedder(64), collection_name)
    with pytest.raises(EmbedderMismatchError):
        ChromaStore(chroma_client, HashEmbedder(32), collection_name)


def test_a_file_that_turns_unreadable_keeps_its_old_chunks(tmp_path: Path, store: ChromaStore,
                                                           morph: Morphology) -> None:
    docs = tmp_path / "docs"
    _write(docs, DOCS)
    ingest(docs, store, morph)
    (docs / "sk.txt").write_bytes(b"\xff\xfe broken now")
    report = ingest(docs, store, morph)
    assert report.errors and "sk.txt" in report.errors[0] and report.removed == 0
    assert "7조원" in " ".join(c.text for c, _, _ in store.load_chunks())


def test_loading_reuses_the_morphemes_stored_at_ingest(tmp_path: Path, store: ChromaStore,
                                                       morph: Morphology) -> None:
    _write(tmp_path / "docs", DOCS)
    ingest(tmp_path / "docs", store, morph)
    rows = store.load_chunk_rows(morph.signature)
    assert rows and all(r.tokens == morph.tokens(r.index_text) for r in rows)
    # Another Kiwi (or another recipe) made nothing here: those chunks are tokenized afresh.
    assert all(r.tokens is None for r in store.load_chunk_rows("kiwi-other"))
    searcher = Searcher(store, morph)
    assert searcher.lexical.tokens_of(0) == morph.tokens(searcher.index_texts[0])


def test_loading_reads_a_large_collection_in_pages(tmp_path: Path, store: ChromaStore,
                                                   morph: Morphology,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "docs", DOCS)
    ingest(tmp_path / "docs", store, morph)
    whole = store.load_chunks()
    records, vectors = store.load_sentences()
    # One read of a whole large collection exceeds SQLite's variable limit; pages of 2 here.
    monkeypatch.setattr("retrieval.index.store._PAGE", 2)
    assert store.load_chunks() == whole
    paged, paged_vectors = store.load_sentences()
    assert paged == records and (paged_vectors == vectors).all() and len(records) > 2


def _failing(store: ChromaStore, meanwhile: Callable[[], None], error: Exception,
             times: int = 1) -> None:
    """The chunks' next `times` page reads fail with `error`, after `meanwhile` ran."""
    real = store.chunks.get
    left = [times]

    def get(*args: Any, **kwargs: Any) -> Any:
        left[0] -= 1
        if left[0] <= 0:
            object.__setattr__(store.chunks, "get", real)
        meanwhile()
        raise error

    object.__setattr__(store.chunks, "get", get)


# What a Chroma server answers when a page read races another client's delete.
RACED = InternalError("Error executing plan: Internal error: Error finding id")


def test_a_read_that_fails_while_the_store_changes_is_read_again(
        tmp_path: Path, searcher: Searcher, store: ChromaStore, morph: Morphology) -> None:
    docs = tmp_path / "docs"
    (docs / "edu.txt").unlink()
    _failing(store, lambda: ingest(docs, store, morph), ValueError("a page went missing"))
    index = searcher.refresh(force=True)
    assert {c.source for c in index.chunks} == {"sk.txt", "gpu.txt"}


def test_a_server_failing_inside_a_read_is_read_again(searcher: Searcher,
                                                      store: ChromaStore) -> None:
    # The write that upset the server may have landed before the read began.
    _failing(store, lambda: None, RACED, times=2)
    assert len({c.source for c in searcher.refresh(force=True).chunks}) == 3


def test_a_read_that_keeps_failing_is_reported(searcher: Searcher, store: ChromaStore) -> None:
    _failing(store, lambda: None, RACED, times=10)
    with pytest.raises(StoreBusyError, match=r"failed while loading the chunks.*ask again"):
        searcher.refresh(force=True)


def test_a_failure_with_nothing_written_is_reported_at_once(searcher: Searcher,
                                                            store: ChromaStore) -> None:
    _failing(store, lambda: None, ValueError("a page went missing"))
    with pytest.raises(StoreError, match="failed while loading the chunks: ValueError"):
        searcher.refresh(force=True)
    assert len({c.source for c in searcher.refresh(force=True).chunks}) == 3


def test_a_search_the_server_fails_as_busy_is_run_again(
        tmp_path: Path, searcher: Searcher, store: ChromaStore, morph: Morphology) -> None:
    docs = tmp_path / "docs"
    (docs / "gpu.txt").unlink()
    real = store.chunks.query

    def query(*args: Any, **kwargs: Any) -> Any:
        object.__setattr__(store.chunks, "query", real)
        ingest(docs, store, morph)
        raise RACED

    object.__setattr__(store.chunks, "query", query)
    searcher.check_every = 0.0  # the search run again follows the change at once
    result = searcher.search("정부는 GPU 몇 장을 확보했나?", k=3)
    assert result.hits and all(h.chunk.source != "gpu.txt" for h in result.hits)


def test_a_store_busy_past_every_read_is_answered_from_the_loaded_index(
        tmp_path: Path, store: ChromaStore, morph: Morphology) -> None:
    _write(tmp_path / "docs", DOCS)
    ingest(tmp_path / "docs", store, morph)
    searcher = Searcher(store, morph, check_every=0.0)
    (tmp_path / "docs" / "edu.txt").unlink()
    ingest(tmp_path / "docs", store, morph)  # a change to load, on a server too busy to read
    _failing(store, lambda: None, RACED, times=10)
    result = searcher.search("정부는 GPU 몇 장을 확보했나?", k=3)
    assert result.hits[0].chunk.source == "gpu.txt"
    assert len({c.source for c in searcher.index.chunks}) == 3  # the index loaded before


def test_a_korean_passage_is_as_near_as_its_nearest_sentence(searcher: Searcher) -> None:
    # The question is one sentence of a two-sentence passage: the passage's own vector
    # blurs it with the other one, the sentence's vector does not.
    query = "데이터센터는 AWS와 함께 짓는다"
    hit = searcher.search(query, k=1).hits[0]
    idx = searcher.index
    vector = searcher.store.embedder.embed_query(query)
    nearest = max(float(idx.sentence_vector(s) @ vector)  # type: ignore[operator]
                  for s in idx.sentence_ids[hit.chunk.id])
    own = dict(searcher.store.dense(vector, 5))[hit.chunk.id]
    assert hit.chunk.source == "sk.txt"
    assert nearest > own + 0.05
    assert hit.dense == pytest.approx(nearest, abs=1e-5)
    assert idx.nearest_sentences(vector)[idx.positions[hit.chunk.id]] == pytest.approx(nearest,
                                                                                        abs=1e-5)


def test_an_english_passage_keeps_its_own_nearness(searcher: Searcher) -> None:
    # Cross-lingual sentence cosines misled more than they found, so English keeps the passage's.
    query = "The data center is built with AWS"
    vector = searcher.store.embedder.embed_query(query)
    own = dict(searcher.store.dense(vector, 5))
    for hit in searcher.search(query, k=3).hits:
        assert hit.dense == pytest.approx(own.get(hit.chunk.id, min(own.values())), abs=1e-5)


def test_a_snapshot_knows_the_terms_its_documents_hold(searcher: Searcher) -> None:
    idx = searcher.index
    assert idx.mentions("울산") and idx.mentions("투자")
    assert not idx.mentions("테슬라")
    # Remembered for the snapshot: the second answer is the first one, not a new scan.
    assert idx._mentions == {"울산": True, "투자": True, "테슬라": False}
    assert not idx.mentions("테슬라")


def test_a_sentence_two_passages_share_counts_for_both() -> None:
    # Chunks overlap by a sentence: s2 closes passage a and opens passage b.
    vectors = np.eye(4, dtype=np.float32)
    snap = IndexSnapshot(
        chunks=[Chunk(c, t, "d.txt", "D") for c, t in (("a", "x"), ("b", "y"), ("c", "z"))],
        index_texts=["x", "y", "z"], sentence_ids={"a": ["s1", "s2"], "b": ["s2", "s3"]},
        positions={"a": 0, "b": 1, "c": 2}, lexical=None, corpus_text="",  # type: ignore[arg-type]
        sentences={}, sentence_rows={"s1": 0, "s2": 1, "s3": 2, "s4": 3},
        sentence_vectors=vectors, aliases=None)  # type: ignore[arg-type]
    assert snap.nearest_sentences(vectors[1]).tolist() == [1.0, 1.0, -1.0]
    assert snap.nearest_sentences(vectors[3]).tolist() == [0.0, 0.0, -1.0]


def test_a_line_written_twice_is_followed_by_each_of_its_next_lines() -> None:
    # Ids are content hashes: "r" (a repeated line) is followed by "x" once and "y" once.
    snap = IndexSnapshot(
        chunks=[Chunk(c, t, "d.txt", "D") for c, t in (("a", "x"), ("b", "y"))],
        index_texts=["x", "y"], sentence_ids={"a": ["s1", "r", "x"], "b": ["x", "r", "y"]},
        positions={"a": 0, "b": 1}, lexical=None, corpus_text="",  # type: ignore[arg-type]
        sentences={}, sentence_rows={}, sentence_vectors=np.zeros((0, 4), np.float32),
        aliases=None)  # type: ignore[arg-type]
    assert snap.follows("s1", "r") and snap.follows("r", "x") and snap.follows("r", "y")
    assert not snap.follows("x", "s1") and not snap.follows("s1", "x")



def test_an_english_question_finds_first_the_passages_naming_whom_it_asks_about(
        tmp_path: Path, store: ChromaStore, morph: Morphology) -> None:
    # "Sean Randolph" is 란돌프 by one document's own "(Sean Randolph)". The fake embedder
    # puts the passage written in the question's English words nearest; the one naming him
    # in Korean comes first all the same.
    docs = {
        "intro.txt": "첫 발표자는 션 란돌프(Sean Randolph) 디렉터였다.\n",
        "talk.txt": "션 란돌프 디렉터는 벤처 투자가 늘었다고 말했다.\n",
        "echo.txt": "What did the director say about venture investment, and what next?\n",
        # A name most passages hold tells none apart: these keep 란돌프 a rare one.
        **{f"other{i}.txt": f"{i}번째 안건은 예산 심의였다.\n" for i in range(3)},
    }
    _write(tmp_path / "docs", docs)
    ingest(tmp_path / "docs", store, morph)
    searcher = Searcher(store, morph)
    question = "What did director Sean Randolph say about venture investment?"
    hits = searcher.search(question, k=3).hits
    assert {h.chunk.source for h in hits[:2]} == {"intro.txt", "talk.txt"}
    # Also searched in Korean (LLM mode), the names keep their passages first.
    hits = searcher.search(question, k=3, also="디렉터는 벤처 투자에 대해 무엇을 말했나").hits
    assert {h.chunk.source for h in hits[:2]} == {"intro.txt", "talk.txt"}
    # A place is where, not whom: "Ulsan" leaves the order to the scores.
    docs = {"ulsan.txt": "울산 행사에서 발표가 있었다.\n",
            "echo.txt": "What venture investment was announced at the event?\n",
            **{f"other{i}.txt": f"{i}번째 안건은 예산 심의였다.\n" for i in range(3)}}
    _write(tmp_path / "docs2", docs)
    ingest(tmp_path / "docs2", store, morph)
    searcher = Searcher(store, morph)
    hits = searcher.search("What venture investment was announced at the Ulsan event?", k=2).hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


PANEL = "제러드 퀸시 데이비스 미스릴(Mithril) 최고경영자가 토론에 나섰다.\n"


def _searcher_with(tmp_path: Path, store: ChromaStore, morph: Morphology,
                   extra: dict[str, str]) -> Searcher:
    """A searcher over DOCS and `extra`, ingested."""
    _write(tmp_path / "docs", {**DOCS, **extra})
    ingest(tmp_path / "docs", store, morph)
    return Searcher(store, morph)


def test_a_word_the_documents_split_or_spell_otherwise_is_searched_as_they_have_it(
        tmp_path: Path, store: ChromaStore, morph: Morphology) -> None:
    searcher = _searcher_with(tmp_path, store, morph, {
        "panel.txt": PANEL, "stages.txt": "4단계는 자율주행과 휴모노이드 같은 물리적 AI다.\n"})
    # Kiwi reads the question's 미스릴 whole and the document's "미스릴(Mithril)" as 미 + 스릴.
    assert "미스릴" not in searcher.index.lexical.df
    found = searcher.search("미스릴 대표는 누구인가?", k=5)
    assert {"미", "스릴"} <= set(found.tokens) and "미스릴" not in found.tokens
    assert [h.chunk.source for h in found.hits if h.lexical > 0] == ["panel.txt"]
    # A loanword written with another vowel is the documents' word, not a subject they lack.
    assert searcher.index.mentions("휴머노이드") and not searcher.index.mentions("휴머니즘")
    # BM25 finds it by the documents' spelling (the fake vectors say nothing either way).
    matched = [h.chunk.source for h in searcher.search("휴머노이드", k=5).hits if h.lexical > 0]
    assert matched == ["stages.txt"]


def test_someone_asked_by_post_is_also_looked_for_by_name(
        tmp_path: Path, store: ChromaStore, morph: Morphology) -> None:
    searcher = _searcher_with(tmp_path, store, morph, {
        "panel.txt": PANEL, "remark.txt": "데이비스 CEO는 스케일업이 어려웠다고 밝혔다.\n"})
    found = searcher.search("미스릴 대표는 무엇을 이야기했나?", k=5)
    # The later passage names him only by name: BM25 finds it through the panel's line.
    assert [h.chunk.source for h in found.hits if h.lexical > 0] == ["panel.txt", "remark.txt"]
    # He is no word of the question: a "who" question must still be answered by his name.
    assert "데이비스" not in found.tokens


def test_a_latin_word_is_counted_where_written_whole_and_in_its_case() -> None:
    snap = IndexSnapshot(
        chunks=[Chunk(c, t, "d.txt", "D") for c, t in
                (("a", "ARM 스쿨을 세운다"), ("b", "KARMA와 KAIST"), ("c", "arm 한쪽"), ("d", "ARM은"))],
        index_texts=["", "", "", ""], sentence_ids={}, positions={}, lexical=None,  # type: ignore[arg-type]
        corpus_text="", sentences={}, sentence_rows={},
        sentence_vectors=np.zeros((0, 4), np.float32), aliases=None)  # type: ignore[arg-type]
    assert snap.passages_writing_word("ARM") == 2
    assert snap._whole == {"ARM": 2}  # remembered for the snapshot


class _RecordingEmbedder(HashEmbedder):
    """Remembers every query it embedded."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return super().embed_query(text)


def test_a_question_spelling_ai_the_rarer_way_is_read_both_ways(
        tmp_path: Path, chroma_client: ClientAPI, collection_name: str, morph: Morphology) -> None:
    embedder = _RecordingEmbedder()
    store = ChromaStore(chroma_client, embedder, collection_name)
    _write(tmp_path / "docs", DOCS)  # every document writes AI, none 인공지능
    ingest(tmp_path / "docs", store, morph)
    searcher = Searcher(store, morph)
    embedder.queries.clear()
    searcher.search("인공지능 교육 의무화는 누가 말했어?")
    assert embedder.queries == ["인공지능 교육 의무화는 누가 말했어?", "AI 교육 의무화는 누가 말했어?"]
    embedder.queries.clear()
    # The documents' own spelling is read as written; so is 오픈AI, a name.
    searcher.search("AI 교육 의무화는 누가 말했어?")
    searcher.search("오픈AI는 GPU 몇 장을 가동해?")
    assert embedder.queries == ["AI 교육 의무화는 누가 말했어?", "오픈AI는 GPU 몇 장을 가동해?"]


def test_documents_writing_ai_neither_way_leave_the_question_as_written(
        tmp_path: Path, chroma_client: ClientAPI, collection_name: str, morph: Morphology) -> None:
    embedder = _RecordingEmbedder()
    store = ChromaStore(chroma_client, embedder, collection_name)
    _write(tmp_path / "docs", {"gpu.txt": "정부는 추경으로 GPU 1.3만장을 확보했다.\n"})
    ingest(tmp_path / "docs", store, morph)
    embedder.queries.clear()
    Searcher(store, morph).search("AI 반도체는 누가 만들어?")
    assert embedder.queries == ["AI 반도체는 누가 만들어?"]
