"""A firm's head whom a table row leaves unnamed, and the line that names them."""

from __future__ import annotations

import pytest

from retrieval.answer import head_of, unnamed_heads

ROW = "성명: AI 기업 대표 (4) · 주요 약력: ■ 포티투마루 대표 • (前) SK 커뮤니케이션 검색사업 본부장"


def test_a_row_naming_a_firms_head_by_title_alone() -> None:
    assert unnamed_heads(ROW) == [("포티투마루", "대표")]
    # The firm's other name in brackets stays out of it.
    assert unnamed_heads("■ 매스프레소(관다) 대표 • MIT 리뷰 혁신가상") == [("매스프레소", "대표")]
    # A row that names its head, or a kind of firm, leaves nobody unnamed.
    assert unnamed_heads("✅ 카카오 정신아 대표") == []
    assert unnamed_heads("■ AI 기업 대표 • 스타트업 육성") == []


@pytest.mark.parametrize(("firm", "text", "head"), [
    ("포티투마루", "하정우(네이버클라우드), 김동환(포티투마루), 신정규(래블업)", "김동환"),
    ("매스프레소", "칸다를 개발한 매스프레소 이용재 대표, 업스테이지 이활석 CTO 등이", "이용재"),
    ("매스프레소", "이용재(매스프레소/판다), 이활석(업스테이지)", "이용재"),
    ("래블업", "하정우(네이버클라우드), 김동환(포티투마루)", None),
    # The line may write AI where the row writes 인공지능.
    ("인공지능법학회", "신정규(래블업), 최경진(AI법학회), 우신(부경대)", "최경진"),
    # Another firm's head beside it is not its head.
    ("업스테이지", "매스프레소 이용재 대표와 업스테이지의 제품", None),
])
def test_the_line_naming_a_firms_head(firm: str, text: str, head: str | None) -> None:
    assert head_of(firm, text) == head
