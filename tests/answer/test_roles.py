"""A question asking who played a part at an event is answered by the line saying who did."""

from __future__ import annotations

import pytest

from retrieval.answer import answer_type
from retrieval.answer.extractive import prefer_role
from retrieval.answer.roles import asked_role, plays
from tests.answer.candidates import candidate


@pytest.mark.parametrize(("question", "role"), [
    ("중기부 회의에서 발제를 맡은 사람은 누구인가요?", "talk"),
    ("중기부 모임에서 주제 발표를 맡은 사람은?", "talk"),
    ("딥시크 관련해서 발표는 누가 했어요?", "talk"),
    ("Who gave the keynote presentation at the meeting?", "talk"),
    ("컨퍼런스에서 축사한 장관은 누구인가요?", "congratulations"),
    ("그 컨퍼런스에서 축하 인사말을 건넨 장관은 누구였어?", "congratulations"),
    ("이 포럼에서 인사말을 건넨 장관은 누구였나요?", "greeting"),
    ("Who gave the congratulatory speech at the conference?", "congratulations"),
    ("패널토론의 진행은 누가 맡았나요?", "chair"),
    ("Who moderated the panel discussion?", "chair"),
])
def test_the_part_asked_about(question: str, role: str) -> None:
    found = asked_role(question)
    assert found is not None and found.name == role
    assert answer_type(question) == "person"


def test_questions_asking_no_part() -> None:
    assert asked_role("SK는 울산에 얼마를 투자하나요?") is None
    assert asked_role("Who is the CEO of Mithril?") is None
    # Who announced a strategy, ran a study or leads a committee plays no part at an event.
    assert asked_role("중기부 레벨업 전략을 발표한 장관은 누구인가요?") is None
    assert asked_role("연구를 진행한 교수는 누구야?") is None
    assert asked_role("Who chairs the National AI Committee?") is None
    assert asked_role("Who called for moderate regulation?") is None


def test_a_line_plays_the_part_when_it_names_who_did() -> None:
    talk = asked_role("발제를 맡은 사람은 누구인가요?")
    assert talk is not None
    question = "발제를 맡은 사람은 누구인가요?"
    assert plays(talk, question, "이번 회의에는 하정우 네이버클라우드 인공지능(AI)센터장이 발제를 맡았으며")
    # The programme's agenda names the talk and nobody; an announcement is no talk.
    assert not plays(talk, question, "- (진행안) ①최신 AI모델 개발 동향(발제), ②자유토론")
    assert not plays(talk, question, "중기부는 오영주 장관이 전략을 발표한 바 있다")
    # A word before a title is no name unless it starts with a surname and ends in no particle.
    assert not plays(talk, question, "발제 이후 토론에서 대표 기업들이 의견을 나눴다")
    congratulations = asked_role("축사한 장관은 누구인가요?")
    assert congratulations is not None
    assert not plays(congratulations, "축사한 장관은 누구인가요?", "행사에는 장관이 참석해 축사를 했다")


def test_the_line_of_the_first_ones_document_saying_who_played_it_comes_first() -> None:
    question = "중기부 회의에서 발제를 맡은 사람은 누구인가요?"
    host = candidate("중소벤처기업부는 5일 오영주 장관과 전문가 20여명이 참석한 가운데 회의를 개최하였다.", 14.0)
    other = candidate("중기부는 이번 회의 역시 생태계 활성화를 위한 노력의 일환이라고 밝혔다.", 13.0)
    speaker = candidate("이번 회의에는 하정우 네이버클라우드 인공지능(AI)센터장이 발제를 맡았으며", 9.0)
    assert prefer_role(question, [host, other, speaker]) == [speaker, host, other]
    # Not for a question asking no part, nor one that asks no person.
    assert prefer_role("중기부 회의에는 누가 참석했나요?", [host, other, speaker]) == [host, other, speaker]


def test_another_documents_speaker_only_when_the_first_ones_names_none() -> None:
    question = "회의에서 발제를 맡은 사람은 누구인가요?"
    host = candidate("오영주 장관은 회의를 주재했다.", 14.0)
    elsewhere = candidate("두 번째 발제자인 정준화 국회입법조사처 입법조사관은 말했다.", 12.0,
                          source="b.txt")
    own = candidate("이번 회의에는 하정우 센터장이 발제를 맡았으며", 9.0)
    assert prefer_role(question, [host, elsewhere, own])[0] is own
    assert prefer_role(question, [host, elsewhere])[0] is elsewhere


def test_a_congratulatory_speech_is_no_greeting() -> None:
    # The host's "인사말씀" at its own meeting congratulates nobody; a greeting asked may be a 축사.
    row = "14:10-14:20 (10') 인사말씀 중기부 오영주 장관"
    congratulations = asked_role("Who gave the congratulatory speech at the conference?")
    greeting = asked_role("이 포럼에서 인사말을 건넨 장관은 누구였나요?")
    assert congratulations is not None and greeting is not None
    assert not plays(congratulations, "Who gave the congratulatory speech?", row)
    assert plays(greeting, "인사말을 건넨 장관은 누구였나요?", row)
    assert not plays(greeting, "인사말을 건넨 장관은 누구였나요?", "14:15-14:20 (5') 인사말씀 장관")
    assert plays(greeting, "인사말을 건넨 장관은 누구였나요?", "한성숙 중기부 장관은 축사에서 말했다")
