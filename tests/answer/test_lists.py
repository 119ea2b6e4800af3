"""Questions asking for a whole list, and the lines that announce one."""

from __future__ import annotations

from retrieval.answer.lists import announces, asked_list


def test_how_many_items_a_question_asks_for() -> None:
    assert asked_list("최태원 회장이 제안한 5가지는 뭐야?") == 5
    assert asked_list("정 조사관의 여섯 가지 전략은?") == 6
    assert asked_list("손 회장이 말한 4대 핵심 자원은?") == 4
    assert asked_list("What were Chey Tae-won's five proposals at the Ulsan meeting?") == 5
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
