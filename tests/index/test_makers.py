"""A firm may be named by what it makes; the table says which firm makes what."""

from __future__ import annotations

from retrieval.index import Makers, written_as_word


def test_a_product_is_found_as_a_word_of_its_own_or_with_a_particle() -> None:
    makers = Makers.load()
    found = makers.named("챗GPT 만든 미국 회사가 돌리는 칩 수는?")
    assert [(p.written, p.makers[0]) for p in found] == [("챗GPT", "오픈ai")]
    assert [p.written for p in makers.named("카톡으로 보내줘")] == ["카톡"]
    assert [p.written for p in makers.named("What does the maker of ChatGPT run?")] == ["ChatGPT"]
    # Inside another word it is no product.
    assert makers.named("갤럭시아 회사의 대표는?") == []
    assert makers.named("제미나이트 광물") == []
    assert makers.named("O1 비자 받은 사람은?") == []


def test_a_maker_is_written_as_a_word_of_its_own() -> None:
    assert written_as_word("오픈ai", "미국은 민간기업 오픈ai(openai) 한 곳에서만")
    assert written_as_word("애플", "애플은 아이폰을 만든다")
    # Inside another word it is not written: 애플리케이션 is no 애플, 메타버스 no 메타.
    assert not written_as_word("애플", "ai 애플리케이션을 만든다")
    assert not written_as_word("메타", "메타버스 산업")


def test_a_table_given_as_text() -> None:
    makers = Makers.load("# comment\nfoo,bar\t바즈,baz\n")
    assert [p.makers for p in makers.named("what is bar?")] == [("바즈", "baz")]
