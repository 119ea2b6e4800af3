"""A question asking what something was likened to is answered by the likeness."""

from __future__ import annotations

from retrieval.answer import prefer_likeness
from retrieval.answer.likeness import asks_likeness, likened_object, likens
from tests.answer.candidates import candidate


def test_questions_asking_for_a_likeness() -> None:
    assert asks_likeness("손정의 회장은 반도체를 무엇에 비유했나요?")
    assert asks_likeness("대통령이 AI를 어떤 기초 과목처럼 배워야 한다고 했나요?")
    # "…듯이" likens as "…처럼" does.
    assert asks_likeness("국민이 AI를 무슨 공부 하듯이 해야 한다고 했지?")
    assert not asks_likeness("대통령이 말했듯이 시장 형성은 어디서 시작돼?")  # as he said
    assert asks_likeness("What did Masayoshi Son compare semiconductors to?")
    assert asks_likeness("How did Masayoshi Son define ASI?")
    # "call" asks for a name given as often as for a likeness.
    assert not asks_likeness("What did Naver Cloud's CEO call sovereign AI?")
    assert not asks_likeness("SK는 울산에 얼마를 투자하나요?")
    assert not asks_likeness("How much did AI investment grow compared to last year?")
    assert not asks_likeness("Which firms make analog chips?")


def test_a_likeness_is_of_a_word_the_question_names() -> None:
    assert likens("✅ “AI는 이제 산수처럼 배워야 한다”", ["대통령", "ai"])
    assert likens("“반도체는 새로운 총(New Guns)”이라며 전략 자산임을 강조", ["반도체"])
    assert likens("그는 ASI를 ‘인간 능력의 만 배 이상을 뛰어넘는 지능’으로 규정하며", ["asi"])
    # A likeness of something else, or a word inside another name, is not it.
    assert not likens("“AI는 이제 산수처럼 배워야 한다”", ["반도체"])
    assert not likens("네이버클라우드 인공지능(AI)센터장은 “미국처럼 천문학적 투자가 아니라도”",
                      ["인공지능", "ai"])
    # A quote saying what it is, given as something said, not any quote about it.
    assert not likens("“반도체는 한국의 강점입니다”", ["반도체"])
    # "다음과 같이" (as follows) and the noun 규정 (a rule) liken nothing; "openai는" is no "ai는".
    assert not likens("정부는 다음과 같이 발표했다", ["정부"])
    assert not likens("정부는 개인정보 보호 규정을 지켜야 한다", ["정부"])
    assert not likens("openai는 반도체처럼 중요하다", ["ai"])


def test_the_likeness_comes_first() -> None:
    heading = candidate("🗣 이재명 대통령 마무리 발언 요약", 13.0)
    other = candidate("정부가 제품을 사주면 기업은 크고, 실패해도 학습이 생긴다.", 12.0)
    simile = candidate("✅ “AI는 이제 산수처럼 배워야 한다”", 11.0)
    assert prefer_likeness(["대통령", "ai"], [heading, other, simile]) == [simile, heading, other]
    assert prefer_likeness(["반도체"], [heading, other, simile]) == [heading, other, simile]


def test_the_likeness_is_asked_of_the_questions_object(morph) -> None:  # type: ignore[no-untyped-def]
    assert likened_object(morph, "손 회장은 반도체를 무엇에 빗대어 말했어?") == ["반도체"]
    assert likened_object(morph, "대통령이 AI를 초등 과목에 빗대서 어떻게 익혀야 한다고 했지?") == [
        "ai", "인공지능"]
    # Not 울산, also named: the facility is what is likened, named by its whole phrase.
    assert likened_object(morph, "SK 그룹 총수가 울산에 세우겠다는 대형 연산 시설을 어떤 길에 비유했지?") == [
        "대형", "연산", "시설"]
    assert likened_object(morph, "대통령이 AI 공부를 어떤 기초 과목처럼 해야 한다고 비유했나요?") == [
        "ai", "공부", "인공지능"]
    # Kiwi splits "인공지능을" into 인공 + 지능; the word as written has its other spelling.
    assert {"인공지능", "ai"} <= set(likened_object(
        morph, "대통령이 인공지능을 어린이가 기초 과목 익히듯 배워야 한다고 했던데 어떤 과목에 비유했지?"))
    # A chip asked is a semiconductor written.
    assert "반도체" in likened_object(morph, "손 회장이 칩을 무기에 빗댔다던데 뭐라고 했어?")
    # No object: every word of the question may be what is likened.
    assert likened_object(morph, "How did Masayoshi Son define ASI?") == []


def test_a_likeness_asked_in_so_many_words() -> None:
    assert asks_likeness("손 회장이 칩을 무기에 빗댔다던데 뭐라고 했어?", strictly=True)
    assert asks_likeness("메모리 같은 칩을 무기에 견줬다던데?", strictly=True)
    # A bare 처럼 compares a year with another, not a thing with a likeness.
    assert asks_likeness("작년처럼 올해도 AI 예산을 늘렸나요?")
    assert not asks_likeness("작년처럼 올해도 AI 예산을 늘렸나요?", strictly=True)


def test_calling_a_thing_named_by_one_common_noun_asks_for_a_likeness() -> None:
    assert asks_likeness("What did Masayoshi Son call semiconductors?")
    assert asks_likeness("What did Son call semiconductors during his meeting with Lee?")
    # A name given, a proper name, or a phrase whose last word is a name is not asked so.
    assert not asks_likeness("What did Upstage call its model?")
    assert not asks_likeness("What is the model called?")
    assert not asks_likeness("What did Lee call Ulsan?")
    assert not asks_likeness("What did Kim Yu-won call sovereign AI?")
    assert not asks_likeness("Who called the meeting?")
    assert not asks_likeness("What did the minister call for?")


def test_what_son_called_semiconductors_is_his_likeness(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    answer = e5_pipeline.service.ask("What did Masayoshi Son call semiconductors?")
    assert not answer.abstained and "새로운 총" in answer.answer


def test_what_something_was_called_in_quotes_is_a_likeness() -> None:
    assert asks_likeness("이재명 대통령은 울산을 어떤 도시라고 표현했나요?")
    assert asks_likeness("울산을 뭐라고 불렀어?")
    assert not asks_likeness("그는 뭐라고 했어?")  # what he said, not what he called it
    text = "이재명 대통령은 울산을 “대한민국 산업화의 첫 출발지”라고 언급하며, 과거 제조업이"
    assert likens(text, ["울산"])
    assert not likens("울산은 제조업 특화 도시, AI와의 결합이 가장 현실적인 곳", ["울산"])
    assert not likens("울산은 “AI 수도가 되겠다”라고 언급했다", ["울산"])  # only said
