"""Spot document text that talks to an assistant instead of stating anything."""

from __future__ import annotations

import re

_STOP = r"[^.!?\n]"
# Text that addresses an assistant: about its instructions or prompt, or telling it what
# to answer. A policy document has no reason to say this, so such a sentence is an
# injection, never evidence, and is not answered as fact in any mode.
_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        # English: the assistant's instructions and prompt
        rf"\b(ignore|disregard|forget|override|bypass)\b{_STOP}{{0,25}}"
        rf"\b(previous|prior|above|earlier|preceding|your|these|system)\b{_STOP}{{0,15}}"
        r"\b(instructions?|prompts?|rules|guidelines)\b",
        rf"\b(ignore|disregard|forget)\b{_STOP}{{0,20}}\b(instructions?|prompts?|rules)\s+(above|before)\b",
        r"\b(system|developer|hidden)\s+(prompt|instructions?)\b",
        rf"\b(reveal|print|show|repeat|output|leak)\b{_STOP}{{0,30}}"
        r"\b(your|the\s+system)\s+(prompt|instructions|rules)\b",
        r"\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+(you|answer|respond|reply|say)\b",
        # English: telling it what to answer
        r"(^|[.!?:]\s+)(always\s+|only\s+|now\s+|please\s+)?(say|answer|respond|reply)\s+"
        r"(that\b|with\b|only\b|exactly\b|:?\s*[\"“‘'])",
        r"\btell\s+(the\s+)?users?\s+that\b",
        r"\b(the\s+)?(assistant|chatbot|language\s+model|llm|ai\s+model)\s+(must|should|shall)\s+"
        r"(answer|respond|reply|say|state|claim)\b",
        # Korean: the assistant's instructions and prompt
        rf"(이전|앞의|앞선|위의|위에서|기존|모든|너의|당신의){_STOP}{{0,10}}"
        rf"(지시|지침|명령|프롬프트){_STOP}{{0,15}}(무시|잊)",
        r"시스템\s*(프롬프트|지시)",
        rf"(너의|당신의)\s*(프롬프트|지시문|지침){_STOP}{{0,20}}(공개|출력|보여|알려|말해)",
        rf"프롬프트{_STOP}{{0,10}}그대로",
        r"(너|당신|챗봇|어시스턴트)(는|은)\s*이제(부터)?\b|이제부터\s*(너|당신)(는|은)",
        # Korean: telling it what to answer ("…라고 답하라")
        r"(라고|다고|이라고)\s*(만\s*)?(답|대답|응답|답변|출력)\s*(을\s*|를\s*)?"
        r"(하라|해라|하시오|하십시오|하세요|해\s*주세요|해줘|해|할\s*것)(?![가-힣])",
        r"(챗봇|어시스턴트|인공지능\s*비서|언어\s*모델)(은|는|이|가)\s*"
        rf"{_STOP}{{0,30}}(답|대답|응답|답변)(하라|해라|해야\s*한다|하세요)",
    )
]


def reads_as_instruction(text: str) -> bool:
    """True when the text addresses an assistant (its rules, its prompt, what to answer)."""
    return any(p.search(text) for p in _PATTERNS)
