"""What something was likened to or defined as, for a question asking so."""

from __future__ import annotations

import re

# "반도체를 무엇에 비유했나", "어떤 과목처럼 배워야", "What did he compare chips to?", "How did he
# define ASI?": the answer is a likeness, in the speaker's words. "What did he call it?" is
# left out: it asks for a name given as often as for a likeness.
_ASKS = re.compile(
    r"비유|빗대|빗댄|빗댔|견주|견줘|견준|견줬|처럼|듯(?![가-힣])"
    r"|\bcompar(?:e|es|ed|ing)\b.{0,60}\bto\b|\bliken|\bdefine[ds]?\b|\bmetaphor|\banalog",
    re.I)
# A likeness in so many words ("산수처럼 배워야", "‘…지능’으로 규정"), or a quoted "X는 Y" given
# as what X is ("“반도체는 새로운 총(New Guns)”이라며").
_LIKENS = re.compile(
    r"처럼|같이|듯이?(?![가-힣])|비유|빗대|견주|규정|정의(?:하|했|한)"
    r"|[“\"‘'][^”\"’']{1,30}[은는]\s[^”\"’']{1,60}[”\"’']\s?(?:이)?라(?:며|고|는)")
# The thing likened is the subject or object of the clause the likeness ends ("AI는 이제
# 산수처럼", "ASI를 ‘…지능’으로 규정"), or opens the quote: a word with its particle, not one
# inside another name ("인공지능(AI)센터장은 “미국처럼").
_BEFORE = 40
_PARTICLE = r"(?:은|는|을|를|이|가)(?![가-힣])"


def asks_likeness(question: str) -> bool:
    """True for a question asking what something was likened to or defined as."""
    return bool(_ASKS.search(question))


def likens(text: str, words: list[str]) -> bool:
    """True when the text likens or defines one of `words` (the question's) as something."""
    lower = text.lower()
    said = [re.compile(re.escape(w.lower()) + _PARTICLE) for w in words]
    return any(s.search(lower, max(0, m.start() - _BEFORE), m.end())
               for m in _LIKENS.finditer(text) for s in said)
