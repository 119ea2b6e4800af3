"""A name the documents never mention is a near miss; a name Kiwi merely cuts differently is not."""

from __future__ import annotations

from retrieval.index import (
    asked_in,
    by_surname,
    english_names,
    is_place,
    looks_like_person,
    people_beside,
    respelled,
    same_post,
    word_written,
    written_clipped,
)

CORPUS = "방시혁은 서울대학교 미학과에 입학하면서 음악 활동을 시작하였다."


def test_a_piece_of_a_name_the_documents_write_is_known() -> None:
    # Kiwi reads the question's "방시혁은" as 방시 + 혁; the documents write 방시혁.
    assert word_written("혁", "방시혁은 어느 학교 시절에 밴드 활동을 시작했나?", CORPUS)
    assert word_written("방시혁이", "방시혁이 탄 상은?", CORPUS)


def test_a_name_whose_last_syllable_kiwi_split_a_particle_from_is_known() -> None:
    # Kiwi reads the question's "미스릴" as 미스 + 리 + ᆯ; the documents write 미스릴.
    text = "제러드 퀸시 데이비스 미스릴(Mithril) 최고경영자(CEO)"
    assert word_written("리", "예전에 미스릴 CEO는 뭐라고 봤어?", text)
    assert not word_written("리", "예전에 미스릭 CEO는 뭐라고 봤어?", text)


def test_a_name_never_written_stays_unknown() -> None:
    # Only prefixes holding the whole term count: "아이" is in 아이디어, 아이폰 is nowhere.
    assert not word_written("아이폰", "애플의 아이폰은 언제 나오나?", CORPUS + " 아이디어")
    assert not word_written("테슬라", "테슬라의 자율주행 규정은?", CORPUS)


def test_the_word_is_read_whole_and_in_any_case() -> None:
    assert word_written("openai", "OpenAI의 투자는?", "openai는 투자했다")  # Kiwi lowercases
    assert word_written("혁", "'방시혁'은 누구?", CORPUS)  # quotes are no part of the word


def test_an_english_question_names_people_not_their_honorifics() -> None:
    assert english_names("Did Mr Lee talk to Dr. Kim about the EU?") == ["Lee", "Kim", "EU"]


def test_a_clipped_name_is_known_by_the_word_it_shortens() -> None:
    words = ["일본", "소프트뱅크", "손정의", "한국전력공사", "과학기술정보통신부"]
    assert written_clipped("소뱅", words)
    assert written_clipped("한전", words)
    # The first syllable starts the word, the word is longer, and few syllables stand between.
    assert not written_clipped("뱅크", words)
    assert not written_clipped("소프트", ["소프트"])
    assert not written_clipped("테슬라", words)
    # "과기부" leaves five out before 부: too far to be told from a chance match.
    assert not written_clipped("과기부", words)


def test_a_place_is_a_known_one_or_an_administrative_name() -> None:
    assert is_place("울산") and is_place("울산광역시")
    # A name ending like a district ("강석구") is a person; a word ending in 시 is a word.
    assert not is_place("강석구") and not is_place("당시")


def test_a_loanword_may_be_written_with_another_vowel() -> None:
    pattern = respelled("휴머노이드")
    assert pattern is not None
    assert pattern.search("자율주행, 휴모노이드") and pattern.search("휴머노이드")
    # One syllable at a time, and its first consonant stays: 휴머니즘 is another word.
    assert not pattern.search("휴모나이드") and not pattern.search("휴머니즘")
    assert not pattern.search("휴버노이드")
    # Two syllables leave too little to tell a variant from another word (회장, 회정).
    assert respelled("회장") is None and respelled("OpenAI") is None


def test_the_people_a_text_names_in_a_bodys_post() -> None:
    panel = ("토론은 공득조 광주과학기술원 부원장이 진행을 맡고, 배순민 KT AI2X 랩 상무, "
             "제러드 퀸시 데이비스 미스릴(Mithril) 최고경영자(CEO), 채명수 노타 대표가 참여했다.")
    assert people_beside("미스릴", panel, same_post("대표")) == ["제러드 퀸시 데이비스"]
    assert people_beside("노타", panel, same_post("사장")) == ["채명수"]
    # A body first, then the name: "매스프레소 이용재 대표".
    assert people_beside("매스프레소", "칸다를 개발한 매스프레소 이용재 대표", ("대표",)) == ["이용재"]
    # Another post, or words before the body that are no name, give no one.
    assert people_beside("광주과학기술원", panel, same_post("원장")) == []
    assert people_beside("노타", "칸다를 개발한 노타 대표", ("대표",)) == []
    assert looks_like_person("오영주") and not looks_like_person("카카오")


def test_a_surname_before_a_title_is_the_person_the_documents_so_title() -> None:
    corpus = "중소벤처기업부는 오영주 장관과 회의를 열었다. 정준화 국회입법조사처 입법조사관"
    assert by_surname("오", "오 장관이 뭐라고 했어?", corpus)
    assert by_surname("정", "정 조사관의 전략은?", corpus)
    # No 김 is a minister there, and 오 is no 대표.
    assert not by_surname("김", "김 장관이 뭐라고 했어?", corpus)
    assert not by_surname("오", "오 대표가 뭐라고 했어?", corpus)
    # An honorific and a particle may follow; "전 장관" is a former minister, and a deputy
    # minister no minister.
    assert by_surname("오", "오 장관님께서 뭐라고 했어?", corpus)
    assert not by_surname("전", "전 장관이 뭐라고 했어?", "전영수 장관이 말했다")
    assert not by_surname("유", "유 장관은?", "유상임 과기부 부장관이 말했다")
    # The firm between name and title may end in anything ("채명수 노타 대표").
    assert by_surname("채", "노타를 이끄는 채 대표는 뭐라고 했나요?", "채명수 노타 대표는 말했다")
    # Not across a line's end, nor with another person between.
    assert not by_surname("연", "연 장관은 뭐라고 했어?", "AI 연구\n오영주 장관")
    assert not by_surname("연", "연 장관은 뭐라고 했어?", "AI 연구 오영주 장관")


def test_a_language_a_name_is_asked_in_is_no_subject() -> None:
    assert asked_in("영어", "마지막 단계는 영어로 무엇이라고 불리나요?")
    assert asked_in("한국어", "딥시크는 한국어로는 어떻게 써?")
    assert not asked_in("영어", "영어 교육 예산은?")  # a subject of its own
    assert not asked_in("중국", "중국으로 무엇을 수출하나?")  # a country, not a language
    assert not asked_in("구글", "구글로 무엇을 검색하나?")  # a firm the documents may never name
    assert not asked_in("영어", "영어로 적용되는 규정은?")  # 적용, not 적다
