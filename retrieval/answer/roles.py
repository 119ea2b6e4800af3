"""The part someone played at an event (a talk, the congratulations, the chair), for "who did it"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.answer.passages import with_passage
from retrieval.answer.spans import answer_type, asked_spans
from retrieval.index import NAME_START, SURNAME_SYLLABLES, TITLES
from retrieval.search import SearchResult


@dataclass(frozen=True)
class Role:
    """A part at an event: how a question asks for it, and how a sentence says someone played it."""

    name: str
    asked: re.Pattern[str]
    played: re.Pattern[str]
    words: tuple[str, ...]  # how documents name it, to look it up in the lexical index


# Programmes and reports name a part in other words than a reader asks with: the talk is
# a 발제 where a reader says 발표 or "keynote", the congratulations a 축사 where a reader
# says 인사말. Only the words that name the part itself are listed: "전략을 발표한 장관" is
# who announced it, "연구를 진행한 교수" who ran it, "Who chairs the committee?" who leads
# it, so a question asks for the talk or the chair only in words that name it as a part.
ROLES: tuple[Role, ...] = (
    Role("talk",
         re.compile(r"발제|주제\s?발표|발표자|발표(?:를|는|가|도)\s?(?:누가\s?)?(?:맡|했|한|하)|"
                    r"기조\s?(?:연설|강연)|\bkeynote|\bpresentations?\b|\bpresenters?\b|"
                    r"\bgave\s+(?:a|the)\s+talk", re.I),
         re.compile(r"발제|주제\s?발표|기조\s?(?:연설|강연)"),
         ("발제", "발표", "기조연설", "기조강연")),
    # A congratulatory speech is a 축사, not any greeting: the host's "인사말씀" at its own
    # meeting congratulates nobody. A greeting asked for may be either.
    Role("congratulations",
         re.compile(r"축사|축하\s?(?:인사|말|메시지)|\bcongratulat", re.I),
         re.compile(r"축사|축하\s?(?:인사|말|메시지)"),
         ("축사", "축하")),
    Role("greeting",
         re.compile(r"인사\s?말|인사를\s?(?:건넨|건네|전한|전했|했|한)|환영사|개회사|"
                    r"\bwelcom(?:e|ing)\s+(?:speech|address|remarks)|\bgreeting|"
                    r"\bopening\s+(?:remarks|address|speech)", re.I),
         re.compile(r"축사|축하\s?(?:인사|말|메시지)|인사\s?말|환영사|개회사"),
         ("축사", "축하", "인사말", "환영사", "개회사")),
    Role("chair",
         re.compile(r"(?:진행|사회)(?:을|를|은|는)?\s?(?:누가\s?)?맡|사회(?:를|는)\s?(?:누가\s?)?(?:본|봤)|"
                    r"진행자|사회자|좌장|\bmoderat(?:ed|or|ors)\b", re.I),
         re.compile(r"(?:진행|사회)(?:을|를)\s?맡|진행자|사회자|좌장"),
         ("진행", "사회", "진행자", "사회자", "좌장")),
)


def asked_role(question: str) -> Role | None:
    """The part a question asks who played, if it names one."""
    return next((r for r in ROLES if r.asked.search(question)), None)


# A name, then a title within three words, maybe glued to what it heads ("하정우
# 네이버클라우드 인공지능(AI)센터장이"), which the person span leaves out. The name starts
# with a surname and ends in no particle: "행사에는 장관이" names no one.
# The words between end in no particle either: "이후 토론에서 대표" is no 이후 대표.
_TITLED = re.compile(rf"{NAME_START}(?=([{SURNAME_SYLLABLES}][가-힣]{{1,3}})\s"
                     r"(?:(?!\S*(?:에서|에|을|를|은|는|의|와|과|로)\s)\S+\s){0,2}"
                     rf"\S*?(?:{TITLES})(?:이|은|는|가|의|과|와|도)?(?![가-힣]))")  # names may overlap
_PARTICLE_END = re.compile(r"(?:는|의|를|을|도|에|와|로|어|서|이|가)$")


def plays(role: Role, question: str, text: str) -> bool:
    """True when the text says someone played the part, naming them."""
    if not role.played.search(text):
        return False  # the cheap test first: most sentences name no part
    names = [*asked_spans("person", question, text),
             *(m.group(1) for m in _TITLED.finditer(text) if not _PARTICLE_END.search(m.group(1)))]
    # The part is no name: "인사말씀 장관" in a programme names no one.
    return any(not role.played.search(n) for n in names)


def with_role_passage(question: str, result: SearchResult, place: int) -> SearchResult:
    """For "who gave the talk", the hits with a passage saying who did (see `with_passage`).

    The line naming the speaker shares few words with a question naming the event by its
    host or topic, so it ranks low; none of the best documents may name the part at all
    ("인사말을 건넨 장관" of a conference whose story says 축사).
    """
    role = asked_role(question) if answer_type(question) == "person" else None
    if role is None:
        return result
    return with_passage(result, place, lambda text: plays(role, question, text), role.words)
