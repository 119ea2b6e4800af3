"""A question that names something is answered by a sentence that names it."""

from __future__ import annotations

from retrieval.answer import (
    ScoredSentence,
    prefer_holder,
    prefer_labelled,
    prefer_named,
    prefer_typed,
)
from retrieval.index import Chunk, StoredSentence
from retrieval.search import Hit
from tests.answer.candidates import candidate


def test_named_sentences_come_first_and_headings_count() -> None:
    general = candidate("미국 내 AI 투자금의 76%가 실리콘밸리에 집중됐다.", 34.0)
    row = candidate("성명: 매스프레소 대표 · 비고: 1,530억원 투자유치", 29.0)
    item = candidate("7조원 투자", 20.0, context="SK 최태원 회장")
    assert prefer_named(["매스프레소"], [general, row, item])[0] is row
    assert prefer_named(["SK"], [general, row, item])[0] is item
    assert prefer_named([], [general, row]) == [general, row]


def test_a_latin_name_is_named_as_a_word_of_its_own() -> None:
    # "LG유플러스" is another firm than LG; "LG는" and "LG AI연구원" name it.
    other = candidate("네이버, LG유플러스 등에서 투자유치", 30.0)
    theirs = candidate("LG는 바이오 분야를 중심으로 전문가형 AI 개발을 시도 중입니다.", 20.0)
    assert prefer_named(["LG"], [other, theirs])[0] is theirs
    assert prefer_named(["LG"], [theirs, other])[0] is theirs


def _hits(*chunks: tuple[str, str, str]) -> list[Hit]:
    return [Hit(Chunk(cid, text, "a.txt", title), 1.0) for cid, title, text in chunks]


def test_names_are_preferred_only_when_the_best_passage_names_none() -> None:
    best = ScoredSentence(StoredSentence("s1", "투자금의 76%가 몰렸다.", "", "text", "a.txt"),
                          "c1", 0, 0, 0.8, 0.0, 3.0)
    row = candidate("성명: 매스프레소 대표 · 비고: 1,530억원 투자유치", 1.0)
    about_others = _hits(("c1", "미국 AI 투자 동향", "투자금의 76%가 몰렸다."))
    about_them = _hits(("c1", "매스프레소 투자 유치", "투자금의 76%가 몰렸다."))
    assert prefer_named(["매스프레소"], [best, row], about_others) == [row, best]
    assert prefer_named(["매스프레소"], [best, row], about_them) == [best, row]  # title names it
    assert prefer_named([], [best, row], about_others) == [best, row]


def test_a_typed_sentence_scored_far_below_the_best_stays_behind_it() -> None:
    general = candidate("SK는 울산에 데이터센터를 짓는다.", 3.0)
    close = candidate("SK는 7조원을 투자한다.", 1.5)
    far = candidate("투자 규모는 7조원이다.", 0.5)
    assert prefer_typed("SK 투자 규모는 얼마?", set(), [general, close], gap=2.0)[0] is close
    assert prefer_typed("SK 투자 규모는 얼마?", set(), [general, far], gap=2.0)[0] is general


def test_who_holds_a_title_is_answered_by_the_sentence_naming_the_holder() -> None:
    about = candidate("중기부는 이번 회의 역시 생태계 활성화를 위한 노력의 일환이라고 밝혔다.", 26.0)
    other = candidate("중기부는 지난해 7월 전략을 발표한 바 있다.", 22.0)
    holder = candidate("중기부는 5일 63빌딩에서 오영주 장관과 전문가 20여명이 참석한 회의를 열었다.", 15.0)
    cands = [about, other, holder]
    words = ["중기", "부", "장관"]
    assert prefer_holder("중기부 장관은 누구인가요?", words, cands) == [holder, about, other]
    assert prefer_holder("Who is the minister?", ["minister", "중기", "장관"], cands)[0] is holder
    # With no other words to find (an English question naming nothing), the title decides.
    assert prefer_holder("Who is the minister?", [], cands)[0] is holder
    # Not a question about a title's holder, or its holder already first: nothing moves.
    assert prefer_holder("중기부는 무엇을 발표했나요?", ["중기", "부", "발표"], cands) == cands
    assert prefer_holder("중기부 대표는 누구인가요?", ["중기", "부", "대표"], cands) == cands
    assert prefer_holder("중기부 장관은 누구인가요?", words, [holder, about]) == [holder, about]
    # A 장관 named where the question's other words are not is not the one asked about.
    assert prefer_holder("산업부 장관은 누구인가요?", ["산업", "부", "장관"], cands) == cands
    # Beyond the top five candidates nothing is moved up.
    far = [about, *[other] * 5, holder]
    assert prefer_holder("중기부 장관은 누구인가요?", words, far) == far


def test_a_list_items_holder_may_be_its_heading() -> None:
    mayor = candidate("울산은 제조업 특화 도시, AI와의 결합이 가장 현실적인 곳", 0.8,
                  context="김두겸 울산시장")
    item = candidate("울산 포함 7곳, 분산 에너지 특구 후보지로 검토 중", 0.7,
                 context="정부 부처 입장: 산업부 안덕근 장관")
    question = "Which minister said Ulsan was a candidate site?"
    assert prefer_holder(question, ["울산"], [mayor, item]) == [item, mayor]
    # A holder in the sentence itself still comes before one in a heading.
    said = candidate("안덕근 장관은 울산을 후보지로 꼽았다", 0.6)
    assert prefer_holder(question, ["울산"], [mayor, item, said])[0] is said


def test_a_line_labelled_with_when_or_where_states_the_events_own() -> None:
    # A programme row's time is its item's; the notice's "(일시/장소)" line is the meeting's.
    row = candidate("시 간: 14:20-14:30 (10') · 주요 내용: 발제", 3.0)
    label = candidate("- (일시/장소) '24.2.5(수), 14:10~15:30, 여의도 63빌딩 기보 회의실(42층)", 1.0)
    assert prefer_labelled("회의는 몇 시에 시작했어?", [row, label])[0] is label
    assert prefer_labelled("What time did the meeting start?", [row, label])[0] is label
    assert prefer_labelled("회의 주제는?", [row, label])[0] is row  # asks for no time
    other = ScoredSentence(StoredSentence("s9", label.sentence.text, "", "text", "b.txt"),
                           "c", 0, 0, 0.8, 0.0, 1.0)
    assert prefer_labelled("회의는 몇 시에 시작했어?", [row, other])[0] is row  # another event


def test_a_person_asked_may_stand_in_the_heading_above() -> None:
    # The speaker's line names the firm; its heading names who leads it.
    row = candidate("성명: AI 기업 대표 (4) · 주요 약력: ■ 업스테이지 CTO(공동창업자)", 15.0)
    line = candidate("루닛은 국내 1호 의료 AI 창업 기업으로, 병원 7,500곳에서 기술을 쓴다.", 14.0,
                     context="주요 기업 발언 및 제안 요약 / 루닛 서범석 대표")
    assert prefer_typed("의료 AI 창업사를 이끄는 사람 이름이 뭐지?", set(), [row, line])[0] is line
