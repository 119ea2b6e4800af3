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
    "store_empty": {
        "ko": "문서 저장소가 비어 있어 답할 수 없습니다. 운영자가 `policybot ingest`로 문서를 다시 넣어야 합니다.",
        "en": "The document store is empty, so I can't answer. An operator must re-ingest the"
              " documents (`policybot ingest`).",
    },
    "store_down": {
        "ko": "문서 저장소에 지금 연결할 수 없습니다. 잠시 뒤에 다시 물어봐 주세요.",
        "en": "I can't reach the document store right now. Please ask again in a moment.",
    },
    "store_broken": {
        "ko": "문서 저장소에 문제가 있어 지금은 답할 수 없습니다. 운영자가 로그에서 원인을 확인해야 합니다.",
        "en": "The document store has a problem, so I can't answer right now. An operator must"
              " check the logs.",
    },
    "llm_paused": {
        "ko": "언어 모델이 잇달아 응답하지 않아 잠시 쉬게 했습니다. 문서에서 바로 뽑은 답입니다.",
        "en": "The language model failed repeatedly and is paused for a while; this answer is"
              " taken straight from the documents.",
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
