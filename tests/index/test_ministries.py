"""A ministry may be named in full, clipped, or by its field; the table knows every name."""

from __future__ import annotations

import pytest

from retrieval.index import Ministries


@pytest.mark.parametrize(("question", "full"), [
    ("과학기술 담당 장관은 다음 단계 AI 생태계를 위해 제일 급한 숙제가 뭐라고 봤어?",
     ["과학기술정보통신부"]),
    ("과학기술 주무 장관이 본 숙제는?", ["과학기술정보통신부"]),
    ("중소기업 담당 장관 누구였어?", ["중소벤처기업부"]),
    ("과학기술정보통신부 장관은 뭐라고 했어?", ["과학기술정보통신부"]),
    ("과기부는 뭐래?", ["과학기술정보통신부"]),
    # A field alone, with no post after it, names no ministry.
    ("산업 분야 딥테크 스타트업은?", []),
    ("스타트업 지원 방안은?", []),
    ("과학기술 분야 인재는?", []),
    # A branch of government, another country's department, a department of a firm.
    ("트럼프 행정부의 정책은?", []),
    ("미국 에너지부 장관은?", []),
    ("환경부서 담당자는?", []),
])
def test_a_ministry_is_named_by_any_name_or_by_its_field_and_a_post(question: str,
                                                                     full: list[str]) -> None:
    assert [m.full for m in Ministries.load().named(question)] == full


def test_names_start_with_the_full_one_and_a_table_given_as_text() -> None:
    table = Ministries.load("# comment\n가나부\t가부,가나부\t가나\n")
    assert table.entries[0].names == ("가나부", "가부")
    assert [m.full for m in table.named("가나 담당 장관")] == ["가나부"]


def test_a_ministry_described_is_searched_as_the_documents_clip_it(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    searcher = e5_pipeline.searcher
    idx = searcher.index
    assert "과기부" in searcher.ministries_named(idx, "과학기술 담당 장관은 무엇을 과제로 봤나?")
    # A name the documents write, as the question writes it, is left alone.
    assert searcher.ministries_named(idx, "중기부 회의 자유토론은 몇 분?") == []
    # An English question names one by its field and a post too, through the glossary.
    assert "과기부" in searcher.ministries_named(idx, "What did the science minister say?")
    assert searcher.ministries_named(idx, "What did the minister say?") == []
    # Its formal name writes the post first, and the field after "of".
    assert "과기부" in searcher.ministries_named(
        idx, "What did the Minister of Science and ICT see as the ecosystem's key tasks?")
    answer = e5_pipeline.service.ask("과학기술 담당 장관은 다음 단계 AI 생태계를 위해 제일 급한 숙제가 뭐라고 봤어?")
    assert not answer.abstained and "고급 AI 인재" in answer.answer


def test_an_english_who_is_answered_by_the_minister_of_the_ministry_named(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    # 산업부 안덕근 장관 ranks above 과기부 유상임 장관 on the Ulsan meeting's words; the
    # ministry asked says which minister.
    answer = e5_pipeline.service.ask(
        "Who was the science and ICT minister who spoke at the Ulsan AI meeting?")
    assert not answer.abstained and answer.answer.startswith("**유상임**")
