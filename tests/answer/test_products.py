"""What a product is called, and what a firm makes: asked, and said by a line."""

from __future__ import annotations

import pytest

from retrieval.answer.products import (
    asks_product_name,
    asks_what_made,
    names_product,
    says_what_made,
)


@pytest.mark.parametrize(("question", "asks"), [
    ("퓨리오사AI가 개발한 AI 반도체 칩의 제품명은 무엇인가요?", True),
    ("이번 컨퍼런스에서 공개한 신형 칩 이름은?", True),
    ("매스프레소가 만든 수학 AI 앱 이름이 뭐였지?", True),
    ("What is the name of Upstage's large language model?", True),
    ("What's the name of the open-source AI security model Kakao released?", True),
    # A person's name is asked of a title, not of a product.
    ("카카오 대표 이름이 뭐였죠?", False),
    ("What is the name of the CEO of Kakao?", False),
    ("퓨리오사AI는 어떤 칩을 만드나요?", False),
    # A policy's programme or service is named otherwise; a role model is no model; a clause
    # after "name of" asks for the firms.
    ("중소기업 지원 프로그램의 이름은 무엇인가요?", False),
    ("정부가 만든 공공 서비스 명칭은?", False),
    ("그의 롤모델 이름은?", False),
    # A compound naming the kind ("언어모델") asks as "모델" does.
    ("업스테이지가 개발한 언어모델의 이름은 무엇인가요?", True),
    ("What are the names of the companies that provide cloud models?", False),
])
def test_which_questions_ask_a_products_name(question: str, asks: bool) -> None:
    assert asks_product_name(question) is asks


def test_a_name_given_as_one_beside_its_maker() -> None:
    question = "매스프레소가 만든 수학 AI 모델 이름은?"
    text = "전세계 약 1억명이 가입한 수학 특화 인공지능(AI)모델인 칸다를 개발한 매스프레소 이용재 대표"
    assert names_product(text, question, ["매스프레소"])
    assert names_product("LG는 EXAONE 모델을 공개했다", "LG 모델 이름은?", ["LG"])
    assert names_product("‘칸다’ 앱을 출시한 매스프레소", question, ["매스프레소"])
    assert names_product("The firm released a model called Kanda.", "model name?", [])
    # Another firm's model, sixty characters on, is not the maker's.
    far = text + ", 금융·법률·의료 등 산업별 인공지능(AI) 언어모델 솔루션 개발로 투자를 유치한 업스테이지"
    assert not names_product(far, "업스테이지 모델 이름은?", ["업스테이지"])


def test_a_line_that_names_only_the_kind_names_no_product() -> None:
    question = "카카오가 공개한 AI 보안 모델 이름이 뭐예요?"
    assert not names_product("AI 보안 가이드라인 모델 공개: 카카오는 이미 선제적으로 오픈소스를 공개해",
                             question, ["카카오"])
    # "AI", "GPU" say what kind a chip is; a quoted event is no product.
    assert not names_product("퓨리오사AI는 AI 반도체와 GPU 칩을 만든다", question, [])
    assert not names_product("'글로벌 초격차 테크 컨퍼런스'에서 백준호 대표는", question, [])
    # A bound noun after 인, a kind of memory, a prefix: no names.
    assert not names_product("첨단 반도체인 만큼 중요하다", question, [])
    assert not names_product("HBM 반도체와 TPU 칩", question, [])
    assert not names_product("K-반도체 전략", question, [])


def test_which_product_was_launched_asks_its_name() -> None:
    assert asks_product_name("Which NPU chip did the startup unveil at the expo?")
    assert asks_product_name("그 회사는 어떤 칩을 새로 공개했나?")
    # Which firms of a kind, or which models were talked about, asks no name of a product.
    assert not asks_product_name("Which chip companies attended?")
    assert not asks_product_name("Which models did they discuss?")
    assert not asks_product_name("Which model did the ministry announce support for?")
    assert not asks_product_name("What chip did he show interest in?")


def test_a_table_row_naming_its_maker_names_its_products() -> None:
    question = "포티투마루가 개발한 언어모델 이름 뭐였지?"
    row = ("성명: AI 기업 대표 (4) · 주요 약력: ■ 포티투마루 대표 • 국가AI위원회 기술혁신분과 "
           "전문위원 · 비고 (회사개요): LLM42, RAG42 언어모델 개발로 250억원 투자유치")
    assert names_product(row, question, ["포티투마루"], row=True)
    # Read as a sentence, the maker stands too far from the name to be its maker.
    assert not names_product(row, question, ["포티투마루"])
    # A row about another firm names none of this one's.
    assert not names_product(row.replace("포티투마루", "래블업"), question, ["포티투마루"], row=True)


@pytest.mark.parametrize(("question", "asks"), [
    ("What does Mithril, the company led by Jared Quincy Davis, actually make?", True),
    ("노타는 어떤 제품이나 기술을 만드는 회사야?", True),
    ("노타의 주력 제품은?", True),
    ("매스프레소는 뭘 만드는 회사야?", True),
    ("What is Lablup's flagship product?", True),
    ("What did the minister say?", False),
    ("노타 대표는 누구야?", False),
    ("중기부는 어떤 기술을 지원하나요?", False),  # what a ministry backs, not makes
    ("정부는 어떤 사업을 추진하나요?", False),
])
def test_which_questions_ask_what_a_firm_makes(question: str, asks: bool) -> None:
    assert asks_what_made(question) is asks


def test_a_line_says_what_a_firm_makes_in_words_of_making() -> None:
    assert says_what_made("수학 특화 AI모델인 칸다를 개발한 매스프레소 이용재 대표", ["매스프레소"])
    assert says_what_made("루닛은 국내 1호 의료 AI 창업 기업으로", ["루닛"])
    # A panel's list of names says who came, not what their firms make.
    panel = "제러드 퀸시 데이비스 미스릴(Mithril) 최고경영자(CEO), 백준호 퓨리오사AI 대표"
    assert not says_what_made(panel, ["미스릴", "Mithril"])
    # A table row is about one firm, however far its words of making stand.
    row = "■ 래블업 대표 • 한국통신학회 이사 • 포항공대 물리학과 석·박사 · 비고: AI언어 생성모델 클라우드 서비스"
    assert not says_what_made(row, ["래블업"]) and says_what_made(row, ["래블업"], row=True)
