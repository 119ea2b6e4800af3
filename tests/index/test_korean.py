"""Kiwi as the core reads Korean: listed names."""

from __future__ import annotations

import pytest

from retrieval.index import Morphology, in_korean, without_fillers


@pytest.mark.parametrize(("text", "listed"), [
    ("카카오와 네이버는 각각 무엇을 제안했나요?", True),
    ("카카오랑 네이버는?", True),
    ("카카오, 네이버는 무엇을 했나요?", True),
    ("카카오 및 네이버의 제안은?", True),
    ("카카오는 울산 데이터센터에 얼마 투자한대?", False),  # one subject, one place
    ("카카오의 울산 투자는?", False),
])
def test_lists_names(morph: Morphology, text: str, listed: bool) -> None:
    assert morph.lists_names(text) is listed


def test_words_of_talk_are_no_key_terms(morph: Morphology) -> None:
    # "옛날에 …했었대?" places the question loosely in time; the documents need not write it.
    assert "옛날" not in morph.key_terms("손정의가 옛날에 김대중 대통령한테 뭐라고 했었대?")
    assert "김대중" in morph.key_terms("손정의가 옛날에 김대중 대통령한테 뭐라고 했었대?")
    # Talk alone is all a question gives to judge it by: kept.
    assert morph.key_terms("요새 어때?") == ["요새"]


def test_people_counted_are_no_key_terms(morph: Morphology) -> None:
    # "사람 몇 명" counts people; a passage giving "20여명" need not write 사람.
    assert "사람" not in morph.key_terms("그 세미나에 사람 몇 명 왔어?")
    assert "사람" in morph.key_terms("AI를 쓰는 사람은 어떤 혜택을 받나?")


def test_words_of_casual_talk_are_not_embedded() -> None:
    assert without_fillers("그 모임에 대충 몇 명 왔어?") == "모임에 몇 명 왔어?"
    # Only a word of its own: "그래픽" and "막대한" keep their syllables.
    assert without_fillers("그래픽 칩에 막대한 돈을") == "그래픽 칩에 막대한 돈을"


@pytest.mark.parametrize(("question", "korean"), [
    ("How many projects did TIPA (기정원) run?", False),  # a gloss in brackets
    ("AWS와 SK가 짓는 곳은?", True),
    ("Who is 오영주?", True),
    ("ㅋㅋ", True),
])
def test_a_question_is_korean_by_its_hangul_outside_brackets(question: str, korean: bool) -> None:
    assert in_korean(question) is korean


def test_words_cut_into_common_nouns(morph: Morphology) -> None:
    # A firm Kiwi doesn't know is cut in pieces; a word it knows is one noun.
    assert "업스테이지" in morph.cut_words("업스테이지가 개발한 모델은?")
    assert "울산" not in morph.cut_words("울산 데이터센터는 언제 가동되나요?")
    # Only whole words: the pieces must start one and end it, or stand before a particle.
    assert all(" " not in w for w in morph.cut_words("업스테이지 이활석 CTO는 누구?"))
    # Marks end and open words as spaces do.
    assert morph.cut_words("레벨업, 스케일업?")[:1] == ["레벨업"]
