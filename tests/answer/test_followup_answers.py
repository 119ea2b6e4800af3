"""Follow-ups answered for real over the seeds: the completed question finds the right document."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval.answer import Answer, Conversation, Turn

pytestmark = pytest.mark.model

SK_DOC = "000_2979ad4f5c775dad.txt"
MSS_DOC = "002_c1e04058d3b0113a.txt"
LEE_DOC = "004_a2bae43af4aa1ade.txt"


def chat(service: Any, *questions: str) -> list[Answer]:
    """Ask in one conversation, as the surfaces do."""
    conversation, answers = Conversation(), []
    for question in questions:
        answer = service.ask(question, conversation=conversation)
        answers.append(answer)
        sources = tuple(dict.fromkeys(q.source for q in answer.quotes))
        conversation = conversation.then(Turn(answer.read_as or answer.question, answer.answer,
                                              sources))
    return answers


def test_a_handed_over_subject_keeps_the_question(e5_pipeline: Any) -> None:
    _, kakao = chat(e5_pipeline.service, "SK는 울산에 얼마를 투자하나요?", "그럼 카카오는?")
    assert kakao.question == "그럼 카카오는?"
    assert kakao.read_as == "카카오는 울산에 얼마를 투자하나요?"
    assert kakao.reading == "SK → 카카오: 울산 투자"
    assert '"reading": "SK → 카카오: 울산 투자"' in kakao.to_json()


def test_who_announced_it_is_answered_from_the_first_answers_document(e5_pipeline: Any) -> None:
    _, who = chat(e5_pipeline.service, "SK는 울산에 얼마를 투자하나요?", "누가 발표했나요?")
    assert who.read_as == "SK 울산 투자는 누가 발표했나요?"
    assert not who.abstained and who.quotes[0].source == SK_DOC
    assert "최태원" in who.answer


@pytest.mark.parametrize(("chain", "document"), [
    (["오영주 장관은 어디서 회의를 열었나요?", "누가 참석했나요?"], MSS_DOC),
    (["이재명 대통령은 손정의 회장과 무엇을 논의했나요?", "그분은 무엇을 강조했나요?"], LEE_DOC),
    (["How much is SK investing in Ulsan?", "who said that?"], SK_DOC),
    (["What did DeepSeek build?", "Who was worried about it?"], MSS_DOC),
])
def test_completed_questions_retrieve_the_documents_they_are_about(
        e5_pipeline: Any, chain: list[str], document: str) -> None:
    *_, last = chat(e5_pipeline.service, *chain)
    assert last.read_as is not None
    # "이재명 대통령은 무엇을 강조했나요?" is also answered by another document's summary of
    # his remarks: the completed question must find its document among the best, and the
    # answer, which weighs the conversation's documents too, must quote it.
    hits = e5_pipeline.service.search(last.read_as).hits[:3]
    assert document in {h.chunk.source for h in hits}
    assert not last.abstained and last.quotes[0].source == document


def test_english_what_about_keeps_the_question(e5_pipeline: Any) -> None:
    _, kakao = chat(e5_pipeline.service, "How much is SK investing in Ulsan?", "what about Kakao?")
    assert kakao.read_as == "How much is Kakao investing in Ulsan?"
    assert kakao.lang == "en"


def test_a_question_that_stands_alone_gets_the_same_answer_in_a_conversation(
        e5_pipeline: Any) -> None:
    question = "업스테이지는 얼마의 투자를 유치했나요?"
    alone = e5_pipeline.service.ask(question)
    _, within = chat(e5_pipeline.service, "SK는 울산에 얼마를 투자하나요?", question)
    assert within.reading is None and within.read_as is None
    assert (within.answer, within.quotes) == (alone.answer, alone.quotes)
