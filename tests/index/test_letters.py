"""Acronyms a Korean question spells out by their letters' names."""

from __future__ import annotations

from retrieval.index import lettered

WRITTEN = {"LG", "SK", "KT", "EU"}


def written(acronym: str) -> bool:
    return acronym in WRITTEN


def test_a_name_spelled_by_letters_is_written_as_the_acronym() -> None:
    assert lettered("엘지 쪽 연구소장은?", ["엘지"], written) == "LG 쪽 연구소장은?"
    assert lettered("에스케이는 얼마 투자해?", ["에스케이"], written) == "SK는 얼마 투자해?"
    assert lettered("케이티가 투자했나?", ["케이티"], written) == "KT가 투자했나?"


def test_only_a_proper_noun_spelling_an_acronym_the_documents_write() -> None:
    # 이유 spells E·U, but Kiwi tags it a common noun: it is not among the names.
    assert lettered("그 이유는 뭐야?", [], written) == "그 이유는 뭐야?"
    # 엘지 is LG, which these documents never write.
    assert lettered("엘지 쪽은?", ["엘지"], lambda a: False) == "엘지 쪽은?"
    # A name with syllables no letter is called ("엘지유플러스") is left as it is.
    assert lettered("엘지유플러스는?", ["엘지유플러스"], written) == "엘지유플러스는?"
    # One letter is no acronym.
    assert lettered("지 회사", ["지"], lambda a: True) == "지 회사"
