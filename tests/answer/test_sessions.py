"""A numbered session asked about is covered only where the documents number one so."""

from __future__ import annotations

import pytest

from retrieval.answer.sessions import unnumbered_day, unnumbered_session

CORPUS = ("제1차 국가인공지능위원회('24.9)에서 발표한 정책방향. "
          "두 번째 발제자인 정준화 입법조사관은 말했다. 2단계 AI 생태계 핵심 과제")


@pytest.mark.parametrize("question", [
    "Who chaired the second National AI Committee meeting?",
    "2차 국가AI위원회 회의는 누가 주재했어?",
    "세 번째 세미나는 언제 열려?",
    "When is the 2nd Summit?",
])
def test_a_session_the_documents_never_number_so_is_named(question: str) -> None:
    assert unnumbered_session(question, CORPUS) is not None


@pytest.mark.parametrize("question", [
    "What was announced at the first National AI Committee meeting?",  # 제1차 is written
    "제1차 국가인공지능위원회에서 발표한 전략은?",
    "두 번째 발제자는 누구야?",  # a speaker is numbered, not a session
    "Who was the second presenter at the seminar?",
    "What are the core tasks for the second-stage AI ecosystem?",  # a stage
    "2차 전지 회의는 언제야?",  # 2차 전지 is a battery
    "AI 위원회는 무엇을 했나?",
    # The documents' 제1차 위원회 is the question's 1차 회의, whatever word each gives it.
    "국가인공지능위원회 1차 회의에서 유니콘 몇 개 육성한다고 했어?",
    "첫 번째 세미나 발표자는 누구야?",  # who spoke first is numbered, not the seminar
])
def test_no_session_or_one_they_number_is_left_alone(question: str) -> None:
    assert unnumbered_session(question, CORPUS) is None


DAYS = "개막식 첫날 패널토론에선 AI 스타트업 육성을 주제로 논의했다. 21일 차관 회의가 열렸다."


@pytest.mark.parametrize("question", [
    "컨퍼런스 둘째 날 패널토론 주제는 뭐였어?",
    "이튿날 발표자는 누구야?",
    "2일차에 누가 발표해?",
    "What was discussed on the second day of the conference?",
])
def test_a_day_the_documents_never_tell_of_is_named(question: str) -> None:
    assert unnumbered_day(question, DAYS) is not None


@pytest.mark.parametrize("question", [
    "컨퍼런스 첫날 패널토론 주제는?",  # the first day is told of
    "What was the topic of the first day's panel?",
    "12일 차관 회의에서 뭐라고 했어?",  # the 12th, and a vice-minister: no day two
    "SK 둘째 아들은 누구야?",  # a son, not a day
])
def test_no_day_or_one_they_tell_of_is_left_alone(question: str) -> None:
    assert unnumbered_day(question, DAYS) is None
