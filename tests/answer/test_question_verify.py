"""Question cleaning and the verbatim check."""

from __future__ import annotations

from retrieval.answer import MAX_QUESTION_CHARS, clean_question, detect_lang
from retrieval.documents import is_verbatim, normalize


def test_detect_lang() -> None:
    assert detect_lang("SK는 울산에 얼마를?") == "ko"
    assert detect_lang("How much will SK invest?") == "en"


def test_clean_question_limits_and_flags() -> None:
    q = clean_question("가" * (MAX_QUESTION_CHARS + 10))
    assert q.truncated and len(q.text) == MAX_QUESTION_CHARS
    assert clean_question("🙂🙂").empty
    assert clean_question(None).empty
    assert not clean_question("AI?").empty


def test_normalize_drops_markup_and_whitespace() -> None:
    assert normalize("**가벼운   증상은**\n동네 <b>병원</b>") == "가벼운 증상은 동네 병원"
    assert normalize(r"AI+X\* 전략") == "AI+X* 전략"


def test_is_verbatim() -> None:
    doc = "정부는 **AI** 예산을\n  늘린다고 밝혔다."
    assert is_verbatim("AI 예산을 늘린다고", doc)
    assert not is_verbatim("AI 예산을 줄인다고", doc)
    assert not is_verbatim("   ", doc)
