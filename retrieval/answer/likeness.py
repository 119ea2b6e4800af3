"""What something was likened to or defined as, for a question asking so."""

from __future__ import annotations

import re

from retrieval.answer.passages import with_passage
from retrieval.index import Morphology
from retrieval.search import SearchResult

# "반도체를 무엇에 비유했나", "어떤 과목처럼 배워야", "What did he compare chips to?", "How did he
# define ASI?": the answer is a likeness, in the speaker's words. "What did he call it?" or
# "… call the model?" asks for a name given; "What did Son call semiconductors?" calls a
# thing named by one common noun, in lower case, what it is likened to ("call sovereign AI"
# is left out: its AI would be any likeness of AI).
_ASKS = re.compile(
    # "말했듯이", "알려졌듯이" say as someone said or as is known, and liken nothing.
    r"비유|빗대|빗댄|빗댔|견주|견줘|견준|견줬|처럼|(?<![했졌봤왔었])듯이?(?![가-힣])"
    r"|\bcompar(?:e|es|ed|ing)\b.{0,60}\bto\b|\bliken|\bdefine[ds]?\b|\bmetaphor|\banalog(?:y|ies)\b"
    r"|(?-i:\bcall(?:s|ed)?\s+(?!(?:it|its|his|her|their|this|that|these|those|the|a|an|him|them"
    r"|for|upon|on|off|out|up|back|in)\b)"
    r"[a-z][a-z-]{2,}(?=\s*(?:[?.!,]|$|(?:during|at|in|on|when|while|according|before|after)\b)))"
    # "울산을 어떤 도시라고 표현했나": what it was called, in the speaker's words.
    r"|(?:어떤|무슨|뭐|무엇)\s*(?:[가-힣]{1,6}(?:이)?)?라고\s*(?:표현|불렀|부르|부른|칭(?!찬)|일컬|묘사)",
    re.I)
# The same, said in so many words: no bare "처럼" or "듯".
_ASKS_IN_WORDS = re.compile(
    r"비유|빗대|빗댄|빗댔|견주|견줘|견준|견줬"
    r"|\bliken|\bdefine[ds]?\b|\bmetaphor|\banalog(?:y|ies)\b", re.I)
# "How much did it grow compared to last year?" compares amounts, not a likeness, unless it
# asks for one in so many words.
_AMOUNT = re.compile(r"얼마|몇|how (?:much|many)", re.I)
_LIKENESS_ASKED = re.compile(r"비유|빗대|견주|견줘|liken|define", re.I)
# The verbs of the question that ask for a likeness, as Kiwi gives them.
ASKING_WORDS = re.compile(r"비유|빗대|견주|견줘|처럼")
# A likeness in so many words ("산수처럼 배워야", "‘…지능’으로 규정"), or a quoted "X는 Y" given
# as what X is ("“반도체는 새로운 총(New Guns)”이라며").
_LIKENS = re.compile(
    # Not "다음과 같이" (as follows), nor the noun 규정 (a rule).
    r"처럼|(?<![과와]\s)(?<![과와])같이|듯이?(?![가-힣])|비유|빗대|견주|규정(?:하|했|한|해)|정의(?:하|했|한)"
    r"|[“\"‘'][^”\"’']{1,30}[은는]\s[^”\"’']{1,60}[”\"’']\s?(?:이)?라(?:며|고|는)"
    # "울산을 “대한민국 산업화의 첫 출발지”라고 언급하며": a name given its object in quotes
    # ("울산은 “…”라고 언급했다" is only something said).
    r"|[을를]\s[“\"‘'][^”\"’']{2,40}[”\"’']\s?(?:이)?라고\s?"
    r"(?:언급|표현|불렀|부르|부른|칭(?!찬)|일컬|묘사|규정)")
# The thing likened is the subject or object of the clause the likeness ends ("AI는 이제
# 산수처럼", "ASI를 ‘…지능’으로 규정"), or opens the quote: a word with its particle, not one
# inside another name ("인공지능(AI)센터장은 “미국처럼").
_BEFORE = 40
_NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "XR"})
_PARTICLE = r"(?:은|는|을|를|이|가)(?![가-힣])"


def asks_likeness(question: str, strictly: bool = False) -> bool:
    """True for a question asking what something was likened to or defined as.

    `strictly`: only when it says so in so many words ("비유", "빗대", "define"), not by a
    bare "처럼" ("작년처럼 올해도 늘렸나요?").
    """
    if strictly:
        return bool(_ASKS_IN_WORDS.search(question))
    return bool(_ASKS.search(question)) and not (
        _AMOUNT.search(question) and not _LIKENESS_ASKED.search(question))


def likens(text: str, words: list[str]) -> bool:
    """True when the text likens or defines one of `words` (the question's) as something."""
    lower = text.lower()
    # A whole word: "openai는" is no "ai는".
    said = [re.compile(r"(?<![가-힣a-z0-9])" + re.escape(w.lower()) + _PARTICLE) for w in words]
    return any(s.search(lower, max(0, m.start() - _BEFORE), m.end())
               for m in _LIKENS.finditer(lower) for s in said)


def likeness_words(tokens: list[str]) -> list[str]:
    """The question's words a likeness may be of ("ai" among them: 인공지능 is searched as AI too)."""
    return [t for t in tokens if len(t) > 1 and not ASKING_WORDS.fullmatch(t)]


def likened_object(morph: Morphology, question: str) -> list[str]:
    """The words a Korean question asks the likeness of: its object ("AI 공부를 무엇에 비유")."""
    ms = morph.morphemes(question)
    objects: list[str] = []
    for i, m in enumerate(ms):
        if m.tag != "JKO":
            continue
        # The whole noun phrase: "AI 공부를" likens AI study, which a likeness of AI answers.
        j = i
        while j > 0 and ms[j - 1].tag in _NOUN_TAGS:
            j -= 1
        objects += [m.form.lower() if m.tag == "SL" else m.form for m in ms[j:i]]
        # Its words as written too: Kiwi splits "인공지능을" into 인공 + 지능, and only the
        # whole word has its other spelling (AI).
        if j < i:
            objects += question[ms[j].start:ms[i - 1].end].lower().split()
    return morph.expand(list(dict.fromkeys(objects))) if objects else []


def likened_words(morph: Morphology, question: str, tokens: list[str]) -> list[str]:
    """What the answer must liken: the question's object, else any word it searched."""
    return likened_object(morph, question) or likeness_words(tokens)


def with_likeness_passage(question: str, result: SearchResult, place: int,
                          morph: Morphology) -> SearchResult:
    """For "무엇에 비유했나", the hits with a passage likening what the question asks about.

    A likeness is often one item of a list under its speaker's lead-in ("손 회장은 … 다음을
    제시했다"), in a passage that shares little else with the question. The question's
    object, when it has one, is what must be likened: "시설을 어떤 길에 비유" is not
    answered by a likeness of 울산 it also names.
    """
    if not asks_likeness(question):
        return result
    words = likened_words(morph, question, result.tokens)
    return with_passage(result, place, lambda text: likens(text, words))
