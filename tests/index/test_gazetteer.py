"""Well-known names an English question may give, looked for in the ways Korean text writes them."""

from __future__ import annotations

from retrieval.index import GAZETTEER_FILE, Glossary


def test_a_name_the_documents_write_in_any_spelling_is_known() -> None:
    table = Glossary.load("samsung\t삼성\nkorea\t한국,韓\nopenai\t오픈ai\n")
    corpus = "韓 13억달러. 미국 오픈ai(openai)는 72만장."
    assert table.unwritten(["Korea", "OpenAI"], corpus) == []
    assert table.unwritten(["Samsung", "Korea"], corpus) == ["Samsung"]
    # A name the table doesn't know is no evidence either way.
    assert table.unwritten(["Lablup"], corpus) == []


def test_a_place_written_in_latin_letters_is_the_one_the_table_spells() -> None:
    table = Glossary.load("sf\t샌프란시스코\nsamsung\t삼성\n")
    corpus = "실리콘밸리와 샌프란시스코 지역에 집중됐다"
    assert table.written("SF", corpus)
    assert not table.written("Samsung", corpus)
    # A name the table doesn't know is not known to be written.
    assert not table.written("LA", corpus)
    assert Glossary.load(bundled=GAZETTEER_FILE).written("SF", corpus)


def test_a_name_of_several_words_is_looked_for_as_written_in_capitals() -> None:
    table = Glossary.load("bank of korea\t한국은행,한은\nnational assembly\t국회\n")
    corpus = "22대 국회에 계류 중인 법안"
    assert table.unwritten_phrases("What is the Bank of Korea's base rate?", corpus) == ["Bank of Korea"]
    # One the documents write, in any spelling, is known.
    assert table.unwritten_phrases("Which National Assembly is the bill pending in?", corpus) == []
    # Written in lower case inside a sentence, the words are no name.
    assert table.unwritten_phrases("the central bank of korea's neighbours", corpus) == []


def test_the_bundled_table_loads() -> None:
    table = Glossary.load(bundled=GAZETTEER_FILE)
    assert table.entries["samsung"] == ("삼성",)
    assert table.entries["busan"] == ("부산",)
    assert len(table.entries) > 400
    assert table.entries["nobel prize"] == ("노벨상",)
