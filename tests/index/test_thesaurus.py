"""A chat user's everyday words are also looked for as news and press releases write them."""

from __future__ import annotations

from dataclasses import replace

from retrieval.answer import clean_question
from retrieval.index import Morphology, Thesaurus

TABLE = "# note\n\n큰 회사\t대기업\n자료\t데이터\n몸값\t기업가치\n하청\t하도급,외주\n돈\t자금\n빈 줄\t \n"


def test_a_lines_words_stand_for_each_other(morph: Morphology) -> None:
    thesaurus = Thesaurus.load(morph, TABLE)
    # Each word as Kiwi cuts it, as BM25 counts it: 대기업 is 대 + 기업, of which 기업 counts.
    big = tuple(morph.tokens("대기업"))
    assert thesaurus.alternates("큰 회사 몸값이랑 자료는?") == {
        "크": (big,), "회사": (big,), "몸값": (("기업", "가치"),), "자료": (("데이터",),)}
    # Both ways: the documents may write the everyday word ("하청") and the question another.
    assert thesaurus.alternates("외주 받는 구조") == {"외주": (("하청",),)}


def test_a_phrase_is_matched_whole_as_consecutive_morphemes(morph: Morphology) -> None:
    thesaurus = Thesaurus.load(morph, TABLE)
    # "회사가 크다" is not the phrase "큰 회사"; "돈다" holds no 돈; "자료실" is no 자료.
    assert thesaurus.alternates("회사가 크다") == {}
    assert thesaurus.alternates("바퀴가 돈다") == {}
    assert thesaurus.alternates("자료실에 가 봐") == {}


def test_comments_blank_and_one_word_lines_are_skipped(morph: Morphology) -> None:
    assert len(Thesaurus.load(morph, TABLE).groups) == 5


def test_bundled_table_maps_everyday_words_to_formal_ones(morph: Morphology) -> None:
    thesaurus = Thesaurus.load(morph)
    assert len(thesaurus.groups) > 300
    found = thesaurus.alternates("사람·자료·설비 중 하나만 잘 잡으면")
    assert ("데이터",) in found["자료"] and ("인프라",) in found["설비"]


def test_everyday_words_the_documents_write_formally_are_not_missing(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    # The documents write 인재·데이터·인프라; "자료" and "설비" are nowhere in them.
    service = e5_pipeline.service
    q = clean_question("패널토론에서 사람·자료·설비가 맞물려 돌아가야 한다고 한 사람은?")
    result, cands, _ = service.examine(q)
    ev = service.evidence(q, result, cands)
    assert "자료" not in ev.missing_keys and "설비" not in ev.missing_keys
    assert ("데이터",) in result.alternates["자료"]
    # A sentence writing 데이터 and 인프라 uses the question's 자료 and 설비.
    line = next(c for c in cands if "인재·데이터·인프라" in c.sentence.text)
    plain = service.picker.candidates(replace(result, alternates={}))
    assert line.own > next(c for c in plain if c.sentence.id == line.sentence.id).own


def test_words_the_documents_use_get_no_alternates(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    # 회사 and 회의 are the documents' own words: meant as they use them.
    result = e5_pipeline.searcher.search("큰 회사 회의에서 외주 얘기 누가 했어?")
    assert "회사" not in result.alternates and "회의" not in result.alternates
    assert ("하청",) in result.alternates["외주"]
    english = e5_pipeline.searcher.search("Who talked about outsourcing?")
    assert english.alternates == {}


def test_a_word_written_formally_counts_as_known_to_the_sentence_features(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    # The word-overlap features fade with the share of the question's words the documents
    # know; 자료 and 설비 are known as 데이터 and 인프라.
    searcher = e5_pipeline.searcher
    result = searcher.search("패널토론에서 사람·자료·설비가 맞물려 돌아가야 한다고 한 사람은?")
    assert result.lexical_weight > searcher.lexical_weight(result.tokens)


def test_two_formal_words_of_a_line_do_not_stand_for_each_other(morph: Morphology) -> None:
    thesaurus = Thesaurus.load(morph, "메모리\tD램,낸드\n")
    assert thesaurus.alternates("낸드 가격은?") == {"낸드": (("메모리",),)}
