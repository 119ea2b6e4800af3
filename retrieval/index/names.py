"""How Korean text writes names: a person with the body they belong to and a title, or a
name written out whole however Kiwi split it."""

import re

# What may stand between a name and its title: the body they belong to ("중소벤처기업부",
# "광주과학기술원", "성균관대", "LG"), never an ordinary word ("진행을 맡고").
BODY_WORD = (r"[가-힣A-Za-z·&]*(?:원|부|처|청|대|대학교|회|사|소|단|국|실|그룹|센터|재단|공사|"
             r"[A-Za-z])")
# A name starts a word: not the "연구원" of "AI연구원", nor a word's tail.
NAME_START = r"(?<![가-힣A-Za-z0-9])"

# English titles and the Korean title a document writes after the name for each.
ENGLISH_TITLES = {
    "president": "대통령", "chairman": "회장", "minister": "장관", "ceo": "대표", "head": "대표",
    "mayor": "시장", "governor": "지사", "professor": "교수", "founder": "창업자",
}

_HANGUL_WORD = re.compile(r"[가-힣]{2,}")


def written_out(term: str, *texts: str) -> bool:
    """True when a Korean name of two or more syllables is written verbatim in one of the texts.

    Kiwi splits a name in some contexts and not others ("기업: 래블업 ·" gives 래블 + 업), so
    a name the text holds letter for letter is there even when its morphemes differ.
    """
    return bool(_HANGUL_WORD.fullmatch(term)) and any(term in t for t in texts)
