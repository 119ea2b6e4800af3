"""The country a question asks about, and sentences about another one."""

from __future__ import annotations

import pytest

from retrieval.answer.countries import (
    about_another_country,
    about_another_town,
    asked_countries,
    asked_towns,
    countries,
    figures_of_another,
    only_countries,
)


@pytest.mark.parametrize(("text", "named"), [
    ("현재 한국의 AI 유니콘 기업은 몇 개인가요?", {"한국"}),
    ("우리나라 민간 투자는 얼마야?", {"한국"}),
    ("'한·미 혁신생태계 및 AI 미래전략' 세미나", {"한국", "미국"}),
    ("인도네시아에 공장을 짓는다", set()),  # not 인도
    ("5日 中企 지원", set()),  # a day and a word's part, no country
    ("미국 유니콘 기업 161개 가운데 64개", {"미국"}),
    # A country's best-known cities and regions are of it.
    ("북미 지역 AI 스타트업 투자 건수는 샌프란시스코가 973건으로 가장 많고", {"미국"}),
    ("보스턴다이내믹스와 워싱턴포스트", set()),  # firms named after a city
])
def test_countries_named(text: str, named: set[str]) -> None:
    assert countries(text) == named


def test_a_sentence_naming_only_another_country_is_about_another_one() -> None:
    assert about_another_country({"한국"}, "미국 유니콘 기업 161개 가운데 64개")
    # One naming both, or none, may well be about the one asked.
    assert not about_another_country({"한국"}, "미국의 투자 규모는 한국(13억달러)의 80배")
    assert not about_another_country({"한국"}, "AI 유니콘 5개사를 육성한다")
    assert not about_another_country(set(), "미국 유니콘 기업 161개")


def test_a_country_gone_to_or_compared_with_is_not_whose_figure_is_asked() -> None:
    assert asked_countries("한국의 AI 유니콘 기업은 몇 개인가요?") == {"한국"}
    assert asked_countries("한국 AI 유니콘이 지금 몇 개야?") == {"한국"}
    assert asked_countries("몇 명의 대원을 일본으로 파견하였나?") == set()
    assert asked_countries("미국보다 몇 배 적어?") == set()
    assert asked_countries("일본 대지진으로 파견한 선발대는 몇 명?") == set()
    assert asked_countries("우리나라는 몇 위야?") == {"한국"}
    # Bare before words that end in the figure asked, as topic, it is whose figure too.
    assert asked_countries("세미나에서 한국 AI 스타트업 투자 건수는 몇 건이라고 했어?") == {"한국"}
    assert asked_countries("한국 AI 민간 투자 규모는 얼마야?") == {"한국"}
    assert asked_countries("미국 출장 인원은 몇 명이야?") == set()
    assert asked_countries("현재 우리나라 AI 유니콘 기업은 몇 개나 있어?") == {"한국"}
    assert asked_countries("한국 벤처투자에서 AI 분야가 차지하는 비중은?") == {"한국"}
    assert asked_countries("일본 대지진으로 몇 명이 다쳤어?") == set()


def test_a_name_of_countries_alone_is_no_body_or_person() -> None:
    assert only_countries("한·미") and only_countries("미국")
    assert not only_countries("쿼타랩") and not only_countries("한국전자통신연구원")
    assert not only_countries("미")  # one syllable names a country only in a pair


def test_countries_written_otherwise_are_countries_alone() -> None:
    assert only_countries("한미") and only_countries("대한민국") and only_countries("우리나라")
    assert not only_countries("한·미래")


def test_a_town_asked_is_where_things_are() -> None:
    assert asked_towns("미국 펜타콘 기업 가운데 뉴욕에 본사를 둔 곳은 몇 개인가요?") == {"뉴욕"}
    assert asked_towns("샌프란시스코의 투자 건수는?") == {"샌프란시스코"}
    assert asked_towns("뉴욕에는 유니콘이 몇 곳?") == {"뉴욕"}
    assert asked_towns("뉴욕보다 몇 배 많아?") == set()  # compared with, not where
    assert asked_towns("보스턴다이내믹스에 투자했나?") == set()  # a firm, not a city


def test_a_sentence_naming_only_another_town_is_about_another_one() -> None:
    assert about_another_town({"뉴욕"}, "■AI 투자, 실리콘밸리가 세계 중심으로 재부상 45개가 이 지역에")
    assert not about_another_town({"뉴욕"}, "샌프란시스코가 973건으로 2위 뉴욕의 3.5배")
    assert not about_another_town({"뉴욕"}, "펜타콘 기업 79개 가운데 45개")  # names none
    # Silicon Valley is San Francisco's bay area: a figure of one is of the other.
    assert not about_another_town({"샌프란시스코"}, "■AI 투자, 실리콘밸리가 세계 중심으로")


def test_a_figure_is_whose_the_words_just_before_it_say() -> None:
    text = "루닛은 국내 1호 의료 AI 창업 기업으로, 전 세계 병원 7,500곳에서 기술을 사용 중입니다."
    assert figures_of_another({"한국"}, text, ["7,500곳"])  # the world's, though Korea is named
    assert not figures_of_another({"한국"}, "국내 병원 120곳에서 쓴다", ["120곳"])
    assert not figures_of_another(set(), text, ["7,500곳"])  # no country asked
    assert not figures_of_another({"한국"}, text, [])  # no figure
    # One figure standing with Korea is enough.
    assert not figures_of_another({"한국"}, "미국 300곳, 한국 병원 120곳", ["300곳", "120곳"])
    # Korea's own figure measured against the world's is Korea's.
    assert not figures_of_another({"한국"}, "한국은 AI 경쟁력에서 전 세계 6위를 기록했다", ["6위"])
    assert not figures_of_another({"한국"}, "우리나라 유니콘은 전 세계 유니콘 중 3개", ["3개"])
    # A figure inside a larger one is not where it is looked for.
    assert not figures_of_another({"한국"}, "전 세계 1,120억원 중 국내 120억원",
                                  ["1,120억원", "120억원"])
