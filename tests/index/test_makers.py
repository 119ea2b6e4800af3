"""A firm may be named by what it makes; the table says which firm makes what."""

from __future__ import annotations

from retrieval.index import Makers


def test_a_product_is_found_as_a_word_of_its_own_or_with_a_particle() -> None:
    makers = Makers.load()
    found = makers.named("챗GPT 만든 미국 회사가 돌리는 칩 수는?")
    assert [(p.written, p.makers[0]) for p in found] == [("챗GPT", "오픈ai")]
    assert [p.written for p in makers.named("카톡으로 보내줘")] == ["카톡"]
    assert [p.written for p in makers.named("What does the maker of ChatGPT run?")] == ["ChatGPT"]
    # Inside another word it is no product.
    assert makers.named("갤럭시아 회사의 대표는?") == []
    assert makers.named("제미나이트 광물") == []


def test_a_table_given_as_text() -> None:
    makers = Makers.load("# comment\nfoo,bar\t바즈,baz\n")
    assert [p.makers for p in makers.named("what is bar?")] == [("바즈", "baz")]
