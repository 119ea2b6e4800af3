"""A question asking which firm, school or body is answered by a sentence naming one."""

from __future__ import annotations

from retrieval.answer import prefer_organisation
from retrieval.answer.organisations import asks_organisation, organisations
from tests.answer.candidates import candidate


def test_questions_asking_which_firm_school_or_body() -> None:
    assert asks_organisation("Which company does Jared Quincy Davis run?")
    assert asks_organisation("Which AI company has Kakao CEO Chung Shin-a worked with?")
    assert asks_organisation("루닛 서범석 대표는 어느 대학을 졸업했나요?")
    assert asks_organisation("SK가 어디랑 손잡고 짓는 거였죠?")
    assert not asks_organisation("Which minister gave the congratulatory speech?")
    assert not asks_organisation("울산 데이터센터는 어디에 짓나요?")
    assert not asks_organisation("SK는 울산에 얼마를 투자하나요?")
    # Words that ask on, or a benefit or a student, are no body asked for.
    assert not asks_organisation("What is the company's valuation?")
    assert not asks_organisation("What did the startup raise?")
    assert not asks_organisation("어떤 혜택을 기업이 받나요?")
    assert not asks_organisation("어떤 대학생이 참석했나요?")


def test_names_of_bodies_with_particles_and_latin_spellings() -> None:
    text = "정 대표는 오픈AI와 협업했고, 데이비스 미스릴(Mithril) 최고경영자(CEO)는 광주과학기술원을 찾았다."
    assert organisations(text) == ["오픈AI", "미스릴", "광주과학기술원"]
    # Words with an acronym in brackets are words, not names.
    assert organisations("인공지능(AI) 분야 최고경영자(CEO)들이 모였다.") == []
    assert organisations("대학원생과 연구원들이 참석했다.") == []
    # Kinds of AI and posts are no bodies.
    assert organisations("생성형AI와 피지컬AI를 선임연구원이 소개했다.") == []


def test_a_sentence_naming_another_body_of_whom_is_asked_comes_first() -> None:
    quote = candidate("제러드 퀸시 데이비스 CEO는 \"스타트업의 리스크가 크다\"고 했다.", 3.0)
    table = candidate("성명: 창업진흥원 본부장 • 한밭대학교 석사", 2.0)
    panel = candidate("토론은 제러드 퀸시 데이비스 미스릴(Mithril) 최고경영자(CEO)가 함께했다.", 1.0)
    known = ["제러드", "퀸시", "데이비스"]
    assert prefer_organisation(known, [quote, table, panel]) == [panel, quote, table]
    # Under a label naming them, a sentence speaks of them too.
    said = candidate("정 대표는 오픈AI와 협업한 경험을 바탕으로 강조했다.", 1.0, context="카카오 정신아 대표")
    assert prefer_organisation(["카카오", "정신아"], [quote, table, said])[0] is said
    # A body the question names itself is not the one asked.
    own = candidate("퓨리오사AI는 대기업과 협력해야 한다고 했다.", 1.0)
    assert prefer_organisation(["퓨리오사"], [quote, own]) == [quote, own]


def test_a_firm_before_its_heads_title_and_a_body_in_capitals() -> None:
    assert organisations("■ 업스테이지 CTO(공동창업자) • KAIST 전자공학 박사") == ["업스테이지", "KAIST"]
    assert organisations("매스프레소 이용재 대표, 카카오 정신아 대표") == ["매스프레소", "카카오"]
    # What kind of firm, a person, a chip or a post is no body.
    assert organisations("AI 기업 대표 (4) · 정신아 대표 · H100 GPU · CEO") == []
    # A word of time, order or role before a head's name is no firm.
    assert organisations("오늘 정신아 대표가, 당시 이용재 대표와 좌장 백준호 대표") == []
    assert organisations("OK, FAQ 참고") == []
