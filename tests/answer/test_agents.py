"""A question asking what someone should do is answered by a line about them."""

from __future__ import annotations

from retrieval.answer.agents import (
    about_agent,
    agent_line,
    asked_agent,
    asks_request,
    states_request,
)
from retrieval.answer.extractive import prefer_agent
from retrieval.index.chunk import HEADING_JOIN
from tests.answer.candidates import candidate


def test_whom_a_question_asks_the_part_of() -> None:
    assert asked_agent("수출하려면 정부가 어떤 역할을 해줘야 한다고 봤어?") == "정부"
    assert asked_agent("네이버 쪽은 해외에 팔려면 정부가 뭘 해줘야 한다고 했어?") == "정부"
    assert asked_agent("기업은 무엇을 해야 하나요?") == "기업"
    # What someone did is told in lines that need not name them again.
    assert asked_agent("정부가 무엇을 했나요?") is None
    assert asked_agent("SK는 울산에 얼마를 투자하나요?") is None
    # A one-syllable word is no agent ("누가", "그는", "국가 어떤 역할").
    assert asked_agent("누가 어떤 역할을 해야 하나요?") is None
    assert asked_agent("그는 무엇을 해야 한다고 했나?") is None


def test_a_line_is_about_the_agent_when_it_names_them_as_a_word() -> None:
    assert about_agent("정부", "• 정부의 외교적 리더십 필요")
    assert about_agent("정부", "한국 정부가 GPU를 확보했다")
    assert not about_agent("정부", "지방정부와 협력한다")
    assert not about_agent("정부", "정부청사에서 열렸다")


def test_the_line_of_the_first_ones_section_naming_the_agent_comes_first() -> None:
    question = "네이버 클라우드 대표는 해외에 팔려면 정부가 어떤 역할을 해줘야 한다고 봤어?"
    section = HEADING_JOIN.join(["주요 기업 발언", "네이버 클라우드 김유원 대표"])
    export = candidate("소린 AI는 전 세계가 필요로 하는 기술입니다.", 18.0, context=section)
    other = candidate("→ 중소기업을 위해 정부가 AI 이용권을 나눠줘야 한다", 14.0,
                      context=HEADING_JOIN.join(["SK 최태원 회장", "핵심 제안"]))
    role = candidate("• 정부의 외교적 리더십 필요", 13.0,
                     context=HEADING_JOIN.join([section, "핵심 제안"]))
    elsewhere = candidate("정부는 데이터센터를 지어야 한다", 15.0, source="b.txt")
    ranked = prefer_agent(question, [export, elsewhere, other, role])
    assert ranked[0] is role
    # A first line naming the agent stays first; with no line of its section naming it, too.
    assert prefer_agent(question, [role, export])[0] is role
    assert prefer_agent(question, [export, other, elsewhere])[0] is export


def test_a_request_asked_is_read_from_the_line_stating_one() -> None:
    assert asks_request("중앙정부에 뭘 해달라고 했어?")
    assert asks_request("의료 AI 회사 대표는 정부에 무엇을 요청했나요?")
    assert asks_request("What did the mayor ask the central government for?")
    assert not asks_request("울산시장은 어떤 박람회를 준비하나요?")
    # The noun or the passive asks for no request.
    assert not asks_request("AI 인재에게 요구되는 역량은?")
    assert not asks_request("정보공개 요청 절차는?")
    assert not asks_request("Who was asked to lead the task force?")
    assert not states_request("막대한 전력이 요구된다")
    assert states_request("→ 정부의 특별법 제정과 예산 지원 요청")
    assert states_request("→ “정부가 AI 시장의 고객이 되어주세요.”")
    assert not states_request("• 산업폐기물 지역을 정원화하는 국제 박람회 준비 중")
    section = HEADING_JOIN.join(["주요 기업 발언", "김두겸 울산시장"])
    fair = candidate("• 산업폐기물 지역을 정원화하는 국제 박람회 준비 중", 13.0, context=section)
    other = candidate("→ 기업들을 위해 정부가 이용권을 나눠줘야 한다는 요청", 12.5,
                      context=HEADING_JOIN.join(["SK 최태원 회장", "핵심 제안"]))
    ask = candidate("→ 정부의 특별법 제정과 예산 지원 요청", 12.0,
                    context=HEADING_JOIN.join([section, "산업폐기물 지역을 정원화하는 국제 박람회 준비 중"]))
    question = "울산시장이 박람회를 위해 중앙정부에 뭘 해달라고 했어?"
    assert prefer_agent(question, [fair, other, ask])[0] is ask
    # Another speaker's list headed alike is another section.
    sk = candidate("→ 정부가 이용권을 나눠줘야 한다", 12.4,
                   context=HEADING_JOIN.join(["SK 최태원 회장", "핵심 제안"]))
    naver = candidate("소린 AI는 전 세계가 필요로 하는 기술입니다.", 13.0,
                      context=HEADING_JOIN.join(["네이버 김유원 대표", "핵심 제안"]))
    role = "해외에 팔려면 정부가 어떤 역할을 해줘야 한다고 봤어?"
    assert prefer_agent(role, [naver, sk])[0] is naver


def test_the_state_asked_of_is_the_government_the_documents_name() -> None:
    assert about_agent("나라", "정부의 외교적 리더십 필요")
    # "나라는 극히 드뭅니다" speaks of countries at large, not of what the state should do.
    assert not about_agent("나라", "수출할 수 있는 역량을 갖춘 나라는 극히 드뭅니다")
    assert about_agent("국가", "국가가 나서야 한다") and about_agent("국가", "정부가 나서야 한다")


def test_what_a_line_answering_must_do() -> None:
    line = agent_line("정부가 어떤 역할을 해야 한다고 했나요?")
    assert line is not None and line("정부의 외교적 리더십 필요") and not line("수출 산업")
    request = agent_line("의료 AI 회사 대표는 무엇을 요청했나요?")
    assert request is not None and request("예산 지원 요청")
    assert agent_line("울산은 어떤 도시야?") is None


def test_the_speakers_list_naming_the_government_is_read_though_ranked_low(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    # "정부의 외교적 리더십 필요" sits in the 핵심 제안 list under 네이버 클라우드 김유원 대표,
    # a passage the search ranks below the ones about the export itself.
    for question in ("국가 주권을 지키는 인공지능을 통째로 해외에 팔려면 정부가 어떤 역할을 해야 한다고 했나요?",
                     "네이버 클라우드 사장은 우리 주권형 AI를 해외에 팔려면 나라가 어떤 역할을 해줘야 한다고 했어?"):
        answer = e5_pipeline.service.ask(question)
        assert not answer.abstained and "외교적 리더십" in answer.answer
