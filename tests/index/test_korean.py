"""Kiwi as the core reads Korean: listed names."""

from __future__ import annotations

import pytest

from retrieval.index import Morphology


@pytest.mark.parametrize(("text", "listed"), [
    ("카카오와 네이버는 각각 무엇을 제안했나요?", True),
    ("카카오랑 네이버는?", True),
    ("카카오, 네이버는 무엇을 했나요?", True),
    ("카카오 및 네이버의 제안은?", True),
    ("카카오는 울산 데이터센터에 얼마 투자한대?", False),  # one subject, one place
    ("카카오의 울산 투자는?", False),
])
def test_lists_names(morph: Morphology, text: str, listed: bool) -> None:
    assert morph.lists_names(text) is listed
