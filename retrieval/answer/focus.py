"""The words a Korean question ties its asked-for span to ("비용" in "비용은 얼마")."""

from __future__ import annotations

import itertools
import re

from retrieval.answer.spans import AnswerType
from retrieval.index import ASKING_WORDS, Morpheme, Morphology

FOCUSED_KINDS: frozenset[AnswerType] = frozenset({"date", "money"})
"""Kinds whose span must stand in one sentence with the question's focus word.

On held-out KorQuAD questions this refused no answerable one more (629 of 691 either way);
for head counts, shares and times of day it refused paraphrases on our own sets
("유지비를 몇 퍼센트" where the text says 운영비), so they are left out.
"""

ENGLISH_FOCUSED_KINDS: frozenset[AnswerType] = frozenset({"date", "money", "count", "people", "percent"})
"""The same for English questions, whose words are looked for through the glossary and names:
"How many GPUs will the Ulsan center house?" is not answered by the country's GPU count, nor
"What share of Korea's venture investment …" by the world's share."""

# The words that ask for the span; what the question wants it of stands right next to them.
_ASKERS = frozenset({"얼마", "언제", "몇", "며칠", "어디", "누구", "누가", "규모", "금액", "액수"})
# Nouns that name the kind of answer, not what it is of ("열린 시기는 언제").
_KIND_NOUNS = frozenset({"시기", "날짜", "시점", "연도", "년도", "일자", "일시", "기간", "금액", "액수",
                         "인원", "수치", "장소", "성함", "성명", "이름", "시각", "시간", "규모"})
_NOUNS = frozenset({"NNG", "NNP", "XR", "SL"})
# Verbs too plain to say what is asked ("얼마 들었나", "언제 하나").
_PLAIN_VERBS = frozenset({"하", "있", "되", "들", "쓰", "받", "주", "보", "나오", "가", "오",
                          "만들", "이", "없", "알", "말하"})
BEFORE = 1  # the noun right before the asking word: "비용은 얼마" is about 비용
AFTER = 1  # the word right after it: "언제부터 시행되나" is about 시행


def _content(m: Morpheme) -> bool:
    return (m.form not in ASKING_WORDS and m.form not in _ASKERS and m.form not in _KIND_NOUNS
            and len(m.form) > 1)


def focus_words(morph: Morphology, question: str) -> list[str]:
    """The nouns just before the first asking word and the word just after it.

    An answer sentence states its span of the thing asked about: "딥시크 비용은 얼마" is not
    answered by a head count beside 딥시크, nor "법은 언제부터 시행" by a date of another event.
    """
    ms = morph.morphemes(question)
    at = next((i for i, m in enumerate(ms) if m.form in _ASKERS), None)
    if at is None:
        return []
    before: list[str] = []
    for m in reversed(ms[:at]):
        if len(before) >= BEFORE or m.tag in {"SF", "SP", "EC", "EF"}:
            break
        if m.tag in _NOUNS and _content(m):
            before.append(m.form.lower() if m.tag == "SL" else m.form)
    after: list[str] = []
    # A counter right after 몇 ("몇 곳", "몇 건") is the unit, not the subject.
    rest = ms[at + 1:]
    if ms[at].form == "몇" and rest and rest[0].tag in {"NNB", "NNG"}:
        rest = rest[1:]
    for m in rest:
        if len(after) >= AFTER or m.tag in {"SF", "EF"}:
            break
        if ((m.tag in _NOUNS or m.tag == "VV") and _content(m)
                and m.form not in _PLAIN_VERBS):
            after.append(m.form)
    return list(dict.fromkeys(before[::-1] + after))


# Where a clause of a Korean sentence ends: a joining ending before a comma, or a full stop.
_CLAUSE_END = re.compile(r"(?:며|고|는데|지만|면서|으나|나),\s|[.?!](?:\s|$)")


def in_one_clause(text: str, span: str, words: list[str]) -> bool:
    """True when a clause of the text holds the span and every one of the words.

    "지난해 7월 ‘…전략’을 발표한 바 있으며, … 촉진법 마련 등을 과제로 제시": the month is
    when the strategy came out, not when the law did.
    """
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(text)), len(text)]
    clauses = [text[a:b] for a, b in itertools.pairwise(bounds)]
    return any(span in c and all(w in c or (len(w) > 2 and w[:2] in c) for w in words)
               for c in clauses)
