"""Documents written in English: their dates and sums are read as such, their names looked up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from retrieval.pipeline import Pipeline
from tests.answer.corpus import pipeline_over

pytestmark = pytest.mark.model

DOCS = {
    "eu_ai_act.txt": (
        "EU AI Act enters into force\n\n"
        "The European Union's Artificial Intelligence Act entered into force on 1 August 2024."
        " The regulation sets rules for providers and deployers of AI systems by their risk.\n\n"
        "Prohibited practices, such as social scoring by public authorities, apply from"
        " 2 February 2025.\n\n"
        "Fines for the most serious infringements can reach 35 million euros or 7% of a"
        " company's worldwide annual turnover, whichever is higher.\n"),
    "uk_compute.txt": (
        "UK announces compute investment\n\n"
        "The UK government announced a 300 million pound investment in two new supercomputers"
        " at the universities of Bristol and Cambridge.\n\n"
        "Science Secretary Michelle Donelan said the investment would make the UK a leader in"
        " AI safety research.\n"),
}


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    yield pipeline_over(DOCS, tmp_path_factory, "english")


@pytest.mark.parametrize(("question", "lead"), [
    ("When did the EU AI Act enter into force?", "1 August 2024"),
    ("How much can fines reach under the EU AI Act?", "35 million euros"),
    ("How much will the UK invest in supercomputers?", "300 million pound"),
])
def test_an_english_date_or_sum_leads_the_answer(english: Pipeline, question: str,
                                                 lead: str) -> None:
    answer = english.service.ask(question)
    assert not answer.abstained
    assert answer.answer.startswith(f"**{lead}**: ")


def test_a_name_the_english_documents_never_mention_is_a_near_miss(english: Pipeline) -> None:
    # The documents date the EU's act; nothing about France's.
    assert english.service.ask("When will the French AI law take effect?").abstained
    assert not english.service.ask("When will the EU AI Act take effect?").abstained


def test_a_korean_question_about_english_documents_is_answered(english: Pipeline) -> None:
    # 영국 can't be looked up in documents that write "UK"; that is no unknown subject.
    answer = english.service.ask("영국은 슈퍼컴퓨터에 얼마를 투자하나요?")
    assert not answer.abstained
    assert any("300 million pound" in q.text for q in answer.quotes)
