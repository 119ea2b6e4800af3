"""Acronyms a Korean question spells out by their letters' names ("엘지" for LG)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# How Korean writes the names of Latin letters; Z (제트) is rare beside G's 지.
_LETTERS = {
    "에이": "A", "비": "B", "씨": "C", "디": "D", "이": "E", "에프": "F", "지": "G", "에이치": "H",
    "아이": "I", "제이": "J", "케이": "K", "엘": "L", "엠": "M", "엔": "N", "오": "O", "피": "P",
    "큐": "Q", "알": "R", "에스": "S", "티": "T", "유": "U", "브이": "V", "더블유": "W", "엑스": "X",
    "와이": "Y", "제트": "Z",
}
# Places whose names happen to spell letters: 아이티 is Haiti, not IT.
_PLACES = frozenset({"아이티"})
# Longest names first: "에이치" is H, not A and a stray 치.
_LETTER = re.compile("|".join(sorted(_LETTERS, key=len, reverse=True)))


def _spelled(word: str) -> str | None:
    """The acronym a word spells letter by letter ("에스케이" → SK), or None."""
    out, at = [], 0
    while at < len(word):
        m = _LETTER.match(word, at)
        if m is None:
            return None
        out.append(_LETTERS[m.group(0)])
        at = m.end()
    return "".join(out) if len(out) >= 2 else None


def lettered(text: str, names: Iterable[str], written: Callable[[str], bool]) -> str:
    """The text with each name spelled by letters ("엘지") written as its acronym ("LG").

    `names` are the text's proper nouns (Kiwi tags "엘지", "케이티" so; the common nouns it
    could also spell, "이유" or "디비", it does not); `written(acronym)` says whether the
    documents write it, as only then is the spelling theirs to search.
    """
    # Longest first: "케이티엑스" is not KT and 엑스.
    for name in sorted(set(names) - _PLACES, key=len, reverse=True):
        acronym = _spelled(name)
        if acronym is not None and written(acronym):
            text = re.sub(rf"(?<![가-힣]){re.escape(name)}", acronym, text)
    return text
