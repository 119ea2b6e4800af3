"""The alias table: Korean spellings of the English names a question uses."""

from __future__ import annotations

import pytest

from retrieval.index import AliasTable, LexicalIndex, Morphology
from retrieval.index.aliases import skeleton

TEXTS = [
    "실리콘밸리 경제연구소 션 란돌프(Sean Randolph) 선임연구원은 말했다.",
    "이재명 대통령은 손정의 회장과 만나 협력을 논의했다. 이재명 대통령은 강조했다.",
    "이번 회의에는 대통령실 관계자가 참석했다.",
    "SK 최태원 회장은 울산에 7조원을 투자한다. 래블업 대표와 매스프레소 대표도 참석했다.",
    "중국 딥시크(DeepSeek)가 주목받았다. 네이버는 투자를 늘렸다.",
    "중소벤처기업부(이하 중기부)는 5일 회의를 열었다. 인공지능(이하 ‘AI’) 활용을 논의했다.",
    "강석구 대한상의 조사본부장은 규제 완화를 주문했다. 강석준 연구원도 동의했다.",
    "유상임 과기정통부 장관은 상임위원회에 출석했다.",
    "백준호 퓨리오사AI 대표는 하정우 센터장과 토론했다.",
    "카카오 정신아 대표와 노타 채명수 대표가 발언했다.",
    "민간기업 오픈AI(OpenAI) 한 곳에서만 GPU를 가동한다.",
    "■ 인공지능법학회 회장 • 가천대 교수 • 미국 변호사. 회사명은 (가칭)으로 적었다.",
]


@pytest.fixture(scope="module")
def table(morph: Morphology) -> AliasTable:
    return AliasTable(TEXTS, LexicalIndex(TEXTS, morph).df, morph)


@pytest.mark.parametrize(("question", "names"), [
    ("What did Sean Randolph say?", ["란돌프"]),
    ("What is DeepSeek?", ["딥시크"]),
    ("What did Masayoshi Son say to President Lee?", ["손정의", "이재명"]),
    ("What did Chairman Chey promise?", ["최태원"]),
    ("How much will SK invest in Ulsan?", ["울산"]),
    ("What does Lablup do?", ["래블업"]),
    ("How much did Mathpresso raise?", ["매스프레소"]),
    ("What did Naver announce?", ["네이버"]),
    ("What is Lablup's cumulative investment?", ["래블업"]),  # the possessive is no part of it
    ("Who is the Kakao CEO?", ["카카오"]),  # a lone g by its consonants, spelled as romanized
    ("Kakao CEO Chung Shin-a said what?", ["카카오"]),  # a first word that is no English one
    ("What does Nota make?", ["노타"]),
    ("How many GPUs does OpenAI run?", ["오픈AI"]),  # a Korean name may end in Latin letters
    # A university is written with its 대; the word alone sounds like 가칭.
    ("Which Gachon University professor attended?", ["가천대"]),
])
def test_english_names_find_their_korean_spelling(table: AliasTable, question: str,
                                                   names: list[str]) -> None:
    found = table.korean_names(question)
    assert all(n in found for n in names), found


def test_no_names_for_plain_questions(table: AliasTable) -> None:
    assert table.korean_names("How much will the government invest in Korea?") == []
    assert table.korean_names("Explain what Naver announced") == ["네이버"]
    assert table.korean_names("SK는 울산에 얼마를 투자하나요?") == []


def test_a_surname_alone_is_not_enough_when_several_people_share_it(table: AliasTable) -> None:
    # "이번 … 대통령" and "이재명 대통령" share 이; the title picks the one named most with it.
    assert table.korean_names("What did President Lee say?") == ["이재명"]


def test_skeleton_merges_sounds_korean_writes_alike() -> None:
    assert skeleton("raebeureop") == skeleton("Lablup", english=True)
    assert skeleton("eopseuteiji") == skeleton("Upstage", english=True)
    assert skeleton("ulsan") == skeleton("Ulsan", english=True)


@pytest.mark.parametrize(("question", "words"), [
    ("What did Masayoshi Son say to President Lee Jae-myung?",
     {"masayoshi", "son", "lee", "jae-myung"}),
    ("What did Sean Randolph say?", {"sean", "randolph"}),
    ("What does Lablup do?", {"lablup"}),
    ("How much will the government invest in Korea?", set()),
])
def test_renderings_name_the_english_words_a_korean_name_stands_for(
        table: AliasTable, question: str, words: set[str]) -> None:
    names, used = table.renderings(question)
    assert names == table.korean_names(question)
    assert used == words


def test_names_found_by_sound_alone_can_be_left_out(table: AliasTable) -> None:
    # Lablup is in no pair: only its sound finds 래블업. Sean Randolph's pair names him.
    assert table.renderings("What does Lablup do?", by_sound=False)[0] == []
    assert table.renderings("What did Sean Randolph say?", by_sound=False)[0] == ["란돌프"]
    assert table.renderings("What did Chairman Chey promise?", by_sound=False)[0] == ["최태원"]


def test_a_pair_written_in_lower_case_can_be_left_out(table: AliasTable) -> None:
    # "deepseek" in lower case may be any word; as a name it is written with a capital.
    assert table.renderings("What is DeepSeek?", capitalised=True)[0] == ["딥시크"]
    assert table.renderings("what is deepseek?", capitalised=True)[0] == []
    assert table.renderings("what is deepseek?")[0] == ["딥시크"]


def test_a_surname_with_another_persons_given_name_is_not_them(table: AliasTable) -> None:
    # 손정의 is the one 손 the documents name, yet "Heung-min" is no 정의.
    assert "손정의" not in table.korean_names("What movies did Son Heung-min star in?")
    assert "손정의" in table.korean_names("What did Son say about chips?")
    assert "최태원" in table.korean_names("What did Chey Tae-won propose?")


def test_foreign_names_are_the_korean_spellings_that_sound_like_their_pair(
        table: AliasTable) -> None:
    # "딥시크(DeepSeek)" and "란돌프(Sean Randolph)" spell a name; "인공지능(이하 ‘AI’)" glosses.
    # "오픈AI(OpenAI)" is a pair English questions read, not a name Kiwi misreads.
    assert table.foreign_names() == {"딥시크", "란돌프"}
    assert AliasTable(["반도체는 “새로운 총(New Guns)”이다."], [], table.morph).foreign_names() == set()


def test_short_names_a_document_declares_are_other_spellings(table: AliasTable,
                                                              morph: Morphology) -> None:
    assert table.spellings("중기부") == {"중기부", "중소벤처기업부"}
    assert table.spellings("중소벤처기업부") == {"중기부", "중소벤처기업부"}
    assert table.spellings("AI") == {"AI", "인공지능"}
    assert table.spellings("네이버") == {"네이버"}
    # Kept through the index cache's JSON.
    again = AliasTable.from_json(table.to_json(), [], morph)
    assert again.spellings("중기부") == table.spellings("중기부")


@pytest.mark.parametrize(("question", "name", "words"), [
    # No title of the list goes with 강석구, and Kiwi cuts the name; its sound finds it.
    ("What did Kang Seok-gu say about regulation?", "강석구", {"kang", "seok-gu"}),
    ("What did Gang Seokgu say?", "강석구", {"gang", "seokgu"}),
    ("Did Kang Seok-jun agree?", "강석준", {"kang", "seok-jun"}),
    ("Which company does Baek Jun-ho lead?", "백준호", {"baek", "jun-ho"}),  # 백 is a surname
    ("Which company does Paik Jun-ho lead?", "백준호", {"paik", "jun-ho"}),  # spelled Paik too
])
def test_a_romanized_full_name_finds_the_name_it_sounds_like(
        table: AliasTable, question: str, name: str, words: set[str]) -> None:
    names, used = table.renderings(question)
    assert names == [name]
    assert used == words


def test_a_given_name_must_have_as_many_syllables(table: AliasTable) -> None:
    # "Sok" sounds like 석구 to the consonants ("sg"), but is one syllable, not two.
    assert table.korean_names("What did Kang Sok say?") == []
    assert table.korean_names("What did Kang Seok say?") == []


def test_a_word_a_name_stands_for_is_no_other_name(table: AliasTable) -> None:
    # "Sang-im" is part of 유상임; it also sounds like 상임, which the documents use.
    names, used = table.renderings("What did Science Minister Yoo Sang-im say?")
    assert names == ["유상임"]
    assert used == {"yoo", "sang-im"}


def test_a_romanized_given_name_is_no_loanword(table: AliasTable) -> None:
    # By its bare consonants "Jun-ho" sounds like 하정우; a hyphenated word is a given name.
    assert table.korean_names("Did Jun-ho speak?") == []


def test_a_surname_that_is_an_english_word_is_a_name_only_before_a_given_name(
        morph: Morphology) -> None:
    # 원 and 도 are surnames, and "Won" and "Do" English words: alone they are no one.
    table = AliasTable(["원종필 대표와 도경수 교수가 참석했다."], [], morph)
    assert table.korean_names("How many Korean Won will the fund hold?") == []
    assert table.korean_names("What Do the documents say?") == []


def test_of_words_with_the_same_consonants_the_closest_spelling_is_the_name(
        morph: Morphology) -> None:
    # 경주, 경제 and 강조 all sound g-n-j; "Gyeongju" is spelled as 경주 romanizes.
    texts = ["경북 경주에서 열린다. 경제 효과를 강조했다. 퀸시 대표가 왔다."]
    table = AliasTable(texts, LexicalIndex(texts, morph).df, morph)
    assert table.korean_names("Which event was held in Gyeongju?") == ["경주"]
    # A soft c is an s: "Quincy" is 퀸시.
    assert "퀸시" in table.korean_names("Who is Jared Quincy?")


def test_a_word_the_glossary_translates_is_not_heard_by_its_consonants(morph: Morphology) -> None:
    texts = ["AI는 이제 산수처럼 배워야 한다.", "사이언스 컨퍼런스가 열렸다."]
    table = AliasTable(texts, LexicalIndex(texts, morph).df, morph)
    # "Science" has a meaning (과학), so 산수, which shares its consonants, is not its name.
    assert "산수" not in table.korean_names("What did the Minister of Science and ICT say?")
    # A meaning that is itself the loanword is still heard ("Conference" is 컨퍼런스).
    assert "컨퍼런스" in table.korean_names("When was the Tech Conference held?")


@pytest.mark.parametrize(("question", "recased"), [
    ("what does lablup do?", "what does Lablup do?"),
    ("what did masayoshi son say to president lee?", "what did Masayoshi Son say to president Lee?"),
    ("how much has sk invested in ulsan so far?", "how much has sk invested in Ulsan so far?"),
    ("what was the total investment?", "what was the total investment?"),  # no name in it
    # Common words sound like document words too; only a longer unknown one is heard as one.
    ("where is the plant being built between them?", "where is the plant being built between them?"),
    ("What does lablup do?", "What does lablup do?"),  # typed with capitals: left as it is
])
def test_a_question_typed_in_lower_case_has_its_names_capitalised(
        table: AliasTable, question: str, recased: str) -> None:
    assert table.recased(question) == recased


def test_a_word_heard_only_by_its_sound_must_sound_like_a_name(table: AliasTable) -> None:
    # "lablup" sounds like 래블업, a firm; told that only 래블업 is a name, a word sounding
    # like any other document word stays in lower case.
    assert table.recased("how much has lablup raised?", lambda ko: ko == "래블업") == (
        "how much has Lablup raised?")
    assert table.recased("how much has lablup raised?", lambda ko: False) == (
        "how much has lablup raised?")
