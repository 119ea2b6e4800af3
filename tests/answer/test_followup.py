"""Reading follow-ups: what a short question leaves out comes from the previous exchange."""

from __future__ import annotations

import pytest

from retrieval.answer import Conversation, FollowUpReader, Turn
from retrieval.index import Morphology

SK = "SK는 울산에 얼마를 투자하나요?"
SK_EN = "How much is SK investing in Ulsan?"
OH = "오영주 장관은 누구와 회의를 열었나요?"
LEE = "이재명 대통령은 손정의 회장과 무엇을 논의했나요?"
UPSTAGE = "업스테이지는 얼마의 투자를 유치했나요?"
DEEPSEEK = "What did DeepSeek build?"


@pytest.fixture(scope="module")
def reader(morph: Morphology) -> FollowUpReader:
    return FollowUpReader(morph)


def read(reader: FollowUpReader, previous: str, question: str,
         sources: tuple[str, ...] = ("000_2979ad4f5c775dad.txt",)) -> tuple[str, str] | None:
    reading = reader.read(question, Conversation.of([Turn(previous, "…", sources)]))
    return (reading.question, reading.note) if reading else None


# (previous question, follow-up, the standalone question it must become)
COMPLETED = [
    # A new subject handed over: the previous question asked again about it.
    (SK, "그럼 카카오는?", "카카오는 울산에 얼마를 투자하나요?"),
    (SK, "카카오는?", "카카오는 울산에 얼마를 투자하나요?"),
    (SK, "그러면 네이버는요?", "네이버는 울산에 얼마를 투자하나요?"),
    (OH, "그럼 이재명 대통령은?", "이재명 대통령은 누구와 회의를 열었나요?"),
    (LEE, "그럼 르네 하스 대표는?", "르네 하스 대표는 손정의 회장과 무엇을 논의했나요?"),
    (UPSTAGE, "그럼 래블업은?", "래블업은 얼마의 투자를 유치했나요?"),
    (SK_EN, "what about Kakao?", "How much is Kakao investing in Ulsan?"),
    (SK_EN, "And Naver?", "How much is Naver investing in Ulsan?"),
    (DEEPSEEK, "How about OpenAI?", "What did OpenAI build?"),
    (SK, "그럼 삼성전자는 얼마를?", "삼성전자는 울산에 얼마를 투자하나요?"),
    # A name replaces a name, the topic first among them.
    ("미국의 AI 민간 투자 규모는 얼마인가요?", "그럼 한국은?", "한국의 AI 민간 투자 규모는 얼마인가요?"),
    (LEE, "그럼 최태원 회장은?", "최태원 회장은 손정의 회장과 무엇을 논의했나요?"),
    # ... or a place, marked by 에/에서 or "in".
    (SK, "그럼 부산에서는?", "SK는 부산에 얼마를 투자하나요?"),
    (SK_EN, "what about in Busan?", "How much is SK investing in Busan?"),
    # Nothing to ask about of its own: the previous subject and topic come first.
    (SK, "언제 발표했나요?", "SK 울산 투자는 언제 발표했나요?"),
    (SK, "누가 발표했나요?", "SK 울산 투자는 누가 발표했나요?"),
    (UPSTAGE, "누가 투자했나요?", "업스테이지 유치는 누가 투자했나요?"),
    (OH, "어디서 열렸나요?", "오영주 장관 회의는 어디서 열렸나요?"),
    (SK, "투자 규모는?", "SK 울산 투자 규모는?"),
    # Words that point back are replaced by what they point at.
    (SK, "그건 누가 발표했나요?", "SK 울산 투자는 누가 발표했나요?"),
    (SK, "거기서 무엇을 짓나요?", "울산에서 무엇을 짓나요?"),
    (LEE, "그분은 언제 손정의 회장을 만났나요?", "이재명 대통령은 언제 손정의 회장을 만났나요?"),
    (SK, "그 회사는 무엇을 짓나요?", "SK 회사는 무엇을 짓나요?"),
    (SK_EN, "when was that?", "when was SK investing in Ulsan?"),
    (SK_EN, "and when?", "when SK investing in Ulsan?"),
    (SK_EN, "What will they build there?", "What will SK build in Ulsan?"),
    (DEEPSEEK, "Who funds it?", "Who funds DeepSeek build?"),
]

# Questions that stand on their own, after any previous question: never changed.
STANDALONE = [
    (SK, "카카오는 울산에 얼마를 투자하나요?"),
    (SK, "그럼 네이버는 얼마를 투자하나요?"),
    (SK, "이재명 대통령은 손정의 회장과 무엇을 논의했나요?"),
    (SK, "오픈AI의 H100 GPU는 몇 장인가요?"),
    (SK, "이 문서들은 무엇에 관한 것인가요?"),
    (OH, "루닛은 몇 곳의 병원에서 쓰이나요?"),
    (SK, "울산 데이터센터 투자 금액"),
    (SK, "AI 스타트업 펀드, 딥시크 대응?"),
    (SK_EN, "Who is the CEO of Naver?"),
    (SK_EN, "What did President Lee discuss with Son Masayoshi?"),
    (SK_EN, "Does Korea plan an AI fund for startups?"),
    (DEEPSEEK, "How many GPUs will Nvidia supply to Korea?"),
]


@pytest.mark.parametrize(("previous", "question", "expected"), COMPLETED,
                         ids=[q for _, q, _ in COMPLETED])
def test_a_follow_up_is_completed_from_the_previous_question(
        reader: FollowUpReader, previous: str, question: str, expected: str) -> None:
    reading = read(reader, previous, question)
    assert reading is not None and reading[0] == expected


@pytest.mark.parametrize(("previous", "question"), STANDALONE,
                         ids=[q for _, q in STANDALONE])
def test_a_question_that_stands_on_its_own_is_never_changed(
        reader: FollowUpReader, previous: str, question: str) -> None:
    assert read(reader, previous, question) is None


def test_the_note_says_how_a_handed_over_subject_was_read(reader: FollowUpReader) -> None:
    assert read(reader, SK, "그럼 카카오는?") == (
        "카카오는 울산에 얼마를 투자하나요?", "SK → 카카오: 울산 투자")


def test_a_follow_up_on_the_same_subject_keeps_the_answers_document(
        reader: FollowUpReader) -> None:
    conv = Conversation.of([Turn(SK, "…", ("000_2979ad4f5c775dad.txt",))])
    same = reader.read("언제 발표했나요?", conv)
    other = reader.read("그럼 카카오는?", conv)
    assert same is not None and same.sources == ("000_2979ad4f5c775dad.txt",)
    # A new subject may well be in another document.
    assert other is not None and other.sources == ()


def test_without_a_conversation_nothing_is_read_into_a_question(
        reader: FollowUpReader) -> None:
    assert reader.read("그럼 카카오는?", None) is None
    assert reader.read("그럼 카카오는?", Conversation()) is None


def test_the_latest_exchange_with_a_subject_is_the_one_used(reader: FollowUpReader) -> None:
    conv = Conversation.of([Turn(OH), Turn(SK)])
    reading = reader.read("그럼 카카오는?", conv)
    assert reading is not None and reading.question == "카카오는 울산에 얼마를 투자하나요?"


def test_the_particle_follows_the_new_subjects_last_sound(reader: FollowUpReader) -> None:
    # 울산은 / 카카오는, 삼성전자가 / 정부가: the particle is rewritten, not copied.
    reading = read(reader, "카카오는 어디에 투자하나요?", "그럼 울산은?")
    assert reading is not None and reading[0] == "울산은 어디에 투자하나요?"
    reading = read(reader, "정부가 무엇을 지원하나요?", "그럼 중기부는?")
    assert reading is not None and reading[0] == "중기부가 무엇을 지원하나요?"


def test_a_conversation_keeps_only_the_last_three_exchanges() -> None:
    conv = Conversation()
    for i in range(5):
        conv = conv.then(Turn(f"q{i}"))
    assert [t.question for t in conv.turns] == ["q2", "q3", "q4"]
