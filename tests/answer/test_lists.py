"""Questions asking for a whole list, and the lines that announce one."""

from __future__ import annotations

from retrieval.answer import ScoredSentence
from retrieval.answer.lists import announces, asked_list, list_lines
from tests.answer.candidates import candidate


def test_how_many_items_a_question_asks_for() -> None:
    assert asked_list("최태원 회장이 제안한 5가지는 뭐야?") == 5
    assert asked_list("정 조사관의 여섯 가지 전략은?") == 6
    assert asked_list("손 회장이 말한 4대 핵심 자원은?") == 4
    assert asked_list("What were Chey Tae-won's five proposals at the Ulsan meeting?") == 5
    # "when" joining clauses asks no time.
    assert asked_list("What were the five proposals he made when he spoke?") == 5
    assert asked_list("When were the five proposals made?") is None
    # A sum, a span of years or a count asked is no list.
    assert asked_list("SK는 7조원을 투자하나요?") is None
    assert asked_list("5년 내 몇 개를 육성하나?") is None
    assert asked_list("How many proposals did he make?") is None


def test_a_line_announces_a_list_of_that_many() -> None:
    assert announces(5, "📌 핵심 제안 5가지")
    assert announces(6, "정 조사관은 한국의 AI 경쟁력 강화를 위해 6가지 전략을 제시했다.")
    assert announces(4, "손 회장은 네 가지 자원으로 다음을 제시했다.")
    assert not announces(5, "📌 핵심 제안 15가지")
    assert not announces(5, "5년 내 2만 개 육성 목표")


def _items(n: int, heading: str, skip: int = 0) -> list[ScoredSentence]:
    """Numbered lines 1..n under a heading, all but item `skip`."""
    return [candidate(f"{i}. 과제 {i}번 내용이다", 0.5 - i / 100, heading)
            for i in range(1, n + 1) if i != skip]


def test_a_heading_counting_a_list_brings_every_numbered_item_under_it() -> None:
    head = candidate("📌 핵심 제안 5가지", 0.9, kind="heading")
    cands = [head, candidate("다른 문장이다", 0.8), *_items(5, "📌 핵심 제안 5가지")]
    found = list_lines(5, cands, lambda a, b: False)
    assert [c.sentence.text[:2] for c in found] == ["📌 ", "1.", "2.", "3.", "4.", "5."]
    # An item missing, or a count the heading does not give, answers with no list at all.
    assert list_lines(5, [head, *_items(5, "📌 핵심 제안 5가지", skip=3)], lambda a, b: False) == []
    assert list_lines(4, cands, lambda a, b: False) == []


def test_a_sentence_counting_a_list_brings_the_line_after_it_that_runs_the_items() -> None:
    said = candidate("정 조사관은 3가지 전략을 제시했다", 0.9)
    run = candidate("△규제 혁신 △수요 촉진 △인프라 지원", 0.4)
    other = candidate("△다른 목록 △둘", 0.6)
    follows = {(said.sentence.id, run.sentence.id)}
    found = list_lines(3, [said, other, run], lambda a, b: (a, b) in follows)
    assert [c.sentence.text for c in found] == [said.sentence.text, run.sentence.text]
    assert list_lines(3, [said, other], lambda a, b: (a, b) in follows) == []


def test_a_rank_a_generation_or_a_count_asked_is_no_list() -> None:
    assert asked_list("MZ 세대 정책은 뭐야?") is None
    assert asked_list("네 개인정보는 안전해?") is None
    assert asked_list("2대 주주는 누구야?") is None
    assert asked_list("AI 유니콘 5개 기업 육성 목표 연도는?") is None
    assert asked_list("중기부의 3개 과제는 뭐야?") == 3
    assert not announces(3, "세대 간 격차가 컸다")
