"""A numbered session asked about ("the second committee meeting") that the documents never number."""

from __future__ import annotations

import re

# Korean numbers as ordinals are written: "두 번째", not "둘 번째".
_KOREAN_ORDINALS = {1: "첫", 2: "두", 3: "세", 4: "네", 5: "다섯"}
_ENGLISH_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
                     "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
# The events that are numbered. A stage, a round of funding or a speaker is numbered too
# ("2단계", "두 번째 발제자"), and is not a session.
_EVENTS = ("회의", "위원회", "회담", "간담회", "총회", "세미나", "포럼", "컨퍼런스")
_ENGLISH_EVENTS = ("meeting", "session", "committee", "council", "summit", "conference", "forum",
                   "seminar")
# "첫 번째 세미나 발표자": the ordinal may number who spoke there rather than the event.
_NUMBERED_PEOPLE = "(?:발표자|발제자|연사|사회자|참석자|발표|발제)"
# The number, then the event in one word ("2차 국가AI위원회", "두 번째 세미나"): a word between
# is more often what is numbered ("2차 전지", "두 번째 발제자").
_KOREAN_ASKED = re.compile(
    r"(?<![\d가-힣])(?:제\s*)?(\d)\s*차\s*([가-힣A-Za-z]*?"
    rf"(?:{'|'.join(_EVENTS)}))(?!\s*(?:의\s*)?{_NUMBERED_PEOPLE})|"
    r"(?<![가-힣])(첫|두|세|네|다섯)\s*번째\s*([가-힣A-Za-z]*?"
    rf"(?:{'|'.join(_EVENTS)}))(?!\s*(?:의\s*)?{_NUMBERED_PEOPLE})")
# In English, only the event's own name stands between ("the second National AI Committee
# meeting"): "the second presenter at the seminar" numbers the presenter.
_ENGLISH_ASKED = re.compile(
    rf"\b((?i:{'|'.join(_ENGLISH_ORDINALS)}))\s+((?:[A-Z][A-Za-z]*\s+){{0,3}}?"
    rf"(?i:{'|'.join(_ENGLISH_EVENTS)}))s?\b")
_ANY_EVENT = "|".join((*_EVENTS, "콘퍼런스"))  # as the documents may write any of them
_NEAR = 30  # characters from the ordinal to the event it numbers ("제1차 국가인공지능위원회")


def _asked(question: str) -> tuple[int, str] | None:
    """The number and the question's phrase of an event it asks about by its number."""
    m = _KOREAN_ASKED.search(question)
    if m is not None:
        number = int(m.group(1)) if m.group(1) else next(
            n for n, w in _KOREAN_ORDINALS.items() if w == m.group(3))
        return number, m.group(0)
    m = _ENGLISH_ASKED.search(question)
    if m is not None:
        return _ENGLISH_ORDINALS[m.group(1).lower()], m.group(0)
    return None


def unnumbered_session(question: str, corpus: str) -> str | None:
    """The question's words for a numbered session the documents never number so, or None.

    "Who chaired the second National AI Committee meeting?" over documents that write only
    "제1차 국가인공지능위원회" asks about a session they don't cover.
    """
    asked = _asked(question)
    if asked is None:
        return None
    number, phrase = asked
    ordinal = rf"(?:제\s*)?{number}\s*차|{number}\s*번째"
    if number in _KOREAN_ORDINALS:
        ordinal += rf"|{_KOREAN_ORDINALS[number]}\s*번째"
    # Any event so numbered counts: "국가AI위원회 1차 회의" is the "제1차 국가인공지능위원회"
    # the documents write, whichever word each gives the session.
    if re.search(rf"(?:{ordinal}).{{0,{_NEAR}}}?(?:{_ANY_EVENT})", corpus):
        return None
    return phrase


def _day(korean: str, number: int, english: str) -> tuple[str, str]:
    """A day's Korean ways, with its "N일차" (not 차관 or 차량 after a date), and English ones."""
    return rf"{korean}|(?<![\d.]){number}일\s?차(?![관량장례원선종])", english


# A day of an event by its number ("둘째 날", "2일차", "the second day"), the ways of each.
_DAYS = (
    _day(r"첫\s?날|첫째\s?날|첫\s?번째\s?날", 1, r"first day|day (?:one|1)\b|opening day"),
    _day(r"둘째\s?날|이튿\s?날|두\s?번째\s?날", 2, r"second day|day (?:two|2)\b"),
    _day(r"셋째\s?날|사흗\s?날|세\s?번째\s?날", 3, r"third day|day (?:three|3)\b"),
    _day(r"넷째\s?날|나흗\s?날|네\s?번째\s?날", 4, r"fourth day|day (?:four|4)\b"),
)


def unnumbered_day(question: str, corpus: str) -> str | None:
    """The question's words for a day of an event by number the documents never write, or None.

    "초격차 컨퍼런스 둘째 날 주제는?" over documents that tell only of its 첫날 asks about a
    day they don't cover.
    """
    for korean, english in _DAYS:
        m = re.search(korean, question) or re.search(english, question, re.I)
        if m is not None:
            written = re.search(korean, corpus) or re.search(english, corpus, re.I)
            return None if written else m.group(0)
    return None
