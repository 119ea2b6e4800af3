"""Questions asking for a whole list, and the lines that give it."""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.answer.extractive import ScoredSentence
from retrieval.index import item_number

_KOREAN_COUNTS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_ENGLISH_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                   "nine": 9}
# What a list is of: "5가지", "4대 핵심 자원", "3개 과제". "5년" or "7조원" counts no list; nor
# do a rank ("2대 주주"), a generation ("MZ 세대") or "네" as "your"; 대 and 개 follow digits.
_LISTED = (r"(?:가지|(?<=\d)대(?!\s*(?:주주|도시|그룹|기업|대통령|국회|총선))(?=\s*[가-힣]{2})"
           r"|(?<=\d)개(?:의)?\s*(?=[가-힣]{2}))")
_ASKS_KO = re.compile(rf"(?<![\d가-힣])(\d|두|세|네|다섯|여섯|일곱|여덟|아홉)\s?{_LISTED}")
# A count that asks when, how many or how much is no list asked for
# ("5개 기업 육성 목표 연도는?").
_NOT_ITEMS = re.compile(r"몇|언제|연도(?!별)|시기(?!별)|얼마|\bhow (?:many|much)\b|^\s*when\b|"
                        r"\bwhen (?:is|was|were|will|did|does|do)\b", re.I)
_ASKS_EN = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|[2-9])\s+(?:[\w-]+\s+){0,2}?"
    r"(?:proposals|strategies|tasks|resources|elements|pillars|areas|points|measures|steps|"
    r"priorities|recommendations|suggestions|requests|things|factors|goals|policies)\b", re.I)
# The line that gives a list's items in one run ("구체적으로 △… △…", "① … ②").
_RUN = re.compile(r"△|①|▲.*▲")


def asked_list(question: str) -> int | None:
    """How many items a question asks for as a list, if it asks for one."""
    if _NOT_ITEMS.search(question):
        return None
    m = _ASKS_KO.search(question)
    if m is not None:
        n = m.group(1)
        return int(n) if n.isdigit() else _KOREAN_COUNTS[n]
    m = _ASKS_EN.search(question)
    if m is not None:
        n = m.group(1).lower()
        return int(n) if n.isdigit() else _ENGLISH_COUNTS[n]
    return None


def announces(n: int, text: str) -> bool:
    """True when the text counts a list of `n` ("핵심 제안 5가지", "6가지 전략", "네 가지 자원")."""
    words = [str(n)] + [k for k, v in _KOREAN_COUNTS.items() if v == n]
    return any(re.search(rf"(?<![\d가-힣]){w}\s?{_LISTED}", text) for w in words)


def list_lines(n: int, cands: list[ScoredSentence], follows: Callable[[str, str], bool],
               window: int = 5) -> list[ScoredSentence]:
    """The line announcing a list of `n` among the top candidates, then its items, if found."""
    # Items are the numbered lines under a heading that announces the list, or the next line
    # giving them in one run after a sentence that does (`follows(a, b)`: b comes right after
    # a). All of them must be candidates: a list half found would read as the whole.
    for c in cands[:window]:
        s = c.sentence
        if s.kind == "heading" and announces(n, s.text):
            head = c
        elif announces(n, s.heading) and s.heading:
            head = next((h for h in cands if h.sentence.kind == "heading"
                         and h.sentence.source == s.source and h.sentence.text.endswith(s.heading)),
                        c)
        elif announces(n, s.text):
            # The next line may open the next passage, which repeats this one's last line.
            run = next((r for r in cands if follows(s.id, r.sentence.id)
                        and _RUN.search(r.sentence.text)), None)
            if run is not None:
                return [c, run]
            continue
        else:
            continue
        label = head.sentence.text if head.sentence.kind == "heading" else s.heading
        items = sorted((i for i in cands if i.sentence.source == s.source
                        and i.sentence.heading and label.endswith(i.sentence.heading)
                        and item_number(i.sentence.text) is not None),
                       key=lambda i: item_number(i.sentence.text) or 0)
        numbers = {item_number(i.sentence.text) for i in items}
        if numbers >= set(range(1, n + 1)):
            firsts = [next(i for i in items if item_number(i.sentence.text) == k)
                      for k in range(1, n + 1)]
            return ([head] if head.sentence.kind == "heading" else []) + firsts
    return []
