"""A firm's head that a table row leaves unnamed, and whom another line writes as its head."""

from __future__ import annotations

import re

from retrieval.answer.spans import people_named
from retrieval.index import NAME_START, looks_like_person

# A row of who attended, with the name column blank: "■ 매스프레소(관다) 대표 • MIT …",
# "■ 포티투마루 대표 • …". The firm opens the row, its other name in brackets or not.
_UNNAMED_HEAD = re.compile(
    r"(?:^|[■□▶•·]\s*)([가-힣A-Za-z][가-힣A-Za-z0-9]{1,11})(?:\([^()]{1,12}\))?\s"
    r"(대표|CEO|CTO|사장|회장|원장|센터장|소장)(?![가-힣])")
# Words that say what kind of firm ("AI 기업 대표"), not which one.
_KINDS = frozenset("AI 기업 회사 업체 스타트업 창업기업 중소기업 대기업 기관 분야 공동".split())


def unnamed_heads(text: str) -> list[tuple[str, str]]:
    """The firms whose head a row writes by title alone, with the title ("■ 포티투마루 대표")."""
    return list(dict.fromkeys(
        (m.group(1), m.group(2)) for m in _UNNAMED_HEAD.finditer(text)
        if m.group(1) not in _KINDS and not looks_like_person(m.group(1))))


def head_of(firm: str, text: str) -> str | None:
    """The person a line writes as the firm's: "매스프레소 이용재 대표", "김동환(포티투마루)"."""
    # A line may write AI where the row writes 인공지능 ("최경진(AI법학회)" of 인공지능법학회).
    f = "|".join(re.escape(w) for w in dict.fromkeys(
        (firm, firm.replace("인공지능", "AI"), firm.replace("AI", "인공지능"))))
    f = f"(?:{f})"
    bracketed = re.search(rf"{NAME_START}([가-힣]{{2,4}})\s?\({f}(?![가-힣A-Za-z0-9])", text)
    if bracketed and looks_like_person(bracketed.group(1)):
        return bracketed.group(1)
    for person in people_named(text):
        p = re.escape(person)
        if re.search(rf"{NAME_START}{f}\s+{p}(?![가-힣])|{NAME_START}{p}\s+{f}(?![가-힣])", text):
            return person
    return None
