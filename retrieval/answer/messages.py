"""The fixed sentences the bot says, in Korean and English."""

from __future__ import annotations

from retrieval.answer.question import MAX_QUESTION_CHARS

_TEXT = {
    "empty": {
        "ko": "질문을 입력해 주세요. 예: “SK는 울산에 얼마를 투자하나요?” "
              "(Please type a question, e.g. “How much will SK invest in Ulsan?”)",
        "en": "Please type a question, e.g. “How much will SK invest in Ulsan?” "
              "(질문을 입력해 주세요.)",
    },
    "not_found": {
        "ko": "문서에서 답을 찾지 못했습니다.",
        "en": "I couldn't find that in the documents.",
    },
    "nearest": {"ko": " 가장 가까운 문서: {titles}", "en": " Closest documents: {titles}"},
    "steer": {
        "ko": "저는 등록된 문서에 대한 질문에만 답합니다. 문서 내용에 대해 물어봐 주세요.",
        "en": "I only answer questions about the documents I hold. Please ask about their content.",
    },
    "truncated": {
        "ko": f"질문이 너무 길어 앞 {MAX_QUESTION_CHARS}자만 사용했습니다.",
        "en": f"Your question was too long; only its first {MAX_QUESTION_CHARS} characters were used.",
    },
}


def say(key: str, lang: str, **kwargs: str) -> str:
    """The message `key` in `lang` (Korean when the language is unknown)."""
    table = _TEXT[key]
    return table.get(lang, table["ko"]).format(**kwargs)
