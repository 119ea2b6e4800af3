"""Names the documents give only in a list of who was there, never with anything they said."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.index import TITLES, looks_like_person

# A sentence that says who came: "… 최동현 쿼타랩 대표 등 약 70여 명이 참석했다",
# "… 르네 하스 대표도 배석했으며", "토론은 … 진행을 맡고, … 참여했다".
_PRESENT = re.compile(r"참석|배석|참여|참가|진행을 맡|자리했|attend"
                      # "… 관련 전문가 등 7명": those listed, counted.
                      r"|등\s?(?:약\s?)?\d+\s?여?\s?명", re.I)
# What someone is quoted saying ("민간 참여의 폭이 중요하다") is no word of who was present.
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
# One item of such a list: the name with its body and title, between commas.
_ITEM = re.compile(r"[,、]\s*")
_WORD = re.compile(r"[가-힣]{2,}|[A-Za-z]{3,}")
# Three syllables opening with a surname may still be a body ("고려대", "사업단").
_BODY_ENDINGS = ("대", "원", "단", "사", "부", "청", "처", "소", "회", "관", "국")
_RARE = 3
"""A word in more sentences than this names no one in particular ("대표", "교수")."""


def _says_present(sentence: str) -> bool:
    """True for a sentence saying who was present, outside what anyone is quoted saying."""
    return _PRESENT.search(_QUOTED.sub(" ", sentence)) is not None


def _personal(name: str, item: str) -> bool:
    """True when `name` is a person's: Korean in form, or a foreign name of two words before
    a title ("르네 하스 대표"), where one word there may be a body ("데이비스 미스릴 최고경영자")."""
    if looks_like_person(name) and not name.endswith(_BODY_ENDINGS):
        return True
    # A list of people writes each with where they work in brackets ("우신(부경대)"), a name
    # of two syllables too.
    if re.fullmatch(rf"[^가-힣]*{re.escape(name)}\([^)]*[가-힣][^)]*\)\W*", item):
        return True
    rest = r"\s" if " " in name else r"\s[가-힣]{1,4}\s"  # its first word, or the whole name
    return re.search(rf"{re.escape(name)}{rest}(?:{TITLES})(?![가-힣]{{2}})", item) is not None


def only_present(name: str, asked: Sequence[str], holding: Callable[[str], Sequence[str]]
                 ) -> bool:
    """True when every sentence naming `name` says only who was present, and so do its list
    item's other rare words when `name` is no person (a body's person who speaks elsewhere
    is not only present).

    `asked` are the question's other words: a rare one in the item ("KT AI2X 랩" for "which
    KT lab") asks what the list itself says. `holding(word)` gives the texts of the
    sentences that hold the word.
    """
    sentences = holding(name)
    if not sentences or not all(_says_present(s) for s in sentences):
        return False
    for sentence in sentences:
        item = next((part for part in _ITEM.split(sentence) if name in part), "")
        # A word is as rare as the item spells it: "arm" asked is the ARM of six sentences.
        spelled = [m.group(0) for w in asked if len(w) > 1
                   for m in [re.search(re.escape(w), item, re.I)] if m]
        if any(len(holding(w)) <= _RARE for w in spelled):
            return False
        if _personal(name, item):
            # The rest of a person's item is where they work and their title ("성균관대 교수"),
            # which others there hold too: what those others said is not theirs.
            continue
        for word in _WORD.findall(item):
            others = holding(word)
            if word != name and len(others) <= _RARE and not all(_says_present(s)
                                                                 for s in others):
                return False
    return True
