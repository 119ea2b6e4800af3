"""The selector's feature columns and the abstention model's signals, on hand-made candidates."""

from __future__ import annotations

import math

import numpy as np
import pytest

from retrieval.answer import ABSTAIN_FEATURES, FEATURES, Evidence, ScoredSentence, abstain_signals
from retrieval.answer.features import Candidate, feature_matrix
from retrieval.index import StoredSentence

IDF = {"sk": 2.0, "울산": 3.0, "투자": 1.0, "규모": 1.0, "데이터": 1.0, "센터": 1.0, "날씨": 1.0}
QUESTION = ["sk", "울산", "투자", "규모"]


def cand(text: str, tokens: list[str], *, order: int = 0, proper: tuple[str, ...] = (),
         context: tuple[str, ...] = (), kind: str = "text", dense: float = 0.8,
         rank: int = 0, score: float = 1.0) -> Candidate:
    return Candidate(text=text, context_text=" ".join(context), tokens=tuple(tokens),
                     context_tokens=frozenset(context), proper=frozenset(proper), kind=kind,
                     chunk_id="c", order=order, hit_rank=rank, hit_score=score, dense=dense)


def col(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, FEATURES.index(name)]


@pytest.fixture
def rows() -> np.ndarray:
    cands = [
        cand("SK는 울산에 7조원을 투자한다.", ["sk", "울산", "투자"], order=0, proper=("sk", "울산"),
             dense=0.9),
        cand("데이터 센터를 짓는다.", ["데이터", "센터"], order=1, context=("울산",), dense=0.85,
             rank=1, score=0.5),
        cand("날씨가 맑다.", ["날씨"], order=5, kind="heading", dense=0.7, rank=2, score=0.25),
    ]
    return feature_matrix(cands, QUESTION, ["sk", "울산"], "quantity", IDF, lexical_weight=1.0)


def test_overlap_is_idf_weighted_and_headings_count_only_in_context(rows: np.ndarray) -> None:
    assert col(rows, "own").tolist() == pytest.approx([6 / 7, 0.0, 0.0])
    assert col(rows, "context").tolist() == pytest.approx([6 / 7, 3 / 7, 0.0])


def test_dense_gap_is_measured_from_the_best_candidate(rows: np.ndarray) -> None:
    assert col(rows, "dense_gap").tolist() == pytest.approx([0.0, -0.05, -0.2])


def test_bm25_is_scaled_to_the_best_candidate(rows: np.ndarray) -> None:
    assert col(rows, "bm25").tolist() == pytest.approx([1.0, 0.0, 0.0])


def test_names_count_in_the_sentence_or_its_headings(rows: np.ndarray) -> None:
    assert col(rows, "proper").tolist() == pytest.approx([1.0, 0.5, 0.0])


def test_answer_type_match_and_miss(rows: np.ndarray) -> None:
    assert col(rows, "type_match").tolist() == [1.0, 0.0, 0.0]
    assert col(rows, "type_miss").tolist() == [0.0, 1.0, 1.0]


def test_neighbours_carry_the_overlap_of_the_sentence_beside_them(rows: np.ndarray) -> None:
    # Sentence 1 follows sentence 0; sentence 2 has no neighbour among the candidates.
    assert col(rows, "previous").tolist() == pytest.approx([0.0, 6 / 7, 0.0])
    assert col(rows, "next").tolist() == pytest.approx([0.0, 0.0, 0.0])


def test_chunk_rank_score_and_heading(rows: np.ndarray) -> None:
    assert col(rows, "chunk_rank").tolist() == pytest.approx([1.0, 0.5, 1 / 3])
    assert col(rows, "chunk_score").tolist() == pytest.approx([1.0, 0.5, 0.25])
    assert col(rows, "heading").tolist() == [0.0, 0.0, 1.0]


def test_an_english_question_fades_the_word_columns_out() -> None:
    cands = [cand("SK는 울산에 투자한다.", ["sk", "울산", "투자"])]
    x = feature_matrix(cands, QUESTION, [], None, IDF, lexical_weight=0.0)
    for name in ("own", "context", "bm25", "bigrams", "novel", "previous", "next"):
        assert col(x, name).tolist() == [0.0]
    assert col(x, "dense").tolist() == [pytest.approx(0.8)]
    # No answer type asked: neither a match nor a miss.
    assert col(x, "type_match").tolist() == col(x, "type_miss").tolist() == [0.0]


def scored(text: str, features: np.ndarray, score: float, own: float) -> ScoredSentence:
    sentence = StoredSentence(id=text, text=text, context="", kind="text", source="a.txt")
    return ScoredSentence(sentence, "c", 0, 0, dense=0.8, lexical=0.0, score=score, own=own,
                          features=features)


def test_abstention_signals_read_the_best_sentence_and_the_evidence(rows: np.ndarray) -> None:
    cands = [scored("SK는 울산에 7조원을 투자한다.", rows[0], 4.0, 0.6),
             scored("데이터 센터를 짓는다.", rows[1], 2.0, 0.0)]
    ev = Evidence(dense_top=0.9, null_top=0.8, key_coverage=0.75, missing_keys=("테슬라",),
                  lang="ko")
    signals = dict(zip(ABSTAIN_FEATURES, abstain_signals(ev, cands, "quantity"), strict=True))
    assert signals == pytest.approx({"best_logit": 4.0, "best_own": 0.6, "margin": 0.1,
                                     "missing": 1.0, "coverage": 0.75, "proper_best": 1.0,
                                     "type_missing": 0.0,
                                     # logits 4 and 2: the best holds e²/(e²+1) of the odds
                                     "best_share": math.exp(2) / (math.exp(2) + 1),
                                     "dense_top": 0.9})


def test_a_kind_asked_for_that_no_top_sentence_holds_is_a_signal(rows: np.ndarray) -> None:
    cands = [scored("데이터 센터를 짓는다.", rows[1], 2.0, 0.0)]
    ev = Evidence(0.9, 0.8, 1.0, (), "ko")
    signals = dict(zip(ABSTAIN_FEATURES, abstain_signals(ev, cands, "date"), strict=True))
    assert signals["type_missing"] == 1.0
    assert dict(zip(ABSTAIN_FEATURES, abstain_signals(ev, cands, None),
                    strict=True))["type_missing"] == 0.0
